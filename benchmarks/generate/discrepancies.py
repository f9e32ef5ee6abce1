"""An evaluation set for discrepancy detection: pairs (source passage, retelling) built from real news passages,
each with one known change, no change in meaning, or an update.

Passages (1-3 consecutive sentences of one paragraph, the first paragraph of a multi-paragraph text taken as the
headline and skipped) are read at run time from a folder of article texts; nothing of them is stored here. Each
pair records its class, its gold label, both publication times and the stretch of each side that was edited.

Classes (`gold` in brackets):

    number_changed      a counted number ("14 people", "300 troops") given another value: digits swapped
                        ("14" -> "41") or the value changed ("nine" -> "seven")           [number_changed]
    date_changed        a date given another day, month, year or weekday ("12 March" -> "21 March",
                        "March 2015" -> "June 2015", "on Tuesday" -> "on Friday")          [date_changed]
    interval_reversed   a dated "on/in DATE" made "from DATE until EARLIER" in the retelling; scored with
                        `internal` on the retelling alone                               [interval_reversed]
    negation_flipped    "not" inserted after an auxiliary, or removed ("did not" -> "did", "wasn't" ->
                        "was")                                                           [negation_flipped]
    hedge_dropped       a hedging adverb (reportedly, allegedly, purportedly, supposedly, apparently)
                        removed                                                             [hedge_dropped]
    actor_swapped       two people's names swapped throughout the passage (not two names that only
                        stand side by side in a list: "Cruz and Rubio" -> "Rubio and Cruz" says the
                        same)                                                               [actor_swapped]
    identical           the passage unchanged, published two hours later                             [none]
    identical_later     the passage unchanged, published three days later                            [none]
    reworded            1-3 rewordings that keep every fact: 14 <-> fourteen, about <-> some <-> around,
                        said -> told reporters, 12 March <-> March 12, a clause moved, two sentences
                        swapped                                                                      [none]
    interval_ordered    as interval_reversed with the interval the right way round                   [none]
    update              published two days later with a larger figure and words of an update ("19 people,
                        a figure that has risen from 14", or "The number of people has risen to 19.")  [update]

Facts are found here by rules of this module's own (`summary`), independent of `newstrace.provenance.facts`
and broader than it (any plural noun after a number; AP month abbreviations such as "Jan. 20"; prepositions
in any case), so the benchmark measures what the detector misses. Every pair is checked before it is kept
(`problems`): a changed pair differs from its source in exactly one fact, a control in none.

    cd benchmarks && python -m generate.discrepancies TEXTS OUT.jsonl [--seed 1] [--per-class 60]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from .reusecorpus import _restructure, full_names, normalise_text, split_sentences

CLASSES = ("number_changed", "date_changed", "interval_reversed", "negation_flipped", "hedge_dropped",
           "actor_swapped", "identical", "identical_later", "reworded", "interval_ordered", "update")
GOLD = {"number_changed": "number_changed", "date_changed": "date_changed", "interval_reversed": "interval_reversed",
        "negation_flipped": "negation_flipped", "hedge_dropped": "hedge_dropped", "actor_swapped": "actor_swapped",
        "identical": "none", "identical_later": "none", "reworded": "none", "interval_ordered": "none",
        "update": "update"}
CHANGED = tuple(c for c in CLASSES if GOLD[c] not in ("none", "update"))
CONTROLS = tuple(c for c in CLASSES if GOLD[c] == "none")
INTERNAL = ("interval_reversed", "interval_ordered")  # scored with `internal` on the retelling alone
DEFAULT_PUBLISHED = "2016-05-10T10:00:00"
LATER = {"update": timedelta(days=2), "identical_later": timedelta(days=3)}  # otherwise two hours
MAX_WORDS = 120  # words in a passage

# -- facts, by this module's own rules -----------------------------------------------------------------------

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
         "seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORDS_RE = (rf"(?:{'|'.join(_TENS[2:])})(?:-(?:{'|'.join(_UNITS[1:10])}))?"
             rf"|(?:{'|'.join(sorted(_UNITS[2:], key=len, reverse=True))})")
_NUMBER = re.compile(rf"(?<![\w$£€.,:/#-])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?i:{_WORDS_RE}))"
                     r"(?:\s(?P<scale>hundred|thousand|million|billion))?(?![\w%-])")
_NEXT_WORDS = re.compile(r" (?P<w1>[A-Za-z][a-z-]*)(?: (?P<w2>[A-Za-z][a-z-]*))?")
_PLURALS = frozenset("people police children men women personnel staff dead wounded injured cattle militia "
                     "livestock clergy".split())
_NOT_NOUNS = frozenset("""
    this does less plus thus whereas perhaps always besides afterwards towards unless news series species
    says seems remains goes gets makes takes comes gives shows means tells keeps runs puts sees looks wants
    needs uses becomes includes involves across various previous serious famous numerous obvious was has his
    its yes gas bus times points percent cents
""".split())
_TIME_UNITS = frozenset("seconds minutes hours days weeks months years decades centuries".split())
_NOT_ADJECTIVES = frozenset("""
    of in on at to for and or the a an were was are is had have has been be who which that than from by with per
    percent as if but so into out up down over under when while where after before because since until
    times points years months weeks days hours among between against about including across like within without
    through during around near toward towards than then also only just
