"""Candidate pairs: the stored articles that share enough fingerprints with an article to be worth
aligning. Cost grows with the postings of the article's own fingerprints, not with the store's size.
Fingerprints held by very many articles (stock phrases, datelines, furniture that slipped through) are
not counted as evidence."""

from __future__ import annotations

from collections import Counter

from ..store import Store


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
