"""When an event happened: the date expressions of a text, resolved against the article's publication time, with
ACLED's time precision (codebook, time.Rmd): 1 the day is known, 2 a week (or a few days, or "around" a day),
3 a month. A week's or a month's `start`/`end` are its first and last days (up to the publication day); its
reference day, the one ACLED would code, is the middle (`reference`), or the first or last day when the text
says "early" or "late".

Expressions that only place something in the past ("last year", "since 2014", "in the 1980s") are kept as
`background`: they date history, not an event. Numeric dates other than ISO (`16-04-22`) are ambiguous and
never read. Without a publication time, an expression that needs one ("earlier this week", "on Wednesday",
"18 April" without a year) stays relative: `start` is None, `relative` keeps the words and `reason` says why."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ..text.dates import parse_datetime

_MONTH_NAMES = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTH_NAMES["sept"] = 9
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3}
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_APPROX = r"(?:(?P<approx>around|about|approximately|circa|on or around|on or about|or around)\s+)?"
_PART = r"(?P<part>early|mid|middle of|late|the end of|end of|the beginning of|beginning of|the start of|start of)"

NO_TIME = "the article has no publication time and the text gives no absolute date"
NO_YEAR = "the text gives the day but no year, and the article has no publication time"

# Each pattern names its groups; the order matters only where two could start at the same place (longest wins).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range_dm", re.compile(
        rf"\b(?:between|from)\s+(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?(?:\s+(?P<y1>{_YEAR}))?\s*(?:and|to|-|–)\s*"
        rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?", re.I)),
    ("range_short", re.compile(
        rf"\b(?P<d1>{_DAY})\s*(?:-|–)\s*(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?", re.I)),
    ("week_of", re.compile(
        rf"\b(?:the\s+)?(?P<unit>week|weekend)\s+of\s+(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH})"
        rf"(?:,?\s+(?P<y>{_YEAR}))?", re.I)),
    ("dmy", re.compile(rf"\b{_APPROX}(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b", re.I)),
    ("mdy", re.compile(rf"\b{_APPROX}(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?!\d)(?:,?\s+(?P<y>{_YEAR}))?\b", re.I)),
    ("iso", re.compile(rf"\b{_APPROX}(?P<y>{_YEAR})-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("month", re.compile(rf"\b(?:{_PART}[\s-]+)?(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\b", re.I)),
    ("weekday", re.compile(
        rf"\b(?:(?P<since>since)\s+)?(?:(?P<rel>last|this|this past|past|next)\s+)?(?P<wd>{_WEEKDAY})"
        r"(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?\b", re.I)),
    ("today", re.compile(r"\b(?:earlier\s+|later\s+)?(?P<w>today|tonight|this morning|this afternoon|this evening|"
                         r"yesterday|last night|overnight)\b", re.I)),
    ("this_week", re.compile(r"\b(?:(?P<edge>earlier|later|early|late)\s+)?(?P<rel>this|last|past|the past|"
                             r"the previous)\s+(?P<unit>week|weekend|month)\b", re.I)),
    ("over_weekend", re.compile(r"\b(?:over|during|at)\s+the\s+(?P<unit>weekend)\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+"
                       r"(?P<unit>days?|weeks?|months?)\s+ago\b", re.I)),
    ("of_unit", re.compile(r"\((?P<unit>week|month)\s+of\)", re.I)),
    ("background", re.compile(
        rf"\b(?:last\s+year|(?:a|one|two|three|four|five|six|several|many|\d+)\s+years?\s+ago|"
        rf"(?:in|since|until|till|by|from)\s+(?:early\s+|late\s+|mid-?)?{_YEAR}(?!-)|"
        r"(?:in|during|since)\s+the\s+(?:1[89]|20)?\d0s|since\s+the\s+(?:fall|start|beginning|end|death)\b|"
        rf"(?:until|till)\s+(?:early\s+|late\s+|mid-?)?{_MONTH}|earlier\s+this\s+year|last\s+(?:decade|century)|"
        rf"in\s+recent\s+(?:years|decades)|for\s+(?:years|decades|months))", re.I)),
]


@dataclass(frozen=True)
class DateMention:
    """One date expression: its span, what it resolves to, and whether it dates an event (`kind` "point") or
    only history ("background"). A "modifier" ("(week of)") only changes the precision of the date before it."""

    span: tuple[int, int]
    kind: str  # point | background | modifier
    start: date | None
    end: date | None
    precision: int
    relative: str | None = None
    reason: str | None = None
    part: str | None = None  # early / late: ACLED takes the month's first or last day

    @property
    def reference(self) -> date | None:
        """The single day ACLED codes for it: the day, else the middle of the week or month (or its first or
        last day when the text says early or late)."""
        if self.start is None or self.end is None:
            return None
        if self.part == "early":
            return self.start
        if self.part == "late":
            return self.end
        return self.start + (self.end - self.start) // 2


def published_day(published: str | None) -> date | None:
    """The publication day of an article (its own calendar day as written), or None."""
    iso = parse_datetime(published) if published else None
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def _month(name: str) -> int:
    return _MONTH_NAMES[name.lower().rstrip(".")]


def _day(value: str) -> int:
    return int(re.sub(r"\D", "", value))


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _week_bounds(day: date) -> tuple[date, date]:
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)


class _Context:
    """What a date needs to be resolved: the publication day, or a year named elsewhere in the text."""

    def __init__(self, published: date | None, text_year: int | None):
        self.published = published
        self.text_year = text_year

    def year_for(self, month: int, day: int) -> int | None:
        if self.published is not None:
            year = self.published.year
            candidate = _safe(year, month, day)
            # a day well after publication is last year's ("25 December" in January); one a few weeks after
            # is kept, so that a wrong date shows as wrong rather than as another year
            if candidate is not None and candidate > self.published + timedelta(days=60):
                return year - 1
            return year
        return self.text_year


def find_dates(text: str, published: str | None, start: int = 0, end: int | None = None,
               text_year: int | None = None) -> list[DateMention]:
    """Every date expression in text[start:end], in order, without overlaps (the longest wins)."""
    end = len(text) if end is None else end
    context = _Context(published_day(published), text_year)
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text, start, end):
            found.append((match.start(), match.end(), name, match))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[DateMention] = []
    last_end = -1
    for a, b, name, match in found:
        if a < last_end:
            continue
        mention = _resolve(name, match, text, context)
        if mention is None:
            continue
        bracketed = bool(out) and out[-1].kind == "point" and text[out[-1].span[1]:a].strip() == "("
        if (mention.kind == "modifier" or bracketed) and out:  # "4 February (between 21 January - 11 February)"
            out[-1] = _modified(out[-1], mention)
            last_end = b
            continue
        out.append(mention)
        last_end = b
    return out


def text_year(text: str) -> int | None:
    """The year of the first full date (day, month and year) the text gives, to date days written without one."""
    for name in ("dmy", "mdy"):
        pattern = dict(_PATTERNS)[name]
        for match in pattern.finditer(text):
            if match.group("y"):
                return int(match.group("y"))
    return None


def _modified(previous: DateMention, modifier: DateMention) -> DateMention:
    if modifier.precision <= previous.precision:
        return previous
    return DateMention(previous.span, previous.kind, previous.start, previous.end, modifier.precision,
                       previous.relative, previous.reason, previous.part)


def _relative(span: tuple[int, int], text: str, precision: int, reason: str = NO_TIME) -> DateMention:
    return DateMention(span, "point", None, None, precision, text[span[0]:span[1]], reason)


def _resolve(name: str, m: re.Match[str], text: str, ctx: _Context) -> DateMention | None:
    span = (m.start(), m.end())
    if name == "background":
        return DateMention(span, "background", None, None, 3, text[span[0]:span[1]], "dates history")
    if name == "of_unit":
        return DateMention(span, "modifier", None, None, 2 if m.group("unit").lower() == "week" else 3)
    if name in ("dmy", "mdy", "iso"):
        return _day_date(m, span, text, ctx)
    if name == "month":
        return _month_date(m, span, text, ctx)
    if name in ("range_dm", "range_short"):
        return _range(m, span, text, ctx)
    if name == "week_of":
        month, day = _month(m.group("m")), _day(m.group("d"))
        year = int(m.group("y")) if m.group("y") else ctx.year_for(month, day)
        found = _safe(year, month, day) if year else None
        if found is None:
            return _relative(span, text, 2, NO_YEAR) if year is None else None
        return DateMention(span, "point", found, found, 2)
    return _relative_date(name, m, span, text, ctx)


def _day_date(m: re.Match[str], span: tuple[int, int], text: str, ctx: _Context) -> DateMention | None:
    month = int(m.group("mo")) if "mo" in m.groupdict() and m.group("mo") else _month(m.group("m"))
    day = _day(m.group("d"))
    if m.group("m") and m.group("m").lower().rstrip(".") == "may" and not m.group("y"):
        # "may" is a verb as often as a month: "they may 3"; only a capitalised May with a day counts
        if not m.group("m")[0].isupper():
            return None
    year = int(m.group("y")) if m.group("y") else ctx.year_for(month, day)
    precision = 2 if m.group("approx") else 1
    if year is None:
        return _relative(span, text, precision, NO_YEAR)
    found = _safe(year, month, day)
    if found is None:
        return None
    return DateMention(span, "point", found, found, precision)


def _month_date(m: re.Match[str], span: tuple[int, int], text: str, ctx: _Context) -> DateMention | None:
    word = m.group("m")
    if not word[0].isupper() or (word.lower().rstrip(".") in ("may", "mar", "jan", "jun", "jul", "oct", "dec", "sep")
                                 and not m.group("y") and not m.group("part")):
        return None  # "May" alone is too often the verb; abbreviations alone too often something else
    if word.lower().rstrip(".") in ("march",) and not m.group("y") and not m.group("part"):
        before = text[max(0, span[0] - 4):span[0]].lower()
        if not re.search(r"\b(?:in|of|by)\s$", before):
            return None  # "a march", "to march"
    month = _month(word)
    part = (m.group("part") or "").lower()
    part_key = "early" if part in ("early", "beginning of", "the beginning of", "start of", "the start of") else \
        "late" if part in ("late", "end of", "the end of") else None
    year = int(m.group("y")) if m.group("y") else (ctx.published.year if ctx.published else ctx.text_year)
    if year is None:
        return _relative(span, text, 3, NO_YEAR)
    if ctx.published is not None and not m.group("y") and date(year, month, 1) > ctx.published:
        year -= 1
    first, last = _month_bounds(year, month)
    if ctx.published is not None and first <= ctx.published <= last:
        last = ctx.published
    return DateMention(span, "point", first, last, 3, part=part_key)


def _range(m: re.Match[str], span: tuple[int, int], text: str, ctx: _Context) -> DateMention | None:
    m2 = _month(m.group("m2"))
    m1 = _month(m.group("m1")) if m.groupdict().get("m1") else m2
    d1, d2 = _day(m.group("d1")), _day(m.group("d2"))
    y2 = int(m.group("y2")) if m.group("y2") else ctx.year_for(m2, d2)
    y1 = int(m.group("y1")) if m.groupdict().get("y1") else (y2 - 1 if y2 and m1 > m2 else y2)
    if y1 is None or y2 is None:
        return _relative(span, text, 2, NO_YEAR)
    first, last = _safe(y1, m1, d1), _safe(y2, m2, d2)
    if first is None or last is None or last < first:
        return None
    days = (last - first).days
    precision = 1 if days == 0 else 2 if days <= 7 else 3
    return DateMention(span, "point", first, last, precision)


def _relative_date(name: str, m: re.Match[str], span: tuple[int, int], text: str,
                   ctx: _Context) -> DateMention | None:
    pub = ctx.published
    if name == "today":
        word = m.group("w").lower()
        back = 1 if word in ("yesterday", "last night") else 0
        if pub is None:
            return _relative(span, text, 1)
        day = pub - timedelta(days=back)
        return DateMention(span, "point", day, day, 1)
    if name == "weekday":
        wanted = _DAYS.index(m.group("wd").lower())
        rel = (m.group("rel") or "").lower()
        if rel == "next":
            return None  # a plan, not an event
        if pub is None:
            return _relative(span, text, 1)
        back = (pub.weekday() - wanted) % 7
        if back == 0 and rel in ("last", "past", "this past"):
            back = 7
        day = pub - timedelta(days=back)
        return DateMention(span, "point", day, day, 1)
    if name in ("this_week", "over_weekend"):
        unit = m.group("unit").lower()
        rel = (m.groupdict().get("rel") or "this").lower()
        previous = rel in ("last", "the previous") or (rel in ("past", "the past") and unit == "weekend")
        precision = 3 if unit == "month" else 2
        if pub is None:
            return _relative(span, text, precision)
        if unit == "month":
            anchor = pub.replace(day=1) - timedelta(days=1) if previous else pub
            first, last = _month_bounds(anchor.year, anchor.month)
        elif unit == "weekend":
            saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
            if previous and saturday >= pub - timedelta(days=1):
                saturday -= timedelta(days=7)
            first, last = saturday, saturday + timedelta(days=1)
        else:
            anchor = pub - timedelta(days=7) if previous else pub
            first, last = _week_bounds(anchor)
        last = min(last, pub)
        return DateMention(span, "point", first, last, precision)
    if name == "ago":
        raw = m.group("n").lower()
        count = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 1)
        unit = m.group("unit").lower().rstrip("s")
        precision = 1 if unit == "day" else 2 if unit == "week" else 3
        if pub is None:
            return _relative(span, text, precision)
        days = count * (1 if unit == "day" else 7 if unit == "week" else 30)
        day = pub - timedelta(days=days)
        if unit == "day":
            return DateMention(span, "point", day, day, 1)
        if unit == "week":
            first, last = _week_bounds(day)
        else:
            first, last = _month_bounds(day.year, day.month)
        return DateMention(span, "point", first, last, precision)
    return None


def iter_years(mentions: list[DateMention]) -> Iterator[int]:
    for mention in mentions:
        if mention.start is not None:
            yield mention.start.year
