"""What repurposing reads (an article or a video with its transcript) and what it writes (drafts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from socialrx.core.platforms.issues import PlatformIssue
from socialrx.core.platforms.youtube import Chapter

BlockKind = Literal["heading", "paragraph", "list_item"]


@dataclass(frozen=True)
class Link:
    """A link as written in the source: its visible text and its address."""

    text: str
    url: str


@dataclass(frozen=True)
class Block:
    """One block of an article: a heading, a paragraph or a list item, as plain text.

    ``heading`` is the nearest heading above the block; ``links`` are the links inside it.
    """

    kind: BlockKind
    text: str
    heading: str = ""
    level: int = 0
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Article:
    """A long written piece: metadata, its body blocks and its numbered references."""

    title: str
    blocks: tuple[Block, ...]
    author: str = ""
    date: str = ""
    url: str = ""
    references: dict[str, str] = field(default_factory=dict)

    @property
    def headings(self) -> tuple[str, ...]:
        """Return the section headings in order."""
        return tuple(block.text for block in self.blocks if block.kind == "heading")

    @property
    def links(self) -> tuple[Link, ...]:
        """Return every link of the body in order."""
        return tuple(link for block in self.blocks for link in block.links)

    @property
    def word_count(self) -> int:
        """Return the number of words in the body."""
        return sum(len(block.text.split()) for block in self.blocks)


@dataclass(frozen=True)
class Cue:
    """One caption of a transcript: start and end in seconds and what is said."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Video:
    """A video: its metadata and its transcript cues in time order."""

    title: str
    cues: tuple[Cue, ...]
    url: str = ""
    description: str = ""
    speaker: str = ""

    @property
    def duration_seconds(self) -> int:
        """Return the length of the video: the end of its last cue, rounded up."""
        return int(-(-max((cue.end for cue in self.cues), default=0) // 1))

    @property
    def transcript(self) -> str:
        """Return the spoken text as one string."""
        return " ".join(cue.text for cue in self.cues)


@dataclass(frozen=True)
class Clip:
    """A short clip worth posting: where it starts and ends and a caption for it."""

    start_seconds: int
    end_seconds: int
    caption: str


@dataclass(frozen=True)
class Draft:
    """One repurposed draft for one channel, shaped to that network's rules.

    ``text`` is stored raw (LinkedIn escaping happens at publish). ``issues`` are the
    platform problems the draft still has; a blocking one stops submission.
    """

    key: str
    recipe: str
    channel: str
    format: str
    title: str = ""
    text: str = ""
    thread: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    link_url: str = ""
    utm: dict[str, str] = field(default_factory=dict)
    chapters: tuple[Chapter, ...] = ()
    clips: tuple[Clip, ...] = ()
    duration_seconds: int | None = None
    issues: tuple[PlatformIssue, ...] = ()

    def variant_fields(self) -> dict[str, Any]:
        """Return the fields of a post variant (what ``create_post`` takes for this channel)."""
        return {
            "text": self.text,
            "thread": list(self.thread),
            "title": self.title,
            "tags": list(self.tags),
            "hashtags": list(self.hashtags),
            "link_url": self.link_url,
            "utm": dict(self.utm),
        }


@dataclass(frozen=True)
class RepurposeResult:
    """The drafts made from one source, and what could not be made (in plain words)."""

    title: str
    source_kind: str
    drafts: tuple[Draft, ...]
    problems: tuple[str, ...] = ()
