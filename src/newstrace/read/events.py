"""Events as every face shows them (the `events` command, `trace --json`, the ACLED and evidence exports, the API,
the pages), read from what the event stage stored: nothing is worked out again here but the choice of what to
show, made once.

- An event's value for a field is the one its first independent report gives (the origins in the order the merge
  put them), else the first report that gives it at all; every report's value stays listed under `fields` with
  its sentence, quote, claim chain and hedges.
- Fatalities are the merge's (events/sources.py, stored with the event): ACLED's rule, the most conservative of
  the standing figures of the independent reports (copies and relays repeat a source, they do not add one), a
  later, larger figure given as news replacing earlier ones (an update, not a conflict). Every reported figure
  is listed with its evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from ..events.records import INTER_NAMES, Actor, Event, EventMention, Evidence
from ..records import Article
from ..store import EventFilter, ReportRole, Store, StoredEvent

FIELDS = ("event_type", "date", "actor1", "actor2", "place", "fatalities")
POLITICAL_VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")
BOTH = ("Excessive force against protesters", "Mob violence")  # ACLED codes these as both kinds of disorder


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type for an event type and sub-type."""
    if sub_event_type in BOTH:
        return "Political violence; Demonstrations"
    if event_type in POLITICAL_VIOLENCE:
        return "Political violence"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    return "Strategic developments"


@dataclass(frozen=True)
class FieldView:
    """One field as one report gives it, with its evidence."""

    field: str
    value: str
    evidence: Evidence
    role: str  # the report's role: independent, copy or relay
    chosen: bool  # the value the event shows

    @property
    def independent(self) -> bool:
        return self.role == "independent"

    def public(self) -> dict[str, Any]:
        e = self.evidence
        return {"field": self.field, "value": self.value, "article": e.article_id, "span": list(e.span),
                "quote": e.quote, "chain": list(e.chain), "hedges": list(e.hedges), "independent": self.independent,
                "role": self.role, "chosen": self.chosen}


@dataclass(frozen=True)
class ReportView:
    article: Article | None
    article_id: str
    role: str
    of: str | None

    @property
    def independent(self) -> bool:
        return self.role == "independent"

    @property
    def outlet(self) -> str | None:
        return self.article.outlet if self.article else None

    def name(self) -> str:
        """How a face names the report: its outlet, else its title, else its id."""
        if self.article is not None:
            return self.article.outlet or self.article.title or self.article_id[:12]
        return self.article_id[:12]

    def public(self) -> dict[str, Any]:
        a = self.article
        return {"article": self.article_id, "outlet": a.outlet if a else None, "title": a.title if a else None,
                "published": a.published if a else None, "role": self.role, "of": self.of,
                "independent": self.independent}


@dataclass(frozen=True)
class FigureView:
    count: int
    who: str | None
    evidence: Evidence
    role: str

    def public(self) -> dict[str, Any]:
        e = self.evidence
        return {"count": self.count, "who": self.who, "article": e.article_id, "span": list(e.span),
                "quote": e.quote, "chain": list(e.chain), "hedges": list(e.hedges),
                "independent": self.role == "independent"}


