"""Character spans from spaCy tokens, shared by the extraction rules and the channel links."""

from __future__ import annotations

from typing import Any


def span_of(tokens: list[Any]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def subtree_span(token: Any, exclude: set[int] | None = None) -> tuple[int, int]:
    words = [t for t in token.subtree if not (exclude and t.i in exclude)]
    words = trim_punct(words)
    if words:
        return span_of(words)
    token = getattr(token, "token", token)
    return token.idx, token.idx + len(token)


def trim_punct(words: list[Any]) -> list[Any]:
    """Strip commas, dashes and full stops at the ends, but keep quotation marks that belong to the span."""
    while words and words[0].is_punct and words[0].text not in _OPENING:
        words = words[1:]
    while words and words[-1].is_punct and words[-1].text not in _CLOSING:
        words = words[:-1]
    return words


# quotation marks and brackets that belong to the words they enclose ('' stands for a double mark in some archives)
_OPENING = frozenset(("“", "\"", "‘", "'", "(", "''"))
_CLOSING = frozenset(("”", "\"", "’", "'", ")", "''"))

class Head:
    """A noun without its relative clause (or without what follows `last`): stands in for a token where a
    source's span is taken."""

    def __init__(self, token: Any, last: int | None = None):
        self.token = token
        self.i = token.i
        words = [t for t in token.subtree if t.i <= (token.i if last is None else last)]
        self.left_edge, self.right_edge = words[0], words[-1]
        self.subtree = words

    def __getattr__(self, name: str) -> Any:
        return getattr(self.token, name)  # the token's own attributes: doc, pos_, lower_, dep_, children
