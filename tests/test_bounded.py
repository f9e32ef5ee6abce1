"""Bounded work per document: a very long article is stored whole, analysed up to analyse_max_chars (cut at a
paragraph), and says so; attribution reads long texts in pieces, with offsets into the whole text."""

from __future__ import annotations

import json

import pytest

from conftest import rows, trace_json, write
from newstrace.analyse.nlp import load_nlp
from newstrace.analyse.stage import analyse_text, pieces
from newstrace.bounds import analysis_cut, bounded
from newstrace.config import Settings
from newstrace.ingest import ingest
from newstrace.jobs import analyse
from newstrace.store import open_store

PARAGRAPH = ("The mayor said on Monday that the harbour wall would be finished by spring, according to a statement "
             "from the council. \u201cWe are confident,\u201d said Anna Berg, a council spokeswoman, who added that "
             "the work had cost more than planned.")


def _long_text(paragraphs: int) -> str:
    return "Harbour works run late\n\n" + "\n\n".join(f"{PARAGRAPH} This is paragraph {n}." for n in range(paragraphs))


def test_analysis_cut_falls_at_a_paragraph_within_the_limit():
    text = "a" * 50 + "\n" + "b" * 50 + "\n" + "c" * 50
    assert analysis_cut(text, 0) is None
    assert analysis_cut(text, len(text)) is None
    assert analysis_cut(text, 120) == 101
    assert analysis_cut("word " * 40, 100) <= 100
    assert analysis_cut("x" * 300, 100) == 100  # no boundary at all: the limit itself


def test_pieces_cover_the_text_in_order_within_the_size():
    text = _long_text(200)
    parts = pieces(text, 3000)
    assert "".join(piece for _, piece in parts) == text
    assert all(len(piece) <= 3000 for _, piece in parts)
    assert [offset for offset, _ in parts] == [sum(len(p) for _, p in parts[:i]) for i in range(len(parts))]
    assert pieces("short text") == [(0, "short text")]


def test_attribution_in_pieces_points_into_the_whole_text(tmp_path, monkeypatch):
    from newstrace.analyse import stage

    text = _long_text(12)
    store = open_store(str(tmp_path / "s.db"))
    settings = Settings(db=str(tmp_path / "s.db"), workers=1, analyse_max_chars=0)
    write(tmp_path / "long.txt", text)
    report = ingest([str(tmp_path / "long.txt")], store, settings)
    monkeypatch.setattr(stage, "PIECE_CHARS", 700)
    analyse(store, report.article_ids, settings)
    [article] = store.get_articles(report.article_ids)
    stored = list(store.attributions_of([article.seq]))
    whole = analyse_text(article.text, load_nlp(""))
    # the same attributions, at the same offsets, as one parse of the whole text finds (each paragraph says the
    # same, so no attribution spans two pieces)
    assert len(pieces(article.text)) > 3
    assert sorted(r.cue for r in stored) == sorted(a.cue for a in whole)
    assert sorted(r.source for r in stored if r.source) == sorted(a.source for a in whole if a.source)
    assert any(article.text[slice(*r.source)].startswith("Anna Berg") for r in stored if r.source)
    assert [r.n for r in stored] == list(range(len(stored)))
    store.close()


@pytest.mark.sqlite_only  # reads the SQLite file beside the store
def test_long_article_is_analysed_up_to_the_bound_and_says_so(run, tmp_path, db_path, monkeypatch):
    monkeypatch.setenv("NEWSTRACE_ANALYSE_MAX_CHARS", "2000")
    text = _long_text(30)
    path = write(tmp_path / "long.txt", text)
    data = trace_json(run, str(path))
    [article] = data["articles"]
    bound = article["bounded"]
    cut = bound["analysed_span"][1]
    assert 1000 <= cut <= 2000 and article["text"][cut] == "\n"  # at a paragraph
    assert bound["skipped_span"] == [cut, len(article["text"])]
    assert f"the first {cut:,} of {len(article['text']):,} characters" in bound["note"]
    assert len(article["text"]) > 7000  # stored whole
    assert data["attributions"] and all(a["cue"]["span"][1] <= cut for a in data["attributions"])
    assert data["sentences"] and all(s["span"][1] <= cut for s in data["sentences"])
    [warning] = data["ingest"]["warnings"]
    assert warning["code"] == "W401" and warning["input"] == str(path)
    assert rows(db_path, "SELECT analysed_chars FROM articles") == [(cut,)]
    shown = run("show", article["id"])
    assert f"only the first {cut:,} of" in shown.stdout
    assert json.loads(run("show", "--json", article["id"]).stdout)["bounded"] == bound


def test_short_articles_are_not_bounded(run, tmp_path):
    path = write(tmp_path / "short.txt", _long_text(3))
    [article] = trace_json(run, str(path))["articles"]
    assert article["bounded"] is None


def test_bounded_store_hands_out_the_analysed_part(tmp_path):
    settings = Settings(db=str(tmp_path / "s.db"), workers=1, analyse_max_chars=1500)
    store = open_store(settings.db)
    write(tmp_path / "long.txt", _long_text(20))
    report = ingest([str(tmp_path / "long.txt")], store, settings)
    [article] = store.get_articles(report.article_ids)
    view = bounded(store)
    [part] = view.get_articles(report.article_ids)
    assert article.analysed_chars is not None and part.text == article.text[:article.analysed_chars]
    assert [a.text for a in view.articles_by_seq([article.seq])] == [part.text]
    assert next(view.iter_articles()).text == part.text
    assert [text for batch in view.unfingerprinted() for _, text in batch] == [part.text]
    assert bounded(view) is view
    store.close()


@pytest.mark.parametrize("limit", ["0"])
def test_no_bound_when_the_setting_is_zero(run, tmp_path, monkeypatch, limit):
    monkeypatch.setenv("NEWSTRACE_ANALYSE_MAX_CHARS", limit)
    path = write(tmp_path / "long.txt", _long_text(30))
    [article] = trace_json(run, str(path))["articles"]
    assert article["bounded"] is None


def test_bound_follows_the_text_when_the_site_filter_removes_lines(tmp_path):
    settings = Settings(db=str(tmp_path / "s.db"), workers=1, analyse_max_chars=900, site_filter_min_articles=2)
    store = open_store(settings.db)
    recurring = "Subscribe to the Port News morning briefing for the stories that matter to the harbour."
    lines = [json.dumps({"outlet": "Port News", "url": f"https://port.example/{n}", "text": recurring + "\n\n"
                         + "\n\n".join(f"{PARAGRAPH} This is paragraph {p} of story {n}." for p in range(8))})
             for n in range(3)]
    write(tmp_path / "site.jsonl", "\n".join(lines) + "\n")
    ingest([str(tmp_path / "site.jsonl")], store, settings)
    articles = list(store.iter_articles())
    assert recurring not in articles[-1].text  # removed by the site filter from the third
    for article in articles:
        cut = article.analysed_chars
        assert cut is not None and cut <= 900 and article.text[cut] == "\n", (cut, len(article.text), article.analysed)
    store.close()
