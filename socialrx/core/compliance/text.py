"""Normalise post text against simple obfuscation while keeping a map to the original offsets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from socialrx.core.compliance.patterns import compile_pattern

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
    # Hindi and Hinglish, as phone numbers are read back: "nau saat teen, paanch paanch paanch"
    "shunya": "0", "ek": "1", "do": "2", "teen": "3", "chaar": "4", "char": "4", "paanch": "5", "panch": "5", "chhe": "6",
    "chhah": "6", "saat": "7", "aath": "8", "nau": "9",
    # Punjabi: "nau sifar panj, panj panj panj, sifar ikk tinn chaar"
    "sifar": "0", "ikk": "1", "tinn": "3", "panj": "5", "satt": "7", "atth": "8",
}
_DIGIT_WORD = (r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|shunya|ek|do|teen|chaar|char|paanch|panch|chhah|chhe|saat|"
               r"aath|nau|sifar|ikk|tinn|panj|satt|atth)")
_SPELLED_DIGITS = compile_pattern(rf"\b{_DIGIT_WORD}(?:[\s,\-]+{_DIGIT_WORD}){{2,}}\b", re.IGNORECASE)
_SPELLED_DIGIT = compile_pattern(rf"\b{_DIGIT_WORD}\b", re.IGNORECASE)
# Single digits split by spaces, dots, underscores or stars ("5 1 2 - 4 8"); five or more digits
# so that dotted IP addresses and decimals are left alone.
# A three-digit group may lead ("555 0 1 4 8", "555–0 1 6 2": a phone's exchange, then its number spelled out).
_DIGIT_GAP = r"(?:[ ._*]|\s?[-/\u2013]\s?)"
_SPACED_DIGITS = compile_pattern(
    rf"(?<![\w.])(?:[A-Z] )?(?:\d{{3}}{_DIGIT_GAP}\d(?:{_DIGIT_GAP}\d){{3,}}|\d(?:{_DIGIT_GAP}\d){{4,}})(?![\d])"
)
# Letters spelled out one by one ("g u a r a n t e e d", "F D A - a p p r o v e d"); two spaces end a word.
_SPACED_LETTERS = compile_pattern(r"(?<![\w'\u2019])[A-Za-z](?:(?: |\s-\s)[A-Za-z]){3,}(?![\w/])")  # never "it's a …"
# An IP address with spaces around its dots ("73 . 16 . 44 . 201").
_SPACED_DOTS = compile_pattern(r"(?<![\d.])\d{1,3}(?:\s*\.\s*\d{1,3}){3}(?![\d.])")
# Addresses written to dodge filters: "name [at] example [dot] org".
# Or without brackets when a top-level domain follows: "hal.benning44 at example dot net".
_TLD = r"(?:com|net|org|edu|gov|io|co|us|info|biz|me)\b"
_EMAIL_AT = compile_pattern(
    r"\s*[\[(]\s*(?i:at)\s*[\])]\s*|\s*[\[(]\s*(?i:dot)\s*[\])]\s*"
    rf"|(?<=[\w.])\s+(?i:at)\s+(?=[\w-]+\s+(?i:dot)\s+{_TLD})|(?<=\w)\s+(?i:dot)\s+(?={_TLD})"
)
_DOTTED_LETTERS = compile_pattern(r"(?<![\w.])[A-Za-z](?:[.\-*_][A-Za-z]){2,}\.?(?![\w])|(?<![\w.])[A-Z](?: [A-Z]){2,}(?![\w])")
# A hashtag's CamelCase words ("#NoSideEffects") are split so phrase patterns see "No Side Effects".
_CAMEL_HASHTAG = compile_pattern(r"(?<=#)[A-Za-z0-9]*[a-z0-9][A-Z][A-Za-z0-9]*")
_CAMEL_BOUNDARY = compile_pattern(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# Digits or '@' inside a lower-case word ("appr0ved", "guar@nteed"); '@' before a domain is an email.
_LEET_DIGIT = compile_pattern(r"(?<=[A-Za-z])(?:[013457!$]|@(?![\w-]*\.[a-z]))(?=[a-z])")
_LEET_MAP = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "!": "i", "$": "s"}
_SYMBOL_WORDS = {"\U0001f4af": "100"}
# Claim words whose misspellings ("aproved", "garanteed", "acurate") are read as the word itself. Only
# words of six letters or more, and only one edit away, so real words ("curse", "proved") stay as they are.
CLAIM_WORDS = (
    "approved", "approval", "cleared", "clearance", "guaranteed", "guarantee", "guarantees", "accurate", "accuracy",
    "autonomous", "outperforms", "outperform", "clinically", "proven", "replaces", "eliminates", "reverses", "perfect",
    "flawless", "harmless", "certified", "endorsed", "radiologists", "radiologist", "physicians", "effects",
    "undetected", "recommend", "recommended", "patient", "patients",
)  # fmt: skip
_REAL_WORDS = frozenset({"approves", "approve", "clearer", "clears", "accurately", "perfects", "effect", "affects",
                         "recommends", "endorses", "certifies", "proves", "proved", "prefect", "cleaned", "cleaner",
                         "patent", "patents", "patience", "patiently"})  # fmt: skip
_WORD = compile_pattern(r"\b[A-Za-z]{5,13}\b")

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
    pieces = _rewrite(pieces, _SPACED_DOTS, _drop_spaces)
    pieces = _rewrite(pieces, _SPACED_DIGITS, _join_digits)
    pieces = _rewrite(pieces, _DOTTED_LETTERS, _drop_separators)
    pieces = _rewrite(pieces, _SPACED_LETTERS, _drop_separators)
    pieces = _rewrite(pieces, _EMAIL_AT, _email_symbol)
    pieces = _rewrite(pieces, _LEET_DIGIT, _leet_to_letter)
    if _WORD.search(pieces.text) and any(_correction(w.group(0)) for w in _WORD.finditer(pieces.text)):
        pieces = _rewrite(pieces, _WORD, _correct_spelling)
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
    """Return the text with invisible characters dropped and every other non-ASCII character folded (ASCII runs as is)."""
    chars: list[str] = []
    starts: list[int] = []
    cursor = 0
    for match in _NON_ASCII.finditer(text):
        index = match.start()
        if cursor < index:
            chars.append(text[cursor:index])
            starts.extend(range(cursor, index))
        cursor = index + 1
        replacement = _fold_character(match.group(0))
        chars.append(replacement)
        starts.extend([index] * len(replacement))
    if cursor < len(text):
        chars.append(text[cursor:])
        starts.extend(range(cursor, len(text)))
    return Pieces("".join(chars), starts, [start + 1 for start in starts])


_NON_ASCII = compile_pattern(r"[^\x00-\x7f]")


@lru_cache(maxsize=8192)
def _fold_character(char: str) -> str:
    """Return what one non-ASCII character reads as: nothing if invisible, a digit, a symbol's word, or its NFKC
    homoglyph-free form."""
    if char in _INVISIBLE:
        return ""
    digit = unicodedata.decimal(char, None)
    if digit is not None:
        return str(digit)  # Arabic-Indic, Persian and Devanagari digits read as the digits they are: "٩٤" is 94
    return _SYMBOL_WORDS.get(char) or unicodedata.normalize("NFKC", char).translate(_HOMOGLYPHS)


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
    """Spell digits as digits; seven or ten of them grouped with dashes or commas read as a phone ('555-0184')."""
    out: list[Piece] = []
    for word in _SPELLED_DIGIT.finditer(match.group(0)):
        first, last = pieces[word.start()], pieces[word.end() - 1]
        out.append((_DIGIT_WORDS[word.group(0).lower()], first[1], last[2]))
    if len(out) in (7, 10) and re.search(r"[,\-]", match.group(0)):
        for position in (len(out) - 4, 3) if len(out) == 10 else (3,):
            out.insert(position, ("-", out[position][1], out[position][1]))
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
    # A claim word spelled with hyphens ("g-u-a-r-a-n-t-e-e-d") is the word; other hyphens stay ("h-a-z-e-l" is read as
    # written by the name rules).
    joined = "".join(piece[0] for piece in pieces if piece[0].isalnum()).lower()
    keep = "/" if joined in _SPELLED_CLAIM_WORDS else "-/"
    return [piece for piece in pieces if piece[0].isalnum() or piece[0] in keep]


_SPELLED_CLAIM_WORDS = frozenset(
    "guaranteed guarantee guarantees approved approval cured cure cures curing proven safe cleared certified".split()
)


def _drop_spaces(match: re.Match[str], pieces: list[Piece]) -> list[Piece]:
    return [piece for piece in pieces if not piece[0].isspace()]


def _join_digits(match: re.Match[str], pieces: list[Piece]) -> list[Piece]:
    """Join spaced digits; hyphens between spaced groups stay ('5 5 5 - 0 1' -> '555-01'), '3-0-3' becomes '303'."""
    if any(piece[0].isspace() for piece in pieces):
        kept = _drop_separators(match, [("-", *piece[1:]) if piece[0] == "\u2013" else piece for piece in pieces])
        text = match.group(0)
        if sum(ch.isdigit() for ch in text) == 7 and text[:3].isdigit() and "-" not in "".join(p[0] for p in kept):
            kept.insert(3, ("-", kept[3][1], kept[3][1]))  # "555 0 1 2 9": an exchange and a number, a phone's grouping
        return kept
    return [piece for piece in pieces if piece[0].isalnum()]


def _email_symbol(match: re.Match[str], pieces: list[Piece]) -> list[Piece]:
    symbol = "@" if "t" in match.group(0).lower() and "dot" not in match.group(0).lower() else "."
    return [(symbol, pieces[0][1], pieces[-1][2])]


def _leet_to_letter(match: re.Match[str], pieces: list[Piece]) -> list[Piece]:
    char, start, end = pieces[0]
    return [(_LEET_MAP[char], start, end)]


def _deletions(word: str) -> set[str]:
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


def _build_corrections() -> dict[str, str]:
    """Map each one-edit misspelling key (the word and its one-letter deletions) to its claim word."""
    corrections: dict[str, str] = {}
    for word in CLAIM_WORDS:
        for key in (word, *_deletions(word)):
            corrections.setdefault(key, word)
    return corrections


def _inflections(word: str) -> set[str]:
    """Return the word's other regular forms ('replaces' -> 'replace', 'replaced'), which are real words too."""
    stems = {word, word.removesuffix("s"), word.removesuffix("d"), word.removesuffix("ed"), word.removesuffix("ly")}
    return {form for stem in stems for form in (stem, stem + "s", stem + "d", stem + "ed", stem + "ly", stem + "es")}


