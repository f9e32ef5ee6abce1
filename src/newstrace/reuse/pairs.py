"""Comparing pairs of stored articles: align, decide the direction, and return rows for the store.
Runs in-process for a few pairs and in forked workers, each with a read-only view of the store, for many."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from ..bounds import bounded
from ..parallel import bounded_map, fork_pool, may_fork
from ..recent import Recent
from ..records import Article, FoundPassage
from ..store import Store
from .align import align
from .analysis import ArticleText
from .direction import decide
from .embeddings import Embedder, embedder
from .fingerprint import fingerprint

STAGE = "newstrace.reuse.v2"  # v2: evidence strengths and templates; v1 pairs are compared again
PAIRS_PER_TASK = 64
RECUR_CAP = 8


Compared = tuple[int, int, list[FoundPassage]]  # a compared pair (lower seq first) and its passages


class Texts:
    """Analysed texts of recently used articles (an article takes part in many pairs). With a store, each
    text knows how many articles hold its fingerprints (recurring formulas and furniture, see `evidence`)."""

    def __init__(self, load: Callable[[list[int]], list[Article]], size: int = 2048, store: Store | None = None):
        self.load = load
        self.store = store
        self.cache: Recent[int, tuple[Article, ArticleText]] = Recent(size)

    def get(self, seq: int) -> tuple[Article, ArticleText]:
        entry = self.cache.take(seq)
        if entry is None:
            [article] = self.load([seq])
            holders = recurring_holders(self.store, seq) if self.store is not None else None
            entry = self.cache.put(seq, (article, ArticleText(article.id, article.text, holders, article.outlet)))
        return entry


def recurring_holders(store: Store, seq: int) -> dict[int, int]:
    """Fingerprints of the article held by other articles too: signed hash -> holders, counted up to
    RECUR_CAP (enough to tell a formula)."""
    return {h: n for h, n in store.posting_counts(store.fingerprints(seq), cap=RECUR_CAP).items() if n >= 2}


def pair_rows(a_seq: int, b_seq: int, texts: Texts, embedder: Embedder | None = None) -> list[FoundPassage]:
    """The alignment rows of one pair (lower seq first), each oriented from source to target."""
    art_a, ta = texts.get(a_seq)
    art_b, tb = texts.get(b_seq)
    rows: list[FoundPassage] = []
    for p in align(ta, tb, embedder=embedder):
        d = decide(art_a, art_b, ta, tb, p, ta.credits, tb.credits)
        flipped = d.source == "b"
        rows.append(FoundPassage(
            source_seq=b_seq if flipped else a_seq, target_seq=a_seq if flipped else b_seq,
            source_span=p.b if flipped else p.a, target_span=p.a if flipped else p.b, kind=p.kind, score=p.score,
            quoted=p.quoted, decided=d.source in ("a", "b"), direction_confidence=d.confidence,
            direction_reason=d.reason, evidence=p.evidence, evidence_reason=p.evidence_reason))
    return rows


# -- in workers ------------------------------------------------------------------------------------------

_WORKER_TEXTS: dict[str, Texts] = {}


def _worker_texts(db: str) -> Texts:
    texts = _WORKER_TEXTS.get(db)
    if texts is None:
        from ..store.sqlite import SQLiteStore

        store = bounded(SQLiteStore(db, readonly=True))  # the analysed part of very long articles only
        texts = _WORKER_TEXTS[db] = Texts(store.articles_by_seq, store=store)
    return texts


def _compare_task(pairs: list[tuple[int, int]], db: str, model: str | None) -> list[Compared]:
    texts = _worker_texts(db)
    second = embedder(model) if model is not None else None
    return [(a, b, pair_rows(a, b, texts, second)) for a, b in pairs]


def _fingerprint_task(batch: list[tuple[int, str]]) -> list[tuple[int, Any]]:
    return [(seq, fingerprint(ArticleText("", text))) for seq, text in batch]


def _parallel(store: Store, amount: int, workers: int) -> bool:
    return may_fork(workers, amount >= 2000) and store.url != ":memory:"  # workers open the store's file


# -- driving ---------------------------------------------------------------------------------------------


def fingerprint_new(store: Store, workers: int = 1, index: bool = True) -> int:
    """Fingerprint every analysed article that has none yet; returns how many. Without `index`, postings are
    left for a batch run to write in one ordered pass."""
    from .fingerprint import STAGE as FINGERPRINT_STAGE

    batches = store.unfingerprinted(batch=256)
    done = 0
    pool = fork_pool(workers) if _parallel(store, store.count_articles(), workers) else None
    try:
        results: Iterator[list[tuple[int, Any]]] = (
            bounded_map(pool, _fingerprint_task, batches, 2 * workers) if pool else map(_fingerprint_task, batches))
        for rows in results:
            with store.transaction():
                store.save_fingerprints(rows, FINGERPRINT_STAGE, index)
            done += len(rows)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return done


def compare_pairs(store: Store, pairs: list[tuple[int, int]], workers: int = 1,
                  progress: Callable[[int], None] | None = None, model: str | None = None) -> int:
    """Compare every pair and store the results; returns the number of passages found. `model` (a model
    folder, or "" for the installed package) turns on the embedding second opinion."""
    found = 0
    tasks = [pairs[i:i + PAIRS_PER_TASK] for i in range(0, len(pairs), PAIRS_PER_TASK)]
    pool = fork_pool(workers) if _parallel(store, len(pairs), workers) else None
    local = Texts(store.articles_by_seq, store=store)
    second = embedder(model) if model is not None and not pool else None
    try:
        results: Iterator[list[Compared]] = (
            bounded_map(pool, _worker_call(store.url, model), tasks, 4 * workers) if pool
            else ([(a, b, pair_rows(a, b, local, second)) for a, b in task] for task in tasks))
        for done in results:
            with store.transaction():
                for a, b, rows in done:
                    store.save_pair(a, b, rows, STAGE)
                    found += len(rows)
            if progress:
                progress(len(done))
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return found


def _worker_call(db: str, model: str | None) -> Callable[[list[tuple[int, int]]], list[Compared]]:

    return partial(_compare_task, db=db, model=model)