""".split())
_DETERMINERS = frozenset("the a an his her its their our my your this these those".split())
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

MONTHS = "January February March April May June July August September October November December".split()
_AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
_MONTH_ANY = "|".join([*MONTHS, r"Jan\.", r"Feb\.", r"Aug\.", r"Sept?\.", r"Oct\.", r"Nov\.", r"Dec\."])
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_YEAR = r"(?:19|20)\d{2}"
_DATE_PATTERNS = [
    ("dm", re.compile(rf"(?<![\w,.])(?P<day>\d{{1,2}}) (?P<month>{_MONTH_ANY})(?: (?P<year>{_YEAR}))?(?![\w])")),
    ("md", re.compile(rf"(?<![\w])(?P<month>{_MONTH_ANY}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                      rf"(?:, (?P<year>{_YEAR}))?(?![\w])")),
    ("my", re.compile(rf"(?<![\w])(?P<month>{_MONTH_ANY}) (?P<year>{_YEAR})(?![\w])")),
    ("m", re.compile(r"(?P<prep>(?i:\b(?:in|on|since|by|until|till|during|through|last|next|this|early|late|mid|"
                     r"from|between|and|to|before|after|of)))[ -]"
                     rf"(?P<month>{'|'.join(MONTHS)})(?![\w-])")),
    ("y", re.compile(r"(?P<prep>(?i:\b(?:in|since|by|until|till|during|through|from|between|before|after|and|"
                     rf"to)))\s(?P<year>{_YEAR})(?![\w-])")),
    ("wd", re.compile(r"(?P<prep>(?i:\b(?:on|last|this|since|by|until|till|next|from|through|late|early)))\s"
                      rf"(?P<weekday>{'|'.join(WEEKDAYS)})\b")),
]
_PREP_BEFORE = re.compile(r"(?i:\b(?P<prep>on|in|during|since|from|until|till|through|by|to|and|between))\s$")
HEDGE_WORDS = ("reportedly", "allegedly", "purportedly", "supposedly", "apparently")
_HEDGE = re.compile(rf"\b(?:{'|'.join(HEDGE_WORDS)})\b|could not (?:be )?(?:independently )?(?:verif(?:y|ied)|"
                    r"confirm(?:ed)?)|(?:has|have|had) not been (?:independently )?(?:verified|confirmed)", re.I)
_NEGATION = re.compile(r"\b(?:not|cannot|never|no|nobody|nothing|none|neither|nor|without)\b|n[’']t\b", re.I)
_CASUALTY = re.compile(r"\b(?:killed|dead|died|deaths?|death toll|toll|perished|wounded|injured|hurt)\b", re.I)


@dataclass(frozen=True)
class NumberMention:
    span: tuple[int, int]  # the number and the counted noun: "14 people", "2 million minimum-wage workers"
    num: tuple[int, int]  # the number alone, without its scale word
    value: float
    noun: str
    scale: str = ""


@dataclass(frozen=True)
class DateMention:
    span: tuple[int, int]  # the date itself, without a preposition before it
    kind: str  # dm "12 March", md "March 12, 2015", my "March 2015", m "in March", y "in 2015", wd "on Tuesday"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    prep: tuple[int, int] | None = None  # the preposition right before, when there is one
    abbreviated: bool = False  # "Jan. 20"

    @property
    def key(self) -> tuple[int | None, int | None, int | None, int | None]:
        return self.year, self.month, self.day, self.weekday

    def order(self) -> tuple[int, int, int]:
        return self.year or 0, self.month or 0, self.day or 0


def _words_value(words: str) -> int | None:
    total = 0
    for part in words.lower().split("-"):
        if part in _UNITS:
            total += _UNITS.index(part)
        elif part in _TENS:
            total += 10 * _TENS.index(part)
        else:
            return None
    return total


def number_words(n: int) -> str | None:
    """14 -> "fourteen", 21 -> "twenty-one"; None from 100 up."""
    if 0 <= n < 20:
        return _UNITS[n]
    if 20 <= n < 100:
        return _TENS[n // 10] + (f"-{_UNITS[n % 10]}" if n % 10 else "")
    return None


def _noun_ok(word: str) -> bool:
    if word in _PLURALS:
        return True
    return (len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "ous", "us", "is"))
            and word not in _NOT_NOUNS and word not in _TIME_UNITS)


def number_mentions(text: str) -> list[NumberMention]:
    """Counted numbers: a number (digits or words, not "one"), an optional scale word, at most one lower-case
    word, then a plural noun. Money, percentages, years, times and numbers inside dates are left out."""
    out = []
    for m in _NUMBER.finditer(text):
        num = m.group("num")
        if re.fullmatch(_YEAR, num) and not m.group("scale"):
            continue
        if "." in num and not m.group("scale"):
            continue
        before, after = text[max(0, m.start() - 12):m.start()], text[m.end():m.end() + 12]
        if re.search(rf"(?:{_MONTH_ANY}) $", before) or re.match(rf" (?:{_MONTH_ANY})", after):
            continue
        nxt = _NEXT_WORDS.match(text, m.end())
        if not nxt:
            continue
        w1, w2 = nxt["w1"].lower(), (nxt["w2"] or "").lower()
        if w2 and w1 not in _NOT_ADJECTIVES and _noun_ok(w2) and w2 not in _PLURALS:
            noun, end = nxt["w2"], nxt.end("w2")  # "two other soldiers", "170 police officers"
        elif _noun_ok(w1) and w2 not in _DETERMINERS:  # "the two encapsulates the choice" is a verb
            noun, end = nxt["w1"], nxt.end("w1")
        else:
            continue
        if text[end:end + 1] == "-":  # "14 people-carriers"
            continue
        base = float(num.replace(",", "")) if num[0].isdigit() else _words_value(num)
        if base is None:
            continue
        scale = (m.group("scale") or "").lower()
        value = base * _SCALES[scale] if scale else base
        out.append(NumberMention((m.start(), end), m.span("num"), value, noun, scale))
    return out


def _month_number(name: str) -> int:
    return [m[:3] for m in MONTHS].index(name[:3]) + 1


def date_mentions(text: str) -> list[DateMention]:
    """Dates: day and month, month and day, month and year (with or without a year; AP abbreviations such as
    "Jan." too), a month or a year after a preposition, a weekday after on/last/this/since/by/until."""
    found: list[DateMention] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            start = m.end("prep") + 1 if groups.get("prep") else m.start()
            span = (start, m.end())
            prep: tuple[int, int] | None = m.span("prep") if groups.get("prep") else None
            if prep is None:
                before = _PREP_BEFORE.search(text, max(0, span[0] - 12), span[0])
                prep = before.span("prep") if before else None
            month = groups.get("month")
            found.append(DateMention(
                span, kind, int(groups["year"]) if groups.get("year") else None,
                _month_number(month) if month else None, int(groups["day"]) if groups.get("day") else None,
                WEEKDAYS.index(groups["weekday"]) if groups.get("weekday") else None, prep,
                bool(month and month.endswith("."))))
    found.sort(key=lambda d: (d.span[0], -(d.span[1] - d.span[0])))
    out: list[DateMention] = []
    for d in found:
        if out and d.span[0] < out[-1].span[1]:
            continue
        if d.day is not None and not 1 <= d.day <= 31:
            continue
        out.append(d)
    return out


def interval_mentions(text: str, found: list[DateMention] | None = None) -> list[tuple[DateMention, DateMention]]:
    """("from" X, "until/till/to/through" Y) pairs of neighbouring dates."""
    found = date_mentions(text) if found is None else found
    out = []
    for a, b in zip(found, found[1:], strict=False):
        if a.prep and text[a.prep[0]:a.prep[1]].lower() == "from" and b.kind != "wd" and a.kind != "wd" \
                and re.fullmatch(r" (?:until|till|to|through) ", text[a.span[1]:b.span[0]]):
            out.append((a, b))
    return out


def summary(text: str) -> dict[str, Counter[Any]]:
    """The facts of a passage, for comparing two sides: counted numbers (value, noun), dates (year, month, day,
    weekday), hedges, negations, and intervals marked ordered or reversed."""
    found = date_mentions(text)
    intervals = Counter("reversed" if b.order() < a.order() else "ordered"
                        for a, b in interval_mentions(text, found)
                        if (a.year is None) == (b.year is None))
    return {
        "numbers": Counter((n.value, n.noun) for n in number_mentions(text)),
        "dates": Counter(d.key for d in found),
        "hedges": Counter(m.group().lower() for m in _HEDGE.finditer(text)),
        "negations": Counter({"negations": len(_NEGATION.findall(text))}),
        "intervals": intervals,
    }


# -- documents and passages ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Document:
    name: str
    paragraphs: tuple[str, ...]
    published: str  # ISO 8601 date and time


def published_from_name(name: str, default: str = DEFAULT_PUBLISHED) -> str:
    """10:00 on the date in a file name ("nyt_2016-03-02_..."), else `default`."""
    m = re.search(r"(?<!\d)((?:19|20)\d{2}-\d{2}-\d{2})(?!\d)", name)
    if m:
        try:
            return datetime.fromisoformat(m.group(1) + "T10:00:00").isoformat()
        except ValueError:
            pass
    return default


def read_texts(folder: Path) -> list[Document]:
    """Every .txt in the folder, sorted by name; the publication time from the file name when it has a date."""
    out = []
    for path in sorted(Path(folder).glob("*.txt")):
        if path.is_file():
            paras = normalise_text(path.read_text(encoding="utf-8", errors="replace"))
            if paras:
                out.append(Document(path.name, tuple(paras), published_from_name(path.name)))
    return out


@dataclass(frozen=True)
class _Passage:
    doc: Document
    para: int
    first: int  # index of the first sentence in its paragraph
    sentences: tuple[str, ...]
    focus: int  # index into sentences of the one carrying the fact

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    @property
    def focus_span(self) -> tuple[int, int]:
        start = sum(len(s) + 1 for s in self.sentences[:self.focus])
        return start, start + len(self.sentences[self.focus])

    @property
    def origin(self) -> str:
        a = self.first + 1
        b = self.first + len(self.sentences)
        return f"{self.doc.name} ¶{self.para + 1} s{a}" + (f"-{b}" if b > a else "")


@dataclass(frozen=True)
class Pair:
    id: str
    cls: str
    gold: str  # a discrepancy kind, "none" or "update"
    source: str
    target: str
    source_published: str
    target_published: str
    origin: str  # file, paragraph and sentences the passage comes from
    change: str  # what was done, in words
    source_span: tuple[int, int] | None = None  # the edited stretch of the source (may be empty)
    target_span: tuple[int, int] | None = None  # and of the retelling
    meta: dict[str, Any] = field(default_factory=dict)

    def public(self) -> dict[str, Any]:
        return asdict(self)


def diff_span(a: str, b: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """The stretch of a and of b between their common prefix and common suffix."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[len(a) - 1 - s] == b[len(b) - 1 - s]:
        s += 1
    return (p, len(a) - s), (p, len(b) - s)


