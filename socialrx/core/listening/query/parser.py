"""Parse the boolean listening-query language into a ``Query`` tree."""

from __future__ import annotations

import re
from dataclasses import dataclass

from socialrx.core.listening.query.nodes import (
    DEFAULT_NEAR_DISTANCE,
    FIELD_NAMES,
    MAX_NEAR_DISTANCE,
    And,
    Field,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Query,
    QuerySyntaxError,
    Term,
    check_term,
    is_anchored,
    is_positional,
)
from socialrx.core.listening.tokens import tokenize

MAX_NESTING = 40
RUN_END = frozenset(' \t\r\n\f\v()"')
NEAR_PATTERN = re.compile(r"(O?NEAR)(?:/(.*))?")
FIELD_PATTERN = re.compile(r"([A-Za-z]+):(.*)", re.DOTALL)
UNARY_START = frozenset({"word", "phrase", "field", "(", "NOT", "-"})


@dataclass(frozen=True, slots=True)
class Token:
    """One lexical token: its kind, its value and where it starts."""

    kind: str
    value: object
    position: int


def _normalise_value(raw: str) -> str:
    return " ".join(raw.casefold().split())


def _read_run(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] not in RUN_END and not text[end].isspace():
        end += 1
    return end


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    close = text.find('"', start + 1)
    if close < 0:
        raise QuerySyntaxError("unclosed quote", start)
    return text[start + 1 : close], close + 1


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _field_value(text: str, position: int, name: str) -> tuple[str, int]:
    if position < len(text) and text[position] == '"':
        raw, end = _read_quoted(text, position)
    else:
        end = _read_run(text, position)
        raw = text[position:end]
    value = _normalise_value(raw)
    if not value:
        raise QuerySyntaxError(f"field '{name}:' needs a value", position)
    return value, end


def _field_list(text: str, start: int, name: str) -> tuple[tuple[str, ...], int]:
    values: list[str] = []
    position = _skip_space(text, start + 1)
    while True:
        value, position = _field_value(text, position, name)
        values.append(value)
        position = _skip_space(text, position)
        if position < len(text) and text[position] == ")":
            return tuple(values), position + 1
        if text.startswith("OR", position) and _read_run(text, position) == position + 2:
            position = _skip_space(text, position + 2)
            continue
        raise QuerySyntaxError(f"expected OR or ')' in the values of '{name}:'", position)


def _lex_field(text: str, start: int, name: str, rest: str, run_end: int) -> tuple[Token, int]:
    if rest:
        value = _normalise_value(rest)
        return Token("field", Field(name, (value,)), start), run_end
    if run_end < len(text) and text[run_end] == "(":
        values, end = _field_list(text, run_end, name)
        return Token("field", Field(name, values), start), end
    if run_end < len(text) and text[run_end] == '"':
        value, end = _field_value(text, run_end, name)
        return Token("field", Field(name, (value,)), start), end
    raise QuerySyntaxError(f"field '{name}:' needs a value", run_end)


def _lex_near(run: str, start: int) -> Token | None:
    match = NEAR_PATTERN.fullmatch(run)
    if not match:
        return None
    distance_text = match.group(2)
    if distance_text is None:
        distance = DEFAULT_NEAR_DISTANCE
    elif distance_text.isascii() and distance_text.isdigit():
        distance = int(distance_text)
    else:
        raise QuerySyntaxError(f"{match.group(1)}/ needs a whole number of words", start)
    if distance > MAX_NEAR_DISTANCE:
        raise QuerySyntaxError(f"{match.group(1)} distance must be at most {MAX_NEAR_DISTANCE}", start)
    return Token("NEAR", (distance, match.group(1) == "ONEAR"), start)


def _lex_run(text: str, start: int) -> tuple[Token, int]:
    end = _read_run(text, start)
    run = text[start:end]
    if run in ("AND", "OR", "NOT"):
        return Token(run, run, start), end
    near = _lex_near(run, start)
    if near is not None:
        return near, end
    field = FIELD_PATTERN.fullmatch(run)
    if field:
        name = field.group(1).casefold()
        if name not in FIELD_NAMES:
            raise QuerySyntaxError(f"unknown field '{field.group(1)}:' (known: {', '.join(FIELD_NAMES)})", start)
        return _lex_field(text, start, name, field.group(2), end)
    return Token("word", run, start), end


def lex(text: str) -> list[Token]:
    """Return the tokens of ``text``, ending with an ``end`` token."""
    tokens: list[Token] = []
    position = 0
    while True:
        position = _skip_space(text, position)
        if position >= len(text):
            tokens.append(Token("end", None, len(text)))
            return tokens
        char = text[position]
        if char in "()":
            tokens.append(Token(char, char, position))
            position += 1
        elif char == '"':
            content, end = _read_quoted(text, position)
            tokens.append(Token("phrase", content, position))
            position = end
        elif char == "-":
            if position + 1 >= len(text) or text[position + 1].isspace() or text[position + 1] == ")":
                raise QuerySyntaxError("'-' must be followed by a term", position)
            tokens.append(Token("-", "-", position))
            position += 1
        else:
            token, position = _lex_run(text, position)
            tokens.append(token)


