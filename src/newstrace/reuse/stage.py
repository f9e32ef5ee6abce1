"""The text-reuse stage: fingerprint what is new in the store, find candidate pairs for the given
articles, align every pair not compared before, decide directions, and store the alignments."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from ..config import Settings
from ..records import Article
from ..stages import Stage, register_stage
from ..store import Store
from .align import align
from .analysis import ArticleText
from .candidates import candidates
from .direction import credited_names, decide
from .fingerprint import STAGE as FINGERPRINT_STAGE
from .fingerprint import fingerprint

STAGE = "newstrace.reuse.v1"


class _Texts:
    """Analysed texts of recently used articles (an article takes part in many pairs)."""

    def __init__(self, store: Store, size: int = 512):
        self.store = store
        self.size = size
        self.cache: OrderedDict[int, tuple[Article, ArticleText, set[str]]] = OrderedDict()

    def get(self, seq: int, article: Article | None = None) -> tuple[Article, ArticleText, set[str]]:
        if seq in self.cache:
            self.cache.move_to_end(seq)
            return self.cache[seq]
        if article is None:
            found = self.store.articles_by_seq([seq])
            article = found[0]
        entry = (article, ArticleText(article.id, article.text), credited_names(article.text))
        self.cache[seq] = entry
        if len(self.cache) > self.size:
            self.cache.popitem(last=False)
        return entry


def texts_for(store: Store) -> _Texts:
    return _Texts(store)


def fingerprint_new(store: Store) -> int:
    """Fingerprint every analysed article that has none yet; returns how many."""
    done = 0
    for batch in store.unfingerprinted():
        rows = [(seq, fingerprint(ArticleText("", text))) for seq, text in batch]
        with store.transaction():
            store.save_fingerprints(rows, FINGERPRINT_STAGE)
        done += len(rows)
    return done


def compare_pairs(store: Store, pairs: list[tuple[int, int]], texts: _Texts) -> int:
    """Align each pair (lower seq first), decide directions, store the result; returns passages found."""
    found = 0
    for start in range(0, len(pairs), 200):
        with store.transaction():
            for a_seq, b_seq in pairs[start:start + 200]:
                art_a, ta, names_a = texts.get(a_seq)
                art_b, tb, names_b = texts.get(b_seq)
                rows = []
                for p in align(ta, tb):
                    d = decide(art_a, art_b, ta, tb, p, names_a, names_b)
                    if d.source == "b":
                        rows.append((b_seq, a_seq, p.b[0], p.b[1], p.a[0], p.a[1], p.kind, p.score, int(p.quoted),
                                     1, d.confidence, d.reason))
                    else:
                        rows.append((a_seq, b_seq, p.a[0], p.a[1], p.b[0], p.b[1], p.kind, p.score, int(p.quoted),
                                     int(d.source == "a"), d.confidence, d.reason))
                store.save_pair(a_seq, b_seq, rows, STAGE)
                found += len(rows)
    return found


def run(store: Store, ids: Sequence[str], settings: Settings) -> list[dict[str, Any]]:
    fingerprint_new(store)
    articles = [a for a in store.get_articles(list(ids)) if a.analysed]
    texts = _Texts(store)
    pairs: set[tuple[int, int]] = set()
    for article in articles:
        for other, _ in candidates(store, article.seq, settings.reuse_max_df, settings.reuse_min_shared):
            pairs.add((min(article.seq, other), max(article.seq, other)))
    todo = sorted(pairs - store.compared_pairs(pairs, STAGE))
    for article in articles:
        texts.get(article.seq, article)
    compare_pairs(store, todo, texts)
    return [a.public() for a in store.alignments_of([a.seq for a in articles])]


register_stage(Stage(
    STAGE, reads=("articles",), writes=("reuse_fingerprints", "reuse_postings", "reuse_pairs", "alignments"),
    description="copied and paraphrased passages between articles, with spans, kind, score and direction",
    run=run, json_key="alignments",
))
