"""Checkable facts in a stretch of text, with their spans: numbers with what they count, dates (resolved
against the publication time when the text leaves the year or the day implicit), and intervals.

The rules are deliberately plain: a number is what the words right after it name ("14 people", "nine
soldiers"), and what happened to them is the first casualty word later in its sentence ("were killed",
"among the dead"); a date is a day and month, a month and year, a year, or a weekday.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..text.tokens import sentences

_UNITS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                     "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * n for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split(), 0)
         if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12}
_NUMBER_WORD = "|".join(sorted(list(_UNITS) + list(_TENS), key=len, reverse=True))
NUMBER = re.compile(
    rf"(?<![\w.,])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{_NUMBER_WORD})(?:[- ](?:{_NUMBER_WORD}))?)"
    r"(?:\s+(?P<scale>hundred|thousand|million))?(?![\w])", re.I)
_COUNTED = re.compile(r"\s+(?:(?:more|other|of\s+them|of\s+whom|further|additional|more\s+than)\s+)?"
                      r"(?:[a-z-]+\s+)?(?P<noun>people|persons|soldiers|troops|civilians|fighters|rebels|militants|"
                      r"children|women|men|police(?:men|\s+officers)?|officers|residents|families|workers|"
                      r"refugees|protesters|students|patients|journalists|dead|wounded|injured|bodies|deaths|"
                      r"casualties|victims|migrants|hostages|prisoners|inmates|jihadists|members|tents|homes|"
                      r"houses|buildings|vehicles|trucks|boats|kilometres|kilometers|km|miles|days|weeks|months|"
                      r"years|hours|(?-i:[a-z][a-z-]{2,}s))\b", re.I)
_CASUALTY = [("killed", re.compile(r"\b(?:killed|dead|died|deaths?|death toll|toll|lost their lives|perished|"
                                   r"bodies)\b", re.I)),
             ("wounded", re.compile(r"\b(?:wounded|injured|hurt|treated)\b", re.I)),
             ("displaced", re.compile(r"\b(?:fled|displaced|evacuated|left (?:their|the) (?:homes|town)|"
                                      r"homeless)\b", re.I)),
             ("arrested", re.compile(r"\b(?:arrested|detained|captured|held)\b", re.I))]
_SAID_BY_NOUN = {"wounded": "wounded", "injured": "wounded", "dead": "killed", "deaths": "killed", "bodies": "killed"}
_QUALIFIER = re.compile(r"(?:at least|more than|over|about|around|some|nearly|almost|up to|roughly|"
                        r"approximately|fewer than|less than|as many as)\s+$", re.I)

MONTHS = {m: n for n, m in enumerate("january february march april may june july august september october "
                                     "november december".split(), 1)}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b"
DATE = re.compile(
    rf"\b(?:(?P<day1>\d{{1,2}})(?!\d)\s+{_MONTH}(?:\s+(?P<year1>\d{{4}}))?"
    rf"|(?P<month2>January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"(?:\s+(?P<day2>\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year2>\d{4}))?|\s+(?P<year3>\d{4})"
    r"|\s+(?P<that>that year))?"
    r"|(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|of|[Ff]rom|[Bb]etween|and|to)\s+(?P<year4>(?:19|20)\d{2})\b)")
_WEEKDAYS = {d: n for n, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
WEEKDAY = re.compile(r"\b(?P<prep>[Oo]n|[Ll]ast|[Tt]his|[Ss]ince|[Bb]y|[Uu]ntil|[Nn]ext)\s+"
                     r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|"
                     r"Saturday|Sunday)\b")
_UNTIL = re.compile(r"\b(?:until|till|through|to)\s+$", re.I)


@dataclass(frozen=True)
class Fact:
    kind: str  # "number", "date"
    span: tuple[int, int]
    text: str
    value: float | tuple[date, date]
    counts: str = ""  # for numbers: what is counted ("people", "soldiers", "km")
    happened: str = ""  # for numbers: killed, wounded, displaced, arrested, or ""
    qualifier: str = ""  # "at least", "about", ...

    @property
    def key(self) -> tuple[str, str]:
        return self.happened, _singular(self.counts)


def _singular(noun: str) -> str:
    noun = noun.lower()
    if noun in ("dead", "deaths", "bodies", "casualties", "victims", "wounded", "injured"):
        return "people"
    if noun in ("troops",):
        return "soldiers"
    if noun in ("kilometers", "km"):
        return "kilometres"
    return noun


def number_value(words: str, scale: str | None) -> float | None:
    words = words.lower().replace(",", "")
    try:
        value = float(words)
    except ValueError:
        total = 0
        for part in re.split(r"[- ]", words):
            if part in _UNITS:
                total += _UNITS[part]
            elif part in _TENS:
                total += _TENS[part]
            else:
                return None
        value = float(total)
    return value * _SCALES[scale.lower()] if scale else value


def numbers(text: str, start: int = 0, end: int | None = None) -> list[Fact]:
    """Counted numbers in text[start:end]: "at least 14 people were killed", "nine soldiers"."""
    end = len(text) if end is None else end
    out = []
    for s_start, s_end in sentences(text):
        if s_end <= start or s_start >= end:
            continue
        a, b = max(s_start, start), min(s_end, end)
        sentence = text[s_start:s_end]
        for m in NUMBER.finditer(text, a, b):
            if DATE.match(text, max(0, m.start() - 3)) or _is_date_part(text, m):
                continue
            value = number_value(m.group("num"), m.group("scale"))
            counted = _COUNTED.match(text, m.end())
            if value is None or counted is None:
                continue
            # "23 wounded" says what happened itself, whatever comes before ("14 killed and 23 wounded")
            happened = (_SAID_BY_NOUN.get(counted.group("noun").lower())
                        or _nearest_casualty(text, m.start(), m.end(), s_start, s_end))
            if not happened:
                happened = next((name for name, pattern in _CASUALTY if pattern.search(sentence[:m.start() - s_start])
                                 and name == "killed" and "toll" in sentence.lower()), "")
            qualifier = _QUALIFIER.search(text, max(s_start, m.start() - 20), m.start())
            out.append(Fact("number", (m.start(), counted.end()), text[m.start():counted.end()], value,
                            counted.group("noun").lower(), happened,
                            qualifier.group().strip().lower() if qualifier else ""))
    return out


_TOLL = re.compile(r"\b(?:death toll|toll|number of (?:the )?dead|number of people killed)\b[^.;]{0,60}?"
                   r"\b(?:has |had )?"
                   r"(?:risen|rose|climbed|reached|stands at|stood at|is|was|increased|jumped)\s+(?:to\s+)?"
                   r"(?:at least\s+)?(?P<num>\d[\d,]*|[a-z]+(?:-[a-z]+)?)\b", re.I)


def lead_toll(text: str) -> Fact | None:
    """The death toll an article leads with: the largest count of people killed in its first two sentences,
    or the figure a "death toll has risen to N" gives."""
    spans = sentences(text)[:2]
    if not spans:
        return None
    lead_end = spans[-1][1]
    found = [f for f in numbers(text, 0, lead_end) if f.happened == "killed" and f.key[1] in ("people", "civilians")]
    for m in _TOLL.finditer(text, 0, lead_end):
        value = number_value(m.group("num"), None)
        if value is not None:
            found.append(Fact("number", m.span("num"), m.group("num"), value, "people", "killed"))
    return max(found, key=lambda f: f.value) if found else None


# Who a story's casualty figures count: people, not homes or vehicles ("500 homes were evacuated").
_PERSONS = frozenset("people persons soldiers civilians fighters rebels militants children women men police policemen "
                     "officers residents families workers refugees protesters students patients journalists migrants "
                     "hostages prisoners inmates jihadists members".split()) | {"police officers"}


def lead_figures(text: str) -> dict[tuple[str, str], Fact]:
    """The casualty figures an article leads with, besides its death toll (`lead_toll`): in its first two
    sentences, the people wounded, displaced or arrested, and the killed that are not just "people" or
    "civilians" ("three soldiers were killed"), by what they count. A count given twice there, with two
    values, says nothing for sure and is left out."""
    spans = sentences(text)[:2]
    if not spans:
        return {}
    found: dict[tuple[str, str], list[Fact]] = {}
    for fact in numbers(text, 0, spans[-1][1]):
        toll = fact.key in (("killed", "people"), ("killed", "civilians"))
        if fact.happened and fact.key[1] in _PERSONS and not toll:
            found.setdefault(fact.key, []).append(fact)
    return {key: facts[0] for key, facts in found.items() if len({f.value for f in facts}) == 1}


def _nearest_casualty(text: str, start: int, end: int, s_start: int, s_end: int) -> str:
    """What happened to those counted: the casualty word nearest after the number in its sentence ("2,000
    people have fled ... 14 people dead": fled for the first), or one right before it ("killed seven")."""
    before = text[max(s_start, start - 25):start]
    near = [(len(before) - m.end(), name) for name, pattern in _CASUALTY for m in pattern.finditer(before)]
    if near:
        return min(near)[1]
    after = [(m.start(), name) for name, pattern in _CASUALTY if (m := pattern.search(text, end, s_end))]
    return min(after)[1] if after else ""


def _is_date_part(text: str, m: re.Match[str]) -> bool:
    """"12 March", "March 12, 2026", "in 2015": numbers that are dates, not counts."""
    after = text[m.end():m.end() + 12]
    before = text[max(0, m.start() - 12):m.start()]
    return bool(re.match(rf"\s+{_MONTH}", after) or re.search(rf"{_MONTH}\s+(?:\d{{1,2}},?\s+)?$", before)
                or (re.fullmatch(r"(?:19|20)\d{2}", m.group("num") or "") and not _COUNTED.match(text, m.end())))


def dates(text: str, published: str | None, start: int = 0, end: int | None = None) -> list[Fact]:
    """Dates in text[start:end] as (first day, last day) ranges: "12 March" is one day, "October 2015" a
    month, "in 2011" a year; a missing year comes from the date before it in the sentence ("June that
    year") or else from the publication date; a weekday is the last one on or before publication."""
    end = len(text) if end is None else end
    pub = _published(published)
    out: list[Fact] = []
    for s_start, s_end in sentences(text):
        if s_end <= start or s_start >= end:
            continue
        year_before: int | None = None
        for m in DATE.finditer(text, max(s_start, start), min(s_end, end)):
            span = (m.start("day1") if m.group("day1") else m.start("month2") if m.group("month2")
                    else m.start("year4"), m.end())
            year = next((int(m.group(g)) for g in ("year1", "year2", "year3", "year4") if m.group(g)), None)
            if year is None and m.group("that") and year_before is not None:
                year = year_before
            month_name = m.group("month") or m.group("month2")
            if year is None:
                if pub is None:
                    continue
                year = pub.year
            day = m.group("day1") or m.group("day2")
            try:
                if month_name and day:
                    first = last = date(year, MONTHS[month_name.lower()], int(day))
                elif month_name:
                    first = date(year, MONTHS[month_name.lower()], 1)
                    last = (date(year + (first.month == 12), first.month % 12 + 1, 1) - timedelta(days=1))
                else:
                    first, last = date(year, 1, 1), date(year, 12, 31)
            except ValueError:
                continue  # "31 February"
            year_before = year
            out.append(Fact("date", span, text[span[0]:span[1]], (first, last)))
        if pub is not None:
            for m in WEEKDAY.finditer(text, max(s_start, start), min(s_end, end)):
                if m.group("prep").lower() == "next":
                    day = pub + timedelta(days=(_WEEKDAYS[m.group("weekday").lower()] - pub.weekday()) % 7 or 7)
                else:
                    day = pub - timedelta(days=(pub.weekday() - _WEEKDAYS[m.group("weekday").lower()]) % 7)
                out.append(Fact("date", (m.start("weekday"), m.end()), m.group("weekday"), (day, day)))
    out.sort(key=lambda f: f.span)
    return out


def _published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published).date() if "T" in published else date.fromisoformat(published[:10])
    except ValueError:
        return None


def intervals(text: str, published: str | None) -> list[tuple[Fact, Fact]]:
    """(from, until) pairs inside one sentence: "from May 2025 until February that year", "in October 2015
    and fully controlled the city until June that year". A year given only at the end covers the start too
    ("from September to December 2014"); weekdays are left out (their week is a guess)."""
    found = [f for f in dates(text, published) if not f.text.endswith("day")]
    out = []
    for first, second in zip(found, found[1:], strict=False):
        between = text[first.span[1]:second.span[0]]
        same_sentence = not re.search(r"[.!?]\s", between) and "\n" not in between
        if same_sentence and len(between) <= 80 and _UNTIL.search(text[max(first.span[1], second.span[0] - 12):
                                                                          second.span[0]]):
            if not re.search(r"\d{4}", first.text) and re.search(r"\d{4}", second.text) and "that year" not in \
                    second.text:
                (f0, f1), (s0, _) = first.value, second.value  # type: ignore[misc]
                first = Fact(first.kind, first.span, first.text, (f0.replace(year=s0.year), f1.replace(year=s0.year)))
            out.append((first, second))
    return out
