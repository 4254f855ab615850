"""Find emoji sequences the way twitter-text's v3 emoji parsing does (Emoji 12.0 data)."""

import re
from functools import cache
from importlib import resources

_END = ""


@cache
def emoji_sequences() -> tuple[str, ...]:
    """Return every emoji sequence twitter-text counts as one character."""
    text = resources.files(__package__).joinpath("emoji_sequences.txt").read_text(encoding="utf-8")
    return tuple(
        "".join(chr(int(code, 16)) for code in line.split())
        for line in text.splitlines()
        if line and not line.startswith("#")
    )


@cache
def _emoji_trie() -> tuple[re.Pattern[str], dict[str, dict]]:
    """Return a pattern for the first code points of all sequences, and the sequence trie."""
    root: dict[str, dict] = {}
    for sequence in emoji_sequences():
        node = root
        for char in sequence:
            node = node.setdefault(char, {})
        node[_END] = {}
    basic_plane = sorted(ord(char) for char in root if ord(char) <= 0xFFFF)
    return re.compile(_character_class(basic_plane) + "|[\U00010000-\U0010ffff]"), root


def _character_class(code_points: list[int]) -> str:
    """Return a regex class of basic-plane ``code_points``, which ``re`` compiles to a bitmap.

    Astral code points are left to the trie: a class holding them compiles to a list of
    ranges that ``re`` scans one by one for every character of the text.
    """
    ranges: list[list[int]] = []
    for code_point in code_points:
        if ranges and code_point == ranges[-1][1] + 1:
            ranges[-1][1] = code_point
        else:
            ranges.append([code_point, code_point])
    parts = (re.escape(chr(low)) + ("-" + re.escape(chr(high)) if high > low else "") for low, high in ranges)
    return "[" + "".join(parts) + "]"


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) code point spans of the longest emoji sequences in ``text``.

    A character class finds where a sequence may start; the trie then takes the longest
    listed sequence there, which is what twitter-text's length-sorted alternation matches.
    """
    first_char, root = _emoji_trie()
    spans = []
    position = 0
    while True:
        candidate = first_char.search(text, position)
        if candidate is None:
            return spans
        start = candidate.start()
        end = _longest_sequence_end(text, start, root)
        if end > start:
            spans.append((start, end))
            position = end
        else:
            position = start + 1


def _longest_sequence_end(text: str, start: int, root: dict[str, dict]) -> int:
    node = root
    longest = start
    for index in range(start, len(text)):
        node = node.get(text[index])
        if node is None:
            break
        if _END in node:
            longest = index + 1
    return longest
