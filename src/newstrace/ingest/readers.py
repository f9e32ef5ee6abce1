"""Readers frame documents out of input files: one RawDocument per article, or a Rejection saying why not.

Readers do only cheap work (splitting containers); a file that holds one document is not even read here,
but framed as a FileDocument that whoever prepares it reads (a worker process, so that the single writer
spends its time writing). Parsing and cleaning happen in `prepare`. Built-in readers register through
`register_reader`, the same hook an outside package would use.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import xxhash

from ..errors import Code, Rejection
from ..records import Body, Format, Origin, RawDocument
from ..text.dates import parse_datetime
from .decode import DecodeError, codec_name, gunzip, header_charset
from .normalise import no_surrogates
from .sources import InputFile, head_bytes, open_maybe_gzip


@dataclass(frozen=True)
class FileDocument:
    """A file holding one document, not read yet."""

    item: InputFile
    format: Format
    body_kind: Body
    limit: int

    def load(self) -> RawDocument | Rejection:
        item = self.item
        try:
            data = _whole_file(item, self.limit)
        except DecodeError as e:
            return e.rejection(item.path)
        except OSError as e:
            return Rejection(item.path, Code.UNREADABLE, f"cannot read: {e.strerror or e}")
        locator = None if item.path == "-" else os.path.abspath(item.path)
        return RawDocument(Origin(item.path), self.format, self.body_kind, data, raw_hash(self.format, data),
                           locator=locator)


Item = RawDocument | FileDocument | Rejection
Reader = Callable[[InputFile, int], Iterator[Item]]
READERS: dict[str, Reader] = {}


def register_reader(fmt: str) -> Callable[[Reader], Reader]:
    def add(fn: Reader) -> Reader:
        READERS[fmt] = fn
        return fn

    return add


def raw_hash(fmt: str, body: str | bytes, meta: dict[str, Any] | None = None) -> str:
    h = xxhash.xxh3_128(fmt.encode())
    h.update(body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body)
    if meta:
        h.update(json.dumps(meta, sort_keys=True, default=str).encode("utf-8"))  # ASCII: JSON escapes the rest
    return h.hexdigest()


def _whole_file(item: InputFile, limit: int) -> bytes:
    """The file's bytes (decompressed if gzip), or DecodeError when empty or over the limit."""
    size = item.real.stat().st_size
    if size == 0:
        raise DecodeError(Code.EMPTY, "empty file")
    if size > limit and not item.gzipped:
        raise DecodeError(Code.TOO_LARGE, f"{size:,} bytes is over the {limit:,}-byte limit")
    with open(item.real, "rb") as fh:
        data = fh.read(limit + 1)
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, limit)
    if len(data) > limit:
        raise DecodeError(Code.TOO_LARGE, f"over the {limit:,}-byte limit")
    return data


@register_reader("text")
def read_text(item: InputFile, limit: int) -> Iterator[Item]:
    yield FileDocument(item, "text", "text", limit)


@register_reader("html")
def read_html(item: InputFile, limit: int) -> Iterator[Item]:
    yield FileDocument(item, "html", "html", limit)


_JSONL_FIELDS = ("url", "title", "outlet", "published", "author", "language")


@register_reader("jsonl")
def read_jsonl(item: InputFile, limit: int) -> Iterator[Item]:
    """One article per line; a bad line is rejected with its line number and the rest go in.

    A `.json` file holding one pretty-printed object, or an array of objects, is read as well.
    """
    try:
        whole = _whole_json(item, limit)
    except (OSError, EOFError, zlib.error) as e:
        if isinstance(e, EOFError | zlib.error | gzip.BadGzipFile):
            yield Rejection(item.path, Code.BAD_GZIP, f"corrupt or truncated compressed data ({e})")
        else:
            yield Rejection(item.path, Code.UNREADABLE, f"cannot read: {getattr(e, 'strerror', None) or e}")
        return
    if whole is not None:
        for n, obj in enumerate(whole, 1):
            yield _jsonl_record(obj, item.path, f"item {n}")
        return
    try:
        fh = open_maybe_gzip(item)
    except OSError as e:
        yield Rejection(item.path, Code.UNREADABLE, f"cannot read: {e.strerror or e}")
        return
    seen_any = False
    with fh:
        number = 0
        while True:
            try:
                line = fh.readline(limit + 1)
            except (OSError, EOFError, zlib.error) as e:
                yield Rejection(f"{item.path}:line {number + 1}", Code.BAD_GZIP, f"corrupt compressed data ({e})")
                return
            if not line:
                break
            number += 1
            where = f"{item.path}:line {number}"
            if len(line) > limit and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the over-long line
                    line = fh.readline(1 << 20)
                yield Rejection(where, Code.TOO_LARGE, f"line is over the {limit:,}-byte limit")
                continue
            if not line.strip():
                continue
            seen_any = True
            yield _jsonl_line(line, item.path, number)
    if not seen_any:
        yield Rejection(item.path, Code.EMPTY, "no JSON lines in the file")


