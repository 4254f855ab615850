"""Split text into the case-folded word tokens that queries, de-duplication and language detection share."""

import re

TOKEN_PATTERN = re.compile(r"[#@]?\w+")


def tokenize(text: str) -> list[str]:
    """Return the case-folded tokens of ``text``; ``#`` and ``@`` prefixes stay on their word."""
    return TOKEN_PATTERN.findall(text.casefold())
