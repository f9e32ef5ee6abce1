"""PAN measures on hand-worked cases (numbers checked by hand from the definitions)."""

from __future__ import annotations

import math

import pytest

from newstrace.evaluate.pan import score
from newstrace.formats.pan import Case, from_xml, read_folder, to_xml, write_folder


def case(t0, t1, s0, s1, target="t", source="s"):
    return Case(target, (t0, t1), source, (s0, s1))


def test_perfect_detection():
    truth = [case(0, 100, 50, 150)]
    result = score(truth, [case(0, 100, 50, 150)])
    assert (result.precision, result.recall, result.granularity, result.plagdet) == (1.0, 1.0, 1.0, 1.0)


def test_half_detection_has_full_precision_and_half_recall():
    result = score([case(0, 100, 0, 100)], [case(0, 50, 0, 50)])
    assert result.precision == 1.0
    assert result.recall == 0.5
    assert result.plagdet == pytest.approx(2 * 0.5 / 1.5)


def test_detection_twice_the_size_has_half_precision():
    result = score([case(0, 100, 0, 100)], [case(0, 200, 0, 200)])
    assert result.precision == 0.5 and result.recall == 1.0


def test_split_detection_counts_in_granularity():
    result = score([case(0, 100, 0, 100)], [case(0, 50, 0, 50), case(50, 100, 50, 100)])
    assert result.precision == 1.0 and result.recall == 1.0 and result.granularity == 2.0
    assert result.plagdet == pytest.approx(1 / math.log2(3))


def test_overlap_on_one_side_only_is_no_detection():
    result = score([case(0, 100, 0, 100)], [case(0, 100, 500, 600)])
    assert result.precision == 0.0 and result.recall == 0.0


def test_other_document_pair_does_not_count():
    result = score([case(0, 100, 0, 100)], [case(0, 100, 0, 100, source="other")])
    assert result.recall == 0.0 and result.precision == 0.0


def test_no_detections_and_no_cases():
    assert score([case(0, 10, 0, 10)], []).plagdet == 0.0
    empty = score([], [case(0, 10, 0, 10)])
    assert empty.precision == 0.0 and empty.recall == 0.0


def test_two_cases_one_detection_spanning_both():
    truth = [case(0, 100, 0, 100), case(200, 300, 200, 300)]
    result = score(truth, [case(0, 300, 0, 300)])
    # the detection covers 200 of its 300 target chars and 200 of 300 source chars
    assert result.precision == pytest.approx(400 / 600)
    assert result.recall == 1.0 and result.granularity == 1.0


def test_xml_round_trip(tmp_path):
    truth = [Case("susp-1.txt", (10, 50), "src-2.txt", (100, 140), "verbatim"),
             Case("susp-1.txt", (60, 90), "src-2.txt", (5, 30), "paraphrase")]
    text = to_xml("susp-1.txt", truth)
    assert 'this_offset="10" this_length="40" source_reference="src-2.txt"' in text
    assert from_xml(text) == truth
    [path] = write_folder(tmp_path, truth)
    assert path.name == "susp-1-src-2.xml"
    assert read_folder(tmp_path) == truth
