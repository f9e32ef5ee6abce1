"""The chain scorer on hand-built predictions (no spaCy), and the nesting set it is meant for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.analyse.attribution import Attribution
from newstrace.evaluate.chains import load, parse_passage, read_passages, score, score_passage, without_parents

NESTING = Path(__file__).resolve().parent / "data" / "nesting.jsonl"

TEXT = "Col. Ana Weiss told Radio Kessany that the bridge would reopen, according to the Northern Herald."
PASSAGE = parse_passage({"id": "t1", "text": TEXT, "attributions": [
    {"source": "the Northern Herald", "cue": "according to", "parent": None},
    {"source": "Radio Kessany", "cue": "told", "parent": 0},
    {"source": "Col. Ana Weiss", "cue": "told", "parent": 1},
]})


def at(text: str, piece: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


def att(source: str | None, cue: str, parent: int | None = None, text: str = TEXT, **extra) -> Attribution:
    return Attribution(cue=at(text, cue), source=at(text, source) if source else None, content=[(0, 1)],
                       parent=parent, extra=extra)


def perfect() -> list[Attribution]:
    return [att("the Northern Herald", "according to"), att("Radio Kessany", "told", 0, recipient=True),
            att("Col. Ana Weiss", "told", 1)]


def test_loading_resolves_substrings_and_occurrences():
    text = "Reuters said the mayor said so."
    [passage] = read_passages([json.dumps({"id": "x", "text": text, "attributions": [
        {"source": "Reuters", "cue": "said", "parent": None},
        {"source": "the mayor", "cue": "said", "cue_occurrence": 2, "parent": 0}]})])
    assert passage.attributions[1].cue == (23, 27) and text[23:27] == "said"
    assert passage.attributions[0].cue == (8, 12)
    assert passage.depth == 2 and PASSAGE.depth == 3
    assert PASSAGE.attributions[0].cue == at(TEXT, "according to")


def test_perfect_predictions_score_one():
    result = score([PASSAGE], {"t1": perfect()})
    assert (result.chain_accuracy, result.recall, result.passage_accuracy) == (1.0, 1.0, 1.0)
    assert result.passages[0].errors == []


def test_a_wrong_parent_costs_exactly_that_attribution():
    predicted = perfect()
    predicted[2].parent = 0  # Weiss hung from the Herald, skipping the station
    result = score([PASSAGE], {"t1": predicted})
    assert result.chain_accuracy == pytest.approx(2 / 3) and result.recall == 1.0
    assert result.passage_accuracy == 0.0
    [error] = result.passages[0].errors
    assert error.index == 2
    assert error.reason == "parent 'Radio Kessany' (told) expected, got 'the Northern Herald' (according to)"
    # a parent where gold has none is wrong too
    predicted = perfect()
    predicted[0].parent = 2
    assert score([PASSAGE], {"t1": predicted}).chain_accuracy == pytest.approx(2 / 3)


def test_a_missed_attribution_is_wrong_and_so_is_its_child():
    predicted = [att("the Northern Herald", "according to"), att("Col. Ana Weiss", "told", 0)]
    result = score_passage(PASSAGE, predicted)
    assert result.gold == 3 and result.matched == 2 and result.right == 1
    reasons = {e.index: e.reason for e in result.errors}
    assert reasons[1] == "missed"
    assert reasons[2] == "parent 'Radio Kessany' (told) [missed] expected, got 'the Northern Herald' (according to)"
    # the child of a missed parent is wrong even with no parent predicted (None is not the missed one)
    result = score_passage(PASSAGE, [att("the Northern Herald", "according to"), att("Col. Ana Weiss", "told")])
    assert result.right == 1 and {e.index for e in result.errors} == {1, 2}
    assert score([PASSAGE], {}).recall == 0.0  # no predictions for the passage: all missed


def test_baseline_without_parents_gets_only_the_top_level():
    flat = without_parents(perfect())
    assert [a.parent for a in flat] == [None, None, None] and perfect()[2].parent == 1
    result = score([PASSAGE], {"t1": flat})
    assert result.chain_accuracy == pytest.approx(1 / 3) and result.recall == 1.0


def test_overlap_matching():
    # a longer source span and a cue of one of the two words of "according to" still match
    predicted = [Attribution(cue=at(TEXT, "according"), source=at(TEXT, "the Northern Herald."), content=[]),
                 att("Radio Kessany", "told", 0), Attribution(cue=at(TEXT, "told"), source=at(TEXT, "Col. Ana"),
                                                              content=[], parent=1)]
    assert score([PASSAGE], {"t1": predicted}).chain_accuracy == 1.0
    # the source overlaps but the cue does not: no match
    wrong_cue = [att("the Northern Herald", "according to"), att("Radio Kessany", "reopen", 0),
                 att("Col. Ana Weiss", "told", 1)]
    result = score_passage(PASSAGE, wrong_cue)
    assert result.matched == 2 and {e.index: e.reason for e in result.errors}[1] == "missed"
    # no source: no match
    assert score_passage(PASSAGE, [att(None, "according to")]).matched == 0


def test_matching_is_one_to_one_and_best_overlap_first():
    # two predictions for Weiss: the tighter one wins, the other is left over and is not anyone's match
    loose = Attribution(cue=at(TEXT, "told"), source=(0, at(TEXT, "Radio Kessany")[1]), content=[], parent=None)
    predicted = [loose, *perfect()]  # listed first, so only the ranking by overlap keeps it out
    for a in predicted[1:]:
        a.parent = None if a.parent is None else a.parent + 1
    result = score_passage(PASSAGE, predicted)
    assert result.matches == {0: 1, 1: 2, 2: 3} and result.right == 3
    # only the loose one, which overlaps both "Radio Kessany" and "Col. Ana Weiss": it goes to one of them
    result = score_passage(PASSAGE, [perfect()[0], loose])
    assert len(result.matches) == 2 and sorted(result.matches.values()) == [0, 1]


def test_missing_substring_names_the_passage():
    with pytest.raises(ValueError, match=r"passage p7: source 'the Herald'"):
        parse_passage({"id": "p7", "text": "The mayor said so.", "attributions": [
            {"source": "the Herald", "cue": "said", "parent": None}]})
    with pytest.raises(ValueError, match=r"passage p8: cue 'said' \(occurrence 2\) is not in the text"):
        parse_passage({"id": "p8", "text": "The mayor said so.", "attributions": [
            {"source": "The mayor", "cue": "said", "cue_occurrence": 2, "parent": None}]})
    with pytest.raises(ValueError, match=r"passage p9: attribution 0 has parent 3"):
        parse_passage({"id": "p9", "text": "The mayor said so.", "attributions": [
            {"source": "The mayor", "cue": "said", "parent": 3}]})
    with pytest.raises(ValueError, match=r"passage p10: the parents of attribution 0 make a loop"):
        parse_passage({"id": "p10", "text": "A said B said so.", "attributions": [
            {"source": "A", "cue": "said", "parent": 1}, {"source": "B", "cue": "said", "cue_occurrence": 2,
                                                          "parent": 0}]})


def test_the_nesting_set_loads_and_is_nested():
    passages = load(NESTING)
    assert len(passages) >= 45
    assert sum(p.depth >= 3 for p in passages) >= 15
    assert sum(p.depth == 2 for p in passages) >= 15
    for passage in passages:
        assert any(g.parent is not None for g in passage.attributions), passage.id
        # spans are whole words: a substring picked inside a longer word would be a slip in the set
        for gold in passage.attributions:
            for a, b in (gold.source, gold.cue):
                assert not (a > 0 and passage.text[a - 1].isalnum()), (passage.id, passage.text[a:b])
                assert not (b < len(passage.text) and passage.text[b].isalnum()), (passage.id, passage.text[a:b])
    for line in NESTING.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        assert set(obj) <= {"id", "text", "attributions", "note"}
        assert all(set(x) <= {"source", "cue", "parent", "occurrence", "cue_occurrence", "note"}
                   for x in obj["attributions"])
