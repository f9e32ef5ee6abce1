"""How the analysis' figures are shown, once for every face: the names of the origin labels and whole
percentages that add up to 100 (docs/figures.md defines each figure)."""

from __future__ import annotations

from typing import Any

from ..provenance.origins import LABELS

NAMES = {"copied": "copied", "paraphrased": "paraphrased", "shared": "shared, direction unknown",
         "shared_quote": "shared quote", "attributed": "attributed", "original": "original"}


def percent_parts(shares: dict[str, Any], keys: tuple[str, ...] = LABELS) -> dict[str, int]:
    """Whole percentages of shares that add up to 1, rounded so that they still add up to 100 (largest
    remainders first)."""
    raw = {k: float(shares.get(k) or 0.0) * 100 for k in keys}
    whole = {k: int(v) for k, v in raw.items()}
    target = round(sum(raw.values()))
    for k in sorted(keys, key=lambda k: -(raw[k] - whole[k]))[:max(0, target - sum(whole.values()))]:
        whole[k] += 1
    return whole


def taken_percent(shares: dict[str, Any]) -> int:
    """'N% taken': `derived` (an article's) or `share` (what it takes from one source), rounded, so that an
    article with one source shows the same number on its badge and on its source's line."""
    return round(100 * float(shares["derived"] if "derived" in shares else shares["share"]))


def share_parts(shares: dict[str, Any]) -> list[tuple[str, str, int]]:
    """(label, its name, whole percent) for every label with a part, strongest first."""
    parts = percent_parts(shares)
    return [(k, NAMES[k], parts[k]) for k in LABELS if parts[k]]
