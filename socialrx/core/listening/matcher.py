"""Match many boolean queries at once: one Aho-Corasick automaton resolves each distinct token once.

Every single-token key of every query (a word, a wildcard's prefix, a phrase's first word) is a
key of one automaton. The first time a token is seen the automaton finds the leaves it starts;
the answer is memoised, so a mention costs one dictionary look-up per token. A query is
evaluated only when one of its required leaf sets (``required_leaves``) is wholly present, so
a query waiting for "clinical" near "ai" costs nothing on a text that only says "ai".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import ahocorasick

from socialrx.core.listening.mention import Mention
from socialrx.core.listening.query.compiled import Predicate, compile_node, required_leaves
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

TOKEN_CACHE_LIMIT = 200_000


class _KeyEntry(NamedTuple):
    """One leaf behind an automaton key, and how a token holding the key must be checked."""

    leaf_id: int
    key_length: int
    whole_token: bool
    tail: tuple[str, ...]
    pattern: re.Pattern[str] | None


class _Trigger(NamedTuple):
    """A query to consider when a leaf occurs, provided every leaf in ``needs`` occurs too."""

    position: int
    needs: frozenset[int] | None


def _entry_for(leaf: Leaf, leaf_id: int) -> tuple[str, _KeyEntry]:
    if isinstance(leaf, Phrase):
        return leaf.words[0], _KeyEntry(leaf_id, len(leaf.words[0]), True, leaf.words[1:], None)
    if not leaf.is_wildcard:
        return leaf.text, _KeyEntry(leaf_id, len(leaf.text), True, (), None)
    key = re.split(r"[*?]", leaf.text, maxsplit=1)[0]
    pattern = term_pattern(leaf.text) if "?" in leaf.text else None
    return key, _KeyEntry(leaf_id, len(key), False, (), pattern)


def _compile(query: Query | str, query_id: str) -> Query:
    compiled = parse_query(query) if isinstance(query, str) else query
    try:
        validate_query(compiled)
    except ValueError as error:
        raise QuerySyntaxError(f"query {query_id!r}: {error}", 0) from error
    return compiled


def _trigger_rank(leaf: Leaf) -> tuple[int, int]:
    """Rank leaves by how rarely they are likely to occur: phrases first, then longer words."""
    return (len(leaf.words), 0) if isinstance(leaf, Phrase) else (1, len(leaf.text.rstrip("*")))


class QuerySet:
    """Many named queries compiled into one automaton; ``match`` returns the ids that match."""

    def __init__(self, queries: Mapping[str, Query | str]) -> None:
        self.queries: dict[str, Query] = {qid: _compile(query, qid) for qid, query in queries.items()}
        leaves = sorted({leaf for q in self.queries.values() for leaf in all_leaves(q.root)}, key=repr)
        self._leaf_ids: dict[Leaf, int] = {leaf: leaf_id for leaf_id, leaf in enumerate(leaves)}
        self._leaves = leaves
        self._automaton = self._build_automaton()
        self._token_hits: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = {}
        self._compiled: list[tuple[str, Predicate]] = [
            (query_id, compile_node(query.root, self._leaf_ids)) for query_id, query in self.queries.items()
        ]
        self._triggers: dict[int, list[_Trigger]] = {}
        for position, query in enumerate(self.queries.values()):
            self._add_triggers(position, query)

    def _build_automaton(self) -> ahocorasick.Automaton:
        keys: dict[str, list[_KeyEntry]] = {}
        for leaf, leaf_id in self._leaf_ids.items():
            key, entry = _entry_for(leaf, leaf_id)
            keys.setdefault(key, []).append(entry)
        automaton = ahocorasick.Automaton()
        for key, entries in keys.items():
            automaton.add_word(key, tuple(entries))
        automaton.make_automaton()
        return automaton

    def _add_triggers(self, position: int, query: Query) -> None:
        clauses = required_leaves(query.root, self._leaf_ids)
        if clauses is None:
            clauses = [frozenset({self._leaf_ids[leaf]}) for leaf in anchor_leaves(query.root)]
        for clause in clauses:
            trigger = max(clause, key=lambda leaf_id: (_trigger_rank(self._leaves[leaf_id]), leaf_id))
            needs = clause if len(clause) > 1 else None
            self._triggers.setdefault(trigger, []).append(_Trigger(position, needs))

    def _resolve_token(self, token: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """Return (leaf number, following phrase words) for each leaf ``token`` begins; memoise it."""
        hits = []
        last = len(token) - 1
        for end, entries in self._automaton.iter(token):
            for leaf_id, key_length, whole_token, tail, pattern in entries:
                if end + 1 != key_length or (whole_token and end != last):
                    continue
                if pattern is not None and not pattern.fullmatch(token):
                    continue
                hits.append((leaf_id, tail))
        if len(self._token_hits) >= TOKEN_CACHE_LIMIT:
            self._token_hits.clear()
        resolved = self._token_hits[token] = tuple(hits)
        return resolved

    def leaf_spans(self, tokens: Sequence[str]) -> dict[Leaf, list[Span]]:
        """Return where each leaf of any query occurs in ``tokens`` (case-folded)."""
        return {self._leaves[leaf_id]: spans for leaf_id, spans in self._id_spans(tokens).items()}

    def _id_spans(self, tokens: Sequence[str]) -> dict[int, list[Span]]:
        found: dict[int, list[Span]] = {}
        if not self._compiled:
            return found
        tokens = tuple(tokens)
        known = self._token_hits
        for index, token in enumerate(tokens):
            hits = known.get(token)
            if hits is None:
                hits = self._resolve_token(token)
            for leaf_id, tail in hits:
                end = index + 1
                if tail:
                    end += len(tail)
                    if tokens[index + 1 : end] != tail:
                        continue
                spans = found.get(leaf_id)
                if spans is None:
                    found[leaf_id] = [(index, end)]
                else:
                    spans.append((index, end))
        return found

    def match_tokens(self, tokens: Sequence[str], mention: Mention) -> list[str]:
        """Return, in definition order, the ids of the queries that match ``mention`` with ``tokens``."""
        spans = self._id_spans(tokens)
        if not spans:
            return []
        present = spans.keys()
        triggers = self._triggers
        candidates = {
            position
            for leaf_id in spans
            for position, needs in triggers.get(leaf_id, ())
            if needs is None or present >= needs
        }
        compiled = self._compiled
        matched = []
        for position in sorted(candidates):
            query_id, predicate = compiled[position]
            if predicate(spans, mention):
                matched.append(query_id)
        return matched

    def match(self, mention: Mention) -> list[str]:
        """Return, in definition order, the ids of the queries that match ``mention``."""
        return self.match_tokens(tokenize(mention.text), mention)
