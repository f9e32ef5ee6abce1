"""Quotes a fact-checker can rely on: what each attribution reports (speech, document, stance), who the words
were said to, the speaker's role, sources that are speakers (typed, pronouns resolved or left out with a reason,
one speaker's mentions joined), quote views, and the quote scorer with the hand-checked set."""

from __future__ import annotations

import json

import pytest

from newstrace.analyse.nlp import load_nlp
from newstrace.analyse.stage import _rows, analyse_text, public
from newstrace.errors import NewstraceError
from newstrace.evaluate.quotes import Quote, load_hand, score
from newstrace.read.quotes import categories, quote_view, speakers


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _found(nlp, text):
    """(cue, source or None, attribution) for each attribution of the text."""
    return [(text[slice(*a.cue)], text[slice(*a.source)] if a.source else None, a) for a in analyse_text(text, nlp)]


def _one(nlp, text, cue):
    [att] = [a for c, _, a in _found(nlp, text) if c == cue]
    return att


@pytest.mark.parametrize("text, cue, category", [
    ("The minister said the bridge would reopen in May.", "said", "speech"),
    ("“We will rebuild,” the mayor told reporters.", "told", "speech"),
    ("The report said repairs would cost at least 40 million crowns.", "said", "document"),
    ("BBC notes that the claim could not be independently verified.", "notes", "document"),
    ("Local doctors appear to be divided over the move.", "appear", "stance"),
    ("Security analysts believe the group has no more than a few hundred fighters.", "believe", "stance"),
    ("Relatives expressed concern that the ferry was too old.", "expressed", "stance"),
    ("Pictures shared on social media have shown flames rising above the river.", "have shown", "stance"),
    ("The ministry has not said how many troops were sent.", "has not said", "stance"),
])
def test_attribution_category_speech_document_or_stance(nlp, text, cue, category):
    assert _one(nlp, text, cue).category == category


def test_attribution_the_outlet_told_is_the_channel_not_the_speaker(nlp):
    text = "Ekdahl, the union's regional secretary, told Valley News that talks had broken down."
    found = _found(nlp, text)
    speaker = next(a for c, s, a in found if s and s.startswith("Ekdahl"))
    assert text[slice(*speaker.addressee)] == "Valley News" and speaker.addressee_kind == "channel"
    assert speaker.kind == "person" and speaker.category == "speech" and speaker.canonical == "Ekdahl"
    # the outlet is a link above the speaker, not a quote of its own
    [link] = [a for _, s, a in found if s == "Valley News"]
    assert link.extra.get("recipient") and speaker.parent == found.index(next(f for f in found if f[2] is link))
    row = public("a1", text, _rows([speaker])[0])
    assert row["addressee"] == {"span": list(speaker.addressee), "text": "Valley News", "kind": "channel"}


@pytest.mark.parametrize("text, cue, addressee, kind", [
    ("The fire chief told reporters that nobody had been hurt.", "told", "reporters", "audience"),
    ("The mayor said in an interview with Radio Ostra that there was no danger.", "said", "Radio Ostra", "channel"),
    ("Speaking to the Harbour Daily, the director said the cups were old.", "said", "the Harbour Daily", "channel"),
    ("The director said in a statement to the Orsk Herald that the plant would close.", "said", "the Orsk Herald",
     "channel"),
])
def test_attribution_addressee_audience_or_channel(nlp, text, cue, addressee, kind):
    att = _one(nlp, text, cue)
    assert text[slice(*att.addressee)] == addressee and att.addressee_kind == kind


@pytest.mark.parametrize("text, cue, role", [
    ("Ana Ruiz, a spokeswoman for the ministry, said the bridge would reopen.", "said",
     "a spokeswoman for the ministry"),
    ("Army spokeswoman Col. Irena Vasko said the town was calm.", "said", "Army spokeswoman"),
    ("The army's spokeswoman, Col. Irena Vasko, said the town was calm.", "said", "The army's spokeswoman"),
    ("The mayor of Selin, Jonas Brecht, said sandbags had been handed out.", "said", "The mayor of Selin"),
    ("Justice Minister Karel Voss said the government would respect the ruling.", "said", "Justice Minister"),
    ("The Long War Journal (LWJ) notes that the fighters have left.", "notes", None),
    ("The company, Northern Rail, said it regretted the decision.", "said", None),
])
def test_attribution_the_speakers_role_is_a_span_of_its_own(nlp, text, cue, role):
    att = _one(nlp, text, cue)
    assert (text[slice(*att.role)] if att.role else None) == role
    if att.role:  # inside the source's span
        assert att.source[0] <= att.role[0] and att.role[1] <= att.source[1]