@dataclass
class EventView:
    event: Event
    reports: list[ReportView]
    fields: list[FieldView]
    figures: list[FigureView]
    fatalities: int
    fatalities_rule: str
    primary: EventMention
    stage: str = ""
    articles: dict[str, Article] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def n_reports(self) -> int:
        return len(self.reports)

    @property
    def n_independent_sources(self) -> int:
        return self.event.n_independent_sources

    def chosen(self, name: str) -> FieldView | None:
        return next((f for f in self.fields if f.field == name and f.chosen), None)

    def mention_with(self, name: str) -> EventMention:
        """The mention the event's value for a field comes from (the primary one when none gives it)."""
        found = self.chosen(name)
        if found is None:
            return self.primary
        return next((m for m in self.event.mentions if m.article_id == found.evidence.article_id
                     and _has(m, name) and _evidence(m, name) == found.evidence), self.primary)

    @property
    def event_type(self) -> str:
        return self.primary.event_type

    @property
    def sub_event_type(self) -> str:
        return self.primary.sub_event_type

    @property
    def date(self) -> dict[str, Any]:
        d = self.mention_with("date").date
        if d is None:
            return {"start": None, "end": None, "precision": None, "relative": None, "reason": None}
        return {"start": d.start, "end": d.end, "precision": d.precision, "relative": d.relative, "reason": d.reason}

    @property
    def place(self) -> dict[str, Any] | None:
        p = self.mention_with("place").place
        if p is None:
            return None
        return {"name": p.name, "country": p.country, "admin1": p.admin1, "admin2": p.admin2,
                "latitude": p.latitude, "longitude": p.longitude, "geo_precision": p.geo_precision, "source": p.source}

    def actor(self, n: int) -> dict[str, Any] | None:
        a: Actor | None = getattr(self.mention_with(f"actor{n}"), f"actor{n}")
        if a is None:
            return None
        return {"name": a.name, "inter": a.inter, "inter_name": INTER_NAMES.get(a.inter, str(a.inter)),
                "associated": list(a.associated)}

    @property
    def interaction(self) -> int:
        codes = sorted(((a or {}).get("inter") or 0) for a in (self.actor(1), self.actor(2)))
        low, high = codes
        return low * 10 + high if low else high * 10

    @property
    def civilian_targeting(self) -> bool:
        """ACLED's flag: civilians are the target of political violence."""
        target = self.actor(2)
        return self.event_type in POLITICAL_VIOLENCE and target is not None and target["inter"] == 7

    def value(self, name: str) -> str:
        found = self.chosen(name)
        return found.value if found else ""

    def notes(self) -> str:
        """ACLED-style notes written from the evidence: when, where, who, what (the deciding words as written),
        the fatalities with every figure reported, and the reports."""
        parts: list[str] = []
        when = _date_words(self.date)
        place = self.place
        where = ""
        if place is not None:
            inside = ", ".join(x for x in (place["admin1"], place["country"]) if x and x != place["name"])
            where = f"in {place['name']}" + (f" ({inside})" if inside else "")
        actors = [a["name"] for a in (self.actor(1), self.actor(2)) if a]
        head = ", ".join(x for x in (f"On {when}" if when else "", where) if x)
        what = f"{self.event_type} ({self.sub_event_type})" + (f" involving {' and '.join(actors)}" if actors else "")
        parts.append(f"{head}: {what}." if head else f"{what}.")
        words = self.primary.type_evidence.quote
        if words:
            parts.append(f"Reported as \u201c{words}\u201d ({self._name(self.primary.article_id)}).")
        if self.figures:
            listed = "; ".join(f"{f.count} per {self._name(f.evidence.article_id)}" for f in self.figures)
            parts.append(f"Fatalities {self.fatalities} ({self.fatalities_rule}; reported: {listed}).")
        copies = [r for r in self.reports if not r.independent]
        line = f"{self.n_reports} report{'s' if self.n_reports != 1 else ''}, {self.n_independent_sources} " \
               f"independent source{'s' if self.n_independent_sources != 1 else ''}"
        if copies:
            line += "; " + "; ".join(f"{r.name()} {'copies' if r.role == 'copy' else 'relays'} "
                                     f"{self._name(r.of) if r.of else 'another report'}" for r in copies)
        parts.append(f"[{line}]")
        return " ".join(parts)

    def _name(self, article_id: str) -> str:
        found = self.articles.get(article_id)
        if found is not None:
            return found.outlet or found.title or article_id[:12]
        return article_id[:12]

    def public(self) -> dict[str, Any]:
        """The shape of `trace --json` `events`, `events --json` and `GET /api/events/{id}` (docs/json.md)."""
        return {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "disorder_type": disorder_type(self.event_type, self.sub_event_type),
            "date": self.date,
            "place": self.place,
            "actor1": self.actor(1),
            "actor2": self.actor(2),
            "interaction": self.interaction,
            "civilian_targeting": self.civilian_targeting,
            "fatalities": self.fatalities,
            "fatalities_rule": self.fatalities_rule,
            "fatalities_reported": [f.public() for f in self.figures],
            "n_reports": self.n_reports,
            "n_independent_sources": self.n_independent_sources,
            "sources": [list(group) for group in self.event.sources],
            "reports": [r.public() for r in self.reports],
            "discrepancies": [{"field": d.field, "values": [{"article": a, "value": v} for a, v in d.values],
                               "update": d.update} for d in self.event.discrepancies],
            "fields": [f.public() for f in self.fields],
            "notes": self.notes(),
        }


def _has(m: EventMention, name: str) -> bool:
    if name == "event_type":
        return True
    if name == "fatalities":
        return bool(m.fatalities)
    return getattr(m, name) is not None


def _evidence(m: EventMention, name: str) -> Evidence | None:
    if name == "event_type":
        return m.type_evidence
    if name == "date":
        return m.date.evidence if m.date else None
    if name == "fatalities":
        return m.fatalities[0].evidence if m.fatalities else None
    thing = getattr(m, name)
    return thing.evidence if thing is not None else None


