"""Read ../shared/data/acled-sample (ACLED's standard export, 9,326 real events with the analysts' notes) for
the event benchmarks. Nothing read here may be committed or shipped (the data's licence): only code and figures.

    rows = load_acled()            # both CSV files, in file order
    rows[0].notes, rows[0].event_type, rows[0].latitude
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
ACLED = SHARED / "data" / "acled-sample"
FILES = ("acled_old_deletion_dummy.csv", "acled_old_dummy.csv")


@dataclass(frozen=True)
class AcledRow:
    """One coded event as ACLED published it (the fields the benchmarks score)."""

    id: str
    notes: str
    event_date: str
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str
    inter1: int
    actor2: str
    assoc_actor_2: str
    inter2: int
    interaction: int
    country: str
    admin1: str
    admin2: str
    admin3: str
    location: str
    latitude: float
    longitude: float
    geo_precision: int
    source: str
    fatalities: int


def _int(value: str) -> int:
    return int(float(value)) if value.strip() else 0


def load_acled(folder: Path = ACLED) -> list[AcledRow]:
    """Every row of the sample's CSV files; raises FileNotFoundError naming the folder when it is missing."""
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: the ACLED sample is not there (it lives in ../shared/data)")
    rows: list[AcledRow] = []
    for name in FILES:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            for r in csv.DictReader(handle):
                rows.append(AcledRow(
                    id=r["event_id_cnty"], notes=r["notes"], event_date=r["event_date"],
                    time_precision=_int(r["time_precision"]), event_type=r["event_type"],
                    sub_event_type=r["sub_event_type"], actor1=r["actor1"], assoc_actor_1=r["assoc_actor_1"],
                    inter1=_int(r["inter1"]), actor2=r["actor2"], assoc_actor_2=r["assoc_actor_2"],
                    inter2=_int(r["inter2"]), interaction=_int(r["interaction"]), country=r["country"],
                    admin1=r["admin1"], admin2=r["admin2"], admin3=r["admin3"], location=r["location"],
                    latitude=float(r["latitude"]), longitude=float(r["longitude"]),
                    geo_precision=_int(r["geo_precision"]), source=r["source"], fatalities=_int(r["fatalities"]),
                ))
    return rows


def split(rows: list[AcledRow]) -> tuple[list[AcledRow], list[AcledRow]]:
    """A fixed development / held-out split (by event id hash): tune on the first, report both."""
    import hashlib

    dev, held = [], []
    for row in rows:
        (dev if hashlib.sha1(row.id.encode()).digest()[0] < 128 else held).append(row)
    return dev, held
