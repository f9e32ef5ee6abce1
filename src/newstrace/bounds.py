"""Bounded analysis of very long documents.

An article longer than the `analyse_max_chars` setting is stored whole, but the analysis stages read only its
first part, cut at a paragraph (else sentence, else word) boundary at most that long; ingest records the cut
on the article (`Article.analysed_chars`), so that every run analyses the same part and every face can say
what was left out. Offsets stay offsets into the stored text: the analysed part is its prefix.

`BoundedStore` is the store as the stages see it: every article it hands out carries only its analysed part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, cast

from .records import Article
from .store import Store

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")


def analysis_cut(text: str, limit: int) -> int | None:
    """Where the analysed part of `text` ends, or None when the whole text is analysed (`limit` 0: no bound).
    The cut falls at the last paragraph break within the limit, else the last sentence end, else the last
    space, each only if it keeps at least half the limit."""
    if limit <= 0 or len(text) <= limit:
        return None
    floor = limit // 2
    window = text[:limit]
    paragraph = window.rfind("\n")
    if paragraph >= floor:
        return len(window[:paragraph].rstrip())
    ends = [m.end() for m in _SENTENCE_END.finditer(window, floor)]
    if ends:
        return len(window[:ends[-1]].rstrip())
    space = window.rfind(" ")
    return len(window[:space].rstrip()) if space >= floor else limit


def analysed_part(article: Article) -> Article:
    """The article as the analysis stages read it: its text cut to the analysed part."""
    if article.analysed_chars is None or article.analysed_chars >= len(article.text):
        return article
    return replace(article, text=article.text[:article.analysed_chars])


class BoundedStore:
    """Delegates to a store; the articles and texts it hands out carry only their analysed part."""

    def __init__(self, store: Store):
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def __enter__(self) -> BoundedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self._store.close()

    def get_article(self, article_id: str) -> Article | None:
        found = self._store.get_article(article_id)
        return analysed_part(found) if found is not None else None

    def get_articles(self, article_ids: list[str]) -> list[Article]:
        return [analysed_part(a) for a in self._store.get_articles(article_ids)]

    def articles_by_seq(self, seqs: list[int]) -> list[Article]:
        return [analysed_part(a) for a in self._store.articles_by_seq(seqs)]

    def list_articles(self, *args: Any, **kwargs: Any) -> list[Article]:
        return [analysed_part(a) for a in self._store.list_articles(*args, **kwargs)]

    def iter_articles(self, *args: Any, **kwargs: Any) -> Iterator[Article]:
        return (analysed_part(a) for a in self._store.iter_articles(*args, **kwargs))

    def unfingerprinted(self, batch: int = 500) -> Iterator[list[tuple[int, str]]]:
        for rows in self._store.unfingerprinted(batch):
            cuts = self._store.analysis_cuts([seq for seq, _ in rows])
            yield [(seq, text[:cuts[seq]] if seq in cuts else text) for seq, text in rows]


def bounded(store: Store) -> Store:
    """The store as the analysis stages see it (typed as a Store: it answers every call a Store does)."""
    if isinstance(store, BoundedStore):
        return store
    return cast(Store, BoundedStore(store))
