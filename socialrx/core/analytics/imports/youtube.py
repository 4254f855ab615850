"""YouTube Studio analytics exports: the table by content, chart data (content and Date) and the table by Date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from socialrx.core.analytics.imports.tabular import Column, is_total_row, keyed_rows

VIDEO_COLUMNS = (
    Column("video_id", ("Content", "Video"), "text"),
    Column("day", ("Date",), "date", required=False),
    Column("title", ("Video title",), "text", required=False),
    Column("published_at", ("Video publish time",), "datetime", required=False),
    Column("duration_seconds", ("Duration",), "float", required=False),
    Column("views", ("Views",), "int"),
    Column("watch_time_hours", ("Watch time (hours)",), "float", required=False),
    Column("subscribers_net", ("Subscribers",), "int", required=False),
    Column("subscribers_gained", ("Subscribers gained",), "int", required=False),
    Column("subscribers_lost", ("Subscribers lost",), "int", required=False),
    Column("impressions", ("Impressions",), "int", required=False),
    Column("impressions_ctr", ("Impressions click-through rate (%)",), "percent_points", required=False),
    Column("average_view_duration_seconds", ("Average view duration",), "duration", required=False),
    Column("average_percentage_viewed", ("Average percentage viewed (%)",), "percent_points", required=False),
    Column("likes", ("Likes",), "int", required=False),
    Column("comments", ("Comments added", "Comments"), "int", required=False),
    Column("shares", ("Shares",), "int", required=False),
)


@dataclass(frozen=True)
class YouTubeVideoRow:
    """One video's figures over the export period (or on `day` for chart data)."""

    video_id: str
    day: date | None
    title: str
    published_at: datetime | None
    duration_seconds: float
    views: int
    watch_time_hours: float
    subscribers_net: int
    subscribers_gained: int
    subscribers_lost: int
    impressions: int
    impressions_ctr: float
    average_view_duration_seconds: float | None
    average_percentage_viewed: float
    likes: int
    comments: int
    shares: int

    @property
    def natural_key(self) -> tuple[object, ...]:
        return ("youtube_video", self.video_id, self.day)


def parse_youtube_studio(text: str, *, file_name: str) -> tuple[YouTubeVideoRow, ...]:
    """Parse a YouTube Studio export, skipping its leading `Total` row."""
    return keyed_rows(text, VIDEO_COLUMNS, YouTubeVideoRow, file_name=file_name, skip=is_total_row)


DAILY_COLUMNS = (
    Column("day", ("Date",), "date"),
    *(column for column in VIDEO_COLUMNS if column.field not in ("video_id", "day", "watch_time_hours")),
    Column("watch_time_hours", ("Watch time (hours)",), "float"),
)


def parse_youtube_daily(text: str, *, file_name: str) -> tuple[YouTubeVideoRow, ...]:
    """Parse a YouTube Studio table grouped by Date (the whole channel per day), skipping its `Total` row."""
    return keyed_rows(text, DAILY_COLUMNS, _channel_day, file_name=file_name, skip=is_total_row)


def _channel_day(**values: object) -> YouTubeVideoRow:
    return YouTubeVideoRow(video_id="", **values)  # type: ignore[arg-type]
