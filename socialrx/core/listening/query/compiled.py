"""Compile a query tree into nested closures for fast repeated evaluation.

Leaves are numbered; a compiled query reads ``spans``, a dict from leaf number to the token
spans where that leaf occurs. It computes exactly what ``evaluate_node`` computes on the tree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from socialrx.core.listening.mention import Mention
from socialrx.core.listening.query.evaluate import Span, field_matches, host_of
from socialrx.core.listening.query.nodes import And, Field, Leaf, Near, Node, Not, Or, Phrase, Term

IdSpans = Mapping[int, list[Span]]
Predicate = Callable[[IdSpans, Mention], bool]
Positions = Callable[[IdSpans], list[Span]]
MAX_CLAUSES = 32


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
    if field.name == "site":
        return _compile_site(frozenset(value.removeprefix("www.") for value in field.values))
    return lambda spans, mention: field_matches(field, mention)


def _compile_site(domains: frozenset[str]) -> Predicate:
    """Return a test that the mention's host is one of ``domains`` or a subdomain of one."""

    def on_site(spans: IdSpans, mention: Mention) -> bool:
        host = host_of(mention)
        while True:
            if host in domains:
                return True
            dot = host.find(".")
            if dot < 0:
                return False
            host = host[dot + 1 :]

    return on_site


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


def _all_of(parts: list[list[frozenset[int]]]) -> list[frozenset[int]]:
    """Return the clauses of a conjunction, dropping the widest parts when the product grows too large."""
    clauses = [frozenset[int]()]
    for part in sorted(parts, key=len):
        product = {clause | other for clause in clauses for other in part}
        if len(product) > MAX_CLAUSES:
            break
        clauses = list(product)
    return clauses


def required_leaves(node: Node, leaf_ids: Mapping[Leaf, int]) -> list[frozenset[int]] | None:
    """Return leaf sets one of which must be wholly present for ``node`` to be true, or None when no word is needed.

    The answer is a necessary condition (an OR of ANDs of leaf numbers), never a sufficient one:
    NOT and field filters need no word, and a conjunction too wide to expand keeps its narrowest parts.
    """
    if isinstance(node, Term | Phrase):
        return [frozenset({leaf_ids[node]})]
    if isinstance(node, And | Near):
        children = node.operands if isinstance(node, And) else (node.left, node.right)
        parts = [part for child in children if (part := required_leaves(child, leaf_ids)) is not None]
        return _all_of(parts) if parts else None
    if isinstance(node, Or):
        clauses: set[frozenset[int]] = set()
        for child in node.operands:
            part = required_leaves(child, leaf_ids)
            if part is None:
                return None
            clauses.update(part)
        return None if len(clauses) > MAX_CLAUSES else sorted(clauses, key=sorted)
    return None
