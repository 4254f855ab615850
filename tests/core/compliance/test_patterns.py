"""compile_pattern: the lookahead on a match's first characters and the check for needed words never change what a
pattern finds."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialrx.core.compliance as compliance
import socialrx.core.compliance.rules as rules
from socialrx.core.compliance import patterns
from socialrx.core.compliance.patterns import (
    UNFOLDABLE,
    BranchedPattern,
    PrefilteredPattern,
    compile_pattern,
    required_words,
    top_level_alternatives,
)

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
    r"(?i)\bguarantee[sd]?\b|\bnever\s+fails\b",  # words every match needs: "guarantee" or "never"
    r"(?i)\b(?:insulin|kids?)\s+(?:miss|skip)\b",  # needed words with i, k and s, which other letters fold to
    r"(?i)(?<=\bno\s)stress\b|(?=\w+ing\b)\w+",  # a lookaround's words and an alternative needing none
    r"(?i)\b(?P<cure>cur(?:e|ed))\b|\bstroke[sd]?\b|(\d+)\s*(?:days?\s+ago)|\bguarantee(d)?|[|(]never\)",  # groups, "|" in a class
]
PIECES = [*"aAbBkKsS\u212a\u017fxXrRyYiI\u0130\u0131 .,'\u2019-0123456789()[]#^\\\n", "Mr. ", "stroke", "Kelvin", " 3rd ", "do\u00f1a ",
          "2 days ago", "care", "at", "GUARANTEED", "never fails", "insul", "in", "kid", " miss", "no ", "stre", "ss"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join) | st.text(max_size=40)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("source", CASES)
@settings(max_examples=150, deadline=None)
@given(text=TEXT)
def test_the_same_matches_as_re_compile(source: str, text: str) -> None:
    assert spans(compile_pattern(source), text) == spans(re.compile(source), text)


@pytest.mark.parametrize("source", CASES)
@settings(max_examples=150, deadline=None)
@given(text=TEXT)
def test_the_same_matches_when_alternatives_without_their_words_are_left_out(source: str, text: str) -> None:
    original = patterns.MIN_BRANCHED_LENGTH
    patterns.MIN_BRANCHED_LENGTH = 0  # every pattern of alternatives is branched, however short
    try:
        compiled = compile_pattern(source)
    finally:
        patterns.MIN_BRANCHED_LENGTH = original
    assert spans(compiled, text) == spans(re.compile(source), text)
    assert [m.groupdict() for m in compiled.finditer(text)] == [m.groupdict() for m in re.finditer(source, text)]
    assert compiled.sub("#", text) == re.sub(source, "#", text) and compiled.split(text) == re.split(source, text)


def test_alternatives_are_read_at_the_top_level_only() -> None:
    assert top_level_alternatives(r"a|(b|c)|[|]|\||[]|]d") == ["a", "(b|c)", "[|]", "\\|", "[]|]d"]
    assert top_level_alternatives(r"[^]|x]|y") == ["[^]|x]", "y"]
    assert top_level_alternatives(r"(?x) a | b") is None and top_level_alternatives(r"(?P<x>a)?(?(x)b|c)") is None
    assert top_level_alternatives(r"a(?# a | comment )|b") is None


def test_a_long_pattern_of_alternatives_runs_only_those_whose_words_the_text_holds() -> None:
    filler = "|".join(rf"\b{word}\s+later" for word in ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot"))
    pattern = compile_pattern(rf"(?i)\b(cures?)\b|{filler}|\bstroke\b|\d+\s*mg|{filler}")
    assert isinstance(pattern, BranchedPattern)
    assert pattern.pick("nothing here") is not None  # "\d+\s*mg" needs no word: it always runs
    reduced = pattern.pick("it CURES the stroke")
    assert reduced is not pattern.compiled and "alpha" not in reduced.pattern and reduced.groups == pattern.groups
    assert pattern.search("it CURES the stroke").group(1) == "CURES"
    assert pattern.pick("a cure for alpha later, bravo later, charlie later, delta later, echo later, foxtrot later, "
                        "stroke") is pattern.compiled  # every alternative may match: the whole pattern
    assert pattern.findall("Alpha   later, 20 mg") == ["", ""] and pattern.search("Alpha   later").group() == "Alpha   later"


def test_the_checkers_long_patterns_find_what_re_compile_finds_in_the_corpus() -> None:
    """Every branched pattern of the checker, on every train post: the same spans and groups as the plain pattern."""
    modules = [importlib.import_module(f"{package.__name__}.{info.name}") for package in (compliance, rules)
               for info in pkgutil.iter_modules(package.__path__)]
    branched = {id(value): value for module in modules for value in vars(module).values()
                if isinstance(value, BranchedPattern)}.values()
    assert len(branched) > 30
    corpus = Path(__file__).resolve().parents[2] / "data" / "compliance" / "train.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()[::25] if line.strip()]
    for pattern in branched:
        plain = re.compile(pattern.compiled.pattern, pattern.compiled.flags)
        for text in texts:
            assert spans(pattern, text) == spans(plain, text), (pattern, text)


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
    values = [value for module in modules for value in vars(module).values()]
    patterns = [value.compiled if isinstance(value, PrefilteredPattern) else value for value in values
                if isinstance(value, (re.Pattern, PrefilteredPattern))]
    assert len(patterns) > 150
    assert sum(isinstance(value, PrefilteredPattern) for value in values) > 0.3 * len(patterns)  # many need a word
    guarded = [p for p in patterns if p.pattern.startswith(("(?=[", "(?i:(?=["))]
    assert len(guarded) > 0.8 * len(patterns)  # most of the checker's patterns skip positions cheaply


def test_needed_words_are_read_from_the_parse() -> None:
    assert required_words(r"(?i)\bguarantee[sd]?\b|\bnever\s+fails\b") == ("guarantee", "never")
    assert required_words(r"\bFDA[\s-]*approv\w*") == ("approv",)  # the longer of two needed runs
    assert required_words(r"(?i)ab(?:cd|ef)+gh") == ()  # every needed word is too short to be worth a check
    assert required_words(r"\d+\s*mg|(?i:tablets?)") == ()  # an alternative needing no word: nothing is needed
    assert required_words(r"(?i)caf\u00e9s?\b") == ("caf",)  # only the ASCII part of a run is listed


def test_a_text_without_the_needed_words_is_answered_without_the_engine() -> None:
    pattern = compile_pattern(r"(?i)\bguarantee[sd]?\b")
    assert isinstance(pattern, PrefilteredPattern)
    assert pattern.absent("results may vary") and not pattern.absent("GUARANTEED results")
    assert pattern.sub("x", "no promise here") == "no promise here" and pattern.split("a b") == ["a b"]
    assert pattern.sub("x", "Guaranteed!") == "x!" and pattern.findall("guarantees") == ["guarantees"]


def test_the_unfoldable_characters_are_all_that_ignore_case_adds_to_ascii_letters() -> None:
    """Every non-ASCII character that case-insensitive matching takes for an ASCII letter either lower-cases to that
    letter or is in UNFOLDABLE (in whose texts every pattern runs)."""
    others = "".join(chr(c) for c in range(128, 0x30000) if not 0xD800 <= c < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for found in re.findall(f"(?i){letter}", others):
            assert found.lower() == letter or found in UNFOLDABLE, (letter, found)


def test_words_added_later_are_found_in_a_text_already_read() -> None:
    text = "A text read before the word zqxwv-later was looked for."
    assert patterns.present_words(text) is not None and "zqxwv-later" not in patterns.present_words(text)
    patterns.add_needles(["zqxwv-later"])
    assert "zqxwv-later" in patterns.present_words(text)
    assert patterns.present_words("d\u0131abetes") is None  # a dotless i: the word checks step aside

