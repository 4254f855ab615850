"""The query language: parsing, errors, and formatting that round-trips."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx.core.listening.query.formatting import format_query
from socialrx.core.listening.query.nodes import (
    And,
    Field,
    Near,
    Not,
    Or,
    Phrase,
    Query,
    QuerySyntaxError,
    Term,
    validate_query,
)
from socialrx.core.listening.query.parser import parse_query
from tests.core.listening.strategies import queries


def test_spec_example_parses_to_expected_tree():
    """The reference example parses; juxtaposition means AND and NOT binds to the next term."""
    query = parse_query(
        '("Clinical AI" OR "Healthcare AI" OR #HealthAI) AND (ethic* OR bias OR "patient safety") '
        "NOT site:ourcompany.com lang:en"
    )
    assert query.root == And(
        (
            Or((Phrase(("clinical", "ai")), Phrase(("healthcare", "ai")), Term("#healthai"))),
            Or((Term("ethic*"), Term("bias"), Phrase(("patient", "safety")))),
            Not(Field("site", ("ourcompany.com",))),
            Field("lang", ("en",)),
        )
    )


def test_near_with_groups_and_default_distance():
    """NEAR takes OR-groups on both sides; bare NEAR means NEAR/4 and ONEAR is ordered."""
    query = parse_query('("IBM Watson Health" OR Epic) NEAR/8 (lawsuit OR breach)')
    assert query.root == Near(
        Or((Phrase(("ibm", "watson", "health")), Term("epic"))), Or((Term("lawsuit"), Term("breach"))), 8, False
    )
    assert parse_query("a ONEAR b").root == Near(Term("a"), Term("b"), 4, True)


def test_lowercase_operators_are_search_words():
    """Operators are upper-case only: 'and' is a word to search for."""
    assert parse_query("cats and dogs").root == And((Term("cats"), Term("and"), Term("dogs")))


def test_minus_prefix_is_not_and_punctuated_word_is_phrase():
    """'-term' excludes the term and 'covid-19' means the phrase "covid 19"."""
    assert parse_query("covid-19 -vaccine").root == And((Phrase(("covid", "19")), Not(Term("vaccine"))))


def test_field_value_list_and_quoted_value():
    """A field takes a bare value, a quoted value, or a parenthesised OR-list of values."""
    query = parse_query('ai author:(@Bob OR "Jane Doe") title:"Data Breach"')
    assert query.root == And(
        (Term("ai"), Field("author", ("@bob", "jane doe")), Field("title", ("data breach",)))
    )


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("a AND b OR c", 8, "mixed"),
        ("a OR b c", 7, "mixed"),
        ("a OR b AND c", 7, "mixed"),
        ("NOT a", 0, "must be present"),
        ("site:x.com", 0, "must be present"),
        ("a OR NOT b", 0, "must be present"),
        ("(a OR b", 0, "missing ')'"),
        ("a OR b)", 6, "unmatched"),
        ("a NEAR/21 b", 2, "at most 20"),
        ("a NEAR/x b", 2, "whole number"),
        ("a NEAR/2 b NEAR/2 c", 11, "one NEAR"),
        ("im* x", 0, "3 characters"),
        ("*ing", 0, "not a valid"),
        ("x foo:bar", 2, "unknown field"),
        ('x "abc', 2, "unclosed"),
        ("a OR", 4, "query ends"),
        ("a - b", 2, "'-'"),
        ('"ai*"', 0, "wildcards"),
        ("   ", 0, "empty"),
        ("(a AND NOT b) NEAR/3 c", 14, "NEAR needs"),
        ("x site:", 7, "needs a value"),
    ],
)
def test_syntax_errors_carry_their_position(text, position, fragment):
    """Each malformed query raises QuerySyntaxError pointing at the offending character."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(text)
    assert caught.value.position == position
    assert fragment in caught.value.message


def test_caret_display_points_at_position():
    """The caret display puts a caret under the offending character."""
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query("a AND b OR c")
    line, caret = caught.value.caret_display("a AND b OR c").splitlines()
    assert line == "a AND b OR c"
    assert caret.index("^") == 8


def test_deep_nesting_is_refused_cleanly():
    """Very deep parentheses raise QuerySyntaxError rather than exhausting the stack."""
    with pytest.raises(QuerySyntaxError):
        parse_query("(" * 500 + "a" + ")" * 500)
    with pytest.raises(QuerySyntaxError):
        parse_query("NOT " * 500 + "a AND b")


@settings(max_examples=400, deadline=None)
@given(queries)
def test_random_trees_round_trip_through_text(query: Query):
    """Formatting any valid tree and parsing the text gives the same tree back."""
    validate_query(query)
    assert parse_query(format_query(query)) == query


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab *?"()-:#@/ ANDORNOTEAR0123456789site:lang:é')), max_size=40))
def test_random_strings_never_crash(text: str):
    """Any string either parses to a valid query or raises QuerySyntaxError, nothing else."""
    try:
        query = parse_query(text)
    except QuerySyntaxError:
        return
    validate_query(query)
    assert parse_query(format_query(query)) == query


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_random_unicode_never_crashes(text: str):
    """Arbitrary unicode input raises only QuerySyntaxError."""
    try:
        parse_query(text)
    except QuerySyntaxError:
        pass
