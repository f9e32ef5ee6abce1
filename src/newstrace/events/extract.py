"""Event mentions in an article: the sentences that report a conflict event, typed by ACLED's codebook, with
every field backed by its span and claim chain.

How a mention is found:
1. each sentence's cues (`cues.py`) are read with the parse: the words of a relative clause, of a purpose or a
   demand ("protested against the killing of") are not the sentence's news, and words under a negation, a
   modal or a plan ("will attack", "failed to conquer") report nothing that happened;
2. `types.decide` gives the sentence's type; a sentence that only dates history ("last year", "since 2014"),
   or describes what goes on ("repeatedly", "continue to", "for months") without dating an event, is
   background and gives none;
3. sentences about one event join one mention: a later sentence joins an earlier mention when its type is of
   the same family (battles, explosions and attacks on civilians; protests and riots; property destroyed in
   either), it gives no other date and names no other place. A sentence that only gives a death toll
   ("1 fatality.") joins the mention before it. The mention's `span` is its first sentence, `sentences`
   all of them; its fields come from all of them, the first sentence that gives a field winning, and its
   type is the first sentence's, sharpened by the others (`types.refine`).

Actors follow ACLED's conventions: protesters are the first actor of a protest (inter 6) and rioters of a riot
(5), the victims of violence against civilians are civilians (7); when the text names no initiator, the words
that imply one are its evidence ("a man was killed": an unidentified armed group, 3).

A date the mention's sentences do not give is taken from earlier in the same paragraph; a date attached to a
reporting verb ("said on Friday") dates the report, not the event. `doc` must be a parse of exactly
`article.text` (`parse` makes them in batches)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..analyse.nlp import load_nlp
from ..records import Article, StoredAttribution
from . import actors as act
from . import fatalities as fat
from .cues import Cue, find_cues
from .evidence import Chains
from .places import Gazetteer, locate
from .records import Actor, EventDate, EventMention, FatalityFigure, Place
from .types import ARMED, Decision, Seen, decide, refine, territory_sides, territory_sub
from .when import DateMention, find_dates, text_year

__all__ = ["extract_mentions", "parse"]

_IRREALIS_AUX = {"will", "would", "could", "might", "may", "should", "shall", "can", "must", "ca", "wo"}
_IRREALIS_HEADS = {"fail", "plan", "threaten", "vow", "try", "effort", "intend", "aim", "prepare", "seek", "want",
                   "hope", "promise", "refuse", "expect", "fear", "warn", "prevent", "avoid", "plot", "urge", "call",
                   "demand", "deny", "pledge", "decide", "propose", "consider", "risk", "able", "attempt"}
_NOT_NEWS_PREPS = {"for", "against", "over", "about", "regarding", "despite", "concerning", "amid", "like"}
_NOT_NEWS_NOUNS = {"threat", "fear", "risk", "plan", "memory", "anniversary", "victim", "family", "relative",
                   "justice", "wake", "aftermath", "possibility", "danger", "history", "legacy", "investigation",
                   "trial", "case", "accusation", "allegation", "wave", "series", "campaign", "spate", "string",
                   "number", "rise", "increase", "surge", "escalation", "end", "resumption", "cycle"}
_NOT_NEWS_VERBS = {"demand", "denounce", "condemn", "protest", "mourn", "commemorate", "remember", "accuse",
                   "suspect", "investigate", "blame", "charge", "convict", "sentence", "oppose",
                   "reject", "criticize", "criticise", "urge", "call", "decry", "deplore", "allege",
                   "honour", "honor", "celebrate", "support", "express", "discuss", "report", "document"}
_REPORTING = {"say", "tell", "report", "announce", "claim", "state", "add", "confirm", "note", "write", "post",
              "publish", "release", "declare", "reveal", "warn", "explain", "describe", "insist", "reply",
              "respond", "comment", "issue"}
_BACKGROUND = re.compile(
    r"\b(?:repeatedly|has long|have long|had long|long been|for (?:years|decades|months)|"
    r"continues? to|continued to|over the (?:past|last) (?:[\w-]+ ){0,4}(?:years?|months|decades?)|"
    r"in the past|historically|traditionally|usually|often|regularly|frequently|routinely|"
    r"(?:has|have) been (?:active|fighting|waging)|since (?:19|20)\d\d)\b", re.I)
_LOCATIVE = {"in", "at", "near", "outside", "around", "inside", "into", "across", "towards", "toward"}
_PLACE_NOUNS = {"town", "city", "village", "province", "region", "district", "area", "outskirts", "capital",
                "state", "county", "municipality", "neighbourhood", "neighborhood", "governorate", "township",
                "suburb", "port", "island", "valley", "camp", "centre", "center", "edge", "vicinity"}
_FINITE = {"VBD", "VBZ", "VBP"}
_MEANS = {"remote", "shell", "air", "grenade", "chemical", "suicide"}
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_DEMOS = ("Protests", "Riots")
_NO_TOLL_SUBTYPES = {"Peaceful protest", "Protest with intervention", "Arrests", "Agreement",
                     "Change to group/activity", "Headquarters or base established",
                     "Non-violent transfer of territory"}
_STATED_TOTAL = re.compile(r"\b(?:total|in all|altogether|overall)\b", re.I)
_PERSONISH = re.compile(r"\b(?:houses?|homes?|property|properties|shops?|vehicles?|cars?|land|farms?|crops|"
                        r"livestock|cattle|goods|villages?|residences?|buildings?)\b", re.I)


def parse(texts: Sequence[str], nlp: Any | None = None, batch_size: int = 64) -> list[Any]:
    """The parses `extract_mentions` reads, made in batches (one call for many articles)."""
    nlp = nlp if nlp is not None else load_nlp()
    return list(nlp.pipe(texts, batch_size=batch_size))


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return Gazetteer.load()


# -- what a sentence says -----------------------------------------------------------------------------------------

@dataclass
class _Role:
    phrase: act.Phrase
    inter: int | None
    conj: list[act.Phrase] = field(default_factory=list)


@dataclass
class _Said:
    """One sentence that reports an event, with what the sentence itself gives."""

    start: int
    end: int
    sent: Any
    decision: Decision
    seen: list[Seen]
    roles: dict[int, tuple[_Role | None, _Role | None]]  # cue start -> (initiator, target)
    dates: list[DateMention]
    tolls: list[fat.Toll]
    places: set[str]
    absolute_date: bool
    names: set[str] = field(default_factory=set)  # every proper name in the sentence


def _sentences(doc: Any) -> list[Any]:
    """The doc's sentences, never across a line break (each paragraph stands alone)."""
    out = []
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if "\n" in token.text and token.is_space or token.text == "\n":
                if token.i > start:
                    out.append(doc[start:token.i])
                start = token.i + 1
        if start < sent.end:
            out.append(doc[start:sent.end])
    return [s for s in out if s.text.strip()]


