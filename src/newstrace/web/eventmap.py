"""The events map, drawn here as SVG: country outlines from the `countryinfo` package's data (world.geo.json, from
Natural Earth; installed with newstrace, nothing is fetched: no tile server, no script), a plain longitude and
latitude projection around the events, and a dot per located event, larger for more fatalities, that links to
its page. Every label is escaped here; the page puts the markup in as it is."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

from countryinfo import CountryInfo

WIDTH = 960
WORLD = (-180.0, -58.0, 180.0, 84.0)  # west, south, east, north: the inhabited world
MARGIN = 6.0  # degrees around the events
MIN_SPAN = 20.0  # degrees: never zoom closer than this

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class MapPoint:
    event_id: str
    latitude: float
    longitude: float
    label: str
    fatalities: int


@lru_cache(maxsize=1)
def outlines() -> tuple[tuple[str, tuple[Ring, ...]], ...]:
    """Every country that has an outline: (name, rings as (longitude, latitude) points), by name."""
    found: list[tuple[str, tuple[Ring, ...]]] = []
    for _, info in sorted(CountryInfo.all().items()):
        data: dict[str, Any] = dict(info)
        shape = data.get("geoJSON") or {}
        rings: list[Ring] = []
        for feature in shape.get("features", []):
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates", [])
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            elif geometry.get("type") != "MultiPolygon":
                continue
            for polygon in polygons:
                rings.extend(tuple((float(x), float(y)) for x, y, *_ in ring) for ring in polygon if len(ring) > 2)
        if rings and data.get("name"):
            found.append((str(data["name"]), tuple(rings)))
    return tuple(found)


def _view(points: list[MapPoint]) -> tuple[float, float, float, float]:
    """The part of the world to draw: the events with a margin, at least MIN_SPAN wide, at the map's aspect."""
    if not points:
        return WORLD
    west = min(p.longitude for p in points) - MARGIN
    east = max(p.longitude for p in points) + MARGIN
    south = min(p.latitude for p in points) - MARGIN
    north = max(p.latitude for p in points) + MARGIN
    width, height = max(east - west, MIN_SPAN), max(north - south, MIN_SPAN / 2)
    width = max(width, height * 2)  # the map is twice as wide as high
    height = width / 2
    cx, cy = (west + east) / 2, (south + north) / 2
    west, east = max(cx - width / 2, -180.0), min(cx + width / 2, 180.0)
    south, north = max(cy - height / 2, -90.0), min(cy + height / 2, 90.0)
    return west, south, east, north


def svg(points: list[MapPoint], title: str = "Events") -> str:
    """The map as an SVG element (markup; everything from the data escaped)."""
    west, south, east, north = _view(points)
    scale = WIDTH / (east - west)
    height = round((north - south) * scale)

    def xy(lon: float, lat: float) -> str:
        return f"{(lon - west) * scale:.1f},{(north - lat) * scale:.1f}"

    parts = [f'<svg id="event-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-label="{escape(title)}">', f"<title>{escape(title)}</title>",
             f'<rect class="sea" x="0" y="0" width="{WIDTH}" height="{height}"/>']
    for name, rings in outlines():
        drawn = []
        for ring in rings:
            lons = [p[0] for p in ring]
            lats = [p[1] for p in ring]
            if max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north:
                continue
            drawn.append("M" + "L".join(xy(lon, lat) for lon, lat in ring) + "Z")
        if drawn:
            parts.append(f'<path class="land" d="{"".join(drawn)}"><title>{escape(name)}</title></path>')
    for p in sorted(points, key=lambda p: -p.fatalities):  # small dots drawn last, on top
        x, y = xy(p.longitude, p.latitude).split(",")
        radius = 4 + 2 * math.sqrt(max(p.fatalities, 0))
        parts.append(f'<a href="/events/{escape(p.event_id)}" class="event-dot"><circle cx="{x}" cy="{y}" '
                     f'r="{min(radius, 30):.1f}"><title>{escape(p.label)}</title></circle></a>')
    parts.append("</svg>")
    return "".join(parts)


def points(events: list[dict[str, Any]]) -> tuple[list[MapPoint], list[dict[str, Any]]]:
    """The events that have coordinates as map points, and those that have none (listed beside the map)."""
    placed: list[MapPoint] = []
    unplaced: list[dict[str, Any]] = []
    for e in events:
        place = e.get("place")
        if place and place.get("latitude") is not None and place.get("longitude") is not None:
            when = e["date"]["start"] or "undated"
            placed.append(MapPoint(e["id"], float(place["latitude"]), float(place["longitude"]),
                                   f"{when}: {e['event_type']} ({e['sub_event_type']}) in {place['name']}, "
                                   f"{e['fatalities']} fatalities, {e['n_independent_sources']} independent "
                                   f"source(s)", int(e["fatalities"])))
        else:
            unplaced.append(e)
    return placed, unplaced
