"""Bytes to text: BOMs, UTF-8, declared charsets, then detection; binary and undecodable input rejected.

Every decoding says which encoding it used, and a guess that could be wrong says why (`Decoded.note`), so
that ingest records the encoding with the article and warns about weak guesses instead of storing mojibake
silently. Detection among single-byte code pages reads the decoded words: in Latin-script text the bytes
above ASCII are letters inside words, in the case of their neighbours, so a code page that turns them into
punctuation, symbols, other scripts or controls is the wrong one (cp1252 wins ties: it is the most common).
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import unicodedata
import zlib
from dataclasses import dataclass

from ..errors import Code, Rejection

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])

# Single-byte code pages tried for mostly-ASCII text, most common first (the order breaks ties).
LATIN_CANDIDATES = ("cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1257")
SAMPLE = 200_000  # bytes read to detect and to score a guess
MOSTLY_ASCII = 0.7  # share of ASCII bytes above which the text is taken to be in a Latin script
WEAK = 0.9  # plausibility under which a guess is reported as weak
GARBAGE = 0.5  # plausibility under which the bytes are rejected: no encoding gives sensible text
MAX_REPLACED = 0.01  # share of characters that may be undecodable bytes (replaced) before the input is rejected
MIN_REPLACED = 16  # undecodable bytes always allowed (a few stray bytes in a short file)


class DecodeError(Exception):
    def __init__(self, code: Code, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason

    def rejection(self, where: str) -> Rejection:
        return Rejection(where, self.code, self.reason)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes: the codec used (Python's name for it) and, for a guess that could be wrong,
    a note saying why (None when the bytes were valid UTF-8, had a byte-order mark or a declared charset that
    fits, or the guess is clear)."""

    text: str
    encoding: str
    note: str | None = None


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


