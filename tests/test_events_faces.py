"""The event stage's stored results through every face: events built by hand (spans into real stored articles),
stored, then read back by the `events` table and `--json`, the ACLED CSV and the evidence JSONL, `trace --json`'s
section, the API and the pages; each must show the same thing. And the stage itself after `add`: what it stores
keeps the invariants every extractor must keep (each field's quote is its span of the stored text)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import write
from newstrace.events.records import (
    Actor,
    Event,
    EventDate,
    EventDiscrepancy,
    EventMention,
    Evidence,
    FatalityFigure,
    Place,
)
from newstrace.events.sources import fatalities
from newstrace.events.stage import STAGE, reuse_map, roles
from newstrace.formats.acled import COLUMNS, EXTRA
from newstrace.store import StoredEvent, open_store

# three reports written for this test: an agency's original, a site that copies it whole, and an independent
# report with a higher toll and a protest the next day (whose banner is hostile markup)
WIRE = (
    "Fighting broke out on Tuesday between government troops and fighters of the Red Hill Brigade in the town "
    "of Kessel, local officials said. At least 12 people were killed in the clashes, according to a hospital "
    "spokesman who asked not to be named.\n\n"
    "The army said it had regained control of the market district by evening, while the brigade claimed to "
    "hold the road to the coast. Shops stayed shut and most families kept their children at home as gunfire "
    "echoed across the old quarter until late in the afternoon.\n\n"
    "Aid groups warned that the only clinic in Kessel was running short of blood and bandages after the "
    "fighting, and asked both sides to let an ambulance convoy through before nightfall.\n"
)
COPY = (
    "Kessel clashes leave a dozen dead\n\n" + WIRE
    + "\nThis report was compiled from agency material by our newsroom staff.\n"
)
VALLEY = (
    "Government forces clashed with Red Hill Brigade fighters in Kessel on Tuesday, residents said, in the "
    "worst violence the town has seen this year. Twenty people died, residents told Valley Times, most of them "
    "fighters caught in the crossfire near the bus station.\n\n"
    "On Wednesday, hundreds of residents protested in Kessel with banners reading <script>alert(1)</script> "
    "to demand that both sides leave the town. The crowd walked from the mosque to the town hall and "
    "dispersed peacefully in the early evening after speeches by elders.\n"
)


def _article(folder: Path, name: str, title: str, outlet: str, published: str, text: str) -> Path:
    return write(folder / f"{name}.jsonl", json.dumps({"title": title, "outlet": outlet, "published": published,
                                                       "text": text}) + "\n")


def write_corpus(folder: Path) -> Path:
    _article(folder, "wire", "Twelve killed in Kessel fighting", "Northern Wire", "2023-09-12T15:00:00+00:00", WIRE)
    _article(folder, "copy", "Kessel clashes leave a dozen dead", "Daily Relay", "2023-09-12T19:30:00+00:00", COPY)
    _article(folder, "valley", "Twenty dead as Kessel fighting flares", "Valley Times",
             "2023-09-13T08:00:00+00:00", VALLEY)
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "in")


def _ev(article, words: str, chain: tuple[str, ...] = (), hedges: tuple[str, ...] = (), after: int = 0) -> Evidence:
    start = article.text.index(words, after)
    return Evidence(article.id, (start, start + len(words)), words, chain, hedges)


def _sentence(article, words: str) -> tuple[int, int]:
    start = article.text.index(words)
    end = article.text.index(".", start + len(words)) + 1
    return start, end


def _place(article, name: str = "Kessel") -> Place:
    return Place(name, "Libya", "Darnah", None, 32.76, 22.64, 1, "user", _ev(article, name))


def _clash(article, kind: str) -> EventMention:
    """The Tuesday clash as one report tells it, every field pointing at its own words."""
    if kind == "valley":
        return EventMention(
            article.id, _sentence(article, "Government forces clashed"), "Battles", "Armed clash",
            _ev(article, "clashed with"),
            EventDate("2023-09-12", "2023-09-12", 1, None, None, _ev(article, "on Tuesday")),
            Actor("Military Forces of Libya", 1, (), _ev(article, "Government forces")),
            Actor("Red Hill Brigade", 2, (), _ev(article, "Red Hill Brigade fighters")),
            _place(article),
            (FatalityFigure(20, "fighters", _ev(article, "Twenty people died", ("residents", "Valley Times"))),),
            outlet=article.outlet, published=article.published)
    return EventMention(
        article.id, _sentence(article, "Fighting broke out"), "Battles", "Armed clash",
        _ev(article, "Fighting broke out"),
        EventDate("2023-09-12", "2023-09-12", 1, None, None, _ev(article, "on Tuesday")),
        Actor("Military Forces of Libya", 1, (), _ev(article, "government troops")),
        Actor("Red Hill Brigade", 2, (), _ev(article, "fighters of the Red Hill Brigade")),
        _place(article, "the town of Kessel"),
        (FatalityFigure(12, None, _ev(article, "At least 12 people were killed", ("a hospital spokesman",),
                                      ("asked not to be named",))),),
        outlet=article.outlet, published=article.published)


def _protest(article) -> EventMention:
    return EventMention(
        article.id, _sentence(article, "On Wednesday, hundreds"), "Protests", "Peaceful protest",
        _ev(article, "protested"),
        EventDate("2023-09-13", "2023-09-13", 1, None, None, _ev(article, "On Wednesday")),
        Actor("Protesters (Libya)", 6, (), _ev(article, "hundreds of residents")), None,
        Place("Kessel", "Libya", "Darnah", None, 32.76, 22.64, 1, "user",
              _ev(article, "Kessel", after=article.text.index("On Wednesday"))),
        outlet=article.outlet, published=article.published)


def store_events(db: str) -> dict:
    """Two events stored by hand over the stored corpus: the Tuesday clash (three reports, one a copy) and the
    Wednesday protest; returns the articles and the reuse map."""
    store = open_store(db)
    try:
        articles = {a.outlet: a for a in store.list_articles()}
        wire, copy, valley = articles["Northern Wire"], articles["Daily Relay"], articles["Valley Times"]
        mentions = {"wire": _clash(wire, "wire"), "copy": _clash(copy, "copy"), "valley": _clash(valley, "valley"),
                    "protest": _protest(valley)}
        reuse = reuse_map(store.alignments_of([wire.seq, copy.seq, valley.seq]))
        clash = Event("ev-kessel-clash", [mentions["wire"], mentions["copy"], mentions["valley"]],
                      sources=[[wire.id, copy.id], [valley.id]],
                      discrepancies=[EventDiscrepancy("fatalities", ((wire.id, "12"), (valley.id, "20")), False)])
        protest = Event("ev-kessel-protest", [mentions["protest"]], sources=[[valley.id]])
        for event in (clash, protest):  # the toll as the merge counts it (ACLED's rule over independent reports)
            event.fatality_figure = fatalities(event.mentions, event.sources)
            event.fatalities = event.fatality_figure.count if event.fatality_figure else 0
        with store.transaction():
            for article, found in ((wire, [mentions["wire"]]), (copy, [mentions["copy"]]),
                                   (valley, [mentions["valley"], mentions["protest"]])):
                store.save_event_mentions(article.seq, found, STAGE)
            # these two stand in for whatever the stage found in the corpus
            store.replace_events([e.event.id for e in store.list_events()],
                                 [StoredEvent(e, roles(e, reuse), STAGE) for e in (clash, protest)], STAGE)
        return {"wire": wire, "copy": copy, "valley": valley, "reuse": reuse}
    finally:
        store.close()


@pytest.fixture
def stored(run, corpus, db):
    """The corpus added (every stage run), then the two events stored by hand over its real texts."""
    result = run("add", str(corpus))
    assert result.exit_code == 0, result.output
    found = store_events(db)
    store = open_store(db)
    try:
        yield {**found, "store": store}
    finally:
        store.close()


def test_the_copy_is_found_by_the_reuse_stage_and_is_no_source(stored):
    wire, copy = stored["wire"], stored["copy"]
    assert wire.id in stored["reuse"].get(copy.id, set()), "the reuse stage did not find the copy"
    [item] = stored["store"].get_events(["ev-kessel-clash"])
    assert {(r.article_id, r.role, r.of) for r in item.roles} == {
        (wire.id, "independent", None), (copy.id, "copy", wire.id), (stored["valley"].id, "independent", None)}


def test_store_round_trips_mentions_and_events(stored):
    store = stored["store"]
    [item] = store.get_events(["ev-kessel-clash"])
    assert [m.article_id for m in item.event.mentions] == [stored["wire"].id, stored["copy"].id, stored["valley"].id]
    assert item.event.mentions[0] == _clash(stored["wire"], "wire")
    assert item.event.discrepancies[0].values[1] == (stored["valley"].id, "20")
    assert store.count_events() == 2
    assert [e.event.id for e in store.list_events()] == ["ev-kessel-clash", "ev-kessel-protest"]
    from newstrace.store import EventFilter

    assert [e.event.id for e in store.list_events(EventFilter(event_type="protests"))] == ["ev-kessel-protest"]
    assert store.count_events(EventFilter(country="LIBYA", since="2023-09-13")) == 1
    assert store.count_events(EventFilter(article=stored["copy"].id)) == 1
    with pytest.raises(Exception, match="already stored"):
        with store.transaction():
            store.replace_events([], [StoredEvent(item.event, item.roles, STAGE)], STAGE)


def _cli_json(run) -> dict:
    result = run("events", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_events_json_says_who_reported_what(run, stored):
    data = _cli_json(run)
    assert data["total"] == 2
    clash, protest = data["events"]
    assert (clash["event_type"], clash["sub_event_type"], clash["date"]["start"]) == ("Battles", "Armed clash",
                                                                                      "2023-09-12")
    assert clash["fatalities"] == 12 and clash["n_reports"] == 3 and clash["n_independent_sources"] == 2
    assert [f["count"] for f in clash["fatalities_reported"]] == [12, 20, 12]
    assert [f["independent"] for f in clash["fatalities_reported"]] == [True, True, False]
    roles_seen = {r["outlet"]: (r["role"], r["independent"]) for r in clash["reports"]}
    assert roles_seen == {"Northern Wire": ("independent", True), "Valley Times": ("independent", True),
                          "Daily Relay": ("copy", False)}
    assert clash["interaction"] == 12 and clash["disorder_type"] == "Political violence"
    assert clash["discrepancies"] == [{"field": "fatalities", "update": False, "values": [
        {"article": stored["wire"].id, "value": "12"}, {"article": stored["valley"].id, "value": "20"}]}]
    chosen = {f["field"]: f for f in clash["fields"] if f["chosen"]}
    assert chosen["place"]["quote"] == "the town of Kessel" and chosen["place"]["article"] == stored["wire"].id
    assert chosen["fatalities"]["chain"] == ["a hospital spokesman"]
    assert chosen["fatalities"]["hedges"] == ["asked not to be named"]
    assert protest["actor2"] is None and protest["interaction"] == 60 and protest["fatalities"] == 0
    texts = {a.id: a.text for a in (stored["wire"], stored["copy"], stored["valley"])}
    for event in data["events"]:
        for f in event["fields"] + event["fatalities_reported"]:
            assert texts[f["article"]][f["span"][0]:f["span"][1]] == f["quote"]
    only = json.loads(run("events", "--json", "--type", "PROTESTS").stdout)
    assert [e["id"] for e in only["events"]] == ["ev-kessel-protest"]
    assert json.loads(run("events", "--json", "--article", stored["copy"].id[:10]).stdout)["total"] == 1
    assert json.loads(run("events", "--json", "--country", "Chad").stdout)["total"] == 0
    bad = run("events", "--since", "last week")
    assert bad.exit_code == 1 and "U302" in bad.output


def _table_rows(output: str) -> list[list[str]]:
    """A rich table's header and rows, each cell's wrapped lines joined."""
    rows: list[list[str]] = []
    for line in output.splitlines():
        head = line.startswith("┃")
        if not (head or line.startswith("│")):
            continue
        cells = [c.strip() for c in line.strip("┃│").replace("┃", "│").split("│")]
        if (head and rows) or (not head and not cells[0]):
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
        else:
            rows.append(cells)
    return rows


def test_events_table_shows_the_same_rows(run, stored):
    result = run("events")
    assert result.exit_code == 0, result.output
    assert "2 of 2 events" in result.stdout.splitlines()[0]
    head, clash, protest = _table_rows(result.stdout)
    assert head == ["id", "date", "type / sub-type", "place", "actors", "fatalities", "reports", "independent"]
    assert clash == ["ev-kessel-clash", "2023-09-12", "Battles / Armed clash", "the town of Kessel, Libya",
                     "Military Forces of Libya vs Red Hill Brigade", "12", "3", "2"]
    assert protest == ["ev-kessel-protest", "2023-09-13", "Protests / Peaceful protest", "Kessel, Libya",
                       "Protesters (Libya)", "0", "1", "1"]


def test_acled_csv_has_the_standard_columns_and_counts_no_copy(run, stored, tmp_path):
    path = tmp_path / "acled.csv"
    result = run("export", "--events", str(path))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert list(rows[0]) == [*COLUMNS, *EXTRA] and len(COLUMNS) == 31
    clash = rows[0]
    json_clash = _cli_json(run)["events"][0]
    assert clash["event_id_cnty"] == "LBY_ev-kessel-clash" and clash["event_date"] == "2023-09-12"
    assert (clash["year"], clash["time_precision"], clash["disorder_type"]) == ("2023", "1", "Political violence")
    assert (clash["actor1"], clash["inter1"], clash["actor2"], clash["inter2"], clash["interaction"]) == (
        "Military Forces of Libya", "1", "Red Hill Brigade", "2", "12")
    assert (clash["iso"], clash["region"], clash["country"], clash["admin1"]) == ("434", "Northern Africa", "Libya",
                                                                                  "Darnah")
    assert (clash["location"], clash["latitude"], clash["longitude"], clash["geo_precision"]) == (
        "the town of Kessel", "32.76", "22.64", "1")
    assert clash["source"] == "Northern Wire; Valley Times"  # the copy is no source
    assert clash["fatalities"] == "12" and clash["n_reports"] == "3" and clash["n_independent_sources"] == "2"
    assert clash["fatalities_reported"] == "12 (Northern Wire); 20 (Valley Times); 12 (Daily Relay, copy)"
    assert clash["discrepancies"] == "fatalities: 12 (Northern Wire) vs 20 (Valley Times)"
    assert clash["notes"] == json_clash["notes"] and clash["notes"].startswith("On 12 September 2023, in the town")
    assert "Daily Relay copies Northern Wire" in clash["notes"]
    assert rows[1]["civilian_targeting"] == "" and rows[1]["interaction"] == "60"
    assert rows[1]["disorder_type"] == "Demonstrations"
    stdout = run("export", "--events", "-")
    assert stdout.exit_code == 0 and stdout.stdout == path.read_text(encoding="utf-8")


def test_evidence_jsonl_has_a_line_per_field_with_its_quote(run, stored, tmp_path):
    path = tmp_path / "evidence.jsonl"
    result = run("export", "--events-evidence", str(path))
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    texts = {a.id: a.text for a in (stored["wire"], stored["copy"], stored["valley"])}
    for line in lines:
        assert texts[line["article"]][line["span"][0]:line["span"][1]] == line["quote"]
    clash = [line for line in lines if line["event"] == "ev-kessel-clash"]
    assert len(clash) == 3 * 6  # six fields in each of three reports
    assert {(line["outlet"], line["independent"]) for line in clash} == {
        ("Northern Wire", True), ("Valley Times", True), ("Daily Relay", False)}
    events = _cli_json(run)["events"]
    assert [{k: v for k, v in line.items() if k not in ("event", "outlet")} for line in lines] == [
        f for e in events for f in e["fields"]]
    assert run("export", "--events", "-", "--events-evidence", "-").exit_code == 2
    assert run("export", "--events", str(path), "--alignments").exit_code == 2


def test_trace_sections_and_report_list_the_events(run, stored):
    from newstrace.read import sections
    from newstrace.report import event_section

    store = stored["store"]
    found = sections(store, [stored["valley"]])
    assert [e["id"] for e in found["events"]] == ["ev-kessel-clash", "ev-kessel-protest"]
    assert found["events"] == _cli_json(run)["events"]
    from newstrace.read import referenced_ids

    assert {stored["wire"].id, stored["copy"].id} <= set(referenced_ids(found))
    from rich.console import Console

    from newstrace.jobs import TraceResult

    console = Console(width=160, file=io.StringIO())
    for part in event_section(TraceResult(None, [stored["valley"]], {}, sections=found)):  # type: ignore[arg-type]
        console.print(part)
    shown = console.file.getvalue()
    assert "ev-kessel-clash" in shown and "fatalities: 12" in shown and "20" in shown


def test_every_event_key_is_documented(run, stored):
    import re

    from conftest import ROOT
    from test_docs import _key_paths

    documented = set(re.findall(r"^\| `([^`]+)` \|", (ROOT / "docs" / "json.md").read_text(), re.M))
    produced = set(_key_paths({"events": _cli_json(run)["events"]}))
    assert produced - documented == set()


@pytest.fixture
def client(stored, db, monkeypatch):
    from fastapi.testclient import TestClient

    from newstrace.config import Settings
    from newstrace.web.app import create_app

    monkeypatch.delenv("NEWSTRACE_TOKEN", raising=False)
    return TestClient(create_app(Settings(db=db)), raise_server_exceptions=False)


def test_api_answers_what_the_cli_says(run, client, stored):
    events = _cli_json(run)["events"]
    listed = client.get("/api/events").json()
    assert listed["total"] == 2 and listed["events"] == events
    one = client.get("/api/events/ev-kessel-clash").json()
    texts = one.pop("texts")
    assert one == events[0] and set(texts) == {stored["wire"].id, stored["copy"].id, stored["valley"].id}
    assert client.get("/api/events", params={"type": "battles"}).json()["total"] == 1
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/api/events", params={"since": "soon"}).status_code == 400
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}"} <= set(schema["paths"])
    article = client.get(f"/api/articles/{stored['copy'].id}").json()
    assert [e["id"] for e in article["events"]] == ["ev-kessel-clash"]
    csv_download = client.get("/api/export/events.csv")
    assert csv_download.status_code == 200
    assert list(csv.DictReader(io.StringIO(csv_download.text)))[0]["source"] == "Northern Wire; Valley Times"
    evidence = client.get("/api/export/events-evidence.jsonl").text.splitlines()
    assert len(evidence) == 3 * 6 + 4  # the protest has four fields: type, date, actor1, place


def test_pages_show_fields_reports_and_the_map(client, stored):
    html = {"accept": "text/html"}
    listing = client.get("/events", headers=html)
    assert listing.status_code == 200 and 'href="/events/ev-kessel-clash"' in listing.text
    page = client.get("/events/ev-kessel-clash", headers=html)
    assert page.status_code == 200
    text = page.text
    assert "12 fatalities" in text and "2 independent sources" in text and "copy of Northern Wire" in text
    assert '<mark class="fmark f-fatalities"' in text and ">At least 12 people were killed</mark>" in text
    assert "Daily Relay" in text and "Valley Times" in text
    assert '<li class="conflict"><strong>fatalities</strong>:' in text and "(an update)" not in text
    protest = client.get("/events/ev-kessel-protest", headers=html).text
    assert "<script>alert(1)</script>" not in protest and "&lt;script&gt;alert(1)&lt;/script&gt;" in protest
    article = client.get(f"/articles/{stored['wire'].id}", headers=html).text
    assert 'href="/events/ev-kessel-clash"' in article
    drawn = client.get("/events/map", headers=html)
    assert drawn.status_code == 200 and "<svg" in drawn.text
    assert drawn.text.count('class="event-dot"') == 2 and drawn.text.count('class="land"') >= 5
    assert "http://" not in drawn.text.split("<svg", 1)[1].split("</svg>")[0].replace("http://www.w3.org/2000/svg", "")
    assert client.get("/events/nope", headers=html).status_code == 404


def test_stage_after_add_keeps_the_invariants(run, corpus, db):
    """What the stage stores after `add`, whatever the extractor finds: every analysed article is read, every
    stored field's quote is its span of the stored text, and every event holds stored mentions."""
    assert run("add", str(corpus)).exit_code == 0
    store = open_store(db)
    try:
        articles = [a for a in store.list_articles() if a.analysed]
        seqs = [a.seq for a in articles]
        assert store.events_pending(seqs, STAGE) == []
        text = {a.id: a.text for a in articles}
        from newstrace.store.event_codec import mention_data

        for mention in store.event_mentions_of(seqs):
            data = mention_data(mention)
            assert text[mention.article_id][mention.span[0]:mention.span[1]]
            for ev in _evidences(data):
                assert text[ev["article"]][ev["span"][0]:ev["span"][1]] == ev["quote"]
        events = store.list_events()
        assert store.count_events() == len(events)
        for item in events:
            assert item.event.mentions and item.event.n_independent_sources <= item.event.n_reports
            assert {r.article_id for r in item.roles} == {m.article_id for m in item.event.mentions}
        before = [(e.event.id, [m.span for m in e.event.mentions]) for e in events]
    finally:
        store.close()
    assert run("analyse").exit_code == 0 and run("add", str(corpus)).exit_code == 0  # nothing new: the same rows
    store = open_store(db)
    try:
        assert [(e.event.id, [m.span for m in e.event.mentions]) for e in store.list_events()] == before
    finally:
        store.close()