def _whole_json(item: InputFile, limit: int) -> list[Any] | None:
    """The records of a file that is one JSON document (an array, or an object over several lines)."""
    with open_maybe_gzip(item) as fh:
        first = fh.readline(limit + 1).strip()
        if not first or (first.startswith(b"{") and _parses(first)):
            return None
        if not first.startswith((b"[", b"{")) or item.real.stat().st_size > limit:
            return None
        rest = fh.read(limit + 1)
    try:
        data = json.loads(first + b"\n" + rest)
    except (ValueError, UnicodeDecodeError):
        return None  # not one document either: read line by line and report each bad line
    return data if isinstance(data, list) else [data]


def _parses(line: bytes) -> bool:
    try:
        json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return False
    return True


def _jsonl_line(line: bytes, path: str, number: int) -> Item:
    try:
        obj = json.loads(line.strip())
    except UnicodeDecodeError:
        return Rejection(f"{path}:line {number}", Code.ENCODING, "line is not valid UTF-8")
    except ValueError as e:
        return Rejection(f"{path}:line {number}", Code.BAD_JSON, f"invalid JSON: {e}")
    return _jsonl_record(obj, path, f"line {number}")


def _jsonl_record(obj: Any, path: str, record: str) -> Item:
    where = f"{path}:{record}"
    if not isinstance(obj, dict):
        return Rejection(where, Code.BAD_RECORD, f"expected a JSON object, got {type(obj).__name__}")
    text, html = obj.get("text"), obj.get("html")
    body = text if text is not None else html
    if body is None:
        return Rejection(where, Code.BAD_RECORD, 'no "text" or "html" field')
    if not isinstance(body, str):
        return Rejection(where, Code.BAD_RECORD, f'"{"text" if text is not None else "html"}" must be a string')
    if not body.strip():
        return Rejection(where, Code.EMPTY, f'"{"text" if text is not None else "html"}" is empty')
    meta: dict[str, Any] = {}
    for key in _JSONL_FIELDS:
        value = obj.get(key)
        if value is None:
            continue
        if key == "published" and isinstance(value, int | float) and not isinstance(value, bool):
            value = parse_datetime(_epoch(value))
            if value is None:
                return Rejection(where, Code.BAD_RECORD, '"published" is not a valid epoch time')
        if not isinstance(value, str):
            return Rejection(where, Code.BAD_RECORD, f'"{key}" must be a string, got {type(value).__name__}')
        if key == "published":
            parsed = parse_datetime(value)
            if parsed is None:
                return Rejection(where, Code.BAD_RECORD, f'"published" is not a date or time: {value[:40]!r} '
                                                         "(give ISO 8601, RFC 2822 or epoch seconds)")
            value = parsed
        meta[key] = no_surrogates(value)
    body = no_surrogates(body)  # JSON may escape lone surrogates ("\\ud800"), which no store can write
    kind = "text" if text is not None else ("html" if _is_page(body) else "html-fragment")
    return RawDocument(Origin(path, record), "jsonl", kind, body,  # type: ignore[arg-type]
                       raw_hash("jsonl", body, meta), meta=meta, locator=meta.get("url"), encoding="utf-8")


