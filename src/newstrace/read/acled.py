"""Events as ACLED rows and as evidence lines: what `export --events` and `export --events-evidence` write and
the web downloads serve, built from the event views (read/events.py) and nothing else."""

from __future__ import annotations

from typing import Any

from ..text.dates import timestamp
from .events import EventView, disorder_type
from .geography import country


def acled_row(view: EventView) -> dict[str, Any]:
    """One event as a row of ACLED's standard export plus newstrace's columns. `source` names the independent
    origins only (their outlets); `source_scale` and `tags` stay empty (nothing in the text says them);
    `timestamp` is the publication time of the latest report (seconds since 1970), when any report is dated."""
    date = view.date
    place = view.place or {}
    found = country(place.get("country"))
    a1, a2 = view.actor(1) or {}, view.actor(2) or {}
    start = date["start"]
    names = list(dict.fromkeys(r.name() for r in view.reports if r.independent))
    times = [t for r in view.reports if r.article and r.article.published
             and (t := timestamp(r.article.published)) is not None]
    figures = "; ".join(f"{f.count} ({_name(view, f.evidence.article_id)}"
                        + ("" if f.role == "independent" else f", {f.role}") + ")" for f in view.figures)
    found_discrepancies = "; ".join(
        f"{d.field}: " + " vs ".join(f"{value} ({_name(view, article)})" for article, value in d.values)
        + (" [update]" if d.update else "") for d in view.event.discrepancies)
    return {
        "event_id_cnty": f"{found.alpha3 if found else 'XXX'}_{view.id}",
        "event_date": start[:10] if start else "",
        "year": start[:4] if start else "",
        "time_precision": date["precision"],
        "disorder_type": disorder_type(view.event_type, view.sub_event_type),
        "event_type": view.event_type,
        "sub_event_type": view.sub_event_type,
        "actor1": a1.get("name"),
        "assoc_actor_1": "; ".join(a1.get("associated", [])),
        "inter1": a1.get("inter", 0),
        "actor2": a2.get("name"),
        "assoc_actor_2": "; ".join(a2.get("associated", [])),
        "inter2": a2.get("inter", 0),
        "interaction": view.interaction,
        "civilian_targeting": "Civilian targeting" if view.civilian_targeting else "",
        "iso": found.numeric if found else None,
        "region": found.region if found else None,
        "country": found.name if found else place.get("country"),
        "admin1": place.get("admin1"),
        "admin2": place.get("admin2"),
        "admin3": None,
        "location": place.get("name"),
        "latitude": place.get("latitude"),
        "longitude": place.get("longitude"),
        "geo_precision": place.get("geo_precision"),
        "source": "; ".join(names),
        "source_scale": None,
        "notes": view.notes(),
        "fatalities": view.fatalities,
        "tags": None,
        "timestamp": int(max(times)) if times else None,
        "n_reports": view.n_reports,
        "n_independent_sources": view.n_independent_sources,
        "fatalities_reported": figures,
        "discrepancies": found_discrepancies,
    }


def evidence_rows(view: EventView) -> list[dict[str, Any]]:
    """One line per field of each report of the event: the value, the article and its outlet, the span and the
    quote, the claim chain and hedges, whether the report is independent, and whether the event shows it."""
    return [{"event": view.id, **f.public(), "outlet": _outlet(view, f.evidence.article_id)} for f in view.fields]


def _outlet(view: EventView, article_id: str) -> str | None:
    found = view.articles.get(article_id)
    return found.outlet if found else None


def _name(view: EventView, article_id: str) -> str:
    found = view.articles.get(article_id)
    return (found.outlet or found.title or article_id[:12]) if found else article_id[:12]
