"""The final text each network receives for a variant: its text, its link and its hashtags.

One renderer per network joins what the author wrote with the approved link (already carrying
its UTM parameters) and the hashtags field, following that network's convention. The result is
what the length checks count, what compliance reads, what the preview shows, what a revision
freezes (and hashes) and what the connector sends: one function, so they never disagree.

Conventions (platform-facts §1.6, §2.2, §3.1, §7.2):

- X: hashtags not already in the text and the link go on a last line of the post (the first
  part of a thread gets the hashtags, the last part the link); every link counts 23.
- LinkedIn: the link, then the hashtags, each on its own paragraph; the commentary is
  escaped for the "little" format as the very last step (``commentary``).
- YouTube: the video description ends with the link, then the hashtags.
- Newsletter and Doximity: the link closes the body; they carry no hashtags.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass

import nh3
from markdown_it import MarkdownIt

from socialrx.core.platforms.issues import PlatformIssue
from socialrx.core.platforms.linkedin import escape_little_text, little_commentary
from socialrx.core.platforms.x_text.entities import extract_hashtags

HASHTAG_FREE_CHANNELS = frozenset({"email", "doximity"})
"""Channels that are not hashtag feeds: a hashtag there is noise, so the field must stay empty."""


@dataclass(frozen=True)
class RenderedPayload:
    """Exactly what one network receives for one variant.

    ``parts`` are the texts readers see, in order: the posts of an X thread, or one body (X post,
    LinkedIn commentary, video description, newsletter body, Doximity summary). ``title`` is the
    video title, e-mail subject or Doximity headline; ``tags`` the YouTube tags. ``commentary`` is
    the LinkedIn body escaped for the Posts API, ``html`` the newsletter's HTML body and
    ``copy_text`` what a person pastes into Doximity.
    """

    channel: str
    parts: tuple[str, ...] = ()
    title: str = ""
    tags: tuple[str, ...] = ()
    commentary: str = ""
    html: str = ""
    copy_text: str = ""

    @property
    def body(self) -> str:
        """Return the single body of a one-part payload (the first part of a thread)."""
        return self.parts[0] if self.parts else ""

    def to_dict(self) -> dict:
        """Return the payload as plain JSON data (what a revision stores)."""
        data = asdict(self)
        data["parts"], data["tags"] = list(self.parts), list(self.tags)
        return data

    @classmethod
    def from_dict(cls, data: Mapping) -> RenderedPayload:
        """Return the payload a revision stored."""
        return cls(channel=data["channel"], parts=tuple(data.get("parts") or ()), title=data.get("title", ""),
                   tags=tuple(data.get("tags") or ()), commentary=data.get("commentary", ""),
                   html=data.get("html", ""), copy_text=data.get("copy_text", ""))  # fmt: skip


@dataclass(frozen=True)
class VariantSource:
    """What the author wrote for one channel: text or thread, title, tags, link (with UTM) and hashtags."""

    text: str = ""
    thread: tuple[str, ...] = ()
    title: str = ""
    tags: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    link_url: str = ""

    @classmethod
    def from_snapshot(cls, variant: Mapping) -> VariantSource:
        """Return the source fields of a variant snapshot (missing fields are empty)."""
        return cls(text=variant.get("text", ""), thread=tuple(variant.get("thread") or ()),
                   title=variant.get("title", ""), tags=tuple(variant.get("tags") or ()),
                   hashtags=tuple(variant.get("hashtags") or ()), link_url=variant.get("link_url", ""))  # fmt: skip


def normalised_hashtags(hashtags: Sequence[str]) -> tuple[str, ...]:
    """Return the hashtags each starting with one ``#``, blanks and repeats (any case) dropped."""
    kept: list[str] = []
    for tag in hashtags:
        bare = tag.strip().lstrip("#\uff03").strip()
        if bare and bare.casefold() not in {k[1:].casefold() for k in kept}:
            kept.append("#" + bare)
    return tuple(kept)


def _missing_hashtags(text: str, hashtags: Sequence[str]) -> list[str]:
    present = {h.tag.casefold() for h in extract_hashtags(text)}
    return [tag for tag in normalised_hashtags(hashtags) if tag[1:].casefold() not in present]


def _join(*blocks: str) -> str:
    return "\n\n".join(block for block in blocks if block)


def _link_unless_present(text: str, link: str) -> str:
    return "" if not link or link in text else link


