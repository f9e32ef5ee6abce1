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


def candidate_pairs(store: Store, seqs: list[int] | None, max_df: int, min_shared: float) -> list[tuple[int, int]]:
    """Pairs (lower seq first) with at least one side in `seqs` (every pair when None), sorted."""
    rebuild = store.unindexed_fingerprints() >= REBUILD_FROM
    if seqs is not None and len(seqs) < BATCH_FROM and not rebuild:
        with store.transaction():
            store.index_fingerprints()
        pairs = {(min(s, o), max(s, o)) for s in seqs for o, _ in candidates(store, s, max_df, min_shared)}
        return sorted(pairs)
    return joined_pairs(store, seqs, max_df, min_shared, rebuild)


def joined_pairs(store: Store, seqs: list[int] | None, max_df: int, min_shared: float,
                 rebuild: bool = False) -> list[tuple[int, int]]:
    """All fingerprints sorted in memory; runs of equal hashes give the pairs. With `rebuild`, the sorted
    arrays are also written out as the store's inverted index."""
    loaded = list(store.all_fingerprints())
    if not loaded:
        return []
    hashes = np.concatenate([h for _, h in loaded])
    owners = np.concatenate([np.full(len(h), seq, dtype=np.int32) for seq, h in loaded])
    del loaded
    order = np.argsort(hashes, kind="stable")
    hashes, owners = hashes[order], owners[order]
    del order
    if rebuild:
        with store.transaction():
            store.rebuild_postings(hashes, owners)
    elif store.unindexed_fingerprints():
        with store.transaction():
            store.index_fingerprints()
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    lengths = np.diff(np.r_[starts, len(hashes)])
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
