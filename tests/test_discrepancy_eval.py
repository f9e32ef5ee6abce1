"""The discrepancy evaluation set (benchmarks/generate/discrepancies.py) and the detector it measures
(newstrace.provenance.discrepancies.across / internal), on invented text only."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from generate.discrepancies import (
    CHANGED,
    CLASSES,
    CONTROLS,
    GOLD,
    Pair,
    date_mentions,
    generate,
    number_mentions,
    problems,
    read_texts,
    summary,
)
from newstrace.provenance.discrepancies import across, internal
from newstrace.records import Alignment, Article, Origin

# Invented wire copy: every class has at least three sentences to work on.
TEXTS = {
    "wire_2016-05-10_harbour-blast.txt": """Blast at Marlow harbour
At least 14 people were killed in the blast at Marlow harbour on Tuesday, police said.
Rebels reportedly seized the eastern quay on 12 March, and about 300 troops were sent to the town.
Anna Berg, the harbour master, said the fire was not under control. Berg said nine soldiers were wounded.
Tomas Reyes, the mayor, said the ministry would send 40 nurses. Reyes did not confirm the figure Berg gave.
The port was closed in March 2015 after a storm, and it reopened in 2014 according to the council.""",
    "wire_2016-06-02_river-flood.txt": """Flood on the Denby river
The river burst its banks on Friday and about 200 families were evacuated, officials said.
Some 25 homes were destroyed in the flood, which allegedly followed a failed repair on 4 May.
Karim Haddad, the regional governor, said the dam would hold. Haddad said 12 pumps had arrived.
Lena Ortiz, an engineer, said the dam was apparently weakened in 2012. Ortiz said Haddad had delayed the work.
The mayor said 30 volunteers were working through the night and that the road was not open.""",
    "wire_2016-07-20_border-clash.txt": """Clash on the northern border
Fighting broke out on 3 July, and 18 fighters were captured by the army, the ministry said.
The army could not confirm reports that 60 civilians had fled the village in June 2016.
Sofia Marin, a spokeswoman, said the border would stay closed. Marin said seven officers were injured.
Elias Falk, the commander, said supposedly neutral observers had left in 2015. Falk did not say why Marin left.
Nearly 500 residents were moved on Wednesday, and 11 trucks carried food to the camp, aid workers said.""",
    "wire_2016-08-15_strike.txt": """Dock workers strike
