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
entering the regular-expression engine: the keyword gates the rules once wrote by hand, for every pattern. The words
of all patterns are looked for in a text at once, in one pass of an Aho-Corasick automaton (pyahocorasick), and the
answer is kept for the few texts a post's rules ask about.

A long pattern of alternatives goes one step further (``BranchedPattern``): each alternative's own needed words are
listed too, and on a text the pattern runs without the alternatives whose words the text lacks (compiled once for
each such set). Those alternatives cannot match anywhere in the text, so the matches are again the same.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import ahocorasick

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
    branches = _gated_branches(pattern, flags, compiled.groups) if len(pattern) >= MIN_BRANCHED_LENGTH else None
    if branches is not None:
        return BranchedPattern(compiled, needles, *branches)  # type: ignore[return-value]
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


_NEEDLES: set[str] = set()  # every word a compiled pattern needs (see PrefilteredPattern)
_automaton: tuple[Any, int] = (None, -1)  # the automaton over _NEEDLES and how many words it was built with
_present: dict[str, tuple[frozenset[str] | None, int]] = {}  # recent texts -> the words in them, of how many looked for
_PRESENT_KEPT = 64


def present_words(text: str) -> frozenset[str] | None:
    """Return which of the words that patterns need occur in the text (lower-cased), found for all the checker's
    patterns in one pass; None when a word check could miss a match in it (see ``UNFOLDABLE``).

    A post's patterns ask about the same few texts (the post, a sentence, the words before a claim) one after another:
    the answers for the last few texts are kept, each with the number of words it looked for: an answer from before
    words were added is never given.
    """
    kept = _present.get(text)
    if kept is not None and kept[1] == len(_NEEDLES):
        return kept[0]
    if text.isascii() or _UNFOLDABLE.search(text) is None:
        lowered = text.lower()
        while True:  # again if another thread adds words meanwhile
            automaton, words = _needle_automaton()
            found: frozenset[str] | None = frozenset({word for _end, word in automaton.iter(lowered)})
            if words == len(_NEEDLES):
                break
    else:
        found, words = None, len(_NEEDLES)
    if len(_present) >= _PRESENT_KEPT:
        _present.clear()
    _present[text] = (found, words)
    return found


def add_needles(words: Iterable[str]) -> None:
    """Add a new pattern's needed words to look for: the automaton is rebuilt, and the texts read without them are
    forgotten."""
    new = set(words) - _NEEDLES
    if new:
        _NEEDLES.update(new)
        _present.clear()


def _needle_automaton() -> tuple[Any, int]:
    """Return the Aho-Corasick automaton over every needed word and how many words it holds (rebuilt when patterns
    compiled since then need more)."""
    global _automaton
    automaton, built_with = _automaton
    if built_with != len(_NEEDLES):
        words = sorted(_NEEDLES)
        automaton = ahocorasick.Automaton()
        for word in words:
            automaton.add_word(word, word)
        automaton.make_automaton()
        _automaton = (automaton, len(words))
        _present.clear()
    return _automaton


class PrefilteredPattern:
    """A compiled pattern behind a check that the text contains one of the words every match contains.

    It answers like ``re.Pattern`` (same matches, groups and spans); when the text, lower-cased, holds none of
    ``needles``, ``search`` and its siblings return at once what the engine would have found: nothing.
    """

    __slots__ = ("compiled", "needles", "needle_set")

    def __init__(self, compiled: re.Pattern[str], needles: tuple[str, ...]) -> None:
        self.compiled = compiled
        self.needles = needles
        self.needle_set = frozenset(needles)
        add_needles(needles)

    def absent(self, text: str) -> bool:
        """Return whether no match can exist in the text (none of the needed words is in it)."""
        found = present_words(text)
        return found is not None and self.needle_set.isdisjoint(found)

    def pick(self, text: str) -> re.Pattern[str] | None:
        """Return the compiled pattern to run on the text, or None when no match can exist in it."""
        return None if self.absent(text) else self.compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern = self.pick(string)
        return None if pattern is None else pattern.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern = self.pick(string)
        return None if pattern is None else pattern.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern = self.pick(string)
        return None if pattern is None else pattern.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        pattern = self.pick(string)
        return iter(()) if pattern is None else pattern.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        pattern = self.pick(string)
        return [] if pattern is None else pattern.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        pattern = self.pick(string)
        return string if pattern is None else pattern.sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        pattern = self.pick(string)
        return (string, 0) if pattern is None else pattern.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        pattern = self.pick(string)
        return [string] if pattern is None else pattern.split(string, maxsplit)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)  # pattern, flags, groups, groupindex

    def __repr__(self) -> str:
        return f"PrefilteredPattern({self.compiled!r}, needles={self.needles!r})"


