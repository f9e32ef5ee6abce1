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
from .categories import category_of
from .speakers import PRONOUNS, SPEAKER_PRONOUNS, Mention, gender_of, head_word, kind_of, resolve

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


def canonical_sources(atts: list[Attribution], text: str, mentions: list[Mention] | None = None) -> None:
    """Fill `canonical`, `resolution` and `note` for every attribution with a source. `mentions`: the
    subjects of the article's clauses (`speakers.mentions_in`), which pronouns may stand for besides earlier
    sources; without them a pronoun takes the last source of its kind."""
    full_names: list[str] = []  # persons and organisations named in full, in order
    descriptions: dict[str, str] = {}  # "spokesman" -> "Hafeth al-Dabaa"
    abbreviations: dict[str, str] = {m.group(2): m.group(1).strip() for m in re.finditer(
        r"((?:[Tt]he\s+)?(?:[A-Z][\w'’-]*\s+){1,6})\(([A-Z]{2,6})\)", text)}
    last_by_kind: dict[str, str] = {}
    # subjects inside what someone is reported to say are theirs, not the article's: "BBC notes that [the
    # MSC's claim] could not be verified. It adds ..." is the BBC adding
    reported = [piece for att in atts for piece in att.content]
    known: list[Mention] = [m for m in mentions or [] if not any(a <= m.span[0] < b for a, b in reported)]
    genders: dict[str, str] = {}  # a name's gender, learnt from the pronouns that stood for it
    organisations: list[tuple[str, str]] = []  # (canonical, as written) of the organisations cited, in order

    def name_of(phrase: str) -> tuple[str, str]:
        bare = _bare(_head_phrase(phrase))
        if bare in abbreviations:
            return _bare(abbreviations[bare]), "alias"
        for full in full_names:
            if bare == _initials(full):
                return full, "alias"
        fullest = _fullest(bare, full_names)
        return fullest, ("name" if fullest == bare else "alias")

    for att in atts:
        if not att.source:
            continue
        raw = text[slice(*att.extra.get("antecedent", att.source))]  # "who" stands for its antecedent
        head, appositive = _name_and_appositive(raw)
        # "a statement released by Amaq", "Amaq's statement": the statement's author
        author = re.search(r"\b(?:released|issued|published|posted|put out)\s+by\s+(.+)$|^(.+?)[’']s\s+\w+$",
                           text[slice(*att.extra.get("written_by", att.source))])
        if author and att.kind == "document":
            head = (author.group(1) or author.group(2)).strip()
        bare = _bare(_head_phrase(head))
        lower = bare.lower()
        canonical, resolution = None, ""
        if lower in PRONOUNS and mentions is not None:
            found, why = resolve(lower, att.source[0], known, speaking=att.category != "stance")
            if found is not None:
                # a source's canonical name as it stands; a subject's as the article names it
                canonical, resolution = (found.name if found.speaker else name_of(found.name)[0]), "pronoun"
                att.kind = found.kind if found.kind in ("person", "organisation", "outlet", "document",
                                                          "anonymous") else att.kind
                if PRONOUNS[lower] in ("he", "she"):
                    genders[canonical] = "m" if PRONOUNS[lower] == "he" else "f"
            else:
                canonical, resolution, att.note = bare, "unresolved", why
        elif lower in ("who", "which", "that"):
            canonical, resolution = bare, "unresolved"
            att.note = f"the parse gives no antecedent for “{bare}”"
        elif lower in SPEAKER_PRONOUNS:
            canonical, resolution = bare, "unresolved"
            att.note = resolve(lower, att.source[0], known)[1]
        elif lower in _PRONOUNS:
            wanted = _PRONOUNS[lower]
            canonical = last_by_kind.get(wanted) or last_by_kind.get("any")
            resolution = "pronoun" if canonical else "unresolved"
            if canonical is None:
                canonical, att.note = bare, f"no source is named before “{bare}”"
        elif _GENERIC.match(head) and "outlet" in last_by_kind:
            canonical, resolution = last_by_kind["outlet"], "description"
        if canonical is None and re.match(r"(?:the|this|that)\s", head.lower()):
            described = next((person for word, person in descriptions.items()
                              if re.search(rf"\b{re.escape(word)}\b", lower)), None)
            # "the spokeswoman" (a role and nothing more) with no one described so: the person cited last;
            # "the economy minister" may be someone new
            if described is None and " " not in lower and _ROLE.search(lower) and "person" in last_by_kind:
                described = last_by_kind["person"]
            # "the company", "the agency": the organisation cited last with that word in its name or description,
            # else the organisation cited last
            if described is None and " " not in lower and lower in _ANAPHORIC_ORGS and organisations:
                described = next((name for name, phrase in reversed(organisations) if lower in phrase.lower()),
                                 organisations[-1][0])
            if described is not None:
                canonical, resolution = described, "description"
        if canonical is None:
            canonical, resolution = name_of(head)
            if resolution == "name" and not _named(canonical):
                resolution = "description"  # "officials", "the district hospital": no name given
        att.canonical, att.resolution = canonical, resolution
        if resolution == "unresolved":
            continue
        if canonical not in full_names:
            full_names.append(canonical)
        # "Gen. David Rodriguez": a later "the top U.S. general" is him
        for title in re.findall(r"\b(Gen|Lt|Col|Maj|Capt|Sgt|Dr|Prof|Sen|Rep|Gov|Pres)\.", raw):
            descriptions[_TITLE_ROLES[title]] = canonical
        if appositive:
            for word in re.findall(r"\b(spokes(?:man|woman|person)|head|chief|leader|director|commander|"
                                   r"minister|official|general|president|editor|reporter|correspondent|"
                                   r"colonel|major|captain|doctor|mayor|governor|secretary)\b",
                                   appositive.lower()):
                descriptions[word] = canonical
        if not att.extra.get("typed_by_context"):
            att.kind = _kind_of(canonical, att.kind)
        if att.kind != att.extra.get("kind"):  # "it adds" is the outlet's report: a document's
            att.category = category_of(att.extra.get("lemma", ""), source_kind=att.kind,
                                       negated=bool(att.extra.get("negated")))
        plural = att.kind == "anonymous" and not lower.startswith(("a ", "an ", "one "))
        known.append(Mention(att.source, canonical, att.kind, plural, genders.get(canonical) or gender_of(raw),
                             speaker=not att.extra.get("recipient") and att.category != "stance"))
        last_by_kind["any"] = canonical
        if att.kind in ("organisation", "outlet") and not att.extra.get("recipient"):
            organisations.append((canonical, raw))
        if not att.extra.get("recipient"):  # "the report" is the outlet cited, not the one told
            last_by_kind[att.kind if att.kind in ("person", "outlet") else "other"] = canonical
    _name_descriptions(atts, text)


