from __future__ import annotations

import csv
import io
import json
import re

from conftest import ARTICLE, ROOT, rows, write


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
    assert result.stdout.startswith("Added 3, new versions 0, unchanged 0, rejected 0  (1 file, ")


def test_list_filters_and_json(run, tmp_path):
    run("add", str(_corpus(tmp_path)))
    listing = json.loads(run("list", "--json").stdout)
    assert listing["total"] == 3
    assert [a["title"] for a in listing["articles"]] == ["Wall finished", "More ferries", "Ferries"]
    assert json.loads(run("list", "--json", "--outlet", "Bay Post", "--language", "en").stdout)["total"] == 1
    assert json.loads(run("list", "--json", "--since", "2026-02-01").stdout)["total"] == 2
    table = run("list").stdout
    assert "3 of 3 articles" in table and "More ferries" in table and "fr*" in table


def test_show_prints_metadata_and_text(run, tmp_path, db):
    run("add", str(_corpus(tmp_path)))
    [(article_id,)] = rows(db, "SELECT id FROM articles WHERE title = 'Wall finished'")
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


SHARED = ("The river authority said on Monday that water levels at the northern dam had fallen by a third since "
          "March, the lowest reading in twenty years, and that farmers in the valley would receive less water for "
          "irrigation this summer.")
SHARED_UNDATED = ("A committee of teachers and parents will review the school timetable over the coming months and "
                  "report its findings to the education board before the start of the next academic year.")


def _pairs(tmp_path):
    """A decided pair (publication times four hours apart) and an undecided one (no times, credit or quotes)."""
    write(tmp_path / "p" / "pairs.jsonl", "\n".join(json.dumps(d) for d in [
        {"title": "Dry spring", "outlet": "Valley Wire", "published": "2026-04-01T08:00:00Z",
         "text": SHARED + "\n\nEngineers will inspect the spillway next week, a spokesman added."},
        {"title": "Dam low", "outlet": "Hill Gazette", "published": "2026-04-01T12:00:00Z",
         "text": "Officials in the capital declined to comment on Tuesday.\n\n" + SHARED
                 + "\n\nLocal growers said they feared for the harvest."},
        {"title": "Timetable review", "outlet": "North Star",
         "text": SHARED_UNDATED + "\n\nThe board meets again in May to discuss the budget for repairs."},
        {"title": "School hours", "outlet": "South Bell",
         "text": "Pupils at the town's two schools may start later next year.\n\n" + SHARED_UNDATED},
    ]) + "\n")
    return tmp_path / "p"


def _ids(db):
    return dict(rows(db, "SELECT title, id FROM articles"))


def test_compare_says_which_way_and_why(run, tmp_path, db):
    assert run("trace", str(_pairs(tmp_path))).exit_code == 0
    ids = _ids(db)
    wire, gazette = ids["Dry spring"], ids["Dam low"]
    data = json.loads(run("compare", gazette, wire, "--json").stdout)
    [passage] = data["passages"]
    assert passage["direction"] == "decided"
    assert (passage["taken_from"], passage["taken_by"]) == (wire, gazette)
    assert passage["direction_confidence"] == 0.9 and "Valley Wire was published first" in passage["direction_reason"]
    assert " ".join(w for w, _ in passage["a"]).startswith("The river authority")
    section = (ROOT / "docs" / "json.md").read_text().split("## `newstrace compare")[1]
    documented = set(re.findall(r"^\| `([^`]+)` \|", section, re.M))
    assert set(data) | {f"passages[].{key}" for key in passage} <= documented
    report = run("compare", gazette, wire).stdout
    assert (f"Hill Gazette ({gazette[:12]}) took it from Valley Wire ({wire[:12]}) (90% sure): "
            "Valley Wire was published first") in report
    assert "1 reused passage:" in report

    star, bell = ids["Timetable review"], ids["School hours"]
    [undecided] = json.loads(run("compare", star, bell, "--json").stdout)["passages"]
    assert undecided["direction"] == "undecided" and undecided["taken_from"] is None and undecided["taken_by"] is None
    assert "no publication times" in undecided["direction_reason"]
    assert "direction undecided (0%): no publication times and no credit tell which came first" in \
        run("compare", star, bell).stdout


def test_group_db_is_inherited_and_a_command_db_wins(run, tmp_path):
    path = write(tmp_path / "a.txt", ARTICLE)
    group_db, own_db = tmp_path / "group.db", tmp_path / "own.db"
    assert "Added 1," in run("--db", str(group_db), "add", str(path), db=False).stdout
    assert rows(group_db, "SELECT COUNT(*) FROM articles") == [(1,)]
    assert json.loads(run("--db", str(group_db), "list", "--json", db=False).stdout)["total"] == 1
    assert "Added 1," in run("--db", str(group_db), "add", "--db", str(own_db), str(path), db=False).stdout
    assert rows(own_db, "SELECT COUNT(*) FROM articles") == [(1,)]
    assert json.loads(run("--db", str(own_db), "list", "--json", "--db", str(tmp_path / "empty.db"),
                          db=False).stdout)["total"] == 0


