"""compile_pattern: the lookahead on a match's first characters never changes what a pattern finds."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialrx.core.compliance as compliance
import socialrx.core.compliance.rules as rules
from socialrx.core.compliance.patterns import compile_pattern

CASES = [
    r"(?i)\b(?:kelvin|stroke|x-?ray)\b",  # case-insensitive letters, including the Kelvin sign and long s folds
    r"\b(?:Mr|Mrs)\.?\s+((?i:don|do\u00f1a)\s+)?([A-Z][a-z]+)",  # a case-insensitive part inside a case-sensitive pattern
    r"(?<![\w.])(?i:mr|ms)\.?\s+([A-Z])(?=['\u2019]s\b)",  # a lookbehind first
    r"(?:\d{1,2}|one|two)\s+days?\s+ago|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b",
    r"[\]\-^\\]+x",  # class characters that must be escaped in the guard
    r"(?:a|)b",  # an empty alternative: the first character is b or a
    r"(?x) \b care   # a verbose pattern ending in a comment",
    r"(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?![\d.])",
    r"\s*[\[(]\s*(?i:at)\s*[\])]\s*",
    r"(?i)(?:#|\b)ad\b",
    r"(?i)\b(?:care|cure)s?\b|\b\d+\s*mg\b",
    r"\b(?:[A-Z][a-z]+)\s+(?:St|Ave)\b|\b_x",
    r"\b(?:\.5|x)",
]
PIECES = [*"aAbBkKsS\u212a\u017fxXrRyY .,'\u2019-0123456789()[]#^\\\n", "Mr. ", "stroke", "Kelvin", " 3rd ", "do\u00f1a ",
          "2 days ago", "care", "at"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join) | st.text(max_size=40)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("source", CASES)
@settings(max_examples=150, deadline=None)
@given(text=TEXT)
def test_the_same_matches_as_re_compile(source: str, text: str) -> None:
    assert spans(compile_pattern(source), text) == spans(re.compile(source), text)


def test_a_guard_is_added_where_first_characters_can_be_listed() -> None:
    assert compile_pattern(r"(?i)\bfoo|bar").pattern == r"(?=[fb])(?:\bfoo|bar)"
    assert compile_pattern(r"x(?i:y)").pattern.startswith("(?=[x])")
    assert compile_pattern(r"(?i:y)z").pattern.startswith("(?i:(?=[y]))")  # the case-insensitive part admits Y too
    assert compile_pattern(r"(?i:y)z").search("Yz")


@pytest.mark.parametrize("source", [r"a*", r".x", r"[^a]b", r"(?P<x>a)?(?(x)b|c)", r"(?:)|x"])
def test_patterns_that_may_match_empty_or_begin_anywhere_stay_as_they_are(source: str) -> None:
    assert compile_pattern(source).pattern == source


def test_flags_and_groups_are_kept() -> None:
    compiled = compile_pattern(r"(?i)\b(?P<word>care)\b", re.MULTILINE)
    assert compiled.flags & re.IGNORECASE and compiled.flags & re.MULTILINE
    assert compiled.groupindex == {"word": 1}
    assert compiled.search("Home CARE").group("word") == "CARE"


def test_every_checker_pattern_compiles() -> None:
    modules = [importlib.import_module(f"{package.__name__}.{info.name}") for package in (compliance, rules)
               for info in pkgutil.iter_modules(package.__path__)]
    patterns = [value for module in modules for value in vars(module).values() if isinstance(value, re.Pattern)]
    assert len(patterns) > 150
    guarded = [p for p in patterns if p.pattern.startswith(("(?=[", "(?i:(?=["))]
    assert len(guarded) > 0.8 * len(patterns)  # most of the checker's patterns skip positions cheaply
