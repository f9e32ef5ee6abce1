"""What the backends' SQL shares. The tables (`tables_*.py`) are written once, in the SQL both dialects speak:
`?` placeholders (the PostgreSQL connection says them as `%s`), ON CONFLICT upserts, RETURNING. The few
expressions that differ are the `Dialect`'s, one instance per backend: a new table that needs another one
adds it here, with both spellings."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

CHUNK = 500  # values per IN (...) list, well under SQLite's limit on bound parameters


class Cursor(Protocol):
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the tables use of a connection: sqlite3's own, or `postgres.PgConnection`."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any: ...


@dataclass(frozen=True)
class Dialect:
    """The SQL that differs between the backends, as fragments the shared statements format in.

    `each_int`: a table `h` of the integers of one bound parameter, with a column `value` (the parameter is made
    by `int_list`). `no_limit`: the LIMIT that limits nothing. `json_int`: an integer at a JSON path of a
    text column, the path given as keys (`('idf', 'n')`)."""

    name: str
    each_int: str
    no_limit: int | None

    def int_list(self, values: Sequence[int]) -> Any:
        raise NotImplementedError

    def json_int(self, column: str, *keys: str) -> str:
        raise NotImplementedError


class SQLiteDialect(Dialect):
    def int_list(self, values: Sequence[int]) -> Any:
        return "[" + ",".join(map(str, values)) + "]"

    def json_int(self, column: str, *keys: str) -> str:
        return f"json_extract({column}, '$.{'.'.join(keys)}')"


class PostgresDialect(Dialect):
    def int_list(self, values: Sequence[int]) -> Any:
        return list(values)

    def json_int(self, column: str, *keys: str) -> str:
        return f"(({column})::jsonb #>> '{{{','.join(keys)}}}')::bigint"


SQLITE = SQLiteDialect("sqlite", each_int="json_each(?) AS h", no_limit=-1)
POSTGRES = PostgresDialect("postgresql", each_int="unnest(?::bigint[]) AS h(value)", no_limit=None)


def rows_in(conn: Connection, sql: str, values: Sequence[Any], *params: Any) -> Iterator[tuple[Any, ...]]:
    """Rows of `sql`, whose `{marks}` stands for the placeholders of an IN list, over `values` in chunks;
    `params` are bound before each chunk."""
    for i in range(0, len(values), CHUNK):
        chunk = list(values[i:i + CHUNK])
        yield from conn.execute(sql.format(marks=",".join("?" * len(chunk))), (*params, *chunk))


def marks(n: int) -> str:
    """The placeholders of an IN list of `n` values."""
    return ",".join("?" * n)
