"""Saved listening queries: the strategy's defaults, validation with the error position, one compiled set."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.text import slugify

from socialrx.core.listening.matcher import QuerySet
from socialrx.core.listening.query.nodes import QuerySyntaxError, validate_query
from socialrx.core.listening.query.parser import parse_query
from socialrx.core.strategy import Strategy
from socialrx.server.models import ListeningQuery, QueryKind

_PLAIN_WORD = re.compile(r"[#@]?\w+")
_OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True)
class QuerySpec:
    """A query the strategy implies: its key, name, text and kind."""

    key: str
    name: str
    text: str
    kind: str
    is_own_brand: bool = False


@dataclass(frozen=True)
class QueryProblem:
    """Why query text is invalid, where, and the query with a caret under the problem."""

    message: str
    position: int
    caret: str


def term_text(term: str) -> str:
    """Return one strategy term as query text: a bare word, or a quoted phrase."""
    words = term.strip()
    if _PLAIN_WORD.fullmatch(words) and words.upper() not in _OPERATORS:
        return words.casefold()
    cleaned = " ".join(re.findall(r"[#@]?\w+", words)).casefold()
    return f'"{cleaned}"'


def any_of(terms: list[str]) -> str:
    """Return a query matching any of ``terms`` (duplicates dropped, order kept)."""
    texts = list(dict.fromkeys(term_text(t) for t in terms if t.strip()))
    return " OR ".join(texts)


def default_query_specs(strategy: Strategy) -> list[QuerySpec]:
    """Return one query for all key terms, one per key term, and one per competitor with its aliases and handles."""
    listening = strategy.listening
    specs: list[QuerySpec] = []
    if listening.key_terms:
        specs.append(QuerySpec("key-terms", "All key terms", any_of(list(listening.key_terms)), QueryKind.KEY_TERMS))
        for term in listening.key_terms:
            specs.append(QuerySpec(f"term-{slugify(term)}", term, term_text(term), QueryKind.KEY_TERMS))
    for competitor in listening.competitors:
        names = [competitor.name, *competitor.aliases, *(h if h.startswith("@") else f"@{h}" for h in competitor.handles)]
        specs.append(QuerySpec(f"competitor-{slugify(competitor.name)}", competitor.name, any_of(names), QueryKind.COMPETITOR))
    own = [strategy.organisation.name]
    if own[0].strip():
        specs.append(QuerySpec("own-brand", strategy.organisation.name, any_of(own), QueryKind.CUSTOM, is_own_brand=True))
    return specs


def query_problem(text: str) -> QueryProblem | None:
    """Return why ``text`` is not a valid query (with the position), or ``None`` when it is valid."""
    try:
        validate_query(parse_query(text))
    except QuerySyntaxError as error:
        return QueryProblem(error.message, error.position, error.caret_display(text))
    except ValueError as error:
        return QueryProblem(str(error), 0, f"{text}\n^ {error}")
    return None


_CACHE: dict[tuple, QuerySet] = {}


def active_query_set() -> QuerySet:
    """Return the enabled saved queries compiled into one automaton (rebuilt when any query changes)."""
    rows = tuple(ListeningQuery.objects.filter(enabled=True).order_by("pk").values_list("pk", "text", "updated_at"))
    if rows not in _CACHE:
        _CACHE.clear()
        _CACHE[rows] = QuerySet({str(pk): text for pk, text, _ in rows if query_problem(text) is None})
    return _CACHE[rows]
