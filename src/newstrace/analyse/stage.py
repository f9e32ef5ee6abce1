"""The attribution stage: parse each analysed article once, extract its attributions with their chains and
canonical sources, and store them; `trace --json` gets them under `attributions`."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from ..bounds import analysis_cut
from ..config import Settings
from ..parallel import bounded_map, executor, fork_pool, may_fork, worker_count
from ..progress import report
from ..records import Article, StoredAttribution
from ..stages import Stage, register_stage
from ..store import Store
from ..text.tokens import quote_spans
from .attribution import Attribution, extract, in_quotation
from .chains import assign_parents, canonical_sources
from .nlp import load_nlp
from .speakers import PRONOUNS, Mention, mentions_in

STAGE = "newstrace.attribution.v2"


def mentions_of(text: str, sentences: list[tuple[Any, int]], atts: list[Attribution]) -> list[Mention]:
    """The subjects of the text's sentences that a pronoun source may stand for: found only when some source is
    a pronoun (a fifth of the rules' time otherwise)."""
    if not any(a.source and text[slice(*a.source)].lower() in PRONOUNS for a in atts):
        return []
    quotes = _quotes(text)
    return [m for sent, offset in sentences for m in mentions_in(sent, offset, text, quotes)]


def analyse_text(text: str, nlp: Any, docs: list[Any] | None = None) -> list[Attribution]:
    """The attributions of a text with their chains and canonical sources (`docs`: its paragraphs' parses, where
    made already)."""
    sentences: list[tuple[Any, int]] = []
    atts = extract(nlp, text, docs, sentences)
    assign_parents(atts)
    canonical_sources(atts, text, mentions_of(text, sentences, atts))
    return atts


def _rows(atts: list[Attribution]) -> list[StoredAttribution]:
    return [StoredAttribution(seq=0, n=n, cue=a.cue, source=a.source, canonical=a.canonical, kind=a.kind,
                              content=tuple((start, end) for start, end in a.content), type=a.type,
                              hedged=bool(a.hedged), parent=a.parent, category=a.category, addressee=a.addressee,
                              addressee_kind=a.addressee_kind, role=a.role, channel=bool(a.extra.get("recipient")),
                              resolution=a.resolution, note=a.note) for n, a in enumerate(atts)]


def public(article_id: str, text: str, row: StoredAttribution) -> dict[str, Any]:
    """The shape of `trace --json` `attributions` (docs/json.md)."""
    source = None
    if row.source is not None:
        a, b = row.source
        source = {"span": [a, b], "text": text[a:b], "canonical": row.canonical, "kind": row.kind,
                  "role": _span(text, row.role), "resolution": row.resolution or None, "note": row.note or None}
    addressee = _span(text, row.addressee)
    if addressee is not None:
        addressee["kind"] = row.addressee_kind
    return {
        "article": article_id,
        "id": f"{article_id}:a{row.n}",
        "cue": {"span": list(row.cue), "text": text[row.cue[0]:row.cue[1]]},
        "source": source,
        "content": [{"span": [a, b], "text": text[a:b]} for a, b in row.content],
        "type": row.type,
        "hedged": row.hedged,
        "parent": f"{article_id}:a{row.parent}" if row.parent is not None else None,
        "in_quotation": in_quotation(row.cue, _quotes(text), text),
        "category": row.category,
        "addressee": addressee,
        "channel_link": row.channel,
    }


def _span(text: str, span: tuple[int, int] | None) -> dict[str, Any] | None:
    return {"span": list(span), "text": text[span[0]:span[1]]} if span is not None else None


@lru_cache(maxsize=4)
def _quotes(text: str) -> list[tuple[int, int]]:
    """An article's quotations, kept for the next of its attributions."""
    return quote_spans(text)


def extractor(settings: Settings) -> tuple[str, Callable[[str], list[Attribution]]]:
    """The stage's tag for what it stores, and the extraction: the rules, or the trained model the
    `attribution_model` setting names (stored attributions are redone when it changes)."""
    if not settings.attribution_model:
        return STAGE, lambda text: analyse_text(text, load_nlp(settings.spacy_model))
    from . import trained

    model = trained.load_model(settings.attribution_model)
    nlp = load_nlp(settings.spacy_model)

    def run_model(text: str) -> list[Attribution]:
        rules = trained.with_rules(nlp, text)  # read by the model too: one parse, one run of the rules
        atts = trained.backed(trained.extract(model, text), rules)
        assign_parents(atts)
        canonical_sources(atts, text)
        return atts

    return stage_tag(settings), run_model


def stage_tag(settings: Settings) -> str:
    if not settings.attribution_model:
        return STAGE
    return f"{STAGE}+model:{Path(settings.attribution_model).resolve()}"


_ANALYSE: Callable[[str], list[Attribution]] | None = None  # set before forking; the workers inherit it

# A long text is parsed in pieces of about this many characters, cut at paragraphs: the parse and the rules
# grow faster than the text (a 500,000-character text took ten times as long as five of 100,000), and pieces
# spread one long article over every worker. Attributions are found within a piece; an article this short is
# one piece, as before.
PIECE_CHARS = 50_000


def pieces(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """(offset, piece) covering the text in order, each at most `size` (PIECE_CHARS) characters, cut at
    paragraphs."""
    size = size or PIECE_CHARS
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        cut = analysis_cut(text[start:], size) or size
        out.append((start, text[start:start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out


def _shifted(rows: list[StoredAttribution], offset: int, first: int) -> list[StoredAttribution]:
    """A piece's rows as rows of its article: spans moved by the piece's offset, numbers after those before."""
    def move(span: tuple[int, int]) -> tuple[int, int]:
        return span[0] + offset, span[1] + offset

    return [replace(r, n=r.n + first, cue=move(r.cue), source=move(r.source) if r.source else None,
                    content=tuple(move(c) for c in r.content),
                    parent=r.parent + first if r.parent is not None else None) for r in rows]


def _analyse_task(text: str) -> list[StoredAttribution]:
    assert _ANALYSE is not None
    return _rows(_ANALYSE(text))


def _analysed(analyse: Callable[[str], list[Attribution]], texts: list[str],
              workers: int) -> Iterator[list[StoredAttribution]]:
    """Rows for each text, in order. The parse is most of the time, so with more than a handful of articles
    (or pieces of a long one) they are parsed in forked processes, one per core (the pipeline is loaded once,
    before the fork, and shared); the store is written here."""
    global _ANALYSE
    workers = worker_count(workers)
    split = [pieces(text) for text in texts]
    tasks = [piece for parts in split for _, piece in parts]
    total = len(tasks)
    if not may_fork(workers, total >= 16 or sum(map(len, tasks)) >= 2 * PIECE_CHARS):
        results: Iterator[list[StoredAttribution]] = (_rows(analyse(piece)) for piece in tasks)
        yield from _joined(split, results, total)
        return
    analyse("Warm-up.")  # load the pipeline in this process, before the fork
    _ANALYSE = analyse
    pool = fork_pool(workers)
    try:
        yield from _joined(split, bounded_map(pool, _analyse_task, tasks, 4 * workers), total)
    finally:
        pool.terminate()
        _ANALYSE = None


def _joined(split: list[list[tuple[int, str]]], results: Iterator[list[StoredAttribution]],
            total: int) -> Iterator[list[StoredAttribution]]:
    """Each text's rows from its pieces' rows (in order), reporting progress piece by piece."""
    done = 0
    for parts in split:
        rows: list[StoredAttribution] = []
        for offset, _ in parts:
            rows += _shifted(next(results), offset, len(rows))
            done += 1
            report("pieces" if total > len(split) else "articles", done, total)
        yield rows


def run(store: Store, ids: Sequence[str], settings: Settings) -> int:
    """Extract and store the attributions of the given articles not analysed yet; returns how many."""
    articles = [a for a in store.get_articles(list(ids)) if a.analysed]
    todo = set(store.unattributed([a.seq for a in articles], stage_tag(settings)))
    if todo:
        pending = [a for a in articles if a.seq in todo]
        texts = [a.text for a in pending]
        if settings.cluster:
            tag = stage_tag(settings)
            found = _on_cluster(settings, texts)
        else:
            tag, analyse = extractor(settings)
            found = _analysed(analyse, texts, settings.workers)
        for article, rows in zip(pending, found, strict=True):
            with store.transaction():
                store.save_attributions(article.seq, rows, tag)
    return len(todo)


CLUSTER_BATCH = 8  # articles parsed per cluster task


def _on_cluster(settings: Settings, texts: list[str]) -> Iterator[list[StoredAttribution]]:
    """Rows for each text, in order, parsed on the cluster's workers (each loads the pipeline once)."""
    batches = [texts[i:i + CLUSTER_BATCH] for i in range(0, len(texts), CLUSTER_BATCH)]
    task = partial(attribute_batch, spacy_model=settings.spacy_model, attribution_model=settings.attribution_model)
    with executor(settings.cluster, 0, True) as ex:
        for rows in ex.map(task, batches):
            yield from rows


_EXTRACTORS: dict[tuple[str, str], Callable[[str], list[Attribution]]] = {}


def attribute_batch(texts: list[str], spacy_model: str, attribution_model: str) -> list[list[StoredAttribution]]:
    """A cluster task: the attribution rows of each text (the extraction is made once per worker)."""
    key = (spacy_model, attribution_model)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = extractor(Settings(spacy_model=spacy_model, attribution_model=attribution_model))[1]
    return [_rows(_EXTRACTORS[key](text)) for text in texts]


def stored(store: Store, tag: str = STAGE, batch: int = 500) -> Iterator[tuple[Article, list[dict[str, Any]] | None]]:
    """Every analysed article with its stored attributions as `trace --json` shows them; None for an article
    the stage has not run on yet (an empty list is an article with no attributions)."""
    chunk: list[Article] = []

    def flush() -> Iterator[tuple[Article, list[dict[str, Any]] | None]]:
        seqs = [a.seq for a in chunk]
        pending = set(store.unattributed(seqs, tag))
        rows: dict[int, list[StoredAttribution]] = {}
        for row in store.attributions_of(seqs):
            rows.setdefault(row.seq, []).append(row)
        for article in chunk:
            if article.seq in pending:
                yield article, None
            else:
                yield article, [public(article.id, article.text, r) for r in rows.get(article.seq, [])]
        chunk.clear()

    for article in store.iter_articles():
        if article.analysed:
            chunk.append(article)
            if len(chunk) >= batch:
                yield from flush()
    yield from flush()


register_stage(Stage(
    STAGE, reads=("articles",), writes=("attributions", "attributed_articles"),
    description="who said what, through whom: cue, source, content, type, hedge and the chain of parents",
    run=run,
))
