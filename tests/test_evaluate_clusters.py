"""B-cubed of clusterings given as groups (events as groups of reports), on cases worked out by hand."""

from __future__ import annotations

import pytest

from newstrace.evaluate.clusters import bcubed, bcubed_groups, labels

GOLD = [["a", "b", "c"], ["d", "e"], ["f"]]


def test_clusters_bcubed_groups_perfect_and_all_singletons() -> None:
    perfect = bcubed_groups([["f"], ["e", "d"], ["c", "a", "b"]], GOLD)
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    single = bcubed_groups([[x] for g in GOLD for x in g], GOLD)
    # recall per item: a, b, c 1/3 each; d, e 1/2 each; f 1 -> (1 + 1 + 1) / 6
    assert single.precision == 1.0
    assert single.recall == pytest.approx(3 / 6)


def test_clusters_bcubed_groups_hand_worked_merge_and_split() -> None:
    # predicted: {a, b}, {c, d, e}, {f}
    # precision: a, b 1; c 1/3; d, e 2/3 each; f 1 -> (1 + 1 + 1/3 + 2/3 + 2/3 + 1) / 6 = 14/18
    # recall:    a, b 2/3 each; c 1/3; d, e 1; f 1 -> (2/3 + 2/3 + 1/3 + 1 + 1 + 1) / 6 = 14/18
    b = bcubed_groups([["a", "b"], ["c", "d", "e"], ["f"]], GOLD)
    assert b.precision == pytest.approx(14 / 18)
    assert b.recall == pytest.approx(14 / 18)
    assert b.f1 == pytest.approx(14 / 18)
    # the same through the label form
    assert bcubed([0, 0, 1, 1, 1, 2], [0, 0, 0, 1, 1, 2]).precision == pytest.approx(b.precision)
    assert labels([["x"], ["y", "z"]]) == {"x": 0, "y": 1, "z": 1}


def test_clusters_bcubed_groups_refuses_mismatched_items() -> None:
    with pytest.raises(ValueError, match="'g' is only in the predicted clustering"):
        bcubed_groups([["a", "b", "c"], ["d", "e"], ["f", "g"]], GOLD)
    with pytest.raises(ValueError, match="'a' is in two clusters"):
        bcubed_groups([["a", "b"], ["a", "c"]], GOLD)
