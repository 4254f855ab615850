"""Splitting long X text into a numbered thread."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx.core.platforms.x_text.urls import extract_urls
from socialrx.core.platforms.x_text.weighted import parse_tweet
from socialrx.core.platforms.x_thread import split_thread

SENTENCE = "AI triage cut wait times in our emergency department by a third. "
URL = "https://example.org/study?utm_source=x&utm_medium=social"


def test_short_text_stays_one_unnumbered_part() -> None:
    """Text that fits one post is returned as is."""
    assert split_thread("Short and sweet.") == ["Short and sweet."]


def test_long_text_splits_at_sentences_with_numbering() -> None:
    """Each part ends in k/n, fits 280 and holds whole sentences."""
    parts = split_thread(SENTENCE * 10)
    assert len(parts) > 1
    for number, part in enumerate(parts, start=1):
        assert part.endswith(f" {number}/{len(parts)}")
        assert parse_tweet(part).valid is True
        assert re.sub(r" \d+/\d+$", "", part).endswith(".")


def test_numbering_can_be_left_out() -> None:
    """Without numbering the parts carry no suffix."""
    parts = split_thread(SENTENCE * 10, numbering=False)
    assert all(not re.search(r"\d+/\d+$", part) for part in parts)


def test_urls_are_never_cut() -> None:
    """Every URL of the text appears whole in one part."""
    text = (SENTENCE + URL + " ") * 8
    parts = split_thread(text)
    found = [url.url for part in parts for url in extract_urls(part)]
    assert found == [URL] * 8


def test_overlong_word_is_hard_split() -> None:
    """A word longer than a post is cut into pieces that all fit."""
    parts = split_thread("x" * 700)
    assert all(parse_tweet(part).valid for part in parts)
    assert "".join(re.sub(r" \d+/\d+$", "", part) for part in parts) == "x" * 700


def test_smaller_limit_is_honoured() -> None:
    """A custom limit bounds every part."""
    parts = split_thread(SENTENCE * 4, max_weighted=100)
    assert all(parse_tweet(part).weighted_length <= 100 for part in parts)


def test_invalid_characters_are_refused() -> None:
    """Text with a character X rejects cannot be split into valid parts."""
    with pytest.raises(ValueError, match="U\\+FFFE"):
        split_thread("bad \ufffe text")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["Hello.", "world", URL, "😷", "日本語", "#HealthTech", "x" * 40, "Done!"]), max_size=120))
def test_every_part_is_valid_and_words_survive(words: list[str]) -> None:
    """Every part is a valid post and the words come back in order."""
    text = " ".join(words)
    parts = split_thread(text)
    assert all(parse_tweet(part).valid for part in parts)
    rejoined = "".join(re.sub(r" \d+/\d+$", "", part) for part in parts)
    assert rejoined.replace(" ", "") == text.replace(" ", "")