def _head_of(sent: Any, cue: Cue) -> Any | None:
    """The token that heads a cue's words (the one whose head lies outside them)."""
    tokens = [t for t in sent if t.idx < cue.end and t.idx + len(t.text) > cue.start]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[0]


_CHANGE_NOUNS = {"fall", "capture", "takeover", "liberation", "withdrawal", "retreat", "recapture", "control",
                 "pullout", "occupation"}


def _noun_start(sent: Any, cue: Cue) -> bool:
    """Whether a change-of-control cue starts with a noun that is not itself about control."""
    first = next((t for t in sent if t.idx >= cue.start), None)
    return first is not None and first.pos_ in ("NOUN", "PROPN") and first.lower_ not in _CHANGE_NOUNS


def _irrealis(token: Any) -> bool:
    """Whether the words report something that did not (yet) happen: negated, modal, conditional, planned,
    failed ("could be heard", "if the fighting resumed", "has not said how many ... before the attack")."""
    current = token
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") \
            and token.head.pos_ in ("VERB", "AUX", "ADP"):
        current = token.head if token.head.pos_ != "ADP" else token.head.head
    for _ in range(6):
        for child in current.children:
            if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in _IRREALIS_AUX):
                return True
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether", "lest"):
                return True
        if current.dep_ in ("xcomp", "ccomp", "pcomp") and current.head.lemma_.lower() in _IRREALIS_HEADS:
            return True
        if current.dep_ in ("xcomp", "conj", "ccomp", "pcomp", "pobj", "prep") and current.head.i != current.i \
                and current.head.pos_ in ("VERB", "AUX", "ADP"):
            current = current.head
            continue
        break
    return False


