"""Word-by-word tokenising gives exactly the tokens of the whole-text regular expressions."""

from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx.core.listening.tokens import tokenize, tokenize_with_regex

PIECES = ["Epic", "AI", "#AI", "@bob", "a#b", "x@y", "https://t.co/1", "HTTPS://X.COM/a?b=c", "see:http://a.b",
          "www.site.com/x", "WWW.SITE.COM", "Www.mixed.com", "ftp://files", "été", "STRASSE", "ß", "ﬁne", "19",
          "don't", "...", "!!", "😀", "\u00a0", "\t", "\n", " ", "  "]  # fmt: skip


def test_links_are_removed_and_hashtags_kept():
    """Links vanish with everything after them in their word; # and @ stay on their word."""
    assert tokenize("See:https://t.co/x Epic #AI @Bob") == ["see", "epic", "#ai", "@bob"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=12))
def test_agrees_with_whole_text_regex(pieces):
    """For any text, the memoised word-by-word tokeniser equals the regex over the whole text."""
    text = "".join(pieces)
    assert tokenize(text) == tokenize_with_regex(text)
    assert tokenize(text) == tokenize_with_regex(text)
