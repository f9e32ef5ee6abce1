"""Scoring attribution extraction against brat-standoff annotations (the PolNeAR layout), and brat output.

Exact match: a predicted span counts when it equals a gold span of the same role (all pieces of a
discontinuous span). Overlap: when it shares at least one character with one. Precision, recall and F1 per
role (source, cue, content), over spans pooled across documents; and for whole attributions, where all three
roles must match (exactly, or by overlap).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Spans = tuple[tuple[int, int], ...]
Match = Callable[[Spans, Spans], bool]
ROLES = ("source", "cue", "content")


@dataclass
class Gold:
    """One attribution: each role a (possibly discontinuous) span; source may be missing."""

    source: Spans | None
    cue: Spans | None
    content: Spans | None


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


def overlaps(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b)


def read_ann(path: Path) -> list[Gold]:
    """Attributions of one brat file: T lines give Source/Cue/Content spans, E lines join them."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not re.match(r"[TE]\d+\t", line):
            continue  # other annotation kinds, and the rest of a span text that ran over a line break
        if line.startswith("T"):
            ident, middle, *_ = line.split("\t")
            parts = middle.split(" ", 1)
            if len(parts) < 2:
                continue
            pieces = []
            for piece in parts[1].split(";"):
                numbers = re.findall(r"\d+", piece)
                if len(numbers) >= 2:
                    pieces.append((int(numbers[0]), int(numbers[1])))
            spans[ident] = tuple(pieces)
        elif line.startswith("E"):
            _, body = line.split("\t", 1)
            events.append(dict(arg.split(":", 1) for arg in body.split() if ":" in arg))
    out = []
    for event in events:
        if not any(k.startswith("Attribution") for k in event):
            continue
        out.append(Gold(spans.get(event.get("Source", "")), spans.get(event.get("Cue", "")),
                        spans.get(event.get("Content", ""))))
    return out


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


def to_brat(text: str, attributions: list[Gold], extras: list[dict[str, object]] | None = None) -> str:
    """brat standoff for attributions: Source, Cue and Content text-bound annotations joined by an Attribution
    event, as PolNeAR has them. With `extras` (one dict per attribution, from `trace --json`), each event also
    gets its type, source kind and hedge as attributes, the canonical source as a note, and a `Parent` relation
    to the attribution it is nested in; readers that know only PolNeAR's lines skip them."""
    lines: list[str] = []
    n = attrs = notes = relations = 0
    triggers: dict[int, str] = {}
    parents: list[tuple[int, int]] = []
    for k, att in enumerate(attributions, 1):
        args = []
        extra = extras[k - 1] if extras else {}
        for role in ("Source", "Cue", "Content"):
            spans = getattr(att, role.lower())
            if not spans:
                continue
            n += 1
            where = ";".join(f"{a} {b}" for a, b in spans)
            lines.append(f"T{n}\t{role} {where}\t{' '.join(_one_line(text[a:b]) for a, b in spans)}")
            args.append(f"{role}:T{n}")
            if role == "Source" and extra.get("canonical"):
                notes += 1
                lines.append(f"#{notes}\tAnnotatorNotes T{n}\tcanonical: {_one_line(str(extra['canonical']))}")
        if att.cue:
            n += 1
            a, b = att.cue[0]
            lines.append(f"T{n}\tAttribution {a} {b}\t{_one_line(text[a:b])}")
            lines.append(f"E{k}\tAttribution:T{n} " + " ".join(args))
            triggers[k - 1] = f"T{n}"
            for name in ("type", "kind"):
                if extra.get(name):
                    attrs += 1
                    lines.append(f"A{attrs}\t{name.capitalize()} E{k} {extra[name]}")
            if extra.get("hedged"):
                attrs += 1
                lines.append(f"A{attrs}\tHedged E{k}")
            if isinstance(extra.get("parent"), int):
                parents.append((k - 1, extra["parent"]))  # type: ignore[arg-type]
    for child, parent in parents:
        if child in triggers and parent in triggers:
            relations += 1
            lines.append(f"R{relations}\tParent Arg1:{triggers[child]} Arg2:{triggers[parent]}")
    return "\n".join(lines) + ("\n" if lines else "")


def _one_line(piece: str) -> str:
    """brat keeps one annotation per line: a span's text shown there has its line breaks as spaces."""
    return piece.replace("\n", " ")


def public_to_brat(text: str, attributions: list[dict[str, Any]]) -> str:
    """brat standoff for one article's attributions as `trace --json` gives them."""
    index = {a["id"]: n for n, a in enumerate(attributions)}
    golds, extras = [], []
    for a in attributions:
        golds.append(Gold((tuple(a["source"]["span"]),) if a["source"] else None, (tuple(a["cue"]["span"]),),
                          tuple(tuple(c["span"]) for c in a["content"]) or None))
        extras.append({"type": a["type"], "kind": a["source"]["kind"] if a["source"] else None,
                       "hedged": a["hedged"], "canonical": a["source"]["canonical"] if a["source"] else None,
                       "parent": index.get(a["parent"]) if a["parent"] else None})
    return to_brat(text, golds, extras)
