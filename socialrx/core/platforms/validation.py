"""One entry point that checks a post variant against its channel's rules, and the editor's counter."""

import re
from dataclasses import dataclass
from typing import Literal

from socialrx.core.platforms import doximity, linkedin, youtube
from socialrx.core.platforms.hashtags import HASHTAG_LIMITS
from socialrx.core.platforms.issues import PlatformIssue
from socialrx.core.platforms.utm import untagged_link_issues
from socialrx.core.platforms.x_text.config import CONFIG_V3
from socialrx.core.platforms.x_text.entities import extract_hashtags
from socialrx.core.platforms.x_text.weighted import parse_tweet

Channel = Literal["linkedin", "x", "doximity", "youtube", "email"]
CHANNELS: tuple[Channel, ...] = ("linkedin", "x", "doximity", "youtube", "email")
EMAIL_SUBJECT_GUIDANCE_CHARACTERS = 60
"""Longer subject lines are cut off in most inbox lists (house guidance)."""
AUTHOR_PLACEHOLDER = re.compile(r"\[\[[^\[\]\n]{1,80}\]\]")
"""A ``[[…]]`` marker left for the author to fill in (repurposed newsletters carry one); it blocks submission."""


@dataclass(frozen=True)
class VariantContent:
    """What one channel's variant of a post says.

    ``text`` is the body (post text, LinkedIn commentary, video description, email body),
    ``title`` the video title or email subject, ``thread_parts`` an X thread when the text
    is split, ``duration_seconds`` the video length for checking the last chapter.
    """

    text: str = ""
    title: str = ""
    tags: tuple[str, ...] = ()
    thread_parts: tuple[str, ...] = ()
    duration_seconds: int | None = None


@dataclass(frozen=True)
class TextCounter:
    """How much of a channel's budget the text uses, for the editor's counter."""

    used: int
    limit: int | None
    unit: str

    @property
    def over(self) -> bool:
        """Return whether the text is over the limit."""
        return self.limit is not None and self.used > self.limit


def validate_variant(channel: str, variant: VariantContent) -> list[PlatformIssue]:
    """Return every platform problem of ``variant`` on ``channel``, blocking ones first."""
    checks = {
        "x": _x_issues,
        "linkedin": _linkedin_issues,
        "youtube": _youtube_issues,
        "doximity": lambda content: doximity.doximity_issues(content.text, content.title),
        "email": _email_issues,
    }
    if channel not in checks:
        raise ValueError(f"unknown channel {channel!r}; expected one of {', '.join(CHANNELS)}")
    order = {"block": 0, "review": 1, "info": 2}
    return sorted(checks[channel](variant), key=lambda issue: order[issue.severity])


def counter(channel: str, text: str) -> TextCounter:
    """Return the used/limit figures the editor shows under the text box of ``channel``."""
    if channel == "x":
        return TextCounter(parse_tweet(text).weighted_length, CONFIG_V3.max_weighted_tweet_length, "weighted characters")
    if channel == "linkedin":
        return TextCounter(linkedin.commentary_length(text), linkedin.COMMENTARY_LIMIT, "characters")
    if channel == "youtube":
        return TextCounter(len(text.encode("utf-8")), youtube.DESCRIPTION_MAX_BYTES, "bytes")
    if channel == "doximity":
        return TextCounter(len(text), doximity.SUMMARY_GUIDANCE_CHARACTERS, "characters")
    if channel == "email":
        return TextCounter(len(text), None, "characters")
    raise ValueError(f"unknown channel {channel!r}; expected one of {', '.join(CHANNELS)}")


def _x_issues(variant: VariantContent) -> list[PlatformIssue]:
    if not variant.thread_parts:
        return _x_post_issues(variant.text, "text")
    issues = []
    for number, part in enumerate(variant.thread_parts, start=1):
        issues.extend(_x_post_issues(part, f"thread_parts.{number}"))
    return issues


