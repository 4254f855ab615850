"""The strategy being assembled from a Markdown document, and the lines it could not place."""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import Block, Item


@dataclass(frozen=True)
class UnplacedLine:
    """A line of the document that no field of the strategy takes, and why."""

    line: int
    text: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}: {self.text}"


@dataclass(frozen=True)
class Context:
    """Where a block sits: its heading, the headings above it, and the network it is about."""

    heading: str
    parents: tuple[str, ...]
    platform: str | None = None
    paid_platform: str | None = None

    def mentions(self, *words: str) -> bool:
        """Return whether the heading or a parent heading contains one of the words (lower case)."""
        text = " / ".join((self.heading, *self.parents)).lower()
        return any(word in text for word in words)


@dataclass
class Draft:
    """Plain strategy data under construction, with the source line of each placed entry."""

    data: dict = field(default_factory=dict)
    origins: dict[tuple, int] = field(default_factory=dict)
    placed: set[int] = field(default_factory=set)
    unplaced: list[UnplacedLine] = field(default_factory=list)
    last_tier: dict | None = None

    def section(self, name: str, empty: object) -> object:
        """Return a top-level section, creating it empty on first use."""
        return self.data.setdefault(name, empty)

    def append(self, path: tuple, entry: object, line: int) -> int:
        """Append an entry to the list at `path`, remember its line, and return its index."""
        target: object = self.data
        for part in path[:-1]:
            target = target.setdefault(part, {}) if isinstance(target, dict) else target[part]
        items = target.setdefault(path[-1], [])
        items.append(entry)
        index = len(items) - 1
        self.origins[(*path, index)] = line
        self.placed.add(line)
        return index

    def note(self, path: tuple, line: int) -> None:
        """Remember that the value at `path` came from `line`, and mark the line placed."""
        self.origins.setdefault(path, line)
        self.placed.add(line)

    def place(self, *lines: int) -> None:
        """Mark lines as used."""
        self.placed.update(lines)

    def reject(self, line: int, text: str, reason: str) -> None:
        """List a line as unplaced, with the reason."""
        if line not in self.placed and all(u.line != line for u in self.unplaced):
            self.unplaced.append(UnplacedLine(line, text.strip(), reason))

    def reject_item(self, item: Item, reason: str) -> None:
        """List a list item as unplaced."""
        self.reject(item.line, item.raw, reason)

    def reject_block(self, block: Block, reason: str) -> None:
        """List a block's own line (unless it is a heading) and all its items as unplaced."""
        if not block.from_heading:
            self.reject(block.line, block.raw, reason)
        for item in block.items:
            self.reject_item(item, reason)

    def take_block(self, block: Block) -> None:
        """Mark a block's label line as used."""
        if not block.from_heading:
            self.placed.add(block.line)
