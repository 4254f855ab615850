"""Tokens with offsets and the per-token features the entity tagger reads, shared by training and checking."""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from importlib.resources import files
from typing import NamedTuple

from socialrx.core.compliance.patterns import compile_pattern

# A possessive "'s" is its own token so that "Rosie's" tags "Rosie"; apostrophes inside names stay ("O'Brien").
TOKEN = compile_pattern(r"\w+(?=['\u2019]s\b)|['\u2019]s\b|\w+(?:['\u2019\-]\w+)*|[^\w\s]")
_SENTENCE_BREAK = frozenset(".!?\n:;\u2014|\"\u201c\u201d")
_SHAPE_MAP = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "d" * 10,
)
# Lower-case words that are often capitalised in posts but never names; the tagger sees them as a feature.
COMMON_WORDS = frozenset(
    """a an and at by for from in of on or the to with our my your his her their its we i it this that these those
    thanks thank happy meet congrats congratulations welcome hello hi hey dear proud today yesterday tomorrow
    patient patients doctor dr nurse team hospital clinic medical general center health care ai fda
    mr mrs ms miss mx prof professor md rn do phd np pa ceo cmo cto vp so very great new more read watch see join
    learn call email visit what when where who why how great love so sorry just please not no yes all every any
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december week month year morning night ai radiology cardiology oncology data
    """.split()
)


class Token(NamedTuple):
    """One token of a text and its [start, end) offsets (a named tuple: posts make thousands of them)."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Return the tokens of a text with their offsets."""
    return [Token(m.group(), *m.span()) for m in TOKEN.finditer(text)]


_WORD_PER_TOKEN = frozenset({"health_words", "nicknames"})


@cache
def gazetteer(name: str) -> frozenset[str]:
    """Return a lower-cased, accent-folded word list shipped in the package's data folder."""
    data = files("socialrx.core.compliance").joinpath(f"data/{name}.txt").read_text(encoding="utf-8")
    lines = (line for line in data.splitlines() if line.strip() and not line.startswith("#"))
    return frozenset(fold(word) for line in lines for word in (line.split() if name in _WORD_PER_TOKEN else [line.strip()]))


@cache
def _gazetteers() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    given = gazetteer("given_names") | gazetteer("census_given_names") | gazetteer("first_names") | gazetteer("nicknames")
    return given, gazetteer("surnames"), gazetteer("places")


def name_gazetteers() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Return the given-name (nicknames included), surname and place word lists."""
    return _gazetteers()


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Return a word lower-cased with its accents removed ('Zoë' -> 'zoe')."""
    lowered = word.lower()
    if lowered.isascii():
        return lowered
    return "".join(ch for ch in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def _shape(word: str) -> str:
    shape = word.translate(_SHAPE_MAP) if word.isascii() else "".join(
        "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch for ch in word
    )
    return _REPEATS.sub(r"\1\1", shape)


_REPEATS = compile_pattern(r"(.)\1+")


@lru_cache(maxsize=65536)
def _word_features(word: str, prefix: str) -> tuple[str, ...]:
    """Return one word's own features, names prefixed with its offset ('-1:w:rosie'); cached, as words repeat a lot.

    Features are CRFsuite attribute names of weight 1: 'w:<word>' for the word itself, 'cap' for a flag.
    """
    folded = fold(word)
    first, last, place = _gazetteers()
    features = [f"{prefix}w:{folded}"]
    if prefix in ("", "-1:", "1:"):
        features.append(f"{prefix}shape:{_shape(word)}")
    if word[:1].isupper():
        features.append(f"{prefix}cap")
    if word.isupper() and len(word) > 1:
        features.append(f"{prefix}upper")
    if folded in first:
        features.append(f"{prefix}first")
    if folded in last:
        features.append(f"{prefix}last")
    if folded in place:
        features.append(f"{prefix}place")
    if folded in COMMON_WORDS:
        features.append(f"{prefix}common")
    if not prefix:
        features += [f"p3:{folded[:3]}", f"s3:{folded[-3:]}", f"s2:{folded[-2:]}"]
    return tuple(features)


_EDGES = {offset: (f"{offset}:edge",) for offset in (-2, -1, 1, 2)}
_SENT_START = ("sent_start",)


def token_features(tokens: list[Token]) -> list[list[str]]:
    """Return the features of every token: the word, its shape, gazetteer hits and its neighbours'.

    Each token's features are a list of CRFsuite attribute names (weight 1), as python-crfsuite takes them.
    """
    words = [token.text for token in tokens]
    # Each word's features at each offset, looked up once: one (own, -1, -2, 1, 2) tuple per word.
    at = [_offset_features(word) for word in words]
    count = len(words)
    result = []
    for index in range(count):
        start = index == 0 or words[index - 1] in _SENTENCE_BREAK
        result.append([
            *at[index][0], *(_SENT_START if start else ()),
            *(at[index - 2][2] if index >= 2 else _EDGES[-2]), *(at[index - 1][1] if index >= 1 else _EDGES[-1]),
            *(at[index + 1][3] if index + 1 < count else _EDGES[1]), *(at[index + 2][4] if index + 2 < count else _EDGES[2]),
        ])
    return result


@lru_cache(maxsize=65536)
def _offset_features(word: str) -> tuple[tuple[str, ...], ...]:
    """Return a word's features as the token itself and as the token 1 or 2 before or after another: the
    prefixes "", "-1:", "-2:", "1:", "2:" name the neighbour's offset from the token that reads them."""
    return (_word_features(word, ""), _word_features(word, "-1:"), _word_features(word, "-2:"),
            _word_features(word, "1:"), _word_features(word, "2:"))


def countries_only(words: list[str]) -> bool:
    """Return whether every word (of at least one) is a country's name ("India's No.1": a country, not a person)."""
    countries = gazetteer("countries")
    return bool(words) and all(fold(word) in countries for word in words)
