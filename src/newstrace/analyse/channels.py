"""Links of a chain that are not a reporting verb of their own: how the words reached the reporter.

- Channels: the outlet, statement or interview that carried someone's words ("X told the Herald", "said in a
  statement published by Y", "A statement carried by Y said", "Speaking to the BBC", "In an interview with
  Reuters", "X, quoted by Y, said"). Each becomes an attribution of its own whose content reaches over the
  speaker's whole attribution, so it becomes the speaker's parent; `extra["recipient"]` marks it.
- Citations inside a report ("Reuters reported, citing a police spokesman"; "The BBC, citing Radio Kessany,
  said ..."): the one cited is a child of the report and the parent of what the report carries
  (`extra["under"]` names the report's cue).
- "Y quoted X as saying Z" and "X was quoted by Y as saying Z": Y's attribution holds X's.
"""

from __future__ import annotations

import re
from typing import Any

from .outlets import is_outlet
from .spans import span_of, subtree_span

CHANNEL_VERBS = frozenset("publish carry post release broadcast air issue print run quote cite report read"
                          .split())
CHANNEL_NOUNS = frozenset("statement interview communique communiqué release post video broadcast message "
                          "letter remarks comments briefing address speech".split())
SPEAKING = frozenset("speak talk write".split())
_MEDIA_NOUN = re.compile(r"\b(?:paper|newspaper|agency|broadcaster|radio|station|channel|network|outlet|website|"
                         r"daily|weekly|magazine|television|tv|newsroom|programme|program|show|podcast)$", re.I)


def noun_phrase(token: Any) -> list[Any]:
    """The words of a noun phrase up to its head: "the Harbour Ledger", not "..., which broadcast ..."."""
    return [t for t in token.subtree if t.left_edge.i >= token.left_edge.i and t.i <= token.i]


def is_channel(token: Any) -> bool:
    """An outlet by name or by kind: "the Harbour Ledger", "Lakeside FM", "local radio", "the paper",
    "the group's radio station". Not an audience ("told reporters", "told parliament")."""
    words = noun_phrase(token)
    text = token.doc[words[0].i: token.i + 1].text
    if is_outlet(text) or re.search(r"\b(?:FM|AM|TV|Radio)$|^(?:the\s+)?Radio\s+[A-Z]", text):
        return True
    return bool(_MEDIA_NOUN.search(token.text)) and token.pos_ == "NOUN"


def _agent_of(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def channel_links(verb: Any, cue: tuple[int, int], source: Any | None, content: list[tuple[int, int]],
                  sentence: tuple[int, int]) -> list[tuple[tuple[int, int], tuple[int, int], list[tuple[int, int]]]]:
    """(cue, source, content) of each channel that carried this attribution's words."""
    reach_spans = [cue] + ([subtree_span(source)] if source is not None else []) + content
    reach = [(min(a for a, _ in reach_spans), max(b for _, b in reach_spans))]
    links = []

    def add(cue_token: Any, carrier: Any) -> None:
        words = noun_phrase(carrier)
        links.append((span_of([cue_token]), span_of(words), reach))

    lemma = verb.lemma_.lower()
    for child in verb.children:
        # "X told the Herald", "told local radio"
        if lemma == "tell" and child.dep_ in ("dobj", "dative") and (source is None or child.i != source.i) \
                and is_channel(child):
            add(verb, child)
        # "said in a statement published by Y", "said in an interview with Reuters"
        if child.dep_ == "prep" and child.lower_ in ("in", "during", "to"):
            for noun in (g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() in CHANNEL_NOUNS):
                _noun_channel(noun, add)
        # "Speaking to the BBC, X said"
        if child.dep_ == "advcl" and child.lemma_.lower() in SPEAKING and child.i < verb.i:
            for prep in (g for g in child.children if g.dep_ == "prep" and g.lower_ in ("to", "with")):
                for carrier in (g for g in prep.children if g.dep_ == "pobj"):
                    add(child, carrier)
    # "A statement carried by Y said", "X, quoted by Y, said"
    if source is not None:
        for acl in getattr(source, "token", source).children:
            carrier = _agent_of(acl) if is_channel_verb(acl) else None
            if carrier is not None:
                add(acl, carrier)
    return links


def _noun_channel(noun: Any, add: Any) -> None:
    for grand in noun.children:
        if grand.dep_ == "acl" and grand.lemma_.lower() in CHANNEL_VERBS:  # "... published by Y"
            carrier = _agent_of(grand) or next((g for c in grand.children if c.dep_ == "prep" and c.lower_ == "on"
                                                for g in c.children if g.dep_ == "pobj" and is_channel(g)), None)
            if carrier is not None:  # "a statement read on state radio"
                add(grand, carrier)
        if grand.dep_ == "prep" and grand.lower_ in ("with", "to", "on") and noun.lemma_.lower() in (
                "interview", "broadcast", "briefing", "remarks", "comments"):
            for carrier in (g for g in grand.children if g.dep_ == "pobj"):
                add(noun, carrier)


def is_channel_verb(verb: Any) -> bool:
    """"quoted by Y" / "carried by Y" hanging on a noun: a channel link of the attribution around it."""
    return verb.dep_ == "acl" and verb.lemma_.lower() in CHANNEL_VERBS and _agent_of(verb) is not None


def source_without_channel(source: Any) -> tuple[int, int]:
    """"A statement carried by the agency" as a source is "A statement": the carrier is a link of its own."""
    cut = [c for c in getattr(source, "token", source).children if c.dep_ == "acl" and c.lemma_.lower() in CHANNEL_VERBS
           and _agent_of(c) is not None]
    if not cut:
        return subtree_span(source)
    skip = {t.i for c in cut for t in c.subtree}
    return subtree_span(source, skip)


def citing(verb: Any) -> tuple[Any, Any] | None:
    """("citing", the one cited) when `verb` is "citing Y"/"quoting Y" hanging on a report's verb; the verb
    it hangs on is `verb.head`."""
    if verb.lemma_.lower() not in ("cite", "quote") or verb.tag_ != "VBG" or verb.dep_ not in (
            "advcl", "xcomp", "acl", "conj", "dep"):
        return None
    cited = next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)
    return (verb, cited) if cited is not None else None


def quoted_as_saying(verb: Any) -> tuple[Any, Any, Any] | None:
    """For "Y quoted X as saying Z" / "X was quoted by Y as saying Z" / "Y cited X as saying Z": (Y, X,
    "saying"), the outer source, the inner source and the inner cue."""
    if verb.lemma_.lower() not in ("quote", "cite"):
        return None
    saying = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                   if g.lemma_.lower() in ("say", "tell", "write", "warn", "describe", "state", "add")), None)
    if saying is None:
        return None
    agent = _agent_of(verb)
    if agent is not None:
        inner = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        outer = agent
    else:
        outer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        inner = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if inner is None:
        return None
    return outer, inner, saying
