"""PAN text-alignment measures (Potthast et al., 2010) at character level, and PAN XML.

A case pairs a span of a suspicious (target) document with a span of a source document. A detection
detects a case when they overlap on both sides. With |x| counting characters on both sides:

    precision   = mean over detections r of |union over cases s of (s & r)| / |r|
    recall      = mean over cases s of |union over detections r of (s & r)| / |s|
    granularity = mean over detected cases of the number of detections that detect it
    plagdet     = F1(precision, recall) / log2(1 + granularity)

PAN XML: one file per document pair, `<document reference="SUSP">` holding `<feature name="plagiarism"
this_offset this_length source_reference source_offset source_length [obfuscation]/>` elements
(detections use name="detected-plagiarism").
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

Interval = tuple[int, int]


@dataclass(frozen=True)
class Case:
    """One reused passage: target (suspicious) span and source span, half-open character offsets."""

    target: str
    target_span: Interval
    source: str
    source_span: Interval
    obfuscation: str = ""

    @property
    def size(self) -> int:
        return (self.target_span[1] - self.target_span[0]) + (self.source_span[1] - self.source_span[0])


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


# -- PAN XML ---------------------------------------------------------------------------------------------


def to_xml(target: str, cases: list[Case], detected: bool = False) -> str:
    """The PAN XML document for one target document (all its cases, any sources)."""
    root = ET.Element("document", reference=target)
    for case in cases:
        attrs = {
            "name": "detected-plagiarism" if detected else "plagiarism",
            "this_offset": str(case.target_span[0]),
            "this_length": str(case.target_span[1] - case.target_span[0]),
            "source_reference": case.source,
            "source_offset": str(case.source_span[0]),
            "source_length": str(case.source_span[1] - case.source_span[0]),
        }
        if case.obfuscation:
            attrs["obfuscation"] = case.obfuscation
        ET.SubElement(root, "feature", attrs)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def from_xml(text: str) -> list[Case]:
    """Cases (or detections) from one PAN XML document."""
    root = ET.fromstring(text)
    target = root.get("reference", "")
    cases = []
    for feature in root.iter("feature"):
        if feature.get("name") not in ("plagiarism", "detected-plagiarism", "artificial-plagiarism"):
            continue
        t0, tl = int(feature.get("this_offset", 0)), int(feature.get("this_length", 0))
        s0, sl = int(feature.get("source_offset", 0)), int(feature.get("source_length", 0))
        cases.append(Case(target, (t0, t0 + tl), feature.get("source_reference", ""), (s0, s0 + sl),
                          feature.get("obfuscation", "")))
    return cases


def write_folder(folder: Path, cases: list[Case], detected: bool = False) -> list[Path]:
    """One XML file per target/source pair, named `TARGET-SOURCE.xml` (the PAN layout)."""
    folder.mkdir(parents=True, exist_ok=True)
    grouped: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for case in cases:
        grouped[(case.target, case.source)].append(case)
    written = []
    for (target, source), group in sorted(grouped.items()):
        path = folder / f"{Path(target).stem}-{Path(source).stem}.xml"
        path.write_text(to_xml(target, sorted(group, key=lambda c: c.target_span), detected), encoding="utf-8")
        written.append(path)
    return written


def read_folder(folder: Path) -> list[Case]:
    cases: list[Case] = []
    for path in sorted(folder.glob("*.xml")):
        cases.extend(from_xml(path.read_text(encoding="utf-8")))
    return cases
