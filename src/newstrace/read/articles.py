"""Articles as every face shows them, read from the stored analysis (never worked out again here).

An article's `status` says how far its analysis is: `analysed` (every stage's result is stored), `pending`
(stored, analysable, its analysis not stored yet: a job is running or `newstrace analyse` is due) or
`not_analysed` (stored only: its language is not analysed, or it is too short). A pending article is never
shown as original."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..analyse.stage import public as attribution_public
from ..provenance.origins import LABELS
from ..records import Alignment, Article
from ..store import Store
from .events import events_of
from .quotes import speakers

ANALYSED, PENDING, NOT_ANALYSED = "analysed", "pending", "not_analysed"


def status_of(article: Article, has_analysis: bool) -> str:
    if not article.analysed:
        return NOT_ANALYSED
    return ANALYSED if has_analysis else PENDING


@dataclass
class ArticleSummary:
    """One line of a list: the article, its status and, once analysed, its originality."""

    article: Article
    status: str
    originality: dict[str, Any] | None

    def public(self) -> dict[str, Any]:
        data = self.article.public()
        data.pop("text")
        data["words"] = len(self.article.text.split())
        data["status"] = self.status
        if self.originality is not None:
            o = self.originality
            data.update({"class": o["class"], "derived": o["derived"],
                         **{label: o.get(label, 0.0) for label in LABELS}})
        return data


def summaries(store: Store, articles: list[Article]) -> list[ArticleSummary]:
    stored = store.originality_of([a.seq for a in articles if a.analysed])
    return [ArticleSummary(a, status_of(a, a.seq in stored), stored.get(a.seq)) for a in articles]


@dataclass
class ArticleView:
    """One article with everything found about it; `context` holds the other articles its spans point into."""

    article: Article
    status: str
    originality: dict[str, Any] | None = None
    sentences: list[dict[str, Any]] = field(default_factory=list)
    alignments: list[Alignment] = field(default_factory=list)
    attributions: list[dict[str, Any]] = field(default_factory=list)
    discrepancies: list[dict[str, Any]] = field(default_factory=list)
    story: str | None = None
    context: list[Article] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)  # the events it reports, as `trace --json` shows

    def others(self) -> dict[str, Article]:
        return {a.id: a for a in self.context}

    def public(self) -> dict[str, Any]:
        return {"article": self.article.public(), "status": self.status, "sentences": self.sentences,
                "alignments": [al.public() for al in self.alignments], "attributions": self.attributions,
                "speakers": speakers(self.attributions),
                "originality": self.originality, "discrepancies": self.discrepancies, "story": self.story,
                "events": self.events,
                "context": [ArticleSummary(a, "", None).public() | {"status": None} for a in self.context]}


def article_view(store: Store, article_id: str) -> ArticleView:
    """The article an id (or unique prefix) names, with its stored analysis."""
    found = store.get_article(store.resolve_id(article_id))
    assert found is not None
    row = store.provenance_of([found.seq]).get(found.seq) if found.analysed else None
    view = ArticleView(found, status_of(found, row is not None))
    if row is None:
        return view
    view.originality, view.sentences, view.discrepancies = row.originality, row.sentences, row.discrepancies
    view.alignments = store.alignments_of([found.seq])
    view.attributions = [attribution_public(found.id, found.text, r) for r in store.attributions_of([found.seq])]
    view.story = store.stories_of([found.seq]).get(found.seq)
    view.events = [event.public() for event in events_of(store, [found])]
    wanted = {al.source for al in view.alignments} | {al.target for al in view.alignments}
    wanted |= {i for d in view.discrepancies for i in d["articles"]}
    wanted.discard(found.id)
    view.context = store.get_articles(sorted(wanted))
    return view
