"""Bytes to text: BOMs, UTF-8, declared charsets, then detection; binary and undecodable input rejected."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib

from ..errors import Code, Rejection

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.IGNORECASE)


_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])


class DecodeError(Exception):
    def __init__(self, code: Code, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason

    def rejection(self, where: str) -> Rejection:
        return Rejection(where, self.code, self.reason)


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip, refusing output over `limit` bytes (a small bomb must not fill memory)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(limit + 1)
    except (OSError, EOFError, zlib.error) as e:
        raise DecodeError(Code.BAD_GZIP, f"corrupt or truncated gzip data ({e})") from e
    if len(out) > limit:
        raise DecodeError(Code.TOO_LARGE, f"decompresses to more than {limit:,} bytes")
    return out


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) * 0.05


def declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None  # an unknown declared charset: fall through to UTF-8 and detection


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode to str or raise DecodeError naming the problem."""
    if not data.strip():
        raise DecodeError(Code.EMPTY, "empty file" if not data else "file holds only whitespace")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as e:
                raise DecodeError(Code.ENCODING, f"invalid {codec} after its byte-order mark ({e.reason})") from e
    if looks_binary(data):
        raise DecodeError(Code.BINARY, "binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data) if html else None
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    return _detect(data)


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise DecodeError(Code.ENCODING, "unknown text encoding: not UTF-8 and no other encoding fits")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as e:
        raise DecodeError(Code.ENCODING, f"unknown text encoding (guessed {best.encoding}, which fails)") from e
    if best.chaos > 0.3:
        raise DecodeError(Code.ENCODING, f"unknown text encoding (best guess {best.encoding} gives garbled text)")
    return text