def _value(m: EventMention, name: str) -> str:
    if name == "event_type":
        return f"{m.event_type}: {m.sub_event_type}"
    if name == "date" and m.date is not None:
        d = m.date
        if d.start is None:
            return d.relative or ""
        return d.start if d.end in (None, d.start) else f"{d.start} to {d.end}"
    if name in ("actor1", "actor2"):
        a: Actor | None = getattr(m, name)
        if a is None:
            return ""
        return a.name + (f" (with {', '.join(a.associated)})" if a.associated else "")
    if name == "place" and m.place is not None:
        p = m.place
        inside = ", ".join(x for x in (p.admin1, p.country) if x and x != p.name)
        return p.name + (f" ({inside})" if inside else "")
    return ""


def _date_words(d: dict[str, Any]) -> str:
    start = d.get("start")
    if not start:
        return d.get("relative") or ""
    try:
        day = Date.fromisoformat(start[:10])
    except ValueError:
        return str(start)
    words = f"{day.day} {day:%B %Y}"
    if d.get("end") and d["end"] != start:
        return f"{words} to {d['end']}"
    return words


def build(item: StoredEvent, articles: dict[str, Article]) -> EventView:
    """The view of one stored event (`articles`: the stored articles of its reports, by id)."""
    event = item.event
    roles: dict[str, ReportRole] = {r.article_id: r for r in item.roles}
    for m in event.mentions:  # a report the stage gave no role (stored before roles were kept) is independent
        roles.setdefault(m.article_id, ReportRole(m.article_id, "independent"))
    origins = [g[0] for g in event.sources if g]
    rank = {a: k for k, a in enumerate(origins)}
    ordered = sorted(event.mentions, key=lambda m: (roles[m.article_id].role != "independent",
                                                    rank.get(m.article_id, len(rank))))
    primary = ordered[0]
    fields: list[FieldView] = []
    for name in FIELDS:
        chosen = False
        for m in ordered:
            if not _has(m, name):
                continue
            if name == "fatalities":
                continue  # fatalities are listed figure by figure below
            evidence = _evidence(m, name)
            if evidence is None:
                continue
            fields.append(FieldView(name, _value(m, name), evidence, roles[m.article_id].role, not chosen))
            chosen = True
    figures = [FigureView(f.count, f.who, f.evidence, roles[m.article_id].role) for m in ordered for f in m.fatalities]
    count, rule, counted = _fatalities(event)
    fields += [FieldView("fatalities", f"{f.count}" + (f" ({f.who})" if f.who else ""), f.evidence, f.role,
                         f.evidence == counted) for f in figures]
    reports = [ReportView(articles.get(r.article_id), r.article_id, r.role, r.of)
               for r in _report_order(roles, ordered)]
    return EventView(event, reports, fields, figures, count, rule, primary, item.stage, articles)


def _report_order(roles: dict[str, ReportRole], ordered: list[EventMention]) -> list[ReportRole]:
    seen: list[str] = []
    for m in ordered:
        if m.article_id not in seen:
            seen.append(m.article_id)
    return [roles[a] for a in seen]


def _fatalities(event: Event) -> tuple[int, str, Evidence | None]:
    """The event's fatalities as the merge counted them (events/sources.py: ACLED's rule over the independent
    reports, a later larger figure given as news replacing earlier ones), the rule in words, and the evidence of
    the figure that counts."""
    figure = event.fatality_figure
    if figure is None:
        return 0, "no figure reported", None
    if any(d.field == "fatalities" and d.update for d in event.discrepancies):
        return figure.count, "the latest update's most conservative figure", figure.evidence
    return figure.count, "the most conservative figure of the independent reports", figure.evidence


def _articles_for(store: Store, items: list[StoredEvent]) -> dict[str, Article]:
    ids = sorted({m.article_id for item in items for m in item.event.mentions})
    return {a.id: a for a in store.get_articles(ids)}


def views(store: Store, items: list[StoredEvent]) -> list[EventView]:
    articles = _articles_for(store, items)
    return [build(item, articles) for item in items if item.event.mentions]


def event_view(store: Store, event_id: str) -> EventView | None:
    found = store.get_events([event_id])
    built = views(store, found)
    return built[0] if built else None


def list_events(store: Store, where: EventFilter | None = None, limit: int | None = None,
                offset: int = 0) -> list[EventView]:
    return views(store, store.list_events(where, limit=limit, offset=offset))


def events_of(store: Store, articles: list[Article]) -> list[EventView]:
    """The events the articles report, in event order."""
    ids = store.events_of([a.seq for a in articles])
    found = store.get_events(ids)
    built = views(store, found)
    return sorted(built, key=lambda v: (v.date["start"] is None, v.date["start"] or "", v.id))


def iter_events(store: Store, where: EventFilter | None = None, batch: int = 200) -> Iterator[EventView]:
    """Every stored event (matching `where`), in event order, read a page at a time."""
    offset = 0
    while True:
        page = list_events(store, where, limit=batch, offset=offset)
        if not page:
            return
        yield from page
        offset += batch

