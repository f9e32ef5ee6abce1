"""Quote-level scoring, in the style of news quote-extraction studies: is each quote found, and is it given to
the right speaker?

A quote is what an attribution reports (its content, one or more spans) with who said it (the source's span
and, where known, the speaker's name). As in the Gender Gap Tracker's evaluation (Asr et al. 2021, the peer
the project is measured against), the gold quote is the reference: a predicted quote matches it when it
covers more than `threshold` (30%) of the gold quote's characters. Each gold quote, in order, takes the
prediction not taken yet that covers the most of it (on a tie, the one it covers the most of).

Precision is the share of predicted quotes matched, recall the share of gold quotes matched. Speaker
accuracy is the share of matched pairs whose speakers agree: the same name, when the gold names the speaker
(case, titles and a leading "the" aside, or one name a part of the other, "Rodriguez" and "David Rodriguez");
else overlapping source spans, or no source on either side.

The gold sets: quotes from PolNeAR's speech and document attributions (`benchmarks/attribution_quotes.py`)
and a hand-checked set of short articles written for the project (`tests/data/quotes`, read by `load_hand`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analyse.attribution import Attribution, in_quotation
from ..analyse.categories import QUOTES
from ..text.tokens import quote_spans

Span = tuple[int, int]
THRESHOLD = 0.3
_WORD = re.compile(r"\w+")
_TITLE = re.compile(r"^(?:the|a|an)\s+|\b(?:Gen|Lt|Col|Maj|Capt|Sgt|Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|Pres)\.?\s+", re.I)


@dataclass(frozen=True)
class Quote:
    content: tuple[Span, ...]
    source: tuple[Span, ...] | None = None
    speaker: str | None = None  # the speaker's name, where known (the canonical source of a prediction)
    label: str = ""  # what the quote is, for error listings (the cue, a kind of case)


@dataclass
class QuoteScore:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    speaker_right: int = 0
    missed: list[Quote] = field(default_factory=list)  # gold quotes no prediction matched
    false: list[Quote] = field(default_factory=list)  # predicted quotes that match no gold quote
    wrong_speaker: list[tuple[Quote, Quote]] = field(default_factory=list)  # (predicted, gold)

    def prf(self) -> tuple[float, float, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0

    def add(self, other: QuoteScore) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched += other.matched
        self.speaker_right += other.speaker_right
        self.missed += other.missed
        self.false += other.false
        self.wrong_speaker += other.wrong_speaker


def covered(predicted: Sequence[Span], gold: Sequence[Span]) -> float:
    """The share of the gold quote's characters that the predicted quote covers."""
    reference = {i for a, b in gold for i in range(a, b)}
    if not reference:
        return 0.0
    return len(reference & {i for a, b in predicted for i in range(a, b)}) / len(reference)


def name_key(name: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(_TITLE.sub("", name.strip()))]


def same_speaker(predicted: Quote, gold: Quote) -> bool:
    if gold.speaker is not None:
        if predicted.speaker is None:
            return False
        p, g = name_key(predicted.speaker), name_key(gold.speaker)
        if not p or not g:
            return p == g
        return p == g or _within(p, g) or _within(g, p)
    if gold.source is None or predicted.source is None:
        return gold.source is None and predicted.source is None
    return any(x0 < y1 and y0 < x1 for x0, x1 in predicted.source for y0, y1 in gold.source)


