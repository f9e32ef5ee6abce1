"""The stage registry. Each stage has a versioned name (a result says which algorithm made it) and
declares the tables it reads and writes; the order is checked before anything runs. Built-in stages
register through `register_stage`, the same hook an outside package would use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .config import Settings
from .errors import Code, NewstraceError
from .store import Store

# An analysis stage runs over the given article ids (each against the whole store) and stores what it finds;
# what it returns (a count) is for its caller only: every face reads the stored results (read/).
StageRun = Callable[[Store, Sequence[str], Settings], Any]


@dataclass(frozen=True)
class Stage:
    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    description: str
    run: StageRun | None = None


STAGES: dict[str, Stage] = {}


def register_stage(stage: Stage) -> Stage:
    STAGES[stage.name] = stage
    return stage


def check_order(stages: Sequence[Stage]) -> None:
    """Every table a stage reads must be written by a stage before it (or be an input)."""
    available = {"inputs"}
    for stage in stages:
        missing = [t for t in stage.reads if t not in available]
        if missing:
            raise NewstraceError(Code.BAD_SETTING, f"stage {stage.name} reads {', '.join(missing)}, "
                                                   "which no earlier stage writes")
        available.update(stage.writes)


BUILTIN = ("newstrace.reuse.stage", "newstrace.analyse.stage", "newstrace.stories.stage",
           "newstrace.events.stage", "newstrace.provenance.stage")


def load_builtin() -> None:
    """Import the built-in analysis stages; each registers itself through `register_stage`."""
    import importlib

    for module in BUILTIN:
        importlib.import_module(module)


# the built-in stages' order where their reads leave it open (what a module imports first must not decide it)
# events before provenance: a stored provenance row is what marks an article analysed, so it is written last
_BUILTIN_ORDER = ("newstrace.ingest.", "newstrace.reuse.", "newstrace.attribution.", "newstrace.stories.",
                  "newstrace.events.", "newstrace.provenance.")


def _rank(stage: Stage) -> int:
    return next((n for n, prefix in enumerate(_BUILTIN_ORDER) if stage.name.startswith(prefix)),
                len(_BUILTIN_ORDER))


def pipeline() -> list[Stage]:
    """Every registered stage, each after the stages that write what it reads; otherwise built-in stages in
    their fixed order, then outside stages in registration order."""
    load_builtin()
    pending, ordered, available = sorted(STAGES.values(), key=_rank), [], {"inputs"}
    while pending:
        ready = next((st for st in pending if all(t in available for t in st.reads)), None)
        if ready is None:  # nothing can run next: let check_order name what is missing
            ordered += pending
            break
        pending.remove(ready)
        ordered.append(ready)
        available.update(ready.writes)
    check_order(ordered)
    return ordered


register_stage(Stage(
    "newstrace.ingest.v1", reads=("inputs",),  # writes the search index too (articles_fts, fts_state)
    writes=("articles", "article_sources", "article_furniture", "outlet_lines", "articles_fts", "fts_state"),
    description="read files, folders, HTML, feeds, JSONL and WARC; clean text; store articles by content hash",
))
