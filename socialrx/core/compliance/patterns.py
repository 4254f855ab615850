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
"""

from __future__ import annotations

import re

try:  # the standard library's own parser (re._parser since Python 3.11, sre_parse before)
    from re import _constants as _sre_constants
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover - older or other Pythons: patterns are compiled as they are
    _sre_parser = _sre_constants = None

_LEADING_FLAGS = re.compile(r"^\(\?[aiLmsux]+\)")


class _Unlisted(Exception):
    """The pattern may begin with a character that cannot be listed (any character, a negated class)."""


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Return ``re.compile(pattern, flags)``, with a lookahead on the characters its matches can begin with."""
    compiled = re.compile(pattern, flags)
    guard = _first_character_guard(compiled)
    if guard is None:
        return compiled
    # Global inline flags ("(?i)") must stay at the very start; they are in compiled.flags already.
    source = _LEADING_FLAGS.sub("", pattern, count=1)
    end = "\n)" if compiled.flags & re.VERBOSE else ")"  # a verbose pattern may end in a comment
    try:
        return re.compile(f"{guard}(?:{source}{end}", compiled.flags)
    except re.error:  # pragma: no cover - a pattern the rewrite cannot express stays as it is
        return compiled


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