def _within(part: list[str], whole: list[str]) -> bool:
    return any(whole[i:i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def score(predicted: Sequence[Quote], gold: Sequence[Quote], threshold: float = THRESHOLD) -> QuoteScore:
    """Quote precision, recall and speaker agreement for one article."""
    result = QuoteScore(predicted=len(predicted), gold=len(gold))
    free = list(range(len(predicted)))
    for quote in gold:
        # the most of the gold covered; on a tie, the prediction the gold covers most of (the closer fit)
        shares = [(covered(predicted[i].content, quote.content), covered(quote.content, predicted[i].content), -k, i)
                  for k, i in enumerate(free)]
        best = max(shares, default=None)
        if best is None or best[0] <= threshold:
            result.missed.append(quote)
            continue
        found = predicted[best[3]]
        free.remove(best[3])
        result.matched += 1
        if same_speaker(found, quote):
            result.speaker_right += 1
        else:
            result.wrong_speaker.append((found, quote))
    result.false = [predicted[i] for i in free]
    return result


def quotes_of(text: str, atts: Sequence[Attribution], every: bool = False) -> list[Quote]:
    """An article's quotes as newstrace gives them: its speech and document attributions (`every`: all
    categories), leaving out channel links (the outlet told, which the speaker's attribution names as its
    addressee) and reports nested inside a quotation."""
    quotes = quote_spans(text)
    return [Quote(tuple(a.content), (a.source,) if a.source else None, a.canonical or None,
                  label=f"{text[slice(*a.cue)]} [{a.category}]")
            for a in atts if a.content and (every or a.category in QUOTES) and not a.extra.get("recipient")
            and not in_quotation(a.cue, quotes, text)]


def hand_quotes(article: HandArticle) -> list[Quote]:
    """The gold quotes of a hand-set article: its speech and document attributions, speakers by name."""
    return [Quote(g.content, (g.source,) if g.source else None, g.speaker or "",
                  label=f"{g.case or 'plain'}: {article.text[slice(*g.cue)]}")
            for g in article.attributions if g.category in QUOTES]


@dataclass(frozen=True)
class HandAttribution:
    """One gold attribution of the hand set: its spans, the speaker's name, what it reports, who it was said
    to and the speaker's role, and the case it stands for ("addressee outlet", "pronoun source", ...)."""

    cue: Span
    source: Span | None
    content: tuple[Span, ...]
    speaker: str | None
    category: str
    kind: str
    addressee: Span | None = None
    role: Span | None = None
    case: str = ""


@dataclass(frozen=True)
class HandArticle:
    name: str
    text: str
    attributions: tuple[HandAttribution, ...]


def load_hand(folder: Path, texts: dict[str, str] | None = None) -> list[HandArticle]:
    """The hand set: `folder/gold.jsonl`, one attribution a line ({"article", "cue", "source", "content",
    "speaker", "category", "kind", "addressee", "role", "case"}, spans as [start, end], each with the text it
    covers beside it under "*_text"), and the articles as `folder/NAME.txt`. `texts` gives articles kept
    elsewhere (the Derna pair, under ../shared, whose lines carry no content text: the articles are not the
    project's to copy); their lines are skipped when the text is missing. Raises ValueError naming the line
    when a span is not the text the line says it covers."""
    rows: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for number, line in enumerate((folder / "gold.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            rows.setdefault(str(row["article"]), []).append((number, row))
    out = []
    for name, lines in rows.items():
        path = folder / f"{name}.txt"
        text = path.read_text(encoding="utf-8") if path.is_file() else (texts or {}).get(name)
        if text is None:
            continue
        out.append(HandArticle(name, text, tuple(_hand_row(row, number, text) for number, row in lines)))
    return out


def _span(value: Any) -> Span | None:
    return (int(value[0]), int(value[1])) if value else None


def _hand_row(row: dict[str, Any], number: int, text: str) -> HandAttribution:
    try:
        cue = _span(row["cue"])
        assert cue is not None
        att = HandAttribution(cue=cue, source=_span(row.get("source")),
                              content=tuple((int(a), int(b)) for a, b in row["content"]),
                              speaker=row.get("speaker"), category=row["category"], kind=row.get("kind", ""),
                              addressee=_span(row.get("addressee")), role=_span(row.get("role")),
                              case=row.get("case", ""))
    except (KeyError, AssertionError, TypeError, ValueError) as e:
        raise ValueError(f"gold.jsonl line {number}: not a hand attribution ({e})") from e
    for key in ("cue", "source", "addressee", "role"):
        span = getattr(att, key)
        if span is not None and text[span[0]:span[1]] != row.get(f"{key}_text", text[span[0]:span[1]]):
            raise ValueError(f"gold.jsonl line {number}: {key} {list(span)} covers {text[span[0]:span[1]]!r}, "
                             f"not {row.get(f'{key}_text')!r}")
    if [text[a:b] for a, b in att.content] != row.get("content_text", [text[a:b] for a, b in att.content]):
        raise ValueError(f"gold.jsonl line {number}: the content spans do not cover content_text")
    return att
