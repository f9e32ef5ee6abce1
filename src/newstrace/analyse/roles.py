"""The roles around a cue besides the source and the content, read from the parse.

- The addressee: who the words were said to. `told reporters`, `said to the council` (an audience);
  `told CTV News`, `in an interview with Reuters`, `Speaking to the BBC`, `in a statement to the Herald` (a
  channel: an outlet, or a medium such as `local radio`). The speaker stays the source: the outlet told is
  where the words went, not who said them.
- The speaker's role: what the article says the source is. `Hafeth al-Dabaa, [a spokesman for the Derna
  Mujahideen Shura Council]`, `[army spokeswoman] Col. Irena Vasko`, `[The army's spokeswoman], Col. Irena
  Vasko`. Kept as its own span inside the source's, so a reader sees the name and the role apart.
"""

from __future__ import annotations

from typing import Any

from .channels import CHANNEL_NOUNS, CHANNEL_VERBS, is_channel, noun_phrase
from .spans import span_of, trim_punct
from .speakers import ORG_HEADS, PERSON_NOUNS

# Verbs whose object is the one told: "told reporters", "assured voters", "reminded the audience".
TELLING = frozenset("tell inform assure remind brief advise notify warn promise".split())
# Verbs of saying that take the one told with "to": "said to reporters", "wrote to the council".
SAYING_TO = frozenset("""say speak talk explain write announce complain describe admit confess declare report repeat
recount reply respond insist add mention confirm deny concede acknowledge suggest""".split())
_SPEAKING = frozenset("speak talk".split())
AUDIENCE, CHANNEL = "audience", "channel"


def addressee_of(verb: Any, source: Any | None = None) -> tuple[tuple[int, int], str] | None:
    """(span, kind) of who the cue `verb` says its words to, kind being "channel" or "audience"; None when the
    sentence does not say."""
    lemma = verb.lemma_.lower()
    skip = {source.i} if source is not None else set()
    for child in verb.children:
        if child.i in skip or child.i < verb.i:
            continue
        # "told reporters", "told CTV News that ...": the object of a verb of telling (not a clause)
        if lemma in TELLING and child.dep_ in ("dobj", "dative") and child.pos_ in ("NOUN", "PROPN", "PRON"):
            return _found(child)
        # "said to reporters", "wrote to the council"
        if lemma in SAYING_TO and child.dep_ == "prep" and child.lower_ == "to":
            told = next((g for g in child.children if g.dep_ == "pobj"), None)
            if told is not None:
                return _found(told)
        # "said in an interview with Reuters", "in a statement to the Herald"
        if (found := _in_channel(child)) is not None:
            return found
    # "Speaking to the BBC, X said", "In an interview with Reuters, X said"
    for child in verb.children:
        if child.i > verb.i:
            continue
        if child.dep_ == "advcl" and child.lemma_.lower() in _SPEAKING:
            for prep in (g for g in child.children if g.dep_ == "prep" and g.lower_ in ("to", "with")):
                told = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if told is not None:
                    return _found(told)
        if (found := _in_channel(child)) is not None:
            return found
    return None


def _in_channel(child: Any) -> tuple[tuple[int, int], str] | None:
    """The addressee in "in an interview with Reuters", "during a statement to the Herald", if `child` is
    that prepositional phrase; None otherwise."""
    if child.dep_ == "prep" and child.lower_ in ("in", "during"):
        for noun in (g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() in CHANNEL_NOUNS):
            found = _with_or_to(noun)
            if found is not None:
                return found
    return None


def _with_or_to(noun: Any) -> tuple[tuple[int, int], str] | None:
    """"an interview [with Reuters]", "a statement [to the Herald]", "a statement published [by the Herald]"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("with", "to", "on"):
            told = next((g for g in child.children if g.dep_ == "pobj"), None)
            if told is not None:
                return _found(told)
        if child.dep_ == "acl" and child.lemma_.lower() in CHANNEL_VERBS:
            carrier = next((g for c in child.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"),
                           None)
            if carrier is not None:
                return _found(carrier)
        if child.dep_ == "acl":  # "a message sent [to journalists]"
            told = next((g for c in child.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children
                         if g.dep_ == "pobj"), None)
            if told is not None:
                return _found(told)
    return None


def _found(token: Any) -> tuple[tuple[int, int], str]:
    words = trim_punct(noun_phrase(token)) or [token]
    return span_of(words), CHANNEL if is_channel(token) else AUDIENCE


def role_of(source: Any) -> tuple[int, int] | None:
    """The span of the source's role: its apposition (`Name, [a spokesman for X]`; `[The army's spokeswoman],
    Name`; `[The mayor of Selin], Jonas Brecht`) or the description before the name (`[army spokeswoman] Col.
    Irena Vasko`, `[Justice Minister] Karel Voss`); None when the source is a bare name, a bare description, a
    pronoun, or an organisation's generic description (`The company, Northern Rail`)."""
    head = getattr(source, "token", source)
    inside = {w.i for w in source.subtree}
    appos = next((t for t in source.subtree if t.dep_ == "appos" and (t.head.i == head.i or (
        t.head.dep_ == "pobj" and t.head.head.dep_ == "prep" and t.head.head.head.i == head.i))), None)
    if appos is not None and appos.left_edge.i > 0 and appos.doc[appos.left_edge.i - 1].text == "(":
        appos = None  # "The Long War Journal (LWJ)": initials, not a role
    if appos is not None and appos.i in inside:
        named_head = head.pos_ == "PROPN"
        named_appos = appos.pos_ == "PROPN" and not _described(appos)
        if named_head or not named_appos:  # "Name, a spokesman for X": the apposition is the role
            role = trim_punct(list(appos.subtree))
        else:  # "The army's spokeswoman, Col. Irena Vasko": the head phrase is the role
            role = trim_punct([t for t in source.subtree if t.i < appos.left_edge.i])
            if head.lemma_.lower() in ORG_HEADS:
                return None  # "the company, Northern Rail": the name says who; "the company" adds nothing
        if not any(t.pos_ in ("NOUN", "PROPN") for t in role):
            return None  # "One of them, Jiri Kostal"
        return span_of(role) if role else None
    if head.pos_ != "PROPN":
        return None
    # "army spokeswoman Col. Irena Vasko", "Justice Minister Karel Voss": the role nouns before the name
    before = [t for t in source.subtree if t.i < head.i]
    last_role = max((t.i for t in before if (t.pos_ == "NOUN" and t.text[:1].islower()) or (
        t.pos_ == "PROPN" and t.lower_ in PERSON_NOUNS)), default=None)
    if last_role is None:
        return None
    name = [t for t in source.subtree if last_role < t.i <= head.i]
    if not name or not all(t.pos_ == "PROPN" or t.text.endswith(".") for t in name):
        return None
    role = trim_punct([t for t in before if t.i <= last_role])
    return span_of(role) if role else None


def _described(token: Any) -> bool:
    """A proper noun that heads a description ("head of U.S. Africa Command") rather than a name."""
    return any(c.dep_ == "prep" for c in token.children) or any(c.pos_ == "NOUN" for c in token.children)