def _evidences(data):
    if isinstance(data, dict):
        if {"article", "span", "quote"} <= set(data):
            yield data
        for value in data.values():
            yield from _evidences(value)
    elif isinstance(data, list):
        for value in data:
            yield from _evidences(value)


def test_stage_remerges_the_events_of_articles_whose_reuse_changed(stored):
    """Run alone on the agency report, the stage rebuilds the event that holds its mention by the merge (the three
    reports of the clash, the copy in the agency's source group, so 2 independent sources) and leaves the
    independent report's other event alone."""
    from newstrace.config import Settings
    from newstrace.events.stage import run as run_stage

    store = stored["store"]
    wire, copy, valley = stored["wire"], stored["copy"], stored["valley"]
    run_stage(store, [wire.id], Settings(db=store.url, workers=1))
    events = {e.event.id: e.event for e in store.list_events()}
    assert "ev-kessel-clash" not in events  # rebuilt: it held the agency report's mention
    clash = next(e for e in events.values() if e.mentions[0].event_type == "Battles")
    assert {m.article_id for m in clash.mentions} == {wire.id, copy.id, valley.id}
    assert sorted(map(sorted, clash.sources)) == sorted([sorted([wire.id, copy.id]), [valley.id]])
    assert clash.n_independent_sources == 2
    # the independent report's protest event stands as it was
    assert {m.article_id for m in events["ev-kessel-protest"].mentions} == {valley.id}
    first = [(e.event.id, e.roles) for e in store.list_events()]
    run_stage(store, [wire.id], Settings(db=store.url, workers=1))
    assert [(e.event.id, e.roles) for e in store.list_events()] == first  # a rerun stores the same rows
