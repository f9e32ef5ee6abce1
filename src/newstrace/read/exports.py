"""What the exports write, read once for the CLI and the web downloads: each analysed article's stored
originality, in store order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..ingest.report import NoProgress, Progress
from ..records import Article
from ..store import Store


def all_originality(store: Store, progress: Progress | None = None,
                    batch: int = 500) -> Iterator[tuple[Article, dict[str, Any]]]:
    """Every article whose analysis is stored, with its originality; `progress` counts the stored articles."""
    progress = progress or NoProgress()
    progress.start(store.count_articles())
    chunk: list[Article] = []

    def flush() -> Iterator[tuple[Article, dict[str, Any]]]:
        stored = store.originality_of([a.seq for a in chunk])
        for article in chunk:
            if article.seq in stored:
                yield article, stored[article.seq]
        chunk.clear()

    for article in store.iter_articles():
        progress.advance()
        if article.analysed:
            chunk.append(article)
            if len(chunk) >= batch:
                yield from flush()
    yield from flush()
