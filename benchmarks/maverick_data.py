"""Read ../shared/data/maverick (MAVERICK: 3,287 real reports of 2,200 events of electoral violence in Côte
d'Ivoire and Kenya, CC BY 4.0) as event mentions, for the event benchmarks. Nothing read here is committed.

One row is one report of an event as a source gave it; its gold event is `event_id`. The row becomes one
`EventMention` built from the row's own coded fields only (never from `event_id` or from other rows):

- the article is the source ("Outlet (date) headline"): rows of one source are mentions of one article, each at
  its own (made-up, non-overlapping) span, since a report that lists incidents lists them in turn; there is no
  sentence text, only the headline;
- the date is `date_start`..`date_end` (precision 1 for a day, 2 up to a week, 3 longer);
- the place is `location` (else `city`) with `city` as the area it lies in, `latitude`/`longitude`, the country; the
  MAVERICK precision (1 country .. 6 building) is mapped onto ACLED's (town or finer 1, district 2, region 3);
- the actors are `actor1` and `actor2`, with `actor3..6` as associated actors, and the `target` as the second
  actor when the report names one actor only (ACLED's second actor is the side attacked); inter codes from types;
- the type and sub-type come from `event_context` where it names one (a clash, a protest, a riot, an arrest),
  else from the actors' violence (sexual violence, abduction, rioting, arson; else an attack on civilians):
  MAVERICK codes contexts, not ACLED types;
- the toll is `deaths_low`, `deaths_best` and `deaths_high` as reported figures (none when all are 0), so the
  report's own figure under ACLED's rule is its lowest.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newstrace.events.records import (
    Actor,
    EventDate,
    EventMention,
    EventType,
    Evidence,
    FatalityFigure,
    Place,
)

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
MAVERICK = SHARED / "data" / "maverick" / "maverick_event_report.csv"

_SOURCE = re.compile(r"^(?P<outlet>.*?)\s*\((?P<date>\d{4}-\d{2}-\d{2})\)\s*(?P<headline>.*)$")
_TARGET_INTER = {"Security forces": 1, "Non-state armed group members": 2,
                 "Election-related activists or protesters": 6, "Peacekeepers": 8}
_INTER = {"Security forces": 1, "Non-state armed actor": 2, "Political actor": 3, "Citizens": 7, "Other": 8}


@dataclass(frozen=True)
class Report:
    row: dict[str, str]
    gold: str  # the gold event id
    mention: EventMention


def _value(row: dict[str, str], name: str) -> str:
    value = (row.get(name) or "").strip()
    return "" if value == "NA" else value


def _number(row: dict[str, str], name: str) -> float | None:
    value = _value(row, name)
    try:
        return float(value) if value else None
    except ValueError:
        return None


_CONTEXT: dict[str, tuple[EventType, str]] = {
    "Clash": ("Battles", "Armed clash"),
    "Military operation": ("Battles", "Armed clash"),
    "Security force crack-down on protest": ("Protests", "Excessive force against protesters"),
    "Protest": ("Protests", "Peaceful protest"),
    "Riot": ("Riots", "Violent demonstration"),
    "Arrest or raid": ("Strategic developments", "Arrests"),
}
_VIOLENCE: tuple[tuple[str, EventType, str], ...] = (
    ("Sexual violence", "Violence against civilians", "Sexual violence"),
    ("Abduction", "Violence against civilians", "Abduction/forced disappearance"),
    ("Crowd control measures", "Protests", "Excessive force against protesters"),
    ("Riot", "Riots", "Mob violence"),
    ("Looting", "Riots", "Mob violence"),
    ("Arson", "Strategic developments", "Looting/property destruction"),
)


def _type(row: dict[str, str]) -> tuple[EventType, str]:
    """ACLED's type and sub-type: from the context where it names one, else from the kind of violence."""
    context = _value(row, "event_context")
    if context in _CONTEXT:
        return _CONTEXT[context]
    violence = " ".join(_value(row, f"actor{n}_violence") for n in range(1, 7))
    for word, event_type, sub in _VIOLENCE:
        if word in violence:
            return event_type, sub
    return "Violence against civilians", "Attack"


