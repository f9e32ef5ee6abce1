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


def test_text_outlets_one_outlet_named_twice_is_not_ambiguous():
    text = "By Jane Doe, The Lantern Daily\n\n" + BODY + "© 2016 The Lantern Daily. All rights reserved."
    found = outlet_from_text(text)
    assert found is not None and found.name == "The Lantern Daily"


def test_text_outlets_names_and_shapes():
    assert same_outlet("The Lantern", "the lantern") and same_outlet("thelantern.example", "The Lantern")
    assert same_outlet("FDD's Long War Journal", "Long War Journal")
    assert not same_outlet("The Lantern", "Harbour Daily")
    assert looks_like_outlet("Valley Times") and looks_like_outlet("Radio Kessany")
    assert not looks_like_outlet("Senior Writer") and not looks_like_outlet("the times")


def test_text_outlets_derna_original_names_itself(derna_dir):
    original = next(derna_dir.glob("002_*.txt")).read_text(encoding="utf-8")
    rewrite = next(derna_dir.glob("000_*.txt")).read_text(encoding="utf-8")
    found = outlet_from_text(original)
    assert found is not None and "Long War Journal" in found.name
    assert outlet_from_text(rewrite) is None  # it credits LWJ, it is not LWJ
