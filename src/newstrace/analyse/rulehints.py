"""What the rules found in a paragraph, as features for the finder.

The rules know the frames of reporting (`according to X`, `X, a spokesman for Y, said:`, a belief verb with a
clause of its own) and read the parse; the finder knows what PolNeAR's annotators mark. Each token of the
finder's paragraph is told whether the rules put it in a cue, a source or a content span, and the finder learns
when to follow them.

The rules run on whole articles (a quotation or an announced speaker runs over paragraphs), so their spans are
kept per paragraph text: `remember` stores an article's, and a paragraph nobody stored gets the rules run on
it alone.
"""

from __future__ import annotations

from typing import Any

from ..recent import Recent

N_FEATURES = 3  # inside a cue, a source, a content span of the rules
CACHE: Recent[str, list[tuple[int, int, int]]] = Recent(2_000)  # by paragraph; training raises its size


def remember(text: str, found: list[Any]) -> None:
    """Keep the rules' spans (attributions `found` in `text`) for each paragraph of the article."""
    from .attribution import paragraphs

    for offset, line in paragraphs(text):
        end = offset + len(line)
        spans = []
        for att in found:
            for k, pieces in ((0, [att.cue]), (1, [att.source] if att.source else []), (2, att.content)):
                spans += [(max(a, offset) - offset, min(b, end) - offset, k)
                          for a, b in pieces if a < end and b > offset]
        CACHE.put(line, spans)


def spans_of(text: str) -> list[tuple[int, int, int]]:
    if text not in CACHE:
        from .attribution import extract
        from .nlp import load_nlp

        remember(text, extract(load_nlp(), text))
    return CACHE.take(text) or []


def features(docs: list[Any]) -> list[list[list[int]]]:
    """For each paragraph doc, each token's feature indices (see N_FEATURES)."""
    out = []
    for doc in docs:
        hot: list[list[int]] = [[] for _ in doc]
        for a, b, k in spans_of(doc.text):
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    if k not in hot[i]:
                        hot[i].append(k)
        out.append(hot)
    return out
