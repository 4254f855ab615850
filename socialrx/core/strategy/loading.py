"""Load, validate and dump strategy files, with errors that name file, line and field."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from .schema import Strategy

DEFAULT_STRATEGY_NAME = "healthcare-ai"


@dataclass(frozen=True)
class StrategyIssue:
    """One problem in a strategy file."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path or '(document)'}: {self.message}"


class StrategyError(ValueError):
    """A strategy file that cannot be used; `issues` lists every problem found."""

    def __init__(self, issues: list[StrategyIssue]) -> None:
        self.issues = tuple(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


def load_strategy(text: str, *, source: str = "<string>") -> Strategy:
    """Return the validated strategy in a YAML text, or raise StrategyError."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise StrategyError([StrategyIssue(source, line, "", f"not valid YAML: {problem}")]) from None
    if not isinstance(data, dict):
        raise StrategyError([StrategyIssue(source, 1, "", "a strategy file must be a YAML mapping of sections")])
    try:
        return Strategy.model_validate(data)
    except ValidationError as exc:
        raise StrategyError([_issue(source, root, err) for err in exc.errors()]) from None


def load_strategy_file(path: str | Path) -> Strategy:
    """Return the validated strategy in a YAML file, or raise StrategyError naming the file."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StrategyError([StrategyIssue(str(file), None, "", f"cannot read the file: {exc}")]) from None
    return load_strategy(text, source=str(file))


def default_strategy_text() -> str:
    """Return the YAML text of the default (seed) strategy shipped with socialrx."""
    return resources.files("socialrx.core.strategy").joinpath(f"{DEFAULT_STRATEGY_NAME}.yaml").read_text("utf-8")


@cache
def default_strategy() -> Strategy:
    """Return the default strategy, encoding the seed document."""
    return load_strategy(default_strategy_text(), source=f"{DEFAULT_STRATEGY_NAME}.yaml")


def dump_strategy(strategy: Strategy) -> str:
    """Return a strategy as readable YAML that loads back to an equal strategy."""
    data = strategy.model_dump(mode="json", exclude_defaults=True)
    data = {"schema_version": strategy.schema_version, **data}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def strategy_hash(strategy: Strategy) -> str:
    """Return a stable content hash of a strategy (independent of formatting and comments)."""
    canonical = json.dumps(strategy.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _issue(source: str, root: yaml.Node | None, error: dict) -> StrategyIssue:
    loc = tuple(part for part in error["loc"] if part not in {"function-before", "function-after"})
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown field (check the spelling)"
    elif error["type"] == "missing":
        message = "required field is missing"
    if not loc and ":" in message:
        # A whole-document rule names its section first ("content_pillars: shares sum to …").
        section, rest = message.split(":", 1)
        if root is not None and _child(root, section.split(".", 1)[0]) is not None:
            loc, message = (section.split(".", 1)[0],), rest.strip() if "." not in section else message
    return StrategyIssue(source, _line_of(root, loc), _dotted(loc), message)


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _child(node: yaml.Node, key: object) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(key):
                return value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


def _line_of(root: yaml.Node | None, loc: tuple) -> int | None:
    """Return the 1-based line of the deepest YAML node on the error's path."""
    if root is None:
        return None
    node = root
    for part in loc:
        child = _child(node, part)
        if child is None:
            if isinstance(node, yaml.MappingNode):
                key_node = next((k for k, _ in node.value if k.value == str(part)), None)
                if key_node is not None:
                    return key_node.start_mark.line + 1
            break
        node = child
    return node.start_mark.line + 1
