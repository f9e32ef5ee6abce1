"""Jobs: the analysis that follows ingest (recorded with its state and progress), and the main job, `trace`."""

from __future__ import annotations

from .analysis import DONE, FAILED, QUEUED, RUNNING, analyse, analyse_pending, stage_names
from .trace import JSON_VERSION, TraceResult, context_articles, trace

__all__ = ["DONE", "FAILED", "JSON_VERSION", "QUEUED", "RUNNING", "TraceResult", "analyse", "analyse_pending",
           "context_articles", "stage_names", "trace"]
