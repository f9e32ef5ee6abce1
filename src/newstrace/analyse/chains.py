"""Chains and canonical sources within one article.

- Parent: an attribution whose content holds another's cue and source is its parent ("X said ...,
  according to BBC" makes BBC the parent of X); the smallest such content wins.
- Canonical source: later mentions resolve to the fullest name ("Dabaa" and "Gen. Rodriguez" to the name
  given in full before; "the MSC spokesman" to the person described as "a spokesman for the ... MSC"); he,
  she and they to the nearest earlier compatible source; abbreviations to their full names ("LWJ" and
  "The Long War Journal (LWJ)"); "the report" and "it" to the outlet cited just before.
"""

from __future__ import annotations

import re

from .attribution import Attribution

_TITLES = re.compile(r"^(?:the |a |an )?(?:(?:Gen|Lt|Col|Maj|Capt|Sgt|Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|Pres)\.?\s+)*",
                     re.I)
_PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "they": "any", "it": "outlet"}
# A person's name at the end of a phrase: capitalised words, titles allowed ("Col. Irena Vasko").
_NAME_TAIL = re.compile(r"(?:(?:Gen|Lt|Col|Maj|Capt|Sgt|Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|Pres)\.?\s+)*"
                        r"[A-Z][\w'’-]+(?:\s+(?:al|el|bin|de|van|von)?-?[A-Z][\w'’-]+)+$")
_GENERIC = re.compile(r"^(?:the|this|that)\s+(report|outlet|paper|newspaper|agency|broadcaster|station|site|"
                      r"channel|network)$", re.I)


def _bare(name: str) -> str:
    return re.sub(r"[’']s$", "", _TITLES.sub("", name.strip())).strip(" ,.")


