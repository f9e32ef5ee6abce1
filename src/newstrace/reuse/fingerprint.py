"""Fingerprints: what an article is looked up by when searching the store for reuse.

Two kinds, in one hash space (salted apart): hashed 5-word n-grams, for copies, and hashed pairs of
consecutive content words (stemmed), for paraphrases that keep the content words in order. Each kind is
winnowed (the smallest hash of every window of four), which keeps a guaranteed share of any shared run
while storing about 40% of the hashes.
"""

from __future__ import annotations

import numpy as np

from ..text.tokens import token_hash
from .analysis import WORD_NGRAM, ArticleText, ngram_hashes

STAGE = "newstrace.reuse.fingerprint.v1"
WINDOW = 4
_CONTENT_SALT = np.uint64(0x5BD1E9955BD1E995)


def winnow(hashes: np.ndarray, window: int = WINDOW) -> np.ndarray:
    """The rightmost minimum of every window of `window` consecutive hashes (Schleimer et al., 2003)."""
    if len(hashes) <= window:
        return np.unique(hashes)
    windows = np.lib.stride_tricks.sliding_window_view(hashes, window)
    # argmin finds the first minimum; reversing each window finds the rightmost.
    picks = window - 1 - np.argmin(windows[:, ::-1], axis=1) + np.arange(len(windows))
    return np.unique(hashes[np.unique(picks)])


def fingerprint(text: ArticleText) -> np.ndarray:
    """Sorted unique fingerprints of an article (uint64)."""
    words = ngram_hashes(text.tokens.hashes, WORD_NGRAM)
    stems = text.content_stems[0]
    stem_hashes = np.fromiter(map(token_hash, stems), dtype=np.uint64, count=len(stems))
    content = ngram_hashes(stem_hashes, 2) ^ _CONTENT_SALT
    parts = [winnow(words), winnow(content)]
    return np.unique(np.concatenate(parts)) if any(len(p) for p in parts) else np.zeros(0, dtype=np.uint64)
