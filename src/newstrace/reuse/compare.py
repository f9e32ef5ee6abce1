"""Two articles side by side, and alignments written as PAN XML."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..formats.pan import Case, write_folder
from ..records import Alignment, Article
from ..store import Store
from .pairs import STAGE, compare_pairs, fingerprint_new


@dataclass(frozen=True)
class Passage:
    """One reused passage seen from a comparison: its text in each article, and which article took it from
    which (`taken_from`/`taken_by` are None when the direction is undecided)."""

    alignment: Alignment
    first_span: tuple[int, int]
    second_span: tuple[int, int]
    first_text: str
    second_text: str
    taken_from: Article | None
    taken_by: Article | None

    def public(self) -> dict[str, Any]:
        al = self.alignment
        pieces = word_diff(self.first_text, self.second_text)
        return {"kind": al.kind, "score": al.score, "quoted": al.quoted,
                "first_span": list(self.first_span), "second_span": list(self.second_span),
                "direction": "decided" if al.decided else "undecided",
                "taken_from": self.taken_from.id if self.taken_from else None,
                "taken_by": self.taken_by.id if self.taken_by else None,
                "direction_confidence": al.direction_confidence, "direction_reason": al.direction_reason,
                "a": [(text, "same" if tag == "same" else "only") for tag, text in pieces if tag != "b"],
                "b": [(text, "same" if tag == "same" else "only") for tag, text in pieces if tag != "a"]}


@dataclass
class Comparison:
    first: Article
    second: Article
    alignments: list[Alignment] = field(default_factory=list)

    def public(self) -> dict[str, Any]:
        """The shape of `compare --json` and of `/api/compare` less its `texts` (docs/json.md)."""
        return {"articles": [self.first.public(), self.second.public()],
                "alignments": [a.public() for a in self.alignments],
                "passages": [p.public() for p in self.passages()]}

    def passages(self) -> list[Passage]:
        """Each alignment seen from the first article, in the first article's order."""
        out = []
        for al in self.alignments:
            first_is_source = al.source == self.first.id
            a_span, b_span = (al.source_span, al.target_span) if first_is_source else (al.target_span, al.source_span)
            source, target = (self.first, self.second) if first_is_source else (self.second, self.first)
            out.append(Passage(al, a_span, b_span, self.first.text[slice(*a_span)], self.second.text[slice(*b_span)],
                               source if al.decided else None, target if al.decided else None))
        out.sort(key=lambda p: p.first_span)
        return out


def compare_articles(store: Store, first_id: str, second_id: str) -> Comparison:
    """The reused passages between two stored articles (aligned now if they never were)."""
    if first_id == second_id:
        [article] = store.get_articles([first_id])
        return Comparison(article, article)  # an article is not compared with itself
    first, second = store.get_articles([first_id, second_id])
    pair = (min(first.seq, second.seq), max(first.seq, second.seq))
    if first.seq != second.seq and not store.compared_pairs([pair], STAGE):
        fingerprint_new(store)
        compare_pairs(store, [pair])
    ids = {first.id, second.id}
    rows = [a for a in store.alignments_of([first.seq, second.seq]) if {a.source, a.target} == ids]
    return Comparison(first, second, rows)


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """(tag, text) pieces: 'same', 'a' (only in a) or 'b' (only in b), word by word."""
    wa, wb = a.split(), b.split()
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", " ".join(wa[i1:i2])))
        else:
            if i2 > i1:
                pieces.append(("a", " ".join(wa[i1:i2])))
            if j2 > j1:
                pieces.append(("b", " ".join(wb[j1:j2])))
    return pieces


def write_pan(store: Store, alignments: list[Alignment], folder: Path) -> list[Path]:
    """PAN XML, one file per (target, source) pair; references are article ids with `.txt`."""
    cases = [Case(f"{a.target}.txt", a.target_span, f"{a.source}.txt", a.source_span, a.kind) for a in alignments]
    return write_folder(folder, cases, detected=True)


__all__ = ["Comparison", "Passage", "compare_articles", "word_diff", "write_pan"]
