"""Inputs: walk paths (files, folders, '-' for standard input) and tell each file's format."""

from __future__ import annotations

import gzip
import os
import shutil
import sys
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Code, Rejection
from ..records import Format

_EXTENSIONS: dict[str, Format] = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".rdf": "feed", ".feed": "feed",
    ".warc": "warc", ".arc": "warc",
}
FORMATS: tuple[Format, ...] = ("text", "html", "jsonl", "feed", "warc")


# In a folder, files like these are documentation about the corpus, not articles.
_NOT_ARTICLES = ("readme", "license", "licence", "changelog", "notice", "copying")


@dataclass(frozen=True)
class InputFile:
    """A file to read. `path` is what the user named (shown in messages); `real` is what is opened."""

    path: str
    real: Path
    format: Format | None  # None: decided by sniffing the content
    gzipped: bool


def _format_from_name(name: str) -> tuple[Format | None, bool]:
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    if gzipped:
        lower = lower[:-3]
    return _EXTENSIONS.get(os.path.splitext(lower)[1]), gzipped


def sniff_format(head: bytes) -> Format | None:
    """Guess a format from the first bytes of (decompressed) content."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    probe = start[:2048]
    if start.startswith(b"<?xml") or start.startswith(b"<rss") or start.startswith(b"<feed"):
        if b"<rss" in probe or b"<feed" in probe or b"<rdf:rdf" in probe:
            return "feed"
    if b"<html" in probe or b"<!doctype html" in probe or b"<body" in probe or b"<article" in probe:
        return "html"
    if start.startswith(b"<?xml"):
        return "feed"  # an XML file that is not obviously a feed: the feed reader says why it is not one
    return "text" if start else None


def head_bytes(item: InputFile, n: int = 4096) -> bytes:
    """The first `n` bytes of the content, decompressed when gzip. Compressed input is read generously: a
    deflate block's code tables alone can be longer than the few bytes asked for."""
    with open(item.real, "rb") as fh:
        data = fh.read(max(n, 65536))
    if item.gzipped or data[:2] == b"\x1f\x8b":
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, n)
        except zlib.error:
            return b""
    return data[:n]


def iter_inputs(paths: list[str], forced: Format | None, rejected: list[Rejection],
                skipped: list[str] | None = None) -> Iterator[InputFile]:
    """Every file under the paths, folders walked recursively in sorted order.

    Files named on the command line are always read (by extension, else by content). In folders, hidden
    entries are passed over, and so are files without an article extension and README/LICENSE files;
    those are listed in `skipped` so the summary can say so.
    """
    for raw in paths:
        if raw == "-":
            yield _stdin(forced)
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    full = os.path.join(root, name)
                    if not forced and (_format_from_name(name)[0] is None
                                       or name.lower().startswith(_NOT_ARTICLES)):
                        if skipped is not None:
                            skipped.append(full)
                        continue
                    yield _file(full, forced)
        elif path.is_file():
            yield _file(raw, forced)
        elif path.exists():
            rejected.append(Rejection(raw, Code.UNREADABLE, "not a regular file or folder"))
        else:
            rejected.append(Rejection(raw, Code.NOT_FOUND, "no such file or folder"))


def _file(path: str, forced: Format | None) -> InputFile:
    fmt, gzipped = _format_from_name(path)
    return InputFile(path, Path(path), forced or fmt, gzipped)


def _stdin(forced: Format | None) -> InputFile:
    # Standard input is spooled to a temporary file so that every reader can treat it like a file.
    spool = tempfile.NamedTemporaryFile(prefix="newstrace-stdin-", delete=False)
    with spool:
        shutil.copyfileobj(sys.stdin.buffer, spool)
    return InputFile("-", Path(spool.name), forced, False)


def open_maybe_gzip(item: InputFile):  # type: ignore[no-untyped-def]
    with open(item.real, "rb") as probe:
        magic = probe.read(2)
    if item.gzipped or magic == b"\x1f\x8b":
        return gzip.open(item.real, "rb")
    return open(item.real, "rb")
