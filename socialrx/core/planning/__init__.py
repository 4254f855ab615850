"""The content calendar: plan slots from a strategy, check the plan's health, export and import it."""

from .bulk import CalendarFileError, CalendarProblem, CalendarRow, export_bulk_csv, import_calendar_csv
from .health import CadenceGap, PillarMonthMix, PlanHealth, ThemeCoverage, plan_health
from .ics import slot_uid, slots_to_ics
from .model import EngagementRow, ExistingPost, PlanDiff, Slot
from .planner import plan_slots, replan
from .tables import slots_from_json, slots_to_csv, slots_to_json

__all__ = [
    "CadenceGap",
    "CalendarFileError",
    "CalendarProblem",
    "CalendarRow",
    "EngagementRow",
    "ExistingPost",
    "PillarMonthMix",
    "PlanDiff",
    "PlanHealth",
    "Slot",
    "ThemeCoverage",
    "export_bulk_csv",
    "import_calendar_csv",
    "plan_health",
    "plan_slots",
    "replan",
    "slot_uid",
    "slots_from_json",
    "slots_to_csv",
    "slots_to_ics",
    "slots_to_json",
]
