"""Outlet names: the shapes they take, whether two names are one outlet, and the outlet an article names as
its own when metadata gives none.

An article often says who published it: a byline line ("By Jane Doe, The Lantern", "For The Lantern"), an
author's bio ("Jane Doe is a reporter for The Lantern", "Senior Editor for FDD's Long War Journal"), a
copyright line ("© 2016 The Lantern"), a syndication note ("This article first appeared on The Lantern") or a
line pointing at its own site ("Follow us at thelantern.example"). Each rule gives a name and the characters
of the clean text it stands on. Nothing is guessed: a line that merely mentions an outlet ("a reporter for
The Times, said ...") is not about the article itself, and two self-descriptions naming different outlets
give none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Words an outlet's name ends with ("Valley Times", "Coastal Press Agency") or starts with ("Radio Kessany").
_ENDINGS = (r"News Agency|News|Agency|Press|Journal|Times|Post|Herald|Gazette|Tribune|Daily|Monitor|Observer|"
            r"Ledger|Express|Telegraph|Chronicle|Review|Magazine|Radio|TV|Television|Broadcasting|Network|Channel|"
            r"Wire|Bulletin|Courier|Dispatch|Register|Sentinel|Standard|Mirror|Star|Examiner|Inquirer|FM|Today|"
            r"Weekly|Monthly|Times-[A-Z]\w+")
_SHAPE_END = re.compile(rf"\b(?:{_ENDINGS})$")
_SHAPE_START = re.compile(r"^(?:Radio|Television|TV)\s+[A-Z]")

# A name as written in a byline, bio or footer: capitalised words, with "of", "and", "the", "&" inside and
# possessives ("FDD's Long War Journal"); a leading "the" is kept.
_WORD = r"[A-Z][\w'’&.-]*"
_NAME = rf"(?:[Tt]he\s+)?{_WORD}(?:\s+(?:of|and|the|de|&|on|{_WORD}))*?(?:\s+{_WORD})?"
_DOMAIN = r"(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^\s]*)?"

# Jobs a bio names ("a reporter for", "Senior Editor for", "contributing writer at").
_ROLE = (r"(?i:reporter|writer|editor|correspondent|columnist|contributor|journalist|producer|blogger|"
         r"photographer|anchor|host|commentator|bureau chief|staff writer|intern)s?")
_PERSON = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}"
_END = r"(?=\s*(?:[.,;:|)]|\s+and\b|\s+who\b|\s+where\b|\s+based\b|$))"

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "By Jane Doe, The Lantern" / "By Jane Doe for The Lantern" / "For The Lantern" as a line of its own
    ("byline", re.compile(rf"^By\s+{_PERSON}(?:\s*,\s*|\s+for\s+|\s+of\s+)(?P<name>{_NAME})\s*$")),
    ("byline", re.compile(rf"^For\s+(?P<name>{_NAME})\s*$")),
    # an author's bio: "Jane Doe is a reporter for The Lantern." / "... and the Senior Editor for FDD's ..."
    ("self-description", re.compile(
        rf"^{_PERSON}\s+(?:is|was|has been)\s[^.\n]{{0,160}}?"
        rf"\b{_ROLE}\s+(?:for|at|with)\s+(?P<name>{_NAME}){_END}")),
    ("self-description", re.compile(rf"^{_PERSON}\s+(?:writes|reports)\s+for\s+(?P<name>{_NAME}){_END}")),
    # "© 2016 The Lantern. All rights reserved." / "Copyright 2016 The Lantern" / "(c) The Lantern 2016"
    ("copyright", re.compile(
        rf"^(?:©\s*)?(?:Copyright\s*(?:©|\([cC]\))?|©|\([cC]\))\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?,?\s+)?"
        rf"(?P<name>{_NAME}|{_DOMAIN}){_END}")),
    # "This article first appeared on The Lantern." / "... was originally published by The Lantern"
    ("first-appeared", re.compile(
        rf"^This (?:article|story|piece|post|report)\s+(?:was\s+)?(?:first|originally)\s+"
        rf"(?:appeared|published|ran)\s+(?:on|in|at|by)\s+(?P<name>{_NAME}|{_DOMAIN}){_END}")),
    # "For more from The Lantern, download our app" / "Follow us at thelantern.example"
    ("self-reference", re.compile(rf"^For more (?:news |stories )?from\s+(?P<name>{_NAME})\s*,\s+[^.]*\bour\b")),
    ("url", re.compile(rf"^(?:Follow|Visit|Find|Read)\s+us\s+(?:at|on)\s+(?P<name>{_DOMAIN})\s*\.?\s*$", re.I)),
)
_WHOLE_LINE = frozenset({"byline", "url"})
# Lines whose copyright names a picture agency, not the article's publisher ("© 2016 Getty Images").
_PICTURE = re.compile(r"\b(?:Images?|Photos?|Pictures?|Photography)\b")
_TRAILING = re.compile(r"(?:\s+(?:and|of|the|de|&|on))+$")


@dataclass(frozen=True)
class OutletEvidence:
    """An outlet the text names as its own, found by `rule` in `line`: `text[span[0]:span[1]] == name`, or
    `span` None when the line was page furniture removed from the text (a copyright line, a footer)."""

    name: str
    rule: str
    span: tuple[int, int] | None
    line: str


def looks_like_outlet(name: str) -> bool:
    """A name shaped like an outlet's: 'Valley Times', 'The Marovia Monitor', 'Radio Kessany'."""
    bare = re.sub(r"^the\s+", "", name.strip().strip(".,").strip(), flags=re.I)
    return bare[:1].isupper() and bool(_SHAPE_END.search(bare) or _SHAPE_START.search(bare))


