"""Analysis after ingest: every analysis stage over the given articles, each against the whole store, recorded
as a job (queued, running, done, failed) with its step and progress, so that every face can say how far it is.

Whatever adds articles (`add`, `trace`, a web upload) runs this, and so do the explicit batch commands; a run
cut short leaves the articles it did not finish pending (no stored provenance), and the next run, or
`newstrace analyse`, finishes them."""

from __future__ import annotations

import time
from collections.abc import Sequence

from ..bounds import bounded
from ..config import Settings
from ..ingest.report import NoProgress, Progress
from ..progress import Reporter, reporting
from ..records import DONE, FAILED, QUEUED, RUNNING
from ..stages import pipeline
from ..store import Store

__all__ = ["DONE", "FAILED", "QUEUED", "RUNNING", "analyse", "analyse_pending", "stage_names"]


def stage_names() -> list[str]:
    return [stage.name for stage in pipeline()]


def analyse(store: Store, ids: Sequence[str], settings: Settings, *, progress: Progress | None = None,
            job: int | None = None, kind: str = "analyse") -> int:
    """Run every analysis stage over the articles (new ones and those they touch); returns the job's id."""
    progress = progress or NoProgress()
    stages = [stage for stage in pipeline() if stage.run is not None]
    if job is None:
        job = store.create_job(kind, list(ids))
    store.update_job(job, state=RUNNING, total=len(stages), done=0)
    progress.start(len(stages))
    # every stage reads the analysed part of very long articles only (bounds.py)
    view = bounded(store)
    try:
        for n, stage in enumerate(stages):
            store.update_job(job, step=stage.name, done=n)
            progress.step(stage.name)
            assert stage.run is not None
            with reporting(_passing_on(store, job, stage.name, progress)):
                stage.run(view, ids, settings)
            progress.advance()
    except KeyboardInterrupt:
        store.update_job(job, state=FAILED, message="interrupted (Ctrl-C): what was stored is kept; the articles "
                                                    "not finished are pending")
        raise
    except BaseException as exc:
        store.update_job(job, state=FAILED, message=f"{type(exc).__name__}: {exc}"[:500])
        raise
    store.update_job(job, state=DONE, step="", done=len(stages))
    return job


def _passing_on(store: Store, job: int, name: str, progress: Progress, every: float = 1.0) -> Reporter:
    """What a stage reports goes to the job's step (at most once a second: each is a write) and the terminal."""
    last = [0.0]

    def passing_on(what: str, done: int, total: int) -> None:
        text = f"{name}: {done:,}/{total:,} {what}"
        now = time.monotonic()
        if now - last[0] >= every or done >= total:
            last[0] = now
            store.update_job(job, step=text)
        progress.step(text)

    return passing_on


def analyse_pending(store: Store, settings: Settings, *, progress: Progress | None = None,
                    kind: str = "analyse") -> tuple[int, int] | None:
    """Analyse every stored article whose analysis is not stored yet: (job id, articles), or None if none."""
    seqs = store.pending_analysis()
    if not seqs:
        return None
    ids = [a.id for a in store.articles_by_seq(seqs)]
    return analyse(store, ids, settings, progress=progress, kind=kind), len(ids)
