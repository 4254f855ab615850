"""Hypothesis strategies that build valid query trees and matching texts."""

from hypothesis import strategies as st

from socialrx.core.listening.query.nodes import (
    And,
    Field,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Query,
    Term,
    is_anchored,
)

VOCABULARY = ["ai", "clinical", "epic", "breach", "recall", "data", "and", "or", "not", "été", "ß", "19"]
WILDCARDS = ["clin*", "bre*", "da?a", "e?ic", "#ai", "@epic", "#hea*"]

words = st.sampled_from([word.casefold() for word in VOCABULARY])
terms = st.one_of(words.map(Term), st.sampled_from(WILDCARDS).map(Term))
phrases = st.lists(words, min_size=1, max_size=3).map(lambda ws: Phrase(tuple(ws)))
field_values = st.sampled_from(["en", "fr", "example.com", "news.example.com", "x y", "@bob", "rss", "data breach"])
fields = st.builds(
    Field,
    st.sampled_from(["author", "site", "lang", "source", "title", "url"]),
    st.lists(field_values, min_size=1, max_size=3).map(tuple),
)
positional_leaf = st.one_of(terms, phrases)


def _positional(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.lists(positional_leaf, min_size=2, max_size=3).map(lambda xs: Or(tuple(xs))),
        st.builds(Near, positional_leaf, positional_leaf, st.integers(0, 20), st.booleans()),
    )


def _extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        children.map(Not),
        st.lists(children, min_size=2, max_size=3).map(lambda xs: And(tuple(xs))),
        st.lists(children, min_size=2, max_size=3).map(lambda xs: Or(tuple(xs))),
        _positional(children),
    )


nodes = st.recursive(st.one_of(terms, phrases, fields), _extend, max_leaves=12)
queries = nodes.filter(is_anchored).map(Query)

texts = st.lists(
    st.sampled_from(VOCABULARY + ["clinician", "bread", "dana", "epica", "#AI", "@Epic", "#health", "x", ",", "-"]),
    max_size=25,
).map(" ".join)
