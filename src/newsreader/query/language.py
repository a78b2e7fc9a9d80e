"""The query language shared by search, `--query`, watches and mutes: parser and AST.

    cyber* OR "national sovereignty"     words ANDed, OR, "phrases", prefix*
    -sponsored   NOT sponsored           exclusion
    title:china author:"han shasha"      field restrictions (title, author, source, section)
    (a OR b) c                           grouping

A query that does not parse raises QueryError with the 0-based position of the problem,
so the UI can point at it. A query is at most MAX_QUERY_LENGTH characters and nests at
most MAX_DEPTH levels (parentheses and NOTs): every query the parser accepts can be
parsed, matched, compiled to SQL and run without exhausting Python's recursion limit or
SQLite's expression depth (a watch that could not would break every command). The store
compiles the AST to SQL (storage/compiler.py) and the highlighter takes its positive terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsreader.errors import QueryError

FIELDS = frozenset({"title", "author", "source", "section"})
MAX_DEPTH = 50
"""Levels of nesting a query may have: each "(" and each NOT or "-" is one."""
MAX_QUERY_LENGTH = 2000
"""Characters in a query: room for a watch of a hundred alternatives, and a bound on the
terms (at most half as many) that matching and the SQL built from a query must handle."""


@dataclass(frozen=True, slots=True)
class Term:
    """A word (`prefix` for word*) or a phrase, optionally limited to one field."""

    text: str
    field: str | None = None
    prefix: bool = False
    phrase: bool = False


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


Node = Term | And | Or | Not


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # WORD, PHRASE, LPAREN, RPAREN, OR, AND, NOT, MINUS
    text: str
    pos: int
    field: str | None = None


_WORD = re.compile(r'[^\s()"]+')


def _tokenize(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    n = len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "(":
            tokens.append(_Token("LPAREN", ch, i))
            i += 1
            continue
        if ch == ")":
            tokens.append(_Token("RPAREN", ch, i))
            i += 1
            continue
        if ch == "-" and i + 1 < n and not query[i + 1].isspace():
            tokens.append(_Token("MINUS", ch, i))
            i += 1
            continue
        start = i
        field = None
        m = re.match(r"([A-Za-z]+):(?=[^\s/])", query[i:])  # "http://" is a word, not a field
        if m and m.group(1).lower() in FIELDS:
            field = m.group(1).lower()
            i += m.end()
        elif m and query[i + m.end() - 1] == ":" and m.group(1).lower() not in FIELDS:
            raise QueryError(
                f"unknown field '{m.group(1)}:' at position {start + 1} "
                f"(fields: {', '.join(sorted(FIELDS))})",
                start,
            )
        if i < n and query[i] == '"':
            end = query.find('"', i + 1)
            if end == -1:
                raise QueryError(f"unclosed quote at position {i + 1}", i)
            text = " ".join(query[i + 1 : end].split())
            if not text:
                raise QueryError(f"empty phrase at position {i + 1}", i)
            tokens.append(_Token("PHRASE", text, start, field))
            i = end + 1
            continue
        m2 = _WORD.match(query, i)
        if not m2:
            raise QueryError(f"expected a word after '{field}:' at position {i + 1}", i)
        word = m2.group(0)
        i = m2.end()
        if field is None and word in ("OR", "AND", "NOT"):
            tokens.append(_Token(word, word, start))
        else:
            tokens.append(_Token("WORD", word, start, field))
    return tokens


class _Parser:
    def __init__(self, query: str) -> None:
        if len(query) > MAX_QUERY_LENGTH:
            raise QueryError(
                f"the query is too long ({len(query)} characters, at most {MAX_QUERY_LENGTH})",
                MAX_QUERY_LENGTH,
            )
        self.query = query
        self.tokens = _tokenize(query)
        self.i = 0
        self.depth = 0

    def _deeper(self, token: _Token) -> None:
        """One more level of nesting; refused past MAX_DEPTH, before Python's own limit."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(
                f"the query nests too deeply (at most {MAX_DEPTH} levels) at position "
                f"{token.pos + 1}",
                token.pos,
            )

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Node:
        if not self.tokens:
            raise QueryError("the query is empty", 0)
        node = self.or_expr()
        extra = self.peek()
        if extra is not None:
            raise QueryError(f"unexpected '{extra.text}' at position {extra.pos + 1}", extra.pos)
        return node

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            if self.peek() is None or self.peek().kind in ("OR", "RPAREN"):  # type: ignore[union-attr]
                raise QueryError(f"OR at position {token.pos + 1} needs a term after it", token.pos)
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self) -> Node:
        items: list[Node] = []
        while (token := self.peek()) is not None and token.kind not in ("OR", "RPAREN"):
            if token.kind == "AND":
                self.take()
                continue
            items.append(self.unary())
        if not items:
            token = self.peek()
            pos = token.pos if token else len(self.query)
            raise QueryError(f"expected a term at position {pos + 1}", pos)
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self) -> Node:
        token = self.take()
        if token.kind in ("MINUS", "NOT"):
            if self.peek() is None:
                raise QueryError(
                    f"'{token.text}' at position {token.pos + 1} needs a term after it", token.pos
                )
            self._deeper(token)
            node: Node = Not(self.unary())
            self.depth -= 1
            return node
        if token.kind == "LPAREN":
            self._deeper(token)
            node = self.or_expr()
            closing = self.peek()
            if closing is None or closing.kind != "RPAREN":
                raise QueryError(f"unclosed '(' at position {token.pos + 1}", token.pos)
            self.take()
            self.depth -= 1
            return node
        if token.kind == "RPAREN":
            raise QueryError(f"unmatched ')' at position {token.pos + 1}", token.pos)
        if token.kind == "PHRASE":
            return Term(token.text, token.field, phrase=True)
        word = token.text
        prefix = word.endswith("*") and len(word.rstrip("*")) > 0
        word = word.rstrip("*") if prefix else word
        if not word.strip("*"):
            raise QueryError(f"'{token.text}' at position {token.pos + 1} is not a word", token.pos)
        return Term(word, token.field, prefix=prefix)


def query_for_text(text: str) -> str:
    """A query that finds exactly this text: a bare word when that parses back to it,
    else a phrase (so "OR", "don't" or "cyber-security" picked from an article stay literal)."""
    text = " ".join(text.replace('"', " ").split())
    if not text:
        return ""
    try:
        node = parse_query(text)
    except QueryError:
        return f'"{text}"'
    if isinstance(node, Term) and node.field is None and node.text == text and not node.prefix:
        return text
    return f'"{text}"'


def parse_query(query: str) -> Node:
    """The AST of a query; raises QueryError pointing at the problem."""
    return _Parser(query).parse()


def positive_terms(node: Node, negated: bool = False) -> list[Term]:
    """Terms that a match must (or may) contain: what to highlight and rank by."""
    if isinstance(node, Term):
        return [] if negated else [node]
    if isinstance(node, Not):
        return positive_terms(node.item, not negated)
    return [t for item in node.items for t in positive_terms(item, negated)]
