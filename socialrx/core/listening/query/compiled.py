"""Compile a query tree into nested closures for fast repeated evaluation.

Leaves are numbered; a compiled query reads ``spans``, a dict from leaf number to the token
spans where that leaf occurs. It computes exactly what ``evaluate_node`` computes on the tree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from socialrx.core.listening.mention import Mention
from socialrx.core.listening.query.evaluate import Span, field_matches
from socialrx.core.listening.query.nodes import And, Field, Leaf, Near, Node, Not, Or, Phrase, Term

IdSpans = Mapping[int, list[Span]]
Predicate = Callable[[IdSpans, Mention], bool]
Positions = Callable[[IdSpans], list[Span]]


def compile_positions(node: Node, leaf_ids: Mapping[Leaf, int]) -> Positions:
    """Return a function giving the spans where a positional node occurs."""
    if isinstance(node, Term | Phrase):
        leaf_id = leaf_ids[node]
        return lambda spans: spans.get(leaf_id, [])
    if isinstance(node, Or):
        parts = [compile_positions(child, leaf_ids) for child in node.operands]
        return lambda spans: [span for part in parts for span in part(spans)]
    if isinstance(node, Near):
        return _compile_near(node, leaf_ids)
    raise TypeError(f"{type(node).__name__} has no token positions")


def _compile_near(node: Near, leaf_ids: Mapping[Leaf, int]) -> Positions:
    left_of, right_of = compile_positions(node.left, leaf_ids), compile_positions(node.right, leaf_ids)
    distance, ordered = node.distance, node.ordered

    def pairs(spans: IdSpans) -> list[Span]:
        rights = right_of(spans)
        if not rights:
            return []
        found = []
        for left in left_of(spans):
            for right in rights:
                if (left[1] <= right[0] and right[0] - left[1] <= distance) or (
                    not ordered and right[1] <= left[0] and left[0] - right[1] <= distance
                ):
                    found.append((min(left[0], right[0]), max(left[1], right[1])))
        return found

    return pairs


def _compile_all(predicates: list[Predicate]) -> Predicate:
    if len(predicates) == 2:
        first, second = predicates
        return lambda spans, mention: first(spans, mention) and second(spans, mention)
    return lambda spans, mention: all(predicate(spans, mention) for predicate in predicates)


def _compile_any(predicates: list[Predicate]) -> Predicate:
    if len(predicates) == 2:
        first, second = predicates
        return lambda spans, mention: first(spans, mention) or second(spans, mention)
    return lambda spans, mention: any(predicate(spans, mention) for predicate in predicates)


def _compile_field(field: Field) -> Predicate:
    """Return a field test; exact-value fields become one set lookup."""
    if field.name == "author":
        handles = frozenset(value.lstrip("@") for value in field.values)
        return lambda spans, mention: mention.author.casefold().lstrip("@") in handles
    if field.name == "lang":
        languages = frozenset(field.values)
        return lambda spans, mention: mention.lang.casefold() in languages
    if field.name == "source":
        sources = frozenset(field.values)
        return lambda spans, mention: mention.source.casefold() in sources
    return lambda spans, mention: field_matches(field, mention)


def compile_node(node: Node, leaf_ids: Mapping[Leaf, int]) -> Predicate:
    """Return a predicate equivalent to ``evaluate_node(node, ...)`` over numbered leaf spans."""
    if isinstance(node, Term | Phrase):
        leaf_id = leaf_ids[node]
        return lambda spans, mention: leaf_id in spans
    if isinstance(node, And):
        return _compile_all([compile_node(child, leaf_ids) for child in node.operands])
    if isinstance(node, Or):
        return _compile_any([compile_node(child, leaf_ids) for child in node.operands])
    if isinstance(node, Not):
        inner = compile_node(node.operand, leaf_ids)
        return lambda spans, mention: not inner(spans, mention)
    if isinstance(node, Field):
        return _compile_field(node)
    pairs = _compile_near(node, leaf_ids)
    return lambda spans, mention: bool(pairs(spans))
