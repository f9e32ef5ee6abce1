"""The provenance stage: per-sentence origin labels, per-article originality and discrepancies, worked out
from the stored alignments, attributions and stories, and stored, so that every face reads the same result.

New articles change what is known about others: an earlier article a new one copies now has a copier, text it
shares with the new one, and discrepancies against it; its story has a new report. So the stage works out
again every article the given ones align with or share a story with, and only those."""

from __future__ import annotations

from collections.abc import Sequence

from ..analyse.stage import public as attribution_public
from ..config import Settings
from ..progress import report
from ..records import Article, ProvenanceRow
from ..stages import Stage, register_stage
from ..store import Store
from .discrepancies import find
from .origins import article_facts, label_sentences, originality

STAGE = "newstrace.provenance.v2"
BATCH = 200  # articles worked out and stored per transaction


def affected(store: Store, ids: Sequence[str]) -> list[Article]:
    """The given analysable articles, and every stored one they align with or share a story with."""
    articles = [a for a in store.get_articles(list(ids)) if a.analysed]
    seqs = {a.seq for a in articles}  # grows to every story member
    alignments = store.alignments_of(sorted(seqs))
    wanted = {al.source for al in alignments} | {al.target for al in alignments}
    story_of = store.stories_of(sorted(seqs))
    for members in store.story_members(sorted(set(story_of.values()))).values():
        seqs.update(members)
    given = {a.seq for a in articles}
    more = store.articles_by_seq(sorted(seqs - given))
    more += store.get_articles(sorted(wanted - {a.id for a in articles} - {a.id for a in more}))
    return articles + [a for a in more if a.analysed]


def work_out(store: Store, articles: list[Article], settings: Settings) -> list[ProvenanceRow]:
    """The provenance of each article, from what the other stages stored."""
    seqs = [a.seq for a in articles]
    alignments = store.alignments_of(seqs)
    by_seq = {a.seq: a for a in articles}
    attributions = [attribution_public(by_seq[r.seq].id, by_seq[r.seq].text, r) for r in store.attributions_of(seqs)]
    wanted = {al.source for al in alignments} | {al.target for al in alignments}
    others = {a.id: a for a in store.get_articles(sorted(wanted))}
    others.update({a.id: a for a in articles})
    story_of = store.stories_of(seqs)
    members = store.story_members(sorted(set(story_of.values())))
    groups = [[a for a in store.articles_by_seq(in_story) if a.analysed] for in_story in members.values()
              if len(in_story) > 1]
    found = find(articles, alignments, others, groups)
    rows = []
    for article in articles:
        facts = article_facts(article, alignments, attributions)
        sentences = [s.public(article.text) for s in label_sentences(article, facts)]
        shares = originality(article, facts, alignments, others, settings.derived_wholly, settings.derived_partially)
        mine = [d for d in found if article.id in d["articles"]]
        rows.append(ProvenanceRow(article.seq, STAGE, shares, sentences, mine))
    return rows


def run(store: Store, ids: Sequence[str], settings: Settings) -> int:
    """Work out and store the provenance of the given articles and of those they touch; returns how many."""
    todo = affected(store, ids)
    for i in range(0, len(todo), BATCH):
        rows = work_out(store, todo[i:i + BATCH], settings)
        with store.transaction():
            store.save_provenance(rows)
        report("articles", min(len(todo), i + BATCH), len(todo))
    return len(todo)


register_stage(Stage(
    STAGE, reads=("articles", "alignments", "attributions", "story_members"), writes=("provenance_rows",),
    description="per-sentence origin (copied, paraphrased, shared, shared quote, attributed, original), "
                "originality and discrepancies, stored per article",
    run=run,
))
