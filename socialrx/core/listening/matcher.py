"""Match many boolean queries at once with one Aho-Corasick automaton over the mention's tokens.

The leaves (words and phrases) of every query become keys of one automaton run over the
space-joined tokens. A query is evaluated only when one of its non-negated leaves occurs,
so a mention that mentions nothing of interest costs one automaton pass.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import ahocorasick

from socialrx.core.listening.mention import Mention
from socialrx.core.listening.query.compiled import Predicate, compile_node
from socialrx.core.listening.query.evaluate import Span, term_pattern
from socialrx.core.listening.query.nodes import (
    Leaf,
    Phrase,
    Query,
    QuerySyntaxError,
    all_leaves,
    anchor_leaves,
    validate_query,
)
from socialrx.core.listening.query.parser import parse_query
from socialrx.core.listening.tokens import tokenize


class _KeyEntry(NamedTuple):
    """One leaf behind an automaton key, and how an occurrence of the key must be checked."""

    leaf_id: int
    key_length: int
    whole_token: bool
    width: int
    pattern: re.Pattern[str] | None


def _entry_for(leaf: Leaf, leaf_id: int) -> tuple[str, _KeyEntry]:
    if isinstance(leaf, Phrase):
        key = " ".join(leaf.words)
        return key, _KeyEntry(leaf_id, len(key), True, len(leaf.words), None)
    if not leaf.is_wildcard:
        return leaf.text, _KeyEntry(leaf_id, len(leaf.text), True, 1, None)
    key = re.split(r"[*?]", leaf.text, maxsplit=1)[0]
    pattern = term_pattern(leaf.text) if "?" in leaf.text else None
    return key, _KeyEntry(leaf_id, len(key), False, 1, pattern)


def _compile(query: Query | str, query_id: str) -> Query:
    compiled = parse_query(query) if isinstance(query, str) else query
    try:
        validate_query(compiled)
    except ValueError as error:
        raise QuerySyntaxError(f"query {query_id!r}: {error}", 0) from error
    return compiled


class QuerySet:
    """Many named queries compiled into one automaton; ``match`` returns the ids that match."""

    def __init__(self, queries: Mapping[str, Query | str]) -> None:
        self.queries: dict[str, Query] = {qid: _compile(query, qid) for qid, query in queries.items()}
        leaves = sorted({leaf for q in self.queries.values() for leaf in all_leaves(q.root)}, key=repr)
        self._leaf_ids: dict[Leaf, int] = {leaf: leaf_id for leaf_id, leaf in enumerate(leaves)}
        self._leaves = leaves
        keys: dict[str, list[_KeyEntry]] = {}
        for leaf, leaf_id in self._leaf_ids.items():
            key, entry = _entry_for(leaf, leaf_id)
            keys.setdefault(key, []).append(entry)
        self._automaton = ahocorasick.Automaton()
        for key, entries in keys.items():
            self._automaton.add_word(key, tuple(entries))
        self._automaton.make_automaton()
        self._compiled: list[tuple[str, Predicate]] = [
            (query_id, compile_node(query.root, self._leaf_ids)) for query_id, query in self.queries.items()
        ]
        self._anchored_by: dict[int, list[int]] = {}
        for position, query in enumerate(self.queries.values()):
            for leaf in anchor_leaves(query.root):
                self._anchored_by.setdefault(self._leaf_ids[leaf], []).append(position)

    def leaf_spans(self, tokens: Sequence[str]) -> dict[Leaf, list[Span]]:
        """Return where each leaf of any query occurs in ``tokens`` (case-folded)."""
        return {self._leaves[leaf_id]: spans for leaf_id, spans in self._id_spans(tokens).items()}

    def _id_spans(self, tokens: Sequence[str]) -> dict[int, list[Span]]:
        if not self._compiled or not tokens:
            return {}
        joined = " ".join(tokens)
        size = len(joined)
        found: dict[int, list[Span]] = {}
        for end, entries in self._automaton.iter(joined):
            for leaf_id, key_length, whole_token, width, pattern in entries:
                start = end - key_length + 1
                if start and joined[start - 1] != " ":
                    continue
                if whole_token and end + 1 < size and joined[end + 1] != " ":
                    continue
                index = joined.count(" ", 0, start)
                if pattern is not None and not pattern.fullmatch(tokens[index]):
                    continue
                found.setdefault(leaf_id, []).append((index, index + width))
        return found

    def match_tokens(self, tokens: Sequence[str], mention: Mention) -> list[str]:
        """Return, in definition order, the ids of the queries that match ``mention`` with ``tokens``."""
        spans = self._id_spans(tokens)
        if not spans:
            return []
        anchored_by = self._anchored_by
        candidates = sorted({position for leaf_id in spans for position in anchored_by.get(leaf_id, ())})
        compiled = self._compiled
        matched = []
        for position in candidates:
            query_id, predicate = compiled[position]
            if predicate(spans, mention):
                matched.append(query_id)
        return matched

    def match(self, mention: Mention) -> list[str]:
        """Return, in definition order, the ids of the queries that match ``mention``."""
        return self.match_tokens(tokenize(mention.text), mention)
