"""What the aligner needs to know about one article, computed once and reused for every pair it is in."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import numpy as np

from ..ingest.furniture import inline_furniture
from ..text.outlets import credited_names
from ..text.tokens import STOPWORDS, Tokens, quote_spans, sentences

NGRAM = 4  # words in an alignment seed
WORD_NGRAM = 5  # words in a stored fingerprint (fingerprint.py)
_NUMBER_WORDS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ies", "ied", "ers", "er", "ed", "es", "ly", "s")
_P1, _P2, _P3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9)


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """A crude, fast stem for comparing content words: suffix stripped, then cut to six letters."""
    if word.endswith("'s"):
        word = word[:-2]
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:6]


def ngram_hashes(hashes: np.ndarray, n: int = NGRAM) -> np.ndarray:
    """One 64-bit hash per run of n consecutive words (order-sensitive)."""
    if len(hashes) < n:
        return np.zeros(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        out: np.ndarray = hashes[: len(hashes) - n + 1] * _P1
        for k in range(1, n):
            out = (out ^ (out >> np.uint64(29))) * _P2 + hashes[k: len(hashes) - n + 1 + k] * _P3
    return out


@dataclass
class Sentence:
    start: int  # characters
    end: int
    first: int  # words, inclusive
    last: int
    stems: frozenset[str] = field(default_factory=frozenset)
    names: frozenset[str] = field(default_factory=frozenset)  # capitalised words and numbers


class ArticleText:
    """Tokens, n-grams, sentences and quotations of one article's stored text."""

    def __init__(self, article_id: str, text: str, holders: dict[int, int] | None = None,
                 outlet: str | None = None):
        self.id = article_id
        self.text = text
        self.outlet = outlet  # from metadata or the article's own text; None when unknown
        self.tokens = Tokens(text)
        self._vectors: np.ndarray | None = None
        # store-wide: how many articles hold each of this article's stored word fingerprints (signed hash ->
        # count, capped); empty when aligning texts without a store
        self.holders = holders or {}

    @cached_property
    def ngrams(self) -> np.ndarray:
        return ngram_hashes(self.tokens.hashes)

    @cached_property
    def word_grams(self) -> np.ndarray:
        """Signed hashes of the word n-grams fingerprinting uses, one per starting word (see `recurrence`)."""
        return ngram_hashes(self.tokens.hashes, WORD_NGRAM).view(np.int64)

    def recurrence(self, first: int, last: int, shared: np.ndarray, least: int) -> tuple[float, int]:
        """How much of words [first, last] recurs across the store: of the words covered by stored fingerprints
        that the other article shares (`shared`: its word n-grams), the share covered by fingerprints that
        `least` or more articles hold, and the fewest holders among those; (0.0, 0) when nothing is known."""
        if not self.holders or last < first:
            return 0.0, 0
        known = np.zeros(last - first + 1, dtype=bool)
        recurring = np.zeros(last - first + 1, dtype=bool)
        fewest = 0
        grams = self.word_grams[first: max(first, last - WORD_NGRAM + 2)]
        for k in np.nonzero(np.isin(grams, shared))[0].tolist():
            held = self.holders.get(int(grams[k]))
            if held is None:
                continue
            known[k: k + WORD_NGRAM] = True
            if held >= least:
                recurring[k: k + WORD_NGRAM] = True
                fewest = min(fewest, held) if fewest else held
        return (float(recurring.sum() / known.sum()), fewest) if known.any() else (0.0, 0)

    @cached_property
    def furniture_spans(self) -> list[tuple[int, int]]:
        return inline_furniture(self.text)

    @cached_property
    def furniture(self) -> np.ndarray:
        """True for words of page furniture glued into the text (a newsletter box, a syndication note): a
        passage made mostly of them is not reuse."""
        out = np.zeros(len(self.tokens), dtype=bool)
        starts, ends = self.tokens.starts, self.tokens.ends
        for start, end in self.furniture_spans:
            first = int(np.searchsorted(ends, start, side="right"))
            last = int(np.searchsorted(starts, end, side="left"))
            out[first:last] = True
        return out

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        return quote_spans(self.text)

    @cached_property
    def sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        tokens = self.tokens
        for start, end in sentences(self.text):
            first = int(np.searchsorted(tokens.starts, start, side="left"))
            last = int(np.searchsorted(tokens.ends, end, side="right")) - 1
            if last < first:
                continue
            stems, names = set(), set()
            for k in range(first, last + 1):
                word = tokens.words[k]
                if word in STOPWORDS or (len(word) == 1 and not word.isdigit()):
                    continue
                stems.add(stem(word))
                raw = self.text[tokens.starts[k]]
                if raw.isupper() or word.isdigit() or word in _NUMBER_WORDS:
                    names.add(stem(word))
            out.append(Sentence(start, end, first, last, frozenset(stems), frozenset(names)))
        return out

    @cached_property
    def content_stems(self) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Content words in order: their stems, word indices, and whether each is a name or number."""
        stems, where = self.stems
        words, text, starts = self.tokens.words, self.text, self.tokens.starts.tolist()
        names = np.fromiter((text[starts[k]].isupper() or words[k].isdigit() or words[k] in _NUMBER_WORDS
                             for k in where.tolist()), dtype=bool, count=len(where))
        return stems, where, names

    @cached_property
    def stems(self) -> tuple[list[str], np.ndarray]:
        """Content words in order: their stems and word indices (what fingerprints need of `content_stems`)."""
        where = np.nonzero(self.tokens.content)[0].astype(np.int64)
        words = self.tokens.words
        return list(map(stem, [words[k] for k in where.tolist()])), where

    @cached_property
    def content_bigrams(self) -> frozenset[tuple[str, str]]:
        """Pairs of neighbouring content-word stems, leaving out pairs of two names ("Northern Ridge")."""
        stems, _, names = self.content_stems
        return frozenset((stems[i], stems[i + 1]) for i in range(len(stems) - 1) if not (names[i] and names[i + 1]))

    def sentence_vectors(self, embedder: Any) -> np.ndarray:
        """One embedding per sentence (computed once, on first need)."""
        if self._vectors is None:
            self._vectors = embedder.encode([self.text[s.start:s.end] for s in self.sentences])
        return self._vectors

    @cached_property
    def credits(self) -> set[str]:
        """Names this article credits (computed when a direction is first needed)."""
        return credited_names(self.text)

    @cached_property
    def plain_words(self) -> np.ndarray:
        """True for content words that are not names or numbers (not capitalised, not digits)."""
        tokens = self.tokens
        content = tokens.content
        out = np.zeros(len(tokens), dtype=bool)
        for k in np.nonzero(content)[0]:
            word = tokens.words[k]
            out[k] = not (self.text[tokens.starts[k]].isupper() or word.isdigit() or word in _NUMBER_WORDS)
        return out

    @cached_property
    def sentence_of_word(self) -> np.ndarray:
        index = np.full(len(self.tokens), -1, dtype=np.int64)
        for n, s in enumerate(self.sentences):
            index[s.first: s.last + 1] = n
        return index


_CUE_WORDS = frozenset("""said says say notes noted note adds added add reports reported report writes wrote
write told tells according explains explained continues continued stated states declared declares claims
claimed argues argued added observes observed concludes concluded""".split())


def is_framing(words: list[str]) -> bool:
    """A short run of words that only frames a quotation: `notes LWJ`, `she said`, `according to BBC`."""
    return 0 < len(words) <= 6 and any(w in _CUE_WORDS for w in words)

