"""Match many boolean queries at once with one Aho-Corasick automaton over the mention's tokens.

The leaves (words and phrases) of every query become keys of one automaton run over the
space-joined tokens. A query is evaluated only when one of its non-negated leaves occurs,
so a mention that mentions nothing of interest costs one automaton pass.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import ahocorasick

from socialrx.core.listening.mention import Mention
from socialrx.core.listening.query.evaluate import Span, evaluate_node, term_pattern
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


@dataclass(frozen=True, slots=True)
class _KeyEntry:
    """One leaf behind an automaton key, and how an occurrence of the key must be checked."""

    leaf: Leaf
    key_length: int
    whole_token: bool
    width: int
    pattern: re.Pattern[str] | None


def _entry_for(leaf: Leaf) -> tuple[str, _KeyEntry]:
    if isinstance(leaf, Phrase):
        key = " ".join(leaf.words)
        return key, _KeyEntry(leaf, len(key), True, len(leaf.words), None)
    if not leaf.is_wildcard:
        return leaf.text, _KeyEntry(leaf, len(leaf.text), True, 1, None)
    key = re.split(r"[*?]", leaf.text, maxsplit=1)[0]
    pattern = term_pattern(leaf.text) if "?" in leaf.text else None
    return key, _KeyEntry(leaf, len(key), False, 1, pattern)


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
        keys: dict[str, list[_KeyEntry]] = {}
        for leaf in sorted({leaf for q in self.queries.values() for leaf in all_leaves(q.root)}, key=repr):
            key, entry = _entry_for(leaf)
            keys.setdefault(key, []).append(entry)
        self._automaton = ahocorasick.Automaton()
        for key, entries in keys.items():
            self._automaton.add_word(key, tuple(entries))
        self._automaton.make_automaton()
        self._anchored_by: dict[Leaf, list[str]] = {}
        for query_id, query in self.queries.items():
            for leaf in anchor_leaves(query.root):
                self._anchored_by.setdefault(leaf, []).append(query_id)
        self._order = {query_id: position for position, query_id in enumerate(self.queries)}

    def leaf_spans(self, tokens: Sequence[str]) -> dict[Leaf, list[Span]]:
        """Return where each leaf of any query occurs in ``tokens`` (case-folded)."""
        if not self._order or not tokens:
            return {}
        joined = " ".join(tokens)
        size = len(joined)
        found: dict[Leaf, list[Span]] = {}
        for end, entries in self._automaton.iter(joined):
            for entry in entries:
                start = end - entry.key_length + 1
                if start and joined[start - 1] != " ":
                    continue
                if entry.whole_token and end + 1 < size and joined[end + 1] != " ":
                    continue
                index = joined.count(" ", 0, start)
                if entry.pattern is not None and not entry.pattern.fullmatch(tokens[index]):
                    continue
                found.setdefault(entry.leaf, []).append((index, index + entry.width))
        return found

    def match_tokens(self, tokens: Sequence[str], mention: Mention) -> list[str]:
        """Return, in definition order, the ids of the queries that match ``mention`` with ``tokens``."""
        spans = self.leaf_spans(tokens)
        if not spans:
            return []
        candidates = {query_id for leaf in spans for query_id in self._anchored_by.get(leaf, ())}
        return [
            query_id
            for query_id in sorted(candidates, key=self._order.__getitem__)
            if evaluate_node(self.queries[query_id].root, spans, mention)
        ]

    def match(self, mention: Mention) -> list[str]:
        """Return, in definition order, the ids of the queries that match ``mention``."""
        return self.match_tokens(tokenize(mention.text), mention)
