"""The site-level filter: a short line that recurs in many articles of one outlet is that outlet's furniture
(a standard footer, a bio, a subscription line), even when no general rule knows it.

Counts live in the store (`outlet_lines`) so the filter learns across runs. Lines are removed from articles
that arrive after a line has reached the threshold; articles stored earlier keep their identity.
"""

from __future__ import annotations

from dataclasses import replace

from ..records import Article
from ..store import Store
from .normalise import article_id, line_key

MAX_LINE_CHARS = 300


def candidate_lines(text: str) -> list[tuple[str, str]]:
    return [(line, line_key(line)) for line in text.split("\n") if line and len(line) <= MAX_LINE_CHARS]


def apply_site_filter(store: Store, article: Article, min_articles: int) -> tuple[Article, list[str]]:
    """The article without its outlet's recurring lines, and the line keys to count once it is stored."""
    if not article.outlet or min_articles <= 0:
        return article, []
    lines = candidate_lines(article.text)
    keys = [k for _, k in lines]
    frequent = store.frequent_lines(article.outlet, keys, min_articles)
    if not frequent:
        return article, keys
    drop = {line for line, k in lines if k in frequent}
    found = evidence = article.outlet_from
    kept: list[str] = []
    old = new = 0  # where each line starts, before and after
    for line in article.text.split("\n"):
        # the line the outlet was read from is its evidence: it stays, and the evidence's span moves with it
        span = found.span if found else None
        holds = span is not None and old <= span[0] <= old + len(line)
        if holds or line not in drop:
            if holds and found is not None and span is not None:
                evidence = replace(found, span=(span[0] - old + new, span[1] - old + new))
            kept.append(line)
            new += len(line) + 1
        old += len(line) + 1
    text = "\n".join(kept)
    removed = tuple(("site-filter", line) for line in article.text.split("\n") if line in drop and line not in kept)
    return replace(article, text=text, id=article_id(text) if text else "", outlet_from=evidence,
                   furniture=article.furniture + removed), keys
