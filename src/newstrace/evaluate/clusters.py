"""Scores of a clustering against a gold one: B-cubed, pairwise precision/recall/F1 and the adjusted Rand index.
Used for stories (articles grouped into stories) and events (event reports merged into events).

All three are computed from the contingency table (how many items each predicted cluster shares with each gold
cluster), so they cost one pass over the items whatever the number of clusters. A ratio whose denominator is
empty (no predicted pairs, no gold pairs) counts as 1.0: nothing was claimed, so nothing was wrong.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


_Cells = Counter[tuple[Hashable, Hashable]]  # items per (predicted, gold) label pair


def _tables(predicted: Sequence[Hashable],
            gold: Sequence[Hashable]) -> tuple[_Cells, Counter[Hashable], Counter[Hashable]]:
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predicted labels for {len(gold)} gold labels")
    cells = Counter(zip(predicted, gold, strict=True))
    return cells, Counter(predicted), Counter(gold)


def _ratio(num: float, den: float) -> float:
    return num / den if den else 1.0


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> PRF:
    """Item-averaged B-cubed: an item's precision is the share of its predicted cluster in its gold cluster,
    its recall the share of its gold cluster in its predicted cluster."""
    cells, pred_sizes, gold_sizes = _tables(predicted, gold)
    n = len(predicted)
    precision = sum(c * c / pred_sizes[p] for (p, _), c in cells.items())
    recall = sum(c * c / gold_sizes[g] for (_, g), c in cells.items())
    return PRF(_ratio(precision, n), _ratio(recall, n))


def labels(groups: Iterable[Collection[Hashable]]) -> dict[Hashable, int]:
    """Each item's cluster number, from a clustering given as groups of items; an item in two groups is an
    error (ValueError naming it)."""
    out: dict[Hashable, int] = {}
    for n, group in enumerate(groups):
        for item in group:
            if item in out:
                raise ValueError(f"item {item!r} is in two clusters ({out[item]} and {n})")
            out[item] = n
    return out


def bcubed_groups(predicted: Iterable[Collection[Hashable]], gold: Iterable[Collection[Hashable]]) -> PRF:
    """B-cubed of two clusterings given as groups of items (events as lists of their reports); both must hold
    the same items (ValueError naming one that is in one only)."""
    p, g = labels(predicted), labels(gold)
    if p.keys() != g.keys():
        item = next(iter((p.keys() - g.keys()) or (g.keys() - p.keys())))
        side = "predicted" if item in p else "gold"
        raise ValueError(f"item {item!r} is only in the {side} clustering")
    items = list(g)
    return bcubed([p[i] for i in items], [g[i] for i in items])


def _pairs(k: int) -> int:
    return k * (k - 1) // 2


def pairwise(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> PRF:
    """Precision and recall over pairs of items: a pair is claimed when both items share a predicted cluster,
    right when they also share a gold one."""
    cells, pred_sizes, gold_sizes = _tables(predicted, gold)
    both = sum(_pairs(c) for c in cells.values())
    claimed = sum(_pairs(c) for c in pred_sizes.values())
    true = sum(_pairs(c) for c in gold_sizes.values())
    return PRF(_ratio(both, claimed), _ratio(both, true))


def adjusted_rand(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Hubert and Arabie's adjusted Rand index: pair agreement corrected for chance, 0 for a random clustering
    and 1 for a perfect one; 1.0 also when both clusterings are trivial in the same way (the index is 0/0)."""
    cells, pred_sizes, gold_sizes = _tables(predicted, gold)
    index = sum(_pairs(c) for c in cells.values())
    a = sum(_pairs(c) for c in pred_sizes.values())
    b = sum(_pairs(c) for c in gold_sizes.values())
    total = _pairs(len(predicted))
    expected = a * b / total if total else 0.0
    best = (a + b) / 2
    if best == expected:
        return 1.0
    return (index - expected) / (best - expected)
