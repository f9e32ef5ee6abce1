"""The heavy work of ingest and analysis on a Dask cluster (dask.distributed, the `cluster` extra).

The process that runs the command (the driver) keeps the store. For each task it reads what the task needs
(documents, article texts, fingerprint counts), sends it with the task, and writes what comes back, in the
order the tasks were made, so the store ends as a local run leaves it. With SQLite this is the only way:
the store is one file with one writer, and workers may run on other machines. With a store every worker can
reach (PostgreSQL), a task could write its own rows; the seam for that is `Executor.shares_files` and the
stages' `_write` steps, which would move into the task.

A worker that dies loses nothing: the scheduler runs its unfinished tasks on another worker, a task that
raises is tried again (`RETRIES`), and the driver writes only results that came back, each in its own
transaction and idempotently (a compared pair, an article's fingerprints or attributions replace what is
stored for them). A driver that dies leaves the store as after any kill: the next run does what is left.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .errors import Code, NewstraceError
from .parallel import Executor

RETRIES = 3  # times a task that raised is run again before the run fails
CONNECT_SECONDS = 30

_CLIENTS: dict[str, Any] = {}


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise NewstraceError(Code.BAD_SETTING, "a cluster is set but dask.distributed is not installed: "
                                               "pip install 'newstrace[cluster]'") from exc
    return distributed


def client(address: str) -> Any:
    """A client of the scheduler at `address`, one per address for the life of the process."""
    found = _CLIENTS.get(address)
    if found is not None and found.status == "running":
        return found
    distributed = _distributed()
    try:
        found = distributed.Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise NewstraceError(Code.CLUSTER, f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    _CLIENTS[address] = found
    return found


def close_clients() -> None:
    while _CLIENTS:
        _, found = _CLIENTS.popitem()
        found.close()


class DaskExecutor(Executor):
    """Tasks on the cluster at `address`; results in the order of the items, a bounded number in flight."""

    shares_files = False

    def __init__(self, address: str):
        self.address = address
        self.client = client(address)
        threads = sum(self.client.nthreads().values())
        if not threads:  # a scheduler without workers yet: wait a little for them
            self.client.wait_for_workers(1, timeout=CONNECT_SECONDS)
            threads = sum(self.client.nthreads().values())
        self.workers = max(1, threads)

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any], depth: int | None = None) -> Iterator[Any]:
        depth = max(depth or 0, 2 * self.workers)  # every worker busy, and the next task already there
        pending: deque[Any] = deque()
        for item in items:
            pending.append(self.client.submit(fn, item, retries=RETRIES, pure=False))
            if len(pending) >= depth:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())


def _result(future: Any) -> Any:
    try:
        return future.result()
    except Exception as exc:
        if type(exc).__name__ == "KilledWorker":
            raise NewstraceError(Code.CLUSTER, f"a task killed its worker {exc} times over; run the command again "
                                               "to finish what is left") from exc
        raise


def start_local(workers: int, host: str = "127.0.0.1", port: int = 8786, memory_limit: str = "auto") -> Any:
    """A scheduler and `workers` worker processes (one thread each) on this machine."""
    distributed = _distributed()
    return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host=host,
                                    scheduler_port=port, dashboard_address="127.0.0.1:0", memory_limit=memory_limit)


def serve_local(workers: int, host: str, port: int, ready: Callable[[str], None]) -> None:
    """Run a local cluster until interrupted; `ready` is told the scheduler's address."""
    with start_local(workers, host, port) as local:
        ready(local.scheduler_address)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