# -- edits ----------------------------------------------------------------------------------------------

Edit = tuple[str, str, dict[str, Any]]  # (new passage text, what was done, metadata)


def _replace(text: str, span: tuple[int, int], new: str) -> str:
    return text[:span[0]] + new + text[span[1]:]


def _in(span: tuple[int, int], within: tuple[int, int]) -> bool:
    return within[0] <= span[0] and span[1] <= within[1]


def _number_text(value: int, like: str) -> str:
    """A number written the way `like` is: digits (with thousands commas when like has them) or words."""
    if like[0].isdigit():
        return f"{value:,}" if "," in like else str(value)
    words = number_words(value)
    if words is None:
        return str(value)
    return words.capitalize() if like[0].isupper() else words


def _other_number(old: str, rng: random.Random) -> tuple[str, int] | None:
    """Another value for a number: digits swapped when that gives a valid different number, else +/- a step."""
    if old[0].isdigit() and "." not in old:
        digits = old.replace(",", "")
        swaps = [i for i in range(len(digits) - 1) if digits[i] != digits[i + 1] and not (i == 0 and digits[1] == "0")]
        if swaps and rng.random() < 0.6:
            i = rng.choice(swaps)
            new = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
            return _number_text(int(new), old), int(new)
    if "." in old:
        return None
    value = int(old.replace(",", "")) if old[0].isdigit() else _words_value(old)
    if value is None:
        return None
    step = max(1, round(value * rng.uniform(0.15, 0.6)))
    new_value = value + step if rng.random() < 0.5 or value - step < 2 else value - step
    return _number_text(new_value, old), new_value


