"""Accessibility rules: alt text, ALL-CAPS runs, hashtag casing and emoji-only lines."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from socialrx.core.compliance.document import Document
from socialrx.core.compliance.findings import Finding
from socialrx.core.compliance.patterns import compile_pattern

CAPS_RUN = compile_pattern(r"(?<![#@\w])[A-Z]{2,}[!?.,]*(?:\s+[A-Z]{2,}[!?.,]*){2,}(?!\w)")
LONG_CAPS_WORD = compile_pattern(r"(?<![#@\w/])[A-Z]{8,}(?![\w/])")
HASHTAG = compile_pattern(r"(?<![\w#])#(\w{2,})")
PLACEHOLDER_ALT = compile_pattern(r"(?i)^\s*(?:image|photo|picture|img[_\s-]?\d*|dsc[_\s-]?\d+|\S+\.(?:jpe?g|png|gif|webp|heic))\s*$")
_EMOJI_JOINERS = frozenset("\u200d\ufe0f\ufe0e\u20e3")


def alt_texts(doc: Document) -> Iterator[Finding]:
    """Flag attached images with no alt text, or with a file name or 'image' as alt text."""
    for index, alt in enumerate(doc.context.alt_texts, start=1):
        if not alt or not alt.strip():
            yield Finding("accessibility.alt_text", "accessibility", 0, 0, "review",
                          f"Image {index} has no alt text, so screen-reader users miss it.",
                          "Describe what the image shows and why it matters, in one or two sentences.")
        elif PLACEHOLDER_ALT.match(alt):
            yield Finding("accessibility.alt_text", "accessibility", 0, 0, "info",
                          f"Image {index}'s alt text ('{alt.strip()}') does not describe the image.",
                          "Replace it with a short description of what the image shows.")


def all_caps(doc: Document) -> Iterator[Finding]:
    """Flag runs of ALL-CAPS words, which screen readers may spell out and which read as shouting."""
    spans = [m.span() for m in CAPS_RUN.finditer(doc.text) if sum(ch.isalpha() for ch in m.group(0)) >= 10]
    spans += [
        m.span() for m in LONG_CAPS_WORD.finditer(doc.text) if not any(s <= m.start() < e for s, e in spans)
    ]
    for start, end in sorted(set(spans)):
        yield doc.finding("accessibility.all_caps", "accessibility", start, end, "info",
                          "ALL-CAPS text is harder to read and screen readers may spell it letter by letter.",
                          "Use sentence case; keep capitals for acronyms.")


def hashtag_case(doc: Document) -> Iterator[Finding]:
    """Flag long single-case hashtags that probably join several words without CamelCase."""
    for match in HASHTAG.finditer(doc.text):
        tag = match.group(1)
        letters = [ch for ch in tag if ch.isalpha()]
        single_case = all(ch.islower() for ch in letters) or all(ch.isupper() for ch in letters)
        if single_case and len(letters) >= 12:
            yield doc.finding("accessibility.hashtag_case", "accessibility", *match.span(), "info",
                              "A multi-word hashtag without capitals is read as one long word by screen readers.",
                              "Capitalise each word (#PatientSafetyWeek).")


def emoji_only_lines(doc: Document) -> Iterator[Finding]:
    """Flag lines made only of emoji, which screen readers read out name by name."""
    if doc.text.isascii():
        return
    offset = 0
    for line in doc.text.split("\n"):
        visible = [ch for ch in line if not ch.isspace() and ch not in _EMOJI_JOINERS]
        if visible and all(unicodedata.category(ch) == "So" for ch in visible) and len(visible) >= 2:
            yield doc.finding("accessibility.emoji_only_line", "accessibility", offset, offset + len(line), "info",
                              "A line of emoji only is read aloud as a list of emoji names.",
                              "Put emoji at the end of a sentence and keep to one or two.")
        offset += len(line) + 1