_CORRECTIONS = _build_corrections()
_CLAIM_WORD_SET = frozenset(CLAIM_WORDS)
_REAL_WORDS = _REAL_WORDS | {form for word in CLAIM_WORDS for form in _inflections(word)} - _CLAIM_WORD_SET


@lru_cache(maxsize=65536)
def _correction(word: str) -> str | None:
    """Return the claim word a token misspells (one insertion, deletion, substitution or swap), or None (cached)."""
    lower = word.lower()
    if lower in _CLAIM_WORD_SET or lower in _REAL_WORDS:
        return None
    candidates = {_CORRECTIONS.get(lower)} | {_CORRECTIONS.get(key) for key in _deletions(lower)}
    for candidate in candidates - {None}:
        if candidate and len(candidate) >= 6 and candidate[0] == lower[0] and _one_edit(lower, candidate):
            return candidate
    return None


def _one_edit(word: str, target: str) -> bool:
    if abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        diffs = [index for index, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        if len(diffs) == 1:
            return True
        first, second = (diffs + [0, 0])[:2]
        return len(diffs) == 2 and second == first + 1 and word[first] == target[second] and word[second] == target[first]
    shorter, longer = sorted((word, target), key=len)
    return any(longer[:index] + longer[index + 1 :] == shorter for index in range(len(longer)))


def _correct_spelling(match: re.Match[str], pieces: list[Piece]) -> list[Piece]:
    corrected = _correction(match.group(0))
    if corrected is None:
        return pieces
    if match.group(0)[0].isupper():
        corrected = corrected[0].upper() + corrected[1:]
    # Each letter of the correction maps to the original letter at the same place (the last one to the end).
    last = len(pieces) - 1
    out = [(char, pieces[min(i, last)][1], pieces[min(i, last)][2]) for i, char in enumerate(corrected)]
    out[-1] = (out[-1][0], out[-1][1], pieces[last][2])
    return out
