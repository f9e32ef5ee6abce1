"""Hypothesis strategies: one per fuzz target, each making inputs shaped like real ones, then damaged."""

from __future__ import annotations

import gzip
import json
import zlib
from typing import Any

from hypothesis import strategies as st

CODECS = ["utf-8", "utf-16", "utf-8-sig", "latin-1", "cp1252", "cp1250", "cp1251", "shift_jis", "gb18030",
          "koi8-r", "mac_roman", "utf-32"]
WORDS = ("the council said on Monday that police reported a bridge over the river would open after fighting near "
         "border town minister café naïve Zürich Ωμέγα Привет 北京 مرحبا \u200b \u00a0 “quoted” — said").split(" ")
DATES = ["2026-03-12", "2026-03-12T18:40:00+01:00", "Thu, 12 Mar 2026 18:40:00 GMT", "2026-13-45", "0000-00-00",
         "12/03/2026", "yesterday", "9999-12-31T23:59:59Z", "2026-03-12T25:61:00", "Mon, 32 Foo 2026", "",
         "2026-03-12T18:40:00+99:00", "1e400", "-1"]
TAGS = ["p", "div", "article", "span", "h1", "h2", "a", "br", "ul", "li", "script", "style", "nav", "footer",
        "header", "aside", "table", "tr", "td", "blockquote", "time", "figure", "figcaption", "main", "noscript"]


def _prose(draw: Any, max_words: int = 60) -> str:
    words = draw(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=max_words))
    return " ".join(words)


@st.composite
def damaged(draw: Any, data: bytes) -> bytes:
    """`data` with a few random edits: truncation, flipped, inserted or deleted bytes, a repeated slice."""
    data = bytearray(data)
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 3]))):  # half of them intact
        if not data:
            break
        op = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "repeat"]))
        at = draw(st.integers(0, len(data) - 1))
        if op == "truncate":
            del data[at:]
        elif op == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 16))]
        else:
            end = min(len(data), at + draw(st.integers(1, 64)))
            data[at:at] = data[at:end] * draw(st.integers(1, 4))
    return bytes(data)


@st.composite
def encoded(draw: Any, text: str) -> bytes:
    """Text in a random encoding, sometimes with a byte-order mark, sometimes not text at all."""
    codec = draw(st.sampled_from(CODECS))
    return text.encode(codec, errors="replace")


@st.composite
def text_files(draw: Any) -> bytes:
    kind = draw(st.sampled_from(["prose", "binary", "controls", "long line", "whitespace"]))
    if kind == "binary":
        return bytes(draw(st.binary(max_size=2000)))
    if kind == "controls":
        return bytes(draw(st.lists(st.integers(0, 31), max_size=200)))
    if kind == "whitespace":
        return draw(st.sampled_from([b"", b" ", b"\n\n\r\n", b"\t \x0b\x0c", "\u3000\u00a0".encode()]))
    paragraphs = [_prose(draw) for _ in range(draw(st.integers(1, 8)))]
    if kind == "long line":
        paragraphs = [" ".join(paragraphs) * draw(st.integers(1, 50))]
    body = draw(st.sampled_from(["\n\n", "\n", "\r\n", "\r", "\u2028"])).join(paragraphs)
    return bytes(draw(damaged(draw(encoded(body)))))


@st.composite
def _element(draw: Any, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = draw(st.sampled_from(["", ' class="story-body"', ' id="comments"', ' datetime="2026-03-12"',
                                  ' href="javascript:alert(1)"', ' lang="fr"', ' style="display:none"',
                                  ' class="share"', ' x="<>&"']))
    children = [_prose(draw, 30)]
    if depth < 3:
        children += draw(st.lists(_element(depth + 1), max_size=3))
    closing = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}", "</x>"]))
    return f"<{tag}{attrs}>{''.join(children)}{closing}"


