"""Stores: SQLite by default (a file path or ':memory:')."""

from __future__ import annotations

from .base import ArticleFilter, SearchHit, SourceRow, Store


def open_store(url: str) -> Store:
    """Open (creating and migrating if needed) the store named by `url`: a SQLite file path or ':memory:'."""
    from .sqlite import SQLiteStore

    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    return SQLiteStore(url)


__all__ = ["ArticleFilter", "SearchHit", "SourceRow", "Store", "open_store"]
