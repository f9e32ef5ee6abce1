"""What the API and the pages show, from the read core (read/), never written to the store: the JSON is what
the pages render."""

from __future__ import annotations

from typing import Any

from ..config import Settings
from ..read import article_view, event_view, list_events, story_view, summaries
from ..reuse.compare import compare_articles
from ..store import ArticleFilter, EventFilter, Store

PAGE_MAX = 200
SOURCE_TEXT_MAX = 1500  # characters of a source passage shown beside a sentence


def articles(store: Store, settings: Settings, *, q: str | None, outlet: str | None, language: str | None,
             since: str | None, until: str | None, klass: str | None, limit: int, offset: int) -> dict[str, Any]:
    """A page of articles: full-text hits with snippets when `q` is given, else oldest first; each with its
    status and, once analysed, its stored originality at a glance. Filtering by class is done on the page's
    candidates."""
    limit = max(1, min(limit, PAGE_MAX))
    where = ArticleFilter(outlet=outlet, language=language, since=since, until=until)
    snippets: dict[str, str] = {}
    if q:
        hits = store.search(q, limit=limit, offset=offset)
        found = [h.article for h in hits]
        snippets = {h.article.id: h.snippet for h in hits}
        total = None
    else:
        found = store.list_articles(where, limit=limit, offset=offset)
        total = store.count_articles(where)
    items = []
    for line in summaries(store, found):
        item = line.public()
        if line.article.id in snippets:
            item["snippet"] = snippets[line.article.id]
        if klass and item.get("class") != klass:
            continue
        items.append(item)
    return {"total": total, "limit": limit, "offset": offset, "articles": items,
            "pending": store.count_pending()}


def article(store: Store, settings: Settings, article_id: str) -> dict[str, Any]:
    """One article with everything found about it, as stored; `context` holds the other articles its spans
    point into, and each piece of evidence the source passage it points at."""
    view = article_view(store, article_id)
    data = view.public()
    others = view.others()
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
    found = story_view(store, story_id)  # a merged story's id shows the story it went into
    return found.public() if found is not None else None


def events(store: Store, *, event_type: str | None, country: str | None, since: str | None, until: str | None,
           article: str | None, limit: int | None, offset: int) -> dict[str, Any]:
    """A page of events, earliest first (undated last), as `newstrace events --json` gives them."""
    if limit is not None:
        limit = max(1, min(limit, PAGE_MAX))
    where = EventFilter(event_type=event_type, country=country, since=since, until=until,
                        article=store.resolve_id(article) if article else None)
    found = [e.public() for e in list_events(store, where, limit=limit, offset=offset)]
    return {"total": store.count_events(where), "limit": limit, "offset": offset, "events": found}


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event as `events --json` gives it, plus `texts`: the clean text of each report by article id."""
    found = event_view(store, event_id)
    if found is None:
        return None
    data = found.public()
    data["texts"] = {a.id: a.text for a in found.articles.values()}
    return data


def highlighted(text: str, marks: list[tuple[int, int, str]]) -> list[list[dict[str, Any]]]:
    """An article's text as paragraphs of pieces, each piece with the names of the marks over it (an event's
    mention sentences and fields), so that the page can highlight them; the template escapes every piece."""
    cuts = sorted({0, len(text), *(a for a, _, _ in marks), *(b for _, b, _ in marks)})
    paragraphs: list[list[dict[str, Any]]] = [[]]
    for start, end in zip(cuts, cuts[1:], strict=False):
        names = sorted({name for a, b, name in marks if a <= start and end <= b})
        for k, piece in enumerate(text[start:end].split("\n")):
            if k:
                paragraphs.append([])
            if piece:
                paragraphs[-1].append({"text": piece, "marks": names})
    return [p for p in paragraphs if p]
