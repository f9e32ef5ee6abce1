"""Forked worker pools, shared by ingest and the reuse stage."""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any


def fork_pool(workers: int) -> Any:
    """A pool of forked workers.

    fork, not spawn or forkserver: those re-run the caller's __main__ module in every worker, which breaks any
    script that calls newstrace without an `if __name__ == "__main__"` guard. Objects inherited from the parent
    are moved out of the collector's sight first, so that the workers' collections neither walk them nor copy
    their pages (the gc.freeze recipe for forking servers).
    """
    gc.freeze()
    try:
        return multiprocessing.get_context("fork").Pool(workers)
    finally:
        gc.unfreeze()


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
