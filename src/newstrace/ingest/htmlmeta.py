"""Article metadata from a page's own markup: meta tags, JSON-LD, <time>, <html lang>.

trafilatura's dates are day-only, so times (with time of day and zone) are read here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ..text.dates import parse_datetime

_DATE_KEYS = [
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "article.published", "published_time", "publishdate", "publish-date", "publish_date", "pubdate",
    "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created",
    "date", "citation_publication_date", "cxenseparse:recs:publishtime",
]
_TITLE_KEYS = ["og:title", "twitter:title", "headline", "dc.title"]
_SITE_KEYS = ["og:site_name", "application-name", "publisher", "dc.publisher"]
_AUTHOR_KEYS = ["author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl"]


def _meta(tree: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content and key not in found:
            found[key] = content
    return found


def _jsonld(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if "@graph" in item:
                    stack.append(item["@graph"])


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # "http://[::1": not a URL a host can be read from
        return None
    return host[4:] if host.startswith("www.") else (host or None)


def extract_meta(tree: HtmlElement, url: str | None = None) -> dict[str, str | None]:
    """title, url, outlet, author, published, language: each None when the page does not say."""
    meta = _meta(tree)
    ld = list(_jsonld(tree))
    articles = [d for d in ld if "datePublished" in d or "headline" in d]

    canonical = next((el.get("href") for el in tree.iter("link")
                      if "canonical" in (el.get("rel") or "").lower().split() and el.get("href")), None)
    page_url = url or _absolute(canonical) or _absolute(meta.get("og:url"))

    published = None
    for key in _DATE_KEYS:
        published = parse_datetime(meta.get(key))
        if published:
            break
    if not published or "T" not in published:
        for item in articles:
            candidate = parse_datetime(item.get("datePublished"))
            if candidate and (not published or "T" in candidate):
                published = candidate
                break
    if not published or "T" not in published:
        for el in tree.iter("time"):
            candidate = parse_datetime(el.get("datetime"))
            if candidate and (el.get("itemprop") == "datePublished" or "publish" in (el.get("class") or "")
                              or not published):
                published = candidate
                break

    title = next((meta[k] for k in _TITLE_KEYS if meta.get(k)), None)
    if not title:
        title = next((_name(d.get("headline")) for d in articles if d.get("headline")), None)
    if not title:
        h1 = next(tree.iter("h1"), None)
        title = h1.text_content().strip() if h1 is not None else None
    if not title:
        el = next(tree.iter("title"), None)
        title = el.text_content().strip() if el is not None else None

    outlet = next((meta[k] for k in _SITE_KEYS if meta.get(k)), None)
    if not outlet:
        outlet = next((_name(d.get("publisher")) for d in articles if d.get("publisher")), None)
    outlet = outlet or _host(page_url)

    author = next((meta[k] for k in _AUTHOR_KEYS if meta.get(k) and "://" not in meta[k]), None)
    if not author:
        author = next((_name(d.get("author")) for d in articles if d.get("author")), None)
    if author and author.lower().startswith("by "):
        author = author[3:].strip()

    language = tree.get("lang") or meta.get("content-language") or meta.get("og:locale") or meta.get("language")
    return {
        "title": _clean(title), "url": page_url, "outlet": _clean(outlet), "author": _clean(author),
        "published": published, "language": language,
    }


def _absolute(url: str | None) -> str | None:
    return url if url and url.split(":", 1)[0].lower() in {"http", "https"} else None


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None
