"""Weighted length and entity extraction for X (twitter-text config v3)."""

from socialrx.core.platforms.x_text.config import CONFIG_V2
from socialrx.core.platforms.x_text.emoji import emoji_spans
from socialrx.core.platforms.x_text.entities import extract_hashtags, extract_mentions
from socialrx.core.platforms.x_text.trie_pattern import trie_pattern
from socialrx.core.platforms.x_text.urls import extract_urls
from socialrx.core.platforms.x_text.weighted import parse_tweet, weighted_length


def test_latin_counts_one_and_280_fit() -> None:
    """280 Latin letters are valid; the 281st makes the post invalid."""
    assert parse_tweet("a" * 280).valid is True
    assert parse_tweet("a" * 281).valid is False
    assert weighted_length("a" * 281) == 281


def test_cjk_counts_two() -> None:
    """140 CJK characters fill the 280 budget and one more overflows it."""
    assert weighted_length("日" * 140) == 280
    assert parse_tweet("日" * 141).valid is False


def test_every_url_counts_23() -> None:
    """A long URL and a bare domain with a valid TLD both count 23."""
    assert weighted_length("See https://example.com/" + "p" * 100) == 27
    assert weighted_length("See example.com now") == 31
    assert weighted_length("See mayo.health") == 27


def test_emoji_sequences_count_two() -> None:
    """Single emoji, ZWJ families, skin tones, flags and keycaps each count 2."""
    for emoji in ["😷", "👨‍👩‍👧‍👦", "👍🏽", "🇺🇸", "1️⃣", "❤️"]:
        assert weighted_length(emoji) == 2, emoji


def test_crlf_counts_as_one_and_ellipsis_as_two() -> None:
    """CRLF is one character; the ellipsis lies outside the light ranges."""
    assert weighted_length("a\r\nb") == 3
    assert weighted_length("\u201chi\u201d \u2014 ok\u2026") == 11


def test_empty_text_is_invalid() -> None:
    """An empty post is not valid."""
    assert parse_tweet("").valid is False


def test_invalid_character_makes_post_invalid_but_counts() -> None:
    """U+FFFE counts toward the length and makes the post invalid."""
    result = parse_tweet("abc\ufffe")
    assert (result.valid, result.weighted_length, result.valid_range) == (False, 5, (0, 2))


def test_v2_counts_emoji_by_code_point() -> None:
    """Without emoji parsing a family of seven code points weighs more than 2."""
    assert weighted_length("👨‍👩‍👧‍👦", CONFIG_V2) > 2


def test_extract_urls_with_and_without_protocol() -> None:
    """URLs with a protocol and bare domains are found with their spans; email-like text is not."""
    urls = extract_urls("Read https://t.co/abc and nhs.uk/conditions, not me@x.org")
    assert [(url.url, url.start, url.end) for url in urls] == [
        ("https://t.co/abc", 5, 21),
        ("nhs.uk/conditions", 26, 43),
    ]


def test_unknown_tld_is_not_a_url() -> None:
    """A dotted word whose ending is not a TLD is plain text."""
    assert extract_urls("version1.notatld") == []


def test_extract_hashtags_skips_numbers_and_urls() -> None:
    """Hashtags need a letter and do not start inside a URL."""
    tags = extract_hashtags("#HealthcareAI #2024 see https://ex.com/#anchor #MedTech")
    assert [tag.tag for tag in tags] == ["HealthcareAI", "MedTech"]


def test_extract_mentions_and_lists() -> None:
    """Mentions and list mentions are found; an email address is not a mention."""
    mentions = extract_mentions("Hi @mayoclinic and @who/health-news, mail a@b.org")
    assert [(m.username, m.list_slug) for m in mentions] == [("mayoclinic", ""), ("who", "health-news")]


def test_emoji_spans_take_longest_sequence() -> None:
    """A skin-toned emoji is one span, not two."""
    assert emoji_spans("a🙋🏽b") == [(1, 3)]


def test_trie_pattern_prefers_longest_word() -> None:
    """The trie pattern matches the longest listed word at a position."""
    import re

    pattern = re.compile(trie_pattern(["co", "com", "community"]))
    assert pattern.match("community").group(0) == "community"
    assert pattern.match("comet").group(0) == "com"