def render_x(source: VariantSource) -> RenderedPayload:
    """Return the X post (or thread) with the hashtags and the link on a last line."""
    parts = list(source.thread) or [source.text]
    if len(parts) == 1:
        text = parts[0]
        tail = " ".join(_missing_hashtags(text, source.hashtags) + [_link_unless_present(text, source.link_url)])
        return RenderedPayload("x", (_join(text, tail.strip()),))
    whole = "\n".join(parts)
    parts[0] = _join(parts[0], " ".join(_missing_hashtags(whole, source.hashtags)))
    parts[-1] = _join(parts[-1], _link_unless_present(whole, source.link_url))
    return RenderedPayload("x", tuple(parts))


def render_linkedin(source: VariantSource) -> RenderedPayload:
    """Return the LinkedIn commentary: text, link, hashtags; and the same escaped for little text.

    The appended link is sent unescaped whatever its domain, so it stays one working link.
    """
    link = _link_unless_present(source.text, source.link_url)
    hashtags = " ".join(_missing_hashtags(source.text, source.hashtags))
    text = _join(source.text, link, hashtags)
    commentary = _join(little_commentary(source.text).text, link, escape_little_text(hashtags))
    return RenderedPayload("linkedin", (text,), commentary=commentary)


def render_youtube(source: VariantSource) -> RenderedPayload:
    """Return the video's title, tags and description ending with the link and the hashtags."""
    description = _join(source.text, _link_unless_present(source.text, source.link_url),
                        " ".join(_missing_hashtags(source.text + " " + source.title, source.hashtags)))  # fmt: skip
    return RenderedPayload("youtube", (description,), title=source.title, tags=source.tags)


def render_email(source: VariantSource) -> RenderedPayload:
    """Return the newsletter's subject, Markdown body ending with the link, and its HTML."""
    body = _join(source.text, _link_unless_present(source.text, source.link_url))
    html = newsletter_html(body)
    return RenderedPayload("email", (body,), title=source.title, html=f"<html><body>{html}</body></html>")


def render_doximity(source: VariantSource) -> RenderedPayload:
    """Return the Doximity summary ending with the link, and the copy a person pastes (headline first)."""
    body = _join(source.text, _link_unless_present(source.text, source.link_url))
    return RenderedPayload("doximity", (body,), title=source.title, copy_text=_join(source.title, body))


RENDERERS: dict[str, Callable[[VariantSource], RenderedPayload]] = {
    "x": render_x, "linkedin": render_linkedin, "youtube": render_youtube, "email": render_email,
    "doximity": render_doximity,
}  # fmt: skip


def render_variant(channel: str, source: VariantSource) -> RenderedPayload:
    """Return what ``channel`` receives for ``source``."""
    if channel not in RENDERERS:
        raise ValueError(f"unknown channel {channel!r}; expected one of {', '.join(RENDERERS)}")
    return RENDERERS[channel](source)


def source_issues(channel: str, source: VariantSource, *, media_kinds: Sequence[str] = ()) -> list[PlatformIssue]:
    """Return what makes a variant unpublishable before it is rendered: a video post without a video,
    hashtags on a channel that carries none."""
    issues = []
    if channel == "youtube" and "video" not in media_kinds:
        issues.append(PlatformIssue("platform.youtube.video_missing",
                                    "A YouTube post is a video: attach the video file.", "block", "media"))
    if channel in HASHTAG_FREE_CHANNELS and normalised_hashtags(source.hashtags):
        issues.append(PlatformIssue(f"platform.{channel}.hashtags",
                                    f"{channel} posts carry no hashtags; empty the hashtags field.", "block",
                                    "hashtags"))  # fmt: skip
    return issues


def payload_of(variant: Mapping) -> RenderedPayload:
    """Return the payload a variant snapshot froze, or render it when the snapshot predates frozen payloads."""
    if variant.get("rendered"):
        return RenderedPayload.from_dict(variant["rendered"])
    return render_variant(variant["channel"], VariantSource.from_snapshot(variant))


NEWSLETTER_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def newsletter_html(markdown_text: str) -> str:
    """Return a newsletter's Markdown as HTML sanitised by nh3: no scripts, event handlers, styles or script links.

    Sanitised when the payload is rendered, so the HTML reviewers approve is the HTML that is sent.
    """
    return nh3.clean(MarkdownIt("commonmark").render(markdown_text), url_schemes=set(NEWSLETTER_URL_SCHEMES))
