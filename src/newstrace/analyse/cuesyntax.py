"""Where each token stands from the marked cue in the dependency parse, for the resolver.

The resolver's tokens know how far they are from the cue (cuecontext), not how they hang from it: whether a word
is inside the clause the cue verb governs (`said [that the plan had failed]`), in its subject (`[the mayor]
said`), in an adjunct after it (`said [on Tuesday]`), or in the sentence around a parenthetical cue (`the
plan, he said, had failed`). Where that content ends is most of what the resolver gets wrong given a right cue,
and the parse says it directly, as the predicate's path does for semantic role labellers.

Each token gets one-hot features: below the cue's head, the dependency label class of the child it descends
through; an ancestor of the cue's head; elsewhere in the cue's sentence, the class of the cue head's own
label (a parenthetical cue hangs as `parataxis`); in another sentence. The paragraph is parsed without the marks
(cached by its text, as the resolver reads it once per cue), with the pipeline extraction parses with.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..recent import Recent
from .encoder import _plain
from .trained import MARKS

# the label of the child of the cue's head a token descends through, by what it usually holds in a report
_BELOW = {
    "ccomp": 0, "xcomp": 0, "csubj": 0, "csubjpass": 0,  # the reported clause
    "nsubj": 1, "nsubjpass": 1, "expl": 1,  # the speaker
    "agent": 2,  # by the speaker
    "dobj": 3, "dative": 3, "attr": 3, "oprd": 3, "obj": 3,  # told [them], called [it a waste]
    "prep": 4,
    "pobj": 5,  # according to [X]
    "advcl": 6,
    "conj": 7,
    "cc": 8,
    "punct": 9,
    "mark": 10,
    "advmod": 11, "npadvmod": 11,
    "aux": 12, "auxpass": 12, "neg": 12, "prt": 12,
    "parataxis": 13,
}
_BELOW_OTHER = 14
_ANCESTOR = 15
# the cue head's own label, for the rest of its sentence
_HEAD = {"ROOT": 0, "parataxis": 1, "ccomp": 2, "advcl": 3, "conj": 4, "relcl": 5, "acl": 5, "xcomp": 6}
_HEAD_OTHER = 7
_SENTENCE = 16
_ELSEWHERE = _SENTENCE + _HEAD_OTHER + 1
N_FEATURES = _ELSEWHERE + 1

PARSER = ""  # the spaCy pipeline to parse with (nlp.load_nlp's name): the stage's own
Parse = tuple[np.ndarray, np.ndarray, list[str], np.ndarray]  # token starts, heads, labels, sentence numbers
CACHE: Recent[str, Parse] = Recent(2_000)  # by paragraph text; training raises its size to hold them all


def remember(doc: Any) -> None:
    """Keep a parse made elsewhere (the stage parses every paragraph for the rules), so it is not made again."""
    CACHE.put(doc.text, _arrays(doc))


def _arrays(doc: Any) -> Parse:
    sentence = np.zeros(len(doc), np.int32)
    for k, sent in enumerate(doc.sents):
        sentence[sent.start:sent.end] = k
    return (np.array([t.idx for t in doc], np.int64), np.array([t.head.i for t in doc], np.int64),
            [t.dep_ for t in doc], sentence)


def parses(texts: list[str]) -> dict[str, Parse]:
    from .nlp import load_nlp

    found = {}
    for text in texts:
        if (parse := CACHE.take(text)) is not None:
            found[text] = parse
    todo = sorted(set(texts) - found.keys())
    if todo:
        for text, doc in zip(todo, load_nlp(PARSER).pipe(todo), strict=True):
            found[text] = CACHE.put(text, _arrays(doc))
    return found


def features(docs: list[Any]) -> list[list[list[int]]]:
    """For each marked doc (the resolver's input), each token's feature indices (see N_FEATURES)."""
    plain = [_plain(doc) for doc in docs]
    parsed = parses([text for text, _ in plain])
    out = []
    for doc, (text, starts) in zip(docs, plain, strict=True):
        idx, heads, labels, sentence = parsed[text]
        # the parse token each doc token starts in (the two tokenisers agree but for rare splits)
        at = [int(np.searchsorted(idx, s, side="right")) - 1 if s is not None else None for s in starts]
        cue, inside = set(), False
        for token, k in zip(doc, at, strict=True):
            if token.text == MARKS[0]:
                inside = True
            elif token.text == MARKS[1]:
                inside = False
            elif inside and k is not None and k >= 0:
                cue.add(k)
        out.append(_token_features(at, cue, heads, labels, sentence))
    return out


def _token_features(at: list[int | None], cue: set[int], heads: np.ndarray, labels: list[str],
                    sentence: np.ndarray) -> list[list[int]]:
    if not cue:
        return [[] for _ in at]
    # the cue's head: the cue token hanging from outside the cue (the first such, for a broken parse)
    head = min((k for k in cue if int(heads[k]) not in cue or int(heads[k]) == k), default=min(cue))
    ancestors = set()
    up = head
    while int(heads[up]) != up and up not in ancestors:
        up = int(heads[up])
        ancestors.add(up)
    hop: dict[int, int] = {}  # parse token -> the child of `head` it descends through (or -1: not below)
    out: list[list[int]] = []
    for k in at:
        if k is None or k < 0 or k in cue:
            out.append([])
        elif sentence[k] != sentence[head]:
            out.append([_ELSEWHERE])
        elif k in ancestors:
            out.append([_ANCESTOR])
        else:
            child = _child_below(k, head, heads, hop)
            if child >= 0:
                out.append([_BELOW.get(labels[child], _BELOW_OTHER)])
            else:
                out.append([_SENTENCE + _HEAD.get(labels[head], _HEAD_OTHER)])
    return out


def _child_below(k: int, head: int, heads: np.ndarray, hop: dict[int, int]) -> int:
    path = []
    found = -1
    while True:
        if k in hop:
            found = hop[k]
            break
        path.append(k)
        parent = int(heads[k])
        if parent == head:
            found = k
            break
        if parent == k or len(path) > 200:
            break
        k = parent
    for p in path:
        hop[p] = found
    return found
