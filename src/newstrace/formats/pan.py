"""PAN text-alignment XML (Potthast et al., 2010): reused passages as cases, one file per document pair.

A case pairs a span of a suspicious (target) document with a span of a source document. One XML file per
pair, `<document reference="SUSP">` holding `<feature name="plagiarism" this_offset this_length
source_reference source_offset source_length [obfuscation]/>` elements (detections use
name="detected-plagiarism"). `newstrace export --alignments --format pan` writes it; `newstrace.evaluate.pan`
scores it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
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
