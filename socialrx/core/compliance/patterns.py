"""Compile the checker's regular expressions so that they skip, cheaply, the positions where no match can begin.

The checker runs a few hundred patterns over every post, and most of its time is spent in the regular-expression
engine trying each pattern at each position. Python's engine skips ahead quickly only when a pattern begins with a
literal or a character class and is case-sensitive; the checker's patterns mostly begin with ``\\b``, a lookbehind or
``(?i)`` alternatives, so the engine enters each of them at every position and tries every alternative.

``compile_pattern`` reads the pattern once, works out the set of characters any match must begin with, and puts a
lookahead on that set in front (``(?=[0-9A-Za-z])...``): at other positions the match fails at once. The lookahead
is zero-width and admits every character a match could begin with (a superset: case-insensitive parts admit their
characters in any case), so the compiled pattern finds exactly the same matches, groups and spans. A pattern that
can match the empty string, or whose first characters cannot be listed (``.``, a negated class, a back-reference),
is compiled as it is.

Many patterns also need a word: every match of ``\\bguarantee[sd]?\\b|\\bnever\\s+fails\\b`` contains "guarantee" or
"never". ``compile_pattern`` lists such words (the literal runs a match cannot do without, read from the same parse)
and returns a pattern that answers "no match" at once for a text that contains none of them, lower-cased, without
entering the regular-expression engine: the keyword gates the rules once wrote by hand, for every pattern.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

try:  # the standard library's own parser (re._parser since Python 3.11, sre_parse before)
    from re import _constants as _sre_constants
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover - older or other Pythons: patterns are compiled as they are
    _sre_parser = _sre_constants = None

_LEADING_FLAGS = re.compile(r"^\(\?[aiLmsux]+\)")


class _Unlisted(Exception):
    """The pattern may begin with a character that cannot be listed (any character, a negated class)."""


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Return ``re.compile(pattern, flags)``, with a lookahead on the characters its matches can begin with, behind
    a check for the words every match contains."""
    compiled = _guarded(re.compile(pattern, flags))
    needles = required_words(pattern, flags)
    if not needles:
        return compiled
    return PrefilteredPattern(compiled, needles)  # type: ignore[return-value]


def _guarded(compiled: re.Pattern[str]) -> re.Pattern[str]:
    guard = _first_character_guard(compiled)
    if guard is None:
        return compiled
    # Global inline flags ("(?i)") must stay at the very start; they are in compiled.flags already.
    source = _LEADING_FLAGS.sub("", compiled.pattern, count=1)
    end = "\n)" if compiled.flags & re.VERBOSE else ")"  # a verbose pattern may end in a comment
    try:
        return re.compile(f"{guard}(?:{source}{end}", compiled.flags)
    except re.error:  # pragma: no cover - a pattern the rewrite cannot express stays as it is
        return compiled


# A word list is worth checking when every word has at least this many characters and there are not too many of them
# (measured with callgrind over the speed bench's posts: 2-letter words save nothing; lists of up to 64 words, such as
# the holidays of the date pattern, still cost less to scan than the engine trying each alternative, 28.11M -> 27.63M
# instructions a post against a limit of 24; a limit of 200 changes nothing more).
MIN_WORD = 3
MAX_WORDS = 64
# Characters that ignore-case matching takes for an ASCII letter but str.lower() does not turn into it ("ſ" matches
# "s", "ı" and "İ" match "i"): in a text holding one, every pattern runs (tests/core/compliance/test_patterns.py
# checks the list against the engine).
UNFOLDABLE = "\u0130\u0131\u017f"
_UNFOLDABLE = re.compile(f"[{UNFOLDABLE}]")
_last_text: tuple[str | None, str | None] = (None, None)


def folded(text: str) -> str | None:
    """Return the text in lower case for the word checks, or None when a word check could miss a match in it.

    The last text asked about is kept: a post's few hundred patterns all ask about the same text, one after another.
    """
    global _last_text
    last = _last_text  # one read: another thread may replace the pair, never half of it
    if last[0] is text:
        return last[1]
    key = None if _UNFOLDABLE.search(text) else text.lower()
    _last_text = (text, key)
    return key


class PrefilteredPattern:
    """A compiled pattern behind a check that the text contains one of the words every match contains.

    It answers like ``re.Pattern`` (same matches, groups and spans); when the text, lower-cased, holds none of
    ``needles``, ``search`` and its siblings return at once what the engine would have found: nothing.
    """

    __slots__ = ("compiled", "needles")

    def __init__(self, compiled: re.Pattern[str], needles: tuple[str, ...]) -> None:
        self.compiled = compiled
        self.needles = needles

    def absent(self, text: str) -> bool:
        """Return whether no match can exist in the text (none of the needed words is in it)."""
        key = folded(text)
        if key is None:
            return False
        for needle in self.needles:
            if needle in key:
                return False
        return True

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self.absent(string) else self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self.absent(string) else self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self.absent(string) else self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return iter(()) if self.absent(string) else self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return [] if self.absent(string) else self.compiled.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return string if self.absent(string) else self.compiled.sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        return (string, 0) if self.absent(string) else self.compiled.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        return [string] if self.absent(string) else self.compiled.split(string, maxsplit)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)  # pattern, flags, groups, groupindex

    def __repr__(self) -> str:
        return f"PrefilteredPattern({self.compiled!r}, needles={self.needles!r})"


