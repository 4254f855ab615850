"""Read a strategy written in Markdown into sections, labelled blocks and list items.

The documents this reads look like the seed: headings (`#### LinkedIn - Primary
Professional Network`), bold labels with or without a value (`**Audience:** …`,
`**Content Strategy:**`, `**Pillar 1: Thought Leadership (30% of content)**`),
bullet or numbered lists whose items may start with a bold name
(`- **Sponsored Content:** Target …`), and plain paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(?P<text>.+)$")
_NUMBERED = re.compile(r"^\s*(?P<number>\d+)[.)]\s+(?P<text>.+)$")
_BOLD_START = re.compile(r"^\*\*(?P<label>.+?)\*\*\s*(?P<value>.*)$")


@dataclass(frozen=True)
class Item:
    """One list item: `name` is its leading bold name (or None), `text` the rest."""

    line: int
    raw: str
    name: str | None
    text: str
    number: int | None = None

    @property
    def plain(self) -> str:
        """Return the item as plain text, a bold name joined back as "Name: text"."""
        if self.name is None:
            return self.text
        return f"{self.name}: {self.text}" if self.text else self.name


@dataclass
class Block:
    """A bold label (or a heading standing in for one) and the list items under it.

    A paragraph is a block with `label` None and its text in `value`.
    """

    label: str | None
    value: str
    line: int
    raw: str
    items: list[Item] = field(default_factory=list)
    from_heading: bool = False


@dataclass
class Section:
    """The content under one heading, up to the next heading."""

    heading: str
    level: int
    line: int
    parents: tuple[str, ...]
    blocks: list[Block] = field(default_factory=list)


def strip_label(label: str) -> str:
    """Return a bold label without its trailing colon and surrounding spaces."""
    return label.strip().rstrip(":").strip()


def split_bold(text: str) -> tuple[str | None, str]:
    """Return (bold name, rest) for text that starts with a bold name, else (None, text)."""
    match = _BOLD_START.match(text.strip())
    if not match:
        return None, text.strip()
    value = match.group("value").lstrip(":").strip()
    return strip_label(match.group("label")), value


def _item(number: int, raw: str, text: str, position: int | None) -> Item:
    name, rest = split_bold(text)
    return Item(line=number, raw=raw, name=name, text=rest, number=position)


def read_sections(text: str) -> list[Section]:
    """Return the document's sections in order; text before the first heading forms a level-0 section."""
    sections = [Section(heading="", level=0, line=1, parents=())]
    trail: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if heading := _HEADING.match(line):
            level = len(heading.group("hashes"))
            trail = [(lvl, txt) for lvl, txt in trail if lvl < level]
            sections.append(Section(heading.group("text"), level, number, tuple(t for _, t in trail)))
            trail.append((level, heading.group("text")))
            continue
        _add_line(sections[-1], number, line)
    return sections


def _add_line(section: Section, number: int, line: str) -> None:
    bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
    if bullet or numbered:
        text = bullet.group("text") if bullet else numbered.group("text")
        position = int(numbered.group("number")) if numbered else None
        if not section.blocks or section.blocks[-1].label is None:
            section.blocks.append(
                Block(label=section.heading, value="", line=section.line, raw="", from_heading=True)
            )
        section.blocks[-1].items.append(_item(number, line, text, position))
        return
    if line.lstrip().startswith("**"):
        label, value = split_bold(line)
        if label is not None:
            section.blocks.append(Block(label=label, value=value, line=number, raw=line))
            return
    section.blocks.append(Block(label=None, value=line.strip(), line=number, raw=line))
