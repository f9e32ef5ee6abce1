"""The attribution scorer on hand cases, and brat round trips."""

from __future__ import annotations

from newstrace.evaluate.attribution import Report, score_document
from newstrace.formats.brat import Gold, read_ann, to_brat

TEXT = "The mayor said the bridge would reopen. “It is safe,” officials said."


def test_read_ann_with_discontinuous_content(tmp_path):
    ann = tmp_path / "a.ann"
    ann.write_text("T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 38;40 51\tthe bridge ...\n"
                   "T4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n", encoding="utf-8")
    [gold] = read_ann(ann)
    assert gold.source == ((0, 9),) and gold.cue == ((10, 14),) and gold.content == ((15, 38), (40, 51))


def test_exact_and_overlap_scores():
    gold = [Gold(((0, 9),), ((10, 14),), ((15, 38),)), Gold(((54, 63),), ((64, 68),), ((40, 52),))]
    predicted = [Gold(((0, 9),), ((10, 14),), ((15, 37),))]  # content one character short
    report = Report()
    score_document(report, predicted, gold)
    assert report.exact["source"].prf() == (1.0, 0.5, 2 / 3)
    assert report.exact["content"].prf() == (0.0, 0.0, 0.0)
    assert report.overlap["content"].prf() == (1.0, 0.5, 2 / 3)
    assert report.overlap["attribution"].prf()[0] == 1.0 and report.exact["attribution"].prf()[0] == 0.0


def test_brat_round_trip(tmp_path):
    attributions = [Gold(((0, 9),), ((10, 14),), ((15, 38),)), Gold(((54, 63),), ((64, 68),), ((40, 52),))]
    path = tmp_path / "out.ann"
    path.write_text(to_brat(TEXT, attributions), encoding="utf-8")
    assert read_ann(path) == attributions
