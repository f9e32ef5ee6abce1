"""Scoring chains of attribution (who said it, through whom) against a hand-made set of passages with nested
attributions (`tests/data/nesting.jsonl`).

Each line of the set is one passage: `{"id", "text", "attributions": [{"source", "cue", "parent", ...}]}`, where
`source` and `cue` are exact substrings of the text (`occurrence` and `cue_occurrence`, counting from 1, pick
which one when the string appears more than once) and `parent` is the index, in that list, of the attribution
this one is nested in (null at the top level). Every attribution of the passage is listed, nested or not.

Matching: a predicted attribution matches a gold one when its source span overlaps the gold source span and its
cue span overlaps the gold cue (a cue of several words, "according to", matches a predicted cue that overlaps
any of its words). One to one, the best overlap first: the sum, for source and cue, of the overlap as a share
of the two spans' union.

Scores: chain accuracy is the share of gold attributions that are matched and whose predicted parent is the
prediction matched to the gold parent (no parent on both sides is right; a gold parent left unmatched makes the
child wrong); recall is the share matched; passage accuracy the share of passages with every gold attribution
right. Depth is the longest chain of the gold (2: one attribution inside another; 3: inside one inside one).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..analyse.attribution import Attribution

Span = tuple[int, int]


@dataclass(frozen=True)
class GoldAttribution:
    source: Span
    cue: Span
    parent: int | None
    note: str = ""


@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    note: str = ""

    def depth_of(self, n: int) -> int:
        """Levels from the top down to attribution `n` (1 at the top)."""
        depth, node = 1, self.attributions[n].parent
        while node is not None:
            depth += 1
            node = self.attributions[node].parent
        return depth

    @property
    def depth(self) -> int:
        return max((self.depth_of(n) for n in range(len(self.attributions))), default=0)

    def describe(self, n: int) -> str:
        gold = self.attributions[n]
        return f"{self.text[slice(*gold.source)]!r} ({self.text[slice(*gold.cue)]})"


@dataclass(frozen=True)
class GoldError:
    index: int  # into the passage's gold attributions
    gold: str  # "'Radio Kessany' (told)"
    reason: str  # "missed" or "parent X expected, got Y"


@dataclass
class PassageResult:
    id: str
    depth: int
    gold: int
    matched: int
    right: int
    errors: list[GoldError] = field(default_factory=list)
    matches: dict[int, int] = field(default_factory=dict)  # gold index -> predicted index

    @property
    def all_right(self) -> bool:
        return self.right == self.gold


@dataclass
class ChainScore:
    passages: list[PassageResult]

    @property
    def gold(self) -> int:
        return sum(p.gold for p in self.passages)

    @property
    def matched(self) -> int:
        return sum(p.matched for p in self.passages)

    @property
    def right(self) -> int:
        return sum(p.right for p in self.passages)

    @property
    def chain_accuracy(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def passage_accuracy(self) -> float:
        return sum(p.all_right for p in self.passages) / len(self.passages) if self.passages else 0.0

    def where(self, keep: Any) -> ChainScore:
        """The score over the passages for which `keep(result)` is true (`lambda r: r.depth == 2`)."""
        return ChainScore([p for p in self.passages if keep(p)])


# -- loading --------------------------------------------------------------------------------------------------


def _find(text: str, needle: str, occurrence: int) -> int:
    """Start of the `occurrence`-th (from 1) appearance of `needle` in `text`, or -1."""
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        if start < 0:
            return -1
    return start


def _span(pid: str, text: str, item: Mapping[str, Any], key: str, count_key: str, n: int) -> Span:
    needle = item.get(key)
    if not isinstance(needle, str) or not needle:
        raise ValueError(f"passage {pid}: attribution {n} has no {key} string")
    occurrence = item.get(count_key, 1)
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
        raise ValueError(f"passage {pid}: attribution {n} has {count_key} {occurrence!r}, not a count from 1")
    start = _find(text, needle, occurrence)
    if start < 0:
        found = text.count(needle)
        raise ValueError(f"passage {pid}: {key} {needle!r} (occurrence {occurrence}) is not in the text"
                         + (f" (it appears {found} time{'s' if found != 1 else ''})" if found else ""))
    return start, start + len(needle)


def parse_passage(obj: Mapping[str, Any]) -> Passage:
    """One passage from its JSON object; a ValueError naming the passage when a string is missing, an index is
    out of range or the parents make a loop."""
    pid = obj.get("id")
    if not isinstance(pid, str) or not pid:
        raise ValueError(f"passage without an id: {str(obj)[:80]}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"passage {pid}: no text")
    items = obj.get("attributions")
    if not isinstance(items, list) or not items:
        raise ValueError(f"passage {pid}: no attributions")
    golds = []
    for n, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise ValueError(f"passage {pid}: attribution {n} is not an object")
        parent = item.get("parent")
        if parent is not None and (not isinstance(parent, int) or isinstance(parent, bool)
                                   or not 0 <= parent < len(items) or parent == n):
            raise ValueError(f"passage {pid}: attribution {n} has parent {parent!r}, not another attribution's index")
        golds.append(GoldAttribution(source=_span(pid, text, item, "source", "occurrence", n),
                                     cue=_span(pid, text, item, "cue", "cue_occurrence", n),
                                     parent=parent, note=str(item.get("note", ""))))
    for n in range(len(golds)):
        seen = {n}
        node = golds[n].parent
        while node is not None:
            if node in seen:
                raise ValueError(f"passage {pid}: the parents of attribution {n} make a loop")
            seen.add(node)
            node = golds[node].parent
    return Passage(pid, text, tuple(golds), str(obj.get("note", "")))


def read_passages(lines: Iterable[str], name: str = "<lines>") -> list[Passage]:
    passages: list[Passage] = []
    ids: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{name}:{number}: not JSON ({error})") from None
        if not isinstance(obj, dict):
            raise ValueError(f"{name}:{number}: not a JSON object")
        passage = parse_passage(obj)
        if passage.id in ids:
            raise ValueError(f"passage {passage.id}: the id is used twice ({name}:{number})")
        ids.add(passage.id)
        passages.append(passage)
    return passages


def load(path: str | Path) -> list[Passage]:
    """The passages of a JSONL file."""
    path = Path(path)
    return read_passages(path.read_text(encoding="utf-8").splitlines(), str(path))


# -- matching and scoring -------------------------------------------------------------------------------------


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _share(a: Span, b: Span) -> float:
    inter = _overlap(a, b)
    return inter / (max(a[1], b[1]) - min(a[0], b[0])) if inter else 0.0


def _words(text: str, span: Span) -> list[Span]:
    return [(span[0] + m.start(), span[0] + m.end()) for m in re.finditer(r"\S+", text[span[0]:span[1]])] or [span]


def match(passage: Passage, predicted: Sequence[Attribution]) -> dict[int, int]:
    """Gold index -> predicted index, one to one, the best overlap first."""
    candidates: list[tuple[float, int, int]] = []
    for g, gold in enumerate(passage.attributions):
        cue_words = _words(passage.text, gold.cue)
        for p, pred in enumerate(predicted):
            if pred.source is None or not _overlap(pred.source, gold.source):
                continue
            if not any(_overlap(pred.cue, word) for word in cue_words):
                continue
            candidates.append((_share(pred.source, gold.source) + _share(pred.cue, gold.cue), g, p))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in candidates:
        if g not in out and p not in used:
            out[g] = p
            used.add(p)
    return out


def _describe_prediction(passage: Passage, predicted: Sequence[Attribution], p: int | None,
                         gold_of: Mapping[int, int]) -> str:
    if p is None:
        return "none"
    if p in gold_of:
        return passage.describe(gold_of[p])
    pred = predicted[p]
    source = passage.text[slice(*pred.source)] if pred.source else ""
    return f"unmatched {source!r} ({passage.text[slice(*pred.cue)]})"


def score_passage(passage: Passage, predicted: Sequence[Attribution]) -> PassageResult:
    matches = match(passage, predicted)
    gold_of = {p: g for g, p in matches.items()}
    result = PassageResult(passage.id, passage.depth, len(passage.attributions), len(matches), 0, matches=matches)
    for g, gold in enumerate(passage.attributions):
        if g not in matches:
            result.errors.append(GoldError(g, passage.describe(g), "missed"))
            continue
        got = predicted[matches[g]].parent
        if got is not None and not 0 <= got < len(predicted):
            got = None  # a dangling index is no parent
        expected = matches.get(gold.parent) if gold.parent is not None else None
        if gold.parent is None and got is None or gold.parent is not None and expected is not None and got == expected:
            result.right += 1
            continue
        wanted = "none" if gold.parent is None else passage.describe(gold.parent) + (
            "" if expected is not None else " [missed]")
        result.errors.append(GoldError(g, passage.describe(g), f"parent {wanted} expected, got "
                                       f"{_describe_prediction(passage, predicted, got, gold_of)}"))
    return result


def score(passages: Sequence[Passage], predictions: Mapping[str, Sequence[Attribution]]) -> ChainScore:
    """Chain accuracy, recall and passage accuracy; a passage with no predictions counts as all missed."""
    return ChainScore([score_passage(p, predictions.get(p.id, ())) for p in passages])


def without_parents(atts: Sequence[Attribution]) -> list[Attribution]:
    """The same attributions with no chains (the baseline)."""
    return [replace(a, parent=None) for a in atts]
