"""From a framed RawDocument to a cleaned Article: decode, extract, clean, find the title, detect language.

Pure and picklable, so it runs in worker processes. The site-level filter, which needs the store, is
applied afterwards by the single writer (see `sitefilter`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from ..bounds import analysis_cut
from ..errors import Code, Rejection
from ..records import Article, OutletFrom, RawDocument
from ..text.outlets import outlet_from_text
from .decode import Decoded, DecodeError, decode_bytes
from .furniture import strip_furniture
from .htmlmeta import extract_meta
from .language import detect_language, normalise_code
from .normalise import article_id, collapse, join_paragraphs, no_surrogates, paragraphs

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

_BYLINE = re.compile(r"^by\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|von|al|el|bin)){0,5})$", re.I)
_NOT_XML = {c: " " for c in [*range(0, 9), 0x0b, 0x0c, *range(0x0e, 0x20), 0xfffe, 0xffff]}
_NOT_XML.update({c: "\ufffd" for c in range(0xd800, 0xe000)})  # lone surrogates
_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
           "table", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "hr"}


@dataclass(frozen=True)
class PrepareOptions:
    analyse_languages: tuple[str, ...] = ("en",)
    min_page_words: int = 15
    analyse_max_chars: int = 0  # 0: analyse the whole text however long


def prepare(raw: RawDocument, options: PrepareOptions) -> Article | Rejection:
    where = raw.origin.label()
    try:
        decoded = _decoded(raw)
        if raw.body_kind == "text":
            fields = _from_text(decoded.text)
        elif raw.body_kind == "html":
            page = _from_page(decoded.text, raw.meta.get("url"))
            if page is None:
                return Rejection(where, Code.NO_ARTICLE, "no article text found in the HTML page")
            fields = page
        else:
            fields = _from_fragment(decoded.text)
    except DecodeError as e:
        return e.rejection(where)
    meta = dict(fields)
    meta.update({k: v for k, v in raw.meta.items() if v})  # the container's metadata wins
    if not meta.get("published") and raw.meta.get("fetched"):
        meta["published"] = raw.meta["fetched"]
    paras = _drop_title(fields["paragraphs"], meta.get("title"))
    if fields["paragraphs"] and not paras:
        return Rejection(where, Code.NO_TEXT, "the text only repeats the title: no article body to store "
                                              "(give the body in \"text\", or leave \"title\" out)")
    paras, removed = strip_furniture(paras)
    text = join_paragraphs(paras)
    if not text.strip():
        rules = ", ".join(sorted({r.rule for r in removed}))
        return Rejection(where, Code.NO_TEXT, f"no article text left after removing page furniture ({rules})")
    words = len(text.split()) if raw.body_kind == "html" else options.min_page_words
    if words < options.min_page_words:
        return Rejection(where, Code.NO_ARTICLE, f"no article text found in the HTML page "
                                                 f"(only {words} word{'s' if words != 1 else ''} of text)")
    language = detect_language(text, meta.get("language")) if not raw.meta.get("language") \
        else normalise_code(raw.meta["language"])
    analysed = language in options.analyse_languages
    url = no_surrogates(meta["url"]) if meta.get("url") else None
    locator = url or (no_surrogates(raw.locator) if raw.locator else None)
    outlet, outlet_from = _short(meta.get("outlet")), None
    # what the article says of itself, in its text or in the furniture taken off it (a copyright line)
    if outlet is None and (named := outlet_from_text(text, [r.paragraph for r in removed])) is not None:
        outlet, outlet_from = named.name, OutletFrom(named.rule, named.span, named.line)
    return Article(
        id=article_id(text), text=text, title=_short(meta.get("title")), outlet=outlet,
        url=url, author=_short(meta.get("author")), published=meta.get("published"), language=language,
        analysed=analysed,
        skip_reason=None if analysed else f"language {language or 'unknown'} is not in analyse_languages",
        format=raw.format, origin=raw.origin, raw_hash=raw.raw_hash, locator=locator, outlet_from=outlet_from,
        furniture=tuple((r.rule, r.paragraph) for r in removed), encoding=decoded.encoding or None,
        encoding_note=decoded.note, analysed_chars=analysis_cut(text, options.analyse_max_chars) if analysed else None,
    )


def _decoded(raw: RawDocument) -> Decoded:
    """The body as text, with the encoding it was read from."""
    if isinstance(raw.body, str):
        return Decoded(raw.body, raw.encoding or "")
    return decode_bytes(raw.body, html=raw.body_kind != "text", declared=raw.charset)


def _short(value: object) -> str | None:
    if not value:
        return None
    text = no_surrogates(collapse(str(value)))
    return text[:500] or None


def _drop_title(paras: list[str], title: str | None) -> list[str]:
    """Pages and feeds often repeat the headline as the first paragraph; it is metadata, not body."""
    if title and paras and collapse(paras[0]).casefold() == collapse(title).casefold():
        return paras[1:]
    return paras


def _from_text(text: str) -> dict[str, Any]:
    paras = paragraphs(text)
    title = author = None
    if len(paras) >= 2 and _looks_like_title(paras[0]):
        title, paras = paras[0], paras[1:]
    if paras and (m := _BYLINE.match(paras[0])):
        author, paras = m.group(1), paras[1:]
    return {"paragraphs": paras, "title": title, "author": author}


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return (2 <= len(words) <= 30 and len(line) <= 200 and not line.rstrip().endswith((".", ",", ";", ":"))
            and not line[0].islower() and not line.startswith(("“", '"', "‘", "'", "-", "*")))


def _from_page(html: str, url: str | None) -> dict[str, Any] | None:
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    tree = load_html(html)
    if tree is None:
        raise DecodeError(Code.NOT_HTML, "not an HTML page (could not parse it)")
    meta = extract_meta(tree, url)
    doc = bare_extraction(tree, url=meta.get("url"), include_comments=False, with_metadata=False,
                          include_tables=True, include_images=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return None
    return {"paragraphs": paragraphs(text), **meta}


def _from_fragment(html: str) -> dict[str, Any]:
    return {"paragraphs": paragraphs(fragment_text(html))}


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (feed content, JSONL html), one block element per line."""
    from lxml import etree
    from lxml.html import fragment_fromstring

    html = html.translate(_NOT_XML)  # lxml refuses to set text holding them
    try:
        root = fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return html
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif tag in _BLOCKS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    return str(root.text_content())
