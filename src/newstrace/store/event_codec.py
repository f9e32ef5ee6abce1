"""The JSON form in which every backend keeps the event stage's records (a mention whole, with each field's
evidence; an event's source groups, report roles and discrepancies). Plain data in and out, so that SQLite and
PostgreSQL store the same text and read back equal records."""

from __future__ import annotations

import json
from typing import Any, cast

from ..events.records import (
    Actor,
    Event,
    EventDate,
    EventDiscrepancy,
    EventMention,
    EventType,
    Evidence,
    FatalityFigure,
    Place,
)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def evidence_data(e: Evidence) -> dict[str, Any]:
    return {"article": e.article_id, "span": list(e.span), "quote": e.quote, "chain": list(e.chain),
            "hedges": list(e.hedges)}


def _evidence(d: dict[str, Any]) -> Evidence:
    return Evidence(article_id=d["article"], span=(int(d["span"][0]), int(d["span"][1])), quote=d["quote"],
                    chain=tuple(d.get("chain", ())), hedges=tuple(d.get("hedges", ())))


def _maybe(d: dict[str, Any] | None) -> Evidence | None:
    return _evidence(d) if d is not None else None


def _actor(a: Actor | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"name": a.name, "inter": a.inter, "associated": list(a.associated), "evidence": evidence_data(a.evidence)}


def _actor_from(d: dict[str, Any] | None) -> Actor | None:
    if d is None:
        return None
    return Actor(name=d["name"], inter=int(d["inter"]), associated=tuple(d["associated"]),
                 evidence=_evidence(d["evidence"]))


def mention_data(m: EventMention) -> dict[str, Any]:
    """A mention as plain JSON data: every field with its evidence."""
    date = m.date
    place = m.place
    return {
        "article": m.article_id,
        "span": list(m.span),
        "event_type": m.event_type,
        "sub_event_type": m.sub_event_type,
        "type_evidence": evidence_data(m.type_evidence),
        "date": None if date is None else {
            "start": date.start, "end": date.end, "precision": date.precision, "relative": date.relative,
            "reason": date.reason, "evidence": evidence_data(date.evidence) if date.evidence else None},
        "actor1": _actor(m.actor1),
        "actor2": _actor(m.actor2),
        "place": None if place is None else {
            "name": place.name, "country": place.country, "admin1": place.admin1, "admin2": place.admin2,
            "latitude": place.latitude, "longitude": place.longitude, "geo_precision": place.geo_precision,
            "source": place.source, "evidence": evidence_data(place.evidence)},
        "fatalities": [{"count": f.count, "who": f.who, "evidence": evidence_data(f.evidence)}
                       for f in m.fatalities],
        "outlet": m.outlet,
        "published": m.published,
        "text": m.text,
        "headline": m.headline,
        "sentences": [list(s) for s in m.sentences],
    }


def mention_from(d: dict[str, Any]) -> EventMention:
    date = d.get("date")
    place = d.get("place")
    return EventMention(
        article_id=d["article"],
        span=(int(d["span"][0]), int(d["span"][1])),
        event_type=cast(EventType, d["event_type"]),
        sub_event_type=d["sub_event_type"],
        type_evidence=_evidence(d["type_evidence"]),
        date=None if date is None else EventDate(
            start=date["start"], end=date["end"], precision=int(date["precision"]), relative=date["relative"],
            reason=date["reason"], evidence=_maybe(date["evidence"])),
        actor1=_actor_from(d.get("actor1")),
        actor2=_actor_from(d.get("actor2")),
        place=None if place is None else Place(
            name=place["name"], country=place["country"], admin1=place["admin1"], admin2=place["admin2"],
            latitude=place["latitude"], longitude=place["longitude"], geo_precision=int(place["geo_precision"]),
            source=place["source"], evidence=_evidence(place["evidence"])),
        fatalities=tuple(FatalityFigure(count=int(f["count"]), who=f["who"], evidence=_evidence(f["evidence"]))
                         for f in d.get("fatalities", ())),
        outlet=d.get("outlet"),
        published=d.get("published"),
        text=d.get("text", ""),
        headline=d.get("headline", ""),
        sentences=tuple((int(s[0]), int(s[1])) for s in d.get("sentences", ())),
    )


def dump_mention(m: EventMention) -> str:
    return _dumps(mention_data(m))


def load_mention(text: str) -> EventMention:
    return mention_from(json.loads(text))


def dump_sources(event: Event) -> str:
    return _dumps(event.sources)


def dump_discrepancies(found: list[EventDiscrepancy]) -> str:
    return _dumps([{"field": d.field, "values": [list(v) for v in d.values], "update": d.update, "kind": d.kind,
                    "explanation": d.explanation} for d in found])


def load_discrepancies(text: str) -> list[EventDiscrepancy]:
    return [EventDiscrepancy(field=d["field"], values=tuple((str(a), str(v)) for a, v in d["values"]),
                             update=bool(d["update"]), kind=d.get("kind", ""), explanation=d.get("explanation", ""))
            for d in json.loads(text)]


def dump_toll(event: Event) -> str | None:
    """The event's fatalities as the merge counted them (events/sources.py), with the figure that gave them."""
    figure = event.fatality_figure
    if figure is None:
        return None
    return _dumps({"count": figure.count, "who": figure.who, "evidence": evidence_data(figure.evidence)})


def load_toll(text: str | None) -> FatalityFigure | None:
    if not text:
        return None
    d = json.loads(text)
    return FatalityFigure(count=int(d["count"]), who=d["who"], evidence=_evidence(d["evidence"]))


def dump_reports(reports: list[dict[str, Any]]) -> str:
    return _dumps(reports)


def load_json(text: str) -> Any:
    return json.loads(text)
