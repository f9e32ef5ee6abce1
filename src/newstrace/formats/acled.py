"""ACLED's CSV: the 31 columns of its standard export, in its order, then the columns newstrace adds (how many
reports, how many independent sources, every reported fatality figure, the discrepancies)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
           "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
           "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
           "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
EXTRA = ("n_reports", "n_independent_sources", "fatalities_reported", "discrepancies")


def write_acled(rows: Iterable[Mapping[str, Any]], stream: TextIO) -> int:
    """Write the header and the rows (missing values empty); returns how many rows."""
    writer = csv.DictWriter(stream, fieldnames=[*COLUMNS, *EXTRA], extrasaction="raise", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({key: "" if row.get(key) is None else row.get(key) for key in (*COLUMNS, *EXTRA)})
        n += 1
    return n
