"""Ingest: inputs -> framed documents -> prepared articles (worker processes) -> the store (one writer).

Memory stays flat: documents stream through in bounded batches, at most two batches in flight. Each batch is
written in one transaction, so a kill leaves the store consistent, and a rerun skips every input whose
raw content is already recorded.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Protocol

from ..config import Settings
from ..errors import Code, Rejection
from ..records import Article, Format, Origin, RawDocument
from ..store import Store
from .prepare import PrepareOptions, prepare
from .readers import READERS, FileDocument
from .sitefilter import apply_site_filter
from .sources import InputFile, head_bytes, iter_inputs, sniff_format

STAGE = "newstrace.ingest.v1"
POOL_MIN_FILES = 64
POOL_MIN_BYTES = 4_000_000


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...


class _NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


@dataclass
class IngestReport:
    added: int = 0
    versions: int = 0
    unchanged: int = 0
    duplicates: int = 0  # of `unchanged`: the same article reached from another input
    rejected: list[Rejection] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in folders passed over (not article files)
    article_ids: list[str] = field(default_factory=list)  # every input's article, in input order, once each
    origins: dict[str, Origin] = field(default_factory=dict)  # where this run first met each article
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.added + self.versions + self.unchanged

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "new_versions": self.versions, "unchanged": self.unchanged,
                "duplicates": self.duplicates, "rejected": [r.as_dict() for r in self.rejected],
                "skipped": self.skipped}


def ingest(paths: list[str], store: Store, settings: Settings, *, fmt: Format | None = None,
           progress: Progress | None = None, collect_ids: bool = True) -> IngestReport:
    """Read every path into the store and say what happened to each document."""
    progress = progress or _NoProgress()
    report = IngestReport()
    started = time.perf_counter()
    files = list(iter_inputs(paths, fmt, report.rejected, report.skipped))
    report.files = len(files)
    sizes = [_size(f) for f in files]
    report.bytes = sum(sizes)
    options = PrepareOptions(tuple(settings.analyse_languages), settings.min_page_words)
    workers = worker_count(settings.workers, files)
    # Small inputs are prepared in-process (starting workers costs more than it saves); so is everything
    # when another thread is running, since forking is only safe with none.
    use_pool = (workers >= 1 and (len(files) >= POOL_MIN_FILES or report.bytes >= POOL_MIN_BYTES)
                and threading.active_count() == 1)
    writer = _Writer(store, settings, report, collect_ids)
    pool = _start_pool(workers, files) if use_pool else None
    store.bulk_mode(True)
    try:
        progress.start(len(files))
        documents = _documents(files, settings, report, progress)
        pending: Any = None
        # Workers skip inputs the store already has; a store that started empty has none to skip.
        known_db = store.url if pool is not None and store.url != ":memory:" and store.count_articles() else None
        for batch in _batches(documents, max(1, settings.commit_every)):
            fresh = writer.skip_known(batch)
            job = (pool.map_async(partial(_prepare_all, options=options, known_db=known_db), _chunks(fresh, 32))
                   if pool else [_prepare_all(fresh, options, store.articles_for_raws)])
            if pending is not None:
                writer.write(pending)
            pending = job
        if pending is not None:
            writer.write(pending)
    finally:
        store.bulk_mode(False)
        if pool is not None:
            pool.close()
            pool.join()
        for f in files:
            if f.path == "-":
                f.real.unlink(missing_ok=True)
    report.seconds = time.perf_counter() - started
    return report


def worker_count(requested: int, files: list[InputFile]) -> int:
    """Worker processes beside the writer. Automatic (0): one per core, less one when most input is plain
    text, whose documents are cheap to prepare, so that the writer keeps a core of its own (sharing one
    with a worker slows both more than the extra worker gains)."""
    if requested > 0:
        return requested
    cores = os.cpu_count() or 1
    text_share = sum(1 for f in files if f.format == "text") / max(1, len(files))
    return max(1, cores - 1 if text_share > 0.5 else cores)


def _size(f: InputFile) -> int:
    try:
        return f.real.stat().st_size
    except OSError:
        return 0


def _start_pool(workers: int, files: list[InputFile]) -> Any:
    # fork, not spawn or forkserver: those re-run the caller's __main__ module in every worker, which
    # breaks any script that calls newstrace without an `if __name__ == "__main__"` guard.
    if any(f.format != "text" for f in files):
        import trafilatura  # noqa: F401  (imported once here, inherited by every worker)
    # Objects inherited from the parent are moved out of the collector's sight, so that the workers'
    # collections neither walk them nor copy their pages (the gc.freeze recipe for forking servers).
    gc.freeze()
    try:
        return multiprocessing.get_context("fork").Pool(workers)
    finally:
        gc.unfreeze()


@dataclass(frozen=True)
class Seen:
    """A document whose exact raw content is stored already: nothing to prepare, only a source to record."""

    raw: RawDocument
    article_id: str


Task = RawDocument | FileDocument
Result = Article | Rejection | Seen
_READONLY: dict[str, sqlite3.Connection] = {}
KnownLookup = Callable[[list[str]], dict[str, str]]


def _known_in(db: str) -> KnownLookup:
    """In a worker: look raw hashes up in the store through a read-only connection of its own."""
    conn = _READONLY.get(db)
    if conn is None:
        conn = _READONLY[db] = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)

    def lookup(raw_hashes: list[str]) -> dict[str, str]:
        marks = ",".join("?" * len(raw_hashes))
        rows = conn.execute(f"SELECT raw_hash, article_id FROM article_sources WHERE raw_hash IN ({marks})",
                            raw_hashes)
        return dict(rows.fetchall())

    return lookup


def _prepare_all(tasks: list[Task], options: PrepareOptions, known: KnownLookup | None = None,
                 known_db: str | None = None) -> list[Result]:
    """Read what is not read yet, skip what the store has, prepare the rest; one result per task, in order."""
    if known is None and known_db is not None:
        known = _known_in(known_db)
    loaded = [task.load() if isinstance(task, FileDocument) else task for task in tasks]
    fresh_files = [raw.raw_hash for raw, task in zip(loaded, tasks, strict=True)
                   if isinstance(task, FileDocument) and isinstance(raw, RawDocument)]
    seen = known(fresh_files) if known and fresh_files else {}
    out: list[Result] = []
    for item in loaded:
        if isinstance(item, Rejection):
            out.append(item)
        elif item.raw_hash in seen:
            out.append(Seen(item, seen[item.raw_hash]))
        else:
            out.append(prepare(item, options))
    return out


def _chunks(items: list[Task], size: int) -> list[list[Task]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _batches(items: Iterator[Task], size: int) -> Iterator[list[Task]]:
    batch: list[Task] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _documents(files: list[InputFile], settings: Settings, report: IngestReport,
               progress: Progress) -> Iterator[Task]:
    for item in files:
        fmt = item.format
        if fmt is None:
            try:
                fmt = sniff_format(head_bytes(item))
            except OSError as e:
                report.rejected.append(Rejection(item.path, Code.UNREADABLE, f"cannot read: {e.strerror or e}"))
                progress.advance()
                continue
            if fmt is None:
                report.rejected.append(Rejection(item.path, Code.EMPTY, "empty file"))
                progress.advance()
                continue
        reader = READERS.get(fmt)
        if reader is None:
            report.rejected.append(Rejection(item.path, Code.UNKNOWN_FORMAT, f"no reader for format {fmt!r}"))
            progress.advance()
            continue
        for doc in reader(item, settings.max_document_bytes):
            if isinstance(doc, Rejection):
                report.rejected.append(doc)
            else:
                yield doc
        progress.advance()


class _Writer:
    """The single writer: dedupes, versions, applies the site filter and stores, one transaction a batch."""

    def __init__(self, store: Store, settings: Settings, report: IngestReport, collect_ids: bool):
        self.store = store
        self.settings = settings
        self.report = report
        self.collect_ids = collect_ids
        self._seen_ids: set[str] = set()

    def _note(self, article_id: str, origin: Origin) -> None:
        if self.collect_ids and article_id not in self._seen_ids:
            self._seen_ids.add(article_id)
            self.report.article_ids.append(article_id)
            self.report.origins[article_id] = origin

    def skip_known(self, batch: list[Task]) -> list[Task]:
        """Inputs whose exact raw content is stored are done without parsing (reruns are cheap). Files not
        read yet are checked by whoever reads them."""
        fresh: list[Task] = []
        with self.store.transaction():
            for task in batch:
                existing = None if isinstance(task, FileDocument) else self.store.article_for_raw(task.raw_hash)
                if existing is None:
                    fresh.append(task)
                else:
                    self._seen(Seen(task, existing))
        return fresh

    def _seen(self, seen: Seen) -> None:
        raw = seen.raw
        self.store.add_source(raw.raw_hash, seen.article_id, raw.origin, raw.format, raw.meta.get("url"),
                              raw.meta.get("outlet"))
        self.report.unchanged += 1
        self._note(seen.article_id, raw.origin)

    def write(self, job: Any) -> None:
        chunks = job.get() if hasattr(job, "get") else job
        with self.store.transaction():
            for results in chunks:
                for result in results:
                    if isinstance(result, Rejection):
                        self.report.rejected.append(result)
                    elif isinstance(result, Seen):
                        self._seen(result)
                    else:
                        self._store(result)

    def _store(self, article: Article) -> None:
        store, report = self.store, self.report
        existing = store.article_for_raw(article.raw_hash)
        if existing is not None:  # the same raw input twice in one run
            store.add_source(article.raw_hash, existing, article.origin, article.format, article.url, article.outlet)
            report.unchanged += 1
            self._note(existing, article.origin)
            return
        article, line_keys = apply_site_filter(store, article, self.settings.site_filter_min_articles)
        if not article.text:
            report.rejected.append(Rejection(article.origin.label(), Code.NO_TEXT,
                                             "no article text left after removing the outlet's recurring lines"))
            return
        if store.has_article(article.id):
            store.add_source(article.raw_hash, article.id, article.origin, article.format, article.url,
                             article.outlet)
            report.unchanged += 1
            report.duplicates += 1
            self._note(article.id, article.origin)
            return
        latest = store.latest_version(article.locator) if article.locator else None
        if latest is not None:
            article = replace(article, version=latest[1] + 1, previous_id=latest[0])
        store.insert_article(article, STAGE)
        store.add_source(article.raw_hash, article.id, article.origin, article.format, article.url, article.outlet)
        if line_keys and article.outlet:
            store.count_lines(article.outlet, line_keys)
        if latest is not None:
            report.versions += 1
        else:
            report.added += 1
        self._note(article.id, article.origin)
