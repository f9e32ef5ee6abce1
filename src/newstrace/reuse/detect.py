"""Alignment of two plain texts, for evaluations and for callers without a store."""

from __future__ import annotations

from .align import AlignParams, align
from .analysis import ArticleText
from .embeddings import embedder


def detect_pair(source_text: str, target_text: str, params: AlignParams | None = None,
                embeddings: bool = False) -> list[tuple[tuple[int, int], tuple[int, int], str]]:
    """Reused passages as (target span, source span, kind), character offsets into each text; with
    `embeddings`, the embedding second opinion on paraphrase is used when the model is installed."""
    target = ArticleText("target", target_text)
    source = ArticleText("source", source_text)
    return [(p.a, p.b, p.kind) for p in align(target, source, params, embedder=embedder() if embeddings else None)]
