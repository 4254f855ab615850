"""Split long X text into a numbered thread whose every part fits the weighted limit."""

import re

from socialrx.core.platforms.x_text.config import CONFIG_V3
from socialrx.core.platforms.x_text.emoji import emoji_spans
from socialrx.core.platforms.x_text.url_patterns import INVALID_CHARS
from socialrx.core.platforms.x_text.urls import extract_urls
from socialrx.core.platforms.x_text.weighted import weighted_length

_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*\s+|\n\s*")
_WHITESPACE = re.compile(r"\s+")


def split_thread(text: str, *, numbering: bool = True, max_weighted: int = CONFIG_V3.max_weighted_tweet_length) -> list[str]:
    """Return the parts of a thread, split at sentences, then words, never inside a URL or emoji.

    With ``numbering`` each part of a multi-part thread ends in " k/n", counted in the limit.
    Text that fits in one post comes back as one part without a number.
    """
    if any(char in INVALID_CHARS for char in text):
        raise ValueError("the text contains characters X does not accept (U+FFFE, U+FEFF or U+FFFF)")
    text = text.strip()
    if not text:
        return []
    if weighted_length(text) <= max_weighted:
        return [text]
    pieces = _pieces(text, max_weighted - (len(" 9999/9999") if numbering else 0))
    if not numbering:
        return _pack(pieces, max_weighted, suffix_width=0)
    digits = 1
    while True:
        suffix_width = len(f" {'9' * digits}/{'9' * digits}")
        parts = _pack(pieces, max_weighted, suffix_width)
        if len(str(len(parts))) <= digits:
            return [f"{part} {number}/{len(parts)}" for number, part in enumerate(parts, start=1)]
        digits = len(str(len(parts)))


def _pieces(text: str, budget: int) -> list[tuple[str, str]]:
    """Return (piece, separator after it) pairs: sentences, or smaller units where a sentence is too long."""
    pieces: list[tuple[str, str]] = []
    for sentence, separator in _split_keeping_separators(text, _SENTENCE_END):
        if weighted_length(sentence) <= budget:
            pieces.append((sentence, separator))
            continue
        words = _split_keeping_separators(sentence, _WHITESPACE)
        words[-1] = (words[-1][0], separator)
        for word, word_separator in words:
            if weighted_length(word) <= budget:
                pieces.append((word, word_separator))
            else:
                chunks = _hard_split(word, budget)
                pieces.extend((chunk, "") for chunk in chunks[:-1])
                pieces.append((chunks[-1], word_separator))
    return pieces


def _split_keeping_separators(text: str, separator: re.Pattern[str]) -> list[tuple[str, str]]:
    pairs = []
    position = 0
    for match in separator.finditer(text):
        if match.start() > position:
            pairs.append((text[position : match.start()], match.group(0)))
        elif pairs:
            pairs[-1] = (pairs[-1][0], pairs[-1][1] + match.group(0))
        position = match.end()
    if position < len(text):
        pairs.append((text[position:], ""))
    return pairs


def _hard_split(word: str, budget: int) -> list[str]:
    """Split a word with no spaces into chunks within ``budget``, keeping URLs and emoji whole."""
    atoms = _atoms(word)
    chunks: list[str] = []
    current = ""
    for atom in atoms:
        if current and weighted_length(current + atom) > budget:
            chunks.append(current)
            current = ""
        current += atom
    chunks.append(current)
    return chunks


def _atoms(word: str) -> list[str]:
    """Return the word as single characters, except that each URL and each emoji stays in one piece."""
    spans = sorted([(url.start, url.end) for url in extract_urls(word)] + emoji_spans(word))
    atoms = []
    position = 0
    for start, end in spans:
        if start < position:
            continue
        atoms.extend(word[position:start])
        atoms.append(word[start:end])
        position = end
    atoms.extend(word[position:])
    return atoms


def _pack(pieces: list[tuple[str, str]], max_weighted: int, suffix_width: int) -> list[str]:
    """Greedily fill parts with whole pieces, leaving room for a numbering suffix."""
    parts: list[str] = []
    current = ""
    pending_separator = ""
    for piece, separator in pieces:
        candidate = current + pending_separator + piece if current else piece
        if current and weighted_length(candidate) + suffix_width > max_weighted:
            parts.append(current.strip())
            candidate = piece
        current = candidate
        pending_separator = separator
    if current.strip():
        parts.append(current.strip())
    return parts
