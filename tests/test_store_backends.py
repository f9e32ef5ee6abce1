"""What the PostgreSQL store adds to what every store test checks on both backends: several writers at once,
the copy of a SQLite store into it, and search that finds and refuses what SQLite's FTS5 does."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, pg_schema, rows, write
from newstrace.cli import cli
from newstrace.errors import NewstraceError
from newstrace.records import Article, Origin
from newstrace.store import open_store

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _article(n: int) -> str:
    return (f"Report number {n} from the harbour\n\nThe council met on day {n} to discuss the harbour wall, "
            f"and officials said that repairs to section {n} would start within {n % 7 + 2} weeks of the vote.")


def test_store_postgres_two_writers_adding_overlapping_articles_lose_and_duplicate_nothing(pg_admin, tmp_path):
    """Two `newstrace add` processes at once into one store, sharing half their articles."""
    first, second = tmp_path / "first", tmp_path / "second"
    for n in range(0, 240):
        write(first / f"{n}.txt", _article(n))
    for n in range(120, 360):
        write(second / f"{n}.txt", _article(n))
    with pg_schema(pg_admin) as url:
        open_store(url).close()  # made before the race: the race is between writers, not migrations
        env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
        runs = [subprocess.Popen([sys.executable, "-m", "newstrace", "--db", url, "add", "--no-analyse",
                                  "--workers", "1", str(folder)], env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for folder in (first, second)]
        outputs = [r.communicate(timeout=300) for r in runs]
        assert [r.returncode for r in runs] == [0, 0], outputs
        # every article once, every (file, article) source once, row numbers unique
        assert rows(url, "SELECT COUNT(*), COUNT(DISTINCT id), COUNT(DISTINCT seq) FROM articles") == [(360, 360, 360)]
        assert rows(url, "SELECT COUNT(*) FROM article_sources") == [(480,)]
        added = [int(out.split("Added ")[1].split(",")[0]) for out, _ in outputs]
        assert sum(added) == 360  # the shared articles were added by one run and found unchanged by the other


def test_store_postgres_writers_wait_for_each_other_and_readers_wait_for_none(pg_admin):
    with pg_schema(pg_admin) as url:
        one, two, reader = open_store(url), open_store(url), open_store(url)
        article = Article(id="ab" * 32, text="The wall was finished early.", title="Wall", outlet="Port News",
                          url=None, author=None, published=None, language="en", analysed=True, skip_reason=None,
                          format="text", origin=Origin("a.txt", ""), raw_hash="r1")
        events: list[str] = []

        def second_writer() -> None:
            with two.transaction():
                events.append("two has the lock")
                if not two.has_article(article.id):  # what ingest does: the first writer's row is seen
                    two.insert_article(article, "test")

        with one.transaction():
            one.insert_article(article, "test")
            thread = threading.Thread(target=second_writer)
            thread.start()
            time.sleep(0.5)
            assert events == []  # waits for the lock...
            assert reader.count_articles() == 0  # ...while a reader goes on, seeing what is committed
            events.append("one commits")
        thread.join(10)
        assert events == ["one commits", "two has the lock"]
        assert reader.count_articles() == 1
        for store in (one, two, reader):
            store.close()


def _trace(db: str) -> None:
    code, _, err = _cli("trace", "--db", db, str(EXAMPLES))
    assert code == 0, err


def test_migrate_copies_a_sqlite_store_into_postgresql_and_reads_the_same(pg_admin, tmp_path):
    sqlite = str(tmp_path / "store.db")
    _trace(sqlite)
    with pg_schema(pg_admin) as url:
        code, _, err = _cli("migrate", "--from", sqlite, "--to", url)
        assert code == 0, err
        assert err.strip().startswith("Copied 12 articles and ") and "tables) into postgresql://" in err
        for table in ("articles", "article_sources", "alignments", "attributions", "story_members", "provenance_rows",
                      "reuse_postings", "jobs", "outlet_lines", "story_state"):
            assert rows(url, f"SELECT COUNT(*) FROM {table}") == rows(sqlite, f"SELECT COUNT(*) FROM {table}"), table
        assert rows(url, "SELECT seq, id FROM articles ORDER BY seq") == rows(sqlite, "SELECT seq, id FROM articles "
                                                                                      "ORDER BY seq")
        # every face reads the copy as the original: the list, an article with its analysis, the graph, search
        for args in (("list", "--json"), ("export", "--graph"), ("export", "--originality"), ("export", "--alignments"),
                     ("export", "--attributions"), ("search", "bridge", "--json")):
            here, there = _cli(*args, "--db", sqlite), _cli(*args, "--db", url)
            assert here[0] == there[0] == 0, (args, here[2], there[2])
            if args[0] != "search":
                assert here[1] == there[1], args
            else:
                assert {r["id"] for r in json.loads(here[1])["results"]} == {
                    r["id"] for r in json.loads(there[1])["results"]}
        first = json.loads(_cli("list", "--json", "--db", sqlite)[1])["articles"][0]["id"]
        assert _cli("show", first, "--json", "--db", url)[1] == _cli("show", first, "--json", "--db", sqlite)[1]
        # and back again, into a new SQLite file (its FTS5 index made from the copied rows)
        back = str(tmp_path / "back.db")
        assert _cli("migrate", "--from", url, "--to", back)[0] == 0
        assert _cli("export", "--originality", "--db", back)[1] == _cli("export", "--originality", "--db", sqlite)[1]
        assert _cli("search", "bridge", "--json", "--db", back)[1] == _cli("search", "bridge", "--json", "--db",
                                                                           sqlite)[1]
        # new rows go after the copied ones
        write(tmp_path / "new" / "a.txt", _article(1))
        code, out, err = _cli("add", "--db", url, "--no-analyse", str(tmp_path / "new"))
        assert code == 0 and "Added 1," in out, err
        assert rows(url, "SELECT MAX(seq) FROM articles") == [(13,)]
        # a second copy into the same store is refused, and leaves it as it was
        code, _, err = _cli("migrate", "--from", sqlite, "--to", url)
        assert code == 1 and "[S203]" in err and "the target store is not empty (" in err
        assert rows(url, "SELECT COUNT(*) FROM articles") == [(13,)]


def test_migrate_refuses_a_missing_source_and_an_unreachable_target(tmp_path):
    code, _, err = _cli("migrate", "--from", str(tmp_path / "none.db"), "--to", "postgresql://u@127.0.0.1:1/x")
    assert code == 1 and f"[S201] {tmp_path / 'none.db'}: no store there to copy" in err
    _trace(str(tmp_path / "store.db"))
    code, _, err = _cli("migrate", "--from", str(tmp_path / "store.db"), "--to",
                        "postgresql://someone:secret@127.0.0.1:1/x")
    assert code == 1 and "[S201] postgresql://someone:***@127.0.0.1:1/x: cannot connect to PostgreSQL" in err
    assert "secret" not in err


SEARCH_CORPUS = {
    "Ferry strike ends": "The ferry workers voted to end their strike on Monday after a deal on pay was reached.",
    "Budget passes": "The council passed its budget. A ferry was mentioned once, during a debate about roads.",
    "Al-Qaeda claim": "A group linked to al-Qaeda claimed the attack on the ferrymen's union office.",
    "Harbour wall": "Crews finished the harbour wall two months early, the port authority said on Tuesday.",
    "Strike over pay": "Dock workers at the harbour began a strike over pay and hours on Friday morning.",
}
QUERIES = ["ferry", "ferr*", '"ferry workers"', "ferry AND pay", "ferry OR harbour", "ferry NOT strike",
           "title:strike", "text:strike", "-title:strike", "{title text}:harbour", '"al-qaeda"', "strike pay",
           "harbour NOT (wall OR dock)", "title:(ferry OR harbour)", '"ferry" + workers', "pay ferry OR wall",
           '"."', 'ferry "."', "Ferry"]
REFUSED = ['"unclosed', "AND", "foo NOT", "a:b", "((((", "a.b", "ferry AND AND", "-foo bar", "NEAR(a, x)", "   "]


def test_search_postgres_finds_and_refuses_what_sqlite_fts5_does(pg_admin, tmp_path):
    for title, text in SEARCH_CORPUS.items():
        write(tmp_path / "in" / f"{title}.txt", f"{title}\n\n{text}")
    sqlite = str(tmp_path / "store.db")
    with pg_schema(pg_admin) as url:
        for db in (sqlite, url):
            assert _cli("add", "--db", db, "--no-analyse", str(tmp_path / "in"))[0] == 0
        with open_store(sqlite) as here, open_store(url) as there:
            for query in QUERIES:
                found = [{hit.article.title for hit in store.search(query)} for store in (here, there)]
                assert found[0] == found[1], query
            assert [h.article.title for h in there.search("strike")][0] in ("Ferry strike ends", "Strike over pay")
            assert "[ferry workers]" in there.search('"ferry workers"')[0].snippet
            for query in REFUSED:
                messages = []
                for store in (here, there):
                    with pytest.raises(NewstraceError) as e:
                        store.search(query)
                    messages.append((e.value.code.value, e.value.message))
                assert messages[0] == messages[1] and messages[0][0] == "U302", query
            with pytest.raises(NewstraceError) as e:
                there.search("^ferry")
            assert "'^' (a phrase at the start of a column) is not supported by the PostgreSQL store" in str(e.value)