More than 2,000 workers joined the strike on 9 August, the union said.
The company had reportedly offered a raise in 2015, and 45 managers were asked to return.
Nora Quist, the union leader, said the talks were not over. Quist said 16 pickets were arrested.
Viktor Lund, a company director, said the offer was final. Lund told Quist that three ships were waiting in port.
The port authority said 70 containers were stranded on Monday and that the cranes would not move.""",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a text", encoding="utf-8")
    return tmp_path


@pytest.fixture
def pairs(folder: Path) -> list[Pair]:
    return generate(folder, seed=3, per_class=3)


# -- the generator -------------------------------------------------------------------------------------------

def test_every_class_is_made_with_its_gold(pairs):
    counts = Counter(p.cls for p in pairs)
    assert set(counts) == set(CLASSES)
    assert all(n == 3 for n in counts.values()), counts
    for p in pairs:
        assert p.gold == GOLD[p.cls]
    assert {p.gold for p in pairs} == {*CHANGED, "none", "update"}
    assert {p.cls for p in pairs if p.gold == "none"} == set(CONTROLS)


def test_passages_come_from_the_texts_and_carry_publication_times(folder, pairs):
    bodies = [" ".join(t.split("\n")[1:]) for t in TEXTS.values()]
    for p in pairs:
        assert any(p.source in body for body in bodies), p.source  # the headline is never used
        assert 1 <= p.source.count(". ") + 1 <= 3
        name = p.origin.split(" ")[0]
        assert p.source_published == name.split("_")[1] + "T10:00:00"
        later = datetime.fromisoformat(p.target_published) - datetime.fromisoformat(p.source_published)
        assert later == {"update": timedelta(days=2), "identical_later": timedelta(days=3)}.get(
            p.cls, timedelta(hours=2))
    assert [d.name for d in read_texts(folder)] == sorted(TEXTS)


def _diff(a: Counter, b: Counter) -> tuple[int, int]:
    return sum((a - b).values()), sum((b - a).values())


def test_changed_pairs_change_exactly_one_fact(pairs):
    for p in pairs:
        if p.gold in ("none",) or p.cls == "actor_swapped":
            continue
        s, t = summary(p.source), summary(p.target)
        changed = {k for k in s if s[k] != t[k]}
        if p.cls in ("number_changed", "update"):
            assert changed == {"numbers"} and _diff(s["numbers"], t["numbers"]) == (1, 1), p
        elif p.cls == "date_changed":
            assert changed == {"dates"} and _diff(s["dates"], t["dates"]) == (1, 1), p
        elif p.cls == "hedge_dropped":
            assert changed == {"hedges"} and _diff(s["hedges"], t["hedges"]) == (1, 0), p
        elif p.cls == "negation_flipped":
            assert changed == {"negations"}, p
            assert abs(s["negations"]["negations"] - t["negations"]["negations"]) == 1
        elif p.cls == "interval_reversed":
            assert t["intervals"] - s["intervals"] == Counter({"reversed": 1}), p
            assert " until " in p.target and {"numbers", "hedges", "negations"}.isdisjoint(changed)
        # one edited stretch, and the rest of the text is the same on both sides
        (a, b), (c, d) = p.source_span, p.target_span
        assert p.source[:a] == p.target[:c] and p.source[b:] == p.target[d:] and p.source[a:b] != p.target[c:d]


def test_controls_keep_every_fact(pairs):
    for p in pairs:
        if p.cls in ("identical", "identical_later"):
            assert p.target == p.source
        elif p.cls in ("reworded", "actor_swapped"):
            assert p.target != p.source and summary(p.target) == summary(p.source), p
        elif p.cls == "interval_ordered":
            assert summary(p.target)["intervals"] == Counter({"ordered": 1}), p


def test_updates_are_larger_and_say_so(pairs):
    for p in [p for p in pairs if p.cls == "update"]:
        (old, _), = (summary(p.source)["numbers"] - summary(p.target)["numbers"]).keys()
        (new, _), = (summary(p.target)["numbers"] - summary(p.source)["numbers"]).keys()
        assert new > old and "has risen" in p.target


def test_actor_swaps_swap_two_names(pairs):
    for p in [p for p in pairs if p.cls == "actor_swapped"]:
        a, b = p.meta["names"]
        assert p.source.count(a) == p.target.count(b) and p.source.count(b) == p.target.count(a)


def test_generation_is_deterministic(folder, pairs):
    assert generate(folder, seed=3, per_class=3) == pairs
    assert generate(folder, seed=4, per_class=3) != pairs


def test_problems_catches_a_pair_that_is_not_what_it_says():
    text = "At least 14 people were killed on 12 March, police said."
    ok = Pair("x", "number_changed", "number_changed", text, text.replace("14", "41"), "2016-05-10T10:00:00",
              "2016-05-10T12:00:00", "x.txt", "14 -> 41")
    assert problems(ok) == []
    wrong_fact = Pair(**{**ok.public(), "target": text.replace("12 March", "21 March")})
    assert problems(wrong_fact)
    two_facts = Pair(**{**ok.public(), "target": text.replace("14", "41").replace("12 March", "21 March")})
    assert problems(two_facts)
    control = Pair(**{**ok.public(), "cls": "reworded", "gold": "none", "target": text.replace("14", "fourteen")})
    assert problems(control) == []
    assert problems(Pair(**{**control.public(), "target": text.replace("14", "fifteen")}))
    not_larger = Pair(**{**ok.public(), "cls": "update", "gold": "update", "target": text.replace("14", "9")})
    assert problems(not_larger)


def test_fact_rules():
    text = ("At least 14 people were killed and fourteen soldiers were hurt; $300 million was pledged in 2015, "
            "up 12% on 2 million minimum-wage workers. The two encapsulates the choice.")
    assert [(n.value, n.noun) for n in number_mentions(text)] == [
        (14, "people"), (14, "soldiers"), (2_000_000, "workers")]
    found = date_mentions("It began on Jan. 20, 2016 and ended On Tuesday; the vote in May 2015 was "
                          "held in March, on 3 June, and in 2012. The Mayor said nothing.")
    assert [(d.kind, d.key) for d in found] == [
        ("md", (2016, 1, 20, None)), ("wd", (None, None, None, 1)), ("my", (2015, 5, None, None)),
        ("m", (None, 3, None, None)), ("dm", (None, 6, 3, None)), ("y", (2012, None, None, None))]
    assert summary("It ran from 12 March until 3 March.")["intervals"] == Counter({"reversed": 1})


def test_no_texts_gives_no_pairs(tmp_path):
    assert generate(tmp_path, per_class=3) == []


# -- the detector on invented pairs ---------------------------------------------------------------------------

def _article(id_: str, text: str, published: str = "2016-05-10T10:00:00") -> Article:
    return Article(id=id_ * 16, text=text, title=None, outlet=None, url=None, author=None, published=published,
                   language="en", analysed=True, skip_reason=None, format="text", origin=Origin(path=f"{id_}.txt"),
                   raw_hash="0" * 64)


def _across(source: str, target: str, kind: str = "near_verbatim", later: str = "2016-05-10T12:00:00") -> list[dict]:
    s, t = _article("s", source), _article("t", target, later)
    al = Alignment(s.id, t.id, (0, len(source)), (0, len(target)), kind, 0.9, False, True, 1.0, "test")
    return across(al, s, t)


def test_a_changed_number_is_flagged_with_both_spans():
    source = "At least 14 people were killed in the blast on Tuesday, police said."
    target = "At least 41 people were killed in the blast on Tuesday, police said."
    [finding] = _across(source, target)
    assert finding["kind"] == "number_changed" and finding["values"] == [14, 41]
    (sa, sb), (ta, tb) = finding["spans"]
    assert source[sa:sb] == "14 people" and target[ta:tb] == "41 people"
    assert finding["articles"] == ["s" * 16, "t" * 16]


@pytest.mark.parametrize("kind", ["near_verbatim", "paraphrase"])
def test_a_number_in_words_is_not_a_change(kind):
    source = "At least 14 people were killed in the blast, police said."
    assert _across(source, source.replace("14", "fourteen"), kind) == []
    assert _across(source, "At least fourteen people were killed in the blast, police told reporters.", kind) == []


def test_a_changed_date_is_flagged():
    source = "Rebels seized the eastern quay on 12 March, the army said."
    target = "Rebels seized the eastern quay on 21 March, the army said."
    [finding] = _across(source, target)
    assert finding["kind"] == "date_changed" and finding["values"] == ["2016-03-12", "2016-03-21"]
    (sa, sb), (ta, tb) = finding["spans"]
    assert source[sa:sb] == "12 March" and target[ta:tb] == "21 March"
    assert _across(source, "Rebels seized the eastern quay on March 12, the army said.") == []


def test_a_larger_toll_two_days_later_is_an_update():
    source = "At least 14 people were killed in the blast, police said."
    target = "The death toll has risen to 19 people, police said."
    [finding] = _across(source, target, "paraphrase", later="2016-05-12T10:00:00")
    assert finding["kind"] == "number_updated" and finding["values"] == [14, 19]
    # the same figure two hours later, with no word of an update, is a conflict
    [conflict] = _across(source, source.replace("14", "19"))
    assert conflict["kind"] == "number_changed"


def test_a_dropped_hedge_is_flagged():
    source = "Rebels reportedly seized the eastern quay, the army said."
    [finding] = _across(source, "Rebels seized the eastern quay, the army said.")
    assert finding["kind"] == "hedge_dropped" and finding["values"][0] == "reportedly"
    sa, sb = finding["spans"][0]
    assert source[sa:sb] == "reportedly"
    assert _across(source, source) == []


def test_a_flipped_negation_is_flagged_in_near_verbatim_passages():
    source = "The ministry did not confirm the figure."
    [finding] = _across(source, "The ministry did confirm the figure.")
    assert finding["kind"] == "negation_flipped"


def test_an_interval_that_ends_before_it_begins():
    text = "The curfew in Marlow lasted from 12 March until 3 March, the council said."
    [finding] = internal(_article("a", text))
    assert finding["kind"] == "interval_reversed" and finding["values"] == ["2016-03-12", "2016-03-03"]
    a, b = finding["spans"][0]
    assert text[a:b] == "12 March until 3 March"
    assert internal(_article("a", text.replace("3 March", "23 March"))) == []