def _epoch(value: float) -> Any:
    from datetime import UTC, datetime

    try:
        return datetime.fromtimestamp(float(value), UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _is_page(html: str) -> bool:
    head = html[:2048].lower()
    return "<html" in head or "<body" in head or "<!doctype" in head


@register_reader("feed")
def read_feed(item: InputFile, limit: int) -> Iterator[Item]:
    """RSS and Atom: every entry with its content (or summary), link, time, author; feed title as outlet."""
    import feedparser

    try:
        data = _whole_file(item, limit)
    except DecodeError as e:
        yield e.rejection(item.path)
        return
    except OSError as e:
        yield Rejection(item.path, Code.UNREADABLE, f"cannot read: {e.strerror or e}")
        return
    try:
        parsed = feedparser.parse(data)
    except (ValueError, LookupError) as e:  # e.g. a declared encoding that is not even ASCII
        yield Rejection(item.path, Code.BAD_FEED, f"broken feed: {type(e).__name__}: {_first_line(e)}")
        return
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        if not parsed.get("version") and problem is not None:
            yield Rejection(item.path, Code.BAD_FEED, f"broken feed: {_first_line(problem)}")
        elif not parsed.get("version"):
            yield Rejection(item.path, Code.BAD_FEED, "not an RSS or Atom feed")
        else:
            yield Rejection(item.path, Code.BAD_FEED, "feed has no entries")
        return
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and problem is not None and not _harmless(problem):
        # feedparser recovers what it can from a malformed feed: say the feed is broken, keep good entries
        yield Rejection(item.path, Code.BAD_FEED, f"broken feed (entries read up to the error): {_first_line(problem)}")
    feed = parsed.get("feed", {})
    encoding = codec_name(parsed.get("encoding"))
    outlet = feed.get("title") or None
    language = feed.get("language") or None
    for n, entry in enumerate(entries, 1):
        where = f"{item.path}:entry {n}"
        body = _entry_body(entry)
        if not body:
            yield Rejection(where, Code.EMPTY_ENTRY, "entry has no content or summary")
            continue
        published = None
        for key in ("published", "updated", "created"):
            published = parse_datetime(entry.get(key))
            if published:
                break
        meta = {k: no_surrogates(v) if isinstance(v, str) else v for k, v in {
            "url": entry.get("link"), "title": entry.get("title"), "outlet": outlet,
            "published": published, "author": entry.get("author"), "language": language,
        }.items() if v}
        body = no_surrogates(body)
        yield RawDocument(Origin(item.path, f"entry {n}"), "feed", "html-fragment", body,
                          raw_hash("feed", body, meta), meta=meta, locator=meta.get("url"), encoding=encoding)


def _harmless(problem: object) -> bool:
    """feedparser flags encoding overrides as problems; the feed itself is fine."""
    return type(problem).__name__ in {"CharacterEncodingOverride", "NonXMLContentType"}


def _entry_body(entry: Any) -> str | None:
    contents = entry.get("content") or []
    best = max((c.get("value") or "" for c in contents), key=len, default="")
    summary = entry.get("summary") or ""
    body = best if len(best) >= len(summary) else summary
    return body if body.strip() else None


def _first_line(exc: object) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


@register_reader("warc")
def read_warc(item: InputFile, limit: int) -> Iterator[Item]:
    """HTML response records, with the record's target URI and date; a broken record ends the file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    errors = (ArchiveLoadFailed, *_WARC_ERRORS)

    try:
        fh = open(item.real, "rb")
        size = os.fstat(fh.fileno()).st_size
    except OSError as e:
        yield Rejection(item.path, Code.UNREADABLE, f"cannot read: {e.strerror or e}")
        return
    number = html_records = end = 0
    with fh:
        head = fh.read(64)
        if head[:2] == b"\x1f\x8b":
            head = head_bytes(item, 64)
        if not head.lstrip().startswith((b"WARC/", b"filedesc://")):
            yield Rejection(item.path, Code.BAD_WARC, "not a WARC file (it does not start with a WARC/1.x header)")
            return
        fh.seek(0)
        iterator = ArchiveIterator(fh)
        iterator.INC_RECORD = ""  # warcio would print a warning of its own to stderr; the rejection says it
        while True:
            where = f"{item.path}:record {number + 1}"
            try:
                record = next(iterator)
            except StopIteration:
                break
            except errors as e:
                yield Rejection(where, Code.BAD_WARC, f"truncated or corrupt WARC record: {_first_line(e)}")
                return
            number += 1
            if record.length is None and record.rec_headers.headers:  # header fields but no length: the
                # file ends inside the header (a header block with no fields at all is no record: see the end)
                yield Rejection(where, Code.BAD_WARC, "truncated or corrupt WARC record: its header gives no "
                                                      "Content-Length (the file may end inside the header)")
                return
            try:
                doc = _warc_document(record, item.path, number, limit)
                iterator.read_to_end(record)
                # bytes the record promised but the file did not have
                truncated = bool(getattr(record.raw_stream, "limit", 0))
                end = iterator.get_record_offset() + iterator.get_record_length()
            except errors as e:
                yield Rejection(where, Code.BAD_WARC, f"truncated or corrupt WARC record: {_first_line(e)}")
                return
            if truncated:
                yield Rejection(where, Code.BAD_WARC, "truncated WARC record: the file ends inside it")
                return
            if isinstance(doc, RawDocument):
                html_records += 1
            if doc is not None:
                yield doc
    if size - end > 8:  # more than the record separator left unread: a broken (e.g. cut gzip) record
        yield Rejection(f"{item.path}:record {number + 1}", Code.BAD_WARC,
                        f"truncated or corrupt WARC data after byte {end:,} of {size:,}")
    elif number == 0:
        yield Rejection(item.path, Code.BAD_WARC, "no WARC records in the file")
    elif html_records == 0:
        yield Rejection(item.path, Code.NO_ARTICLE, f"no HTML response records among {number} records")


# what warcio raises on a broken record: its own error, a failed read, and on some damage its own bugs
# (a revisit record without a target URI makes it call None.startswith)
_WARC_ERRORS: tuple[type[Exception], ...] = (OSError, EOFError, ValueError, AttributeError, TypeError, IndexError,
                                             KeyError)


def _warc_document(record: Any, path: str, number: int, limit: int) -> Item | None:
    """The record as a document, a Rejection, or None when it is not an HTML page (skipped quietly)."""
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return None
        ctype = (http.get_header("Content-Type") or "").lower()
        if "html" not in ctype or not (http.get_statuscode() or "").startswith("2"):
            return None
    else:
        ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
        if "html" not in ctype:
            return None
    body = record.content_stream().read(limit + 1)
    where = f"{path}:record {number}"
    if len(body) > limit:
        return Rejection(where, Code.TOO_LARGE, f"record is over the {limit:,}-byte limit")
    uri = record.rec_headers.get_header("WARC-Target-URI")
    meta = {k: v for k, v in {
        "url": uri, "fetched": parse_datetime(record.rec_headers.get_header("WARC-Date")),
    }.items() if v}
    return RawDocument(Origin(path, f"record {number}"), "warc", "html", body, raw_hash("warc", body, meta),
                       meta=meta, locator=uri, charset=header_charset(ctype))
