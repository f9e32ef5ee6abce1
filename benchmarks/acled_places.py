"""Place resolution (`newstrace.events.places.locate`) on the ACLED sample (needs ../shared/data/acled-sample).

Each analyst's note is the text and its first sentence the event's sentence; the coded row is the answer:
its point (a place within 25 km of it counts), country, geo precision and admin1. Baselines in the same run:
a plain gazetteer lookup of ACLED's own `location` name (the most populous entry of that name, cities before
regions), without the country and with ACLED's country given.

    .venv/bin/python benchmarks/acled_places.py                  # dev and held-out, about a minute once cached
    .venv/bin/python benchmarks/acled_places.py --limit 500      # a quick look
    .venv/bin/python benchmarks/acled_places.py --list-errors    # dev misses for error analysis (never commit)
"""

from __future__ import annotations

import argparse
import math
import resource
import time
from collections import defaultdict
from dataclasses import dataclass

from acled_data import AcledRow, load_acled, split
from newstrace.events.gazetteer import Entry, Gazetteer, admin_key, normalise
from newstrace.events.places import locate
from newstrace.events.records import Place
from newstrace.text.tokens import sentences

NEAR_KM = 25.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    d = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(d)))


@dataclass
class Guess:
    country: str | None
    latitude: float | None
    longitude: float | None
    precision: int | None
    admin1: str | None


@dataclass
class Tally:
    n: int = 0
    found: int = 0
    near: int = 0
    country: int = 0
    precision: int = 0
    admin1: int = 0

    def add(self, row: AcledRow, truth_country: str | None, guess: Guess | None) -> bool:
        self.n += 1
        if guess is None:
            return False
        self.found += 1
        close = guess.latitude is not None and guess.longitude is not None and \
            km(guess.latitude, guess.longitude, row.latitude, row.longitude) <= NEAR_KM
        self.near += close
        self.country += guess.country == truth_country
        self.precision += guess.precision == row.geo_precision
        self.admin1 += bool(guess.admin1) and admin_key(guess.admin1 or "") == admin_key(row.admin1)
        return close and guess.country == truth_country

    def row(self, name: str) -> str:
        def share(x: int) -> str:
            return f"{x / self.n:.3f}" if self.n else "-"

        return (f"| {name} | {self.n} | {share(self.found)} | {share(self.near)} | {share(self.country)} | "
                f"{share(self.precision)} | {share(self.admin1)} |")


def baseline(gazetteer: Gazetteer, row: AcledRow, country: str | None) -> Guess | None:
    """ACLED's own location name looked up as it is: the most populous entry, cities before regions."""
    entries: list[Entry] = gazetteer.lookup(normalise(row.location))
    if country is not None:
        entries = [e for e in entries if e.country_code == country]
    if not entries:
        return None
    e = max(entries, key=lambda x: (x.kind == "city", x.population, -x.id))
    return Guess(e.country_code, e.latitude, e.longitude, 1, e.admin1)


def from_place(place: Place | None) -> Guess | None:
    if place is None:
        return None
    return Guess(place.country_code, place.latitude, place.longitude, place.geo_precision, place.admin1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="score only the first N rows of each half")
    parser.add_argument("--list-errors", action="store_true", help="print dev rows placed wrong (never commit)")
    parser.add_argument("--whole-note", action="store_true", help="give the whole note as the event sentence")
    parser.add_argument("--worst", type=int, default=8, help="countries listed in the breakdown")
    args = parser.parse_args()

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    load_s = time.perf_counter() - started
    load_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    rows = load_acled()
    dev, held = split(rows)
    unmapped = sorted({r.country for r in rows if gazetteer.country_code(r.country) is None})

    print(f"gazetteer load: {load_s:.2f} s, peak memory +{load_mb:.0f} MB (one process; machine shared)\n")
    print("| half / method | events | placed | within 25 km | country | geo precision | admin1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, half in (("dev", dev), ("held-out", held)):
        if args.limit:
            half = half[:args.limit]
        ours, plain, given = Tally(), Tally(), Tally()
        per_country: dict[str, Tally] = defaultdict(Tally)
        errors: list[tuple[AcledRow, Place | None]] = []
        spent = 0.0
        for row in half:
            truth = gazetteer.country_code(row.country)
            spans = sentences(row.notes)
            sentence = (0, len(row.notes)) if args.whole_note or not spans else spans[0]
            t = time.perf_counter()
            place = locate(f"acled-{row.id}", row.notes, sentence, gazetteer)
            spent += time.perf_counter() - t
            right = ours.add(row, truth, from_place(place))
            per_country[row.country].add(row, truth, from_place(place))
            plain.add(row, truth, baseline(gazetteer, row, None))
            given.add(row, truth, baseline(gazetteer, row, truth))
            if not right:
                errors.append((row, place))
        print(ours.row(f"{name}: locate"))
        print(plain.row(f"{name}: lookup of ACLED's location name"))
        print(given.row(f"{name}: lookup of ACLED's location name in ACLED's country"))
        print(f"| {name}: locate speed | {len(half)} | {len(half) / spent:.0f} notes/s | | | | |")
        worst = sorted((t for t in per_country.items() if t[1].n >= 15), key=lambda kv: kv[1].near / kv[1].n)
        print(f"\n{name}, worst countries within 25 km (15+ events):\n")
        print("| country | events | placed | within 25 km | country | geo precision | admin1 |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for country, tally in worst[:args.worst]:
            print(tally.row(country))
        print()
        if args.list_errors and name == "dev":
            for row, place in errors:
                first = sentences(row.notes)[0] if sentences(row.notes) else (0, len(row.notes))
                got = "None" if place is None else (
                    f"{place.name!r} {place.country_code} {place.admin1}/{place.admin2} p{place.geo_precision} "
                    f"{place.source} {place.gazetteer_name or ''} "
                    + (f"{km(place.latitude, place.longitude, row.latitude, row.longitude):.0f} km"
                       if place.latitude is not None and place.longitude is not None else "no point"))
                print(f"- {row.notes[first[0]:first[1]][:220]}\n    ACLED: {row.location} / {row.admin1} / "
                      f"{row.admin2} / {row.country} p{row.geo_precision}\n    ours:  {got}")
    if unmapped:
        print(f"ACLED country names the gazetteer does not know: {', '.join(unmapped)}")


if __name__ == "__main__":
    main()
