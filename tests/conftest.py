from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newstrace.cli import cli
from newstrace.config import Settings
from newstrace.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
DERNA = SHARED / "examples" / "derna"


@pytest.fixture
def derna_dir() -> Path:
    if not DERNA.is_dir():
        pytest.skip("../shared/examples/derna is not beside the project (tests that need ../shared skip)")
    return DERNA


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def settings(db_path: Path) -> Settings:
    return Settings(db=str(db_path), workers=1)


@pytest.fixture
def store(settings: Settings) -> Store:
    s = open_store(settings.db)
    yield s
    s.close()


@pytest.fixture
def run(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Invoke the CLI against the test's store; the environment carries no NEWSTRACE_* settings."""
    for key in list(__import__("os").environ):
        if key.startswith("NEWSTRACE_"):
            monkeypatch.delenv(key)

    def invoke(*args: str, input: str | bytes | None = None, db: bool = True) -> Result:
        argv = list(args)
        if db:
            argv[1:1] = ["--db", str(db_path)]
        return CliRunner().invoke(cli, argv, input=input, catch_exceptions=False)

    return invoke


def rows(db_path: Path, sql: str, *params: object) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
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