def test_attribution_pronouns_take_the_nearest_fitting_mention_or_say_why_not(nlp):
    text = ("The Marovian Relief Council is an alliance of aid groups. It opposes the new border fees.\n"
            "Dr. Anton Belic said the hospital was full. Ms. Vera Lind said the road was closed. "
            "He added that more beds were coming.\n"
            "We asked the ministry for its view.")
    found = {c: a for c, _, a in _found(nlp, text)}
    opposes = found["opposes"]
    assert opposes.canonical == "Marovian Relief Council" and opposes.kind == "organisation"
    assert opposes.resolution == "pronoun" and opposes.category == "stance"
    assert found["added"].canonical == "Anton Belic"  # not Ms. Lind, named nearer
    assert found["added"].resolution == "pronoun"
    text = "“It will be fine,” she said.\nWe said the road was closed."
    found = {s: a for _, s, a in _found(nlp, text)}
    assert found["she"].resolution == "unresolved" and "before “she”" in found["she"].note
    assert found["We"].resolution == "unresolved" and "writer" in found["We"].note
    row = public("a1", text, _rows([found["she"]])[0])
    assert row["source"]["resolution"] == "unresolved" and row["source"]["note"] == found["she"].note


@pytest.mark.parametrize("text, source, kind", [
    ("Islamic State concedes its fighters retreated from the town.", "Islamic State", "organisation"),
    ("The district hospital said three civilians were wounded.", "The district hospital", "organisation"),
    ("Jihadist groups opposed the truce, analysts said.", "analysts", "anonymous"),
    ("Gen. David Rodriguez, head of U.S. Africa Command, told reporters the number had doubled.",
     "Gen. David Rodriguez, head of U.S. Africa Command,", "person"),
    ("The Valley Times reported that the bridge was closed.", "The Valley Times", "outlet"),
    ("Halvik Steel announced that it would cut 600 jobs at its plant in Orsk.", "Halvik Steel", "organisation"),
])
def test_attribution_sources_are_typed_by_their_name_head_and_context(nlp, text, source, kind):
    [att] = [a for _, s, a in _found(nlp, text) if s == source]
    assert att.kind == kind


def test_attribution_non_speakers_and_telephone_calls_are_not_reports(nlp):
    assert _found(nlp, "Each side blamed the other for the blast.") == []
    text = "Listeners in Brask who called the station's morning programme described long queues for bread."
    [(cue, _, att)] = _found(nlp, text)
    assert cue == "described" and att.canonical == "Listeners in Brask"


def test_attribution_a_ledes_description_joins_the_name_given_for_it(nlp):
    text = ("A senior official in Dravik said the government would send a delegation.\n"
            "The official, Anton Reiss, told the Capital Express that there would be no preconditions.\n"
            "Halvik Steel said on Monday that it would cut 600 jobs at its plant. The company blamed cheap imports.")
    found = {s: a for _, s, a in _found(nlp, text) if not a.extra.get("recipient")}
    assert found["A senior official in Dravik"].canonical == "Anton Reiss"
    assert found["The official, Anton Reiss,"].canonical == "Anton Reiss"
    assert found["The company"].canonical == "Halvik Steel" and found["The company"].resolution == "description"


def test_attribution_according_to_covers_the_clause_it_belongs_to(nlp):
    text = "According to survivors, when the engine failed, the ferry was already taking on water."
    att = _one(nlp, text, "According to")
    assert [text[a:b] for a, b in att.content] == ["when the engine failed, the ferry was already taking on water"]
    # no comma: the parse takes the clause into the source; who they are stops where what they say begins
    text = "According to residents the army had left before dawn."
    att = _one(nlp, text, "According to")
    assert text[slice(*att.source)] == "residents" and [text[a:b] for a, b in att.content] == [
        "the army had left before dawn"]
    text = "According to court documents, Vickers found himself that morning in the back of a police car."
    att = _one(nlp, text, "According to")
    assert att.kind == "document" and att.category == "document"
    assert [text[a:b] for a, b in att.content] == ["Vickers found himself that morning in the back of a police car"]