def _name_and_appositive(raw: str) -> tuple[str, str]:
    """The name in a source phrase, and the rest: "Hafeth al-Dabaa, a spokesman for ..." -> the name; "The
    army's spokeswoman, Col. Irena Vasko" and "army spokeswoman Col. Irena Vasko" -> "Col. Irena Vasko"."""
    head = raw.split(",")[0].strip()
    appositive = raw[len(head):].strip(" ,")
    first_appositive = appositive.split(",")[0].strip()
    # a one-word name beside a description: "the city's electricity company, VellEnergo,"
    single = re.fullmatch(r"[A-Z][a-z]+[A-Z][\w'’-]*|[A-Z]{2,6}", first_appositive) is not None and (
        re.match(r"(?:the|its|their|a|an)\s", head, re.I) is not None or head[:1].islower())
    if first_appositive and (_NAME_TAIL.fullmatch(first_appositive) or single) and not _NAME_TAIL.search(head):
        head, appositive = first_appositive, head
    tail = _NAME_TAIL.search(head)
    if tail and tail.start() > 0 and head[: tail.start()].strip()[:1].islower():
        head, appositive = tail.group().strip(), (head[: tail.start()] + " " + appositive).strip()
    elif tail and tail.start() > 0 and re.match(r"(?:the|a|an)\s", head, re.I) is None and \
            head[: tail.start()].split()[-1:] and head[: tail.start()].split()[-1].islower():
        head, appositive = tail.group().strip(), (head[: tail.start()] + " " + appositive).strip()
    return re.sub(r"\s*\([A-Z]{2,6}\)", "", head), appositive  # "The Long War Journal (LWJ)"


