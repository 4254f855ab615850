"""LinkedIn little-text escaping and the commentary length."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialrx.core.platforms.linkedin import (
    RESERVED_CHARACTERS,
    LittleCommentary,
    commentary_length,
    escape_little_text,
    little_commentary,
    unescape_little_text,
    visible_text,
)


@pytest.mark.parametrize(
    ("plain", "escaped"),
    [
        ("Knee pain (ACL) update", r"Knee pain \(ACL\) update"),
        ("C:\\path", "C:\\\\path"),
        ("#Dermatology", "#Dermatology"),
        ("Price #1", r"Price \#1"),
        ("email me@x.org", r"email me\@x.org"),
        ("https://ex.com/?utm_source=li", "https://ex.com/?utm_source=li"),
        ("Thanks @[Acme Corp](urn:li:organization:1234)!", "Thanks @[Acme Corp](urn:li:organization:1234)!"),
        ("a_b *c* ~d~ |e| {f} [g] <h>", r"a\_b \*c\* \~d\~ \|e\| \{f\} \[g\] \<h\>"),
    ],
)
def test_escape_matches_reference_cases(plain: str, escaped: str) -> None:
    """Reserved characters get one backslash; URLs, hashtags and mentions stay as they are."""
    assert escape_little_text(plain) == escaped


def test_unescape_keeps_unknown_backslash_sequences() -> None:
    """A backslash before an ordinary character is kept."""
    assert unescape_little_text(r"50\% \(off\)") == r"50\% (off)"


_TEXT = st.text(alphabet=st.sampled_from(sorted(RESERVED_CHARACTERS) + list("ab1 .:/é日😷")), max_size=60)
_PIECES = st.lists(
    st.one_of(_TEXT, st.sampled_from(["https://ex.com/a_(b)", "#Health", "@[Dr A](urn:li:person:x1)", "x.org"])),
    max_size=8,
)


@given(_PIECES)
def test_escape_round_trips(pieces: list[str]) -> None:
    """Unescaping escaped text gives back exactly the original."""
    text = "".join(pieces)
    assert unescape_little_text(escape_little_text(text)) == text


@given(st.text(max_size=80))
def test_escape_round_trips_any_text(text: str) -> None:
    """Round trip holds for arbitrary Unicode text."""
    assert unescape_little_text(escape_little_text(text)) == text


@given(_TEXT)
def test_no_reserved_character_is_left_bare(text: str) -> None:
    """Outside kept markup every reserved character is preceded by exactly one escaping backslash."""
    escaped = escape_little_text(text.replace("#", "").replace("@", ""))
    stripped = re.sub(r"\\.", "", escaped)
    assert not any(char in RESERVED_CHARACTERS for char in stripped)


def test_commentary_is_escaped_once() -> None:
    """Escaped commentary passed through again is not escaped a second time."""
    once = little_commentary("Knee (ACL)")
    assert little_commentary(once) is once
    assert once == LittleCommentary(r"Knee \(ACL\)")


def test_autolinks_are_unwrapped() -> None:
    """A <https://…> autolink is sent as the bare URL."""
    assert little_commentary("Read <https://ex.com/a_b> now").text == "Read https://ex.com/a_b now"


def test_length_counts_visible_text() -> None:
    """Mentions count by their display name and astral characters count two units."""
    text = "Hi @[Acme Corp](urn:li:organization:1234) 😷"
    assert visible_text(text) == "Hi Acme Corp 😷"
    assert commentary_length(text) == 15