_M = TypeVar("_M", "NumberMention", "DateMention")


def _one_in_focus(mentions: list[_M], p: _Passage, rng: random.Random) -> _M | None:
    """A random one of the mentions that lie in the passage's focus sentence, or None."""
    inside = [m for m in mentions if _in(m.span, p.focus_span)]
    return rng.choice(inside) if inside else None


def edit_number(p: _Passage, rng: random.Random) -> Edit | None:
    text = p.text
    n = _one_in_focus(number_mentions(text), p, rng)
    if n is None:
        return None
    old = text[n.num[0]:n.num[1]]
    other = _other_number(old, rng)
    if other is None:
        return None
    new_text, _ = other
    return (_replace(text, n.num, new_text), f"{text[n.span[0]:n.span[1]]!r}: {old} -> {new_text}",
            {"noun": n.noun, "casualty": bool(_CASUALTY.search(p.sentences[p.focus]))})


def edit_update(p: _Passage, rng: random.Random) -> Edit | None:
    text = p.text
    n = _one_in_focus(number_mentions(text), p, rng)
    if n is None:
        return None
    old = text[n.num[0]:n.num[1]]
    if "." in old:
        return None
    value = int(old.replace(",", "")) if old[0].isdigit() else _words_value(old)
    if value is None:
        return None
    new_value = value + max(1, round(value * rng.uniform(0.1, 0.6)))
    new = _number_text(new_value, old)
    scale = f" {n.scale}" if n.scale else ""
    template = rng.choice(["clause", "lead", "after"])
    phrase = _replace(text[n.span[0]:n.span[1]], (n.num[0] - n.span[0], n.num[1] - n.span[0]), new)
    if template == "clause":  # "19 people, a figure that has risen from 14, were killed"
        tail = "" if re.match(r"[,.;:)]| [-—–]", text[n.span[1]:n.span[1] + 2]) else ","
        out = _replace(text, n.span, f"{phrase}, a figure that has risen from {old.lower()}{scale}{tail}")
    else:
        out = _replace(text, n.num, new)
        fs, fe = p.focus_span
        shift = len(new) - len(old)
        if template == "lead":  # "The number of people has risen to 19. At least 19 people were killed ..."
            what = "The figure" if n.noun.lower() in ("others", "more") else f"The number of {n.noun.lower()}"
            out = out[:fs] + f"{what} has risen to {new.lower()}{scale}. " + out[fs:]
        else:  # "... were killed. The figure has risen from 14 in earlier reports."
            out = out[:fe + shift] + f" The figure has risen from {old.lower()}{scale} in earlier reports." \
                + out[fe + shift:]
    return (out, f"{text[n.span[0]:n.span[1]]!r}: {old} -> {new} ({template})",
            {"template": template, "noun": n.noun, "casualty": bool(_CASUALTY.search(p.sentences[p.focus]))})


def _month_text(month: int, abbreviated: bool) -> str:
    return _AP_MONTHS[month - 1] if abbreviated else MONTHS[month - 1]


def _date_text(d: DateMention, year: int | None, month: int | None, day: int | None, weekday: int | None,
               original: str) -> str:
    """A date in the same form as the mention d."""
    if d.kind == "wd":
        return WEEKDAYS[weekday or 0]
    mon = _month_text(month or 1, d.abbreviated)
    if d.kind == "dm":
        return f"{day} {mon}" + (f" {year}" if year else "")
    if d.kind == "md":
        suffix = re.match(r"\D+\s\d+(st|nd|rd|th)?", original)
        ordinal = _ordinal(day or 1) if suffix and suffix.group(1) else ""
        return f"{mon} {day}{ordinal}" + (f", {year}" if year else "")
    if d.kind == "my":
        return f"{mon} {year}"
    if d.kind == "m":
        return mon
    return str(year)


