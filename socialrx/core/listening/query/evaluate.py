"""Evaluate a query tree against a mention, given where each word or phrase occurs.

``Spans`` maps a leaf (term or phrase) to the token spans ``(start, end)`` where it occurs, end
exclusive. The automaton matcher and the naive reference evaluator both compute spans and then
share ``evaluate_node``; the reference computes spans by scanning every token for every leaf.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from socialrx.core.listening.mention import Mention
from socialrx.core.listening.query.nodes import (
    And,
    Field,
    Leaf,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Query,
    Term,
    all_leaves,
)
from socialrx.core.listening.tokens import tokenize

Span = tuple[int, int]
Spans = Mapping[Leaf, Sequence[Span]]


@lru_cache(maxsize=4096)
def term_pattern(text: str) -> re.Pattern[str]:
    """Return a regex that fully matches the tokens a wildcard term accepts."""
    body = re.escape(text.rstrip("*")).replace(r"\?", r"\w")
    return re.compile(body + (r"\w*" if text.endswith("*") else ""))


def term_accepts(term: Term, token: str) -> bool:
    """Return whether ``token`` is an occurrence of ``term``."""
    if not term.is_wildcard:
        return token == term.text
    return term_pattern(term.text).fullmatch(token) is not None


def host_of(mention: Mention) -> str:
    """Return the mention's host without ``www.``: its site, else the host of its URL."""
    if mention.site:
        return mention.site.casefold().removeprefix("www.")
    without_scheme = mention.url.casefold().split("://", 1)[-1]
    return without_scheme.split("/", 1)[0].split(":", 1)[0].removeprefix("www.")


def _bare_url(url: str) -> str:
    return url.casefold().split("://", 1)[-1].removeprefix("www.")


def _field_matches_value(name: str, value: str, mention: Mention) -> bool:
    if name == "author":
        return mention.author.casefold().lstrip("@") == value.lstrip("@")
    if name == "site":
        host, domain = host_of(mention), value.removeprefix("www.")
        return host == domain or host.endswith("." + domain)
    if name == "lang":
        return mention.lang.casefold() == value
    if name == "source":
        return mention.source.casefold() == value
    if name == "url":
        return bool(mention.url) and _bare_url(mention.url).startswith(_bare_url(value))
    words, title = tokenize(value), tokenize(mention.title)
    return bool(words) and any(title[i : i + len(words)] == words for i in range(len(title) - len(words) + 1))


def field_matches(field: Field, mention: Mention) -> bool:
    """Return whether the mention's metadata satisfies ``field`` (any of its values)."""
    return any(_field_matches_value(field.name, value, mention) for value in field.values)


def _near_pairs(node: Near, spans: Spans) -> list[Span]:
    lefts, rights = node_spans(node.left, spans), node_spans(node.right, spans)
    found: list[Span] = []
    for left in lefts:
        for right in rights:
            forward = left[1] <= right[0] and right[0] - left[1] <= node.distance
            backward = not node.ordered and right[1] <= left[0] and left[0] - right[1] <= node.distance
            if forward or backward:
                found.append((min(left[0], right[0]), max(left[1], right[1])))
    return found


def node_spans(node: Node, spans: Spans) -> list[Span]:
    """Return where a positional node (term, phrase, OR of them, NEAR) occurs."""
    if isinstance(node, Term | Phrase):
        return list(spans.get(node, ()))
    if isinstance(node, Or):
        return [span for child in node.operands for span in node_spans(child, spans)]
    if isinstance(node, Near):
        return _near_pairs(node, spans)
    raise TypeError(f"{type(node).__name__} has no token positions")


def evaluate_node(node: Node, spans: Spans, mention: Mention) -> bool:
    """Return whether ``node`` is true for the mention whose leaf occurrences are ``spans``."""
    if isinstance(node, Term | Phrase):
        return bool(spans.get(node))
    if isinstance(node, And):
        return all(evaluate_node(child, spans, mention) for child in node.operands)
    if isinstance(node, Or):
        return any(evaluate_node(child, spans, mention) for child in node.operands)
    if isinstance(node, Not):
        return not evaluate_node(node.operand, spans, mention)
    if isinstance(node, Field):
        return field_matches(node, mention)
    return bool(_near_pairs(node, spans))


def naive_leaf_spans(leaves: set[Leaf], tokens: Sequence[str]) -> dict[Leaf, list[Span]]:
    """Return every occurrence of every leaf by checking each token position in turn."""
    found: dict[Leaf, list[Span]] = {}
    for leaf in leaves:
        if isinstance(leaf, Term):
            hits = [(i, i + 1) for i, token in enumerate(tokens) if term_accepts(leaf, token)]
        else:
            width = len(leaf.words)
            hits = [(i, i + width) for i in range(len(tokens) - width + 1) if tuple(tokens[i : i + width]) == leaf.words]
        if hits:
            found[leaf] = hits
    return found


def reference_match(query: Query, mention: Mention) -> bool:
    """Return whether ``query`` matches ``mention``, computed naively (the matcher's oracle)."""
    spans = naive_leaf_spans(all_leaves(query.root), tokenize(mention.text))
    return evaluate_node(query.root, spans, mention)
