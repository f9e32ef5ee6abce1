"""Outlets named by the article itself (text/outlets.py)."""

from __future__ import annotations

import pytest

from newstrace.text.outlets import looks_like_outlet, outlet_from_text, same_outlet

BODY = "The council voted on Monday to close the old bridge.\n\nRepairs will take a year, the mayor said.\n\n"


@pytest.mark.parametrize(("tail", "name", "rule"), [
    ("Jane Doe is a reporter for The Lantern.", "The Lantern", "self-description"),
    ("Ann Roe is a Senior Fellow at the Institute for Peace and the Senior Editor for Ann's Weekly Review.",
     "Ann's Weekly Review", "self-description"),
    ("© 2016 Lantern Media Group. All rights reserved.", "Lantern Media Group", "copyright"),
    ("Copyright 2019 The Lantern", "The Lantern", "copyright"),
    ("This article first appeared on The Lantern.", "The Lantern", "first-appeared"),
    ("Follow us at thelantern.example", "thelantern.example", "url"),
])
def test_text_outlets_self_description_rules(tail, name, rule):
    text = BODY + tail
    found = outlet_from_text(text)
    assert found is not None and (found.name, found.rule) == (name, rule)
    assert text[found.span[0]:found.span[1]] == name  # the evidence points at the name in the clean text


def test_text_outlets_byline_lines():
    found = outlet_from_text("By Jane Doe, Valley Times\n\n" + BODY)
    assert found is not None and (found.name, found.rule, found.span) == ("Valley Times", "byline", (13, 25))
    found = outlet_from_text("For The Marovia Monitor\n\n" + BODY)
    assert found is not None and found.name == "The Marovia Monitor"
    # a byline's tail that is a job, not an outlet, is not taken
    assert outlet_from_text("By Jane Doe, Senior Writer\n\n" + BODY) is None


@pytest.mark.parametrize("text", [
    BODY,
    # mentions of outlets that are not about the article itself
    BODY + "Maggie Lee, a reporter for The Lantern, said the vote was rushed.",
    BODY + "The mayor told The Lantern that repairs would start soon.",
    "For months, the council has argued about the bridge.\n\n" + BODY,
    BODY + "(Photo © 2016 Getty Images)",
    BODY + "© 2016 Getty Images",
    # two different outlets named as its own: ambiguous, so none
    BODY + "Jane Doe is a reporter for The Lantern.\n\nThis article first appeared on Harbour Weekly.",
])
def test_text_outlets_never_invented(text):
    assert outlet_from_text(text) is None


def test_text_outlets_read_in_removed_furniture_without_span():
    found = outlet_from_text(BODY, furniture=["© 2016 Harbour Weekly. All rights reserved."])
    assert found is not None and (found.name, found.rule, found.span) == ("Harbour Weekly", "copyright", None)
    assert found.line == "© 2016 Harbour Weekly. All rights reserved."
    # furniture naming another outlet than the text does makes it ambiguous
    bio = "Jane Doe is a reporter for The Lantern."
    assert outlet_from_text(BODY + bio, furniture=["© 2016 Harbour Weekly"]) is None


def test_text_outlets_one_outlet_named_twice_is_not_ambiguous():
    text = "By Jane Doe, The Lantern Daily\n\n" + BODY + "© 2016 The Lantern Daily. All rights reserved."
    found = outlet_from_text(text)
    assert found is not None and found.name == "The Lantern Daily"


def test_text_outlets_names_and_shapes():
    assert same_outlet("The Lantern", "the lantern") and same_outlet("thelantern.example", "The Lantern")
    assert same_outlet("FDD's Long War Journal", "Long War Journal")
    assert not same_outlet("The Lantern", "Harbour Daily") and not same_outlet("Journal", "Long War Journal")
    assert looks_like_outlet("Valley Times") and looks_like_outlet("Radio Kessany")
    assert not looks_like_outlet("Senior Writer") and not looks_like_outlet("the times")


