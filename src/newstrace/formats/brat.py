"""brat standoff for attributions, as PolNeAR lays it out: Source, Cue and Content text-bound annotations
(`T` lines) joined by an Attribution event (`E` lines). `newstrace export --attributions --format brat`
writes it, `newstrace train attribution` reads it, and `newstrace.evaluate.attribution` scores against it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Spans = tuple[tuple[int, int], ...]


@dataclass
class Gold:
    """One attribution: each role a (possibly discontinuous) span; source may be missing."""

    source: Spans | None
    cue: Spans | None
    content: Spans | None


def overlaps(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    """Whether two sets of spans share at least one character."""
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
