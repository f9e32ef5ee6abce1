"""The search query language of every store: SQLite FTS5's. The SQLite store hands a query to FTS5 as it is;
the PostgreSQL store first has FTS5 judge it (an empty FTS5 table in memory: the same errors, word for word),
then says it as a tsquery over the weighted title (A) and text (B) of its `fts` column.

What FTS5 reads and how it becomes a tsquery:
  words and "phrases"   each string is split into lexemes by PostgreSQL's own parser (`phraseto_tsquery`,
                        'simple' configuration, as the index was made), so a phrase is lexemes `<->` apart
  a + b                 one phrase
  word*                 prefix: the string's last lexeme `:*`
  a b, a AND b          `&`;  a OR b: `|`;  a NOT b: `a & !b` (NOT binds tightest, then AND, then OR)
  title:a, -title:a,    the lexemes' weights: A for title, B for text, nested filters intersect (none left:
  {title text}:(...)    weight D, which no row has)
  ^word, NEAR(a b, n)   refused (U302): a tsquery cannot say them
A string without lexemes ("." or "-") drops out, as in FTS5; a query left with nothing matches nothing."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import Code, NewstraceError

QUERY_SYNTAX = ('FTS5 syntax: words, "a phrase", AND, OR and NOT between terms, prefix*, title:word or '
                'text:word; put a word with punctuation in double quotes, like "al-Qaeda"')
COLUMNS = {"title": "A", "text": "B"}  # the searchable columns and their weights in the PostgreSQL index


def _problem(sqlite_message: str) -> str:
    """SQLite's complaint about an FTS5 query, said in the query's terms."""
    if sqlite_message == "":
        return "no words to search for"
    if sqlite_message == "unterminated string":
        return "a double quote is not closed"
    if column := re.fullmatch(r"no such column: (.*)", sqlite_message):
        return (f"{column.group(1)!r} is not a column to search (title and text are: 'title:word' searches "
                "one, '-' before a word leaves one out)")
    if near := re.fullmatch(r'fts5: syntax error near "(.*)"', sqlite_message):
        return f"syntax error near {near.group(1)!r}" if near.group(1) else "syntax error at the end of the query"
    return sqlite_message.removeprefix("fts5: ")


def refused(query: str, sqlite_message: str) -> NewstraceError:
    """The error for a query FTS5 refuses (an empty message: a query of blanks), in one wording for every store.
    Refused, never searched for as something else: a query rewritten behind the user's back finds what they did
    not ask for."""
    if not sqlite_message:
        return NewstraceError(Code.BAD_QUERY, f"cannot search for {query!r}: no words to search for")
    return NewstraceError(Code.BAD_QUERY, f"cannot search for {query!r}: {_problem(sqlite_message)} ({QUERY_SYNTAX})")


_JUDGES = threading.local()


def judge(query: str) -> None:
    """Raise the error FTS5 gives for `query` (U302), or nothing when FTS5 takes it."""
    if not query.strip():
        raise refused(query, "")
    conn = getattr(_JUDGES, "conn", None)
    if conn is None:
        conn = _JUDGES.conn = sqlite3.connect(":memory:")
        conn.execute("CREATE VIRTUAL TABLE judge USING fts5(title, text)")
    try:
        conn.execute("SELECT 1 FROM judge WHERE judge MATCH ?", (query,)).fetchall()
    except sqlite3.Error as e:
        raise refused(query, str(e)) from e


# -- a query FTS5 took, as a tree ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Phrase:
    parts: tuple[tuple[str, bool], ...]  # (string, prefix*) joined by +
    weights: str  # 'AB', 'A', 'B' or '' (no column left)


@dataclass(frozen=True)
class Op:
    op: str  # '&', '|' or '!' (a NOT b)
    left: Node
    right: Node


Node = Phrase | Op

_TOKEN = re.compile(r'[ \t\n\r]+|"(?:[^"]|"")*"|[(){}:,+*\-^]|[0-9A-Za-z_\x1a\x80-\U0010ffff]+')


def _tokens(query: str) -> list[str]:
    out: list[str] = []
    at = 0
    while at < len(query):
        m = _TOKEN.match(query, at)
        if m is None:  # FTS5 took the query, so this cannot happen; say so rather than guess
            raise NewstraceError(Code.BAD_QUERY, f"cannot search for {query!r}: unexpected {query[at]!r}")
        if not m.group().isspace():
            out.append(m.group())
        at = m.end()
    return out


class _Parser:
    def __init__(self, query: str):
        self.query = query
        self.t = _tokens(query)
        self.i = 0

    def peek(self, k: int = 0) -> str:
        return self.t[self.i + k] if self.i + k < len(self.t) else ""

    def take(self, want: str | None = None) -> str:
        token = self.peek()
        if want is not None and token != want or not token:
            raise NewstraceError(Code.BAD_QUERY, f"cannot search for {self.query!r}: syntax error near "
                                                 f"{token!r} ({QUERY_SYNTAX})")
        self.i += 1
        return token

    def unsupported(self, what: str) -> NewstraceError:
        return NewstraceError(Code.BAD_QUERY, f"cannot search for {self.query!r}: {what} is not supported by the "
                                              f"PostgreSQL store ({QUERY_SYNTAX})")

    @staticmethod
    def is_string(token: str) -> bool:
        return bool(token) and (token[0] == '"' or token[0] not in '(){}:,+*-^') and token not in ("AND", "OR",
                                                                                                   "NOT")

    def binary(self, level: int, weights: str) -> Node:
        ops = ("OR", "AND", "NOT")
        if level == 3:
            return self.primary(weights)
        node = self.binary(level + 1, weights)
        while self.peek() == ops[level]:
            self.take()
            node = Op({"OR": "|", "AND": "&", "NOT": "!"}[ops[level]], node, self.binary(level + 1, weights))
        return node

    def colset_ahead(self) -> int:
        """How many tokens the column filter starting here takes, colon included (0: none starts here)."""
        j = 1 if self.peek() == "-" else 0
        if self.peek(j) == "{":
            k = j + 1
            while self.peek(k) != "}":
                k += 1
            return k + 2
        return j + 2 if self.peek(j + 1) == ":" else 0

    def colset(self, weights: str) -> str:
        invert = self.peek() == "-"
        if invert:
            self.take()
        names: list[str] = []
        if self.peek() == "{":
            self.take()
            while self.peek() != "}":
                names.append(self.take())
            self.take()
        else:
            names.append(self.take())
        self.take(":")
        chosen = {COLUMNS[_unquote(n).lower()] for n in names}
        if invert:
            chosen = set(COLUMNS.values()) - chosen
        return "".join(w for w in weights if w in chosen)

    def primary(self, weights: str) -> Node:
        if self.peek() == "(":
            self.take()
            node = self.binary(0, weights)
            self.take(")")
            return node
        n = self.colset_ahead()
        if n and self.peek(n) == "(":
            inner = self.colset(weights)
            self.take("(")
            node = self.binary(0, inner)
            self.take(")")
            return node
        node = self.cnearset(weights)
        while self.is_string(self.peek()) or self.peek() in ("-", "{", "^"):
            node = Op("&", node, self.cnearset(weights))
        return node

    def cnearset(self, weights: str) -> Node:
        if self.colset_ahead():
            weights = self.colset(weights)
        if self.peek() == "^":
            raise self.unsupported("'^' (a phrase at the start of a column)")
        if self.peek(1) == "(":
            raise self.unsupported("NEAR(...)")
        parts = [self.string()]
        while self.peek() == "+":
            self.take()
            parts.append(self.string())
        return Phrase(tuple(parts), weights)

    def string(self) -> tuple[str, bool]:
        token = _unquote(self.take())
        star = self.peek() == "*"
        if star:
            self.take()
        return token, star


def _unquote(token: str) -> str:
    return token[1:-1].replace('""', '"') if token.startswith('"') else token


def parse(query: str) -> Node:
    """The tree of a query FTS5 took (call `judge` first)."""
    parser = _Parser(query)
    node = parser.binary(0, "AB")
    if parser.peek():
        parser.take("")
    return node


def strings(node: Node) -> list[str]:
    """Every string of the tree, in order (to be split into lexemes at once)."""
    if isinstance(node, Phrase):
        return [s for s, _ in node.parts]
    return strings(node.left) + strings(node.right)


_LEXEME = re.compile(r"'(?:[^']|'')*'")


def to_tsquery(node: Node, lexemes: Callable[[str], str]) -> str | None:
    """The tsquery text of the tree; `lexemes` gives a string's phrase as PostgreSQL parses it (the text of its
    `phraseto_tsquery`, '' when it has none). None: nothing is left to search for."""
    if isinstance(node, Op):
        left, right = to_tsquery(node.left, lexemes), to_tsquery(node.right, lexemes)
        if left is None or right is None:  # a side without lexemes drops out
            # a NOT b: with nothing to leave out, a; with nothing to keep, nothing (left is None then)
            return left if node.op == "!" or right is None else right
        return f"({left}) & !({right})" if node.op == "!" else f"({left}) {node.op} ({right})"
    words: list[str] = []
    weights = node.weights or "D"  # no column left to search: weight D, which no row has
    for string, prefix in node.parts:
        found = _LEXEME.findall(lexemes(string))
        for k, lexeme in enumerate(found):
            mark = "*" if prefix and k == len(found) - 1 else ""
            words.append(f"{lexeme}:{mark}{'' if weights == 'AB' else weights}" if mark or weights != "AB"
                         else lexeme)
    return " <-> ".join(words) if words else None
