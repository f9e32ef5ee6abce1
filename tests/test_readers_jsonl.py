from __future__ import annotations

import json

from conftest import ARTICLE, rows, trace_json, write


def _line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_jsonl_articles_with_metadata(run, tmp_path):
    path = write(tmp_path / "feed.jsonl", "\n".join([
        _line(text=ARTICLE, url="https://a.example/1", title="Wall finished", outlet="Port News",
              published="2026-01-05T08:00:00+00:00", author="A. Berg", language="en"),
        _line(html="<p>" + ARTICLE.replace("\n\n", "</p><p>").replace("Tuesday", "Monday") + "</p>",
              url="https://b.example/2", outlet="Bay Post"),
    ]) + "\n")
    data = trace_json(run, str(path))
    first, second = data["articles"]
    assert (first["url"], first["title"], first["outlet"], first["published"], first["author"]) == (
        "https://a.example/1", "Wall finished", "Port News", "2026-01-05T08:00:00+00:00", "A. Berg")
    assert first["record"] == "line 1" and second["record"] == "line 2"
    assert second["text"].split("\n")[0].startswith("Officials in the port city said on Monday")
    assert second["outlet"] == "Bay Post"


def test_jsonl_bad_lines_reported_with_line_numbers_and_others_kept(run, tmp_path, db):
    path = write(tmp_path / "mixed.jsonl", "\n".join([
        _line(text=ARTICLE, url="https://a.example/1"),
        '{"text": "unterminated',
        '["a", "list"]',
        _line(title="no body"),
        _line(text=42),
        _line(text=ARTICLE + " More.", published=["not", "a", "string"]),
        "",
        _line(text="A second good article about the regional budget, with enough words in it."),
    ]) + "\n")
    result = run("add", str(path))
    assert result.exit_code == 0
    out = result.stdout
    assert f"{path}:line 2: [I130] invalid JSON: Unterminated string" in out
    assert f"{path}:line 3: [I131] expected a JSON object, got list" in out
    assert f'{path}:line 4: [I131] no "text" or "html" field' in out
    assert f'{path}:line 5: [I131] "text" must be a string' in out
    assert f'{path}:line 6: [I131] "published" must be a string, got list' in out
    assert "Added 2," in out and "rejected 5" in out
    assert rows(db, "SELECT record FROM articles ORDER BY seq") == [("line 1",), ("line 8",)]


def test_json_array_file_is_read(run, tmp_path):
    path = write(tmp_path / "dump.json", json.dumps([{"text": ARTICLE, "title": "One"},
                                                     {"text": ARTICLE + " Extra line.", "title": "Two"}], indent=2))
    data = trace_json(run, str(path))
    assert [a["title"] for a in data["articles"]] == ["One", "Two"]
    assert [a["record"] for a in data["articles"]] == ["item 1", "item 2"]


def test_jsonl_epoch_published(run, tmp_path):
    path = write(tmp_path / "e.jsonl", _line(text=ARTICLE, published=1767600000) + "\n")
    [article] = trace_json(run, str(path))["articles"]
    assert article["published"] == "2026-01-05T08:00:00+00:00"