def test_attribution_speakers_join_every_mention_and_quote_views_keep_chains(nlp):
    text = ("Hafeth al-Dabaa, a spokesman for the Derna council, said the fighters had left.\n"
            "Five fighters were killed, Dabaa told the BBC.\n"
            "The council spokesman added that the prison had been bombed.\n"
            "Residents believe the fighters will return.")
    atts = analyse_text(text, nlp)
    rows = [public("a1", text, r) for r in _rows(atts)]
    [dabaa] = [s for s in speakers(rows) if s["name"] == "Hafeth al-Dabaa"]
    assert [m["text"] for m in dabaa["mentions"]] == ["Hafeth al-Dabaa, a spokesman for the Derna council,",
                                                        "Dabaa", "The council spokesman"]
    assert dabaa["roles"] == ["a spokesman for the Derna council"] and dabaa["quotes"] == 3
    assert not [s for s in speakers(rows) if s["name"] == "BBC"]  # the outlet told is a channel, not a speaker
    # a quote view: no stance, the channel link above Dabaa's words kept and his attribution under it
    view = quote_view(rows)
    assert {r["category"] for r in view} == {"speech", "document"} and len(view) == len(rows) - 1
    told = next(r for r in view if r["cue"]["text"] == "told" and not r["channel_link"])
    assert next(r for r in view if r["id"] == told["parent"])["channel_link"]
    assert [r["cue"]["text"] for r in quote_view(rows, ("stance",))] == ["believe"]
    assert categories("all") == ("speech", "document", "stance") and categories(None) == ("speech", "document")
    with pytest.raises(NewstraceError, match="gossip is not a category"):
        categories("speech,gossip")


def test_attribution_new_fields_are_stored_and_read_back(run, tmp_path, db):
    from conftest import write
    from newstrace.store import open_store

    text = "Ana Ruiz, a spokeswoman for the ministry, told reporters that the bridge would reopen on Monday."
    path = write(tmp_path / "a.txt", "Bridge to reopen\n\n" + text + " Residents believe it will be late.\n")
    assert run("trace", str(path)).exit_code == 0
    with open_store(db) as store:
        [article] = store.list_articles()
        back = store.attributions_of([article.seq])
    told = next(r for r in back if article.text[slice(*r.cue)] == "told")
    assert article.text[slice(*told.role)] == "a spokeswoman for the ministry"
    assert article.text[slice(*told.addressee)] == "reporters" and told.addressee_kind == "audience"
    assert told.category == "speech" and told.resolution == "name" and not told.channel
    assert {r.category for r in back} == {"speech", "stance"}


def test_quote_scorer_takes_gold_coverage_and_the_closer_fit():
    text = "The Herald said the army had pulled back, according to residents. The mayor said no."
    herald_content = ((text.index("the army"), text.index(", according")),)
    whole = ((0, text.index(", according")),)
    gold = [Quote(herald_content, ((0, 10),), "Herald"), Quote(whole, ((text.index("residents"),
                                                                         text.index(". The")),), "residents")]
    predicted = [Quote(whole, ((text.index("residents"), text.index(". The")),), "residents"),
                 Quote(herald_content, ((4, 10),), "the Herald")]
    result = score(predicted, gold)
    assert result.matched == 2 and result.speaker_right == 2  # the closer fit wins the tie
    # a prediction covering 30% or less of a gold quote does not match it
    short = [Quote(((text.index("the army"), text.index("the army") + 5),), None, None)]
    assert score(short, gold[:1]).matched == 0 and len(score(short, gold[:1]).false) == 1


def test_hand_set_loads_and_refuses_spans_that_do_not_cover_their_text(tmp_path):
    from pathlib import Path

    folder = Path(__file__).parent / "data" / "quotes"
    articles = load_hand(folder)
    assert len(articles) >= 30 and sum(len(a.attributions) for a in articles) >= 150
    cases = {att.case for a in articles for att in a.attributions}
    for wanted in ("addressee outlet", "non-speech", "pronoun", "according to", "floating quote", "organisation"):
        assert any(wanted in case for case in cases), wanted
    (tmp_path / "a.txt").write_text("Officials said the road was closed.\n", encoding="utf-8")
    line = {"article": "a", "cue": [10, 14], "cue_text": "told", "source": [0, 9], "source_text": "Officials",
            "content": [[15, 34]], "content_text": ["the road was closed"], "speaker": "officials",
            "category": "speech"}
    (tmp_path / "gold.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1: cue"):
        load_hand(tmp_path)
