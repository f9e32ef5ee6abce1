from __future__ import annotations

import csv
import io
import json

from conftest import ARTICLE, rows, write


def _corpus(tmp_path):
    write(tmp_path / "c" / "a.jsonl", "\n".join(json.dumps(d) for d in [
        {"text": ARTICLE, "title": "Wall finished", "outlet": "Port News", "published": "2026-01-05T08:00:00Z"},
        {"text": "The ferry company said it would add two sailings a day from June, citing record demand.",
         "title": "More ferries", "outlet": "Bay Post", "published": "2026-02-01T09:00:00Z"},
        {"text": "Le port a annoncé deux nouvelles liaisons vers les îles à partir de juin prochain, "
                 "en raison d'une demande record des voyageurs.", "title": "Ferries", "outlet": "Bay Post",
         "published": "2026-02-02T09:00:00Z"},
    ]) + "\n")
    return tmp_path / "c"


def test_add_summary_line(run, tmp_path):
    result = run("add", str(_corpus(tmp_path)))
    assert result.exit_code == 0
    assert result.stdout.startswith("Added 3, new versions 0, unchanged 0, rejected 0  (1 files, ")


def test_list_filters_and_json(run, tmp_path):
    run("add", str(_corpus(tmp_path)))
    listing = json.loads(run("list", "--json").stdout)
    assert listing["total"] == 3
    assert [a["title"] for a in listing["articles"]] == ["Wall finished", "More ferries", "Ferries"]
    assert json.loads(run("list", "--json", "--outlet", "Bay Post", "--language", "en").stdout)["total"] == 1
    assert json.loads(run("list", "--json", "--since", "2026-02-01").stdout)["total"] == 2
    table = run("list").stdout
    assert "3 of 3 articles" in table and "More ferries" in table and "fr*" in table


def test_show_prints_metadata_and_text(run, tmp_path, db_path):
    run("add", str(_corpus(tmp_path)))
    [(article_id,)] = rows(db_path, "SELECT id FROM articles WHERE title = 'Wall finished'")
    shown = run("show", article_id[:8]).stdout
    assert "Port News" in shown and "Officials in the port city" in shown
    data = json.loads(run("show", article_id, "--json").stdout)
    assert data["id"] == article_id and data["text"].startswith("Officials")
    missing = run("show", "ffffffffffff")
    assert missing.exit_code == 1 and "[U300] no article with id ffffffffffff" in missing.stderr


def test_export_jsonl_and_csv(run, tmp_path):
    run("add", str(_corpus(tmp_path)))
    lines = [json.loads(x) for x in run("export", "--format", "jsonl").stdout.splitlines()]
    assert [x["title"] for x in lines] == ["Wall finished", "More ferries", "Ferries"]
    out = tmp_path / "out.csv"
    run("export", "--format", "csv", "-o", str(out))
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["outlet"] for r in table] == ["Port News", "Bay Post", "Bay Post"]
    assert table[0]["text"] == lines[0]["text"]


def test_trace_report_lists_articles_earliest_first(run, tmp_path):
    report = run("trace", str(_corpus(tmp_path))).stdout
    assert report.index("Wall finished") < report.index("More ferries")
    assert "Added 3," in report


def test_settings_file_and_environment(run, tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt", ARTICLE)
    db = tmp_path / "from-env.db"
    monkeypatch.setenv("NEWSTRACE_DB", str(db))
    assert "Added 1," in run("add", str(path), db=False).stdout
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(1,)]
    config = write(tmp_path / "nt.toml", '[newstrace]\nmax_document_bytes = 10\n')
    result = run("--config", str(config), "add", str(write(tmp_path / "b.txt", ARTICLE + "x")), db=False)
    assert "[I104]" in result.stdout
    bad = write(tmp_path / "bad.toml", "[newstrace]\nmax_document_bytes = 'lots'\n")
    result = run("--config", str(bad), "add", str(path), db=False)
    assert result.exit_code == 1 and "[U303]" in result.stderr
