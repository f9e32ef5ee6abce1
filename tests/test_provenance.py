"""Provenance: each sentence's origin with its evidence, and each article's originality and credit."""

from __future__ import annotations

import json

import pytest

from conftest import trace_json
from newstrace.provenance.origins import Facts, label_sentences
from newstrace.records import Article, Origin


def _article(text: str) -> Article:
    return Article(id="a" * 16, text=text, title=None, outlet=None, url=None, author=None, published=None,
                   language="en", analysed=True, skip_reason=None, format="text", origin=Origin(path="x.txt"),
                   raw_hash="0" * 64)


def test_strongest_label_wins_and_every_fact_is_kept():
    text = "First sentence is copied here. Second one is said by someone. Third is mine."
    facts = Facts()
    facts.add("copied", (0, 30), {"kind": "copied", "from": "b" * 16})
    facts.add("attributed", (0, 62), {"kind": "attributed", "source": "X"})
    labels = label_sentences(_article(text), facts)
    assert [s.label for s in labels] == ["copied", "attributed", "original"]
    assert [e["kind"] for e in labels[0].evidence] == ["copied", "attributed"]
    # a fact covering under half of a sentence does not count for it
    facts = Facts()
    facts.add("copied", (31, 40), {"kind": "copied", "from": "b" * 16})
    assert label_sentences(_article(text), facts)[1].label == "original"


@pytest.fixture
def demo(run, examples_dir):
    data = trace_json(run, str(examples_dir))
    outlets = {a["id"]: a["outlet"] for a in data["articles"]}
    by_outlet = {}
    for item in data["originality"]:
        by_outlet.setdefault(outlets[item["article"]], []).append(item)
    return data, outlets, by_outlet


def test_demo_copies_credit_and_shared_quotes(demo):
    data, outlets, by_outlet = demo
    [cpa] = by_outlet["Coastal Press Agency"]
    assert cpa["class"] == "non_derived" and cpa["sources"] == []
    harbour = next(o for o in by_outlet["Harbour Daily"] if o["sources"])
    [taken] = harbour["sources"]
    assert outlets[taken["article"]] == "Coastal Press Agency" and taken["copied"] >= 0.6
    assert not taken["credited"] and harbour["uncredited"] == [taken["article"]]
    [monitor] = by_outlet["The Marovia Monitor"]
    assert monitor["sources"][0]["credited"] and monitor["uncredited"] == []
    [valley] = by_outlet["Valley Times"]
    assert valley["uncredited"] and outlets[valley["uncredited"][0]] == "Coastal Press Agency"
    [capital] = by_outlet["Capital Express"]
    assert capital["derived"] == 0 and capital["shared_quote"] > 0
    labels = [s["label"] for s in data["sentences"] if s["article"] == capital["article"]]
    assert "shared_quote" in labels and "copied" not in labels
    for item in data["originality"]:  # shares add up, over the characters other than spaces
        total = sum(item[k] for k in ("copied", "paraphrased", "shared_quote", "attributed", "original"))
        assert abs(total - 1) < 0.001


def test_derived_thresholds_are_settings(run, examples_dir, monkeypatch):
    monkeypatch.setenv("NEWSTRACE_DERIVED_WHOLLY", "0.6")
    data = trace_json(run, str(examples_dir))
    outlets = {a["id"]: a["outlet"] for a in data["articles"]}
    classes = {outlets[o["article"]]: o["class"] for o in data["originality"] if o["sources"]}
    assert classes["Harbour Daily"] == "wholly_derived"
    monkeypatch.setenv("NEWSTRACE_DERIVED_WHOLLY", "80%")
    result = run("trace", str(examples_dir))
    assert result.exit_code == 1
    assert "NEWSTRACE_DERIVED_WHOLLY='80%' is not a valid share between 0 and 1" in result.output


