"""The one validation entry point and the editor counter."""

import pytest

from socialrx.core.platforms.validation import VariantContent, counter, validate_variant


def _rules(channel: str, variant: VariantContent) -> list[str]:
    return [issue.rule for issue in validate_variant(channel, variant)]


def test_x_post_within_limit_passes() -> None:
    """A short X post has no issues."""
    assert _rules("x", VariantContent(text="Hello #HealthTech")) == []


def test_x_post_too_long_names_the_numbers_and_span() -> None:
    """An over-long post blocks, says 312 of 280 and marks the overflow."""
    issue = validate_variant("x", VariantContent(text="a" * 312))[0]
    assert (issue.rule, issue.severity, issue.start, issue.end) == ("platform.x.too_long", "block", 280, 312)
    assert issue.message.startswith("312 of 280 weighted characters")


def test_x_thread_parts_are_checked_one_by_one() -> None:
    """Each thread part is validated and named in the issue's field."""
    issues = validate_variant("x", VariantContent(thread_parts=("ok 1/2", "b" * 300)))
    assert [(issue.rule, issue.field) for issue in issues] == [("platform.x.too_long", "thread_parts.2")]


def test_x_empty_and_invalid_character_block() -> None:
    """Empty posts and characters X rejects block."""
    assert _rules("x", VariantContent(text=" ")) == ["platform.x.empty"]
    assert _rules("x", VariantContent(text="a\ufeffb")) == ["platform.x.invalid_character"]


def test_x_many_hashtags_is_info() -> None:
    """Three hashtags on X are a hint, not a block."""
    issues = validate_variant("x", VariantContent(text="#a1 #b2 #c3"))
    assert [(issue.rule, issue.severity) for issue in issues] == [("platform.x.many_hashtags", "info")]


def test_linkedin_limit_is_3000_visible_characters() -> None:
    """3,000 characters pass and 3,001 block with the numbers."""
    assert _rules("linkedin", VariantContent(text="a" * 3000)) == []
    issue = validate_variant("linkedin", VariantContent(text="a" * 3001))[0]
    assert (issue.rule, issue.message, issue.start) == ("platform.linkedin.too_long", "3,001 of 3,000 characters.", 3000)


def test_linkedin_autolink_is_noted() -> None:
    """An <https://…> autolink gets an info note."""
    assert _rules("linkedin", VariantContent(text="Read <https://ex.com>")) == ["platform.linkedin.autolink"]


def test_youtube_variant_collects_every_rule() -> None:
    """Title, description, tags and chapters are all checked."""
    good = VariantContent(text="0:00 Intro\n0:15 Body\n0:40 End", title="AI in radiology", tags=("ai",), duration_seconds=60)
    assert _rules("youtube", good) == []
    bad = VariantContent(text="<b>" + "#t " * 16, title="", tags=("x" * 501,))
    assert set(_rules("youtube", bad)) == {
        "platform.youtube.title_missing",
        "platform.youtube.description_brackets",
        "platform.youtube.tags_too_long",
        "platform.youtube.too_many_hashtags",
    }


def test_doximity_is_manual_with_guidance() -> None:
    """Doximity always says it is manual and flags long copy and untagged links for review."""
    assert _rules("doximity", VariantContent(text="A summary.")) == ["platform.doximity.manual"]
    rules = _rules("doximity", VariantContent(text="x" * 1501 + " https://ex.com/a"))
    assert rules == ["platform.doximity.long", "platform.doximity.link_without_utm", "platform.doximity.manual"]


def test_email_needs_subject_and_body() -> None:
    """An email without subject or body blocks."""
    assert _rules("email", VariantContent()) == ["platform.email.subject_missing", "platform.email.empty"]
    assert _rules("email", VariantContent(text="Hello", title="News")) == []


def test_unknown_channel_is_refused() -> None:
    """Only the five channels are known."""
    with pytest.raises(ValueError, match="unknown channel"):
        validate_variant("myspace", VariantContent(text="x"))


def test_counter_reports_used_and_limit() -> None:
    """The counter uses each channel's own unit."""
    assert (counter("x", "hi https://example.com").used, counter("x", "").limit) == (26, 280)
    assert counter("youtube", "é").used == 2
    assert counter("linkedin", "a" * 3001).over is True
    assert counter("email", "abc").limit is None
