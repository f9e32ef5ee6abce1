"""Which side of a reused passage is the source, with a confidence and a reason said in words.

Evidence, strongest first:
- publication times: the earlier article is the source;
- credit: one article credits a name that the other one is (its outlet, the outlet's short form, or a
  name it uses for itself, as in "Senior Editor for FDD's Long War Journal"), and not the other way round;
- framing: the passage is quoted and attributed in one article and plain prose in the other.
Without any of these the direction is undecided, and said to be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..ingest.dates import precision, timestamp
from ..records import Article
from .align import Passage
from .analysis import ArticleText
from .tokens import quoted_share

_NAME = r"((?:the |The )?(?:[A-Z][\w'’&.-]*|of|for|and)(?: (?:[A-Z][\w'’&.-]*|of|for|and))*)"
_CREDIT_PATTERNS = [
    re.compile(r"\b(?:according to|notes|noted|adds|added|reports|reported|writes|wrote|told|says|said|cites|"
               r"cited|via|reported by|quoted by|in an? (?:interview|report|statement) (?:with|by|to))\s+" + _NAME),
    re.compile(_NAME + r"\s+(?:reports|reported|notes|noted|adds|added|says|said|writes|wrote|cited)\b"),
    re.compile(r"\(" r"([A-Z]{2,6})" r"\)"),  # "The Long War Journal (LWJ)"
]
_NOT_NAMES = frozenset("The He She They It We I This That These Those There A An In On At As But And Or If "
                       "When While Since Earlier Later Moreover However".split())


@dataclass(frozen=True)
class Direction:
    source: str  # "a", "b", or "" when undecided
    confidence: float
    reason: str


def short_forms(name: str) -> set[str]:
    """A name, without a leading article, and its initials ('The Long War Journal' -> 'LWJ')."""
    name = name.strip()
    bare = re.sub(r"^(?:the|The)\s+", "", name)
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", bare) if w[0].isupper()]
    forms = {bare}
    if len(words) >= 2:
        forms.add("".join(w[0] for w in words))
    return {f for f in forms if len(f) >= 2}


def credited_names(text: str) -> set[str]:
    """Names an article credits: `notes LWJ`, `according to BBC`, `The Long War Journal (LWJ)`."""
    names: set[str] = set()
    for pattern in _CREDIT_PATTERNS:
        for m in pattern.finditer(text):
            name = m.group(1).strip().rstrip(".")
            name = re.sub(r"\s+(?:of|for|and)$", "", name)
            if name and name.split()[0] not in _NOT_NAMES or name.startswith(("The ", "the ")):
                bare = re.sub(r"^(?:the|The)\s+", "", name)
                if bare and bare[0].isupper() and bare not in _NOT_NAMES:
                    names |= short_forms(name)
    return names


def credit_for(borrower_text: str, source: Article) -> str | None:
    """The name by which an article credits `source` (its outlet, or a name it uses for itself), if it does."""
    return _is_named_by(credited_names(borrower_text), source, source.text, credited_names(source.text))


def _is_named_by(names: set[str], article: Article, text: str, its_credits: set[str]) -> str | None:
    """A credited name that is this article: its outlet, or, for an article whose outlet is unknown, a name
    its own text uses without crediting it (a byline or a footer: "Senior Editor for FDD's Long War Journal")."""
    if article.outlet:
        identity = short_forms(article.outlet)
        return next((n for n in sorted(names, key=len, reverse=True) if n in identity), None)
    for name in sorted(names, key=len, reverse=True):
        if len(name) >= 6 and _OUTLET_LIKE.search(name) and name in text and name not in its_credits:
            return name
    return None


# Words that make a name an outlet's (issue 4 keeps the full list of outlets and agencies).
_OUTLET_LIKE = re.compile(
    r"\b(?:Journal|News|Post|Times|Herald|Agency|Press|Radio|TV|Television|Daily|Monitor|Gazette|Observer|"
    r"Ledger|Express|Tribune|Telegraph|Guardian|Wire|Review|Magazine|Network|Channel|Broadcasting|Chronicle|"
    r"Reuters|Associated|BBC|CNN|Al Jazeera)\b")


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
    label_a, label_b = _label(a), _label(b)
    # 1. Publication times.
    ts_a, ts_b = timestamp(a.published), timestamp(b.published)
    if ts_a is not None and ts_b is not None and a.published and b.published:
        day_only = "day" in (precision(a.published), precision(b.published))
        gap = abs(ts_a - ts_b)
        if (day_only and gap >= 86400) or (not day_only and gap >= 600):
            earlier, later = ("a", "b") if ts_a < ts_b else ("b", "a")
            weight = 0.9 if gap >= 3600 else 0.75
            first, second = (a, b) if earlier == "a" else (b, a)
            votes.append((earlier, weight, f"{_label(first)} was published first ({_when(first.published or '')}, "
                                           f"{_label(second)} {_when(second.published or '')})"))
    # 2. Credit: one names the other.
    names_a = credited_names(ta.text) if names_a is None else names_a
    names_b = credited_names(tb.text) if names_b is None else names_b
    a_credits_b = _is_named_by(names_a, b, tb.text, names_b)
    b_credits_a = _is_named_by(names_b, a, ta.text, names_a)
    if a_credits_b and not b_credits_a:
        votes.append(("b", 0.8, _credit_reason(label_a, a_credits_b, b)))
    elif b_credits_a and not a_credits_b:
        votes.append(("a", 0.8, _credit_reason(label_b, b_credits_a, a)))
    # 3. Framing: quoted and attributed on one side only.
    qa = quoted_share(ta.quotes, *passage.a)
    qb = quoted_share(tb.quotes, *passage.b)
    if qa >= 0.5 > qb:
        votes.append(("b", 0.6, f"{label_a} quotes the passage, {label_b} has it as its own prose"))
    elif qb >= 0.5 > qa:
        votes.append(("a", 0.6, f"{label_b} quotes the passage, {label_a} has it as its own prose"))
    return _combine(votes)


def _credit_reason(label: str, name: str, credited: Article) -> str:
    if credited.outlet:
        same = name in (credited.outlet, re.sub(r"^(?:the|The)\s+", "", credited.outlet))
        return f"{label} credits {name}" + ("" if same else f" ({credited.outlet})")
    return f"{label} credits {name}, which {_label(credited)} names as its own"


def _combine(votes: list[tuple[str, float, str]]) -> Direction:
    if not votes:
        return Direction("", 0.0, "undecided: no publication times, no credit and no quotation tell which "
                                  "came first")
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


def _label(article: Article) -> str:
    if article.outlet:
        return article.outlet
    path = article.origin.path.rsplit("/", 1)[-1]
    return path or article.id[:12]
