"""Load, validate and dump strategy files, with errors that name file, line and field."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import get_args

import yaml
from pydantic import BaseModel, ValidationError

from .schema import Strategy

DEFAULT_STRATEGY_NAME = "healthcare-ai"
MAX_EXPANDED_VALUES = 100_000
"""A strategy expanded through its aliases may hold at most this many YAML values (the seed holds ~1,700);
an alias bomb passes it after a few steps and is refused before anything is built from it."""


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
        root, data = _parse_yaml(text, source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise StrategyError([StrategyIssue(source, line, "", f"not valid YAML: {problem}")]) from None
    if not isinstance(data, dict):
        raise StrategyError([StrategyIssue(source, 1, "", "a strategy file must be a YAML mapping of sections")])
    issues = _duplicate_keys(source, root, ())
    try:
        strategy = Strategy.model_validate(data)
    except ValidationError as exc:
        issues += [_issue(source, root, err) for err in exc.errors()]
    if issues:
        raise StrategyError(sorted(issues, key=lambda i: i.line or 0))
    return strategy


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


def _parse_yaml(text: str, source: str) -> tuple[yaml.Node | None, object]:
    """Return the YAML node tree (for line numbers) and the plain data, parsing the text once."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        _refuse_alias_bombs(source, root)
        return root, loader.construct_document(root)
    finally:
        loader.dispose()


def _node_children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _refuse_alias_bombs(source: str, root: yaml.Node) -> None:
    """Raise StrategyError when aliases make the document refer to itself or expand past MAX_EXPANDED_VALUES.

    Aliases share one node, so the composed tree is small; sizes are counted once per shared node,
    which takes time in the file's size, not in its expansion.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # the nodes on the current path from the root
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_counted = stack.pop()
        if children_counted:
            open_nodes.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in _node_children(node))
            if sizes[id(node)] > MAX_EXPANDED_VALUES:
                raise StrategyError([StrategyIssue(source, node.start_mark.line + 1, "", (
                    f"YAML aliases make this part expand to {sizes[id(node)]:,} values; a strategy may hold at most "
                    f"{MAX_EXPANDED_VALUES:,} (write the values out, or reuse fewer aliases)"))])
            continue
        if id(node) in sizes:
            continue
        open_nodes.add(id(node))
        stack.append((node, True))
        for child in _node_children(node):
            if id(child) in open_nodes:
                raise StrategyError([StrategyIssue(source, child.start_mark.line + 1, "",
                                                   "a YAML anchor refers to itself through an alias; a strategy cannot")])
            if id(child) not in sizes:
                stack.append((child, False))


def _duplicate_keys(source: str, node: yaml.Node | None, loc: tuple) -> list[StrategyIssue]:
    """Return an issue for every key written twice in one mapping (YAML would keep only the last)."""
    issues: list[StrategyIssue] = []
    if isinstance(node, yaml.MappingNode):
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in first_line:
                message = f"duplicate key {key!r} (first written on line {first_line[key]})"
                issues.append(StrategyIssue(source, key_node.start_mark.line + 1, _dotted((*loc, key)), message))
            first_line.setdefault(key, key_node.start_mark.line + 1)
            issues += _duplicate_keys(source, value_node, (*loc, key))
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            issues += _duplicate_keys(source, child, (*loc, index))
    return issues


def _issue(source: str, root: yaml.Node | None, error: dict) -> StrategyIssue:
    loc = tuple(part for part in error["loc"] if part not in {"function-before", "function-after"})
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown field" + _suggestion(loc)
    elif error["type"] == "missing":
        message = "required field is missing"
    if not loc and ":" in message:
        # A whole-document rule names its section first ("content_pillars: shares sum to …",
        # "series.spotlight.items.platform: 'tiktok' is not defined …").
        where, rest = (part.strip() for part in message.split(":", 1))
        if root is not None and _child(root, where.split(".", 1)[0]) is not None:
            return StrategyIssue(source, _line_of_dotted(root, where, rest), where, rest)
    return StrategyIssue(source, _line_of(root, loc), _dotted(loc), message)


def _suggestion(loc: tuple) -> str:
    """Return " (did you mean 'x'?)" for a misspelt field, or a hint to check the spelling."""
    model: type[BaseModel] | None = Strategy
    for part in loc[:-1]:
        if isinstance(part, str) and model is not None:
            field = model.model_fields.get(part)
            model = _model_in(field.annotation) if field else None
    if model is None or not loc:
        return " (check the spelling)"
    close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (known fields: {', '.join(model.model_fields)})"


def _model_in(annotation: object) -> type[BaseModel] | None:
    """Return the model class inside an annotation such as tuple[Platform, ...] or Crisis | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        if found := _model_in(arg):
            return found
    return None


def _line_of_dotted(root: yaml.Node, where: str, message: str) -> int | None:
    """Return the line a dotted path names; list items are named by their key, order, weekday or month.

    When the message quotes the offending value ("'tiktok' is not defined"), return the line of
    that value inside the named part of the file.
    """
    node, parent = root, root
    for part in where.split("."):
        child = _child(node, int(part) if part.isdigit() and isinstance(node, yaml.SequenceNode) else part)
        if child is None and isinstance(node, yaml.SequenceNode):
            child = next((item for item in node.value if _identifies(item, part)), None)
        if child is None:
            break
        node, parent = child, node
    quoted = re.match(r"^'([^']*)'", message)
    found = _find_scalar(node, quoted.group(1)) if quoted else None
    return found.start_mark.line + 1 if found else _start_line(parent, node)


def _identifies(item: yaml.Node, name: str) -> bool:
    return any(
        (child := _child(item, field)) is not None and str(child.value) == name
        for field in ("key", "order", "weekday", "month", "name")
    )


def _find_scalar(node: yaml.Node, value: str) -> yaml.Node | None:
    if isinstance(node, yaml.ScalarNode):
        return node if node.value == value else None
    children = node.value if isinstance(node, yaml.SequenceNode) else [v for _, v in node.value]
    return next((found for child in children if (found := _find_scalar(child, value))), None)


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _start_line(parent: yaml.Node, node: yaml.Node) -> int:
    """Return the 1-based line of a node; a block mapping or list counts from its key's line."""
    if not isinstance(node, yaml.ScalarNode) and isinstance(parent, yaml.MappingNode):
        key_node = next((k for k, v in parent.value if v is node), None)
        if key_node is not None:
            return key_node.start_mark.line + 1
    return node.start_mark.line + 1


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
    node, parent = root, root
    for part in loc:
        child = _child(node, part)
        if child is None:
            if isinstance(node, yaml.MappingNode):
                key_node = next((k for k, _ in node.value if k.value == str(part)), None)
                if key_node is not None:
                    return key_node.start_mark.line + 1
            break
        node, parent = child, node
    return _start_line(parent, node)
