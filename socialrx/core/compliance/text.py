"""Normalise post text against simple obfuscation while keeping a map to the original offsets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# Characters that are invisible or used to split words so that filters miss them.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
# Cyrillic and Greek letters that look like Latin ones.
_HOMOGLYPHS = str.maketrans("аеорсхуіАВЕКМНОРСТХУІ", "aeopcxyiABEKMHOPCTXYI")
_DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_SPELLED_DIGITS = re.compile(rf"\b{_DIGIT_WORD}(?:[\s,\-]+{_DIGIT_WORD}){{2,}}\b", re.IGNORECASE)
_SPELLED_DIGIT = re.compile(_DIGIT_WORD, re.IGNORECASE)
# Single digits split by spaces, dots, underscores or stars ("5 1 2 - 4 8"); five or more digits
# so that dotted IP addresses and decimals are left alone.
_SPACED_DIGITS = re.compile(r"(?<![\d.])\d(?:(?:[ ._*]|\s?[-/]\s?)\d){4,}(?![\d])")
_DOTTED_LETTERS = re.compile(r"(?<![\w.])[A-Za-z](?:[.\-*_][A-Za-z]){2,}\.?(?![\w])|(?<![\w.])[A-Z](?: [A-Z]){2,}(?![\w])")
# A hashtag's CamelCase words ("#NoSideEffects") are split so phrase patterns see "No Side Effects".
_CAMEL_HASHTAG = re.compile(r"(?<=#)[A-Za-z0-9]*[a-z0-9][A-Z][A-Za-z0-9]*")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# Digits or '@' inside a lower-case word ("appr0ved", "guar@nteed"); '@' before a domain is an email.
_LEET_DIGIT = re.compile(r"(?<=[a-z])(?:[013457]|@(?![\w-]*\.[a-z]))(?=[a-z])")
_LEET_MAP = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a"}
_SYMBOL_WORDS = {"\U0001f4af": "100"}

Piece = tuple[str, int, int]


@dataclass(frozen=True)
class NormalisedText:
    """A normalised string with, for each character, the original span it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original (start, end) covering the normalised span [start, end)."""
        if not self.text:
            return (0, 0)
        start = min(max(start, 0), len(self.text))
        end = min(max(end, start), len(self.text))
        if start == len(self.text):
            return (self.original_length, self.original_length)
        if end == start:
            return (self.starts[start], self.starts[start])
        return (self.starts[start], self.ends[end - 1])


def normalise(text: str) -> NormalisedText:
    """Return the text with NFKC, homoglyphs, spelled-out and spaced digits and leetspeak undone."""
    if text.isascii():
        pieces = Pieces(text, list(range(len(text))), list(range(1, len(text) + 1)))
    else:
        pieces = _unicode_pieces(text)
    pieces = _rewrite(pieces, _SPELLED_DIGITS, _spelled_to_digits)
    pieces = _rewrite(pieces, _CAMEL_HASHTAG, _split_camel_case)
    pieces = _rewrite(pieces, _SPACED_DIGITS, _drop_separators)
    pieces = _rewrite(pieces, _DOTTED_LETTERS, _drop_separators)
    pieces = _rewrite(pieces, _LEET_DIGIT, _leet_to_letter)
    return NormalisedText(
        text=pieces.text, starts=tuple(pieces.starts), ends=tuple(pieces.ends), original_length=len(text)
    )


@dataclass
class Pieces:
    """A string being rewritten, with the original span of each of its characters."""

    text: str
    starts: list[int]
    ends: list[int]

    def slice(self, start: int, end: int) -> list[Piece]:
        """Return the characters in [start, end) with their original spans."""
        return list(zip(self.text[start:end], self.starts[start:end], self.ends[start:end], strict=True))


def _unicode_pieces(text: str) -> Pieces:
    chars: list[str] = []
    starts: list[int] = []
    for index, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        replacement = _SYMBOL_WORDS.get(char) or unicodedata.normalize("NFKC", char).translate(_HOMOGLYPHS)
        for out in replacement if not char.isascii() else char:
            chars.append(out)
            starts.append(index)
    return Pieces("".join(chars), starts, [start + 1 for start in starts])


def _rewrite(
    pieces: Pieces, pattern: re.Pattern[str], replace: Callable[[re.Match[str], list[Piece]], list[Piece]]
) -> Pieces:
    if pattern.search(pieces.text) is None:
        return pieces
    result: list[Piece] = []
    cursor = 0
    for match in pattern.finditer(pieces.text):
        result.extend(pieces.slice(cursor, match.start()))
        result.extend(replace(match, pieces.slice(match.start(), match.end())))
        cursor = match.end()
    result.extend(pieces.slice(cursor, len(pieces.text)))
    return Pieces("".join(p[0] for p in result), [p[1] for p in result], [p[2] for p in result])


def _spelled_to_digits(match: re.Match[str], pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for word in _SPELLED_DIGIT.finditer(match.group(0)):
        first, last = pieces[word.start()], pieces[word.end() - 1]
        out.append((_DIGIT_WORDS[word.group(0).lower()], first[1], last[2]))
    return out


def _split_camel_case(match: re.Match[str], pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    boundaries = {m.start() for m in _CAMEL_BOUNDARY.finditer(match.group(0))}
    for index, piece in enumerate(pieces):
        if index in boundaries and index > 0:
            out.append((" ", piece[1], piece[1]))
        out.append(piece)
    return out


def _drop_separators(match: re.Match[str], pieces: list[Piece]) -> list[Piece]:
    return [piece for piece in pieces if piece[0].isalnum() or piece[0] in "-/"]


def _leet_to_letter(match: re.Match[str], pieces: list[Piece]) -> list[Piece]:
    char, start, end = pieces[0]
    return [(_LEET_MAP[char], start, end)]