def outlet_key(name: str) -> str:
    """What two spellings of one outlet share: letters and digits, case folded, without a leading 'the', a
    'www.' or a top-level domain ('The Lantern', 'the lantern', 'thelantern.example' -> 'lantern')."""
    n = name.strip().casefold()
    n = re.sub(r"^https?://", "", n)
    n = re.sub(r"^www\.", "", n)
    if re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}(?:/\S*)?", n):
        n = n.split("/")[0].rsplit(".", 1)[0]
    n = re.sub(r"[^\w]|_", "", n)
    return n[3:] if n.startswith("the") and len(n) > 6 else n


def same_outlet(a: str, b: str) -> bool:
    """Whether two names are one outlet: same key, or one is the other with a qualifier in front
    ("FDD's Long War Journal" and "Long War Journal")."""
    ka, kb = outlet_key(a), outlet_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long = sorted((_words(a), _words(b)), key=len)
    return len(short) >= 2 and long[-len(short):] == short  # "Journal" alone is not "Long War Journal"


def _words(name: str) -> list[str]:
    words = re.findall(r"[\w'’&-]+", name.casefold())
    return words[1:] if words[:1] == ["the"] else words


def outlet_from_text(text: str, furniture: Sequence[str] = ()) -> OutletEvidence | None:
    """The outlet the article names as its own, with the rule and the span; None when it names none, or
    names more than one. `furniture`: lines removed from the text as page furniture, read too (without span)."""
    found = _candidates(text, with_spans=True)
    for line in furniture:
        found += _candidates(line, with_spans=False)
    if not found:
        return None
    first = found[0]
    if any(not same_outlet(first.name, other.name) for other in found[1:]):
        return None  # two outlets named as its own: not for us to choose
    # the fullest spelling ("FDD's Long War Journal" over "Long War Journal"), in the text before furniture
    return max(found, key=lambda e: (len(e.name), e.span is not None, -(e.span or (0,))[0]))


def _candidates(text: str, with_spans: bool) -> list[OutletEvidence]:
    found: list[OutletEvidence] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        lead = offset + len(line) - len(line.lstrip())
        bio_sized = len(stripped.split()) <= 60  # an author's bio is a short paragraph of its own
        for sentence_start, sentence in _sentences(stripped):
            for rule, pattern in _RULES:
                if sentence_start and rule in _WHOLE_LINE or rule == "self-description" and not bio_sized:
                    continue
                m = pattern.search(sentence)
                if m is None:
                    continue
                name = _TRAILING.sub("", m.group("name").rstrip(".,"))
                if not _acceptable(rule, name):
                    continue
                start = lead + sentence_start + m.start("name")
                found.append(OutletEvidence(name, rule, (start, start + len(name)) if with_spans else None, stripped))
        offset += len(line) + 1
    return found


def _sentences(line: str) -> list[tuple[int, str]]:
    """A line and each sentence of it after the first, so a bio that follows another sentence is read too."""
    out = [(0, line)]
    for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z])", line):
        out.append((m.end(), line[m.end():]))
    return out


def _acceptable(rule: str, name: str) -> bool:
    if len(name) < 3 or _PICTURE.search(name):
        return False
    if rule in ("url",) or re.search(r"\.[a-z]{2,}\b", name) and " " not in name:
        return True  # a site's own address
    if rule in ("byline", "self-reference"):
        # a byline's tail may be a job ("By Jane Doe, Senior Writer"): only a name shaped like an outlet's
        return looks_like_outlet(name) or rule == "self-reference"
    words = re.findall(r"[A-Za-z][\w'’-]*", name)
    return bool(words) and words[-1][:1].isupper()


def short_forms(name: str) -> set[str]:
    """A name, without a leading article, and its initials ('The Long War Journal' -> 'LWJ')."""
    name = name.strip()
    bare = re.sub(r"^(?:the|The)\s+", "", name)
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", bare) if w[0].isupper()]
    forms = {bare}
    if len(words) >= 2:
        forms.add("".join(w[0] for w in words))
    return {f for f in forms if len(f) >= 2}


_CREDITED_NAME = r"((?:the |The )?(?:[A-Z][\w'’&.-]*|of|for|and)(?: (?:[A-Z][\w'’&.-]*|of|for|and))*)"
_CREDIT_PATTERNS = [
    re.compile(r"\b(?:according to|notes|noted|adds|added|reports|reported|writes|wrote|told|says|said|cites|"
               r"cited|via|reported by|quoted by|in an? (?:interview|report|statement) (?:with|by|to))\s+"
               + _CREDITED_NAME),
    re.compile(_CREDITED_NAME + r"\s+(?:reports|reported|notes|noted|adds|added|says|said|writes|wrote|cited)\b"),
    re.compile(r"\(" r"([A-Z]{2,6})" r"\)"),  # "The Long War Journal (LWJ)"
]
_NOT_CREDITED_NAMES = frozenset("The He She They It We I This That These Those There A An In On At As But And Or If "
                       "When While Since Earlier Later Moreover However".split())


def credited_names(text: str) -> set[str]:
    """Names an article credits: `notes LWJ`, `according to BBC`, `The Long War Journal (LWJ)`."""
    names: set[str] = set()
    for pattern in _CREDIT_PATTERNS:
        for m in pattern.finditer(text):
            name = m.group(1).strip().rstrip(".")
            name = re.sub(r"\s+(?:of|for|and)$", "", name)
            if name and name.split()[0] not in _NOT_CREDITED_NAMES or name.startswith(("The ", "the ")):
                bare = re.sub(r"^(?:the|The)\s+", "", name)
                if bare and bare[0].isupper() and bare not in _NOT_CREDITED_NAMES:
                    names |= short_forms(name)
    return names
