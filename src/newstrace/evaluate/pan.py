"""PAN text-alignment measures (Potthast et al., 2010) at character level.

A detection detects a case (`newstrace.formats.pan.Case`) when they overlap on both sides. With |x| counting
characters on both sides:

    precision   = mean over detections r of |union over cases s of (s & r)| / |r|
    recall      = mean over cases s of |union over detections r of (s & r)| / |s|
    granularity = mean over detected cases of the number of detections that detect it
    plagdet     = F1(precision, recall) / log2(1 + granularity)
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..formats.pan import Case, Interval


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    granularity: float
    plagdet: float
    cases: int
    detections: int

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "granularity": self.granularity,
                "plagdet": self.plagdet, "cases": self.cases, "detections": self.detections}


def _overlap(a: Interval, b: Interval) -> Interval | None:
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (start, end) if start < end else None


def _union_length(intervals: Iterable[Interval]) -> int:
    total, current_end = 0, None
    current_start = 0
    for start, end in sorted(intervals):
        if current_end is None or start > current_end:
            if current_end is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += current_end - current_start
    return total


def _meet(s: Case, r: Case) -> tuple[Interval, Interval] | None:
    """s & r: the overlaps on both sides, or None when r does not detect s."""
    if s.target != r.target or s.source != r.source:
        return None
    t = _overlap(s.target_span, r.target_span)
    o = _overlap(s.source_span, r.source_span)
    return (t, o) if t and o else None


def score(cases: list[Case], detections: list[Case]) -> Scores:
    """The PAN measures over whole sets (micro-averaged over cases and detections)."""
    by_pair: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for s in cases:
        by_pair[(s.target, s.source)].append(s)
    meets: dict[int, list[tuple[int, tuple[Interval, Interval]]]] = defaultdict(list)  # case -> [(det, meet)]
    det_meets: dict[int, list[tuple[Interval, Interval]]] = defaultdict(list)
    index = {id(s): n for n, s in enumerate(cases)}
    for j, r in enumerate(detections):
        for s in by_pair.get((r.target, r.source), []):
            m = _meet(s, r)
            if m:
                meets[index[id(s)]].append((j, m))
                det_meets[j].append(m)
    precision = 0.0
    if detections:
        total = 0.0
        for j, r in enumerate(detections):
            covered = _union_length(m[0] for m in det_meets[j]) + _union_length(m[1] for m in det_meets[j])
            total += covered / r.size if r.size else 0.0
        precision = total / len(detections)
    recall = 0.0
    if cases:
        total = 0.0
        for n, s in enumerate(cases):
            covered = _union_length(m[0] for _, m in meets[n]) + _union_length(m[1] for _, m in meets[n])
            total += covered / s.size if s.size else 0.0
        recall = total / len(cases)
    detected = [len({j for j, _ in meets[n]}) for n in range(len(cases)) if meets[n]]
    granularity = sum(detected) / len(detected) if detected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    plagdet = f1 / math.log2(1 + granularity)
    return Scores(precision, recall, granularity, plagdet, len(cases), len(detections))
