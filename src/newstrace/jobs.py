"""The main job, `trace`: ingest the given inputs, run every analysis stage over their articles, and gather one
result that the CLI prints as a report or as JSON (docs/json.md)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from . import __version__
from .config import Settings
from .ingest import IngestReport, Progress, ingest
from .records import Article, Format
from .stages import pipeline
from .store import SourceRow, Store

JSON_VERSION = 1


@dataclass
class TraceResult:
    ingest: IngestReport
    articles: list[Article]
    sources: dict[str, list[SourceRow]]
    sections: dict[str, Any] = field(default_factory=dict)  # one per analysis stage, keyed by its JSON key
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
    result.stages, result.sections = run_stages(store, [a.id for a in articles], settings)
    # Articles from the store that the results point at (a source found among earlier inputs) come along,
    # so that every offset in the document can be read against its text.
    result.context = context_articles(store, articles, result.sections)
    result.sources.update({a.id: store.sources_of(a.id) for a in result.context})
    return result


def run_stages(store: Store, ids: list[str], settings: Settings) -> tuple[list[str], dict[str, Any]]:
    """Every analysis stage over stored articles (each against the whole store): the stage names and what
    they add to `trace --json`. Work already stored is not redone."""
    names: list[str] = []
    sections: dict[str, Any] = {}
    for stage in pipeline():
        names.append(stage.name)
        if stage.run is not None:
            output = stage.run(store, ids, settings)
            if stage.json_key:
                sections[stage.json_key] = output
            for key in stage.json_keys:
                sections[key] = output[key]
    return names, sections


def context_articles(store: Store, articles: list[Article], sections: dict[str, Any]) -> list[Article]:
    known = {a.id for a in articles}
    return store.get_articles([i for i in dict.fromkeys(_referenced_ids(sections)) if i not in known])


@dataclass
class ArticleReport:
    """One stored article with everything the stages found about it (`newstrace report`)."""

    article: Article
    sections: dict[str, Any]
    others: list[Article]  # the articles its results point at


def article_report(store: Store, article_id: str, settings: Settings) -> ArticleReport:
    article = store.get_article(store.resolve_id(article_id))
    assert article is not None
    _, sections = run_stages(store, [article.id], settings)
    return ArticleReport(article, sections, context_articles(store, [article], sections))


def _referenced_ids(sections: dict[str, Any]) -> list[str]:
    ids: list[str] = []
    for alignment in sections.get("alignments", []):
        ids.extend((alignment["source"], alignment["target"]))
    for story in sections.get("stories", []):
        ids.extend(item["article"] for item in story["timeline"])
    for finding in sections.get("discrepancies", []):
        ids.extend(finding["articles"])
    return ids