@st.composite
def html_pages(draw: Any) -> bytes:
    charset = draw(st.sampled_from(["utf-8", "iso-8859-1", "windows-1251", "shift_jis", "bogus-charset", ""]))
    meta = f'<meta charset="{charset}">' if charset else ""
    head = draw(st.sampled_from(["", '<?xml version="1.0" encoding="iso-8859-1"?>', "<!DOCTYPE html>",
                                 "\ufeff<!doctype html>"]))
    published = draw(st.sampled_from(DATES))
    extra = draw(st.sampled_from(["", '<meta property="og:site_name" content="Port News">',
                                  '<script type="application/ld+json">{"@type": "NewsArticle", "publisher": '
                                  '{"name": ["x"]}, "datePublished": 5}</script>',
                                  '<script type="application/ld+json">{broken</script>',
                                  '<link rel="canonical" href="http://[::1">',
                                  f'<meta property="article:published_time" content="{published}">']))
    body = "".join(draw(st.lists(_element(), max_size=6)))
    page = f"{head}<html><head>{meta}<title>{_prose(draw, 8)}</title>{extra}</head><body>{body}</body></html>"
    codec = charset if charset and charset != "bogus-charset" else "utf-8"
    return bytes(draw(damaged(page.encode(codec, errors="replace"))))


def _json_value(draw: Any) -> Any:
    return draw(st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=True),
                          st.text(max_size=40), st.sampled_from(DATES), st.lists(st.integers(), max_size=3),
                          st.dictionaries(st.text(max_size=5), st.integers(), max_size=2)))


@st.composite
def jsonl_files(draw: Any) -> bytes:
    lines: list[bytes] = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["record", "record", "html record", "broken", "array", "binary", "empty"]))
        if kind in ("record", "html record"):
            record: dict[str, Any] = {}
            body_key = "text" if kind == "record" else "html"
            record[body_key] = draw(st.one_of(st.just(_prose(draw)), st.just(None), st.integers(),
                                              st.just("<p>" + _prose(draw) + "</p>"), st.just("")))
            for key in draw(st.lists(st.sampled_from(["url", "title", "outlet", "published", "author", "language",
                                                      "other"]), max_size=4)):
                record[key] = _json_value(draw)
            line = json.dumps(record, ensure_ascii=draw(st.booleans())).encode()
        elif kind == "broken":
            line = b'{"text": "' + _prose(draw).encode() + draw(st.sampled_from([b'"', b"", b'",}', b"\\"]))
        elif kind == "array":
            line = json.dumps([{"text": _prose(draw)}]).encode()
        elif kind == "binary":
            line = bytes(draw(st.binary(max_size=60))).replace(b"\n", b"")
        else:
            line = b""
        lines.append(line)
    whole = b"\n".join(lines)
    if draw(st.booleans()) and lines:
        whole = json.dumps([{"text": _prose(draw)}] * draw(st.integers(0, 3)), indent=2).encode()
    return bytes(draw(damaged(whole)))


@st.composite
def feeds(draw: Any) -> bytes:
    atom = draw(st.booleans())
    entries = []
    for _ in range(draw(st.integers(0, 4))):
        content = draw(st.sampled_from(["<![CDATA[<p>{}</p>]]>", "&lt;p&gt;{}&lt;/p&gt;", "{}", "", "&bogus;{}"]))
        content = content.format(_prose(draw))
        date = draw(st.sampled_from(DATES))
        if atom:
            entries.append(f"<entry><title>{_prose(draw, 6)}</title><link href=\"https://n.example/{len(entries)}\"/>"
                           f"<updated>{date}</updated><content type=\"html\">{content}</content></entry>")
        else:
            entries.append(f"<item><title>{_prose(draw, 6)}</title><link>https://n.example/{len(entries)}</link>"
                           f"<pubDate>{date}</pubDate><description>{content}</description></item>")
    encoding = draw(st.sampled_from(["utf-8", "iso-8859-1", "utf-16", "bogus"]))
    decl = f'<?xml version="1.0" encoding="{encoding}"?>'
    if atom:
        doc = (f'{decl}<feed xmlns="http://www.w3.org/2005/Atom"><title>{_prose(draw, 4)}</title>'
               f'{"".join(entries)}</feed>')
    else:
        doc = f'{decl}<rss version="2.0"><channel><title>{_prose(draw, 4)}</title>{"".join(entries)}</channel></rss>'
    codec = encoding if encoding != "bogus" else "utf-8"
    return bytes(draw(damaged(doc.encode(codec, errors="replace"))))


