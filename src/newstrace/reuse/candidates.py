"""Candidate pairs: stored articles that share enough fingerprints to be worth aligning.

Fingerprints held by very many articles (stock phrases, datelines, furniture that slipped through) are not
counted as evidence. For a few articles the store's inverted index is queried article by article; for
many, all fingerprints are joined in memory (a sort), so the cost grows with the number of fingerprints
and shared ones, not with the number of pairs of articles.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from ..store import Store

BATCH_FROM = 500  # articles from which one in-memory join beats a query per article


def candidates(store: Store, seq: int, max_df: int, min_shared: int) -> list[tuple[int, int]]:
    """(other seq, shared fingerprints) for every article sharing at least `min_shared`, most first."""
    hashes = store.fingerprints(seq)
    if len(hashes) == 0:
        return []
    counts = store.posting_counts(hashes)
    useful = [h for h, n in counts.items() if 2 <= n <= max_df]
    shared = Counter(other for _, other in store.postings(useful) if other != seq)
    found = [(other, n) for other, n in shared.items() if n >= min_shared]
    return sorted(found, key=lambda x: (-x[1], x[0]))


def candidate_pairs(store: Store, seqs: list[int] | None, max_df: int, min_shared: int) -> list[tuple[int, int]]:
    """Pairs (lower seq first) with at least one side in `seqs` (every pair when None), sorted."""
    if seqs is not None and len(seqs) < BATCH_FROM:
        pairs = {(min(s, o), max(s, o)) for s in seqs for o, _ in candidates(store, s, max_df, min_shared)}
        return sorted(pairs)
    return joined_pairs(store, seqs, max_df, min_shared)


def joined_pairs(store: Store, seqs: list[int] | None, max_df: int, min_shared: int) -> list[tuple[int, int]]:
    loaded = list(store.all_fingerprints())
    if not loaded:
        return []
    hashes = np.concatenate([h for _, h in loaded])
    owners = np.concatenate([np.full(len(h), seq, dtype=np.int64) for seq, h in loaded])
    del loaded
    order = np.argsort(hashes, kind="stable")
    hashes, owners = hashes[order], owners[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    lengths = np.diff(np.r_[starts, len(hashes)])
    keep = (lengths >= 2) & (lengths <= max_df)
    starts, lengths = starts[keep], lengths[keep]
    top = int(owners.max()) + 1
    keys: list[np.ndarray] = []
    for k in np.unique(lengths):
        first = starts[lengths == k]
        i, j = np.triu_indices(int(k), 1)
        a = owners[first[:, None] + i[None, :]].ravel()
        b = owners[first[:, None] + j[None, :]].ravel()
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        distinct = lo != hi
        keys.append(lo[distinct] * top + hi[distinct])
    if not keys:
        return []
    pair_keys, counts = np.unique(np.concatenate(keys), return_counts=True)
    pair_keys = pair_keys[counts >= min_shared]
    lo, hi = pair_keys // top, pair_keys % top
    if seqs is not None:
        wanted = np.isin(lo, seqs) | np.isin(hi, seqs)
        lo, hi = lo[wanted], hi[wanted]
    return list(zip(lo.tolist(), hi.tolist(), strict=True))