def test_list_oldest_first_undated_last_any_case_outlet_and_bad_dates(run, tmp_path):
    texts = [f"Story number {n}: the council met on a quiet evening and agreed to repair the old library roof "
             f"before winter, the {n} members said." for n in range(5)]
    write(tmp_path / "l.jsonl", "\n".join(json.dumps(d) for d in [
        {"text": texts[0], "title": "undated first stored", "outlet": "Südkurier"},
        {"text": texts[1], "title": "March", "outlet": "Bay Post", "published": "2026-03-01T09:00:00Z"},
        {"text": texts[2], "title": "January", "outlet": "bay post", "published": "2026-01-01"},
        {"text": texts[3], "title": "undated later", "outlet": "Port News"},
        {"text": texts[4], "title": "February", "outlet": "SÜDKURIER", "published": "2026-02-01T10:00:00+01:00"},
    ]) + "\n")
    run("add", str(tmp_path / "l.jsonl"))
    order = ["January", "February", "March", "undated first stored", "undated later"]
    assert [a["title"] for a in json.loads(run("list", "--json").stdout)["articles"]] == order
    paged = [a["title"] for offset in range(0, 5, 2)
             for a in json.loads(run("list", "--json", "--limit", "2", "--offset", str(offset)).stdout)["articles"]]
    assert paged == order
    table = run("list").stdout
    assert "5 of 5 articles, oldest first (undated last)" in table
    assert table.index("January") < table.index("March") < table.index("undated first stored")
    outlets = json.loads(run("list", "--json", "--outlet", "BAY POST").stdout)
    assert [a["title"] for a in outlets["articles"]] == ["January", "March"] and outlets["total"] == 2
    assert json.loads(run("list", "--json", "--outlet", "südkurier").stdout)["total"] == 2
    for flag, value in (("--since", "yesterdayish"), ("--until", "2024-13-45")):
        bad = run("list", flag, value)
        assert bad.exit_code == 1 and bad.stdout == ""
        assert bad.stderr.startswith(f"Error: [U302] {flag[2:]} {value!r} is not an ISO date or time")
        assert len(bad.stderr.strip().splitlines()) == 1


def test_search_refuses_a_malformed_query_instead_of_searching_for_something_else(run, tmp_path):
    run("add", str(_corpus(tmp_path)))
    found = json.loads(run("search", "title:more", "--json").stdout)["results"]
    assert [r["title"] for r in found] == ["More ferries"]
    assert "1 result for 'harbour'" in run("search", "harbour").stdout
    for query, problem in (('"unclosed', "a double quote is not closed"), ("AND", "syntax error near 'AND'"),
                           ("foo NOT", "syntax error at the end of the query"),
                           ("a:b", "'a' is not a column to search"), ("   ", "no words to search for")):
        result = run("search", query)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.startswith(f"Error: [U302] cannot search for {query!r}: {problem}"), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_counts_agree_with_their_nouns(run, tmp_path):
    from newstrace.render import plural

    assert [plural(n, "pair") for n in (0, 1, 2, 1200)] == ["0 pairs", "1 pair", "2 pairs", "1,200 pairs"]
    assert plural(1, "story", "stories") == "1 story" and plural(3, "story", "stories") == "3 stories"
    source = [json.loads(x) for x in (_pairs(tmp_path) / "pairs.jsonl").read_text().splitlines()][:2]
    write(tmp_path / "one" / "pair.jsonl", "\n".join(json.dumps(d) for d in source) + "\n")
    report = run("trace", str(tmp_path / "one")).stdout
    assert "2 articles traced" in report and "Text reuse: 1 passage between 1 pair of articles" in report
    assert "(1 file, " in report


def test_piped_reports_keep_each_line_whole(run, tmp_path, db):
    """Output to a file or pipe is not wrapped at 120 columns mid-sentence; tables keep their width."""
    report = run("trace", str(_pairs(tmp_path))).stdout
    [line] = [x for x in report.splitlines() if "draws from Valley Wire" in x]
    assert len(line) > 120 and line.rstrip().endswith("(2026-04-01 08:00, Hill Gazette 2026-04-01 12:00)]")
    assert all(len(x) <= 120 for x in report.splitlines() if x.startswith(("┃", "│", "┏", "└")))
    ids = _ids(db)
    shown = run("show", ids["Dry spring"]).stdout
    assert SHARED in shown.splitlines()  # the text itself, one paragraph a line, no box cutting it
