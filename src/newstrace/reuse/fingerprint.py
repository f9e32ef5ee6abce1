"""Fingerprints: what an article is looked up by when searching the store for reuse.

Two kinds, in one hash space (salted apart): hashed 5-word n-grams, for copies, and hashed pairs of
consecutive content words (stemmed), for paraphrases that keep the content words in order. Each kind is
winnowed (the smallest hash of every window of four), which keeps a guaranteed share of any shared run
while storing about 40% of the hashes.
"""

from __future__ import annotations

from typing import cast

import numpy as np

from ..text.tokens import is_content, token_hash, token_hashes, words_of
from .analysis import WORD_NGRAM, ArticleText, ngram_hashes, stem

STAGE = "newstrace.reuse.fingerprint.v1"
WINDOW = 4
_CONTENT_SALT = np.uint64(0x5BD1E9955BD1E995)


def winnow(hashes: np.ndarray, window: int = WINDOW) -> np.ndarray:
    """The hashes picked by winnowing (Schleimer et al., 2003: the rightmost minimum of every window of
    `window` consecutive hashes), sorted and unique. As a set, the picks are the minima of the windows,
    whichever of equal values is picked, so a running minimum over the windows finds them."""
    if len(hashes) <= window:
        return np.unique(hashes)
    n = len(hashes) - window + 1
    low = hashes[:n].copy()
    for k in range(1, window):
        np.minimum(low, hashes[k:k + n], out=low)
    return np.unique(low)


def fingerprint(text: ArticleText) -> np.ndarray:
    """Sorted unique fingerprints of an article (uint64)."""
    return _fingerprint(text.tokens.words, text.tokens.hashes)


def fingerprint_text(text: str) -> np.ndarray:
    """`fingerprint` of a text, without the spans and the rest that aligning needs."""
    words = words_of(text)
    return _fingerprint(words, token_hashes(words))


_STEM_HASHES: dict[str, int] = {}  # word -> token_hash of its stem, or -1 for a word without content


def _stem_hash(word: str) -> int:
    value = token_hash(stem(word)) if is_content(word) else -1
    if len(_STEM_HASHES) < 2_000_000:
        _STEM_HASHES[word] = value
    return value


def _fingerprint(words: list[str], hashes: np.ndarray) -> np.ndarray:
    found = list(map(_STEM_HASHES.get, words))
    known = [h if h is not None else _stem_hash(w) for h, w in zip(found, words, strict=True)] if None in found \
        else cast(list[int], found)
    stems = np.array([h for h in known if h >= 0], dtype=np.uint64).reshape(-1)  # the content words' stems
    content = ngram_hashes(stems, 2) ^ _CONTENT_SALT
    parts = [winnow(ngram_hashes(hashes, WORD_NGRAM)), winnow(content)]
    return np.unique(np.concatenate(parts)) if any(len(p) for p in parts) else np.zeros(0, dtype=np.uint64)