def _geo(row: dict[str, str]) -> int:
    precision = _number(row, "geo_precision")
    if precision is None or precision <= 2:
        return 3
    return 2 if precision < 4 else 1


def _evidence(article: str, span: tuple[int, int], quote: str) -> Evidence:
    return Evidence(article_id=article, span=span, quote=quote)


def _mention(row: dict[str, str], article: str, span: tuple[int, int], outlet: str, published: str,
             headline: str) -> EventMention:
    start, end = _value(row, "date_start"), _value(row, "date_end") or _value(row, "date_start")
    length = abs((date.fromisoformat(end) - date.fromisoformat(start)).days) if start else 0
    precision = 1 if length == 0 else 2 if length <= 7 else 3
    ev = _evidence(article, span, headline)
    when = EventDate(start or None, end or None, precision, None if start else "unknown",
                     None if start else "no date coded", ev if start else None)
    city, location = _value(row, "city"), _value(row, "location")
    name = location or city or _value(row, "country")
    lat, lon = _number(row, "latitude"), _number(row, "longitude")
    place = Place(name=name, country=_value(row, "country") or None, admin1=None,
                  admin2=city if location and city and city != location else None,
                  latitude=lat, longitude=lon, geo_precision=_geo(row), source="user" if lat is not None else "none",
                  evidence=ev)
    actors = []
    for n in range(1, 7):
        actor_name = _value(row, f"actor{n}")
        if actor_name:
            actors.append(Actor(actor_name, _INTER.get(_value(row, f"actor{n}_type"), 8), (), ev))
    target = _value(row, "target")
    if len(actors) == 1 and target and target not in ("Unknown", "Other"):
        actors.append(Actor(target, _TARGET_INTER.get(target, 7), (), ev))  # the target: ACLED's second actor
    actor1 = actor2 = None
    if actors:
        extra = tuple(a.name for a in actors[2:])
        actor1 = actors[0]
        if len(actors) > 1:
            actor2 = Actor(actors[1].name, actors[1].inter, extra, ev)
        elif extra:
            actor1 = Actor(actor1.name, actor1.inter, extra, ev)
    figures = sorted({int(v) for name in ("deaths_low", "deaths_best", "deaths_high")
                      if (v := _number(row, name)) is not None})
    tolls = tuple(FatalityFigure(count, None, _evidence(article, span, str(count)))
                  for count in figures) if any(figures) else ()
    event_type, sub = _type(row)
    return EventMention(article_id=article, span=span, event_type=event_type, sub_event_type=sub,
                        type_evidence=ev, date=when, actor1=actor1, actor2=actor2, place=place, fatalities=tolls,
                        outlet=outlet or None, published=published or None, text="", headline=headline)


def load_reports(path: Path = MAVERICK) -> list[Report]:
    """Every row as a report with its mention, in file order; FileNotFoundError naming the file when missing."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the MAVERICK reports are not there (they live in ../shared/data)")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    seen: dict[str, int] = {}
    for row in rows:
        source = _value(row, "source")
        match = _SOURCE.match(source)
        outlet, published, headline = (match["outlet"], match["date"], match["headline"]) if match else (
            "", "", source)
        article = "mv" + hashlib.sha1(source.encode("utf-8")).hexdigest()[:12]
        n = seen.get(article, 0)
        seen[article] = n + 1
        span = (n * 10, n * 10 + 9)
        out.append(Report(row, row["event_id"], _mention(row, article, span, outlet, published, headline)))
    return out


def split(reports: list[Report]) -> tuple[list[Report], list[Report]]:
    """A fixed development / held-out split by gold event id hash: every report of an event on one side."""
    dev, held = [], []
    for r in reports:
        (dev if hashlib.sha1(r.gold.encode()).digest()[0] < 128 else held).append(r)
    return dev, held
