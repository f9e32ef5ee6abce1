from __future__ import annotations

import json
import sqlite3

import pytest

from conftest import ARTICLE, execute, rows, write
from newstrace.errors import NewstraceError
from newstrace.store import open_store
from newstrace.store.migrations import LATEST, POSTGRES, SQLITE


def test_readding_is_a_noop(run, tmp_path, db):
    path = write(tmp_path / "a.txt", ARTICLE)
    assert "Added 1," in run("add", str(path)).stdout
    second = run("add", str(path)).stdout
    assert "Added 0, new versions 0, unchanged 1," in second
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(1,)]
    assert rows(db, "SELECT COUNT(*) FROM article_sources") == [(1,)]


def test_same_text_elsewhere_is_one_article_with_two_sources(run, tmp_path, db):
    a = write(tmp_path / "a.txt", ARTICLE)
    b = write(tmp_path / "copy" / "b.txt", ARTICLE.replace("\u201c", '"').replace("\u201d", '"'))
    out = run("add", str(a), str(b)).stdout
    assert "Added 1, new versions 0, unchanged 1 (1 duplicate)" in out
    assert rows(db, "SELECT path FROM article_sources ORDER BY path") == [(str(a),), (str(b),)]


def test_changed_page_at_same_url_is_a_new_linked_version(run, tmp_path, db):
    line = {"text": ARTICLE, "url": "https://port.example/wall", "outlet": "Port News"}
    write(tmp_path / "v1.jsonl", json.dumps(line) + "\n")
    line["text"] = ARTICLE.replace("two months", "three months")
    write(tmp_path / "v2.jsonl", json.dumps(line) + "\n")
    run("add", str(tmp_path / "v1.jsonl"))
    out = run("add", str(tmp_path / "v2.jsonl")).stdout
    assert "Added 0, new versions 1," in out
    (v1, n1, p1), (v2, n2, p2) = rows(db, "SELECT id, version, previous_id FROM articles ORDER BY seq")
    assert (n1, p1) == (1, None) and (n2, p2) == (2, v1) and v1 != v2


def test_migrations_recorded_and_newer_schema_refused(db):
    store = open_store(db)
    assert store.schema_version() == LATEST
    store.close()
    assert [m.version for m in SQLITE] == [m.version for m in POSTGRES]  # one numbered list for both backends
    assert rows(db, "SELECT version FROM schema_migrations ORDER BY version") == [(m.version,) for m in SQLITE]
    execute(db, "INSERT INTO schema_migrations VALUES (?, 'from the future', 'now')", LATEST + 1)
    from newstrace.store.postgres import close_idle

    close_idle()  # a process checks a PostgreSQL store's version when it first opens it
    with pytest.raises(NewstraceError) as e:
        open_store(db)
    assert e.value.code.value == "S200"


def test_search_ranks_title_matches_and_marks_snippets(run, tmp_path):
    write(tmp_path / "a.txt", "Ferry strike ends\n\nThe ferry workers voted to end their strike on Monday after "
                              "a deal on pay was reached late on Sunday night.")
    write(tmp_path / "b.txt", "Budget passes\n\nThe council passed its budget. A ferry was mentioned once, in "
                              "passing, during a long debate about roads and bridges.")
    run("add", str(tmp_path))
    result = json.loads(run("search", "ferry", "--json").stdout)
    assert [r["title"] for r in result["results"]] == ["Ferry strike ends", "Budget passes"]
    assert "[ferry]" in result["results"][0]["snippet"]
    assert json.loads(run("search", '"ferry workers" AND pay', "--json").stdout)["results"][0]["title"] == (
        "Ferry strike ends")
    # not valid FTS5 syntax: refused, never searched for as something else (it used to become plain words)
    refused = run("search", 'ferry" (strike', "--json")
    assert refused.exit_code == 1 and refused.stdout == "" and "[U302]" in refused.stderr


def test_resolve_id_by_prefix(run, tmp_path, db):
    run("add", str(write(tmp_path / "a.txt", ARTICLE)))
    [(full,)] = rows(db, "SELECT id FROM articles")
    store = open_store(db)
    assert store.resolve_id(full[:6]) == full
    with pytest.raises(NewstraceError) as e:
        store.resolve_id("zz")
    assert e.value.code.value == "U300"
    store.close()


