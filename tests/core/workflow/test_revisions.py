"""Revision content hashes: canonical, so only a real change of content changes the hash."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from socialrx.core.workflow import content_hash

SNAPSHOT = {"is_paid": False, "variants": [{"channel": "linkedin", "text": "AI triage cut wait times.", "tags": []}]}


def test_hash_is_sha256_hex():
    """The hash is 64 hexadecimal characters."""
    digest = content_hash(SNAPSHOT)
    assert len(digest) == 64
    int(digest, 16)


def test_key_order_does_not_change_the_hash():
    """The same content written with keys in another order has the same hash."""
    reordered = {"variants": [{"tags": [], "text": "AI triage cut wait times.", "channel": "linkedin"}], "is_paid": False}
    assert content_hash(reordered) == content_hash(SNAPSHOT)


def test_a_comma_changes_the_hash():
    """Changing one comma of one variant changes the hash."""
    edited = {**SNAPSHOT, "variants": [{**SNAPSHOT["variants"][0], "text": "AI triage, cut wait times."}]}
    assert content_hash(edited) != content_hash(SNAPSHOT)


def test_flags_are_part_of_the_hash():
    """Routing flags (paid) are part of the content that was approved."""
    assert content_hash({**SNAPSHOT, "is_paid": True}) != content_hash(SNAPSHOT)


def test_lone_surrogate_hashes():
    """Text with a lone surrogate (possible from a JSON escape) still hashes, distinctly."""
    assert content_hash({"t": "a\ud800"}) != content_hash({"t": "a"})


def test_non_ascii_text_hashes():
    """Text outside ASCII is hashed as UTF-8 without escaping."""
    assert content_hash({"t": "naïve — “quoted”"}) != content_hash({"t": "naive - quoted"})


@given(st.dictionaries(st.text(max_size=5), st.text(max_size=20), max_size=5))
def test_hash_is_stable_for_equal_content(data):
    """Equal content always gives the same hash."""
    assert content_hash(dict(data)) == content_hash(dict(reversed(list(data.items()))))
