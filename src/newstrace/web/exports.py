"""The downloads the API offers, built from the same code as `newstrace export`."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from pathlib import Path

from ..analyse.categories import QUOTES
from ..analyse.stage import stage_tag, stored
from ..config import Settings
from ..errors import Code, NewstraceError
from ..formats.acled import write_acled
from ..provenance.graph import source_graph, to_graphml
from ..provenance.origins import flat_originality
from ..read import iter_events
from ..read.acled import acled_row, evidence_rows
from ..read.exports import all_originality
from ..read.quotes import quote_view
from ..reuse.compare import write_pan
from ..store import Store

KINDS = {
    "articles.jsonl": "application/x-ndjson", "articles.csv": "text/csv; charset=utf-8",
    "alignments.jsonl": "application/x-ndjson", "attributions.jsonl": "application/x-ndjson",
    "originality.csv": "text/csv; charset=utf-8", "graph.graphml": "application/graphml+xml",
    "graph.json": "application/json", "pan.zip": "application/zip",
    "events.csv": "text/csv; charset=utf-8", "events-evidence.jsonl": "application/x-ndjson",
}


def render(store: Store, settings: Settings, what: str, quotes: tuple[str, ...] = QUOTES) -> tuple[bytes, str]:
    """The download `what`; for attributions.jsonl, the attributions of the `quotes` categories (a quote view,
    as `newstrace export --attributions --quotes` gives it)."""
    if what not in KINDS:
        raise NewstraceError(Code.NO_SUCH_ARTICLE, f"no export {what!r}; there are {', '.join(KINDS)}")
    if what.startswith("articles."):
        rows = [a.public() for a in store.iter_articles()]
        return (_jsonl(rows) if what.endswith(".jsonl") else _csv(rows)), KINDS[what]
    if what == "alignments.jsonl":
        return _jsonl(a.public() for a in store.all_alignments()), KINDS[what]
    if what == "attributions.jsonl":
        # the attributions of the extraction the settings name (the rules, or a trained model), as the CLI does
        return _jsonl(att for _, atts in stored(store, stage_tag(settings)) if atts
                      for att in quote_view(atts, quotes)), KINDS[what]
    if what == "originality.csv":
        return _csv([flat_originality(row, article) for article, row in all_originality(store)]), KINDS[what]
    if what == "events.csv":  # ACLED's columns, as `newstrace export --events` writes them
        out = io.StringIO()
        write_acled((acled_row(view) for view in iter_events(store)), out)
        return out.getvalue().encode("utf-8"), KINDS[what]
    if what == "events-evidence.jsonl":
        return _jsonl(line for view in iter_events(store) for line in evidence_rows(view)), KINDS[what]
    if what.startswith("graph."):
        graph = source_graph(store)
        text = to_graphml(graph, "outlets") if what.endswith("graphml") else json.dumps(graph, ensure_ascii=False)
        return text.encode("utf-8"), KINDS[what]
    with tempfile.TemporaryDirectory() as folder:
        written = write_pan(store, list(store.all_alignments()), Path(folder))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in written:
                archive.write(path, path.name)
    return buffer.getvalue(), KINDS[what]


def _jsonl(rows: object) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")  # type: ignore[attr-defined]


def _csv(rows: list[dict[str, object]]) -> bytes:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue().encode("utf-8")