def test_derna_rewrite_sentences_point_into_the_source(run, derna_dir):
    data = trace_json(run, str(derna_dir))
    texts = {a["id"]: a["text"] for a in data["articles"]}
    rewrite = next(a["id"] for a in data["articles"] if "000_" in a["path"])
    original = next(a["id"] for a in data["articles"] if "002_" in a["path"])
    [shares] = [o for o in data["originality"] if o["article"] == rewrite]
    assert shares["class"] == "partially_derived" and shares["sources"][0]["article"] == original
    assert shares["sources"][0]["credited"] and "Long War Journal" in shares["sources"][0]["credit"]
    [amaq] = [s for s in data["sentences"] if s["article"] == rewrite and s["text"].startswith("“As Amaq reports")]
    assert amaq["label"] == "copied"
    copied = amaq["evidence"][0]
    assert copied["from"] == original
    a, b = copied["source_span"]
    assert "As Amaq reports, however" in texts[original][a:b]
    assert any(e["kind"] == "attributed" and e["chain"][0] == "Long War Journal" for e in amaq["evidence"])
    [source_shares] = [o for o in data["originality"] if o["article"] == original]
    assert source_shares["class"] == "non_derived"


def test_report_marks_each_sentence(run, examples_dir):
    data = trace_json(run, str(examples_dir))
    harbour = next(a for a in data["articles"] if a["outlet"] == "Harbour Daily" and "Veldra" in a["title"])
    result = run("report", harbour["id"][:8])
    assert result.exit_code == 0, result.output
    assert "[C] Nine soldiers and five civilians were among the dead" in result.stdout
    shown = " ".join(result.stdout.split())
    assert "not credited" in shown and "copied from Coastal Press Agency" in shown
    result = run("report", "--json", harbour["id"][:8])
    found = json.loads(result.stdout)
    assert {s["article"] for s in found["sentences"]} == {harbour["id"]}
    assert found["originality"][0]["uncredited"]
    result = run("report", "ffffffffff")
    assert result.exit_code == 1 and "U300" in result.output


def test_demo_discrepancies_are_the_three_in_the_answer_key_and_the_update(demo):
    data, outlets, _ = demo
    found = {(d["kind"], tuple(outlets[a] for a in d["articles"]), tuple(d["values"])) for d in data["discrepancies"]}
    assert found == {
        ("interval_reversed", ("Valley Times",), ("2025-05", "2025-02")),
        ("number_changed", ("Coastal Press Agency", "Valley Times"), (14.0, 41.0)),
        ("date_changed", ("Coastal Press Agency", "Valley Times"), ("2026-03-12", "2026-03-21")),
        # the follow-up's toll, across the story: an update, not a conflict
        ("number_updated", ("Coastal Press Agency", "Daily Ledger"), (14.0, 19.0)),
    }
    texts = {a["id"]: a["text"] for a in data["articles"]}
    number = next(d for d in data["discrepancies"] if d["kind"] == "number_changed")
    assert [texts[a][slice(*s)] for a, s in zip(number["articles"], number["spans"], strict=True)] == \
        ["14 people", "41 people"]


def test_derna_interval_that_ends_before_it_begins(run, derna_dir):
    data = trace_json(run, str(derna_dir))
    [found] = [d for d in data["discrepancies"] if d["kind"] == "interval_reversed"]
    text = next(a["text"] for a in data["articles"] if a["id"] == found["articles"][0])
    assert text[slice(*found["spans"][0])] == "October 2015 and fully controlled the city until June that year"
    assert found["values"] == ["2015-10", "2015-06"]


