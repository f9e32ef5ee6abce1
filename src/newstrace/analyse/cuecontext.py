"""The resolver's view of where its cue is. The recogniser's own features see about four tokens either side, so
a word twenty tokens from the marked cue cannot tell that the cue is there, nor whether a sentence ends in
between: it can only guess which report a far piece of content belongs to. This layer gives every token its
signed distance to the cue and the number of sentence ends between them (as one-hot buckets, the way
semantic role labellers mark the predicate), joins them to the listened features and mixes both over a few
more layers.

Registered as the spaCy architecture `newstrace.Context.v1` (with flags for the cue's context and for the
encoder's token states, see encoder) and, for models trained before the flags, `newstrace.CueContext.v1`; a
recogniser trained with either needs `register()` to have run before it is loaded.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from .trained import MARKS

# token distance to the cue: 1, 2, 3, 4-6, 7-10, 11-16, 17-25, 26-40, 41+ on each side, and inside it
_STEPS = (1, 2, 3, 4, 7, 11, 17, 26, 41)
_SENTENCE_ENDS = frozenset({".", "!", "?"})
# features: inside the cue; a distance bucket before it and one after it; 0, 1 or 2+ sentence ends between,
# on each side; inside a quotation (which a token thirty words into a quote cannot see either)
N_FEATURES = 1 + 2 * len(_STEPS) + 2 * 3 + 1
_QUOTED = N_FEATURES - 1
_OPENING, _CLOSING, _STRAIGHT = frozenset({"“", "``"}), frozenset({"”", "''"}), frozenset({'"'})


def cue_features(words: list[str]) -> list[list[int]]:
    """For each token, the indices of its one-hot features (see N_FEATURES)."""
    inside: set[int] = set()
    open_at = None
    for i, word in enumerate(words):
        if word == MARKS[0]:
            open_at = i
        elif word == MARKS[1] and open_at is not None:
            inside.update(range(open_at, i + 1))
            open_at = None
    cue = sorted(inside)
    ends = [i for i, word in enumerate(words) if word in _SENTENCE_ENDS]
    quoted = _quoted(words)
    out: list[list[int]] = []
    for i in range(len(words)):
        if not cue or i in inside:
            out.append(([0] if cue else []) + ([_QUOTED] if quoted[i] else []))
            continue
        k = bisect_right(cue, i)
        before = cue[k] - i if k < len(cue) else None  # the token stands before this cue token
        after = i - cue[k - 1] if k > 0 else None
        if after is None or (before is not None and before < after):
            side, distance, lo, hi = 0, before, i, cue[k]
        else:
            side, distance, lo, hi = 1, after, cue[k - 1], i
        assert distance is not None
        bucket = bisect_right(_STEPS, distance) - 1
        between = sum(1 for e in ends if lo < e < hi)
        out.append([1 + side * len(_STEPS) + bucket, 1 + 2 * len(_STEPS) + side * 3 + min(between, 2)]
                   + ([_QUOTED] if quoted[i] else []))
    return out


def _quoted(words: list[str]) -> list[bool]:
    """Whether each token is inside a quotation, its marks included: curly marks open and close, a straight
    mark opens when none is open."""
    out, open_ = [], False
    for word in words:
        if word in _OPENING or (word in _STRAIGHT and not open_):
            open_ = True
            out.append(True)
        elif word in _CLOSING or word in _STRAIGHT:
            out.append(open_)
            open_ = False
        else:
            out.append(open_)
    return out


def _forward(model: Any, docs: list[Any], is_train: bool) -> tuple[list[Any], Any]:
    out = []
    for doc in docs:
        features = model.ops.alloc2f(len(doc), N_FEATURES)
        for i, hot in enumerate(cue_features([t.text for t in doc])):
            features[i, hot] = 1.0
        out.append(features)
    return out, lambda d_out: []  # fixed features: nothing to learn, no gradient to pass on


def _encoded(model: Any, docs: list[Any], is_train: bool) -> tuple[list[Any], Any]:
    from .encoder import token_encoder

    out = [model.ops.asarray2f(features) for features in token_encoder().tokens(docs)]
    return out, lambda d_out: []  # the encoder is not trained


def _one_hot(features: Any) -> Any:
    """A forward pass giving each token the one-hot features `features(docs)` lists (fixed: no gradient)."""
    def forward(model: Any, docs: list[Any], is_train: bool) -> tuple[list[Any], Any]:
        out = []
        for doc, hots in zip(docs, features(docs), strict=True):
            array = model.ops.alloc2f(len(doc), model.get_dim("nO"))
            for i, hot in enumerate(hots):
                array[i, hot] = 1.0
            out.append(array)
        return out, lambda d_out: []

    return forward


def context(tok2vec: Any, width: int, depth: int, cue: bool = True, encoder: bool = False,
            syntax: bool = False, hints: bool = False) -> Any:
    """The listened features joined to fixed ones (the cue's context, the encoder's token states, where tokens
    hang from the cue in the parse), mixed by a Maxout layer and `depth` residual window layers."""
    from thinc.api import Maxout, Model, chain, clone, concatenate, expand_window, residual, with_array

    from .encoder import WIDTH

    extra: list[Model[Any, Any]] = []
    if cue:
        extra.append(Model("cue_distance", _forward, dims={"nO": N_FEATURES}))
    if encoder:
        extra.append(Model("encoder_states", _encoded, dims={"nO": WIDTH}))
    if syntax:
        from . import cuesyntax

        extra.append(Model("cue_syntax", _one_hot(cuesyntax.features), dims={"nO": cuesyntax.N_FEATURES}))
    if hints:
        from . import rulehints

        extra.append(Model("rule_hints", _one_hot(rulehints.features), dims={"nO": rulehints.N_FEATURES}))
    n_in = tok2vec.get_dim("nO") + sum(layer.get_dim("nO") for layer in extra)
    mix: Model[Any, Any] = chain(Maxout(width, n_in, nP=3, normalize=True),
                clone(residual(chain(expand_window(window_size=1),
                                     Maxout(width, width * 3, nP=3, normalize=True))), depth))
    model: Model[Any, Any] = chain(concatenate(tok2vec, *extra), with_array(mix))
    model.set_dim("nO", width)
    return model


def cue_context(tok2vec: Any, width: int, depth: int) -> Any:
    return context(tok2vec, width, depth)


def register() -> None:
    from spacy.util import registry

    registry.architectures.register("newstrace.CueContext.v1", func=cue_context)
    registry.architectures.register("newstrace.Context.v1", func=context)
