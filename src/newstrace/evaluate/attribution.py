"""Scoring attribution extraction against brat-standoff annotations (the PolNeAR layout; read and written by
`newstrace.formats.brat`).

Exact match: a predicted span counts when it equals a gold span of the same role (all pieces of a
discontinuous span). Overlap: when it shares at least one character with one. Precision, recall and F1 per
role (source, cue, content), over spans pooled across documents; and for whole attributions, where all three
roles must match (exactly, or by overlap).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..formats.brat import Gold, Spans, overlaps

Match = Callable[[Spans, Spans], bool]
ROLES = ("source", "cue", "content")


@dataclass
class Counts:
    tp_p: int = 0  # predictions that match
    tp_r: int = 0  # gold that is matched
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: list[Spans], gold: list[Spans], match: Match) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.tp_p += sum(1 for p in predicted if any(match(p, g) for g in gold))
        self.tp_r += sum(1 for g in gold if any(match(p, g) for p in predicted))

    def prf(self) -> tuple[float, float, float]:
        p = self.tp_p / self.predicted if self.predicted else 0.0
        r = self.tp_r / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Report:
    exact: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in (*ROLES, "attribution")})
    overlap: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in (*ROLES, "attribution")})


def exact(a: Spans, b: Spans) -> bool:
    return tuple(sorted(a)) == tuple(sorted(b))


def score_document(report: Report, predicted: list[Gold], gold: list[Gold]) -> None:
    for counts, match in ((report.exact, exact), (report.overlap, overlaps)):
        for role in ROLES:
            p = [getattr(x, role) for x in predicted if getattr(x, role)]
            g = [getattr(x, role) for x in gold if getattr(x, role)]
            counts[role].add(p, g, match)

        def whole(a: Gold, b: Gold, match: Match = match) -> bool:
            return all((getattr(a, r) is None and getattr(b, r) is None) or (
                getattr(a, r) is not None and getattr(b, r) is not None
                and match(getattr(a, r), getattr(b, r)))
                for r in ROLES)

        counts["attribution"].predicted += len(predicted)
        counts["attribution"].gold += len(gold)
        counts["attribution"].tp_p += sum(1 for a in predicted if any(whole(a, b) for b in gold))
        counts["attribution"].tp_r += sum(1 for b in gold if any(whole(a, b) for a in predicted))
