"""Recognise an export from its header row and parse it with the right parser."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from socialrx.core.analytics.imports import ads, crm, ga4, linkedin, x, youtube
from socialrx.core.analytics.imports.tabular import (
    Column,
    ExportFormatError,
    Problem,
    has_columns,
    is_blank,
    read_records,
)


@dataclass(frozen=True)
class ExportFormat:
    """A kind of export: its key, the columns that identify it and its parser."""

    key: str
    label: str
    columns: tuple[Column, ...]
    parse: Callable[..., tuple[object, ...]]


@dataclass(frozen=True)
class ParsedExport:
    """The rows of one export file and the format they were read as."""

    format: str
    file_name: str
    rows: tuple[object, ...]


# Most specific first: the X content export also has a "Date" and "Impressions" column.
EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("crm_touches", "CRM touch export", crm.CRM_COLUMNS, crm.parse_crm_export),
    ExportFormat("ad_spend", "ad-spend export", ads.AD_SPEND_COLUMNS, ads.parse_ad_spend),
    ExportFormat("x_tweet_activity", "X tweet activity (legacy)", x.TWEET_ACTIVITY_COLUMNS, x.parse_x_tweet_activity),
    ExportFormat("x_content", "X content analytics", x.CONTENT_COLUMNS, x.parse_x_content),
    ExportFormat("x_account_overview", "X account overview", x.ACCOUNT_OVERVIEW_COLUMNS, x.parse_x_account_overview),
    ExportFormat("linkedin_posts", "LinkedIn all posts", linkedin.POST_COLUMNS, linkedin.parse_linkedin_posts),
    ExportFormat("linkedin_content", "LinkedIn content metrics", linkedin.CONTENT_METRIC_COLUMNS,
                 linkedin.parse_linkedin_content_metrics),
    ExportFormat("linkedin_followers", "LinkedIn followers", linkedin.FOLLOWER_COLUMNS,
                 linkedin.parse_linkedin_followers),
    ExportFormat("linkedin_visitors", "LinkedIn visitors", linkedin.VISITOR_COLUMNS,
                 linkedin.parse_linkedin_visitors),
    ExportFormat("youtube_studio", "YouTube Studio", youtube.VIDEO_COLUMNS, youtube.parse_youtube_studio),
    ExportFormat("youtube_daily", "YouTube Studio table by date", youtube.DAILY_COLUMNS,
                 youtube.parse_youtube_daily),
    ExportFormat("linkedin_campaign_manager", "LinkedIn Campaign Manager report", ads.CAMPAIGN_MANAGER_COLUMNS,
                 ads.parse_linkedin_campaign_manager),
    ExportFormat("ga4_traffic", "GA4 traffic acquisition", ga4.TRAFFIC_COLUMNS, ga4.parse_ga4_traffic),
    ExportFormat("ga4_events", "GA4 events", ga4.EVENT_COLUMNS, ga4.parse_ga4_events),
)


def detect_format(headers: Sequence[str]) -> str | None:
    """Return the key of the export format whose columns a header row holds, or None."""
    if ga4.is_ga4_header(list(headers)):
        return "ga4_traffic"
    if ga4.is_ga4_event_header(list(headers)):
        return "ga4_events"
    for export_format in EXPORT_FORMATS:
        if not export_format.key.startswith("ga4_") and has_columns(headers, export_format.columns):
            return export_format.key
    return None


def export_format_of(text: str) -> str | None:
    """Return the key of the format whose header appears in a file's first rows, or None."""
    for _, record in read_records(text)[:15]:
        if is_blank(record) or record[0].lstrip("\ufeff").startswith("#"):
            continue
        key = detect_format(record)
        if key is not None:
            return key
    return None


def parse_export(text: str, *, file_name: str) -> ParsedExport:
    """Detect an export's format from its first rows and parse it, all or nothing."""
    key = export_format_of(text)
    if key is None:
        raise ExportFormatError([Problem(file_name, 1, None, "the header row matches no known export "
                                         f"({', '.join(f.label for f in EXPORT_FORMATS)})")])
    parser = next(f.parse for f in EXPORT_FORMATS if f.key == key)
    return ParsedExport(key, file_name, parser(text, file_name=file_name))