def _ordinal(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def edit_date(p: _Passage, rng: random.Random) -> Edit | None:
    text = p.text
    d = _one_in_focus(date_mentions(text), p, rng)
    if d is None:
        return None
    original = text[d.span[0]:d.span[1]]
    year, month, day, weekday = d.key
    what = ""
    if d.kind == "wd":
        weekday = rng.choice([w for w in range(7) if w != d.weekday])
        what = "weekday"
    elif d.kind in ("dm", "md") and rng.random() < 0.7:
        day = rng.choice([x for x in range(1, 29) if abs(x - (d.day or 0)) >= 2])
        what = "day"
    elif d.kind in ("dm", "md", "my", "m") and (d.kind != "my" or rng.random() < 0.6):
        month = rng.choice([x for x in range(1, 13) if x != d.month])
        day = min(day, 28) if day else day
        what = "month"
    else:
        if year is None:
            return None
        year = year + rng.choice([-3, -2, -1, 1, 2, 3])
        what = "year"
    new = _date_text(d, year, month, day, weekday, original)
    if new == original:
        return None
    return _replace(text, d.span, new), f"{original!r} -> {new!r} ({what})", {"date_kind": d.kind, "what": what}


def _shifted(d: DateMention, later: bool, rng: random.Random) -> tuple[int | None, int | None, int | None] | None:
    """Another date of the same form, before (or after) d."""
    year, month, day = d.year, d.month, d.day
    sign = 1 if later else -1
    if d.kind in ("dm", "md"):
        assert day is not None and month is not None
        choices = [x for x in range(1, 29) if (x - day) * sign >= 2]
        if choices:
            return year, month, rng.choice(choices)
        if 1 <= month + sign <= 12:
            return year, month + sign, min(day, 28)
        return None
    if d.kind == "my":
        assert month is not None and year is not None
        total = year * 12 + month - 1 + sign * rng.randint(2, 8)
        return total // 12, total % 12 + 1, None
    if d.kind == "y":
        assert year is not None
        return year + sign * rng.randint(1, 4), None, None
    return None


def _edit_interval(p: _Passage, rng: random.Random, later: bool) -> Edit | None:
    text = p.text
    d = _one_in_focus([d for d in date_mentions(text) if d.prep and d.kind in ("dm", "md", "my", "y")
                       and text[d.prep[0]:d.prep[1]].lower() in ("on", "in", "during", "since")], p, rng)
    if d is None:
        return None
    assert d.prep is not None
    shifted = _shifted(d, later, rng)
    if shifted is None:
        return None
    original = text[d.span[0]:d.span[1]]
    other = _date_text(d, *shifted, None, original)
    prep = text[d.prep[0]:d.prep[1]]
    start = "From" if prep[0].isupper() else "from"
    new = f"{start} {original} until {other}"
    return (_replace(text, (d.prep[0], d.span[1]), new), f"{prep} {original!r} -> {new!r}",
            {"date_kind": d.kind})


def edit_interval_reversed(p: _Passage, rng: random.Random) -> Edit | None:
    return _edit_interval(p, rng, later=False)


def edit_interval_ordered(p: _Passage, rng: random.Random) -> Edit | None:
    return _edit_interval(p, rng, later=True)


_CONTRACTIONS = {"don't": "do", "doesn't": "does", "didn't": "did", "isn't": "is", "aren't": "are", "wasn't": "was",
                 "weren't": "were", "hasn't": "has", "haven't": "have", "hadn't": "had", "won't": "will",
                 "wouldn't": "would", "can't": "can", "couldn't": "could", "shouldn't": "should", "cannot": "can"}
_AUX = r"is|are|was|were|will|would|could|should|can|did|does|has|have|had|must|might"
_REMOVABLE = re.compile(rf"\b(?:(?P<aux>{_AUX}|do|may) not\b|(?P<short>(?i:{'|'.join(_CONTRACTIONS)})))"
                        .replace("'", "['’]"))
_INSERTABLE = re.compile(
    r"\b(?:(?P<aux>will|would|could|should|can|did|does|must|might) (?!not\b|also\b|still\b|never\b|no\b|"
    r"in\b|on\b|at\b|to\b|for\b|the\b|a\b|an\b|it\b|so\b|that\b|this\b|with\b|and\b|or\b|but\b|as\b|"
    r"by\b|of\b)(?=[a-z])"
    r"|(?P<aux2>is|are|was|were|has|have|had) (?=been\b|[a-z]+(?:ed|en|wn|ing|ne)\b))")


def edit_negation(p: _Passage, rng: random.Random) -> Edit | None:
    text = p.text
    fs, fe = p.focus_span
    removable = [m for m in _REMOVABLE.finditer(text, fs, fe)]
    insertable = [m for m in _INSERTABLE.finditer(text, fs, fe)]
    options = [("remove", m) for m in removable] + [("insert", m) for m in insertable]
    if not options:
        return None
    # as many removals as insertions where both are possible
    if removable and insertable:
        op = rng.choice(["remove", "insert"])
        options = [o for o in options if o[0] == op]
    op, m = rng.choice(options)
    negations = len(_NEGATION.findall(text))
    if op == "insert":
        aux = "aux" if m.group("aux") else "aux2"
        out = _replace(text, (m.end(aux), m.end(aux)), " not")
        what = f"{m.group(aux)!r} -> '{m.group(aux)} not'"
    elif m.group("aux"):
        out = _replace(text, (m.end("aux"), m.end()), "")
        what = f"{m.group()!r} -> {m.group('aux')!r}"
    else:
        short = m.group("short")
        plain = _CONTRACTIONS[short.lower().replace("’", "'")]
        plain = plain.capitalize() if short[0].isupper() else plain
        out = _replace(text, m.span(), plain)
        what = f"{short!r} -> {plain!r}"
    return out, what, {"op": op, "negations_in_source": negations}


def edit_hedge(p: _Passage, rng: random.Random) -> Edit | None:
    text = p.text
    fs, fe = p.focus_span
    found = [m for m in re.finditer(rf"\b(?:{'|'.join(HEDGE_WORDS)})\b", text[fs:fe], re.I)]
    if not found:
        return None
    m = rng.choice(found)
    a, b = fs + m.start(), fs + m.end()
    word = text[a:b]
    sentence_start = a == fs or text[:a].rstrip().endswith((".", "!", "?", "“", '"'))
    if text[a - 2:a] == ", " and text[b:b + 1] == ",":  # "was, reportedly, ill"
        out = text[:a - 2] + text[b + 1:]
    elif text[b:b + 2] == ", " and sentence_start:  # "Reportedly, the ..."
        out = text[:a] + text[b + 2:b + 3].upper() + text[b + 3:]
    elif text[b:b + 1] == " ":
        out = text[:a] + (text[b + 1].upper() + text[b + 2:] if word[0].isupper() else text[b + 1:])
        if re.search(r"\b[Aa]n $", out[:a]) and re.match(r"[b-df-hj-np-tv-z]", out[a:a + 1]):
            out = out[:a - 2] + " " + out[a:]  # "an apparently fictitious" -> "a fictitious"
    elif text[a - 1:a] == " ":  # "... was killed, apparently."
        out = text[:a - 1] + text[b:]
        out = re.sub(r",([.!?])", r"\1", out)
    else:
        return None
    return out, f"{word!r} removed", {"hedge": word.lower(), "other_hedges": len(_HEDGE.findall(text)) - 1}


_TITLED = re.compile(r"\b(?:Mr\.|Mrs\.|Ms\.|Sen\.|Gov\.|Rep\.|Dr\.|President|Senator|Governor|Secretary) "
                     r"(?:[A-Z][a-z]+ )?(?P<name>[A-Z][a-z]+)\b(?! [A-Z])")


_TITLE_WORDS = frozenset("mr mrs ms dr president senator governor secretary speaker chairman".split())
_LISTED = re.compile(r",? (?:(?:and|or|&) )?(?P<title>(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep)\. )?")


def edit_actor(p: _Passage, rng: random.Random, names: dict[str, str]) -> Edit | None:
    text = p.text
    surnames = sorted(s for s in {s for s in names if re.search(rf"\b{s}\b", text)}
                      | {m["name"] for m in _TITLED.finditer(text)}
                      if not s.endswith(("i", "ian", "ese", "ish")) and not re.search(
                          rf"(?:\b(?:in|at|from|to) |\()(?:[A-Z][a-z]+ )?{s}\b", text))  # places, nationalities
    surnames = [s for s in surnames if s.lower() not in _TITLE_WORDS]  # "Mr. President" names no one
    if len(surnames) < 2:
        return None
    a, b = rng.sample(surnames, 2)
    if names.get(a) == b or names.get(b) == a:
        return None  # one person's first name and surname ("Hillary", "Clinton"), not two people
    swap = {a: b, b: a}
    if a in names and b in names:
        swap.update({f"{names[a]} {a}": f"{names[b]} {b}", f"{names[b]} {b}": f"{names[a]} {a}"})
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(swap, key=len, reverse=True)) + r")\b")
    found = list(pattern.finditer(text))
    listed = len(found) == 2 and _LISTED.fullmatch(text, found[0].end(), found[1].start())
    if listed and text[:found[0].start()].endswith(listed["title"] or ""):
        return None  # "Cruz and Rubio" -> "Rubio and Cruz" only reorders a list: the meaning is unchanged
    out = pattern.sub(lambda m: swap[m.group()], text)
    if out == text:
        return None
    return out, f"{a} <-> {b}", {"names": [a, b]}


