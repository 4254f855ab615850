"""Writes of the analytics area: imports (all or nothing), monthly values entered by hand, connector metrics,
report recipients and sends."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.timezone import now

from socialrx.connectors.base import PostMetrics
from socialrx.core.analytics.formulas import days_in_month
from socialrx.core.analytics.imports.formats import (
    EXPORT_FORMATS,
    ParsedExport,
    export_format_of,
    parse_export,
)
from socialrx.core.analytics.imports.tabular import ExportFormatError, Problem
from socialrx.core.strategy.schema import SERIES_PATTERN
from socialrx.server.actions import ActionError
from socialrx.server.lib import analytics_store as store
from socialrx.server.lib.access import require_capability
from socialrx.server.lib.audit import log
from socialrx.server.models import AnalyticsImport, MonthlyReport, ReportRecipient, SeriesSource, SeriesValue

MAX_IMPORT_BYTES = 50_000_000

# Which detected export formats each `socialrx import KIND` accepts.
IMPORT_KINDS: dict[str, tuple[str, ...]] = {
    "linkedin": ("linkedin_posts", "linkedin_content", "linkedin_followers", "linkedin_visitors"),
    "x": ("x_tweet_activity", "x_content", "x_account_overview"),
    "youtube": ("youtube_studio", "youtube_daily"),
    "ga4": ("ga4_traffic", "ga4_events"),
    "ads": ("ad_spend", "linkedin_campaign_manager"),
    "crm": ("crm_touches",),
}
# The format a kind's file most likely is, whose missing columns are named when a header matches no format.
USUAL_FORMAT = {"youtube": "youtube_studio", "ga4": "ga4_traffic", "ads": "ad_spend", "crm": "crm_touches"}
FORMAT_LABELS = {f.key: f.label for f in EXPORT_FORMATS}


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: the stored import record (None when the file was imported before) and its counts."""

    record: AnalyticsImport | None
    format: str
    rows_read: int
    created: int
    updated: int
    unchanged: int
    already_imported: bool = False

    @property
    def summary(self) -> str:
        label = FORMAT_LABELS.get(self.format, self.format)
        if self.already_imported:
            return f"{label}: this exact file was imported before; nothing changed."
        return (f"{label}: {self.rows_read} rows read, {self.created} new, {self.updated} updated, "
                f"{self.unchanged} unchanged.")