def _warc_record(draw: Any, n: int) -> bytes:
    rec_type = draw(st.sampled_from(["response", "response", "resource", "request", "warcinfo", "revisit"]))
    ctype = draw(st.sampled_from(["text/html", "text/html; charset=ISO-8859-1", "text/html; charset=bogus",
                                  "image/png", "application/xhtml+xml", ""]))
    status = draw(st.sampled_from(["200 OK", "404 Not Found", "301 Moved", "2xx", ""]))
    body = html_pages_plain(draw)
    if rec_type == "response":
        block = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n\r\n".encode() + body
        wctype = "application/http; msgtype=response"
    else:
        block, wctype = body, ctype
    length = len(block) + draw(st.sampled_from([0, 0, 0, 0, 0, -5, 7, -len(block) - 1]))
    headers = [f"WARC-Type: {rec_type}", f"WARC-Target-URI: https://news.example/{n}",
               f"WARC-Date: {draw(st.sampled_from(DATES))}", f"Content-Type: {wctype}",
               f"Content-Length: {length}" if draw(st.integers(0, 9)) else "Content-Length: x"]
    record = ("WARC/1.0\r\n" + "\r\n".join(draw(st.permutations(headers))) + "\r\n\r\n").encode() + block + b"\r\n\r\n"
    if draw(st.booleans()):
        record = gzip.compress(record, compresslevel=1)
    return record


def html_pages_plain(draw: Any) -> bytes:
    sentence = "The council said on Monday that the bridge over the river would open next year after delays. "
    count = draw(st.integers(0, 5))
    paras = "".join(f"<p>{sentence * draw(st.integers(0, 3))}{_prose(draw)}</p>" for _ in range(count))
    return f"<html><head><title>{_prose(draw, 6)}</title></head><body><article>{paras}</article></body></html>".encode(
        "utf-8", errors="replace")


@st.composite
def warcs(draw: Any) -> bytes:
    data = b"".join(_warc_record(draw, n) for n in range(draw(st.integers(0, 4))))
    return bytes(draw(damaged(data)))


@st.composite
def gzips(draw: Any) -> tuple[str, bytes]:
    """(format, gzip bytes) of any other kind of input, sometimes cut or corrupt, sometimes a small bomb."""
    fmt = draw(st.sampled_from(["text", "html", "jsonl", "feed"]))
    inner = draw({"text": text_files(), "html": html_pages(), "jsonl": jsonl_files(), "feed": feeds()}[fmt])
    kind = draw(st.sampled_from(["plain", "plain", "damaged", "bomb", "deflate"]))
    if kind == "bomb":
        packed = gzip.compress(b"a" * 3_000_000, compresslevel=9)
    elif kind == "deflate":
        packed = b"\x1f\x8b" + zlib.compress(inner)[2:]
    else:
        packed = gzip.compress(inner, compresslevel=draw(st.integers(1, 9)))
    if kind == "damaged":
        packed = bytes(draw(damaged(packed)))
    return fmt, packed


@st.composite
def date_strings(draw: Any) -> Any:
    return draw(st.one_of(st.sampled_from(DATES), st.text(max_size=90), st.integers(), st.floats(),
                          st.datetimes(), st.dates(), st.none(),
                          st.from_regex(r"\d{1,5}-\d{1,3}-\d{1,3}([T ]\d{1,3}:\d{1,3}(:\d{1,3})?(Z|[+-]\d{1,4})?)?",
                                        fullmatch=True)))


@st.composite
def raw_texts(draw: Any) -> str:
    """Text as cleaning meets it: prose, odd whitespace and controls, hard-wrapped lines, furniture."""
    parts = draw(st.lists(st.one_of(
        st.just(_prose(draw)), st.text(max_size=80),
        st.sampled_from(["Share this article", "Sign up for our newsletter", "Photo: Reuters", "Advertisement",
                         "Related stories", "© 2026 Port News. All rights reserved.", "Tags: a, b, c", "\r\n",
                         "\u2028", "\u2029", "\x00\x1f", "\ufeff", " " * 100, "x" * 70])), max_size=20))
    return draw(st.sampled_from(["\n", "\n\n", " ", ""])).join(parts)


STRATEGIES = {
    "text": text_files(), "html": html_pages(), "jsonl": jsonl_files(), "feed": feeds(), "warc": warcs(),
    "gzip": gzips(), "dates": date_strings(), "cleaning": raw_texts(),
}
# a baseline for each reader: unstructured random bytes
RANDOM_BYTES = st.binary(max_size=4000)
