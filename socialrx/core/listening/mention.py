"""The mention: one post, article or comment found by a listening source."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Mention:
    """One item from a listening source, as the pipeline sees it."""

    id: str
    text: str
    published: datetime
    title: str = ""
    author: str = ""
    url: str = ""
    lang: str = ""
    source: str = ""
    site: str = ""

    def __post_init__(self) -> None:
        if self.published.tzinfo is None or self.published.utcoffset() is None:
            raise ValueError(f"mention {self.id!r}: published must be timezone-aware")


@dataclass(frozen=True, slots=True)
class ProcessedMention:
    """A normalised mention with its story, matched queries, language and sentiment."""

    mention: Mention
    story_id: str
    is_copy: bool
    query_ids: tuple[str, ...]
    lang: str
    sentiment: float

    @property
    def sentiment_label(self) -> str:
        """Return ``positive``, ``negative`` or ``neutral`` using VADER's ±0.05 thresholds."""
        if self.sentiment >= 0.05:
            return "positive"
        if self.sentiment <= -0.05:
            return "negative"
        return "neutral"