_SAID = re.compile(r"(?<=[A-Za-z] )(?<!was )(?<!were )(?<!been )(?<!is )(?<!be )said(?= that\b|[.,]| on\b)")
_APPROX = ("about", "around", "some", "roughly", "approximately")
_QUAL = re.compile(rf"\b(?P<q>(?i:{'|'.join(_APPROX)})) (?=\d|(?i:{_WORDS_RE})\b)")


def _reword_numbers(text: str, rng: random.Random) -> tuple[str, str] | None:
    options = []
    for n in number_mentions(text):
        old = text[n.num[0]:n.num[1]]
        if n.scale:
            continue
        if old.isdigit() and 2 <= int(old) < 100:
            options.append((n.num, number_words(int(old)) or old))
        elif old[0].isalpha():
            value = _words_value(old)
            if value is not None:
                options.append((n.num, str(value)))
    if not options:
        return None
    span, new = rng.choice(options)
    return _replace(text, span, new), f"{text[span[0]:span[1]]} -> {new}"


def _reword_qualifier(text: str, rng: random.Random) -> tuple[str, str] | None:
    found = list(_QUAL.finditer(text))
    if not found:
        return None
    m = rng.choice(found)
    old = m.group("q")
    new = rng.choice([q for q in _APPROX if q != old.lower()])
    new = new.capitalize() if old[0].isupper() else new
    return _replace(text, m.span("q"), new), f"{old} -> {new}"