def _head_phrase(phrase: str) -> str:
    """A phrase without its relative clause: "Listeners in Veldra who called the programme" -> "Listeners in
    Veldra"."""
    return re.split(r"\s+(?:who|which|whose|whom)\s|,", phrase.strip(), maxsplit=1)[0].strip()


def _named(name: str) -> bool:
    """A proper name ("Irena Vasko", "MSC", "Amaq"), not a description ("officials", "the district hospital")."""
    words = [w for w in name.split() if w.lower() not in ("the", "of", "for", "and", "al", "de")]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _name_descriptions(atts: list[Attribution], text: str) -> None:
    """An indefinite description in a lede that the next paragraphs name is the one named:
    - "A senior official in Dravik said ... The official, Anton Reiss, told ...": the same head noun, made
      definite, with the name beside it;
    - "A media arm of the Islamic State concedes ..." then "Amaq News Agency, which provides updates on the
      Islamic State's fighting ...": the same kind of speaker, and the description's "of X" is said of the name
      too."""
    for n, att in enumerate(atts):
        if not att.source or att.resolution != "description":
            continue
        phrase = text[slice(*att.source)]
        head = head_word(phrase).lower()
        if re.match(r"(?:an?|one)\s", phrase, re.I) and head:
            named = next((later for later in atts[n + 1:] if later.source and later.resolution in ("name", "alias")
                          and re.match(rf"(?:the|this)\s+{re.escape(head)},", text[slice(*later.source)], re.I)),
                         None)
            if named is not None:
                att.canonical, att.kind = named.canonical, named.kind
                continue
        described = re.match(r"(?:an?|one)\s+(?:[\w'’-]+\s+){0,3}?(?:of|for|from)\s+(?:the\s+)?(.+)$", phrase, re.I)
        if described is None:
            continue
        whom = described.group(1).strip(" ,.")
        if not _named(whom):
            continue
        horizon = att.sentence[1] + 1200
        for later in atts[n + 1:]:
            if later.cue[0] > horizon:
                break
            if not later.source or later.resolution != "name" or later.kind != att.kind and {
                    later.kind, att.kind} != {"organisation", "outlet"}:
                continue
            around = text[later.source[0]:later.sentence[1]]
            if re.search(rf"\b{re.escape(whom)}\b", around):
                att.canonical, att.kind = later.canonical, later.kind
                att.category = category_of(att.extra.get("lemma", ""), source_kind=att.kind,
                                           negated=bool(att.extra.get("negated")))
                break


# The role a title names, for a later description that uses the noun.
_TITLE_ROLES = {"Gen": "general", "Lt": "lieutenant", "Col": "colonel", "Maj": "major", "Capt": "captain",
                "Sgt": "sergeant", "Dr": "doctor", "Prof": "professor", "Sen": "senator", "Rep": "representative",
                "Gov": "governor", "Pres": "president"}
# Descriptions that point back to an organisation already named ("the company" after "Halvik Steel announced"),
# unlike the names of institutions ("the army", "the police"), which are names of their own.
_ANAPHORIC_ORGS = frozenset("company firm group agency organisation organization operator alliance charity union "
                            "movement militia coalition network".split())
_REPORTING = re.compile(r"\b(?:say|said|report|note|add|write|wrote|state|claim|tell|told|quote|cite|according|"
                        r"publish|broadcast|carr(?:y|ie))", re.I)
_ROLE = re.compile(r"\b(?:spokes(?:man|woman|person)|official|minister|director|commander|chief|head|leader|"
                   r"general|president|governor|mayor|secretary|ambassador|envoy|coordinator)$")


def _kind_of(canonical: str, kind: str) -> str:
    """The kind the name itself says, where it says one: "Islamic State" is an organisation and "Irena Vasko"
    a person, whatever the phrase around them said."""
    named = kind_of(canonical)
    if named == "outlet":
        return "outlet"
    if named == "organisation" and kind in ("person", "anonymous", "unknown"):
        return "organisation"
    if named == "person" and _NAME_TAIL.fullmatch(canonical) and kind in ("organisation", "anonymous", "unknown"):
        return "person"
    return kind


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
