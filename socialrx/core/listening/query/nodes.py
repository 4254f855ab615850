"""The abstract syntax tree of a listening query and the rules every valid tree obeys."""

from __future__ import annotations

import re
from dataclasses import dataclass

FIELD_NAMES = ("author", "site", "lang", "source", "title", "url")
MAX_NEAR_DISTANCE = 20
DEFAULT_NEAR_DISTANCE = 4
MIN_WILDCARD_PREFIX = 3

TERM_PATTERN = re.compile(r"[#@]?\w[\w?]*\*?")


class QuerySyntaxError(ValueError):
    """A query that cannot be parsed; ``position`` is the character offset of the problem."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at character {position})")
        self.message = message
        self.position = position

    def caret_display(self, query_text: str) -> str:
        """Return the query on one line and a caret under the offending character on the next."""
        line = query_text.replace("\n", " ").replace("\t", " ")
        return f"{line}\n{' ' * min(self.position, len(line))}^ {self.message}"


@dataclass(frozen=True, slots=True)
class Term:
    """One case-folded word; may end in ``*`` (prefix) and contain ``?`` (any one character)."""

    text: str

    @property
    def is_wildcard(self) -> bool:
        """Return whether the term uses ``*`` or ``?``."""
        return "*" in self.text or "?" in self.text


@dataclass(frozen=True, slots=True)
class Phrase:
    """Consecutive case-folded tokens in order."""

    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Field:
    """A metadata filter: true when the field equals (or, per field, contains) any of the values."""

    name: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """Negation of its operand."""

    operand: Node


@dataclass(frozen=True, slots=True)
class And:
    """True when every operand is true."""

    operands: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """True when any operand is true."""

    operands: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Near:
    """Both sides within ``distance`` tokens of each other; left before right when ``ordered``."""

    left: Node
    right: Node
    distance: int
    ordered: bool


Node = Term | Phrase | Field | Not | And | Or | Near
Leaf = Term | Phrase


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: the root of its tree."""

    root: Node


def is_positional(node: Node) -> bool:
    """Return whether ``node`` has token positions, so it may stand on a side of NEAR."""
    if isinstance(node, Term | Phrase | Near):
        return True
    if isinstance(node, Or):
        return all(is_positional(child) for child in node.operands)
    return False


def is_anchored(node: Node) -> bool:
    """Return whether ``node`` can only be true when one of its non-negated words or phrases occurs."""
    if isinstance(node, Term | Phrase | Near):
        return True
    if isinstance(node, And):
        return any(is_anchored(child) for child in node.operands)
    if isinstance(node, Or):
        return all(is_anchored(child) for child in node.operands)
    return False


def anchor_leaves(node: Node) -> set[Leaf]:
    """Return the words and phrases of ``node`` that are not under a NOT."""
    if isinstance(node, Term | Phrase):
        return {node}
    if isinstance(node, And | Or):
        return set().union(*(anchor_leaves(child) for child in node.operands))
    if isinstance(node, Near):
        return anchor_leaves(node.left) | anchor_leaves(node.right)
    return set()


def all_leaves(node: Node) -> set[Leaf]:
    """Return every word and phrase in ``node``, negated or not."""
    if isinstance(node, Term | Phrase):
        return {node}
    if isinstance(node, And | Or):
        return set().union(*(all_leaves(child) for child in node.operands))
    if isinstance(node, Near):
        return all_leaves(node.left) | all_leaves(node.right)
    if isinstance(node, Not):
        return all_leaves(node.operand)
    return set()


def _is_plain_word(word: str) -> bool:
    return word == word.casefold() and re.fullmatch(r"[#@]?\w+", word) is not None


def check_term(text: str) -> str | None:
    """Return why ``text`` is not a valid case-folded term, or None when it is."""
    if text != text.casefold() or not TERM_PATTERN.fullmatch(text):
        return f"'{text}' is not a valid search term (wildcards: 'word*' at the end, 'wo?d' inside)"
    if text.endswith("*") and len(text.lstrip("#@")) - 1 < MIN_WILDCARD_PREFIX:
        return f"'{text}' needs at least {MIN_WILDCARD_PREFIX} characters before '*'"
    return None


def validate_node(node: Node) -> None:
    """Raise ValueError when ``node`` breaks a structural rule of the query language."""
    if isinstance(node, Term):
        problem = check_term(node.text)
        if problem:
            raise ValueError(problem)
    elif isinstance(node, Phrase):
        if not node.words or any(not _is_plain_word(word) for word in node.words):
            raise ValueError(f"phrase {node.words!r} must hold one or more plain words")
    elif isinstance(node, Field):
        if node.name not in FIELD_NAMES or not node.values:
            raise ValueError(f"field {node.name!r} needs a known name and at least one value")
        if any(value != " ".join(value.casefold().split()) or not value or '"' in value for value in node.values):
            raise ValueError(f"field {node.name!r} values must be case-folded, trimmed, non-empty, without quotes")
    elif isinstance(node, Not):
        validate_node(node.operand)
    elif isinstance(node, And | Or):
        if len(node.operands) < 2:
            raise ValueError("AND and OR need at least two operands")
        for child in node.operands:
            validate_node(child)
    elif isinstance(node, Near):
        if not (0 <= node.distance <= MAX_NEAR_DISTANCE):
            raise ValueError(f"NEAR distance must be between 0 and {MAX_NEAR_DISTANCE}")
        if not (is_positional(node.left) and is_positional(node.right)):
            raise ValueError("NEAR needs words, phrases or OR-groups of them on both sides")
        validate_node(node.left)
        validate_node(node.right)


def validate_query(query: Query) -> None:
    """Raise ValueError unless ``query`` is well formed and needs at least one word to be present."""
    validate_node(query.root)
    if not is_anchored(query.root):
        raise ValueError("a query needs at least one word or phrase that must be present")
