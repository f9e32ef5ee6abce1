"""Small shared pieces of the reuse stage's results: which alignment kinds are copies, and the length of a
union of spans. The shares of an article taken from others are defined once, in provenance/origins.py."""

from __future__ import annotations

COPIED = ("verbatim", "near_verbatim")


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