def test_a_later_larger_toll_given_as_news_is_an_update(tmp_path, run):
    from conftest import write

    write(tmp_path / "a.jsonl", json.dumps({
        "text": "At least 14 people were killed in the fighting in the river town on Thursday, officials said, and "
                "dozens more were wounded as the clashes spread to the eastern districts of the town.",
        "outlet": "Agency One", "published": "2026-03-12T18:00:00+00:00", "title": "Fighting"}) + "\n" + json.dumps({
        "text": "The death toll has risen to 19 people killed in the fighting in the river town on Thursday, "
                "officials said, and dozens more were wounded as the clashes spread to the eastern districts.",
        "outlet": "Paper Two", "published": "2026-03-14T10:00:00+00:00", "title": "Toll rises"}) + "\n")
    data = trace_json(run, str(tmp_path / "a.jsonl"))
    kinds = [d["kind"] for d in data["discrepancies"]]
    assert kinds == ["number_updated"], data["discrepancies"]
    assert "an update, not a conflict" in data["discrepancies"][0]["explanation"]


def test_source_graph_as_json_and_graphml(run, examples_dir, tmp_path):
    import xml.etree.ElementTree as ET

    assert run("trace", str(examples_dir)).exit_code == 0
    result = run("export", "--graph")
    assert result.exit_code == 0, result.output
    graph = json.loads(result.stdout)
    edges = {(e["source"], e["target"]): e for e in graph["outlets"]["edges"]}
    harbour = edges[("Coastal Press Agency", "Harbour Daily")]
    assert harbour["copied"] > 500 and harbour["uncredited"] == harbour["copied"] + harbour["paraphrased"]
    monitor = edges[("Coastal Press Agency", "The Marovia Monitor")]
    assert monitor["credited"] > 0 and monitor["uncredited"] == 0
    ids = {n["id"] for n in graph["articles"]["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["articles"]["edges"])

    out = tmp_path / "g.graphml"
    result = run("export", "--graph", "--format", "graphml", "--level", "articles", "-o", str(out))
    assert result.exit_code == 0, result.output
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(out).getroot()
    assert len(root.findall(".//g:edge", ns)) == len(graph["articles"]["edges"])
    assert {n.get("id") for n in root.findall(".//g:node", ns)} == ids
    assert run("export", "--format", "graphml").exit_code == 2
    assert run("export", "--graph", "--attributions").exit_code == 2


def test_demo_stories_timeline_and_independent_reports(demo, run):
    data, outlets, _ = demo
    by_size = sorted(data["stories"], key=lambda s: -s["articles"])
    veldra, festival = by_size
    assert veldra["articles"] == 11 and festival["articles"] == 1
    assert outlets[veldra["first"]] == "Coastal Press Agency"
    derived = {outlets[t["article"]] or t["article"] for t in veldra["timeline"] if not t["independent"]}
    assert {"Harbour Daily", "The Marovia Monitor"} <= derived and "Daily Ledger" not in derived
    assert veldra["independent_reports"] == 11 - len(derived)
    assert {"source": "Irena Vasko", "articles": 8} in veldra["sources_cited"] or \
        any(c["source"] == "Irena Vasko" and c["articles"] >= 5 for c in veldra["sources_cited"])
    # each article is in exactly one story, the duplicate input counted once
    members = [t["article"] for s in data["stories"] for t in s["timeline"]]
    assert len(members) == len(set(members)) == 12
    result = run("story", veldra["id"])
    assert result.exit_code == 0 and "first report" in " ".join(result.stdout.split())
    result = run("story", "--json", veldra["timeline"][3]["article"][:10])
    assert json.loads(result.stdout)["id"] == veldra["id"]
    assert run("story", "s999").exit_code == 1


def test_stories_stream_across_runs(run, examples_dir, tmp_path):
    """A second run puts new articles into the stories made before, without re-clustering."""
    from conftest import write

    first = trace_json(run, str(examples_dir / "html"))
    before = {t["article"]: s["id"] for s in first["stories"] for t in s["timeline"]}
    second = trace_json(run, str(examples_dir))
    after = {t["article"]: s["id"] for s in second["stories"] for t in s["timeline"]}
    assert all(after[a] == story for a, story in before.items())
    write(tmp_path / "late.txt", "Veldra bridge rebuilt\n\nArmy engineers finished a temporary crossing over the "
          "Ostra at Veldra, a week after the bridge was destroyed in fighting with the Northern Ridge Front, Col. "
          "Irena Vasko said.\n")
    late = trace_json(run, str(tmp_path / "late.txt"))
    [story] = late["stories"]
    assert story["id"] == after[next(a for a in after if a in before)]


def test_derna_pair_is_one_story(run, derna_dir):
    data = trace_json(run, str(derna_dir))
    [story] = data["stories"]
    assert story["articles"] == 2


def test_originality_export_matches_trace_json(demo, run, tmp_path):
    import csv

    data, _, _ = demo
    result = run("export", "--originality")
    assert result.exit_code == 0, result.output
    exported = {r["article"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert exported == {o["article"]: o for o in data["originality"]}
    out = tmp_path / "o.csv"
    assert run("export", "--originality", "--format", "csv", "-o", str(out)).exit_code == 0
    with out.open(encoding="utf-8") as f:
        rows = {r["article"]: r for r in csv.DictReader(f)}
    harbour = next(o for o in data["originality"] if o["uncredited"])
    assert rows[harbour["article"]]["uncredited"] == ";".join(harbour["uncredited"])
    assert rows[harbour["article"]]["class"] == harbour["class"]
    assert run("export", "--originality", "--format", "pan").exit_code == 2


def test_actors_trading_places_are_flagged_but_a_moved_clause_is_not():
    from newstrace.provenance.discrepancies import across
    from newstrace.records import Alignment

    source = _article("The Marovian Army attacked the Northern Ridge Front near Veldra on Thursday, officials said.")
    source = type(source)(**{**source.__dict__, "id": "a" * 16})
    swapped = type(source)(**{**source.__dict__, "id": "b" * 16,
                              "text": "The Northern Ridge Front attacked the Marovian Army near Veldra on Thursday, "
                                      "officials said."})
    moved = type(source)(**{**source.__dict__, "id": "c" * 16,
                            "text": "Officials said the Marovian Army attacked the Northern Ridge Front near Veldra "
                                    "on Thursday."})

    def findings(target):
        al = Alignment(source.id, target.id, (0, len(source.text)), (0, len(target.text)), "near_verbatim", 0.9,
                       False, True, 0.9, "test")
        return [f for f in across(al, source, target) if f["kind"] == "actor_swapped"]

    [found] = findings(swapped)
    assert found["values"] == ["Marovian Army … Northern Ridge Front", "Northern Ridge Front … Marovian Army"]
    assert found["articles"] == [source.id, swapped.id]
    assert findings(moved) == []


def _dated(id_: str, text: str, published: str | None = None) -> Article:
    base = _article(text)
    return type(base)(**{**base.__dict__, "id": id_ * 16, "published": published})


def _swaps(source: Article, target: Article, kind: str = "paraphrase") -> list[dict]:
    from newstrace.provenance.discrepancies import across
    from newstrace.records import Alignment

    al = Alignment(source.id, target.id, (0, len(source.text)), (0, len(target.text)), kind, 0.8, False, True, 0.8,
                   "test")
    return [f for f in across(al, source, target) if f["kind"] == "actor_swapped"]


def test_actors_swapped_across_sentences_in_a_reworded_retelling_are_flagged():
    source = _dated("a", "Governor Helga Brandt accused Mayor Tomas Oyelaran of hiding the flood reports. Later that "
                         "day, Oyelaran rejected the charge, and Brandt said she would publish the reports herself.")
    # the names trade places in two sentences, which are also reordered, and "said" became "told reporters"
    target = _dated("b", "Later that day, Brandt rejected the charge, and Oyelaran told reporters she would publish "
                         "the reports herself. Governor Tomas Oyelaran accused Mayor Helga Brandt of hiding the flood "
                         "reports.")
    [found] = _swaps(source, target)
    assert found["articles"] == [source.id, target.id]
    assert found["values"] == ["Helga Brandt … Tomas Oyelaran", "Tomas Oyelaran … Helga Brandt"]
    (s0, s1), (t0, t1) = found["spans"]
    assert "accused" in source.text[s0:s1] and "accused" in target.text[t0:t1]
    assert "Oyelaran" in found["explanation"] and "Brandt" in found["explanation"]


def test_a_quote_given_to_the_wrong_speaker_and_back_is_a_swap():
    source = _dated("a", "“Kestrel Freight never paid for the berth,” Ines Dalmau said.")
    target = _dated("b", "Ines Dalmau told reporters: “Kestrel Freight never paid for the berth.”")
    assert _swaps(source, target) == []  # the same speaker, moved and reworded: no swap
    swapped = _dated("c", "Kestrel Freight said: “Ines Dalmau never paid for the berth.”")
    [found] = _swaps(source, swapped)
    assert {v for pair in found["values"] for v in pair.split(" … ")} == {"Kestrel Freight", "Ines Dalmau"}


def test_names_reordered_in_a_list_or_reworded_around_are_not_swaps():
    source = _dated("a", "Delegates from Orvania and Quessa signed the river accord in Tallimar on Monday, and "
                         "envoy Piet Roslund thanked Minister Ada Varga for her patience.")
    for retold in (
            "Delegates from Quessa and Orvania signed the river accord in Tallimar on Monday, and envoy Piet "
            "Roslund thanked Minister Ada Varga for her patience.",  # a list in another order
            "On Monday, delegates from Orvania and Quessa signed the river accord in Tallimar. Minister Ada Varga "
            "was thanked for her patience by envoy Piet Roslund."):  # a clause moved, a passive
        assert _swaps(source, _dated("b", retold)) == [], retold
    near = _dated("c", source.text.replace("Orvania and Quessa", "Quessa and Orvania"))
    assert _swaps(source, near, "near_verbatim") == []


def test_story_counts_beyond_the_death_toll_are_compared_with_the_first_report():
    from newstrace.provenance.discrepancies import in_story

    first = _dated("a", "At least 12 people were injured when a ferry ran aground near Port Elvan on Monday, "
                        "officials said. About 300 people were evacuated from the island's harbour district.",
                   "2031-05-05T09:00:00+00:00")
    update = _dated("b", "The number of people injured when a ferry ran aground near Port Elvan has risen to 17 "
                         "people injured, officials said on Tuesday. About 300 people were evacuated on Monday.",
                    "2031-05-06T09:00:00+00:00")
    conflict = _dated("c", "At least 12 people were injured when a ferry ran aground near Port Elvan on Monday. "
                           "About 3,000 people were evacuated from the island's harbour district.",
                      "2031-05-06T12:00:00+00:00")
    found = in_story([conflict, first, update], {first.id, update.id, conflict.id})
    got = {(f["kind"], tuple(f["articles"]), tuple(f["values"])) for f in found}
    assert got == {("number_updated", (first.id, update.id), (12.0, 17.0)),
                   ("number_changed", (first.id, conflict.id), (300.0, 3000.0))}
    changed = next(f for f in found if f["kind"] == "number_changed")
    assert conflict.text[slice(*changed["spans"][1])] == "3,000 people"
    assert "300 people displaced" in changed["explanation"]


def test_story_counts_stay_quiet_when_a_side_is_unclear_or_a_toll_covers_them():
    from newstrace.provenance.discrepancies import in_story

    first = _dated("a", "Four people were killed in a landslide at Brevik on Friday. Three workers and one child "
                        "were among the dead, and 40 families were evacuated.", "2031-06-06T09:00:00+00:00")
    later = _dated("b", "Four people were killed in a landslide at Brevik on Friday. Two workers and two children "
                        "were among the dead, and some 40 families were evacuated, while 25 families were "
                        "evacuated from a second village.", "2031-06-07T09:00:00+00:00")
    # the dead broken down otherwise: the toll (the same) speaks for them; two counts of evacuated families
    assert in_story([first, later], {first.id, later.id}) == []


def test_a_verbatim_copy_skips_the_role_alignment(monkeypatch):
    from newstrace.provenance import discrepancies

    def fail(*args):
        raise AssertionError("identical passages were aligned sentence by sentence")

    monkeypatch.setattr(discrepancies, "_sentence_pairs", fail)
    text = "Mayor Jonas Brecht said Governor Tomas Ridel had closed the bridge. Ridel denied it."
    assert discrepancies._swapped_actors(_article(text), _article(text), (0, len(text)), (0, len(text))) == []


def test_stories_merged_in_a_later_run_move_their_stored_articles(run, tmp_path):
    """A story that turns out to be part of an earlier one is folded into it: its articles stored in the first
    run move with it, and its old id leads to the story it went into."""
    from conftest import write

    bodies = {
        "a1": ("Mira Tolven wants a Harbour Lights reunion", "Mira Tolven told fans she would like a Harbour "
               "Lights reunion."),
        "a2": ("Mira Tolven says she would do another Harbour Lights film", "Tolven said the Harbour Lights "
               "cast talks about a reunion."),
        "o1": ("Central bank raises interest rates again", "The central bank raised interest rates for the "
               "third time this year."),
        "b1": ("Night Ferry review: raunchy comedy premieres at Calder festival", "The comedy Night Ferry "
               "premiered at the Calder festival to a cheering crowd."),
        "b2": ("Calder festival crowd cheers Night Ferry premiere", "Night Ferry had its premiere at the Calder "
               "festival on Monday night."),
        "x1": ("Mira Tolven brings Night Ferry to Calder festival premiere", "Mira Tolven stars in Night Ferry, "
               "which premiered at the Calder festival."),
    }
    for i, (name, (title, body)) in enumerate(bodies.items()):
        write(tmp_path / "one" / f"{i}{name}.txt", f"{title}\n\n{body}\n")
    first = trace_json(run, str(tmp_path / "one"))
    before = {t["title"]: s["id"] for s in first["stories"] for t in s["timeline"]}
    festival = before[bodies["b1"][0]]
    assert before[bodies["a1"][0]] == "s1" and festival != "s1" and before[bodies["x1"][0]] == festival
    write(tmp_path / "two" / "x2.txt", "Night Ferry star Mira Tolven open to Harbour Lights reunion\n\nAt the "
          "Calder festival premiere of Night Ferry, Mira Tolven spoke about a Harbour Lights reunion.\n")
    second = trace_json(run, str(tmp_path / "two"))
    [story] = second["stories"]
    assert story["id"] == "s1" and story["articles"] == 6  # the five before and the new one
    result = run("story", festival)
    assert result.exit_code == 0
    assert f"Story {festival} was merged into s1" in result.stderr
    assert "Night Ferry review" in result.stdout and "Harbour Lights reunion" in result.stdout
    assert json.loads(run("story", "--json", festival).stdout)["id"] == "s1"


def test_a_run_that_loses_the_race_to_save_stories_clusters_again(run, tmp_path, db, monkeypatch):
    """Two runs streaming into the same store: the one that saves second reads the other's stories and
    clusters again, so no story number is given twice and no article is lost from the state."""
    from conftest import write
    from newstrace.store import open_store
    from newstrace.stories import stage
    from newstrace.stories.cluster import StoryClusterer

    titles = ["Velmora bridge collapses into river", "Rescuers search river after Velmora bridge collapse",
              "Kestria votes in presidential election", "Dravik leads Kestria presidential election count"]
    for i, title in enumerate(titles):
        write(tmp_path / "in" / f"{i}.txt", f"{title}\n\n{title}, officials said on Monday.\n")
    run("add", "--no-analyse", str(tmp_path / "in"))
    with open_store(db) as store, open_store(db) as other:
        articles = sorted(store.iter_articles(), key=lambda a: a.seq)
        mine, theirs = articles[:2], articles[2:]
        real_add, raced = StoryClusterer.add, []

        def add_then_race(self, *args, **kwargs):
            if not raced:  # while this run clusters, another one saves its own stories first
                raced.append(None)
                raced[0] = stage.assign(other, theirs)
            return real_add(self, *args, **kwargs)

        monkeypatch.setattr(StoryClusterer, "add", add_then_race)
        mine_stories = stage.assign(store, mine)
        monkeypatch.setattr(StoryClusterer, "add", real_add)
        state = store.story_state(stage.STAGE)
        assert state["idf"]["n"] == 4  # both runs' articles streamed, none lost
        stored = store.stories_of([a.seq for a in articles])
        assert {**raced[0], **mine_stories} == stored
        assert stored[mine[0].seq] == stored[mine[1].seq] != stored[theirs[0].seq] == stored[theirs[1].seq]
        for article in articles:  # each stored story holds its articles in the saved state too
            assert article.id in state["stories"][int(stored[article.seq][1:]) - 1]["docs"]


def test_stories_give_up_with_a_clear_error_when_every_save_loses_the_race(run, tmp_path, db, monkeypatch):
    from conftest import write
    from newstrace.errors import NewstraceError
    from newstrace.store import open_store
    from newstrace.stories import stage

    write(tmp_path / "a.txt", "Velmora bridge collapses\n\nThe Velmora bridge collapsed on Monday.\n")
    run("add", "--no-analyse", str(tmp_path / "a.txt"))
    with open_store(db) as store:
        monkeypatch.setattr(type(store), "stories_streamed", lambda self, stage_name: -1)  # always moved on
        with pytest.raises(NewstraceError) as e:
            stage.assign(store, list(store.iter_articles()))
        assert e.value.code.value == "S202" and db in str(e.value)
        assert store.story_state(stage.STAGE) is None and store.stories_of([1]) == {}  # nothing half-written


def test_source_graph_articles_without_outlet_stand_for_themselves(run, tmp_path):
    """Two unrelated outlet-less pairs must not merge into one "(no outlet)" node that copies from itself."""
    import json as json_

    body = ("The harbour authority said the new sea wall would be finished by the end of the year, two months "
            "earlier than planned, after crews worked through the winter storms without a single day lost. ")
    other = ("The mountain railway reopened on Sunday after a landslide had blocked the line for three weeks, "
             "and the operator said extra trains would run during the school holidays this summer. ")
    lines = [
        {"text": body * 2, "title": "Wall early", "published": "2026-03-12T10:00:00Z"},
        {"text": "Residents welcomed it.\n\n" + body * 2, "title": "Wall copy", "published": "2026-03-12T18:00:00Z"},
        {"text": other * 2, "title": "Railway back", "published": "2026-03-13T10:00:00Z"},
        {"text": "Tourists cheered.\n\n" + other * 2, "title": "Railway copy", "published": "2026-03-13T18:00:00Z"},
    ]
    path = tmp_path / "en_test.jsonl"
    path.write_text("".join(json_.dumps(x) + "\n" for x in lines), encoding="utf-8")
    assert run("trace", str(path)).exit_code == 0
    graph = json_.loads(run("export", "--graph").stdout)
    nodes = graph["outlets"]["nodes"]
    assert sorted(n["label"] for n in nodes) == ["Railway back", "Railway copy", "Wall copy", "Wall early"]
    assert all(n["kind"] == "article" and n["articles"] == 1 for n in nodes)
    edges = graph["outlets"]["edges"]
    assert len(edges) == 2 and all(e["source"] != e["target"] for e in edges)
    label = {n["id"]: n["label"] for n in nodes}
    assert {(label[e["source"]], label[e["target"]]) for e in edges} == {
        ("Wall early", "Wall copy"), ("Railway back", "Railway copy")}
