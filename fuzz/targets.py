"""Fuzz targets: one input through what a user's file meets, with the invariants of what comes out checked.

A target returns an `Outcome` (documents prepared, rejections by code) or raises: any exception, or an
`Invariant` error for output that breaks a rule (an article without text, a span outside its text, a
rejection without a stable code). The caller counts those as crashes.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newstrace.config import Settings
from newstrace.errors import Code, Rejection
from newstrace.ingest import ingest
from newstrace.ingest.furniture import strip_furniture
from newstrace.ingest.normalise import article_id, join_paragraphs, paragraphs, tidy
from newstrace.ingest.prepare import PrepareOptions, prepare
from newstrace.ingest.readers import READERS, FileDocument
from newstrace.ingest.sources import InputFile, head_bytes, sniff_format
from newstrace.records import Article, RawDocument
from newstrace.store import Store, open_store
from newstrace.text.dates import parse_datetime, timestamp

LIMIT = 2_000_000  # max_document_bytes for fuzzing: small enough that a bomb is refused quickly
OPTIONS = PrepareOptions(("en",), 15, analyse_max_chars=5_000)
SETTINGS = Settings(db=":memory:", workers=1, max_document_bytes=LIMIT, analyse_max_chars=5_000)
SUFFIX = {"text": ".txt", "html": ".html", "jsonl": ".jsonl", "feed": ".xml", "warc": ".warc"}


class Invariant(AssertionError):
    """Output that breaks a rule: counted as a crash."""


@dataclass
class Outcome:
    documents: int = 0
    rejected: Counter[str] = field(default_factory=Counter)


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise Invariant(message)


def _check_rejection(r: Rejection, path: str) -> None:
    _check(isinstance(r.code, Code), f"rejection without a stable code: {r!r}")
    _check(bool(r.reason.strip()), f"rejection without a reason: {r!r}")
    _check(r.where.startswith(path), f"rejection does not name the input: {r!r}")


def _check_article(a: Article) -> None:
    _check(bool(a.text.strip()), "article with no text")
    _check(a.id == article_id(a.text), "article id is not the hash of its text")
    _check("\r" not in a.text and "\x00" not in a.text, "control characters left in the clean text")
    if a.outlet_from is not None and a.outlet_from.span is not None:
        start, end = a.outlet_from.span
        _check(0 <= start < end <= len(a.text), f"outlet span {a.outlet_from.span} outside the text")
    if a.analysed_chars is not None:
        _check(0 < a.analysed_chars < len(a.text), "analysed part not inside the text")
    if a.published is not None:
        _check(timestamp(a.published) is not None, f"published {a.published!r} is not a readable time")
    _check(bool(a.encoding) or a.format in ("jsonl", "feed"), "article without a recorded encoding")


def run_reader(fmt: str | None, data: bytes, folder: Path, gzipped: bool = False,
               store: Store | None = None) -> Outcome:
    """Frame `data` as a file of format `fmt` (None: sniffed, as for a file without a known extension), read
    it, prepare every document, and check everything that comes out; then, with a store, ingest it twice
    (the second time must add nothing)."""
    outcome = _read_and_prepare(fmt, data, folder, gzipped)
    if store is not None:
        path = str(folder / _name(fmt, gzipped))
        for n in range(2):
            report = ingest([path], store, SETTINGS, fmt=fmt)  # type: ignore[arg-type]
            for r in [*report.rejected, *report.warnings]:
                _check_rejection(r, path)
                _check(r.code != Code.PREPARE_FAILED, f"preparing failed: {r.line()}")
            if n:
                _check(report.added == report.versions == 0, f"a second ingest of the same input stored "
                                                              f"{report.added} added, {report.versions} versions")
    return outcome


def _name(fmt: str | None, gzipped: bool) -> str:
    return "input" + (SUFFIX[fmt] if fmt else "") + (".gz" if gzipped else "")


def _read_and_prepare(fmt: str | None, data: bytes, folder: Path, gzipped: bool) -> Outcome:
    path = folder / _name(fmt, gzipped)
    path.write_bytes(data)
    item = InputFile(str(path), path, fmt, gzipped)  # type: ignore[arg-type]
    outcome = Outcome()
    if fmt is None:
        fmt = sniff_format(head_bytes(item))
        if fmt is None:
            outcome.rejected[Code.EMPTY.value] += 1
            return outcome
    for found in READERS[fmt](item, LIMIT):
        if isinstance(found, FileDocument):
            found = found.load()
        if isinstance(found, RawDocument):
            found = prepare(found, OPTIONS)  # type: ignore[assignment]
        if isinstance(found, Rejection):
            _check_rejection(found, str(path))
            outcome.rejected[found.code.value] += 1
        elif isinstance(found, Article):
            _check_article(found)
            outcome.documents += 1
        else:
            raise Invariant(f"a reader yielded {type(found).__name__}")
    return outcome


def target_dates(value: Any) -> Outcome:
    parsed = parse_datetime(value)
    if parsed is not None:
        _check(timestamp(parsed) is not None, f"parse_datetime({value!r}) gave {parsed!r}, which does not read back")
        _check(parse_datetime(parsed) == parsed, f"parse_datetime is not stable on its own output {parsed!r}")
    return Outcome(documents=int(parsed is not None))


def target_cleaning(raw: str) -> Outcome:
    clean = tidy(raw)
    _check("\r" not in clean, "tidy left a carriage return")
    paras = paragraphs(raw)
    _check(all(p and p == p.strip() and "\n" not in p for p in paras), "paragraphs empty, padded or multi-line")
    kept, removed = strip_furniture(paras)
    _check(len(kept) + len(removed) >= len(paras) - len(removed) and len(kept) <= len(paras),
           "furniture stripping invented paragraphs")
    text = join_paragraphs(kept)
    _check(paragraphs(text) == [p for p in kept if p] or not text,
           "the clean text does not split back into its paragraphs")
    article_id(text)
    return Outcome(documents=len(kept))


def make_targets(folder: Path, store: Store | None = None) -> dict[str, Callable[[Any], Outcome]]:
    """Every target, reading and writing its inputs in `folder`; readers also ingest into `store` (a fresh
    in-memory one by default; None: no store)."""
    store = store if store is not None else open_store(":memory:")
    targets: dict[str, Callable[[Any], Outcome]] = {
        fmt: (lambda data, fmt=fmt: run_reader(fmt, data, folder, store=store))
        for fmt in ("text", "html", "jsonl", "feed", "warc")
    }
    targets["gzip"] = lambda pair: run_reader(pair[0], pair[1], folder, gzipped=True, store=store)
    targets["sniffed"] = lambda data: run_reader(None, data, folder, store=store)
    targets["dates"] = target_dates
    targets["cleaning"] = target_cleaning
    return targets


def scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="newstrace-fuzz-", dir=os.environ.get("TMPDIR")))
