"""Preparing documents, in worker processes and in the writer's own spare time.

`Dispatcher` keeps a pool of forked workers busy with chunks of documents, prepares a chunk itself
whenever the writer would otherwise sit waiting, and yields results in input order (so output is the
same whatever the timing). Workers read files themselves and check the store, through read-only
connections, for inputs it already has.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from ..errors import Code, Rejection
from ..parallel import Executor, fork_pool
from ..records import Article, RawDocument
from ..store import open_store
from .prepare import PrepareOptions, prepare
from .readers import FileDocument
from .sources import InputFile


@dataclass(frozen=True)
class Seen:
    """A document whose exact raw content is stored already: nothing to prepare, only a source to record."""

    raw: RawDocument
    article_id: str


Task = RawDocument | FileDocument | Seen | Rejection
Result = Article | Rejection | Seen
KnownLookup = Callable[[list[str]], dict[str, str]]
_READONLY: dict[str, Any] = {}


def start_pool(workers: int, files: list[InputFile]) -> Any:
    """Forked workers. The language model (about 100 MB, most of a second to load) is not loaded here:
    English text rarely needs it (see `language`), and a worker that meets other text loads it once."""
    if any(f.format != "text" for f in files):
        import trafilatura  # noqa: F401  (imported once here, inherited by every worker)
    return fork_pool(workers)


def _known_in(db: str) -> KnownLookup:
    """In a worker: look raw hashes up in the store through a read-only view of its own."""
    store = _READONLY.get(db)
    if store is None:
        store = _READONLY[db] = open_store(db, readonly=True)
    return store.articles_for_raws


def prepare_all(tasks: list[Task], options: PrepareOptions, known: KnownLookup | None = None,
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
        if isinstance(item, Rejection | Seen):
            out.append(item)
        elif item.raw_hash in seen:
            out.append(Seen(item, seen[item.raw_hash]))
        else:
            out.append(prepare_one(item, options))
    return out


def prepare_one(raw: RawDocument, options: PrepareOptions) -> Article | Rejection:
    """`prepare`, with a failure on one document (a bug here or in a library; the fuzzers look for them) made
    that document's rejection: it must not stop the run and take the good documents beside it down."""
    try:
        return prepare(raw, options)
    except Exception as exc:  # noqa: BLE001 - any failure is this one document's
        return Rejection(raw.origin.label(), Code.PREPARE_FAILED,
                         f"could not be prepared: {type(exc).__name__}: {str(exc)[:200]}")


class Dispatcher:
    """Runs `prepare_all` over chunks, in the pool and in-process, yielding each chunk's results in order."""

    def __init__(self, pool: Any, workers: int, options: PrepareOptions, known_db: str | None,
                 local_known: KnownLookup, cluster: Executor | None = None):
        self.pool = pool
        self.cluster = cluster
        self.depth = 2 * workers  # chunks queued in the pool: enough that no worker waits for the next
        self.remote = partial(prepare_all, options=options, known_db=known_db)
        self.local = partial(prepare_all, options=options, known=local_known)
        self.local_known = local_known
        self.options = options

    def run(self, chunks: Iterator[list[Task]]) -> Iterator[list[Result]]:
        if self.cluster is not None:
            yield from self.cluster.map(partial(prepare_all, options=self.options),
                                        (self._shippable(chunk) for chunk in chunks))
            return
        if self.pool is None:
            for part in chunks:
                yield self.local(part)
            return
        pending: deque[tuple[Any, list[Result] | None]] = deque()  # (async result, or results done here)
        exhausted = False
        while True:
            while not exhausted and sum(1 for job, _ in pending if job is not None) < self.depth:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                else:
                    pending.append((self.pool.apply_async(self.remote, (chunk,)), None))
            if not pending:
                return
            job, done = pending[0]
            if done is not None or job.ready():
                pending.popleft()
                yield done if done is not None else job.get()
                continue
            # The oldest chunk is still in a worker: rather than wait, prepare the next chunk here (at
            # most a few ahead, so memory stays bounded).
            if exhausted or len(pending) > 3 * self.depth:
                pending.popleft()
                yield job.get()
                continue
            chunk = next(chunks, None)
            if chunk is None:
                exhausted = True
            else:
                pending.append((None, self.local(chunk)))

    def _shippable(self, chunk: list[Task]) -> list[Task]:
        """A chunk as a cluster's workers can take it: files read here (workers may not see them), and
        documents the store already has marked as seen."""
        loaded = [task.load() if isinstance(task, FileDocument) else task for task in chunk]
        raws = [item.raw_hash for item in loaded if isinstance(item, RawDocument)]
        seen = self.local_known(raws) if raws else {}
        return [Seen(item, seen[item.raw_hash]) if isinstance(item, RawDocument) and item.raw_hash in seen else item
                for item in loaded]
