"""Page furniture: paragraphs that came with the page but are not the article.

Works on paragraphs, for plain text and for what trafilatura extracted from HTML alike. Each rule is small,
named, and conservative: a real paragraph of an article must never match. Rules that could touch prose are
limited to short paragraphs or to the tail of the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

_I = re.IGNORECASE

COMMENT_HEADER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|reader comments|leave a (?:comment|reply)|join the (?:conversation|discussion)"
    r"|show comments|view comments|add (?:a|your) comment)\s*(?:\(\d+\))?\s*:?$", _I)
COMMENT_LINE = re.compile(
    r"(?:let us know if you(?:'|’)re having (?:issues|problems|trouble) with comment"
    r"|^please (?:log|sign) in to (?:comment|reply)|^comments are closed|^you must be logged in to"
    r"|^(?:read|see) our comment(?:ing)? (?:policy|guidelines)|^commenting (?:is|has been) (?:disabled|closed)"
    r"|^be the first to comment|^load(?:ing)? comments)", _I)

APPEAL = re.compile(
    r"(?:\bdonat(?:e|ion|ions|ing)\b|\btax[- ]deductible\b|\bbecome an? (?:member|subscriber|patron|supporter)"
    r"|\bsupport (?:our|us|independent|quality)\b[^.!?]{0,60}\b(?:journalism|reporting|work|analysis|newsroom)"
    r"|\b(?:sign up|subscribe)\b[^.!?]{0,80}\bnewsletters?\b|\bnewsletters?\b[^.!?]{0,60}\b(?:inbox|sign up)\b"
    r"|\bsubscribe (?:now|today|to our)\b|\bin your inbox\b)", _I)
READER_ADDRESS = re.compile(
    r"(?:\byou(?:r)?\b|^(?:support|subscribe|sign up|donate|join|get|become)\b"
    r"|\bour (?:independent |free )?(?:journalism|reporting|newsletter|work|newsroom|mission|readers)\b)", _I)

TAG_HEADER = re.compile(
    r"^(?:tags?|tagged(?: with)?|filed under|categor(?:y|ies)|topics?|related topics|keywords|more on)\s*:", _I)

SHARE_WORDS = frozenset(
    "share this on via facebook twitter x email e-mail print whatsapp linkedin reddit pinterest telegram copy link "
    "tweet messenger opens in new window click to the article story save | · • - – — : bluesky threads mastodon "
    "pocket flipboard sms".split())
SHARE_CUES = frozenset("share facebook twitter whatsapp linkedin email e-mail tweet print pinterest".split())

CAPTION = [
    re.compile(r"%[0-9A-F]{2}", _I),  # URL-encoded file names left behind by image captions
    re.compile(r"\.(?:jpe?g|png|gif|webp|tiff?)\b", _I),
    re.compile(r"^(?:photo|image|picture|file photo|photograph|video|graphic|illustration)(?: credit)?\s*:", _I),
    re.compile(r"\b(?:image copyright|image caption|media caption|photo credit|getty images)\b", _I),
    re.compile(r"\((?:[A-Z]+ )?(?:photo|photograph|picture)(?:/| by )[^)]*\)\s*$", _I),
]

MISC = re.compile(
    r"^(?:advertisement|sponsored(?: content)?|skip to (?:main )?content|read more|continue reading"
    r"|related(?: stories| articles)?:?"
    r"|most (?:read|popular)|click here(?: to .{0,60})?|follow us on .{0,60}|all rights reserved\.?"
    r"|(?:©|\(c\)|copyright)\s*\d{4}.{0,80}|we use cookies.{0,200}|accept (?:all )?cookies)$", _I)


def _words(paragraph: str) -> list[str]:
    return paragraph.split()


def _is_label(paragraph: str) -> bool:
    """A tag-like label: a few words, no sentence punctuation, not a quotation."""
    words = _words(paragraph)
    return 0 < len(words) <= 4 and not re.search(r"[.!?\"“”]$", paragraph) and paragraph[0] not in "\"“‘'"


def is_share_line(p: str, lower: str | None = None) -> bool:
    if len(p) > 160:
        return False
    tokens = [t.strip(",;:!").lower() for t in _words(p)]
    return (len(tokens) <= 16 and bool(tokens) and all(t in SHARE_WORDS or not t for t in tokens)
            and any(t in SHARE_CUES for t in tokens))


# Cheap keyword tests before the costly regexes (substring search runs at C speed; a regex alternation of
# these words does not): most articles contain none of them, and then the rule is not tried at all.
_APPEAL_WORDS = ("donat", "deductible", "member", "subscri", "support", "newsletter", "sign up", "inbox", "patron")
_COMMENT_WORDS = ("comment", "log", "sign in")
_CAPTION_WORDS = ("%", ".jp", ".png", ".gif", ".webp", ".tif", "photo", "image", "picture", "video", "graphic",
                  "illustration", "getty", "caption")


def _mentions(lower: str, words: tuple[str, ...]) -> bool:
    for w in words:
        if w in lower:
            return True
    return False


def is_appeal(p: str, lower: str | None = None) -> bool:
    return (len(p) <= 700 and _mentions(lower or p.lower(), _APPEAL_WORDS) and bool(APPEAL.search(p))
            and bool(READER_ADDRESS.search(p)))


def is_caption(p: str, lower: str | None = None) -> bool:
    return len(p) <= 250 and _mentions(lower or p.lower(), _CAPTION_WORDS) and any(r.search(p) for r in CAPTION)


def is_comment_line(p: str, lower: str | None = None) -> bool:
    return len(p) <= 300 and _mentions(lower or p.lower(), _COMMENT_WORDS) and bool(COMMENT_LINE.search(p))


def is_misc(p: str, lower: str | None = None) -> bool:
    return len(p) <= 300 and bool(MISC.match(p))


@dataclass
class Removal:
    rule: str
    paragraph: str


LINE_RULES: list[tuple[str, Callable[[str, str], bool]]] = [
    ("comment-box", is_comment_line),
    ("appeal", is_appeal),
    ("share-line", is_share_line),
    ("caption", is_caption),
    ("misc", is_misc),
    ("site-note", lambda p, lower: is_site_note(p, lower)),
]
_LONGEST_RULE = 700  # no line rule matches a longer paragraph
_LONGEST_SHORT_RULE = 300  # and only the appeal rule one longer than this


def strip_furniture(paras: list[str]) -> tuple[list[str], list[Removal]]:
    """Remove furniture paragraphs; returns what is kept and what was removed (with the rule)."""
    removed: list[Removal] = []
    paras = _cut_comment_section(paras, removed)
    paras = _cut_tag_lists(paras, removed)
    kept: list[str] = []
    everything = "\n".join(p for p in paras if len(p) <= _LONGEST_RULE).lower()
    appeals_possible = _mentions(everything, _APPEAL_WORDS)
    for p in paras:
        if len(p) > _LONGEST_RULE:
            kept.append(p)
            continue
        lower = p.lower()
        if len(p) > _LONGEST_SHORT_RULE:
            rule = "appeal" if appeals_possible and is_appeal(p, lower) else None
        else:
            rule = next((name for name, test in LINE_RULES if test(p, lower)), None)
        if rule:
            if rule == "site-note" and kept and len(kept[-1]) <= _LONGEST_SHORT_RULE and PARAGRAPH_NOTES.match(p):
                # "Here is one of them:" alone: the paragraph before it is the series intro it closes
                removed.append(Removal("series-intro", kept.pop()))
            removed.append(Removal(rule, p))
        else:
            kept.append(p)
    return kept, removed


def _cut_comment_section(paras: list[str], removed: list[Removal]) -> list[str]:
    """A comments header in the last part of the page starts the comment box: drop it and all after."""
    start = int(len(paras) * 0.5)
    for i in range(start, len(paras)):
        if COMMENT_HEADER.match(paras[i]):
            removed.extend(Removal("comment-section", p) for p in paras[i:])
            return paras[:i]
    return paras


def _cut_tag_lists(paras: list[str], removed: list[Removal]) -> list[str]:
    """'Tags:' headers with the labels after them, and a bare run of labels closing the article."""
    out: list[str] = []
    i = 0
    while i < len(paras):
        if TAG_HEADER.match(paras[i]) and len(paras[i]) <= 300:
            removed.append(Removal("tag-list", paras[i]))
            i += 1
            while i < len(paras) and _is_label(paras[i]):
                removed.append(Removal("tag-list", paras[i]))
                i += 1
            continue
        out.append(paras[i])
        i += 1
    tail = 0
    while tail < len(out) - 1 and _is_label(out[-1 - tail]):
        tail += 1
    if tail >= 4:
        removed.extend(Removal("tag-list", p) for p in out[-tail:])
        out = out[:-tail]
    return out


# -- furniture inside the text ---------------------------------------------------------------------------
# Plain text pasted from a page (or a record's text) often has the site's notes glued into the paragraphs:
# a syndication note, a newsletter box, social handles, a reporter's contact line. Where such a note stands
# alone as a paragraph, ingest removes it (`site-note` below); where it is glued into prose, reuse ignores
# its words (`inline_furniture`), so that two articles of one site never look alike through their furniture.

# Each note pattern with what any match of it contains, in lower case: every item, and of an item "a|b", a or
# b. A text is searched only with the patterns whose items it holds. One alternation of all forty patterns,
# tried at every character, cost more than the rest of cleaning; patterns that cannot match anywhere in a
# text never win a position in it, so searching with the others finds exactly the same notes.
_NOTE_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\bhas not been edited by\b.{0,80}\bstaff\b", ("edited by", "staff")),
    (r"\bauto-generated from a syndicated feed\b", ("syndicated feed",)),
    (r"\b(?:this|the) (?:article|story) (?:was|first) (?:originally )?(?:published|appeared) (?:on|in|at)\b",
     ("article |story ", "published|appeared")),
    (r"\bfollow (?:us|@?\w+(?:\.\w+)?(?: \w+){0,3}) on (?:twitter|facebook|instagram|x)\b",
     ("follow ", "twitter|facebook|instagram| on x")),
    (r"\bon twitter\s*:?\s*@\w+", ("on twitter", "@")),
    (r"\blike (?:us|the [^.!?\n]{0,40}) on facebook\b", ("like ", " on facebook")),
    (r"[\w.+-]+@[\w-]+\.(?:com|org|net|co\.\w+|[a-z]{2})\b", ("@",)),
    (r"\b(?:story|article) continues below\b", ("continues below",)),
    (r"\bcontinue reading (?:below|the (?:main )?story)\b", ("continue reading",)),
    (r"\bread more\s*:", ("read more",)),
    (r"\bread or share this story\b", ("read or share",)),
    (r"\ball rights reserved\b", ("all rights reserved",)),
    (r"\bmay not be (?:published|reproduced|broadcast|rewritten|redistributed)\b", ("may not be",)),
    (r"(?:©|\(c\)|\bcopyright)\s*(?:\d{4}|the\b)", ("©|(c)|copyright",)),
    (r"\b(?:sign up|subscribe)\b[^.!?\n]{0,80}\b(?:newsletters?|inbox)\b", ("sign up|subscribe", "newsletter|inbox")),
    (r"\bnewsletters?\b[^.!?\n]{0,60}\b(?:sign up|subscribe|inbox|click)\b",
     ("newsletter", "sign up|subscribe|inbox|click")),
    (r"\bdelivered to your inbox\b", ("delivered to your inbox",)),
    (r"\bnever miss (?:our|a|the) (?:top )?stor", ("never miss",)),
    (r"\bsubscribe (?:here|now|today)\b", ("subscribe here|subscribe now|subscribe today",)),
    (r"\bfree sign up\b", ("free sign up",)),
    (r"\bregistered users can read\b", ("registered users",)),
    (r"\btake a free trial\b", ("free trial",)),
    (r"\bvideo is restricted from playing\b", ("video is restricted",)),
    (r"\bwatch the latest video at\b", ("latest video",)),
    (r"\bhave your say\b", ("have your say",)),
    (r"\bis a (?:member of [^.!?\n]{0,40}board of contributors|co-host of the [^.!?\n]{0,40}podcast)\b",
     ("board of contributors|co-host of the",)),
    (r"\breporter [^.!?\n]{0,40}\bat \(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b", ("reporter ",)),
    # correction headers and notes
    (r"(?:^|(?<=\n))corrections?\s*:?\s*(?=\n|$)", ("correction",)),
    (r"\bbecause of an editing error\b", ("editing error",)),
    (r"\ban earlier version of this (?:article|story|report|post)\b", ("earlier version",)),
    (r"(?:^|(?<=\n))as (?:published|printed|it appeared) in (?:the )?[^.!?\n]{0,60}\.?(?=\n|$)",
     ("as published|as printed|as it appeared",)),
    # sign-up, trial and paywall forms
    (r"\benter your (?:details|e-?mail|password)\b", ("enter your",)),
    (r"\bfill (?:in|out) the [^.!?\n]{0,40}\bform\b", ("fill in|fill out", "form")),
    (r"\bpassword (?:for your account )?must\b[^.!?\n]{0,60}\bcharacters\b", ("password", "must")),
    (r"\bunsubscribe\b", ("unsubscribe",)),
    (r"\baccepts? [^.!?\n]{0,20}\be-?mail addresses\b", ("mail addresses",)),
    # series, podcast and digest notes addressed to the reader
    (r"\bis (?:part|one) of (?:our|[\w.]+(?: [\w.]+){0,3}(?:'|’)s) (?:[\w-]+ ){0,4}(?:series|initiative|project)\b",
     ("is part of |is one of ", "series|initiative|project")),
    (r"\b(?:listen|subscribe) to [^.!?\n]{0,60}\bpodcast\b", ("listen to |subscribe to ", "podcast")),
    (r"\byour (?:daily|weekly|morning|evening) (?:look|briefing|digest|round-?up|update|dose)\b",
     ("your daily|your weekly|your morning|your evening",)),
    (r"\b(?:receive|get) this (?:daily|weekly) (?:update|newsletter|briefing)\b", ("this daily|this weekly",)),
)
SITE_NOTES = re.compile("|".join(pattern for pattern, _ in _NOTE_PATTERNS), re.IGNORECASE)
_ALTERNATIVES = {item: tuple(item.split("|")) for _, needs in _NOTE_PATTERNS for item in needs}


@lru_cache(maxsize=512)
def _notes_among(which: tuple[int, ...]) -> re.Pattern[str]:
    return re.compile("|".join(_NOTE_PATTERNS[k][0] for k in which), re.IGNORECASE)


def _site_notes(lower: str) -> re.Pattern[str] | None:
    """SITE_NOTES limited to the patterns whose words the text holds (None: no note can match)."""
    which = tuple(k for k, (_, needs) in enumerate(_NOTE_PATTERNS)
                  if all(_mentions(lower, _ALTERNATIVES[item]) for item in needs))
    return _notes_among(which) if which else None
# A series intro ("... is taking a look at 20 issues of the year. Here is one of them:") is furniture as a
# whole paragraph: the cue closes it (or stands on the line after it), and the note reaches back to the
# paragraph's start.
PARAGRAPH_NOTES = re.compile(
    r"\s*\bhere (?:is|are|'s) (?:one|another|the (?:next|latest)) of (?:them|these)\s*:?\s*(?=\n|$)", re.IGNORECASE)
_NOTE_WORDS = ("edited", "syndicated", "publish", "appeared", "follow", "twitter", "facebook", "@", "continue",
               "read", "reserved", "redistribut", "reproduc", "©", "(c)", "copyright", "sign up", "subscri",
               "newsletter", "inbox", "never miss", "registered", "trial", "video", "have your say",
               "contributors", "podcast", "reporter", "correction", "editing error", "earlier version",
               "printed", "enter your", "form", "password", "addresses", "series", "initiative", "project",
               "your daily", "your weekly", "your morning", "your evening", "this daily", "this weekly",
               "of them", "of these")
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s+|\n")
_BACK, _REACH = 150, 300  # characters a note may reach from its cue back and on to the sentence bounds


def _mentions_note(lower: str) -> bool:
    return _mentions(lower, _NOTE_WORDS)


def inline_furniture(text: str) -> list[tuple[int, int]]:
    """Character spans of site notes in the text: each cue taken to the bounds of its sentence."""
    lower = text.lower()
    if not _mentions_note(lower):
        return []
    notes = _site_notes(lower)
    spans: list[tuple[int, int]] = []
    for m in notes.finditer(text) if notes is not None else ():
        window = text[max(0, m.start() - _BACK): m.start()]
        ends = list(_SENTENCE_END.finditer(window))
        start = m.start() - len(window) + ends[-1].end() if ends else (0 if m.start() <= _BACK else m.start())
        after = _SENTENCE_END.search(text, m.end(), min(len(text), m.end() + _REACH))
        end = after.start() + 1 if after else min(len(text), m.end() + _REACH)
        spans.append((start, end))
    paragraph_notes = "here " in lower and _mentions(lower, ("of them", "of these"))  # what any match holds
    for m in PARAGRAPH_NOTES.finditer(text) if paragraph_notes else ():
        start = text.rfind("\n", 0, m.start()) + 1
        if not text[start:m.start()].strip() and start > 0:  # the cue stands on its own line: the intro before
            start = text.rfind("\n", 0, start - 1) + 1
        spans.append((start, m.end()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def is_site_note(p: str, lower: str | None = None) -> bool:
    """A short paragraph that is a site note as a whole (most of its characters)."""
    if len(p) > 300 or not _mentions_note(lower or p.lower()):
        return False
    return sum(e - s for s, e in inline_furniture(p)) >= 0.8 * len(p.strip())
