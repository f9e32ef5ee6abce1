"""The demo corpus ingests as its README says: 12 articles from 13 documents, furniture gone."""

from __future__ import annotations

from conftest import trace_json

OUTLET_TIMES = {
    "Coastal Press Agency": "2026-03-12T18:40:00+01:00",
    "Radio Kessany": "2026-03-12T19:55:00+01:00",
    "Northern Herald": "2026-03-12T20:30:00+01:00",
    "The Marovia Monitor": "2026-03-12T22:15:00+01:00",
    "Riverside Observer": "2026-03-12T23:10:00+01:00",
    "Capital Express": "2026-03-13T07:45:00+01:00",
    "Valley Times": "2026-03-13T11:00:00+01:00",
    "Daily Ledger": "2026-03-14T10:30:00+01:00",  # from JSON-LD only
}


def test_demo_corpus_ingests_completely(run, examples_dir):
    data = trace_json(run, str(examples_dir))
    articles = data["articles"]
    assert len(articles) == 12
    assert data["ingest"]["added"] == 12 and data["ingest"]["duplicates"] == 1
    assert data["ingest"]["rejected"] == []
    assert [p.rsplit("/", 1)[-1] for p in data["ingest"]["skipped"]] == ["README.md"]
    by_outlet = {a["outlet"]: a for a in articles if a["outlet"]}
    for outlet, published in OUTLET_TIMES.items():
        assert by_outlet[outlet]["published"] == published, outlet
    harbour = sorted(a["published"] for a in articles if a["outlet"] == "Harbour Daily")
    assert harbour == ["2026-03-12T21:05:00+01:00", "2026-03-13T17:30:00+01:00"]
    assert all(a["language"] == "en" and a["analysed"] for a in articles)


def test_demo_duplicate_is_one_article_with_both_sources(run, examples_dir):
    articles = trace_json(run, str(examples_dir))["articles"]
    [dup] = [a for a in articles if len(a["sources"]) == 2]
    assert dup["title"] == "Veldra clashes test government's grip on the north"
    assert sorted(s["path"].rsplit("/", 1)[-1] for s in dup["sources"]) == [
        "aggregator.jsonl", "capital-express-veldra-analysis.txt"]


def test_demo_page_furniture_removed(run, examples_dir):
    articles = trace_json(run, str(examples_dir))["articles"]
    [lakeland] = [a for a in articles if a["title"].startswith("Oskel camp short of water")]
    assert lakeland["text"].endswith("would need at least 200 more tents.")
    assert lakeland["text"].count("\n") == 6  # the 7 body paragraphs
    for article in articles:
        for junk in ("Share this", "newsletter", "Tags:", "COMMENTS", "log in to comment", "cookie", "©"):
            assert junk not in article["text"], (article["title"], junk)
