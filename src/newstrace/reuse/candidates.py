"""Candidate pairs: stored articles that share enough fingerprints to be worth aligning.

Fingerprints held by very many articles (stock phrases, datelines, furniture that slipped through) are not
counted as evidence, and the others count by how rare they are: a fingerprint held by two articles counts 1,
by four 0.5, by twenty 0.1. A copied passage shares many rare fingerprints; two articles that happen to use
the same few common phrases share only common ones.

For a few articles the store's inverted index is queried article by article; for many, all fingerprints are
joined in memory (a sort), so the cost grows with the number of fingerprints and shared ones, not with the
number of pairs of articles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..store import Store

BATCH_FROM = 500  # articles from which one in-memory join beats a query per article


def weight(df: int) -> float:
    return min(1.0, 2.0 / df)


def candidates(store: Store, seq: int, max_df: int, min_shared: float) -> list[tuple[int, float]]:
    """(other seq, weighted shared fingerprints) for every article reaching `min_shared`, most first."""
    hashes = store.fingerprints(seq)
    if len(hashes) == 0:
        return []
    counts = store.posting_counts(hashes, cap=max_df + 1)
    useful = {h: weight(n) for h, n in counts.items() if 2 <= n <= max_df}
    shared: defaultdict[int, float] = defaultdict(float)
    for h, other in store.postings(list(useful)):
        if other != seq:
            shared[other] += useful[h]
    found = [(other, n) for other, n in shared.items() if n >= min_shared - 1e-9]
    return sorted(found, key=lambda x: (-x[1], x[0]))


REBUILD_FROM = 5000  # unindexed articles from which rewriting the whole index in order beats inserting


@dataclass
class Found:
    """Candidate pairs, and where the fingerprint counts of their articles come from: `holders` (articles ->
    signed hash -> holders, capped) when a join in memory counted them, else None (the store's index)."""

    pairs: list[tuple[int, int]]
    holders: Callable[[list[int]], dict[int, dict[int, int]]] | None = None


def candidate_pairs(store: Store, seqs: list[int] | None, max_df: int, min_shared: float) -> list[tuple[int, int]]:
    """Pairs (lower seq first) with at least one side in `seqs` (every pair when None), sorted."""
    return find_pairs(store, seqs, max_df, min_shared).pairs


def find_pairs(store: Store, seqs: list[int] | None, max_df: int, min_shared: float, cap: int = 8) -> Found:
    """Candidate pairs with at least one side in `seqs` (every pair when None), and their fingerprint counts.

    A few articles are looked up in the store's inverted index, brought up to date first. Many are joined
    in memory, and the index is left as it is: a batch run does not write it (writing tens of millions of
    postings cost more than the whole comparison); the next run that needs it, a few articles added later,
    rewrites it in order once (see `index_all`)."""
    few = seqs is not None and len(seqs) < BATCH_FROM
    if few and store.unindexed_fingerprints() < REBUILD_FROM:
        assert seqs is not None
        with store.transaction():
            store.index_fingerprints()
        pairs = {(min(s, o), max(s, o)) for s in seqs for o, _ in candidates(store, s, max_df, min_shared)}
        return Found(sorted(pairs))
    return _joined(store, seqs, max_df, min_shared, rebuild=few, cap=cap)


def index_all(store: Store) -> None:
    """Bring the store's inverted index up to date: few missing articles are inserted, many rewrite it."""
    missing = store.unindexed_fingerprints()
    if missing >= REBUILD_FROM:
        _joined(store, [], 1, 1.0, rebuild=True)
    elif missing:
        with store.transaction():
            store.index_fingerprints()


def joined_pairs(store: Store, seqs: list[int] | None, max_df: int, min_shared: float,
                 rebuild: bool = False) -> list[tuple[int, int]]:
    """All fingerprints sorted in memory; runs of equal hashes give the pairs. With `rebuild`, the sorted
    arrays are also written out as the store's inverted index."""
    return _joined(store, seqs, max_df, min_shared, rebuild).pairs


def _joined(store: Store, seqs: list[int] | None, max_df: int, min_shared: float, rebuild: bool,
            cap: int = 8) -> Found:
    loaded = list(store.all_fingerprints())
    if not loaded:
        return Found([], lambda wanted: {})
    hashes = np.concatenate([h for _, h in loaded])
    owners = np.concatenate([np.full(len(h), seq, dtype=np.int32) for seq, h in loaded])
    del loaded
    order = np.argsort(hashes, kind="stable")
    hashes, owners = hashes[order], owners[order]
    del order
    if rebuild:
        with store.transaction():
            store.rebuild_postings(hashes, owners)
    bounds = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    held = np.diff(np.r_[bounds, len(hashes)])  # articles holding each distinct fingerprint
    pairs = _pairs(hashes, owners, bounds, held, seqs, max_df, min_shared)
    return Found(pairs, _holders(hashes, owners, bounds, held, pairs, cap))


def _holders(hashes: np.ndarray, owners: np.ndarray, bounds: np.ndarray, held: np.ndarray,
             pairs: list[tuple[int, int]], cap: int) -> Callable[[list[int]], dict[int, dict[int, int]]]:
    """The fingerprints of the paired articles that others hold too, counted up to `cap`: what the store's
    index would answer (`recurring_holders`), from the join's arrays, kept only for the paired articles."""
    wanted = np.unique(np.array([seq for pair in pairs for seq in pair], dtype=np.int32))
    count = np.repeat(np.minimum(held, cap).astype(np.uint8), held)
    keep = (count >= 2) & np.isin(owners, wanted)
    order = np.argsort(owners[keep], kind="stable")
    kept_owners = owners[keep][order]
    kept_hashes = hashes[keep][order].view(np.int64)
    kept_counts = count[keep][order]

    def lookup(seqs: list[int]) -> dict[int, dict[int, int]]:
        out: dict[int, dict[int, int]] = {}
        for seq in seqs:
            lo, hi = np.searchsorted(kept_owners, [seq, seq + 1])
            out[seq] = dict(zip(kept_hashes[lo:hi].tolist(), kept_counts[lo:hi].tolist(), strict=True))
        return out

    return lookup


def _pairs(hashes: np.ndarray, owners: np.ndarray, bounds: np.ndarray, held: np.ndarray, seqs: list[int] | None,
           max_df: int, min_shared: float) -> list[tuple[int, int]]:
    starts, lengths = bounds, held
    keep = (lengths >= 2) & (lengths <= max_df)
    starts, lengths = starts[keep], lengths[keep]
    top = int(owners.max()) + 1
    totals = _PairTotals()
    # Rare fingerprints (few holders): every pair of holders, each fingerprint adding its weight.
    rare = lengths <= RARE
    for k in np.unique(lengths[rare]):
        _add_pairs(totals, owners, starts[rare & (lengths == k)], int(k), weight(int(k)), top)
    # Common ones add little each (2 / holders); a pair reaches the threshold through them only when the
    # same group of articles holds many of them: the copies of one syndicated text. Fingerprints are grouped
    # by the exact set of articles holding them, and each group adds its pairs once, with its total weight.
    common = ~rare
    if common.any():
        c_starts, c_lengths = starts[common], lengths[common]
        mixed = _mix(owners.astype(np.uint64))
        keys = np.add.reduceat(mixed, c_starts) if len(c_starts) else np.zeros(0, np.uint64)
        group_keys = np.stack([c_lengths.astype(np.uint64), keys], axis=1)
        _, first, counts = np.unique(group_keys, axis=0, return_index=True, return_counts=True)
        for start, k, m in zip(c_starts[first].tolist(), c_lengths[first].tolist(), counts.tolist(), strict=True):
            w = m * weight(k)
            if w >= min_shared / 2:
                _add_pairs(totals, owners, np.array([start]), k, w, top)
    pair_keys, scores = totals.result()
    pair_keys = pair_keys[scores >= min_shared - 1e-9]
    lo, hi = pair_keys // top, pair_keys % top
    if seqs is not None:
        wanted = np.isin(lo, seqs) | np.isin(hi, seqs)
        lo, hi = lo[wanted], hi[wanted]
    return list(zip(lo.tolist(), hi.tolist(), strict=True))


RARE = 10  # fingerprints held by at most this many articles pair up all their holders


def _mix(x: np.ndarray) -> np.ndarray:
    """A 64-bit mixing of article numbers, so that sums over sets of them identify the sets."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(33))) * np.uint64(0xFF51AFD7ED558CCD)
        x = (x ^ (x >> np.uint64(33))) * np.uint64(0xC4CEB9FE1A85EC53)
        mixed: np.ndarray = x ^ (x >> np.uint64(33))
        return mixed


def _add_pairs(totals: _PairTotals, owners: np.ndarray, starts: np.ndarray, k: int, w: float, top: int) -> None:
    """Every pair of holders of the runs of length k starting at `starts`, each adding `w`."""
    i, j = np.triu_indices(k, 1)
    step = max(1, 2_000_000 // len(i))  # a block of runs at a time keeps the arrays small
    for block in range(0, len(starts), step):
        rows = starts[block:block + step]
        a = owners[rows[:, None] + i[None, :]].ravel().astype(np.int64)
        b = owners[rows[:, None] + j[None, :]].ravel().astype(np.int64)
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        distinct = lo != hi
        totals.add(lo[distinct] * top + hi[distinct], w)


class _PairTotals:
    """Weighted counts per pair key, compacted as they grow so that memory stays bounded."""

    def __init__(self, compact_at: int = 5_000_000):
        self.keys: list[np.ndarray] = []
        self.weights: list[np.ndarray] = []
        self.size = 0
        self.compact_at = compact_at

    def add(self, keys: np.ndarray, w: float) -> None:
        self.keys.append(keys)
        self.weights.append(np.full(len(keys), w, dtype=np.float32))
        self.size += len(keys)
        if self.size >= self.compact_at:
            self._compact()

    def _compact(self) -> None:
        if not self.keys:
            return
        keys, inverse = np.unique(np.concatenate(self.keys), return_inverse=True)
        sums = np.bincount(inverse, weights=np.concatenate(self.weights)).astype(np.float32)
        self.keys, self.weights, self.size = [keys], [sums], len(keys)

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        self._compact()
        if not self.keys:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        return self.keys[0], self.weights[0]
