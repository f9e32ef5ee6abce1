from __future__ import annotations

import json
import os
import re
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newstrace.cli import cli
from newstrace.config import Settings
from newstrace.store import Store, is_postgres, open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
DERNA = SHARED / "examples" / "derna"

# The stores the store tests run on: every test that takes `db` (and so `settings`, `store` and `run`) runs once
# on each. PostgreSQL: the server of NEWSTRACE_TEST_PG, a fresh schema per test, dropped after it; unreachable,
# those runs skip with the reason, except under CI=true, where they fail (CI must not pass without them).
BACKENDS = [b.strip() for b in os.environ.get("NEWSTRACE_TEST_BACKENDS", "sqlite,postgresql").split(",") if b.strip()]
PG_SERVER = os.environ.get("NEWSTRACE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
SCHEMA_PREFIX = "nt_test_"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        only_sqlite = metafunc.definition.get_closest_marker("sqlite_only") is not None
        metafunc.parametrize("backend", ["sqlite"] if only_sqlite else BACKENDS)


def _admin() -> object:
    """A connection to the test server, or a skip (a failure under CI) saying why there is none."""
    try:
        import psycopg

        return psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=5)
    except Exception as e:  # not installed, or not reachable
        reason = f"PostgreSQL store tests need a server at {PG_SERVER} (NEWSTRACE_TEST_PG) and psycopg: {e}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def _sweep(admin: object) -> None:
    """Drop test schemas left by test runs of this machine that died before dropping them."""
    names = [r[0] for r in admin.execute(  # type: ignore[attr-defined]
        "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", (SCHEMA_PREFIX + "%",))]
    for name in names:
        pid = re.match(rf"{SCHEMA_PREFIX}(\d+)_", name)
        if pid and (int(pid.group(1)) == os.getpid() or not Path(f"/proc/{pid.group(1)}").exists()):
            admin.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[object]:
    admin = _admin()
    _sweep(admin)
    yield admin
    _sweep(admin)
    admin.close()  # type: ignore[attr-defined]


def pg_url(schema: str) -> str:
    """The test server's URL for a store kept in `schema`."""
    return f"{PG_SERVER}{'&' if '?' in PG_SERVER else '?'}options=-csearch_path%3D{schema}"


@contextmanager
def pg_schema(admin: object) -> Iterator[str]:
    """The URL of a store in a new, empty schema of the test server, dropped afterwards."""
    from newstrace.store.postgres import close_idle

    schema = f"{SCHEMA_PREFIX}{os.getpid()}_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE SCHEMA "{schema}"')  # type: ignore[attr-defined]
    url = pg_url(schema)
    try:
        yield url
    finally:
        close_idle(url)
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')  # type: ignore[attr-defined]


@contextmanager
def fresh_db(backend: str, folder: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A new, empty store of `backend`: a file in `folder`, or a schema of the test server."""
    if backend == "sqlite":
        yield str(folder / "store.db")
    else:
        with pg_schema(request.getfixturevalue("pg_admin")) as url:
            yield url


@pytest.fixture
def db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The test's store, on each backend in turn: a SQLite file path or a PostgreSQL URL."""
    with fresh_db(backend, tmp_path, request) as url:
        yield url


@pytest.fixture
def derna_dir() -> Path:
    if not DERNA.is_dir():
        pytest.skip("../shared/examples/derna is not beside the project (tests that need ../shared skip)")
    return DERNA


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def db_path(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """The SQLite file of a test about SQLite itself (a test on every backend takes `db`)."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and callspec.params.get("backend", "sqlite") != "sqlite":
        raise pytest.UsageError(f"{request.node.name} takes db_path, a SQLite file, but runs on "
                                f"{callspec.params['backend']}: take `db`, or mark it sqlite_only")
    return tmp_path / "store.db"


@pytest.fixture
def settings(db: str) -> Settings:
    return Settings(db=db, workers=1)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    s = open_store(settings.db)
    yield s
    s.close()


@pytest.fixture
def run(db: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Invoke the CLI against the test's store; the environment carries no NEWSTRACE_* settings."""
    store_url = db
    for key in list(os.environ):
        if key.startswith("NEWSTRACE_"):
            monkeypatch.delenv(key)

    def invoke(*args: str, input: str | bytes | None = None, db: bool = True) -> Result:
        argv = list(args)
        if db:
            argv[1:1] = ["--db", store_url]
        return CliRunner().invoke(cli, argv, input=input, catch_exceptions=False)

    return invoke


def rows(db: str | Path, sql: str, *params: object) -> list[tuple]:
    """The rows of `sql` (with `?` placeholders) in the store `db`, read beside the store, on either backend."""
    if is_postgres(str(db)):
        import psycopg

        with psycopg.connect(str(db), autocommit=True) as conn:
            return [tuple(r) for r in conn.execute(sql.replace("?", "%s"), params or None).fetchall()]
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def execute(db: str | Path, sql: str, *params: object) -> None:
    """Run one statement (with `?` placeholders) in the store `db` and commit it, on either backend."""
    if is_postgres(str(db)):
        import psycopg

        with psycopg.connect(str(db), autocommit=True) as conn:
            conn.execute(sql.replace("?", "%s"), params or None)
        return
    conn = sqlite3.connect(db)
    try:
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


def trace_json(run: Callable[..., Result], *paths: str) -> dict:
    result = run("trace", "--json", *paths)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


ARTICLE = (
    "Officials in the port city said on Tuesday that the new harbour wall had been finished two months ahead "
    "of schedule, after crews worked through the winter.\n\n"
    "The wall, which cost 40 million, is meant to protect the old town from storm surges that flooded "
    "hundreds of homes in 2023.\n\n"
    "\u201cWe are relieved,\u201d said the mayor, who added that a second phase would begin next spring.\n"
)


_WORDS = ("river bridge council harbour market station ferry school budget storm road village mayor "
          "hospital court police farm festival library museum").split()


def numbered_corpus(folder: Path, n: int) -> None:
    """`n` small distinct text articles, numbered, in a new folder (for tests that kill or interrupt runs)."""
    folder.mkdir()
    for i in range(n):
        words = " ".join(_WORDS[(i * 7 + j) % len(_WORDS)] for j in range(60))
        (folder / f"{i:05d}.txt").write_text(
            f"Report number {i} on local affairs\n\nArticle {i} says: {words}.\n\nIt ends with number {i}.\n",
            encoding="utf-8")
