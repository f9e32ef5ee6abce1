"""The provenance stage: per-sentence origin labels and per-article originality, from the alignments and the
attributions already stored. It stores nothing of its own: both are quick to work out again, and always
agree with the stages they come from. `trace --json` gets `sentences`, `originality` and `discrepancies`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..config import Settings
from ..ingest.report import NoProgress, Progress
from ..records import Article
from ..stages import Stage, register_stage
from ..store import Store
from .discrepancies import find
from .origins import article_facts, label_sentences, originality

STAGE = "newstrace.provenance.v1"


def provenance(store: Store, ids: Sequence[str], settings: Settings,
               discrepancies: bool = True) -> dict[str, list[dict[str, Any]]]:
    from ..analyse.stage import public

    articles = [a for a in store.get_articles(list(ids)) if a.analysed]
    seqs = [a.seq for a in articles]
    alignments = store.alignments_of(seqs)
    by_seq = {a.seq: a for a in articles}
    attributions = [public(by_seq[r[0]].id, by_seq[r[0]].text, r) for r in store.attributions_of(seqs)]
    wanted = {al.source for al in alignments} | {al.target for al in alignments}
    others = {a.id: a for a in store.get_articles(sorted(wanted))}
    sentences: list[dict[str, Any]] = []
    shares: list[dict[str, Any]] = []
    for article in articles:
        facts = article_facts(article, alignments, attributions)
        sentences.extend(s.public(article.text) for s in label_sentences(article, facts))
        shares.append(originality(article, facts, alignments, others, settings.derived_wholly,
                                  settings.derived_partially))
    others.update({a.id: a for a in articles})
    if not discrepancies:
        return {"sentences": sentences, "originality": shares, "discrepancies": []}
    story_of = store.stories_of(seqs)
    members = store.story_members(sorted(set(story_of.values())))
    groups = [store.articles_by_seq(seqs_in) for seqs_in in members.values() if len(seqs_in) > 1]
    return {"sentences": sentences, "originality": shares,
            "discrepancies": find(articles, alignments, others, [[a for a in g if a.analysed] for g in groups])}


def all_originality(store: Store, settings: Settings, progress: Progress | None = None,
                    batch: int = 500) -> Iterator[tuple[Article, dict[str, Any]]]:
    """Every analysed stored article with its originality, in store order, worked out a batch at a time;
    `progress` counts the stored articles read."""
    progress = progress or NoProgress()
    progress.start(store.count_articles())
    chunk: list[Article] = []
    for article in [*store.iter_articles(), None]:
        if article is not None:
            progress.advance()
        if article is not None and article.analysed:
            chunk.append(article)
        if chunk and (article is None or len(chunk) >= batch):
            by_id = {a.id: a for a in chunk}
            for row in provenance(store, list(by_id), settings, discrepancies=False)["originality"]:
                yield by_id[row["article"]], row
            chunk = []


register_stage(Stage(
    STAGE, reads=("articles", "alignments", "attributions", "story_members"), writes=(),
    description="per-sentence origin (copied, paraphrased, shared quote, attributed, original), originality "
                "and discrepancies",
    run=provenance, json_keys=("sentences", "originality", "discrepancies"),
))
