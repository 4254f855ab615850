"""Turn a query tree back into query text that parses to the same tree."""

import re

from socialrx.core.listening.query.nodes import And, Field, Node, Not, Or, Phrase, Query, Term

BARE_VALUE = re.compile(r'[^\s()"]+')


def _format_value(value: str) -> str:
    return value if BARE_VALUE.fullmatch(value) else f'"{value}"'


def _format_field(node: Field) -> str:
    if len(node.values) == 1:
        return f"{node.name}:{_format_value(node.values[0])}"
    return f"{node.name}:({' OR '.join(_format_value(value) for value in node.values)})"


def _format_operand(node: Node) -> str:
    """Format a child node, in parentheses unless it is atomic or a negation."""
    text = format_node(node)
    return text if isinstance(node, Term | Phrase | Field | Not) else f"({text})"


def format_node(node: Node) -> str:
    """Return the query text for ``node``, parenthesised only where needed to keep its structure."""
    if isinstance(node, Term):
        return node.text
    if isinstance(node, Phrase):
        return '"' + " ".join(node.words) + '"'
    if isinstance(node, Field):
        return _format_field(node)
    if isinstance(node, Not):
        return "NOT " + _format_operand(node.operand)
    if isinstance(node, And):
        return " AND ".join(_format_operand(child) for child in node.operands)
    if isinstance(node, Or):
        return " OR ".join(_format_operand(child) for child in node.operands)
    operator = f"{'ONEAR' if node.ordered else 'NEAR'}/{node.distance}"
    return f"{_format_operand(node.left)} {operator} {_format_operand(node.right)}"


def format_query(query: Query) -> str:
    """Return query text that ``parse_query`` turns back into ``query``."""
    return format_node(query.root)
