"""Text normalisation: the clean-text form that is stored, and the key form that is hashed.

Stored text is NFC with whitespace tidied and one paragraph per line ("\\n" between paragraphs). The hash key
also folds case, quotes and dashes, so that trivially different copies of one article share an identity.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Zero-width and other invisible format characters that only get in the way of matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Whitespace other than newline becomes a plain space (a C-speed translate), then runs of spaces collapse.
_ODD_SPACE = dict.fromkeys(
    map(ord, "\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
             "\u2009\u200a\u202f\u205f\u3000"), " ")
_RUNS = re.compile(r"  +")
_BLANK_SPLIT = re.compile(r"\n[^\S\n]*\n\s*")
_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})


# Lone surrogates (JSON's "\\ud800", a character reference to one) are no characters: they cannot even be
# stored as UTF-8. They become the replacement character.
_SURROGATES = {c: "\ufffd" for c in range(0xd800, 0xe000)}

# One pass: invisible characters dropped; control characters and odd spaces made plain spaces.
_TIDY = {**{c: " " for c in [*range(0, 9), 0x0b, 0x0c, *range(0x0e, 0x20), *range(0x7f, 0xa0)]}, **_ODD_SPACE,
         **_INVISIBLE, **_SURROGATES}


def no_surrogates(text: str) -> str:
    """Text with every lone surrogate replaced (U+FFFD), so that it can be written as UTF-8."""
    return text.translate(_SURROGATES)


def tidy(raw: str) -> str:
    """NFC, Unix newlines, no control or invisible characters; keeps line structure."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.translate(_TIDY)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def collapse(line: str) -> str:
    return _RUNS.sub(" ", line.translate(_ODD_SPACE)).replace("\n", " ").strip()


def paragraphs(raw: str) -> list[str]:
    """Split tidied text into paragraphs.

    Each non-empty line is a paragraph, unless the text is hard-wrapped (blank lines between blocks and
    lines filled close to a fixed width): then a full line continues into the next one.
    """
    text = _RUNS.sub(" ", tidy(raw))
    lines = [line.strip() for line in text.split("\n")]
    non_empty = [line for line in lines if line]
    if not non_empty:
        return []
    width = _wrap_width(text, non_empty)
    if width is None:
        return non_empty
    out: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                out.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if len(line) < 0.6 * width:  # a short line ends its paragraph
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def _wrap_width(text: str, lines: list[str]) -> int | None:
    """The fill width of hard-wrapped text, or None when lines are paragraphs already."""
    if len(lines) < 4 or not _BLANK_SPLIT.search(text):
        return None
    lengths = sorted(len(line) for line in lines)
    longest = lengths[-1]
    p80 = lengths[int(len(lengths) * 0.8)]
    if longest > 120 or p80 < 40:
        return None
    # Wrapped prose has several lines within a few characters of the widest.
    near_full = sum(1 for n in lengths if n >= longest - 12)
    return longest if near_full >= max(2, len(lines) // 4) else None


def join_paragraphs(paras: list[str]) -> str:
    return "\n".join(p for p in paras if p)


def key_form(text: str) -> str:
    """The normalised form that identity is computed from (not stored)."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    folded = text.translate(_QUOTES).casefold()
    return " ".join(folded.split())


def article_id(text: str) -> str:
    """An article's identity: 16 hex digits of the SHA-256 of its key form."""
    return hashlib.sha256(key_form(text).encode("utf-8")).hexdigest()[:16]


def line_key(line: str) -> str:
    return hashlib.blake2b(key_form(line).encode("utf-8"), digest_size=8).hexdigest()
