"""The Aho-Corasick query set agrees with the naive reference evaluator."""

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx.core.listening.matcher import QuerySet
from socialrx.core.listening.mention import Mention
from socialrx.core.listening.query.evaluate import reference_match
from socialrx.core.listening.query.parser import parse_query
from tests.core.listening.strategies import queries, texts

WHEN = datetime(2025, 3, 1, 12, tzinfo=UTC)


def mention(text: str, **metadata: str) -> Mention:
    return Mention(id="m1", text=text, published=WHEN, **metadata)


def test_whole_tokens_only():
    """'AI' does not match inside 'said', and '#AI' is distinct from 'AI'."""
    query_set = QuerySet({"ai": "ai", "tag": "#ai"})
    assert query_set.match(mention("He said so")) == []
    assert query_set.match(mention("Loving #AI today")) == ["tag"]
    assert query_set.match(mention("AI, finally.")) == ["ai"]


def test_phrases_wildcards_and_near():
    """Phrases need consecutive tokens; wildcards expand; NEAR and ONEAR respect distance and order."""
    query_set = QuerySet(
        {
            "phrase": '"clinical ai"',
            "prefix": "implement*",
            "single": "h?pa",
            "near": "epic NEAR/2 lawsuit",
            "onear": "lawsuit ONEAR/2 epic",
        }
    )
    assert query_set.match(mention("Clinical  AI implementation, hypa")) == ["phrase", "prefix", "single"]
    assert query_set.match(mention("clinical tools and AI")) == []
    assert query_set.match(mention("Epic faces a lawsuit")) == ["near"]
    assert query_set.match(mention("Epic faces a big new lawsuit")) == []
    assert query_set.match(mention("The lawsuit against Epic")) == ["near", "onear"]


def test_fields_filter_on_metadata():
    """Field filters use the mention's metadata: site includes subdomains, url is a prefix."""
    query_set = QuerySet(
        {
            "not_own": "ai -site:ourcompany.com",
            "english": "ai lang:en",
            "by_bob": "ai author:@bob",
            "blog": "ai url:example.com/blog",
            "titled": 'ai title:"data breach"',
        }
    )
    own = mention("ai news", url="https://blog.ourcompany.com/x", lang="en", author="Bob")
    assert query_set.match(own) == ["english", "by_bob"]
    other = mention("ai news", url="https://www.example.com/blog/1", title="Huge DATA breach!", lang="fr")
    assert query_set.match(other) == ["not_own", "blog", "titled"]


def test_negated_only_hits_do_not_trigger():
    """A query is not reported when only its excluded words occur."""
    query_set = QuerySet({"q": "epic AND NOT recall"})
    assert query_set.match(mention("recall announced")) == []
    assert query_set.match(mention("epic recall")) == []
    assert query_set.match(mention("epic update")) == ["q"]


def test_two_hundred_queries_in_one_automaton():
    """Many queries compile together and each is reported only where its logic holds."""
    query_set = QuerySet({f"q{i}": f'"topic{i} ai" OR brand{i}' for i in range(200)})
    assert query_set.match(mention("topic7 AI and brand42 and topic9")) == ["q7", "q42"]


@settings(max_examples=500, deadline=None)
@given(st.lists(queries, min_size=1, max_size=6), st.lists(texts, min_size=1, max_size=5))
def test_agrees_with_reference_evaluator(query_list, text_list):
    """For any queries and texts, the automaton matcher returns exactly what the naive evaluator says."""
    query_set = QuerySet({f"q{i}": query for i, query in enumerate(query_list)})
    for text in text_list:
        item = mention(text, lang="en", site="news.example.com", title="data breach at x", author="@bob")
        expected = [f"q{i}" for i, query in enumerate(query_list) if reference_match(query, item)]
        assert query_set.match(item) == expected


def test_string_and_parsed_queries_are_equivalent():
    """A QuerySet accepts query text or parsed queries."""
    assert QuerySet({"a": "epic"}).queries == QuerySet({"a": parse_query("epic")}).queries
