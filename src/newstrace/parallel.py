"""Forked worker pools and the one policy for using them, shared by ingest, the reuse stage and attribution.

`workers` (the setting) is the number of worker processes; 0 chooses: one per core, less one where a writer
process works beside them (ingest). Work is forked only with two or more workers, enough of it to pay for
starting them, and no other thread in the process (forking while another thread holds a lock is unsafe: a web
server's job thread analyses in-process)."""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any


def worker_count(requested: int, beside_writer: bool = False) -> int:
    """How many worker processes a setting of `requested` means (0: chosen from the CPU count)."""
    if requested > 0:
        return requested
    cores = os.cpu_count() or 1
    return max(1, cores - 1) if beside_writer else cores


def may_fork(processes: int, enough_work: bool) -> bool:
    """Whether to fork: two or more processes would share the work, there is enough of it to pay for
    starting them, and no other thread runs here."""
    return processes > 1 and enough_work and threading.active_count() == 1


def fork_pool(workers: int) -> Any:
    """A pool of forked workers.

    fork, not spawn or forkserver: those re-run the caller's __main__ module in every worker, which breaks any
    script that calls newstrace without an `if __name__ == "__main__"` guard. Objects inherited from the parent
    are moved out of the collector's sight first, so that the workers' collections neither walk them nor copy
    their pages (the gc.freeze recipe for forking servers).
    """
    gc.freeze()
    try:
        return multiprocessing.get_context("fork").Pool(workers, initializer=_quiet_worker, initargs=(os.getpid(),))
    finally:
        gc.unfreeze()


_PR_SET_PDEATHSIG = 1


def _quiet_worker(parent: int) -> None:
    """In each worker: Ctrl-C is for the parent (it stops the pool), and a worker whose parent dies (a kill -9)
    ends at once and without a word, instead of failing to send its result into a closed pipe and printing
    the traceback (Linux tells a child when its parent dies)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the request above was made
        os._exit(0)


def bounded_map(pool: Any, fn: Callable[[Any], Any], items: Iterable[Any], depth: int) -> Iterator[Any]:
    """`fn` over items in the pool, results in order, at most `depth` tasks queued; items are drawn in this
    thread (an iterator reading the store must not run in the pool's feeder thread)."""
    pending: deque[Any] = deque()
    for item in items:
        pending.append(pool.apply_async(fn, (item,)))
        if len(pending) >= depth:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


class Executor:
    """Runs a function over items and yields the results in the items' order: in this process, in forked
    workers, or on a Dask cluster (`cluster.DaskExecutor`). Stages hand it self-contained tasks (the data in,
    rows out) and write what comes back themselves, so results land in the store the same way wherever they
    were computed."""

    workers = 1  # tasks that run at once
    # whether workers can open the store's file and the input files themselves (forked workers on this
    # machine can; a cluster's workers, maybe elsewhere, are sent what they need)
    shares_files = True

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any], depth: int | None = None) -> Iterator[Any]:
        return map(fn, items)

    def close(self) -> None:
        pass

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalExecutor(Executor):
    """In this process, or in a pool of forked workers when `may_fork` allows it."""

    def __init__(self, workers: int, enough_work: bool):
        self.pool = fork_pool(workers) if may_fork(workers, enough_work) else None
        self.workers = workers if self.pool is not None else 1

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any], depth: int | None = None) -> Iterator[Any]:
        if self.pool is None:
            return map(fn, items)
        return bounded_map(self.pool, fn, items, depth or 2 * self.workers)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None


def executor(cluster: str, workers: int, enough_work: bool) -> Executor:
    """Where a stage's heavy work runs: on the Dask cluster at `cluster` (a scheduler address) when one is
    set, else here (forked workers for enough work)."""
    if cluster:
        from .cluster import DaskExecutor  # the optional `cluster` extra: imported only when asked for

        return DaskExecutor(cluster)
    return LocalExecutor(workers, enough_work)
