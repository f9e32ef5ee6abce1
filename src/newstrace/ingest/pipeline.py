"""Ingest: inputs -> framed documents -> prepared articles (workers, and the writer when idle) -> the store.

Memory stays flat: documents stream through in chunks, a bounded number in flight. Each chunk is written
in one transaction, so a kill leaves the store consistent, and a rerun skips every input whose raw content
is already recorded.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from ..config import Settings
from ..errors import Code, Rejection
from ..parallel import executor, may_fork, worker_count
from ..records import Format, RawDocument
from ..store import Store
from .prepare import PrepareOptions
from .readers import READERS
from .report import IngestReport, NoProgress, Progress
from .sources import InputFile, head_bytes, iter_inputs, sniff_format
from .work import Dispatcher, Seen, Task, start_pool
from .writer import STAGE, Writer

CHUNK = 32
POOL_MIN_FILES = 64
POOL_MIN_BYTES = 4_000_000

__all__ = ["STAGE", "IngestReport", "Progress", "ingest"]


def ingest(paths: list[str], store: Store, settings: Settings, *, fmt: Format | None = None,
           progress: Progress | None = None, collect_ids: bool = True) -> IngestReport:
    """Read every path into the store and say what happened to each document."""
    progress = progress or NoProgress()
    report = IngestReport()
    started = time.perf_counter()
    files = list(iter_inputs(paths, fmt, report.rejected, report.skipped))
    report.files = len(files)
    report.bytes = sum(_size(f) for f in files)
    options = PrepareOptions(tuple(settings.analyse_languages), settings.min_page_words, settings.analyse_max_chars)
    workers = worker_count(settings.workers, beside_writer=True)
    # Small inputs are prepared in-process (starting workers costs more than it saves); the writer works
    # beside the workers, so one worker already shares the work.
    # On a cluster, its workers prepare every chunk (this process reads the files and writes the store).
    cluster = executor(settings.cluster, workers, True) if settings.cluster else None
    use_pool = cluster is None and may_fork(workers + 1, len(files) >= POOL_MIN_FILES or
                                            report.bytes >= POOL_MIN_BYTES)
    stored_before = store.count_articles()
    pool = start_pool(workers, files) if use_pool else None
    # Workers skip inputs the store already has; a store that started empty has none to skip.
    known_db = store.url if pool is not None and store.url != ":memory:" and stored_before else None
    dispatcher = Dispatcher(pool, workers, options, known_db, store.articles_for_raws, cluster)
    writer = Writer(store, settings, report, collect_ids)
    store.bulk_mode(True)
    finished = False
    try:
        progress.start(len(files))
        chunks = _chunks(_known_skipped(store, _documents(files, settings, progress)))
        for results in dispatcher.run(chunks):
            writer.write(results)
        finished = True
    finally:
        store.bulk_mode(False)
        if pool is not None:
            if finished:
                pool.close()
            else:  # interrupted (Ctrl-C) or failed: what the workers hold now is prepared again on a rerun
                pool.terminate()
            pool.join()
        for f in files:
            if f.path == "-":
                f.real.unlink(missing_ok=True)
    report.seconds = time.perf_counter() - started
    return report


def _size(f: InputFile) -> int:
    try:
        return f.real.stat().st_size
    except OSError:
        return 0


def _chunks(tasks: Iterator[Task]) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _known_skipped(store: Store, tasks: Iterator[Task]) -> Iterator[Task]:
    """Documents framed from containers whose exact raw content is stored need no parsing (reruns are
    cheap); files not read yet are checked by whoever reads them."""
    for task in tasks:
        if isinstance(task, RawDocument):
            existing = store.article_for_raw(task.raw_hash)
            if existing is not None:
                yield Seen(task, existing)
                continue
        yield task


def _documents(files: list[InputFile], settings: Settings, progress: Progress) -> Iterator[Task]:
    """Every document the readers frame, and every rejection, in input order (rejections travel with the
    documents so that the report lists them in that order too)."""
    for item in files:
        fmt = item.format
        if fmt is None:
            try:
                fmt = sniff_format(head_bytes(item))
            except OSError as e:
                fmt = None
                yield Rejection(item.path, Code.UNREADABLE, f"cannot read: {e.strerror or e}")
            else:
                if fmt is None:
                    yield Rejection(item.path, Code.EMPTY, "empty file")
        reader = READERS.get(fmt) if fmt else None
        if fmt and reader is None:
            yield Rejection(item.path, Code.UNKNOWN_FORMAT, f"no reader for format {fmt!r}")
        if reader is not None:
            yield from reader(item, settings.max_document_bytes)
        progress.advance()