def codec_name(name: str | None) -> str | None:
    """Python's name for a charset label, or None for a label it does not know."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first 4 KB (XML declaration, meta tag)."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return codec_name(match.group(1).decode("ascii", "ignore")) if match else None


def header_charset(content_type: str | None) -> str | None:
    """The charset of an HTTP Content-Type header (`text/html; charset=ISO-8859-1`)."""
    match = _HEADER_CHARSET.search(content_type or "")
    return codec_name(match.group(1)) if match else None


def decode_bytes(data: bytes, *, html: bool = False, declared: str | None = None) -> Decoded:
    """Decode to text or raise DecodeError naming the problem. `declared` is a charset named outside the
    bytes (an HTTP header); `html` also reads one declared inside them (meta tag, XML declaration)."""
    if not data.strip():
        raise DecodeError(Code.EMPTY, "empty file" if not data else "file holds only whitespace")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codecs.lookup(codec).name)
            except UnicodeDecodeError as e:
                raise DecodeError(Code.ENCODING, f"invalid {codec} after its byte-order mark ({e.reason})") from e
    if looks_binary(data):
        raise DecodeError(Code.BINARY, "binary data, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    said = [c for c in (codec_name(declared), declared_charset(data) if html else None) if c]
    for codec in dict.fromkeys(said):
        if codec == "utf-8":
            continue  # declared UTF-8, but the bytes are not: guess below, and say so
        try:
            return Decoded(data.decode(codec), codec)
        except (UnicodeDecodeError, LookupError):
            continue
    found = detect(data)
    if said:
        note = f"declared as {said[0]}, which does not fit the bytes; {found.note or f'read as {found.encoding}'}"
        return Decoded(found.text, found.encoding, note)
    return found


def detect(data: bytes) -> Decoded:
    """Guess the encoding of bytes that are not UTF-8 and declare none; DecodeError when nothing fits."""
    sample = data[:SAMPLE]
    ascii_share = sum(1 for b in sample if b < 0x80) / len(sample)
    guesses = _normalizer_guesses(sample)
    if ascii_share >= MOSTLY_ASCII:
        return _latin(data, sample, guesses)
    if not guesses:
        raise DecodeError(Code.ENCODING, "unknown text encoding: not UTF-8 and no other encoding fits")
    codec, chaos, coherence = guesses[0]
    if chaos > 0.3:
        raise DecodeError(Code.ENCODING, f"unknown text encoding (best guess {codec} gives garbled text)")
    text, replaced = _decode(data, codec)
    if replaced > max(MIN_REPLACED, MAX_REPLACED * len(text)):
        raise DecodeError(Code.ENCODING, f"unknown text encoding (best guess {codec} leaves {replaced:,} bytes "
                                         "undecodable)")
    note = None
    if chaos > 0.1 or coherence == 0 or replaced:
        note = f"guessed {codec} from the bytes (no charset declared)" + _replaced_note(replaced)
    return Decoded(text, codec, note)


def _normalizer_guesses(sample: bytes) -> list[tuple[str, float, float]]:
    from charset_normalizer import from_bytes

    out = []
    for match in from_bytes(sample):
        codec = codec_name(match.encoding)
        if codec and codec != "utf-8":
            out.append((codec, float(match.chaos), float(match.coherence)))
    return out


def _latin(data: bytes, sample: bytes, guesses: list[tuple[str, float, float]]) -> Decoded:
    """Mostly-ASCII bytes: UTF-8 with a few damaged bytes, or the single-byte code page whose text reads best.
    Among code pages that read equally well, the one with fewer letters outside Western European wins, then
    the more common one; a code page that charset-normalizer suggests beyond the common ones must read
    clearly better to win."""
    scored: list[tuple[float, float, int, str, str]] = []
    overall: dict[str, float] = {}
    exotic = [g[0] for g in guesses[:3] if g[0] not in LATIN_CANDIDATES]
    for order, codec in enumerate(["utf-8", *LATIN_CANDIDATES, *exotic]):
        text, replaced = _decode(sample, codec)
        if codec == "utf-8":  # valid multi-byte sequences do not happen by chance in single-byte text
            valid = sum(1 for ch in text if ch >= "\x80" and ch != "\ufffd")
            score = overall[codec] = valid / max(1, valid + replaced)
            foreign = 0.0
        else:
            score, foreign, overall[codec] = plausibility(text)
        scored.append((round(score, 2) - (0.1 if codec in exotic else 0.0), -foreign, -order, codec, text))
    scored.sort(reverse=True)
    ranked, neg_foreign, _, codec, best = scored[0]
    score = overall[codec]
    if score < GARBAGE:
        raise DecodeError(Code.ENCODING, f"unknown text encoding: not UTF-8, and no code page gives sensible "
                                         f"text (best guess {codec})")
    text, replaced = _decode(data, codec)
    if replaced > max(MIN_REPLACED, MAX_REPLACED * len(text)):
        raise DecodeError(Code.ENCODING, f"unknown text encoding (best guess {codec} leaves {replaced:,} bytes "
                                         "undecodable)")
    reasons = []
    if score < WEAK:
        reasons.append(f"only {score:.0%} of its non-ASCII characters read as letters or punctuation")
    rival = next((s for s in scored[1:] if _letters(s[4]) != _letters(best) and ranked - s[0] < 0.05
                  and neg_foreign - s[1] < 0.1 and s[3] not in exotic), None)
    if rival is not None:
        reasons.append(f"{rival[3]} reads almost as well")
    note = None
    if reasons or replaced:
        what = "UTF-8 with damaged bytes" if codec == "utf-8" else f"guessed {codec} from the bytes (no charset " \
                                                                    "declared)"
        note = what + (": " + "; ".join(reasons) if reasons else "") + _replaced_note(replaced)
    return Decoded(text, codec, note)


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


def _replaced_note(replaced: int) -> str:
    if not replaced:
        return ""
    return f"; {replaced:,} byte{'s' if replaced != 1 else ''} that fit no character replaced by U+FFFD"


def _decode(data: bytes, codec: str) -> tuple[str, int]:
    """Text and the number of undecodable bytes (replaced)."""
    text = data.decode(codec, errors="replace")
    return text, text.count("\ufffd") - data.count(b"\xef\xbf\xbd")


# punctuation Latin-script text uses, which may touch a word (opening or closing it) but not stand inside one
_PUNCTUATION = frozenset("‘’‚“”„‹›«»–—…•·¿¡\u00a0")
_WORD_JOINERS = frozenset("’·")  # may stand inside a word: an apostrophe (don’t, l’homme), a Catalan middle dot
_SYMBOLS = frozenset("€£¥¢§°±×÷©®™¶¹²³¼½¾")  # stand apart from words (after a space or a digit), or end one


def plausibility(text: str) -> tuple[float, float, float]:
    """How well the non-ASCII characters of text read as Latin-script writing: the share of those in words (next
    to an ASCII letter) that do, the share of letters outside the Western European range (Latin-1) among them,
    and the share of all non-ASCII characters that do (each 1, 0 and 1 when there are none). Only characters in
    words tell code pages apart: a stray byte between words reads wrong in any. A letter reads well when it is
    a Latin letter in the case of the letters beside it; punctuation when it does not stand inside a word; a
    symbol when it does not follow a letter straight on into more text; replaced bytes, controls and letters
    of other scripts never do."""
    good = foreign = count = in_words = good_in_words = 0
    for i, ch in enumerate(text):
        if ch < "\x80":
            continue
        count += 1
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        reads = _reads_well(ch, before, after)
        good += reads
        if (before < "\x80" and before.isalpha()) or (after < "\x80" and after.isalpha()):
            in_words += 1
            good_in_words += reads
            foreign += reads and ch.isalpha() and not "\u00c0" <= ch <= "\u00ff"
    return (good_in_words / in_words if in_words else 1.0, foreign / max(1, good_in_words),
            good / count if count else 1.0)


def _reads_well(ch: str, before: str, after: str) -> bool:
    if ch in _PUNCTUATION:
        return not (before.isalpha() and after.isalpha()) or ch in _WORD_JOINERS
    if ch in _SYMBOLS:
        return not before.isalpha() or not after.isalnum()
    if not ch.isalpha() or not unicodedata.name(ch, "").startswith("LATIN"):
        return False
    return not (ch.isupper() and before.isalpha() and before.islower())  # not "jaŸñ": a capital inside a word
