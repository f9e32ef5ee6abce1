"""Discrepancies: where a retelling contradicts its source, or an article contradicts itself.

- Inside one article: an interval that ends before it begins ("from May 2025 until February that year").
- Across a reused passage (an alignment, the source side against the retelling):
  - a changed number for the same thing counted ("at least 14 people were killed" / "41 people");
  - a changed date ("on 12 March" / "on 21 March");
  - a dropped hedge (the source says "reportedly" or "could not be independently verified", the
    retelling states it flat);
  - a flipped negation, in near-verbatim passages only (paraphrase rewords negation too freely).
  A larger casualty figure in an article published later is an update, not a conflict, and is said so.

Each finding carries both pieces of evidence: the spans in each article and the values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from ..ingest.dates import timestamp
from ..records import Alignment, Article
from ..reuse.tokens import sentences
from .facts import Fact, dates, intervals, lead_toll, numbers

# Hedges a retelling can drop ("claims" is left out: it is as often a noun, "insurance claims").
_HEDGE = re.compile(r"\b(?:reportedly|allegedly|purportedly|supposedly|apparently|unconfirmed|unverified|"
                    r"could not (?:be )?(?:independently )?(?:verif(?:y|ied)|confirm(?:ed)?)|"
                    r"cannot be (?:independently )?verified|not (?:be )?independently verified)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without)\b|n[’']t\b", re.I)
_UPDATE = re.compile(r"\b(?:risen|rose|rises|climbed|increased|up from|now stands|revised|updated|latest|"
                     r"has grown|jumped)\b", re.I)
UPDATE_AFTER = 3 * 3600  # seconds: a later figure this much later is news, not a slip


def _finding(kind: str, pairs: list[tuple[str, tuple[int, int]]], values: list[Any],
             explanation: str) -> dict[str, Any]:
    return {"kind": kind, "articles": [a for a, _ in pairs], "spans": [list(s) for _, s in pairs],
            "values": values, "explanation": explanation}


def _day(value: tuple[date, date]) -> str:
    first, last = value
    if first == last:
        return first.isoformat()
    if first.day == 1 and first.month == 1 and last.month == 12 and last.day == 31:
        return str(first.year)
    return first.isoformat()[:7]


def internal(article: Article) -> list[dict[str, Any]]:
    """What an article gets wrong on its own: intervals that end before they begin."""
    out = []
    for begin, end in intervals(article.text, article.published):
        (b_first, _), (_, e_last) = begin.value, end.value  # type: ignore[misc]
        if e_last < b_first:
            span = (begin.span[0], end.span[1])
            out.append(_finding(
                "interval_reversed", [(article.id, span)], [_day(begin.value), _day(end.value)],  # type: ignore[arg-type]
                f"“{begin.text} … {end.text}” ends ({_day(end.value)}) before it begins "  # type: ignore[arg-type]
                f"({_day(begin.value)})"))  # type: ignore[arg-type]
    return out


def across(alignment: Alignment, source: Article, target: Article) -> list[dict[str, Any]]:
    """What the retelling (target) changed in a passage it took from the source."""
    # whole sentences: an edit often sits just outside the words the two still share ("14" / "has risen to 19")
    sa, sb = _sentences_around(source.text, alignment.source_span)
    ta, tb = _sentences_around(target.text, alignment.target_span)
    out: list[dict[str, Any]] = []
    out += _numbers(numbers(source.text, sa, sb), numbers(target.text, ta, tb), source, target)
    out += _dates(dates(source.text, source.published, sa, sb), dates(target.text, target.published, ta, tb),
                  source, target)
    out += _swapped_actors(source, target, (sa, sb), (ta, tb))
    hedges_s = list(_HEDGE.finditer(source.text, sa, sb))
    hedge = hedges_s[0] if hedges_s else None
    if hedge and len(list(_HEDGE.finditer(target.text, ta, tb))) < len(hedges_s):
        out.append(_finding("hedge_dropped", [(source.id, hedge.span()), (target.id, (ta, tb))],
                            [hedge.group(), None], f"the source hedges (“{hedge.group()}”); the retelling states "
                                                   "the same passage as fact"))
    if alignment.kind in ("verbatim", "near_verbatim"):
        neg_s = [m for m in _NEGATION.finditer(source.text, sa, sb)]
        neg_t = [m for m in _NEGATION.finditer(target.text, ta, tb)]
        if len(neg_s) != len(neg_t):
            where = (neg_s or neg_t)[0]
            side = source if neg_s else target
            out.append(_finding("negation_flipped", [(source.id, (sa, sb)), (target.id, (ta, tb))],
                                [where.group(), None] if neg_s else [None, where.group()],
                                f"“{where.group()}” is in {'the source' if side is source else 'the retelling'} "
                                "only: the passage says the opposite"))
    return out


def _sentences_around(text: str, span: tuple[int, int]) -> tuple[int, int]:
    a, b = span
    for start, end in sentences(text):
        if start <= a < end:
            a = start
        if start < b <= end:
            b = end
    return a, b


def _neighbourhood(text: str, span: tuple[int, int]) -> str:
    """The sentence holding the span with the one before and the one after: where "the toll has risen" is said."""
    spans = sentences(text)
    here = next((n for n, (a, b) in enumerate(spans) if a <= span[0] < b), None)
    if here is None:
        return text[max(0, span[0] - 200):span[1] + 200]
    first, last = spans[max(0, here - 1)], spans[min(len(spans) - 1, here + 1)]
    return text[first[0]:last[1]]


_NAME = re.compile(r"(?<![\w’'])(?:[A-Z][\w’'-]*\.?)(?:\s+(?:(?:al|el|bin|de|van|von|of|the)\s+)?[A-Z][\w’'-]*)*")
_WORDS = re.compile(r"\w+")


def _swapped_actors(source: Article, target: Article, s_window: tuple[int, int],
                    t_window: tuple[int, int]) -> list[dict[str, Any]]:
    """Two named actors trading places in an otherwise unchanged sentence ("the army attacked the Front" /
    "the Front attacked the army"): exchanging the two names in the source's sentence gives the retelling's."""
    out = []
    s_sentences = [sp for sp in sentences(source.text) if s_window[0] <= sp[0] < s_window[1]]
    for t0, t1 in (sp for sp in sentences(target.text) if t_window[0] <= sp[0] < t_window[1]):
        told = _WORDS.findall(target.text[t0:t1].lower())
        for s0, s1 in s_sentences:
            said = _WORDS.findall(source.text[s0:s1].lower())
            if said == told or sorted(said) != sorted(told):
                continue  # the same sentence, or other words than a swap can make
            names = sorted({re.sub(r"^(?:The|A|An)\s+", "", m.group()) for m in _NAME.finditer(source.text, s0, s1)})
            for n, a in enumerate(names):
                for b in names[n + 1:]:
                    if _WORDS.findall(_swap(source.text[s0:s1], a, b).lower()) == told:
                        out.append(_finding("actor_swapped", [(source.id, (s0, s1)), (target.id, (t0, t1))], [
                            f"{a} … {b}", f"{b} … {a}"], f"{a} and {b} trade places: the source has {a} first, "
                                                         f"the retelling {b}, in the same words otherwise"))
    return out


def _swap(text: str, a: str, b: str) -> str:
    """The text with the names a and b exchanged."""
    return re.sub(rf"\b(?:{re.escape(a)}|{re.escape(b)})\b", lambda m: b if m.group() == a else a, text)


def _pairs(left: list[Fact], right: list[Fact]) -> Iterable[tuple[Fact, Fact]]:
    """Facts about the same thing on both sides: the same key, and only where each side has one such fact
    (two figures for one thing on a side cannot be told apart)."""
    for key in {f.key for f in left} & {f.key for f in right}:
        a = [f for f in left if f.key == key]
        b = [f for f in right if f.key == key]
        if len(a) == 1 and len(b) == 1:
            yield a[0], b[0]


def _numbers(left: list[Fact], right: list[Fact], source: Article, target: Article) -> list[dict[str, Any]]:
    out = []
    for a, b in _pairs(left, right):
        if a.value == b.value:
            continue
        later = _later(source, target)
        what = f"{b.counts}{' ' + b.happened if b.happened and b.happened != b.counts else ''}"
        sentence = _neighbourhood(target.text, b.span)
        if b.value > a.value and later and _UPDATE.search(sentence):  # type: ignore[operator]
            kind, why = "number_updated", (f"a later, larger figure ({_n(a)} → {_n(b)} {what}), published "
                                           f"{later} and given as news: an update, not a conflict")
        else:
            kind, why = "number_changed", f"the source gives {_n(a)} {what}, the retelling {_n(b)}"
            if later:
                why += f" (published {later}, with no word of an update)"
        out.append(_finding(kind, [(source.id, a.span), (target.id, b.span)], [a.value, b.value], why))
    return out


def _n(fact: Fact) -> str:
    value = fact.value
    shown = f"{int(value)}" if float(value).is_integer() else f"{value}"  # type: ignore[arg-type]
    return f"{fact.qualifier} {shown}".strip()


def _later(source: Article, target: Article) -> str:
    """How much later the target was published, in words, when it clearly was."""
    ts, tt = timestamp(source.published), timestamp(target.published)
    if ts is None or tt is None or tt - ts < UPDATE_AFTER:
        return ""
    hours = (tt - ts) / 3600
    return f"{hours:.0f} hours later" if hours < 48 else f"{hours / 24:.0f} days later"


def _dates(left: list[Fact], right: list[Fact], source: Article, target: Article) -> list[dict[str, Any]]:
    """Dates said of the same thing that do not overlap. The same thing: the words before the date mostly
    agree ("began at dawn on 12 March" / "began at dawn on 21 March"), or each side has one date only."""
    out = []
    for a, b in _date_pairs(left, right, source.text, target.text):
        (a0, a1), (b0, b1) = a.value, b.value  # type: ignore[misc]
        if a1 < b0 or b1 < a0:
            out.append(_finding("date_changed", [(source.id, a.span), (target.id, b.span)],
                                [_day(a.value), _day(b.value)],  # type: ignore[arg-type]
                                f"the source says {a.text} ({_day(a.value)}), the retelling "  # type: ignore[arg-type]
                                f"{b.text} ({_day(b.value)})"))  # type: ignore[arg-type]
    return out


def _context(text: str, fact: Fact) -> set[str]:
    return set(re.findall(r"[a-z]+", text[max(0, fact.span[0] - 40):fact.span[0]].lower())[-3:])


def _date_pairs(left: list[Fact], right: list[Fact], left_text: str, right_text: str) -> list[tuple[Fact, Fact]]:
    pairs = []
    taken: set[int] = set()
    for b in right:
        best = max(((len(_context(left_text, a) & _context(right_text, b)), n) for n, a in enumerate(left)
                    if n not in taken), default=(0, -1))
        if best[0] >= 2:
            pairs.append((left[best[1]], b))
            taken.add(best[1])
    paired_right = {id(b) for _, b in pairs}
    explicit_left = [a for n, a in enumerate(left) if n not in taken and not a.text.endswith("day")]
    explicit_right = [b for b in right if id(b) not in paired_right and not b.text.endswith("day")]
    if len(explicit_left) == 1 and len(explicit_right) == 1:
        pairs.append((explicit_left[0], explicit_right[0]))
    # the same weekday word on both sides is the same day, whenever each was published
    return [(a, b) for a, b in pairs if not (a.text == b.text and a.text.endswith("day"))]


def in_story(members: list[Article], traced: set[str]) -> list[dict[str, Any]]:
    """Across the reports of one story: each later death toll against the first report's. A larger figure
    given as news ("has risen to 19") is an update; any other difference is a conflict."""
    tolls = [(a, t) for a in members if (t := lead_toll(a.text)) is not None and timestamp(a.published) is not None]
    tolls.sort(key=lambda at: timestamp(at[0].published) or 0)
    if len(tolls) < 2:
        return []
    (first, first_toll), out = tolls[0], []
    for article, toll in tolls[1:]:
        if article.id not in traced and first.id not in traced or toll.value == first_toll.value:
            continue
        later = _later(first, article)
        news = bool(_UPDATE.search(_neighbourhood(article.text, toll.span)))
        if toll.value > first_toll.value and later and news:  # type: ignore[operator]
            kind, why = "number_updated", (f"the story's first report gave {_n(first_toll)} killed; this one, "
                                           f"{later}, {_n(toll)}, given as news: an update, not a conflict")
        else:
            kind, why = "number_changed", (f"the story's first report gave {_n(first_toll)} killed, this report "
                                           f"{_n(toll)}" + (f" ({later}, with no word of an update)" if later else ""))
        out.append(_finding(kind, [(first.id, first_toll.span), (article.id, toll.span)],
                            [first_toll.value, toll.value], why))
    return out


def find(articles: list[Article], alignments: list[Alignment], others: dict[str, Article],
         stories: list[list[Article]] = ()) -> list[dict[str, Any]]:  # type: ignore[assignment]
    """Every discrepancy in or between the given articles, each once; a conflict found in a shared passage is
    not found again between the stories' reports."""
    out: list[dict[str, Any]] = []
    for article in articles:
        out += internal(article)
    wanted = {a.id for a in articles}
    for al in alignments:
        if al.target in wanted or al.source in wanted:
            source, target = others.get(al.source), others.get(al.target)
            if source is not None and target is not None and source.analysed and target.analysed:
                out += across(al, source, target)
    seen_pairs = {tuple(f["articles"]) for f in out if f["kind"] in ("number_changed", "number_updated")}
    for members in stories:
        out += [f for f in in_story(members, wanted) if tuple(f["articles"]) not in seen_pairs]
    unique: dict[str, dict[str, Any]] = {}
    for finding in out:
        unique.setdefault(repr((finding["kind"], finding["articles"], finding["spans"])), finding)
    return list(unique.values())
