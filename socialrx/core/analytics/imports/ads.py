"""Ad-spend exports: one row per platform, campaign and day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from socialrx.core.analytics.imports.tabular import Column, is_total_row, keyed_rows

AD_SPEND_COLUMNS = (
    Column("platform", ("Platform", "Network", "Channel"), "text"),
    Column("campaign", ("Campaign", "Campaign name"), "text"),
    Column("day", ("Day", "Date", "Reporting starts"), "date"),
    Column("spend", ("Spend", "Amount spent", "Cost", "Total spent", "Amount spent (USD)"), "float"),
    Column("impressions", ("Impressions",), "int"),
    Column("clicks", ("Clicks", "Link clicks"), "int"),
    Column("leads", ("Leads", "Conversions", "Results"), "float", required=False),
)


@dataclass(frozen=True)
class AdSpendDay:
    """What one campaign spent and earned on one day."""

    platform: str
    campaign: str
    day: date
    spend: float
    impressions: int
    clicks: int
    leads: float

    @property
    def natural_key(self) -> tuple[object, ...]:
        return ("ad_spend", self.platform, self.campaign, self.day)


def parse_ad_spend(text: str, *, file_name: str) -> tuple[AdSpendDay, ...]:
    """Parse an ad-spend export; platform names are lower-cased so `LinkedIn` and `linkedin` agree."""
    return keyed_rows(text, AD_SPEND_COLUMNS, _ad_spend_day, file_name=file_name, skip=is_total_row)


def _ad_spend_day(*, platform: str, **values: object) -> AdSpendDay:
    return AdSpendDay(platform=platform.strip().lower(), **values)  # type: ignore[arg-type]


CAMPAIGN_MANAGER_COLUMNS = (
    Column("day", ("Start Date (in UTC)", "Start Date"), "date"),
    Column("campaign", ("Campaign Name",), "text"),
    Column("spend", ("Total Spent", "Amount Spent"), "float"),
    Column("impressions", ("Impressions",), "int"),
    Column("clicks", ("Clicks",), "int"),
    Column("leads", ("Leads", "Conversions"), "float", required=False),
)


def parse_linkedin_campaign_manager(text: str, *, file_name: str) -> tuple[AdSpendDay, ...]:
    """Parse a LinkedIn Campaign Manager campaign performance report with a daily time breakdown.

    The report opens with description lines (report name, start, end, account) above its header;
    its cells are tab- or comma-separated and the file is often UTF-16.
    """
    return keyed_rows(text, CAMPAIGN_MANAGER_COLUMNS, _campaign_manager_day, file_name=file_name, skip=is_total_row)


def _campaign_manager_day(**values: object) -> AdSpendDay:
    return AdSpendDay(platform="linkedin", **values)  # type: ignore[arg-type]
