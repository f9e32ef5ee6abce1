"""The main job, `trace`: ingest the given inputs, analyse their articles against the whole store, and gather
one result, read from the store, that the CLI prints as a report or as JSON (docs/json.md)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .. import __version__
from ..config import Settings
from ..ingest import IngestReport, Progress, ingest
from ..read import referenced_ids, sections
from ..records import Article, Format
from ..store import SourceRow, Store
from .analysis import analyse, stage_names

JSON_VERSION = 1


@dataclass
class TraceResult:
    ingest: IngestReport
    articles: list[Article]
    sources: dict[str, list[SourceRow]]
    sections: dict[str, Any] = field(default_factory=dict)  # the analysis, keyed as in `trace --json`
    stages: list[str] = field(default_factory=list)

    context: list[Article] = field(default_factory=list)  # stored articles that results refer to, not in inputs

    def by_id(self) -> dict[str, Article]:
        """Every article of the result, traced or context, by id."""
        return {a.id: a for a in self.articles + self.context}

    def to_json(self) -> dict[str, Any]:
        articles = []
        for article, in_inputs in [(a, True) for a in self.articles] + [(a, False) for a in self.context]:
            item = article.public()
            item["in_inputs"] = in_inputs
            item["sources"] = [{"path": s.path, "record": s.record or None, "url": s.url} for s in
                               self.sources.get(article.id, [])]
            articles.append(item)
        return {
            "newstrace": __version__,
            "json_version": JSON_VERSION,
            "stages": self.stages,
            "articles": articles,
            "ingest": self.ingest.as_dict(),
            **self.sections,
        }


def trace(paths: list[str], store: Store, settings: Settings, *, fmt: Format | None = None,
          progress: Progress | None = None) -> TraceResult:
    report = ingest(paths, store, settings, fmt=fmt, progress=progress)
    # An article reached from several inputs reports the first one given on this run as its path.
    articles = [replace(a, origin=report.origins.get(a.id, a.origin)) for a in store.get_articles(report.article_ids)]
    sources = {a.id: store.sources_of(a.id) for a in articles}
    result = TraceResult(report, articles, sources)
    if articles:
        analyse(store, [a.id for a in articles], settings, kind="trace")
    result.stages = stage_names()
    result.sections = sections(store, articles)
    # Articles from the store that the results point at (a source found among earlier inputs) come along,
    # so that every offset in the document can be read against its text.
    result.context = context_articles(store, articles, result.sections)
    result.sources.update({a.id: store.sources_of(a.id) for a in result.context})
    return result


def context_articles(store: Store, articles: list[Article], found: dict[str, Any]) -> list[Article]:
    known = {a.id for a in articles}
    return store.get_articles([i for i in dict.fromkeys(referenced_ids(found)) if i not in known])
