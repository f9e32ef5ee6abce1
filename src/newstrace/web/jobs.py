"""Analysis jobs of the web server: an upload is ingested at once and analysed in a background thread, one
job at a time (they write to one store), so that the request returns while the pages show "pending"."""

from __future__ import annotations

import logging
import threading
from collections import deque

from ..config import Settings
from ..jobs import analyse
from ..store import open_store

log = logging.getLogger(__name__)


class JobRunner:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.queue: deque[tuple[int, list[str]]] = deque()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def start(self, job: int, ids: list[str]) -> None:
        """Queue a recorded job; a worker thread runs queued jobs in order until none is left."""
        with self.lock:
            self.queue.append((job, ids))
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._work, name="newstrace-jobs", daemon=True)
                self.thread.start()

    def _work(self) -> None:
        while True:
            with self.lock:
                if not self.queue:
                    self.thread = None
                    return
                job, ids = self.queue.popleft()
            try:
                with open_store(self.settings.db) as store:
                    analyse(store, ids, self.settings, job=job)
            except Exception:  # recorded as failed on the job; the server goes on
                log.exception("analysis job %s failed", job)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no job is queued or running (tests, shutdown); True if none is left."""
        with self.lock:
            thread = self.thread
        if thread is not None:
            thread.join(timeout)
        return self.thread is None or not self.thread.is_alive()
