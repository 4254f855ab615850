"""Import a strategy written in Markdown (in the seed document's style) as strategy data.

    result = import_markdown(Path("strategy.md").read_text(), source="strategy.md")
    for line in result.report():
        print(line)                      # strategy.md:12: <why>: <text>
    strategy = result.validate()         # or raise StrategyError naming the Markdown lines
    Path("strategy.yaml").write_text(result.to_yaml())
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml
from pydantic import ValidationError

from socialrx.core.strategy.loading import StrategyError, StrategyIssue
from socialrx.core.strategy.schema import Strategy

from .draft import UnplacedLine
from .reader import read_document

__all__ = ["MarkdownImport", "UnplacedLine", "import_markdown"]


@dataclass(frozen=True)
class MarkdownImport:
    """A strategy read from Markdown: plain `data` for the schema, and the lines nothing took."""

    data: dict
    unplaced: tuple[UnplacedLine, ...]
    source: str = "<markdown>"
    origins: Mapping[tuple, int] = field(default_factory=dict, repr=False, compare=False)

    def report(self) -> list[str]:
        """Return one printable line per unplaced line: "file:line: why: text"."""
        return [f"{self.source}:{u.line}: {u.reason}: {u.text}" for u in self.unplaced]

    def validate(self) -> Strategy:
        """Return the validated strategy, or raise StrategyError whose issues name Markdown lines."""
        try:
            return Strategy.model_validate(self.data)
        except ValidationError as exc:
            raise StrategyError([self._issue(error) for error in exc.errors()]) from None

    def to_yaml(self) -> str:
        """Return the strategy as a YAML file whose header comment lists the unplaced lines."""
        header = [f"# Strategy imported from {self.source} by socialrx.", "# Check it with `socialrx strategy validate`."]
        if self.unplaced:
            header.append(f"# {len(self.unplaced)} line(s) of the document were not placed in any field:")
            header += [f"#   {u}" for u in self.unplaced]
        else:
            header.append("# Every line of the document was placed.")
        body = yaml.safe_dump({"schema_version": 1, **self.data}, sort_keys=False, allow_unicode=True, width=100)
        return "\n".join(header) + "\n" + body

    def _issue(self, error: dict) -> StrategyIssue:
        loc = tuple(part for part in error["loc"] if part not in {"function-before", "function-after"})
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "missing":
            message = "required field is missing (the document does not state it)"
        elif error["type"] == "extra_forbidden":
            message = "unknown field"
        if not loc and ":" in message:
            # A whole-strategy rule names its section first ("content_pillars: shares sum to …").
            where, rest = (part.strip() for part in message.split(":", 1))
            if (section := where.split(".", 1)[0]) in Strategy.model_fields:
                return StrategyIssue(self.source, self._line_of((section,)), where, rest)
        return StrategyIssue(self.source, self._line_of(loc), _dotted(loc), message)

    def _line_of(self, loc: tuple) -> int | None:
        for length in range(len(loc), 0, -1):
            if (line := self.origins.get(loc[:length])) is not None:
                return line
        lines = [line for path, line in self.origins.items() if loc and path[: len(loc)] == loc]
        return min(lines) if lines else None


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def import_markdown(text: str, *, source: str = "<markdown>") -> MarkdownImport:
    """Return the strategy data read from a Markdown strategy, listing every line that could not be placed."""
    draft = read_document(text)
    return MarkdownImport(data=draft.data, unplaced=tuple(draft.unplaced), source=source, origins=draft.origins)