def _initials(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", re.sub(r"^(?:the|The)\s+", "", name)) if w[0].isupper()]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def assign_parents(atts: list[Attribution]) -> None:
    for n, att in enumerate(atts):
        best: tuple[int, int] | None = None
        anchor = [att.cue] + ([att.source] if att.source else [])
        for m, other in enumerate(atts):
            if m == n:
                continue
            for a, b in other.content:
                if all(a <= s and e <= b for s, e in anchor):
                    # the smallest enclosing content; on a tie, the outlet told ("X told Radio Kessany ...,
                    # according to the Herald"), which is the inner link
                    size = (b - a) * 2 - (1 if other.extra.get("recipient") else 0)
                    if best is None or size < best[0]:
                        best = (size, m)
        att.parent = best[1] if best else None
    # "The BBC, citing Radio Kessany, said X ...": the station sits under the BBC, and X under the station
    for n, att in enumerate(atts):
        under = att.extra.get("under")
        report = next((m for m, other in enumerate(atts) if other.cue == under and m != n), None)
        if report is None:
            continue
        for other in atts:
            if other is not att and other.parent == report and other.cue[0] not in range(*att.cue):
                other.parent = n
        att.parent = report
    # no cycles: a parent must not be its own descendant
    for att in atts:
        seen: set[int] = set()
        node = att.parent
        while node is not None and node not in seen:
            seen.add(node)
            node = atts[node].parent
        if node is not None:
            att.parent = None


def canonical_sources(atts: list[Attribution], text: str) -> None:
    """Fill `canonical` for every attribution with a source."""
    full_names: list[str] = []  # persons and organisations named in full, in order
    descriptions: dict[str, str] = {}  # "spokesman" -> "Hafeth al-Dabaa"
    abbreviations: dict[str, str] = {m.group(2): m.group(1).strip() for m in re.finditer(
        r"((?:[Tt]he\s+)?(?:[A-Z][\w'’-]*\s+){1,6})\(([A-Z]{2,6})\)", text)}
    last_by_kind: dict[str, str] = {}
    for att in atts:
        if not att.source:
            continue
        raw = text[slice(*att.extra.get("antecedent", att.source))]  # "who" stands for its antecedent
        head = raw.split(",")[0].strip()  # "Hafeth al-Dabaa, a spokesman for ..." -> the name
        appositive = raw[len(head):].strip(" ,")
        # "The army's spokeswoman, Col. Irena Vasko": the appositive is the name
        first_appositive = appositive.split(",")[0].strip()
        if first_appositive and _NAME_TAIL.fullmatch(first_appositive) and not _NAME_TAIL.search(head):
            head, appositive = first_appositive, head
        # "army spokeswoman Col. Irena Vasko": a description, then the name
        tail = _NAME_TAIL.search(head)
        if tail and tail.start() > 0 and head[: tail.start()].strip()[:1].islower():
            head, appositive = tail.group().strip(), (head[: tail.start()] + " " + appositive).strip()
        elif tail and tail.start() > 0 and re.match(r"(?:the|a|an)\s", head, re.I) is None and \
                head[: tail.start()].split()[-1:] and head[: tail.start()].split()[-1].islower():
            head, appositive = tail.group().strip(), (head[: tail.start()] + " " + appositive).strip()
        head = re.sub(r"\s*\([A-Z]{2,6}\)", "", head)  # "The Long War Journal (LWJ)"
        # "a statement released by Amaq", "Amaq's statement": the statement's author
        author = re.search(r"\b(?:released|issued|published|posted|put out)\s+by\s+(.+)$|^(.+?)[’']s\s+\w+$", head)
        if author and att.kind == "document":
            head = (author.group(1) or author.group(2)).strip()
        bare = _bare(head)
        lower = bare.lower()
        canonical = None
        if lower == "it" and not _REPORTING.search(text[slice(*att.cue)]):
            canonical = None  # "It opposes ISIS": a stance, held by whatever "it" is, not an outlet's report
            att.kind = "unknown"  # nor a person's
        elif lower in _PRONOUNS:
            wanted = _PRONOUNS[lower]
            canonical = last_by_kind.get(wanted) or last_by_kind.get("any")
        elif _GENERIC.match(head) and "outlet" in last_by_kind:
            canonical = last_by_kind["outlet"]
        elif bare in abbreviations:
            canonical = _bare(abbreviations[bare])
        if canonical is None:
            for full, abbr in ((f, _initials(f)) for f in full_names):
                if bare == abbr:
                    canonical = full
                    break
        if canonical is None and re.match(r"(?:the|this|that)\s", head.lower()):
            described = next((person for word, person in descriptions.items()
                              if re.search(rf"\b{re.escape(word)}\b", lower)), None)
            # "the spokeswoman" with no one described so: the person cited last
            if described is None and _ROLE.search(lower) and "person" in last_by_kind:
                described = last_by_kind["person"]
            canonical = described
        if canonical is None:
            canonical = _fullest(bare, full_names)
        att.canonical = canonical
        if canonical not in full_names:
            full_names.append(canonical)
        if appositive:
            for word in re.findall(r"\b(spokes(?:man|woman|person)|head|chief|leader|director|commander|"
                                   r"minister|official|general|president|editor|reporter|correspondent)\b",
                                   appositive.lower()):
                descriptions[word] = canonical
        att.kind = _kind_of(canonical, att.kind)
        last_by_kind["any"] = canonical
        if not att.extra.get("recipient"):  # "the report" is the outlet cited, not the one told
            last_by_kind[att.kind if att.kind in ("person", "outlet") else "other"] = canonical


_REPORTING = re.compile(r"\b(?:say|said|report|note|add|write|wrote|state|claim|tell|told|quote|cite|according|"
                        r"publish|broadcast|carr(?:y|ie))", re.I)
_ROLE = re.compile(r"\b(?:spokes(?:man|woman|person)|official|minister|director|commander|chief|head|leader|"
                   r"general|president|governor|mayor|secretary|ambassador|envoy|coordinator)$")


def _kind_of(canonical: str, kind: str) -> str:
    """A name that reads as a person's ("Irena Vasko") is a person, whatever the phrase around it said."""
    from .outlets import is_outlet

    if is_outlet(canonical):
        return "outlet"
    if _ORGISH.search(canonical) and kind == "person":
        return "organisation"
    if _NAME_TAIL.fullmatch(canonical) and not _ORGISH.search(canonical) and kind in ("organisation", "anonymous"):
        return "person"
    return kind


_ORGISH = re.compile(r"\b(?:Council|Agency|Ministry|Department|Army|Front|Party|Command|Office|Government|"
                     r"Alliance|Hospital|Crescent|"
                     r"Committee|Commission|Alliance|Union|Group|Company|Association|Institute|University|Court|"
                     r"Police|Service|Forces|Movement|Organi[sz]ation|Hospital|Bank|Fund|Board)\b")


def _fullest(name: str, known: list[str]) -> str:
    """The longest known name that this one is a part of ("Rodriguez" -> "David Rodriguez")."""
    words = name.split()
    if not words:
        return name
    best = name
    for full in known:
        full_words = [re.sub(r"^(?:al|el|ad|as|ash|ibn|bin|van|von|de)-", "", w) for w in full.split()]
        if len(full_words) > len(words) and full_words[-len(words):] == words:
            # "David Rodriguez" extends "Rodriguez"; "media arm of the Islamic State" is not the Islamic State
            if len(full) > len(best) and not full_words[-len(words) - 1][:1].islower():
                best = full
        elif len(words) == 1 and words[0] in full_words and len(full) > len(best) and words[0][:1].isupper():
            best = full
    return best
