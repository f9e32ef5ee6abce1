"""Small helpers shared by the SQLite tables."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

CHUNK = 500  # values per IN (...) list, well under SQLite's limit on bound parameters


def rows_in(conn: sqlite3.Connection, sql: str, values: Sequence[Any], *params: Any) -> Iterator[tuple[Any, ...]]:
    """Rows of `sql`, whose `{marks}` stands for the placeholders of an IN list, over `values` in chunks;
    `params` are bound before each chunk."""
    for i in range(0, len(values), CHUNK):
        chunk = list(values[i:i + CHUNK])
        yield from conn.execute(sql.format(marks=",".join("?" * len(chunk))), (*params, *chunk))