def test_text_outlets_derna_original_names_itself(derna_dir):
    original = next(derna_dir.glob("002_*.txt")).read_text(encoding="utf-8")
    rewrite = next(derna_dir.glob("000_*.txt")).read_text(encoding="utf-8")
    found = outlet_from_text(original)
    assert found is not None and "Long War Journal" in found.name
    assert outlet_from_text(rewrite) is None  # it credits LWJ, it is not LWJ


# -- at ingest: the outlet is filled from the text only when metadata gives none, with its evidence stored ----

def test_text_outlets_filled_at_ingest_with_evidence(run, tmp_path, db):
    from conftest import ARTICLE, rows, trace_json, write

    bio = "Jane Doe is a reporter for The Lantern."
    path = write(tmp_path / "a.txt", "Harbour wall finished early\n\n" + ARTICLE + "\n\n" + bio)
    [article] = trace_json(run, str(path))["articles"]
    assert article["outlet"] == "The Lantern"
    assert article["outlet_from"]["rule"] == "self-description"
    start, end = article["outlet_from"]["span"]
    assert article["text"][start:end] == "The Lantern"
    assert article["outlet_from"]["line"] == bio
    assert rows(db, "SELECT outlet, outlet_rule, outlet_start, outlet_end FROM articles") == [
        ("The Lantern", "self-description", start, end)]


def test_text_outlets_metadata_wins_and_plain_text_stays_unknown(run, tmp_path):
    import json

    from conftest import ARTICLE, trace_json, write

    body = ARTICLE + "\n\nJane Doe is a reporter for The Lantern."
    line = json.dumps({"text": body, "outlet": "Harbour Weekly", "title": "Wall"})
    jsonl = write(tmp_path / "a.jsonl", line + "\n")
    plain = write(tmp_path / "b.txt", "Another title here\n\n" + ARTICLE.replace("Tuesday", "Monday"))
    by_path = {a["path"]: a for a in trace_json(run, str(jsonl), str(plain))["articles"]}
    assert (by_path[str(jsonl)]["outlet"], by_path[str(jsonl)]["outlet_from"]) == ("Harbour Weekly", None)
    assert (by_path[str(plain)]["outlet"], by_path[str(plain)]["outlet_from"]) == (None, None)


def test_text_outlets_site_filter_keeps_the_evidence_line_and_moves_its_span():
    from newstrace.ingest.normalise import line_key
    from newstrace.ingest.sitefilter import apply_site_filter
    from newstrace.records import Article, Origin, OutletFrom

    bio = "Jane Doe is a reporter for The Lantern."
    text = "Listen to our podcast\n" + BODY.replace("\n\n", "\n") + bio
    start = text.index("The Lantern")
    article = Article("x", text, None, "The Lantern", None, None, None, "en", True, None, "text", Origin("a.txt"),
                      "r", outlet_from=OutletFrom("self-description", (start, start + 11), bio))

    class Recurring:  # every line of this outlet recurs, the bio included
        def frequent_lines(self, outlet, keys, min_articles):
            return set(keys)

    filtered, _ = apply_site_filter(Recurring(), article, 3)  # type: ignore[arg-type]
    assert filtered.text == bio  # the recurring lines went, the evidence stayed
    assert filtered.outlet_from is not None and filtered.outlet_from.span == (27, 38)
    assert filtered.text[27:38] == "The Lantern" and line_key(bio)


def test_text_outlets_demo_outlets_are_found_by_shape_not_listed():
    from newstrace.analyse.outlets import KNOWN, is_outlet

    invented = ["Radio Kessany", "Coastal Press Agency", "Northern Herald", "Harbour Daily", "The Marovia Monitor",
                "Riverside Observer", "Capital Express", "Valley Times", "Daily Ledger", "Eastfield Gazette",
                "Lakeland Post"]
    assert not {name.lower() for name in invented} & KNOWN
    assert all(is_outlet(name) for name in invented + ["Westbrook Courier", "Radio Ostra"])
    assert not any(is_outlet(name) for name in ["the report", "Senior Writer", "Anna Berg", "the Mueller Report"])
    # initials are an outlet where the text spells them out as an outlet's name
    assert is_outlet("WDC", "The Westbrook Daily Courier (WDC) said") and not is_outlet("WDC", "WDC said")
