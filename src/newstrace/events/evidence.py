"""Evidence for a field: its span and quote, and the claim chain read from the attribution stage's rows. When a
span lies inside what an attribution reports, the chain is that attribution's speaker and then each channel up
its parent links ("Hafeth al-Dabaa", "BBC"); the hedges are those of the attributions on the chain
("reportedly") and any statement elsewhere in the article that the speaker's claims could not be verified
("BBC notes that the MSC's claim could not be independently verified")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..analyse.attribution import HEDGES
from ..records import StoredAttribution
from .records import Evidence

_UNVERIFIED = re.compile(
    r"(?:could not|cannot|can ?not|couldn['’]t|was unable to|were unable to|unable to|has not been able to|"
    r"have not been able to)\s+(?:be\s+)?(?:independently\s+)?(?:verif\w*|confirm\w*)|"
    r"(?:has|have|had|could)\s+not\s+(?:yet\s+)?been\s+(?:independently\s+)?(?:verified|confirmed)|"
    r"\bunverified\b|\bunconfirmed\b", re.I)
_WHOSE = re.compile(r"(?:the\s+)?((?:[A-Z][\w.&-]*)(?:\s+[A-Z][\w.&-]*)*)['’]s?\s+(?:own\s+)?(?:claims?|account|"
                    r"version|figures?|statements?|reports?|assertions?)")


class Chains:
    """The claim chains of one article's attributions, built once for all the article's fields."""

    def __init__(self, article_id: str, text: str, attributions: Sequence[StoredAttribution]):
        self.article_id = article_id
        self.text = text
        self.rows = {a.n: a for a in attributions}
        self.ordered = sorted(attributions, key=lambda a: (a.cue[0], a.n))
        # every span a speaker is named by, by canonical name: "MSC" names Hafeth al-Dabaa when one of his
        # attributions calls him "a spokesman for the Derna Mujahideen Shura Council, also known as the MSC"
        self.named: dict[str, list[str]] = {}
        for row in attributions:
            key = self._name(row)
            if key and row.source is not None:
                self.named.setdefault(key, []).append(text[row.source[0]:row.source[1]])
        self.disclaimers = self._disclaimers()

    def _name(self, row: StoredAttribution) -> str | None:
        if row.canonical:
            return row.canonical
        if row.source is not None:
            return self.text[row.source[0]:row.source[1]]
        return None

    def _holder(self, span: tuple[int, int]) -> StoredAttribution | None:
        """The innermost attribution whose content holds the span (at least half of it)."""
        best: tuple[int, int, StoredAttribution] | None = None
        a, b = span
        size = max(1, b - a)
        for row in self.ordered:
            for start, end in row.content:
                inside = min(b, end) - max(a, start)
                if inside * 2 >= size and inside > 0:
                    key = (end - start, -row.n)
                    if best is None or key < best[:2]:
                        best = (key[0], key[1], row)
        return best[2] if best else None

    def chain(self, span: tuple[int, int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(speakers then channels, hedges) for a span; both empty when the article says it in its own voice."""
        row = self._holder(span)
        names: list[str] = []
        hedges: list[str] = []
        seen: set[int] = set()
        while row is not None and row.n not in seen:
            seen.add(row.n)
            name = self._name(row)
            if name and (not names or names[-1] != name):
                names.append(name)
            if row.hedged:
                hedges.extend(self._hedge_words(row))
            row = self.rows.get(row.parent) if row.parent is not None else None
        for claimant, hedge, _ in self.disclaimers:
            if claimant in names and hedge not in hedges:
                hedges.append(hedge)
        return tuple(names), tuple(dict.fromkeys(hedges))

    def evidence(self, span: tuple[int, int]) -> Evidence:
        a, b = span
        chain, hedges = self.chain(span)
        return Evidence(self.article_id, (a, b), self.text[a:b], chain, hedges)

    def _hedge_words(self, row: StoredAttribution) -> list[str]:
        starts = [row.cue[0]] + [a for a, _ in row.content]
        ends = [row.cue[1]] + [b for _, b in row.content]
        window_start = max(0, min(starts) - 80)
        found = [m.group(0) for m in HEDGES.finditer(self.text, window_start, max(ends))]
        return found

    def _disclaimers(self) -> list[tuple[str, str, int]]:
        """(speaker whose claims are disputed, the words, where) for every "could not be verified" in the
        text: the speaker named before "'s claim", else the one quoted last before it."""
        out: list[tuple[str, str, int]] = []
        for match in _UNVERIFIED.finditer(self.text):
            line_start = self.text.rfind("\n", 0, match.start()) + 1
            sentence_start = max(line_start, self.text.rfind(". ", line_start, match.start()) + 1)
            before = self.text[sentence_start:match.start()]
            claimant = None
            whose = list(_WHOSE.finditer(before))
            if whose:
                label = whose[-1].group(1)
                claimant = next((name for name, spans in self.named.items()
                                 if label in name or any(re.search(rf"\b{re.escape(label)}\b", s) for s in spans)),
                                None)
            if claimant is None:
                earlier = [r for r in self.ordered if r.cue[1] <= sentence_start and self._name(r)]
                if earlier:
                    claimant = self._name(earlier[-1])
            if claimant:
                out.append((claimant, match.group(0), match.start()))
        return out
