"""YouTube title, description, tags and chapter rules."""

from socialrx.core.platforms.youtube import (
    Chapter,
    description_issues,
    format_chapters,
    parse_chapters,
    tags_issues,
    tags_length,
    title_issues,
    validate_chapters,
)


def test_title_within_100_characters_passes() -> None:
    """A 100-character title without brackets has no issues."""
    assert title_issues("t" * 100) == []


def test_title_over_100_or_with_brackets_is_blocked() -> None:
    """A long title and angle brackets are both reported with the numbers."""
    rules = [issue.rule for issue in title_issues("<" + "t" * 100)]
    assert rules == ["platform.youtube.title_brackets", "platform.youtube.title_too_long"]
    assert "101 of 100" in title_issues("t" * 101)[0].message


def test_missing_title_is_blocked() -> None:
    """A blank title blocks."""
    assert title_issues("  ")[0].rule == "platform.youtube.title_missing"


def test_description_counts_utf8_bytes() -> None:
    """5,000 bytes pass; 2,501 two-byte letters (5,002 bytes) do not."""
    assert description_issues("a" * 5000) == []
    issue = description_issues("é" * 2501)[0]
    assert issue.rule == "platform.youtube.description_too_long"
    assert "5,002 of 5,000 bytes" in issue.message
    assert issue.start == 2500


def test_tags_count_commas_and_quotes() -> None:
    """Tags with spaces count two quotes and tags are joined by commas."""
    assert tags_length(["ai", "health care"]) == 2 + 13 + 1
    assert tags_length([]) == 0


def test_tags_over_500_are_blocked() -> None:
    """Tags totalling 500 pass and 501 do not."""
    assert tags_issues(["a" * 249, "b" * 250]) == []
    assert "501 of 500" in tags_issues(["a" * 250, "b" * 250])[0].message


def test_parse_and_format_chapters_round_trip() -> None:
    """Chapter lines are read from a description and written back the same way."""
    description = "Welcome!\n0:00 Intro\n1:05 - Setup\n12:30 Results\nThanks for watching"
    chapters = parse_chapters(description)
    assert chapters == [Chapter(0, "Intro"), Chapter(65, "Setup"), Chapter(750, "Results")]
    assert format_chapters(chapters) == "0:00 Intro\n1:05 Setup\n12:30 Results"


def test_format_uses_hours_past_an_hour() -> None:
    """Once a chapter passes an hour every stamp shows hours."""
    assert format_chapters([Chapter(0, "A"), Chapter(3723, "B")]) == "0:00:00 A\n1:02:03 B"


def test_valid_chapters_pass() -> None:
    """Three ascending chapters from 0:00, each at least ten seconds, are accepted."""
    assert validate_chapters([Chapter(0, "a"), Chapter(10, "b"), Chapter(20, "c")], duration_seconds=30) == []


def test_invalid_chapters_are_reported() -> None:
    """A late first stamp, too few chapters, disorder and short chapters are each named."""
    rules = {issue.rule for issue in validate_chapters([Chapter(5, "a"), Chapter(3, "b")])}
    assert rules == {
        "platform.youtube.chapters.first_not_zero",
        "platform.youtube.chapters.too_few",
        "platform.youtube.chapters.not_ascending",
    }
    short = validate_chapters([Chapter(0, "a"), Chapter(9, "b"), Chapter(30, "c")], duration_seconds=35)
    assert [issue.rule for issue in short] == ["platform.youtube.chapters.too_short"] * 2