def check_import_export(user, data: bytes, *, file_name: str, kind: str | None = None) -> ParsedExport:
    """Authorise, decode and parse an export; raise ExportFormatError naming file, row and column."""
    if user is not None:
        require_capability(user, "import_analytics")
    if kind is not None and kind not in IMPORT_KINDS:
        raise ActionError(f"Unknown import kind {kind!r}; use one of {', '.join(IMPORT_KINDS)}.")
    if len(data) > MAX_IMPORT_BYTES:
        raise ActionError(f"{file_name}: the file is larger than 50 MB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ExportFormatError([Problem(file_name, 1, None, "the file is not UTF-8 or UTF-16 text")]) from None
    if export_format_of(text) is None and kind in USUAL_FORMAT:
        # The header matched no format: read it as the usual format of this kind, to name the missing columns.
        export_format = next(f for f in EXPORT_FORMATS if f.key == USUAL_FORMAT[kind])
        parsed = ParsedExport(export_format.key, file_name, export_format.parse(text, file_name=file_name))
    else:
        parsed = parse_export(text, file_name=file_name)
    if kind is not None and parsed.format not in IMPORT_KINDS[kind]:
        raise ExportFormatError([Problem(file_name, 1, None, f"this is a {FORMAT_LABELS[parsed.format]}, "
                                         f"not a {kind} export")])
    return parsed


def do_import_export(
    user, parsed: ParsedExport, data: bytes, *, current_total: int | None = None, measured_on: date | None = None
) -> ImportOutcome:
    """Store a parsed export in one transaction and record the import; an identical file changes nothing."""
    content_hash = hashlib.sha256(data).hexdigest()
    if AnalyticsImport.objects.filter(content_hash=content_hash).exists():
        return ImportOutcome(None, parsed.format, len(parsed.rows), 0, 0, len(parsed.rows), already_imported=True)
    with transaction.atomic():
        created, updated, unchanged = _store(parsed, current_total=current_total,
                                             measured_on=measured_on or now().date())
        record = AnalyticsImport.objects.create(
            file_name=parsed.file_name[:255], format=parsed.format, content_hash=content_hash,
            rows_read=len(parsed.rows), rows_created=created, rows_updated=updated, rows_unchanged=unchanged,
            imported_by=user if user is not None and user.is_authenticated else None, imported_at=now(),
        )
        log("socialrx.analytics.import", actor=user, obj=record, revision_hash=content_hash,
            data={"file": parsed.file_name, "format": parsed.format, "rows": len(parsed.rows),
                  "created": created, "updated": updated})
    return ImportOutcome(record, parsed.format, len(parsed.rows), created, updated, unchanged)


def import_export(user, data: bytes, *, file_name: str, kind: str | None = None,
                  current_total: int | None = None) -> ImportOutcome:
    """Check and import one export file (an identical file seen before is recognised before parsing)."""
    if user is not None:
        require_capability(user, "import_analytics")
    previous = AnalyticsImport.objects.filter(content_hash=hashlib.sha256(data).hexdigest()).first()
    if previous is not None:
        return ImportOutcome(None, previous.format, previous.rows_read, 0, 0, previous.rows_read,
                             already_imported=True)
    parsed = check_import_export(user, data, file_name=file_name, kind=kind)
    return do_import_export(user, parsed, data, current_total=current_total)


def _store(parsed: ParsedExport, *, current_total: int | None, measured_on: date) -> store.Counts:
    rows = parsed.rows
    match parsed.format:
        case "linkedin_followers":
            return store.store_network_days("linkedin", store.linkedin_follower_days(rows, current_total=current_total))
        case "linkedin_content":
            return store.store_network_days("linkedin", store.linkedin_content_days(rows))
        case "linkedin_visitors":
            return store.store_network_days("linkedin", store.linkedin_visitor_days(rows))
        case "x_account_overview":
            return store.store_network_days("x", store.x_account_days(rows, current_total=current_total))
        case "youtube_daily":
            return store.store_network_days("youtube", store.youtube_days(rows))
        case "youtube_studio" if any(row.day is not None for row in rows):
            return store.store_network_days("youtube", store.youtube_days(rows))
        case "linkedin_posts" | "x_tweet_activity" | "x_content" | "youtube_studio":
            return store.store_post_counts(store.post_counts_of(rows, measured_on=measured_on))
        case "ga4_traffic":
            return store.store_web_traffic(rows)
        case "ga4_events":
            return store.store_ga4_events(rows)
        case "ad_spend" | "linkedin_campaign_manager":
            return store.store_ad_spend(rows)
        case "crm_touches":
            return store.store_leads(rows)
    raise ActionError(f"{parsed.file_name}: {parsed.format} exports cannot be stored.")


@dataclass(frozen=True)
class MonthlyValue:
    """A checked monthly value for a `manual.<name>` series."""

    series: str
    month: date
    value: float


def check_set_monthly_value(user, series: str, month: date, value: float) -> MonthlyValue:
    """Authorise and validate a value entered by hand for one month of a `manual.<name>` series."""
    if user is not None:
        require_capability(user, "import_analytics")
    series = series.strip()
    if not series.startswith("manual.") or not SERIES_PATTERN.match(series):
        raise ActionError(f"{series!r} cannot be entered by hand: name it manual.<name> (lower-case letters, digits, "
                          "_ . -), e.g. manual.booking_link_clicks or manual.<KPI key>.")
    if not math.isfinite(value):
        raise ActionError(f"{value!r} is not a number.")
    if month > now().date():
        raise ActionError(f"{month:%Y-%m} has not started yet; enter values for months that have begun.")
    return MonthlyValue(series, month.replace(day=1), float(value))


def do_set_monthly_value(user, entry: MonthlyValue) -> SeriesValue:
    """Store (or replace) the month's value of a manual series, with one audit event."""
    end = entry.month.replace(day=days_in_month(entry.month))
    with transaction.atomic():
        previous = SeriesValue.objects.filter(series=entry.series, start=entry.month, end=end).first()
        row, _ = SeriesValue.objects.update_or_create(
            series=entry.series, start=entry.month, end=end,
            defaults={"value": entry.value, "source": SeriesSource.MANUAL, "recorded_at": now(),
                      "entered_by": user if user is not None and user.is_authenticated else None},
        )
        log("socialrx.analytics.monthly_value", actor=user, obj=row,
            data={"series": entry.series, "month": f"{entry.month:%Y-%m}", "value": entry.value,
                  "previous": previous.value if previous else None})
    return row


def set_monthly_value(user, series: str, month: date, value: float) -> SeriesValue:
    """Check and store one monthly value entered by hand."""
    return do_set_monthly_value(user, check_set_monthly_value(user, series, month, value))


def store_fetched_metrics(network: str, metrics: Sequence[PostMetrics]) -> store.Counts:
    """Store what a connector's `fetch_metrics` returned: one snapshot per post and day, latest on the post."""
    counts = [
        store.PostCounts(
            network=network, platform_post_id=m.platform_post_id, day=m.fetched_at.date(),
            impressions=m.impressions or 0,
            engagements=sum(v or 0 for v in (m.likes, m.comments, m.shares, m.clicks)),
            clicks=m.clicks or 0, views=m.views or 0,
        )
        for m in metrics
    ]
    with transaction.atomic():
        return store.store_post_counts(counts)


def do_set_report_opt_in(user, *, opted_in: bool) -> None:
    """Add or remove the person's own address from the monthly report's recipients."""
    require_capability(user, "view_dashboards")
    if opted_in and not user.email:
        raise ActionError("Add an e-mail address to your account first.")
    with transaction.atomic():
        if opted_in:
            ReportRecipient.objects.update_or_create(email=user.email.lower(),
                                                     defaults={"user": user, "added_at": now()})
        else:
            ReportRecipient.objects.filter(user=user).delete()
        log("socialrx.analytics.report_opt_in", actor=user, data={"opted_in": opted_in})


def do_add_report_recipient(user, email: str) -> ReportRecipient:
    """Add an outside address (an agency, a board member) to the monthly report's recipients."""
    require_capability(user, "import_analytics")
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise ActionError(f"{email!r} is not an e-mail address.")
    with transaction.atomic():
        recipient, _ = ReportRecipient.objects.get_or_create(email=email, defaults={"added_at": now()})
        log("socialrx.analytics.report_recipient", actor=user, obj=recipient, data={"email": email})
    return recipient


def do_record_report_sent(month: date, *, strategy_label: str, recipients: list[str], pages: int) -> MonthlyReport:
    """Record that a month's report was sent, so the schedule never sends it twice."""
    with transaction.atomic():
        report = MonthlyReport.objects.create(month=month, strategy_label=strategy_label, recipients=recipients,
                                              pages=pages, sent_at=now())
        log("socialrx.analytics.report_sent", obj=report, data={"month": f"{month:%Y-%m}", "to": recipients})
    return report


def do_alert_pacing(platforms: Sequence, *, as_of: date) -> int:
    """Notify the people who manage paid budgets of each over- or under-pacing budget, once a day each."""
    from socialrx.server.lib.notify import holders_of, notify
    from socialrx.server.models import Notification

    sent = 0
    people = list(holders_of("import_analytics"))
    for row in platforms:
        report = row.report
        if report.flag == "on_pace":
            continue
        message = (f"{row.platform} ads are {report.flag}-pacing on {as_of:%b %d}: {report.spend_to_date:,.0f} spent of "
                   f"{report.budget:,.0f}, projected {report.projected_linear:,.0f} by month end")
        if Notification.objects.filter(kind="pacing", message=message[:300]).exists():
            continue
        with transaction.atomic():
            notify(people, kind="pacing", message=message, url="/analytics/#pacing")
            log("socialrx.analytics.pacing_alert", data={"platform": row.platform, "flag": report.flag,
                                                         "index": round(report.pacing_index, 3)})
        sent += 1
    return sent
