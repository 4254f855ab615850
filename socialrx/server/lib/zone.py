"""The one time zone and the one date-time format every page, form and export uses."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import dateformat
from django.utils.timezone import is_aware, localtime, now

from socialrx.server.lib.access import active_strategy_version
from socialrx.server.lib.mappers import strategy_of

# "Mon Dec 7, 2026 09:00": weekday, date and 24-hour time, always in the display zone. The same
# formats are Django's defaults for dates shown without a filter (socialrx/server/formats/en).
DATETIME_FORMAT = "D M j, Y H:i"


def display_zone() -> ZoneInfo:
    """Return the zone times are shown and typed in: the active strategy's, or UTC without one."""
    version = active_strategy_version()
    return ZoneInfo(strategy_of(version).organisation.timezone if version else "UTC")


def zone_label(zone: ZoneInfo, at: datetime | None = None) -> str:
    """Return a zone as people read it: 'America/New_York (EST)'."""
    abbreviation = (at or now()).astimezone(zone).tzname()
    return zone.key if abbreviation in (None, zone.key) else f"{zone.key} ({abbreviation})"


def format_when(value: datetime | str | None) -> str:
    """Return an instant (or its ISO 8601 text) in the active zone and the house format, or '' for none."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    shown = localtime(value) if is_aware(value) else value
    return dateformat.format(shown, DATETIME_FORMAT)
