"""Words of strategy text, so content can be matched with themes and pillars by what they say."""

from __future__ import annotations

import re
import zlib

_WORD = re.compile(r"[a-z0-9]+")
# Function words and cadence words say nothing about a topic.
_IGNORED = frozenset(
    """a an and the of for in on to with from by at or our your their its is are be as into about via per
    all any new latest real time daily weekly bi biweekly monthly quarterly annual annually yearly every each
    day days week weeks month months year years session sessions post posts""".split()
)


def stem(word: str) -> str:
    """Return a crude stem that makes singular and plural forms meet ("studies" -> "study")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def topic_words(*texts: str) -> frozenset[str]:
    """Return the stemmed topic words of some texts, without function and cadence words."""
    found = set()
    for text in texts:
        for word in _WORD.findall(text.lower()):
            if word not in _IGNORED:
                found.add(stem(word))
    return frozenset(found)


def stable_hash(*parts: str) -> int:
    """Return a hash of strings that is the same in every process (unlike hash())."""
    return zlib.crc32("\x1f".join(parts).encode())


def slug(text: str) -> str:
    """Return a lower-case key for a name ("Expert Q&A sessions" -> "expert_q_a_sessions")."""
    return "_".join(_WORD.findall(text.lower())) or "item"