def _downgrade(conn: sqlite3.Connection, version: int) -> None:
    """Undo the migrations after `version`: drop the tables they made and the columns they added."""
    import re

    for migration in reversed([m for m in SQLITE if m.version > version]):
        for statement in migration.statements:
            if made := re.match(r"\s*CREATE TABLE (\w+)", statement):
                conn.execute(f"DROP TABLE {made.group(1)}")
            elif added := re.match(r"\s*ALTER TABLE (\w+) ADD COLUMN (\w+)", statement):
                conn.execute(f"ALTER TABLE {added.group(1)} DROP COLUMN {added.group(2)}")
    conn.execute("DELETE FROM schema_migrations WHERE version > ?", (version,))


@pytest.mark.sqlite_only  # no PostgreSQL store is older than the story rows
def test_story_merges_and_rows_are_filled_from_the_state_of_a_store_made_before_them(db_path):
    from newstrace.stories.stage import STAGE, current_story

    open_store(str(db_path)).close()
    conn = sqlite3.connect(db_path)  # the store as version 5 left it: merges only inside the saved state
    _downgrade(conn, 5)
    stories = [{"id": "s1", "merged_into": 0}, {"id": "s2", "merged_into": 1}, {"id": "s3", "merged_into": 2},
               {"id": "s4"}]
    conn.execute("INSERT INTO story_state VALUES (?, ?)", (STAGE, json.dumps({"version": 3, "stories": stories})))
    conn.execute("INSERT INTO story_state VALUES ('cut short', '{\"stories\": [{\"id\": \"s2\", \"merg')")
    conn.execute("INSERT INTO story_state VALUES ('odd', '{\"stories\": [3, \"s1\", {\"merged_into\": 1}]}')")
    conn.commit()
    conn.close()
    with open_store(str(db_path)) as store:
        assert store.schema_version() == LATEST
        assert store.story_merged_into(STAGE, "s3") == "s2" and store.story_merged_into(STAGE, "s1") is None
        assert [current_story(store, s) for s in ("s1", "s2", "s3", "s4", "s9")] == ["s1", "s1", "s1", "s4", "s9"]
        assert store.story_merged_into("cut short", "s2") is None  # states not as they should be are left alone
        assert rows(db_path, "SELECT COUNT(*) FROM story_merges WHERE stage != ?", STAGE) == [(0,)]
        # the stories moved to a row each, and read back as they were
        assert store.story_state(STAGE) == {"version": 3, "stories": stories}
        assert rows(db_path, "SELECT n FROM story_rows WHERE stage = ?", STAGE) == [(1,), (2,), (3,), (4,)]


@pytest.mark.sqlite_only
def test_store_migrates_across_a_gap_in_versions_and_keeps_outlet_evidence(db_path, run, tmp_path):
    """Versions need not follow each other (8 and 9 may come later): a store at 7 gets 10 added, in order."""
    from conftest import ARTICLE, write

    assert [m.version for m in SQLITE] == sorted(m.version for m in SQLITE)
    open_store(str(db_path)).close()
    conn = sqlite3.connect(db_path)  # the store as version 7 left it
    _downgrade(conn, 7)
    conn.commit()
    conn.close()
    path = write(tmp_path / "a.txt", "Harbour wall finished early\n\n" + ARTICLE + "\n\n© 2026 Harbour Weekly")
    assert run("add", str(path)).exit_code == 0
    assert rows(db_path, "SELECT MAX(version) FROM schema_migrations") == [(LATEST,)]
    with open_store(str(db_path)) as store:
        [article] = store.list_articles()
        assert article.outlet == "Harbour Weekly" and article.outlet_from is not None
        # the copyright line is page furniture, taken off the text: the evidence is the line, without a span
        assert (article.outlet_from.rule, article.outlet_from.span) == ("copyright", None)
        assert article.outlet_from.line == "© 2026 Harbour Weekly"
