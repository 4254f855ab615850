"""LinkedIn Page analytics exports: followers, visitors, content metrics and all posts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from socialrx.core.analytics.imports.tabular import Column, keyed_rows

FOLLOWER_COLUMNS = (
    Column("day", ("Date",), "date"),
    Column("sponsored", ("Sponsored followers",), "int", required=False),
    Column("organic", ("Organic followers",), "int", required=False),
    Column("auto_invited", ("Auto-invited followers", "Auto invited followers"), "int", required=False),
    Column("total", ("Total followers",), "int"),
)

VISITOR_COLUMNS = (
    Column("day", ("Date",), "date"),
    Column("page_views", ("Total page views (total)", "Total page views"), "int"),
    Column("unique_visitors", ("Total unique visitors (total)", "Total unique visitors"), "int"),
    Column("page_views_desktop", ("Total page views (desktop)",), "int", required=False),
    Column("page_views_mobile", ("Total page views (mobile)",), "int", required=False),
)

CONTENT_METRIC_COLUMNS = (
    Column("day", ("Date",), "date"),
    Column("impressions_organic", ("Impressions (organic)",), "int"),
    Column("impressions", ("Impressions (total)",), "int"),
    Column("unique_impressions_organic", ("Unique impressions (organic)",), "int", required=False),
    Column("clicks", ("Clicks (total)",), "int"),
    Column("reactions", ("Reactions (total)",), "int"),
    Column("comments", ("Comments (total)",), "int"),
    Column("reposts", ("Reposts (total)", "Shares (total)"), "int"),
)

POST_COLUMNS = (
    Column("title", ("Post title", "Update title"), "text", required=False),
    Column("link", ("Post link", "Update link"), "text"),
    Column("post_type", ("Post type", "Update type"), "text", required=False),
    Column("created", ("Created date",), "date"),
    Column("impressions", ("Impressions",), "int"),
    Column("clicks", ("Clicks",), "int"),
    Column("likes", ("Likes", "Reactions"), "int"),
    Column("comments", ("Comments",), "int"),
    Column("reposts", ("Reposts", "Shares"), "int"),
    Column("follows", ("Follows",), "int", required=False),
    Column("views", ("Views", "Video views"), "int", required=False),
)


@dataclass(frozen=True)
class LinkedInFollowerGain:
    """New followers on one day (LinkedIn's "Total followers" column counts gains, not the total)."""

    day: date
    sponsored: int
    organic: int
    auto_invited: int
    total: int

    @property
    def natural_key(self) -> tuple[object, ...]:
        return ("linkedin_followers", self.day)


@dataclass(frozen=True)
class LinkedInVisitorDay:
    """Page views and unique visitors of the Page on one day."""

    day: date
    page_views: int
    unique_visitors: int
    page_views_desktop: int
    page_views_mobile: int

    @property
    def natural_key(self) -> tuple[object, ...]:
        return ("linkedin_visitors", self.day)


@dataclass(frozen=True)
class LinkedInContentDay:
    """All-post totals for one day from the content export's "Metrics" sheet."""

    day: date
    impressions_organic: int
    impressions: int
    unique_impressions_organic: int
    clicks: int
    reactions: int
    comments: int
    reposts: int

    @property
    def natural_key(self) -> tuple[object, ...]:
        return ("linkedin_content", self.day)


@dataclass(frozen=True)
class LinkedInPost:
    """Lifetime counts of one post from the content export's "All posts" sheet."""

    link: str
    title: str
    post_type: str
    created: date
    impressions: int
    clicks: int
    likes: int
    comments: int
    reposts: int
    follows: int
    views: int

    @property
    def natural_key(self) -> tuple[object, ...]:
        return ("linkedin_post", self.link)


def parse_linkedin_followers(text: str, *, file_name: str) -> tuple[LinkedInFollowerGain, ...]:
    """Parse a LinkedIn followers export ("New followers" sheet saved as CSV)."""
    return keyed_rows(text, FOLLOWER_COLUMNS, LinkedInFollowerGain, file_name=file_name)


def parse_linkedin_visitors(text: str, *, file_name: str) -> tuple[LinkedInVisitorDay, ...]:
    """Parse a LinkedIn visitors export ("Visitor metrics" sheet saved as CSV)."""
    return keyed_rows(text, VISITOR_COLUMNS, LinkedInVisitorDay, file_name=file_name)


def parse_linkedin_content_metrics(text: str, *, file_name: str) -> tuple[LinkedInContentDay, ...]:
    """Parse the "Metrics" sheet of a LinkedIn content (updates) export saved as CSV."""
    return keyed_rows(text, CONTENT_METRIC_COLUMNS, LinkedInContentDay, file_name=file_name)


def parse_linkedin_posts(text: str, *, file_name: str) -> tuple[LinkedInPost, ...]:
    """Parse the "All posts" sheet of a LinkedIn content (updates) export saved as CSV."""
    return keyed_rows(text, POST_COLUMNS, LinkedInPost, file_name=file_name)