def _primary(token: Any, root: Any, protest: bool = False) -> bool:
    """Whether the words are the sentence's own news, not a description inside it ("protested against the
    killing of", "a student who died the day before", "arrested for attacking")."""
    current = token
    steps = 0
    while current.i != root.i and current.head.i != current.i and steps < 30:
        steps += 1
        if current.dep_ == "relcl" and not fat.consequence_clause(current):
            return False
        if current.dep_ == "acl" and current.i != token.i and current.tag_ not in _FINITE | {"VBG"}:
            return False  # "a man killed last year"; a finite verb hung on a noun is the parser missing the
            # main verb, and "an operation involving airstrikes" is the operation
        head = current.head
        if current.dep_ in ("pobj", "pcomp") and head.lower_ in _NOT_NEWS_PREPS \
                and not (head.lower_ == "for" and token.i == current.i and protest):
            return False  # "protested against the killing"; but "gathered for a rally" is the rally
        if current.dep_ == "prep" and current.lower_ == "of" and head.lemma_.lower() in _NOT_NEWS_NOUNS:
            return False
        if head.lemma_.lower() in _NOT_NEWS_VERBS and current.dep_ in ("dobj", "xcomp", "ccomp", "advcl", "prep"):
            return False
        current = head
    return True


def _role(head: Any | None) -> _Role | None:
    if head is None or head.pos_ in ("PRON",) and head.lower_ in ("it", "this", "that", "which", "what"):
        return None
    if head.pos_ in ("ADV", "ADP", "VERB", "AUX", "SCONJ", "CCONJ", "PUNCT"):
        return None
    phrase = act.phrase(head)
    conj = [act.phrase(c) for c in act.conjuncts(head)]
    inter = act.inter_of(phrase.words)
    if inter is None:  # "ATMIS UPDF and government security forces": the first that names a kind
        inter = next((code for code in (act.inter_of(c.words) for c in conj) if code is not None), None)
    if inter == 4 and head.tag_ in ("NN", "NNP") and not conj:
        inter = 7  # "a Fulani pastoralist" is a person, not a militia
    return _Role(phrase, inter, conj)