def required_words(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Return lower-case words one of which every match of the pattern contains, or () when none can be named.

    Read from the parse: a run of literal characters is needed; so is what a group, a repeat of at least one, or a
    positive lookaround needs; a branch needs one of what its alternatives need. Of the needed sets, the one whose
    shortest word is longest is kept. Only ASCII words are listed (see ``UNFOLDABLE``).
    """
    if _sre_parser is None:  # pragma: no cover
        return ()
    try:
        needed = _required(_sre_parser.parse(pattern, flags).data)
    except (re.error, TypeError, ValueError, RecursionError):  # pragma: no cover - a pattern the parse cannot read
        return ()
    if not needed or len(needed) > MAX_WORDS or min(map(len, needed)) < MIN_WORD:
        return ()
    return tuple(sorted(needed, key=lambda word: (-len(word), word)))


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    candidates = [c for c in candidates if c and len(c) <= MAX_WORDS]
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


def _required(sequence: list) -> frozenset[str] | None:
    k = _sre_constants
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, value in sequence:
        if op is k.LITERAL and value < 128:
            run.append(chr(value))
            continue
        if op is k.AT:
            continue  # zero-width (\b, ^): the literals on both sides are adjacent in the text
        close_run()
        inner: list | None = None
        if op is k.SUBPATTERN:
            inner = _sequence(value[3])
        elif op is k.ATOMIC_GROUP:
            inner = _sequence(value)
        elif op in _REPEATS and value[0] >= 1:
            inner = _sequence(value[2])
        elif op is k.ASSERT:
            inner = _sequence(value[1])  # a positive lookaround's words are in the text too
        elif op is k.BRANCH:
            union: set[str] = set()
            for alternative in value[1]:
                needed = _required(_sequence(alternative))
                if needed is None:
                    union = set()
                    break
                union |= needed
            if union:
                candidates.append(frozenset(union))
            continue
        if inner is not None:
            needed = _required(inner)
            if needed is not None:
                candidates.append(needed)
    close_run()
    return _best(candidates)


def _first_character_guard(compiled: re.Pattern[str]) -> str | None:
    if _sre_parser is None or not isinstance(compiled.pattern, str):
        return None
    parts: list[str] = []
    state = {"ignorecase": bool(compiled.flags & re.IGNORECASE)}
    try:
        if _first(_sre_parser.parse(compiled.pattern, compiled.flags).data, parts, state):
            return None  # the pattern may match the empty string
    except (_Unlisted, re.error, TypeError, ValueError):
        return None
    guard = f"(?=[{''.join(dict.fromkeys(parts))}])"
    if state["ignorecase"] and not compiled.flags & re.IGNORECASE:
        guard = f"(?i:{guard})"  # a case-insensitive part may begin with its characters in any case
    return guard


def _sequence(item: object) -> list:
    return item.data if hasattr(item, "data") else item  # type: ignore[attr-defined, return-value]


def _first(sequence: list, parts: list[str], state: dict[str, bool]) -> bool:
    """Add to ``parts`` the classes a match of ``sequence`` may begin with; return whether it may match empty."""
    k = _sre_constants
    for op, value in sequence:
        if op is k.LITERAL:
            parts.append(re.escape(chr(value)))
            return False
        if op is k.IN:
            parts.extend(_class_items(value))
            return False
        if op in (k.AT, k.ASSERT, k.ASSERT_NOT):
            continue  # zero-width: the first character is the next item's
        if op is k.SUBPATTERN:
            _group, add_flags, _del_flags, inner = value
            if add_flags & re.IGNORECASE:
                state["ignorecase"] = True
            if not _first(_sequence(inner), parts, state):
                return False
            continue
        if op is k.ATOMIC_GROUP:
            if not _first(_sequence(value), parts, state):
                return False
            continue
        if op is k.BRANCH:
            empty = False
            for alternative in value[1]:
                empty |= _first(_sequence(alternative), parts, state)
            if not empty:
                return False
            continue
        if op in (k.MAX_REPEAT, k.MIN_REPEAT, getattr(k, "POSSESSIVE_REPEAT", k.MAX_REPEAT)):
            minimum, _maximum, inner = value
            if not _first(_sequence(inner), parts, state) and minimum > 0:
                return False
            continue
        raise _Unlisted(op)
    return True


_REPEATS = tuple(op for op in (getattr(_sre_constants, name, None) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"))
                 if op is not None) if _sre_constants is not None else ()


def _class_items(items: list) -> list[str]:
    k = _sre_constants
    categories = {
        k.CATEGORY_DIGIT: r"\d", k.CATEGORY_NOT_DIGIT: r"\D", k.CATEGORY_SPACE: r"\s", k.CATEGORY_NOT_SPACE: r"\S",
        k.CATEGORY_WORD: r"\w", k.CATEGORY_NOT_WORD: r"\W",
    }
    listed = []
    for op, value in items:
        if op is k.LITERAL:
            listed.append(re.escape(chr(value)))
        elif op is k.RANGE:
            listed.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif op is k.CATEGORY and value in categories:
            listed.append(categories[value])
        else:
            raise _Unlisted(op)  # a negated class or an unusual item: anything may begin the match
    return listed
