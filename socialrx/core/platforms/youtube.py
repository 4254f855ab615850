"""YouTube metadata rules: title, description, tags and chapters (platform-facts §3.1, §3.3)."""

import re
from dataclasses import dataclass

from socialrx.core.platforms.issues import PlatformIssue

TITLE_MAX_CHARACTERS = 100
DESCRIPTION_MAX_BYTES = 5000
TAGS_MAX_CHARACTERS = 500
CHAPTERS_MIN_COUNT = 3
CHAPTER_MIN_SECONDS = 10
FORBIDDEN_CHARACTERS = "<>"

_TIMESTAMP_LINE = re.compile(
    r"^[ \t]*(?:(?P<hours>\d{1,2}):)?(?P<minutes>\d{1,2}):(?P<seconds>[0-5]\d)(?![\d:])[ \t]*"
    r"(?:[-\u2013\u2014:|][ \t]*)?(?P<title>\S.*?)?[ \t]*$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Chapter:
    """One chapter: where it starts, in seconds from the beginning, and its title."""

    start_seconds: int
    title: str


def title_issues(title: str) -> list[PlatformIssue]:
    """Return the problems of a video title: missing, over 100 characters, or holding ``<`` ``>``."""
    if not title.strip():
        return [PlatformIssue("platform.youtube.title_missing", "A video needs a title.", "block", "title")]
    issues = _forbidden_character_issues(title, "platform.youtube.title_brackets", "title")
    if len(title) > TITLE_MAX_CHARACTERS:
        issues.append(
            PlatformIssue(
                "platform.youtube.title_too_long",
                f"The title is {len(title)} of {TITLE_MAX_CHARACTERS} characters.",
                "block",
                "title",
                TITLE_MAX_CHARACTERS,
                len(title),
            )
        )
    return issues


def description_issues(description: str) -> list[PlatformIssue]:
    """Return the problems of a description: over 5,000 UTF-8 bytes, or holding ``<`` ``>``."""
    issues = _forbidden_character_issues(description, "platform.youtube.description_brackets", "text")
    size = len(description.encode("utf-8"))
    if size > DESCRIPTION_MAX_BYTES:
        issues.append(
            PlatformIssue(
                "platform.youtube.description_too_long",
                f"The description is {size:,} of {DESCRIPTION_MAX_BYTES:,} bytes (UTF-8; accented letters "
                "and emoji take more than one byte).",
                "block",
                "text",
                _byte_limit_index(description, DESCRIPTION_MAX_BYTES),
                len(description),
            )
        )
    return issues


def tags_length(tags: list[str] | tuple[str, ...]) -> int:
    """Return the characters YouTube counts for ``tags``: commas, and quotes around tags with spaces."""
    if not tags:
        return 0
    return sum(len(tag) + (2 if " " in tag else 0) for tag in tags) + len(tags) - 1


def tags_issues(tags: list[str] | tuple[str, ...]) -> list[PlatformIssue]:
    """Return the problem of tags that together exceed 500 characters, with the count."""
    used = tags_length(tags)
    if used <= TAGS_MAX_CHARACTERS:
        return []
    return [
        PlatformIssue(
            "platform.youtube.tags_too_long",
            f"The tags take {used} of {TAGS_MAX_CHARACTERS} characters (commas count, and tags with spaces "
            "count two quotation marks).",
            "block",
            "tags",
        )
    ]


def parse_chapters(description: str) -> list[Chapter]:
    """Return the chapters written in a description, one ``m:ss Title`` or ``h:mm:ss Title`` per line."""
    chapters = []
    for match in _TIMESTAMP_LINE.finditer(description):
        hours = int(match.group("hours") or 0)
        seconds = hours * 3600 + int(match.group("minutes")) * 60 + int(match.group("seconds"))
        chapters.append(Chapter(seconds, match.group("title") or ""))
    return chapters


def format_chapters(chapters: list[Chapter] | tuple[Chapter, ...]) -> str:
    """Return chapter lines for a description, using ``h:mm:ss`` once the video passes an hour."""
    with_hours = any(chapter.start_seconds >= 3600 for chapter in chapters)
    return "\n".join(f"{format_timestamp(chapter.start_seconds, with_hours=with_hours)} {chapter.title}" for chapter in chapters)


def format_timestamp(seconds: int, *, with_hours: bool = False) -> str:
    """Return ``m:ss``, or ``h:mm:ss`` when ``with_hours`` is set or the time passes an hour."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours or with_hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def validate_chapters(
    chapters: list[Chapter] | tuple[Chapter, ...], *, duration_seconds: int | None = None
) -> list[PlatformIssue]:
    """Return why YouTube would not show these chapters: first not at 0:00, fewer than three,
    out of order, or shorter than ten seconds (the last one only when the duration is known)."""
    if not chapters:
        return []
    issues = []
    if chapters[0].start_seconds != 0:
        issues.append(_chapter_issue("first_not_zero", f"The first chapter starts at {format_timestamp(chapters[0].start_seconds)}; it must start at 0:00."))
    if len(chapters) < CHAPTERS_MIN_COUNT:
        issues.append(_chapter_issue("too_few", f"There are {len(chapters)} chapters; YouTube needs at least {CHAPTERS_MIN_COUNT}."))
    ends = [chapter.start_seconds for chapter in chapters[1:]] + ([duration_seconds] if duration_seconds is not None else [])
    for chapter, end in zip(chapters, ends, strict=False):
        stamp = format_timestamp(chapter.start_seconds)
        if end <= chapter.start_seconds:
            issues.append(_chapter_issue("not_ascending", f"The chapter after {stamp} does not start later than it."))
        elif end - chapter.start_seconds < CHAPTER_MIN_SECONDS:
            issues.append(
                _chapter_issue(
                    "too_short",
                    f"The chapter at {stamp} lasts {end - chapter.start_seconds} s; each needs at least {CHAPTER_MIN_SECONDS} s.",
                )
            )
    return issues


def _chapter_issue(name: str, message: str) -> PlatformIssue:
    return PlatformIssue(f"platform.youtube.chapters.{name}", message + " Chapters will not show.", "review", "text")


def _forbidden_character_issues(text: str, rule: str, field: str) -> list[PlatformIssue]:
    return [
        PlatformIssue(rule, f"YouTube does not accept '{char}' in the {field}; remove it.", "block", field, index, index + 1)
        for index, char in enumerate(text)
        if char in FORBIDDEN_CHARACTERS
    ]


def _byte_limit_index(text: str, limit: int) -> int:
    """Return the index of the first character that no longer fits in ``limit`` UTF-8 bytes."""
    used = 0
    for index, char in enumerate(text):
        used += len(char.encode("utf-8"))
        if used > limit:
            return index
    return len(text)
