"""What the API and the pages show, read from the store and never written to it: one core behind both (the
JSON is what the pages render). Provenance is worked out on the fly from the stored alignments and
attributions, as `trace` does."""

from __future__ import annotations

from typing import Any

from ..analyse.stage import public as attribution_public
from ..config import Settings
from ..provenance.stage import provenance
from ..records import Article
from ..reuse.compare import compare_articles
from ..store import ArticleFilter, Store

PAGE_MAX = 200
SOURCE_TEXT_MAX = 1500  # characters of a source passage shown beside a sentence


def summary(article: Article, originality: dict[str, Any] | None = None) -> dict[str, Any]:
    data = article.public()
    data.pop("text")
    data["words"] = len(article.text.split())
    if originality is not None:
        data["class"] = originality["class"]
        data["derived"] = originality["derived"]
    return data


def articles(store: Store, settings: Settings, *, q: str | None, outlet: str | None, language: str | None,
             since: str | None, until: str | None, klass: str | None, limit: int, offset: int) -> dict[str, Any]:
    """A page of articles: full-text hits with snippets when `q` is given, else stored order; each with its
    originality class at a glance. Filtering by class is done on the page's candidates."""
    limit = max(1, min(limit, PAGE_MAX))
    where = ArticleFilter(outlet=outlet, language=language, since=since, until=until)
    if q:
        hits = store.search(q, limit=limit, offset=offset)
        found = [(h.article, h.snippet) for h in hits]
        total = None
    else:
        found = [(a, None) for a in store.list_articles(where, limit=limit, offset=offset)]
        total = store.count_articles(where)
    analysed = [a.id for a, _ in found if a.analysed]
    shares = {o["article"]: o for o in provenance(store, analysed, settings, discrepancies=False)["originality"]} \
        if analysed else {}
    items = []
    for article, snippet in found:
        item = summary(article, shares.get(article.id))
        if snippet is not None:
            item["snippet"] = snippet
        if klass and item.get("class") != klass:
            continue
        items.append(item)
    return {"total": total, "limit": limit, "offset": offset, "articles": items}


def article(store: Store, settings: Settings, article_id: str) -> dict[str, Any]:
    """One article with everything found about it; `context` holds the other articles its spans point into."""
    found = store.get_article(store.resolve_id(article_id))
    assert found is not None
    data: dict[str, Any] = {"article": found.public(), "sentences": [], "alignments": [], "attributions": [],
                            "originality": None, "discrepancies": [], "story": None, "context": []}
    if not found.analysed:
        return data
    alignments = store.alignments_of([found.seq])
    data["alignments"] = [al.public() for al in alignments]
    data["attributions"] = [attribution_public(found.id, found.text, row) for row in store.attributions_of([found.seq])]
    result = provenance(store, [found.id], settings)
    data["sentences"] = result["sentences"]
    data["originality"] = result["originality"][0] if result["originality"] else None
    data["discrepancies"] = result["discrepancies"]
    data["story"] = store.stories_of([found.seq]).get(found.seq)
    wanted = {al.source for al in alignments} | {al.target for al in alignments}
    wanted |= {i for d in data["discrepancies"] for i in d["articles"]}
    wanted.discard(found.id)
    others = {a.id: a for a in store.get_articles(sorted(wanted))}
    data["context"] = [summary(a) for a in others.values()]
    for sentence in data["sentences"]:  # the source passage itself, to show beside the sentence
        for item in sentence["evidence"]:
            other = others.get(item.get("from", ""))
            if other is not None:
                a, b = item["source_span"]
                item["source_text"] = other.text[a:b][:SOURCE_TEXT_MAX]
                item["source_label"] = f"{other.outlet or other.id[:12]}: {other.title or '(untitled)'}"
    return data


def compare(store: Store, first: str, second: str) -> dict[str, Any]:
    """Two articles with their reused passages, as `compare --json` gives them (each passage's words marked as
    shared or found on one side only, which article took it from which, how sure and why), plus both texts."""
    comparison = compare_articles(store, store.resolve_id(first), store.resolve_id(second))
    data = comparison.public()
    data["texts"] = {comparison.first.id: comparison.first.text, comparison.second.id: comparison.second.text}
    return data


def story(store: Store, settings: Settings, story_id: str) -> dict[str, Any] | None:
    from ..stories.stage import current_story
    from ..stories.stage import run as story_run

    story_id = current_story(store, story_id)  # a merged story's id shows the story it went into
    seqs = store.story_members([story_id]).get(story_id)
    if not seqs:
        return None
    first = store.articles_by_seq(seqs[:1])[0]
    return next((s for s in story_run(store, [first.id], settings) if s["id"] == story_id), None)
