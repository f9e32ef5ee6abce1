"""Per-article summaries of reuse: how much of an article comes from each other article, and who copies it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

COPIED = ("verbatim", "near_verbatim")


@dataclass
class Borrowing:
    """What `target` takes from `source`, in characters of the target and as shares of its text."""

    source: str
    target: str
    copied: int  # verbatim and near-verbatim prose
    paraphrased: int
    quoted: int  # shared quotations (both quote the same words)
    target_length: int
    decided: bool
    confidence: float
    reason: str

    @property
    def copied_share(self) -> float:
        return self.copied / self.target_length if self.target_length else 0.0

    @property
    def paraphrased_share(self) -> float:
        return self.paraphrased / self.target_length if self.target_length else 0.0

    @property
    def quoted_share(self) -> float:
        return self.quoted / self.target_length if self.target_length else 0.0


def union_length(spans: list[tuple[int, int]]) -> int:
    total, end = 0, -1
    for a, b in sorted(spans):
        if a > end:
            total += b - a
            end = b
        elif b > end:
            total += b - end
            end = b
    return total


def borrowings(alignments: list[dict[str, Any]], lengths: dict[str, int]) -> list[Borrowing]:
    """One entry per (source, target) pair, largest first; copied characters are not counted again as
    paraphrased."""
    spans: dict[tuple[str, str], dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    meta: dict[tuple[str, str], dict[str, Any]] = {}
    for al in alignments:
        key = (al["source"], al["target"])
        category = "quoted" if al["quoted"] else ("copied" if al["kind"] in COPIED else "paraphrased")
        spans[key][category].append(tuple(al["target_span"]))
        best = meta.get(key)
        if best is None or al["direction_confidence"] > best["direction_confidence"]:
            meta[key] = al
    out = []
    for key, by_category in spans.items():
        copied = union_length(by_category["copied"])
        paraphrased = union_length(by_category["copied"] + by_category["paraphrased"]) - copied
        quoted = union_length(by_category["copied"] + by_category["paraphrased"] + by_category["quoted"]) \
            - copied - paraphrased
        m = meta[key]
        out.append(Borrowing(key[0], key[1], copied, paraphrased, quoted, lengths.get(key[1], 0),
                             m["direction"] == "decided", m["direction_confidence"], m["direction_reason"]))
    out.sort(key=lambda b: (-(b.copied + b.paraphrased + b.quoted), b.target, b.source))
    return out
