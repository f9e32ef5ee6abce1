"""Words, sentences and quotations of an article, each with its character span in the stored text.

Matching works on normalised word tokens (case, quotes and dashes folded away, punctuation ignored), so
a copy with curly quotes matches the original with straight ones; spans always point back into the
original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property, lru_cache

import numpy as np
import xxhash

_WORD = re.compile(r"\w+(?:['’]\w+)*")

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself yourselves
said says say told tell according also would could may might must shall
although though while however moreover since yet still even already well many much several like including
whether either neither upon among within without across around toward towards onto via per
""".split())


def is_content(word: str) -> bool:
    """A word that carries content: not a stopword, not a lone letter."""
    return word not in STOPWORDS and (len(word) > 1 or word.isdigit())


def fold(word: str) -> str:
    """The matching form of a word: case-folded, apostrophes unified, accents kept."""
    folded = word.casefold()
    return folded.replace("’", "'") if "’" in folded else folded


_HASHES: dict[str, int] = {}  # word -> hash; news vocabularies repeat, so a dict beats hashing every time


def token_hash(word: str) -> int:
    value = _HASHES.get(word)
    if value is None:
        value = xxhash.xxh3_64_intdigest(word.encode("utf-8"))
        if len(_HASHES) < 2_000_000:
            _HASHES[word] = value
    return value


def token_hashes(words: list[str]) -> np.ndarray:
    """`token_hash` of each word, as uint64."""
    known = list(map(_HASHES.get, words))
    if None in known:
        known = [h if h is not None else token_hash(w) for h, w in zip(known, words, strict=True)]
    return np.array(known, dtype=np.uint64).reshape(len(words))


def words_of(text: str) -> list[str]:
    """The matching forms of a text's words, as `Tokens(text).words` has them, without their spans."""
    if text.isascii():  # lower case is the matching form, and the same words at the same places
        found: list[str] = _WORD.findall(text.lower())
        return found
    return [fold(w) for w in _WORD.findall(text)]


class Tokens:
    """The words of a text with their spans and 64-bit hashes (numpy arrays, one entry per word)."""

    def __init__(self, text: str):
        self.text = text
        matches = list(_WORD.finditer(text))
        self.words = [fold(m.group()) for m in matches]
        self.starts = np.fromiter((m.start() for m in matches), dtype=np.int64, count=len(matches))
        self.ends = np.fromiter((m.end() for m in matches), dtype=np.int64, count=len(matches))
        self.hashes = token_hashes(self.words)

    def __len__(self) -> int:
        return len(self.words)

    @cached_property
    def content(self) -> np.ndarray:
        """True where a word carries content (not a stopword, not a lone letter)."""
        return np.fromiter(map(is_content, self.words), dtype=bool, count=len(self.words))

    def char_span(self, first: int, last: int) -> tuple[int, int]:
        """Characters from the start of word `first` to the end of word `last` (inclusive)."""
        return int(self.starts[first]), int(self.ends[last])


# -- sentences -------------------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset("""
mr mrs ms dr gen col lt sgt capt maj cmdr adm gov sen rep rev st jr sr prof pres sec dept gov corp inc ltd co
no vs etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m mt ft
""".split())
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


@lru_cache(maxsize=256)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans: split at paragraph breaks and after . ! ? followed by a capital, except after a
    known abbreviation or a single initial. Cached by text (provenance asks for the same article's sentences
    once per fact and per passage), so a tuple: the caller cannot change what the next one gets."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        start = 0
        for m in _SENTENCE_END.finditer(paragraph):
            before = paragraph[start:m.start()].rsplit(None, 1)
            last = before[-1].lower().rstrip(".") if before else ""
            if m.group().startswith(".") and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
                continue
            spans.append(_trim(text, offset + start, offset + m.end()))
            start = m.end()
        if paragraph[start:].strip():
            spans.append(_trim(text, offset + start, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return tuple(s for s in spans if s[1] > s[0])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# -- quotations ------------------------------------------------------------------------------------------

_OPEN_CURLY, _CLOSE_CURLY = "“", "”"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotation marks (the marks included), paragraph by paragraph.

    Curly quotes pair an opening with the next closing mark; straight quotes alternate, and so do two
    apostrophes standing for one ('' as some archives write it). A mark left open at the end of a paragraph
    closes there, so an unbalanced quote never swallows the rest of the article. A paragraph with no double
    mark at all may quote in single curly marks, as British papers do (‘We will rebuild,’ she said).
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        if not _DOUBLE.search(paragraph):
            spans += [(offset + a, offset + b) for a, b in _single_quotes(paragraph)]
            offset += len(paragraph) + 1
            continue
        open_at: int | None = None
        i = 0
        while i < len(paragraph):
            ch = paragraph[i]
            width = 2 if paragraph.startswith("''", i) else 1
            straight = ch == '"' or width == 2
            if ch == _OPEN_CURLY or (straight and open_at is None):
                if open_at is None:
                    open_at = i
            elif (ch == _CLOSE_CURLY or straight) and open_at is not None:
                spans.append((offset + open_at, offset + i + width))
                open_at = None
            i += width if straight else 1
        if open_at is not None:
            spans.append((offset + open_at, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return spans


_DOUBLE = re.compile(r"[“”\"]|''")
# A single curly quotation opens at a word's start and closes at a word's end: the ’ inside "don’t" or after
# "soldiers’" is an apostrophe when no quotation is open, or when letters follow it. "‘90s" opens nothing.
_SINGLE_OPEN = re.compile(r"(?<![\w’])‘(?=[^\s\d])")
_SINGLE_CLOSE = re.compile(r"(?<=\S)’(?!\w)")


def _single_quotes(paragraph: str) -> list[tuple[int, int]]:
    """Closed quotations only: a lone ‘ is more often a misplaced apostrophe than a quotation running on."""
    spans = []
    at = 0
    while (opening := _SINGLE_OPEN.search(paragraph, at)) is not None:
        closing = _SINGLE_CLOSE.search(paragraph, opening.end())
        if closing is None:
            break
        spans.append((opening.start(), closing.end()))
        at = closing.end()
    return spans


def quoted_share(spans: list[tuple[int, int]], start: int, end: int) -> float:
    """The share of [start, end) that lies inside the quotation spans."""
    if end <= start:
        return 0.0
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
    return inside / (end - start)


# -- normalised comparison -------------------------------------------------------------------------------

_FOLD_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "‑": "-"})


def comparable(text: str) -> str:
    """Text as compared for `verbatim`: NFKC, quotes and dashes folded, case folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_FOLD_MARKS).casefold().split())
