"""Split text into the case-folded word tokens that queries, de-duplication and language detection share.

Links are not words: URLs are removed before tokenising (queries filter on them with ``url:``).
"""

import re

TOKEN_PATTERN = re.compile(r"[#@]?\w+")
URL_PATTERN = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)


def tokenize(text: str) -> list[str]:
    """Return the case-folded tokens of ``text`` without its links; ``#`` and ``@`` stay on their word."""
    if "://" in text or "www." in text or "WWW." in text:
        text = URL_PATTERN.sub(" ", text)
    return TOKEN_PATTERN.findall(text.casefold())
