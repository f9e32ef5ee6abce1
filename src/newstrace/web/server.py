"""Running the app: uvicorn, stopped cleanly by SIGTERM or Ctrl-C.

uvicorn stops gracefully on either signal (no new connections, open requests answered, the app's shutdown
run) and then raises the signal again, so that the process ends by it. `newstrace serve` ends with status 0
instead, after giving a running analysis job a moment to finish; a job still running then is left to the
next run (its articles stay pending, and the store is consistent: every write is a transaction)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Generator

import uvicorn

from ..config import Settings
from .app import create_app

log = logging.getLogger(__name__)
JOB_GRACE = 10.0  # seconds a running analysis job is given to finish after the server stops


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        with super().capture_signals():
            try:
                yield
            finally:
                # a stop asked for by a signal is the normal end of serving: not raised again
                captured = getattr(self, "_captured_signals", None)
                if isinstance(captured, list):
                    captured.clear()


def serve(settings: Settings, host: str, port: int) -> bool:
    """Serve until stopped; True when no analysis job was left running."""
    app = create_app(settings)
    _Server(uvicorn.Config(app, host=host, port=port, log_level="warning")).run()
    return bool(app.state.jobs.wait(JOB_GRACE))
