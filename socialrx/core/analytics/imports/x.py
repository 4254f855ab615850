"""X (Twitter) analytics exports: the legacy tweet-activity file and the current account files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from socialrx.core.analytics.imports.tabular import Column, is_total_row, keyed_rows

TWEET_ACTIVITY_COLUMNS = (
    Column("post_id", ("Tweet id",), "text"),
    Column("link", ("Tweet permalink",), "text", required=False),
    Column("text", ("Tweet text",), "text", required=False),
    Column("posted_at", ("time",), "datetime"),
    Column("impressions", ("impressions",), "int"),
    Column("engagements", ("engagements",), "int"),
    Column("likes", ("likes", "favorites"), "int"),
    Column("reposts", ("retweets", "reposts"), "int"),
    Column("replies", ("replies",), "int"),
    Column("url_clicks", ("url clicks",), "int", required=False),
    Column("profile_clicks", ("user profile clicks",), "int", required=False),
    Column("follows", ("follows",), "int", required=False),
    Column("detail_expands", ("detail expands",), "int", required=False),
)

CONTENT_COLUMNS = (
    Column("post_id", ("Post id", "Tweet id"), "text"),
    Column("link", ("Post Link", "Post permalink"), "text", required=False),
    Column("text", ("Post text",), "text", required=False),
    Column("posted_at", ("Date", "Post date", "Time"), "datetime"),
    Column("impressions", ("Impressions",), "int"),
    Column("engagements", ("Engagements",), "int"),
    Column("likes", ("Likes", "Favorites"), "int"),
    Column("reposts", ("Reposts", "Retweets"), "int"),
    Column("replies", ("Replies",), "int"),
    Column("url_clicks", ("URL clicks", "Url clicks"), "int", required=False),
    Column("profile_clicks", ("Profile visits", "User profile clicks"), "int", required=False),
    Column("follows", ("New follows", "Follows"), "int", required=False),
    Column("detail_expands", ("Detail expands",), "int", required=False),
)

ACCOUNT_OVERVIEW_COLUMNS = (
    Column("day", ("Date",), "date"),
    Column("impressions", ("Impressions",), "int"),
    Column("engagements", ("Engagements",), "int"),
    Column("likes", ("Likes",), "int", required=False),
    Column("reposts", ("Reposts",), "int", required=False),
    Column("replies", ("Replies",), "int", required=False),
    Column("new_follows", ("New follows",), "int"),
    Column("unfollows", ("Unfollows",), "int", required=False),
    Column("profile_visits", ("Profile visits",), "int", required=False),
    Column("posts_created", ("Create Post", "Posts created"), "int", required=False),
)


@dataclass(frozen=True)
class XPost:
    """Counts of one post, from either the legacy or the current X export."""

    post_id: str
    link: str
    text: str
    posted_at: datetime
    impressions: int
    engagements: int
    likes: int
    reposts: int
    replies: int
    url_clicks: int
    profile_clicks: int
    follows: int
    detail_expands: int

    @property
    def natural_key(self) -> tuple[object, ...]:
        return ("x_post", self.post_id)


@dataclass(frozen=True)
class XAccountDay:
    """Account-wide counts for one day from X's account overview export."""

    day: date
    impressions: int
    engagements: int
    likes: int
    reposts: int
    replies: int
    new_follows: int
    unfollows: int
    profile_visits: int
    posts_created: int

    @property
    def natural_key(self) -> tuple[object, ...]:
        return ("x_account", self.day)


def parse_x_tweet_activity(text: str, *, file_name: str) -> tuple[XPost, ...]:
    """Parse a legacy `tweet_activity_metrics_*.csv` export (promoted columns are ignored)."""
    return keyed_rows(text, TWEET_ACTIVITY_COLUMNS, _x_post, file_name=file_name)


def parse_x_content(text: str, *, file_name: str) -> tuple[XPost, ...]:
    """Parse a current `account_analytics_content_*.csv` export."""
    return keyed_rows(text, CONTENT_COLUMNS, _x_post, file_name=file_name, skip=is_total_row)


def parse_x_account_overview(text: str, *, file_name: str) -> tuple[XAccountDay, ...]:
    """Parse a current `account_overview_analytics_*.csv` export (one row per day)."""
    return keyed_rows(text, ACCOUNT_OVERVIEW_COLUMNS, XAccountDay, file_name=file_name, skip=is_total_row)


def _x_post(**values: object) -> XPost:
    # Spreadsheets that re-save the legacy file write ids with a trailing ".0".
    post_id = str(values.pop("post_id")).removesuffix(".0")
    return XPost(post_id=post_id, **values)  # type: ignore[arg-type]
