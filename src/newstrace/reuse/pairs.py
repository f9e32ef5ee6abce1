"""Comparing pairs of stored articles: align, decide the direction, and return rows for the store.

The work is cut into self-contained tasks (a few dozen pairs with their articles and fingerprint counts; a
batch of texts to fingerprint) that run in this process, in forked workers or on a Dask cluster alike
(`parallel.Executor`); this process reads what each task needs and writes what comes back, in order."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..parallel import Executor
from ..recent import Recent
from ..records import Article, FoundPassage
from ..store import Store
from .align import align
from .analysis import ArticleText
from .candidates import index_all
from .direction import decide
from .embeddings import Embedder, embedder
from .fingerprint import fingerprint_text

STAGE = "newstrace.reuse.v2"  # v2: evidence strengths and templates; v1 pairs are compared again
PAIRS_PER_TASK = 64
RECUR_CAP = 8


Compared = tuple[int, int, list[FoundPassage]]  # a compared pair (lower seq first) and its passages
Holders = dict[int, int]  # an article's fingerprints held by other articles too: signed hash -> holders (capped)
HolderLookup = Callable[[list[int]], dict[int, Holders]]  # articles (seqs) -> their holders


class Texts:
    """Analysed texts of recently used articles (an article takes part in many pairs). With `holders`, each
    text knows how many articles hold its fingerprints (recurring formulas and furniture, see `evidence`)."""

    def __init__(self, load: Callable[[list[int]], list[Article]], size: int = 2048,
                 holders: Callable[[int], Holders] | None = None):
        self.load = load
        self.holders = holders
        self.cache: Recent[int, tuple[Article, ArticleText]] = Recent(size)

    def get(self, seq: int) -> tuple[Article, ArticleText]:
        entry = self.cache.take(seq)
        if entry is None:
            [article] = self.load([seq])
            holders = self.holders(seq) if self.holders is not None else None
            entry = self.cache.put(seq, (article, ArticleText(article.id, article.text, holders, article.outlet)))
        return entry


def recurring_holders(store: Store, seq: int) -> Holders:
    """Fingerprints of the article held by other articles too: signed hash -> holders, counted up to
    RECUR_CAP (enough to tell a formula), from the store's inverted index (which must be up to date)."""
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


# -- tasks (in this process, forked workers or cluster workers) ---------------------------------------------

CompareTask = tuple[list[tuple[int, int]], dict[int, Article], dict[int, Holders], str | None]


def compare_task(task: CompareTask) -> list[Compared]:
    """The passages of each pair, from the articles and fingerprint counts the task carries."""
    pairs, articles, holders, model = task
    texts = Texts(lambda seqs: [articles[s] for s in seqs], holders=lambda seq: holders.get(seq, {}))
    second = embedder(model) if model is not None else None
    return [(a, b, pair_rows(a, b, texts, second)) for a, b in pairs]


def fingerprint_task(batch: list[tuple[int, str]]) -> list[tuple[int, Any]]:
    return [(seq, fingerprint_text(text)) for seq, text in batch]


# -- driving ---------------------------------------------------------------------------------------------


def fingerprint_new(store: Store, executor: Executor | None = None, index: bool = True) -> int:
    """Fingerprint every analysed article that has none yet; returns how many. Without `index`, postings are
    left for a batch run to write in one ordered pass."""
    from .fingerprint import STAGE as FINGERPRINT_STAGE

    done = 0
    for rows in (executor or Executor()).map(fingerprint_task, store.unfingerprinted(batch=256)):
        with store.transaction():
            store.save_fingerprints(rows, FINGERPRINT_STAGE, index)
        done += len(rows)
    return done


def compare_pairs(store: Store, pairs: list[tuple[int, int]], executor: Executor | None = None,
                  progress: Callable[[int], None] | None = None, model: str | None = None,
                  holders: HolderLookup | None = None) -> int:
    """Compare every pair and store the results; returns the number of passages found. `model` (a model
    folder, or "" for the installed package) turns on the embedding second opinion. `holders` gives the
    fingerprint counts of articles (from a batch join in memory); without it they are read from the store's
    inverted index, brought up to date first."""
    if holders is None:
        if pairs:
            index_all(store)
        holders = _stored_holders(store)
    tasks = (_task(store, pairs[i:i + PAIRS_PER_TASK], holders, model) for i in range(0, len(pairs), PAIRS_PER_TASK))
    found = 0
    for done in (executor or Executor()).map(compare_task, tasks):
        with store.transaction():
            for a, b, rows in done:
                store.save_pair(a, b, rows, STAGE)
                found += len(rows)
        if progress:
            progress(len(done))
    return found


def _task(store: Store, pairs: list[tuple[int, int]], holders: HolderLookup, model: str | None) -> CompareTask:
    seqs = sorted({seq for pair in pairs for seq in pair})
    return pairs, {a.seq: a for a in store.articles_by_seq(seqs)}, holders(seqs), model


def _stored_holders(store: Store) -> HolderLookup:
    return lambda seqs: {seq: recurring_holders(store, seq) for seq in seqs}