def _reword_said(text: str, rng: random.Random) -> tuple[str, str] | None:
    found = list(_SAID.finditer(text))
    if not found:
        return None
    m = rng.choice(found)
    return _replace(text, m.span(), "told reporters"), "said -> told reporters"


def _reword_date_format(text: str, rng: random.Random) -> tuple[str, str] | None:
    options = [d for d in date_mentions(text) if d.kind in ("dm", "md") and not d.abbreviated]
    if not options:
        return None
    d = rng.choice(options)
    mon = MONTHS[(d.month or 1) - 1]
    if d.kind == "dm":
        new = f"{mon} {d.day}" + (f", {d.year}" if d.year else "")
    else:
        new = f"{d.day} {mon}" + (f" {d.year}" if d.year else "")
    return _replace(text, d.span, new), f"{text[d.span[0]:d.span[1]]} -> {new}"


def _reword_clause(text: str, rng: random.Random) -> tuple[str, str] | None:
    sentences = split_sentences(text)
    order = list(range(len(sentences)))
    rng.shuffle(order)
    for i in order:
        moved = _restructure(sentences[i], rng)
        if moved != sentences[i]:
            sentences[i] = moved
            return " ".join(sentences), f"clause moved in sentence {i + 1}"
    return None


def _reword_order(text: str, rng: random.Random) -> tuple[str, str] | None:
    sentences = split_sentences(text)
    if len(sentences) < 2:
        return None
    i = rng.randrange(len(sentences) - 1)
    sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    return " ".join(sentences), f"sentences {i + 1} and {i + 2} swapped"


REWORDINGS: dict[str, Callable[[str, random.Random], tuple[str, str] | None]] = {
    "number_words": _reword_numbers, "qualifier": _reword_qualifier, "said": _reword_said,
    "date_format": _reword_date_format, "clause": _reword_clause, "order": _reword_order}


def edit_reworded(p: _Passage, rng: random.Random) -> Edit | None:
    text = p.text
    names = list(REWORDINGS)
    rng.shuffle(names)
    wanted = rng.randint(1, 3)
    done: list[str] = []
    ops: list[str] = []
    for name in names:
        if len(done) == wanted:
            break
        result = REWORDINGS[name](text, rng)
        if result is None or result[0] == text or summary(result[0]) != summary(p.text):
            continue
        text = result[0]
        done.append(result[1])
        ops.append(name)
    if not done:
        return None
    return text, "; ".join(done), {"ops": ops}


# -- building pairs ------------------------------------------------------------------------------------------

_EXPECTED = {"number_changed": {"numbers"}, "date_changed": {"dates"}, "interval_reversed": {"dates", "intervals"},
             "interval_ordered": {"dates", "intervals"}, "negation_flipped": {"negations"},
             "hedge_dropped": {"hedges"}, "actor_swapped": set(), "identical": set(), "identical_later": set(),
             "reworded": set(), "update": {"numbers"}}


def problems(pair: Pair) -> list[str]:
    """Why a pair is not what its class says (empty when it is): a changed pair differs from its source in
    exactly one fact of its kind, a control and a swap of names in none."""
    s, t = summary(pair.source), summary(pair.target)
    changed = {k for k in s if s[k] != t[k]}
    out = []
    if changed != _EXPECTED[pair.cls]:
        out.append(f"facts changed: {sorted(changed)}, expected {sorted(_EXPECTED[pair.cls])}")
    if (pair.source == pair.target) != (pair.cls in ("identical", "identical_later")):
        out.append("text unchanged" if pair.source == pair.target else "text changed")
    if out:
        return out
    gone, new = s["numbers"] - t["numbers"], t["numbers"] - s["numbers"]
    if pair.cls in ("number_changed", "update"):
        if sum(gone.values()) != 1 or sum(new.values()) != 1:
            out.append(f"numbers: {dict(gone)} -> {dict(new)}, expected one for one")
        elif pair.cls == "update" and not next(iter(new))[0] > next(iter(gone))[0]:
            out.append("update: the figure did not grow")
    if pair.cls == "date_changed":
        gone_d, new_d = s["dates"] - t["dates"], t["dates"] - s["dates"]
        if sum(gone_d.values()) != 1 or sum(new_d.values()) != 1:
            out.append(f"dates: {dict(gone_d)} -> {dict(new_d)}, expected one for one")
    if pair.cls in INTERNAL:
        added = t["intervals"] - s["intervals"]
        want = "reversed" if pair.cls == "interval_reversed" else "ordered"
        if dict(added) != {want: 1} or s["intervals"] - t["intervals"]:
            out.append(f"intervals: {dict(added)} added, expected one {want}")
    if pair.cls == "hedge_dropped" and (sum((s["hedges"] - t["hedges"]).values()) != 1 or t["hedges"] - s["hedges"]):
        out.append("hedges: expected exactly one dropped")
    if pair.cls == "negation_flipped" and abs(s["negations"]["negations"] - t["negations"]["negations"]) != 1:
        out.append("negations: expected one more or one fewer")
    if pair.cls == "actor_swapped" and summary(pair.source) != summary(pair.target):
        out.append("a fact changed besides the names")
    return out



def _later(published: str, cls: str) -> str:
    moment = datetime.fromisoformat(published)
    return (moment + LATER.get(cls, timedelta(hours=2))).isoformat()


