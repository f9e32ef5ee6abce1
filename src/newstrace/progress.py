"""Progress inside a stage. A stage says how far it is through its own work (`report`); whoever runs it (an
analysis job) passes that on, to the job's row in the store (which every face reads) and to the terminal.
A stage that reports nothing still shows as one step of its job."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Reporter = Callable[[str, int, int], None]  # (what is counted, done, total)

_REPORTER: ContextVar[Reporter | None] = ContextVar("newstrace_progress", default=None)


def report(what: str, done: int, total: int) -> None:
    """Say that `done` of `total` units of `what` (articles, pieces, pairs) are done."""
    reporter = _REPORTER.get()
    if reporter is not None:
        reporter(what, done, total)


@contextmanager
def reporting(reporter: Reporter) -> Iterator[None]:
    """Send what stages report, while the block runs, to `reporter`."""
    token = _REPORTER.set(reporter)
    try:
        yield
    finally:
        _REPORTER.reset(token)