# A long pattern of many alternatives ("CURE": "cures …", "eliminates …", "wipes out …", "for good") spends most of
# its time trying, at every position, alternatives whose words the text does not hold. Such a pattern is also
# compiled without those alternatives, for each set of them that a text turns off. Measured with callgrind over the
# speed bench's posts (instructions a post): none branched 28.19M; patterns of 400 characters and more 25.12M, then with
# the automaton: 200 and more 23.67M, 100 and more 23.58M, 60 and more 23.61M.
MIN_BRANCHED_LENGTH = 100
MAX_REDUCED = 256  # compiled reductions kept per pattern; past that, a new set of words runs the whole pattern


class BranchedPattern(PrefilteredPattern):
    """A pattern ``A|B|C…`` that runs, on each text, only the alternatives whose needed words the text holds.

    An alternative that needs no listed word always runs. The alternatives left out could not match anywhere in the
    text, so the matches are the same (first alternative first, as before); one with groups stays in as ``(?!)…``
    (it fails at once) so that group numbers and names are kept. Each reduced pattern is compiled with its own
    first-character guard, once.
    """

    __slots__ = ("lead", "sources", "always", "branches_of", "full", "reduced", "flags_")

    def __init__(self, compiled: re.Pattern[str], needles: tuple[str, ...], lead: str,
                 sources: tuple[tuple[str, bool], ...], gated: tuple[tuple[int, tuple[str, ...]], ...], always: int,
                 flags: int) -> None:
        super().__init__(compiled, needles)
        self.lead, self.sources, self.always, self.flags_ = lead, sources, always, flags
        branches_of: dict[str, int] = {}  # each needed word -> the alternatives (bits) that need it
        for bit, words in gated:
            for word in words:
                branches_of[word] = branches_of.get(word, 0) | bit
        self.branches_of = branches_of
        add_needles(branches_of)
        self.full = (1 << len(sources)) - 1
        self.reduced: dict[int, re.Pattern[str]] = {}

    def pick(self, text: str) -> re.Pattern[str] | None:
        """Return the pattern to run on the text (the whole one, or one without the alternatives it cannot match), or
        None when no alternative can match."""
        found = present_words(text)
        if found is None:
            return self.compiled
        mask = self.always
        branches_of = self.branches_of
        for word in found.intersection(branches_of):
            mask |= branches_of[word]
        if mask == self.full:
            return self.compiled
        if not mask:
            return None
        reduced = self.reduced.get(mask)
        if reduced is None:
            if len(self.reduced) >= MAX_REDUCED:
                return self.compiled
            kept = [source if mask >> index & 1 else f"(?!){source}"
                    for index, (source, grouped) in enumerate(self.sources) if mask >> index & 1 or grouped]
            reduced = self.reduced[mask] = _guarded(re.compile(self.lead + "|".join(kept), self.flags_))
        return reduced

    def absent(self, text: str) -> bool:
        return self.pick(text) is None

    def __repr__(self) -> str:
        return f"BranchedPattern({self.compiled!r}, branches={len(self.sources)})"


def top_level_alternatives(pattern: str) -> list[str] | None:
    """Return the pattern's top-level alternatives as source text (``a|(b|c)|d`` -> a, (b|c), d), or None when the
    source holds what this reading does not follow (a verbose pattern's or an inline comment, a conditional group)."""
    if "(?(" in pattern or "(?x" in pattern or "(?#" in pattern:
        return None
    parts, start, depth, index, in_class = [], 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            index += 1
            if pattern[index : index + 1] == "^":
                index += 1
            if pattern[index : index + 1] == "]":
                index += 1  # "[]…]" and "[^]…]": a leading "]" is a member
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    if depth != 0 or in_class:
        return None
    parts.append(pattern[start:])
    return parts


def _gated_branches(pattern: str, flags: int, groups: int) -> tuple[str, tuple[tuple[str, bool], ...],
                                                                    tuple[tuple[int, tuple[str, ...]], ...], int, int] | None:
    """Return what BranchedPattern needs for a pattern of alternatives (its leading flags, each alternative's source and
    whether it has groups, the needed words of each gated alternative, the alternatives always run), or None."""
    if flags & re.VERBOSE:
        return None
    lead_match = _LEADING_FLAGS.match(pattern)
    lead = lead_match.group() if lead_match else ""
    alternatives = top_level_alternatives(pattern[len(lead):])
    if alternatives is None or len(alternatives) < 2:
        return None
    sources, gated, always, counted = [], [], 0, 0
    for index, source in enumerate(alternatives):
        try:
            alone = re.compile(lead + source, flags)
        except re.error:
            return None  # an alternative that refers to another's group
        counted += alone.groups
        sources.append((source, alone.groups > 0))
        words = required_words(lead + source, flags)
        if words:
            gated.append((1 << index, words))
        else:
            always |= 1 << index
    if not gated or counted != groups:
        return None
    return lead, tuple(sources), tuple(gated), always, flags


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
        if op is k.ASSERT_NOT and not _sequence(value[1]):
            return False  # "(?!)": this alternative never matches (a branch that BranchedPattern turned off)
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
