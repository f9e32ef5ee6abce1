"""The analysis sections of `trace --json` (docs/json.md) for a set of stored articles, read from what the
stages stored: the same rows the article pages, the story pages and the exports read."""

from __future__ import annotations

from typing import Any

from ..analyse.stage import public as attribution_public
from ..records import Article
from ..store import Store
from .events import events_of
from .quotes import speakers
from .stories import stories_of


def sections(store: Store, articles: list[Article]) -> dict[str, Any]:
    analysed = [a for a in articles if a.analysed]
    seqs = [a.seq for a in analysed]
    by_seq = {a.seq: a for a in analysed}
    rows = store.provenance_of(seqs)
    discrepancies: dict[str, dict[str, Any]] = {}
    for seq in seqs:  # a finding between two traced articles is stored with each: listed once
        for d in rows[seq].discrepancies if seq in rows else []:
            discrepancies.setdefault(repr((d["kind"], d["articles"], d["spans"])), d)
    attributions = [attribution_public(by_seq[r.seq].id, by_seq[r.seq].text, r) for r in store.attributions_of(seqs)]
    return {
        "alignments": [al.public() for al in store.alignments_of(seqs)],
        "attributions": attributions,
        "speakers": speakers(attributions),
        "stories": [story.public() for story in stories_of(store, analysed)],
        "sentences": [s for seq in seqs if seq in rows for s in rows[seq].sentences],
        "originality": [rows[seq].originality for seq in seqs if seq in rows],
        "discrepancies": list(discrepancies.values()),
        "events": [event.public() for event in events_of(store, analysed)],
        "pending": [by_seq[seq].id for seq in seqs if seq not in rows],
    }


def referenced_ids(sections: dict[str, Any]) -> list[str]:
    """Every article the sections point at (alignment sides, story members, discrepancy sides, event reports)."""
    ids: list[str] = []
    for alignment in sections.get("alignments", []):
        ids.extend((alignment["source"], alignment["target"]))
    for story in sections.get("stories", []):
        ids.extend(item["article"] for item in story["timeline"])
    for finding in sections.get("discrepancies", []):
        ids.extend(finding["articles"])
    for event in sections.get("events", []):
        ids.extend(report["article"] for report in event["reports"])
    return ids