def _has_number(s: str) -> bool:
    return bool(number_mentions(s))


def _has_date(s: str) -> bool:
    return bool(date_mentions(s))


_CANDIDATES: dict[str, Callable[[str], bool]] = {
    "number_changed": _has_number,
    "update": _has_number,
    "date_changed": _has_date,
    "interval_reversed": lambda s: any(d.prep and d.kind in ("dm", "md", "my", "y") for d in date_mentions(s)),
    "negation_flipped": lambda s: bool(_REMOVABLE.search(s) or _INSERTABLE.search(s)),
    "hedge_dropped": lambda s: bool(re.search(rf"\b(?:{'|'.join(HEDGE_WORDS)})\b", s, re.I)),
    "actor_swapped": lambda s: bool(re.search(r"\b[A-Z][a-z]+", s[1:])),  # a name; the edit needs two
    "identical": lambda s: _has_number(s) or _has_date(s),
}
_CANDIDATES["interval_ordered"] = _CANDIDATES["interval_reversed"]
_CANDIDATES["identical_later"] = _CANDIDATES["reworded"] = _CANDIDATES["identical"]

_EDITS: dict[str, Callable[[_Passage, random.Random], Edit | None]] = {
    "number_changed": edit_number, "update": edit_update, "date_changed": edit_date,
    "interval_reversed": edit_interval_reversed, "interval_ordered": edit_interval_ordered,
    "negation_flipped": edit_negation, "hedge_dropped": edit_hedge, "reworded": edit_reworded,
    "identical": lambda p, rng: (p.text, "unchanged", {}), "identical_later": lambda p, rng: (p.text, "unchanged", {}),
}


class _Builder:
    def __init__(self, documents: list[Document]) -> None:
        self.documents = documents
        self.sentences: list[list[list[str]]] = []  # document -> paragraph -> sentences
        self._names: dict[int, dict[str, str]] = {}
        for doc in documents:
            paras = list(doc.paragraphs)
            body = paras[1:] if len(paras) > 1 else paras  # the first line of a longer text is its headline
            self.sentences.append([[]] * (len(paras) - len(body)) + [split_sentences(p) for p in body])

    def names(self, d: int) -> dict[str, str]:
        if d not in self._names:
            self._names[d] = full_names("\n".join(self.documents[d].paragraphs))
        return self._names[d]

    def candidates(self, cls: str) -> list[tuple[int, int, int]]:
        test = _CANDIDATES[cls]
        return [(d, p, i) for d, paras in enumerate(self.sentences) for p, sents in enumerate(paras)
                for i, s in enumerate(sents) if 5 <= len(s.split()) <= 60 and test(s)]

    def passage(self, d: int, p: int, i: int, rng: random.Random) -> _Passage | None:
        sents = self.sentences[d][p]
        length = rng.choice([1, 2, 3])
        first = rng.randint(max(0, i - length + 1), i)
        chosen = sents[first:first + length]
        if sum(len(s.split()) for s in chosen) > MAX_WORDS:
            chosen, first = [sents[i]], i
        return _Passage(self.documents[d], p, first, tuple(chosen), i - first)

    def build(self, cls: str, per_class: int, seed: int) -> list[Pair]:
        rng = random.Random(f"{seed}:{cls}")
        candidates = self.candidates(cls)
        rng.shuffle(candidates)
        out: list[Pair] = []
        for d, p, i in candidates:
            if len(out) == per_class:
                break
            passage = self.passage(d, p, i, rng)
            if passage is None:
                continue
            if cls == "actor_swapped":
                edit = edit_actor(passage, rng, self.names(d))
            else:
                edit = _EDITS[cls](passage, rng)
            if edit is None:
                continue
            target, change, meta = edit
            published = passage.doc.published
            spans = diff_span(passage.text, target) if target != passage.text else (None, None)
            pair = Pair(f"{cls}-{len(out) + 1:03d}", cls, GOLD[cls], passage.text, target, published,
                        _later(published, cls), passage.origin, change, spans[0], spans[1], meta)
            if not problems(pair):
                out.append(pair)
        return out


def generate(documents: Iterable[Document] | Path | str, *, seed: int = 1, per_class: int = 60,
             classes: Iterable[str] = CLASSES) -> list[Pair]:
    """Pairs for each class (up to per_class each; fewer where the texts have too few passages of the kind),
    deterministic in (documents, seed, per_class)."""
    docs = read_texts(Path(documents)) if isinstance(documents, (str, Path)) else list(documents)
    builder = _Builder(docs)
    out: list[Pair] = []
    for cls in classes:
        out += builder.build(cls, per_class, seed)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generate.discrepancies",
                                     description="Generate discrepancy evaluation pairs from real news passages.")
    parser.add_argument("texts", type=Path, help="folder of .txt article texts")
    parser.add_argument("out", type=Path, help="JSON lines file to write, one pair a line")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-class", type=int, default=60)
    args = parser.parse_args(argv)
    docs = read_texts(args.texts) if args.texts.is_dir() else []
    if not docs:
        print(f"no .txt texts in {args.texts}", file=sys.stderr)
        return 2
    pairs = generate(docs, seed=args.seed, per_class=args.per_class)
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(json.dumps(p.public(), ensure_ascii=False) + "\n" for p in pairs)
    counts = Counter(p.cls for p in pairs)
    print(" ".join(f"{cls}={counts[cls]}" for cls in CLASSES), f"-> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
