"""Split text into the case-folded word tokens that queries, de-duplication and language detection share.

Links are not words: URLs are removed before tokenising (queries filter on them with ``url:``).
Tokens never cross whitespace, so a text's tokens are the tokens of its whitespace-separated
words in turn; each distinct word is tokenised once and remembered.
"""

import re

TOKEN_PATTERN = re.compile(r"[#@]?\w+")
URL_PATTERN = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
WORD_CACHE_LIMIT = 200_000

_word_tokens: dict[str, list[str]] = {}


def _has_link(text: str) -> bool:
    return "://" in text or "www." in text or "WWW." in text


def _tokens_of_word(word: str, strip_links: bool) -> list[str]:
    if strip_links and _has_link(word.casefold()):
        link = URL_PATTERN.search(word)
        if link is not None:
            return TOKEN_PATTERN.findall(word[: link.start()].casefold())
    tokens = _word_tokens.get(word)
    if tokens is None:
        if len(_word_tokens) >= WORD_CACHE_LIMIT:
            _word_tokens.clear()
        tokens = _word_tokens[word] = TOKEN_PATTERN.findall(word.casefold())
    return tokens


def tokenize(text: str) -> list[str]:
    """Return the case-folded tokens of ``text`` without its links; ``#`` and ``@`` stay on their word."""
    strip_links = _has_link(text)
    tokens: list[str] = []
    known = _word_tokens
    for word in text.split():
        found = known.get(word)
        if found is None or (strip_links and _has_link(word.casefold())):
            found = _tokens_of_word(word, strip_links)
        tokens += found
    return tokens


def tokenize_with_regex(text: str) -> list[str]:
    """Return what ``tokenize`` returns, computed by regular expressions over the whole text."""
    if _has_link(text):
        text = URL_PATTERN.sub(" ", text)
    return TOKEN_PATTERN.findall(text.casefold())