def word_node(raw: str, position: int) -> Term | Phrase:
    """Return the term (or, for punctuated words such as ``covid-19``, the phrase) a bare word means."""
    folded = raw.casefold()
    if "*" in folded or "?" in folded:
        problem = check_term(folded)
        if problem:
            raise QuerySyntaxError(problem, position)
        return Term(folded)
    words = tokenize(folded)
    if not words:
        raise QuerySyntaxError(f"'{raw}' holds no searchable word", position)
    if len(words) == 1:
        return Term(words[0])
    return Phrase(tuple(words))


def phrase_node(content: str, position: int) -> Phrase:
    """Return the phrase a quoted string means."""
    if "*" in content or "?" in content:
        raise QuerySyntaxError("wildcards are not allowed inside quotes", position)
    words = tokenize(content)
    if not words:
        raise QuerySyntaxError("empty phrase", position)
    return Phrase(tuple(words))


class _Parser:
    """Recursive-descent parser over the token list; one instance per query text."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse_or(self) -> Node:
        groups = [self.parse_and()]
        or_positions: list[int] = []
        while self.peek().kind == "OR":
            or_positions.append(self.advance().position)
            groups.append(self.parse_and())
        if len(groups) == 1:
            return groups[0][0]
        operators = sorted([(p, "OR") for p in or_positions] + [(p, "AND") for _, joins in groups for p in joins])
        for position, kind in operators:
            if kind != operators[0][1]:
                raise QuerySyntaxError("AND and OR mixed without parentheses; add parentheses", position)
        return Or(tuple(node for node, _ in groups))

    def parse_and(self) -> tuple[Node, list[int]]:
        nodes = [self.parse_unary()]
        joins: list[int] = []
        while True:
            token = self.peek()
            if token.kind == "AND":
                self.advance()
            elif token.kind not in UNARY_START:
                break
            joins.append(token.position)
            nodes.append(self.parse_unary())
        return (nodes[0] if len(nodes) == 1 else And(tuple(nodes))), joins

    def parse_unary(self) -> Node:
        if self.peek().kind in ("NOT", "-"):
            self.advance()
            self.enter(self.peek().position)
            operand = self.parse_unary()
            self.depth -= 1
            return Not(operand)
        return self.parse_near()

    def parse_near(self) -> Node:
        left = self.parse_primary()
        if self.peek().kind != "NEAR":
            return left
        operator = self.advance()
        right = self.parse_primary()
        if not (is_positional(left) and is_positional(right)):
            raise QuerySyntaxError("NEAR needs words, phrases or OR-groups of them on both sides", operator.position)
        distance, ordered = operator.value  # type: ignore[misc]
        return Near(left, right, distance, ordered)

    def parse_primary(self) -> Node:
        token = self.advance()
        if token.kind == "(":
            self.enter(token.position)
            node = self.parse_or()
            if self.peek().kind != ")":
                raise QuerySyntaxError("missing ')' for this '('", token.position)
            self.advance()
            self.depth -= 1
            return node
        if token.kind == "word":
            return word_node(str(token.value), token.position)
        if token.kind == "phrase":
            return phrase_node(str(token.value), token.position)
        if token.kind == "field":
            return token.value  # type: ignore[return-value]
        if token.kind == "end":
            raise QuerySyntaxError("query ends where a word, phrase or '(' was expected", token.position)
        raise QuerySyntaxError(f"expected a word, phrase or '(' before '{token.value}'", token.position)

    def enter(self, position: int) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise QuerySyntaxError(f"query nests deeper than {MAX_NESTING} levels", position)


def parse_query(text: str) -> Query:
    """Return the query tree for ``text`` or raise QuerySyntaxError with the offending position."""
    tokens = lex(text)
    if tokens[0].kind == "end":
        raise QuerySyntaxError("empty query", 0)
    parser = _Parser(tokens)
    root = parser.parse_or()
    leftover = parser.peek()
    if leftover.kind == ")":
        raise QuerySyntaxError("unmatched ')'", leftover.position)
    if leftover.kind == "NEAR":
        raise QuerySyntaxError("only one NEAR per group; add parentheses", leftover.position)
    if leftover.kind != "end":
        raise QuerySyntaxError(f"unexpected '{leftover.value}'", leftover.position)
    if not is_anchored(root):
        raise QuerySyntaxError("a query needs at least one word or phrase that must be present", 0)
    return Query(root)
