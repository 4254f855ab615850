"""Compile a word list into a regular expression that branches like a trie."""

import re


def trie_pattern(words: list[str]) -> str:
    """Return a regex alternation of ``words`` that prefers the longest word at each position.

    A flat alternation of thousands of words makes Python's ``re`` try every branch at every
    position; a trie-shaped pattern only follows branches that share the text's prefix.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(root)


def _node_pattern(node: dict[str, dict]) -> str:
    is_end = "" in node
    branches = [re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if is_end:
        return "(?:" + body + ")?"
    return body
