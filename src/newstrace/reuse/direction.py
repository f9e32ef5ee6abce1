"""Which side of a reused passage is the source, with a confidence and a reason said in words.

Evidence, strongest first:
- publication times: the earlier article is the source;
- credit: one article credits a name that the other one is (its outlet, the outlet's short form, or the
  outlet its text names as its own, as in "Senior Editor for FDD's Long War Journal"), and not the other way
  round;
- framing: the passage is quoted in one article and plain prose in the other. Alone it decides nothing (a
  copy can drop quotation marks as easily as add them, and quotes run across reordered paragraphs): it only
  adds to a time or a credit.
Without a time or a credit the direction is undecided, and said to be. A name that merely appears in the
other article ("told CNN") is not a credit of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from ..records import Article
from ..text.dates import precision, timestamp
from ..text.outlets import credited_names, outlet_from_text, same_outlet, short_forms
from ..text.tokens import quoted_share
from .align import Passage
from .analysis import ArticleText


@dataclass(frozen=True)
class Direction:
    source: str  # "a", "b", or "" when undecided
    confidence: float
    reason: str


def credit_for(borrower_text: str, source: Article) -> str | None:
    """The name by which an article credits `source` (its outlet, or the outlet its text names as its own)."""
    return _is_named_by(credited_names(borrower_text), source, source.text)


def own_outlet(article: Article, text: str) -> str | None:
    """The article's outlet: from metadata, else the one its text names as its own (stored articles have it
    filled at ingest; articles made elsewhere, as in `detect`, are read here)."""
    return article.outlet or _outlet_in(text)


@lru_cache(maxsize=4096)
def _outlet_in(text: str) -> str | None:
    found = outlet_from_text(text)
    return found.name if found else None


def _is_named_by(names: set[str], article: Article, text: str) -> str | None:
    """A credited name that is this article's outlet ('LWJ' and 'The Long War Journal' for "FDD's Long War
    Journal"); None when its outlet is unknown."""
    outlet = own_outlet(article, text)
    if not outlet:
        return None
    identity = _identity(outlet)
    return next((n for n in sorted(names, key=len, reverse=True)
                 if n in identity or same_outlet(n, outlet)), None)


def _identity(outlet: str) -> set[str]:
    """An outlet's name, its initials, and the same for the name after a possessive owner ("FDD's")."""
    forms = short_forms(outlet)
    owned = re.split(r"['’]s\s+", outlet, maxsplit=1)
    if len(owned) == 2:
        forms |= short_forms(owned[1])
    return forms


def _when(iso: str) -> str:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return moment.strftime("%Y-%m-%d %H:%M") if "T" in iso else iso


def decide(a: Article, b: Article, ta: ArticleText, tb: ArticleText, passage: Passage,
           names_a: set[str] | None = None, names_b: set[str] | None = None) -> Direction:
    """The direction for one passage between A and B."""
    votes: list[tuple[str, float, str]] = []
    label_a, label_b = labels(a, b, ta.text, tb.text)
    # 1. Publication times.
    ts_a, ts_b = timestamp(a.published), timestamp(b.published)
    if ts_a is not None and ts_b is not None and a.published and b.published:
        day_only = "day" in (precision(a.published), precision(b.published))
        gap = abs(ts_a - ts_b)
        if (day_only and gap >= 86400) or (not day_only and gap >= 600):
            earlier, later = ("a", "b") if ts_a < ts_b else ("b", "a")
            weight = 0.9 if gap >= 3600 else 0.75
            first, second = (a, b) if earlier == "a" else (b, a)
            l1, l2 = (label_a, label_b) if earlier == "a" else (label_b, label_a)
            votes.append((earlier, weight, f"{l1} was published first ({_when(first.published or '')}, "
                                           f"{l2} {_when(second.published or '')})"))
    # 2. Credit: one names the other.
    names_a = credited_names(ta.text) if names_a is None else names_a
    names_b = credited_names(tb.text) if names_b is None else names_b
    a_credits_b = _is_named_by(names_a, b, tb.text)
    b_credits_a = _is_named_by(names_b, a, ta.text)
    # an article crediting its own outlet's name ("LWJ reported earlier") credits nobody else
    if a_credits_b and _is_named_by({a_credits_b}, a, ta.text):
        a_credits_b = None
    if b_credits_a and _is_named_by({b_credits_a}, b, tb.text):
        b_credits_a = None
    if a_credits_b and not b_credits_a:
        votes.append(("b", 0.8, _credit_reason(label_a, a_credits_b, b, label_b)))
    elif b_credits_a and not a_credits_b:
        votes.append(("a", 0.8, _credit_reason(label_b, b_credits_a, a, label_a)))
    # 3. Framing: quoted on one side only; it supports a time or a credit, and decides nothing alone.
    qa = quoted_share(ta.quotes, *passage.a)
    qb = quoted_share(tb.quotes, *passage.b)
    if qa >= 0.5 > qb:
        votes.append(("b", _SUPPORT, f"{label_a} quotes the passage, {label_b} has it as its own prose"))
    elif qb >= 0.5 > qa:
        votes.append(("a", _SUPPORT, f"{label_b} quotes the passage, {label_a} has it as its own prose"))
    return _combine(votes)


_SUPPORT = 0.25  # a vote that can add to evidence but never decide alone (below the 0.3 to decide)


def _credit_reason(label: str, name: str, credited: Article, credited_label: str) -> str:
    if credited.outlet:
        same = name in (credited.outlet, re.sub(r"^(?:the|The)\s+", "", credited.outlet))
        told = ", as its text names itself" if credited.outlet_from else ""
        return f"{label} credits {name}" + ("" if same and not told else f" ({credited.outlet}{told})")
    return f"{label} credits {name}, which {credited_label} names as its own"


def _combine(votes: list[tuple[str, float, str]]) -> Direction:
    if not any(weight > _SUPPORT for _, weight, _ in votes):
        why = "undecided: no publication times and no credit tell which came first"
        return Direction("", 0.0, why + (" (" + "; ".join(v[2] for v in votes) + ")" if votes else ""))
    for_a = [v for v in votes if v[0] == "a"]
    for_b = [v for v in votes if v[0] == "b"]
    win, lose = (for_a, for_b) if _strength(for_a) >= _strength(for_b) else (for_b, for_a)
    confidence = _strength(win) - _strength(lose) * 0.5
    reason = "; ".join(v[2] for v in win)
    if lose:
        reason += " (against: " + "; ".join(v[2] for v in lose) + ")"
    if confidence < 0.3:
        return Direction("", round(max(confidence, 0.0), 3), "undecided: evidence points both ways: " + reason)
    return Direction(win[0][0], round(confidence, 3), reason)


def _strength(votes: list[tuple[str, float, str]]) -> float:
    miss = 1.0
    for _, weight, _ in votes:
        miss *= 1 - weight
    return 1 - miss


def labels(a: Article, b: Article, text_a: str, text_b: str) -> tuple[str, str]:
    """How a reason names each side: its outlet, else its title, else its id; never the input file, which
    two articles often share. Two articles of one outlet are told apart by their titles or ids."""
    la, lb = _label(a, text_a), _label(b, text_b)
    if la == lb:
        la, lb = f"{la} ({_own_name(a)})", f"{lb} ({_own_name(b)})"
    return la, lb


def _label(article: Article, text: str) -> str:
    return own_outlet(article, text) or _own_name(article)


def _own_name(article: Article) -> str:
    if article.title:
        title = article.title if len(article.title) <= 60 else article.title[:57].rstrip() + "..."
        return f"“{title}”"
    return f"article {article.id[:12]}"