def _pressure_from(token: Any) -> Any | None:
    """"withdrew ... under pressure from rival groups": the winner of a retreat."""
    for child in token.subtree:
        if child.lower_ == "from" and child.head.lemma_.lower() in ("pressure", "attack", "assault", "offensive"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
        if child.lower_ == "by" and child.dep_ in ("prep", "agent") and child.head.i == token.i:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _places(sent: Any) -> set[str]:
    """Proper names the sentence places things in ("in Veldra", "in the northern town of Veldra"), countries
    and times aside; only used to keep sentences about different places apart."""
    out: set[str] = set()
    for token in sent:
        if token.pos_ != "PROPN" or act.is_time(token) or act.countries_in(token.text):
            continue
        current = token
        while current.dep_ in ("compound", "flat", "appos", "conj") and current.head.i != current.i:
            current = current.head
        if current.dep_ != "pobj":
            continue
        prep = current.head
        if prep.lower_ in _LOCATIVE or prep.lower_ == "of" and prep.head.lemma_.lower() in _PLACE_NOUNS:
            out.add(token.text)
    return out


def _sentence_event(sent: Any, cues: list[Cue], dates: list[DateMention]) -> _Said | None:
    root = sent.root
    seen: list[Seen] = []
    roles: dict[int, tuple[_Role | None, _Role | None]] = {}
    heads: dict[int, Any] = {}
    seen_heads: list[Any] = []
    for cue in cues:
        head = _head_of(sent, cue)
        if head is None or _irrealis(head):
            continue
        if cue.kind in ("gain", "regain", "lose") and (head.dep_ == "amod" or _noun_start(sent, cue)):
            continue  # "in occupied Mykhailivka" describes the place; "Black Leopard force carried out" is no
            # forcing out
        agent_head, patient_head = act.participants(head)
        if cue.kind == "lose":
            patient_head = _pressure_from(head)  # what was left is a place; the winner, if named, pressed
        if cue.kind in ("gain", "regain", "lose") and patient_head is not None \
                and act.inter_of(act.phrase(patient_head).words) is None:
            patient_head = None  # "took control of the town": a place, not a side
        agent, patient = _role(agent_head), _role(patient_head)
        roles[cue.start] = (agent, patient)
        heads[cue.start] = head
        # the means of an attack: "attacked a column with mines", however the parser hangs it
        means = cue.kind in _MEANS and head.dep_ == "pobj" and head.head.lower_ in ("with", "using", "by")
        seen_heads.append(head)
        seen.append(Seen(cue.kind, cue.start, cue.end,
                         means or _primary(head, root, cue.kind in ("protest", "assembly")),
                         agent.inter if agent else None, patient.inter if patient else None,
                         agent.phrase.words if agent else "", patient.phrase.words if patient else "",
                         act.text_of(sent.doc)[cue.start:cue.end]))
    decision = decide(seen)
    if decision is None and root.pos_ not in ("VERB", "AUX"):
        # the parser found no main verb ("On 25 February, Fridays for Future activists protested ..." read as
        # a noun phrase): the finite verbs outside relative clauses are the sentence's news
        for item, head in zip(seen, seen_heads, strict=True):
            if head.pos_ == "VERB" and head.dep_ != "relcl":
                item.primary = True
        decision = decide(seen)
    if decision is None:
        return None
    usable = [d for d in dates if d.kind == "point" and not _reported_when(sent, d, heads)]
    background = [d for d in dates if d.kind == "background"]
    if not usable and (background or _BACKGROUND.search(sent.text)):
        return None
    if any(re.match(r"(?:until|till)\b", d.relative or "", re.I) for d in background):
        return None  # "controlled the city until June that year": a period that is over
    places = _places(sent)
    return _Said(sent.start_char, sent.end_char, sent, decision, seen, roles, usable, fat.tolls(sent), places,
                 any(d.start is not None for d in usable), {t.text for t in sent if t.pos_ == "PROPN"})


def _reported_when(sent: Any, date: DateMention, cue_heads: dict[int, Any]) -> bool:
    """Whether a date says when something was reported ("said on Friday that ..."), not when it happened."""
    token = next((t for t in sent if t.idx >= date.span[0]), None)
    if token is None or token.i - sent.start < 2:
        return False  # "On 23 February, ...": a date that opens the sentence dates its news
    targets = {h.i for h in cue_heads.values()}
    current = token
    for _ in range(12):
        if current.i in targets:
            return False
        if current.pos_ in ("VERB", "AUX"):
            # the first verb above the date says what it dates: "said on Friday", but "the developments since
            # Wednesday mark the fall", "(as reported)" is no report
            return current.lemma_.lower() in _REPORTING and not any(c.lower_ == "as" for c in current.children)
        if current.head.i == current.i:
            return False
        current = current.head
    return False


# -- sentences about one event --------------------------------------------------------------------------------


@dataclass
class _Group:
    said: list[_Said]
    details: list[fat.Toll] = field(default_factory=list)

    @property
    def first(self) -> _Said:
        return self.said[0]

    def date(self) -> DateMention | None:
        for s in self.said:
            if s.dates:
                return s.dates[0]
        return None

    def places(self) -> set[str]:
        out: set[str] = set()
        for s in self.said:
            out |= s.places
        return out

    def names(self) -> set[str]:
        out: set[str] = set()
        for s in self.said:
            out |= s.names
        return out


def _family(decision: Decision) -> str:
    if decision.event_type in _VIOLENT:
        return "violence"
    if decision.event_type in _DEMOS:
        return "demonstration"
    return decision.sub_event_type


def _joins(group: _Group, said: _Said) -> bool:
    """Whether a sentence tells more of a mention already found: same family of event, no other date, no
    other place."""
    mine, theirs = _family(group.first.decision), _family(said.decision)
    if said.decision.sub_event_type == "Attack" and said.decision.cue.agent is None and not said.dates:
        theirs = mine  # "The pilot died.": a death told after an event belongs to it, whatever its type
    near = {mine, theirs} <= {"violence", "demonstration", "Looting/property destruction"}
    if mine != theirs and not near and not (theirs == "Arrests" and mine == "demonstration" and not said.dates):
        return False
    own = said.dates[0] if said.dates else None
    known = group.date()
    if own is not None and known is not None and own.start is not None and known.start is not None \
            and (own.start, own.end) != (known.start, known.end):
        return False
    if own is not None and known is not None and own.start is None and own.precision == 1 \
            and (own.relative or "").lower() != (known.relative or "").lower():
        return False  # "on April 18" is another day than "earlier this week", as far as the text tells
    if own is not None and known is None and said.absolute_date and len(group.said) and group.first.absolute_date:
        return False
    places = group.places()
    if said.places and places and not (said.places & group.names()) and not (places & said.names):
        return False
    return True


def _group(found: list[_Said], details: list[tuple[int, list[fat.Toll]]]) -> list[_Group]:
    groups: list[_Group] = []
    pending = sorted([(s.start, s) for s in found] + [(start, tolls) for start, tolls in details],
                     key=lambda item: item[0])
    for _, item in pending:
        if isinstance(item, _Said):
            target = next((g for g in reversed(groups) if _joins(g, item)), None)
            if target is None and item.decision.extra.get("detail"):
                continue  # a protest stopped, but no protest told before it
            if target is None:
                groups.append(_Group([item]))
            else:
                target.said.append(item)
        elif groups:
            groups[-1].details.extend(item)
    return groups


# -- the fields -------------------------------------------------------------------------------------------------


class _Fields:
    """Turns spans into evidence and roles into actors for one article."""

    def __init__(self, article: Article, chains: Chains):
        self.article = article
        self.text = article.text
        self.chains = chains
        self.place: Place | None = None
        self.actor_spans: list[tuple[int, int]] = []
        self.target_country: str | None = None

    def actor(self, role: _Role | None, inter: int | None, implied: str | None = None,
              implied_span: tuple[int, int] | None = None) -> Actor | None:
        """The actor a phrase names, coded `inter`; without a phrase, the actor the words at `implied_span`
        imply (`implied`, "Protesters"), or None."""
        if role is None:
            if implied is None or implied_span is None or inter is None:
                return None
            return Actor(implied, inter, (), self.chains.evidence(implied_span))
        span = role.phrase.name
        name = self.text[span[0]:span[1]]
        code = inter if inter is not None else 0
        if code == 1:
            own = act.nationality(role.phrase.words)
            if own is not None and act.same_country(own, self.country_outside(role)) is False:
                code = 8
        associated = tuple(self.text[c.name[0]:c.name[1]] for c in role.conj)
        return Actor(name, code, associated, self.chains.evidence(span))

    def country_outside(self, role: _Role) -> str | None:
        """The country of the event, to tell a state's own forces from foreign ones: the place's; else the
        country the text names most outside the actors' words; else the target's, when the target is a
        state's forces (they are most often at home: "Russian forces shelled Ukrainian positions")."""
        if self.place is not None and self.place.country:
            return self.place.country
        counts: dict[str, int] = {}
        for name, start, _ in act.countries_in(self.text):
            if any(a <= start < b for a, b in self.actor_spans) or role.phrase.start <= start < role.phrase.end:
                continue
            counts[name] = counts.get(name, 0) + 1
        if counts:
            return max(sorted(counts), key=lambda n: counts[n])
        return self.target_country


def _roles_of(group: _Group, decision: Decision) -> tuple[_Role | None, _Role | None, Seen, _Said]:
    """The initiator and target of the mention: those of the deciding cue, else the first ones any of its
    sentences give for a cue of the same kind."""
    for said in group.said:
        if decision.cue in said.seen:
            agent, patient = said.roles.get(decision.cue.start, (None, None))
            cue_said = said
            break
    else:
        cue_said = group.first
        agent, patient = cue_said.roles.get(decision.cue.start, (None, None))
    if agent is None or patient is None:
        for said in group.said:
            for seen in said.seen:
                if seen.kind != decision.cue.kind or not seen.primary:
                    continue
                a, p = said.roles.get(seen.start, (None, None))
                agent = agent or a
                patient = patient or p
    if agent is None and decision.extra.get("territory"):
        # the winner another sentence names: "withdrew ... under pressure from rival groups"
        for said in group.said:
            for seen in said.seen:
                a, p = said.roles.get(seen.start, (None, None))
                winner = p if seen.kind == "lose" else a if seen.kind in ("gain", "regain") else None
                if seen.primary and winner is not None and winner.inter in ARMED:
                    agent = winner if seen.kind != "lose" or decision.cue.kind != "lose" else agent
                    if decision.cue.kind == "lose":
                        patient = patient or winner
                    break
            if agent is not None or (decision.cue.kind == "lose" and patient is not None):
                break
    if agent is None and decision.event_type in _VIOLENT:
        # "2 members were killed following an attack by NRF forces": the initiator of another violent word
        for seen in cue_said.seen:
            a, p = cue_said.roles.get(seen.start, (None, None))
            if seen.primary and seen.kind in ("attack", "clash", "kill") and a is not None \
                    and a.inter not in (5, 6, 7) and (patient is None or a.phrase.start != patient.phrase.start):
                agent = a
                break
    if agent is None and decision.event_type == "Strategic developments":
        # "Property destruction: ..., civil police forces seized ...": the subject of the sentence's verb
        root = cue_said.sent.root
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        role = _role(subject) if root.lemma_.lower() not in _REPORTING else None
        if role is not None and role.inter in ARMED:
            agent = role
    if agent is None and decision.event_type in _VIOLENT:
        # "a man was killed in a drive-by shooting by armed individuals": whoever the sentence says did it
        for token in cue_said.sent:
            if token.dep_ == "agent" and token.head.pos_ in ("VERB", "NOUN"):
                obj = next((g for g in token.children if g.dep_ == "pobj"), None)
                role = _role(obj)
                if role is not None and role.inter != 7:
                    agent = role
                    break
    return agent, patient, decision.cue, cue_said


def _with_default(role: _Role | None, inter: int | None) -> _Role | None:
    if role is None:
        return None
    return _Role(role.phrase, inter, role.conj)


def _actors(group: _Group, decision: Decision, fields: _Fields) -> tuple[Actor | None, Actor | None]:
    """The two actors with ACLED's inter codes: each type's conventions decide the codes the words leave open."""
    agent, patient, cue, _ = _roles_of(group, decision)
    span = (cue.start, cue.end)
    kind, sub = decision.event_type, decision.sub_event_type
    fields.actor_spans = [(r.phrase.start, r.phrase.end) for r in (agent, patient) if r is not None]
    fields.target_country = act.nationality(patient.phrase.words) if patient is not None and patient.inter == 1 \
        else None
    if kind == "Protests":
        protesters = agent if agent is not None and agent.inter in (6, 7, None) else None
        a1 = fields.actor(protesters, 6, "Protesters", span)
        intervener = _intervener(group) if sub != "Peaceful protest" else None
        return a1, fields.actor(intervener, intervener.inter if intervener else None)
    if kind == "Riots":
        rioters = agent if agent is not None and agent.inter not in (1, 8) else None
        a1 = fields.actor(rioters, 5, "Rioters", span)
        target = patient if patient is not None and (agent is None or patient.phrase.start != agent.phrase.start) \
            else None
        return a1, fields.actor(target, target.inter if target and target.inter else 7)
    if kind == "Battles":
        if decision.extra.get("territory") and cue.kind == "lose":
            agent, patient = patient, agent  # the one who retreats is the target
        return (fields.actor(agent, _armed(agent, patient) or 3, "Unidentified armed group", span),
                fields.actor(patient, _armed(patient, agent)))
    if kind == "Explosions/Remote violence":
        unseen = sub in ("Remote explosive/landmine/IED", "Grenade", "Suicide bomb")
        a1 = fields.actor(agent, _armed(agent) or (3 if unseen else None),
                          "Unidentified armed group" if unseen else None, span)
        # the target is an armed actor, or people harmed; a place or a building shelled is no actor
        target = patient if patient is not None and (patient.inter in ARMED or patient.inter == 7
                                                      and not act.is_property(patient.phrase.words)) else None
        target = target or _harmed(group)
        return a1, fields.actor(target, target.inter if target else None)
    if kind == "Violence against civilians":
        return (fields.actor(agent, _armed(agent) or 3, "Unidentified armed group", span),
                fields.actor(patient, 7, "Civilians", span))
    if sub == "Arrests":
        code = agent.inter if agent is not None and agent.inter in (1, 8) else 1
        a2 = patient.inter if patient is not None and patient.inter in (2, 3, 4) else 7
        return fields.actor(agent, code, "State forces", span), fields.actor(patient, a2, "Civilians", span)
    if sub == "Looting/property destruction":
        a1 = fields.actor(agent, _armed(agent) or 3, "Unidentified armed group", span)
        if patient is not None and patient.inter in ARMED:
            return a1, fields.actor(patient, patient.inter)
        return a1, fields.actor(None, 7, "Civilians", span)
    if sub == "Other" and agent is None and patient is not None:
        return fields.actor(patient, patient.inter), None  # "212 villagers were forced to flee"
    return (fields.actor(agent, agent.inter if agent else None),
            fields.actor(patient, patient.inter if patient else None))


def _harmed(group: _Group) -> _Role | None:
    """People the sentences say were killed or hurt ("two civilians were wounded"), or an armed actor hit."""
    for said in group.said:
        for seen in said.seen:
            if seen.kind == "kill":
                _, hurt = said.roles.get(seen.start, (None, None))
                if hurt is not None and (hurt.inter in ARMED or hurt.inter == 7
                                         and not act.is_property(hurt.phrase.words)):
                    return hurt
    return None


def _armed(role: _Role | None, other: _Role | None = None) -> int | None:
    """An initiator of violence is never a civilian: one the words do not place is an unidentified armed
    group (3); a named group the words do not place, fighting state forces, a rebel group (2)."""
    if role is None:
        return None
    if role.inter in ARMED:
        return role.inter
    if other is not None and other.inter == 1 and role.phrase.head.pos_ == "PROPN":
        return 2
    return 3


def _intervener(group: _Group) -> _Role | None:
    for said in group.said:
        for seen in said.seen:
            if seen.kind in ("intervene", "excessive") and seen.primary:
                agent, _ = said.roles.get(seen.start, (None, None))
                if agent is not None and agent.inter not in (6, 7):
                    return agent
    return None


def _date(group: _Group, fields: _Fields, earlier: list[tuple[int, DateMention]]) -> EventDate | None:
    """The mention's date: the first its sentences give, else the last one given before it in the same
    paragraph ("On 30 April, near the village (Singu township), a clash broke out": the parser may cut the
    sentence after the date)."""
    mention = group.date()
    if mention is None:
        line_start = fields.text.rfind("\n", 0, group.first.start) + 1
        before = [d for start, d in earlier if line_start <= start < group.first.start]
        mention = before[-1] if before else None
    if mention is None:
        return None
    evidence = fields.chains.evidence(mention.span)
    start = mention.start.isoformat() if mention.start else None
    end = mention.end.isoformat() if mention.end else None
    day = mention.reference.isoformat() if mention.reference else None
    return EventDate(start, end, mention.precision, mention.relative, mention.reason, evidence, day)


def _fatalities(group: _Group, decision: Decision, fields: _Fields) -> tuple[FatalityFigure, ...]:
    if decision.sub_event_type in _NO_TOLL_SUBTYPES:
        return ()
    tolls = [t for s in group.said for t in s.tolls] + group.details
    if any(t.count > 0 for t in tolls):
        tolls = [t for t in tolls if t.count > 0]
    totals = [t for t in tolls if _STATED_TOTAL.search(fields.text[t.start:t.end])]
    if totals:
        tolls = totals  # "in total", "total fatalities": the sum the text itself makes
    figures: list[FatalityFigure] = []
    parts: dict[tuple[str, ...], dict[str, list[tuple[fat.Toll, FatalityFigure]]]] = {}
    for toll in tolls:
        evidence = fields.chains.evidence((toll.start, toll.end))
        figure = FatalityFigure(toll.count, toll.who, evidence)
        if toll.total or toll.count == 0:
            figures.append(figure)
        else:
            parts.setdefault(evidence.chain, {}).setdefault(toll.who or "", []).append((toll, figure))
    for by_who in parts.values():
        chosen = [min(items, key=lambda item: item[1].count) for items in by_who.values()]
        # the dead of different groups add up when one sentence names them, or a later one says "also"; a
        # later sentence about "the victim" or "the body" tells of the same dead again
        first_sentence = min(chosen, key=lambda item: item[0].start)[0]
        chosen = [item for item in chosen if item[0] is first_sentence or _same_sentence(item[0], first_sentence,
                                                                                       group)
                  or _ADDED.search(_sentence_text(item[0], group))] or chosen
        if len(chosen) == 1:
            figures.append(chosen[0][1])
            continue
        chosen.sort(key=lambda item: item[0].start)
        start, end = chosen[0][0].start, max(t.end for t, _ in chosen)
        merged = fields.chains.evidence((start, end))
        merged = replace(merged, chain=chosen[0][1].evidence.chain)
        who = ", ".join(f.who for _, f in chosen if f.who) or None
        figures.append(FatalityFigure(sum(f.count for _, f in chosen), who, merged, tuple(f for _, f in chosen)))
    figures.sort(key=lambda f: f.evidence.span)
    return tuple(figures)


_ADDED = re.compile(r"\b(?:also|additionally|in addition|as well|another|other|others|while|further)\b", re.I)


def _sentence_of(toll: fat.Toll, group: _Group) -> tuple[int, int]:
    for said in group.said:
        if said.start <= toll.start < said.end:
            return said.start, said.end
    return toll.start, toll.end


def _same_sentence(a: fat.Toll, b: fat.Toll, group: _Group) -> bool:
    return _sentence_of(a, group) == _sentence_of(b, group)


def _sentence_text(toll: fat.Toll, group: _Group) -> str:
    start, end = _sentence_of(toll, group)
    text = act.text_of(group.first.sent.doc)
    return text[start:end]


def _place(group: _Group, fields: _Fields, gazetteer: Gazetteer, doc: Any) -> Place | None:
    for said in group.said:
        found = locate(fields.article.id, fields.text, (said.start, said.end), gazetteer, doc)
        if found is not None:
            chain, hedges = fields.chains.chain(found.evidence.span)
            return replace(found, evidence=replace(found.evidence, chain=chain, hedges=hedges))
    return None


# -- the entry point --------------------------------------------------------------------------------------------


def extract_mentions(article: Article, attributions: Sequence[StoredAttribution], *,
                     gazetteer: Gazetteer | None = None, doc: Any | None = None) -> list[EventMention]:
    """The event mentions of one article, in text order. `attributions` are the attribution stage's rows for
    it (the claim chains); `doc` its parse with the project's pipeline (parsed here when None)."""
    text = article.text
    if doc is None:
        doc = load_nlp()(text)
    elif act.text_of(doc) != text:
        raise ValueError(f"article {article.id}: the parse given is of another text "
                         f"({len(act.text_of(doc))} characters, the article has {len(text)})")
    gazetteer = gazetteer if gazetteer is not None else _default_gazetteer()
    all_dates = find_dates(text, article.published, text_year=text_year(text))
    found: list[_Said] = []
    details: list[tuple[int, list[fat.Toll]]] = []
    earlier: list[tuple[int, DateMention]] = []  # every date that dates something, with its sentence's start
    di = 0
    for sent in _sentences(doc):
        a, b = sent.start_char, sent.end_char
        cues = find_cues(text, a, b)  # within the sentence: no cue runs into the next one
        while di < len(all_dates) and all_dates[di].span[0] < a:
            di += 1
        dates = [d for d in all_dates[di:] if d.span[0] < b and d.span[1] <= b]
        said = _sentence_event(sent, cues, dates) if cues else None
        earlier.extend((a, d) for d in dates if d.kind == "point" and not _reported_when(sent, d, {}))
        if said is not None:
            found.append(said)
        elif cues or re.search(r"\b(?:kill|dead|die|fatalit|death|casualt|bod(?:y|ies))", sent.text, re.I):
            tolls = fat.tolls(sent)
            if tolls and not [d for d in dates if d.kind == "background"]:
                details.append((a, tolls))
    chains = Chains(article.id, text, attributions)
    mentions: list[EventMention] = []
    for group in _group(found, details):
        decision = refine(group.first.decision, [s.decision for s in group.said[1:]])
        if decision.event_type == "Battles" and decision.extra.get("territory"):
            decision = _territory_outcome(group, decision)
        fields = _Fields(article, chains)
        place = fields.place = _place(group, fields, gazetteer, doc)
        actor1, actor2 = _actors(group, decision, fields)
        cue = decision.cue
        mentions.append(EventMention(
            article_id=article.id, span=(group.first.start, group.first.end), event_type=decision.event_type,
            sub_event_type=decision.sub_event_type, type_evidence=chains.evidence((cue.start, cue.end)),
            date=_date(group, fields, earlier), actor1=actor1, actor2=actor2, place=place,
            fatalities=_fatalities(group, decision, fields), outlet=article.outlet, published=article.published,
            sentences=tuple((s.start, s.end) for s in group.said),
            text=" ".join(text[s.start:s.end] for s in group.said), headline=article.title or ""))
    return mentions


def _territory_outcome(group: _Group, decision: Decision) -> Decision:
    """Who won the territory, from all the sentences: the winner one sentence names decides for the rest."""
    winner = loser = None
    outcomes = set()
    for said in group.said:
        for seen in said.seen:
            if seen.kind in ("gain", "regain", "lose") and seen.primary:
                w, lo = territory_sides(seen)
                winner = winner if winner is not None else w
                loser = loser if loser is not None else lo
                if w is not None or seen.kind == "regain":
                    outcomes.add(territory_sub(w, lo, seen.kind))
    fighting = any(s.kind in ("clash", "attack", "kill") and s.primary for said in group.said for s in said.seen)
    only_left = all(s.kind == "lose" for said in group.said for s in said.seen
                    if s.kind in ("gain", "regain", "lose") and s.primary)
    if only_left and not outcomes and not fighting:
        # only a withdrawal, nobody said to take over, no fighting: a movement of forces
        return Decision("Strategic developments", "Change to group/activity", decision.cue)
    if len(outcomes) > 1:
        # each side claims the ground ("our forces restored control" / "we liberated the eastern districts"):
        # a contested claim is no change of hands, the fighting is the event
        clash = next((s for said in group.said for s in said.seen if s.kind == "clash" and s.primary),
                     decision.cue)
        return Decision("Battles", "Armed clash", clash)
    return Decision("Battles", territory_sub(winner, loser, decision.cue.kind), decision.cue, decision.extra)
