from __future__ import annotations

import json

from conftest import rows, write

FOOTER = "Port News is an independent newsroom based in the harbour district since 1921."


def _line(n: int, outlet: str) -> str:
    text = (f"Story {n}: the harbour board met on day {n} and agreed a plan for berth {n}, the minutes show.\n\n"
            f"A second paragraph about item {n} gives the details of the vote and the cost.\n\n{FOOTER}")
    return json.dumps({"text": text, "outlet": outlet, "url": f"https://{outlet[:4].lower()}.example/{n}"})


def test_line_recurring_across_an_outlet_is_removed_from_later_articles(run, tmp_path, db):
    lines = [_line(n, "Port News") for n in range(8)] + [_line(100, "Bay Post")]
    write(tmp_path / "a.jsonl", "\n".join(lines) + "\n")
    assert "Added 9," in run("add", str(tmp_path / "a.jsonl")).stdout
    texts = rows(db, "SELECT outlet, text FROM articles ORDER BY seq")
    with_footer = [FOOTER in text for outlet, text in texts if outlet == "Port News"]
    assert with_footer == [True] * 5 + [False] * 3  # learnt after 5 articles (site_filter_min_articles)
    assert FOOTER in texts[-1][1]  # another outlet's articles are not touched
    for _, text in texts:
        assert text.startswith("Story ")
    # what the filter removed is kept with its rule (migration 11), for `show --furniture`
    removed = rows(db, "SELECT a.seq, f.rule, f.text FROM article_furniture f JOIN articles a "
                            "ON a.id = f.article_id ORDER BY a.seq")
    assert [(rule, text) for _, rule, text in removed] == [("site-filter", FOOTER)] * 3


def test_site_filter_can_be_turned_off(run, tmp_path, db, monkeypatch):
    monkeypatch.setenv("NEWSTRACE_SITE_FILTER_MIN_ARTICLES", "0")
    write(tmp_path / "a.jsonl", "\n".join(_line(n, "Port News") for n in range(8)) + "\n")
    run("add", str(tmp_path / "a.jsonl"))
    assert all(FOOTER in t for (t,) in rows(db, "SELECT text FROM articles"))