def _x_post_issues(text: str, field: str) -> list[PlatformIssue]:
    if not text.strip():
        return [PlatformIssue("platform.x.empty", "The post is empty.", "block", field)]
    issues = []
    result = parse_tweet(text)
    limit = CONFIG_V3.max_weighted_tweet_length
    if result.weighted_length > limit:
        issues.append(
            PlatformIssue(
                "platform.x.too_long",
                f"{result.weighted_length} of {limit} weighted characters (links count 23, emoji and CJK count 2).",
                "block",
                field,
                _index_after_utf16(text, result.valid_range[1] + 1),
                len(text),
            )
        )
    issues.extend(
        PlatformIssue("platform.x.invalid_character", f"X does not accept the character U+{ord(char):04X}.", "block", field, index, index + 1)
        for index, char in enumerate(text)
        if char in "\ufffe\ufeff\uffff"
    )
    issues.extend(_hashtag_count_issues("x", len(extract_hashtags(text)), field))
    return issues


def _linkedin_issues(variant: VariantContent) -> list[PlatformIssue]:
    if not variant.text.strip():
        return [PlatformIssue("platform.linkedin.empty", "The commentary is empty.", "block")]
    issues = []
    used = linkedin.commentary_length(variant.text)
    if used > linkedin.COMMENTARY_LIMIT:
        plain = linkedin.visible_text(variant.text) == variant.text
        start = _index_after_utf16(variant.text, linkedin.COMMENTARY_LIMIT) if plain else None
        issues.append(
            PlatformIssue(
                "platform.linkedin.too_long",
                f"{used:,} of {linkedin.COMMENTARY_LIMIT:,} characters.",
                "block",
                "text",
                start,
                len(variant.text) if plain else None,
            )
        )
    if linkedin.unwrap_autolinks(variant.text) != variant.text:
        issues.append(
            PlatformIssue("platform.linkedin.autolink", "Links in <angle brackets> are sent as bare links.", "info")
        )
    issues.extend(_hashtag_count_issues("linkedin", len(linkedin.HASHTAG.findall(variant.text)), "text"))
    return issues


def _youtube_issues(variant: VariantContent) -> list[PlatformIssue]:
    issues = youtube.title_issues(variant.title) + youtube.description_issues(variant.text)
    issues += youtube.tags_issues(variant.tags)
    chapters = youtube.parse_chapters(variant.text)
    issues += youtube.validate_chapters(chapters, duration_seconds=variant.duration_seconds)
    hashtag_count = len(extract_hashtags(variant.text)) + len(extract_hashtags(variant.title))
    if hashtag_count > HASHTAG_LIMITS["youtube"][1]:
        issues.append(
            PlatformIssue(
                "platform.youtube.too_many_hashtags",
                f"{hashtag_count} hashtags; YouTube ignores all of them when a video has more than {HASHTAG_LIMITS['youtube'][1]}.",
                "review",
            )
        )
    return issues


def _email_issues(variant: VariantContent) -> list[PlatformIssue]:
    issues = []
    if not variant.title.strip():
        issues.append(PlatformIssue("platform.email.subject_missing", "The email needs a subject line.", "block", "title"))
    elif len(variant.title) > EMAIL_SUBJECT_GUIDANCE_CHARACTERS:
        issues.append(
            PlatformIssue(
                "platform.email.subject_long",
                f"The subject is {len(variant.title)} characters; inboxes show about {EMAIL_SUBJECT_GUIDANCE_CHARACTERS}.",
                "info",
                "title",
            )
        )
    if not variant.text.strip():
        issues.append(PlatformIssue("platform.email.empty", "The email body is empty.", "block"))
    issues.extend(
        PlatformIssue("platform.email.placeholder", f"Replace the placeholder {match.group(0)} with your own words.",
                      "block", "text", match.start(), match.end())
        for match in AUTHOR_PLACEHOLDER.finditer(variant.text)
    )
    return issues + untagged_link_issues(variant.text, channel="email")


def _hashtag_count_issues(channel: str, count: int, field: str) -> list[PlatformIssue]:
    most = HASHTAG_LIMITS[channel][1]
    if count <= most:
        return []
    return [
        PlatformIssue(
            f"platform.{channel}.many_hashtags",
            f"{count} hashtags; {channel} posts do best with at most {most}.",
            "info",
            field,
        )
    ]


def _index_after_utf16(text: str, units: int) -> int:
    """Return the string index at which ``units`` UTF-16 code units of ``text`` have been used."""
    used = 0
    for index, char in enumerate(text):
        if used >= units:
            return index
        used += 2 if ord(char) > 0xFFFF else 1
    return len(text)
