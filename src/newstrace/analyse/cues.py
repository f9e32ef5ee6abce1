"""Cues and their sources, read from the spaCy parse: which verbs report (`said`, `told`, `notes`, and verbs that
report only in some frames, `expected to`, `praised X`), the words of the cue (`also said`, `did note`,
`talked about`, `said:`), and who the source is (the subject, the agent of a passive, the word after an
inverted cue, the one who released a statement `saying` ...). Content is found by `content`, and both are put
together into attributions by `attribution`."""

from __future__ import annotations

from typing import Any

from .channels import source_without_channel
from .spans import Head, subtree_span

# Reporting verbs. Verbs of belief and wish ("think", "want", "hope", "expect", "support") are not here: in
# PolNeAR's annotations they are attributions only in some frames (FRAME_CUES below).
CUE_LEMMAS = frozenset("""
say tell assure advise report note add claim state announce explain argue write suggest insist confirm deny warn accuse
acknowledge admit concede declare assert allege maintain contend reveal disclose indicate predict estimate
describe recall learn quote cite stress emphasize emphasise observe remark comment reply respond
continue conclude testify complain caution urge ask promise vow pledge threaten boast brag
hint speculate question doubt inform mention point post blog agree counter retort concur recount
call plan show demand defend criticize criticise blast slam propose
condemn dismiss recommend fear discuss reveal document rule charge blame challenge
chant shout yell scream whisper mutter exclaim
""".split())


# Verbs of saying proper, whose clause is what was said even when the parse does not call it a complement.
SPEECH_LEMMAS = frozenset("say tell add claim insist state write argue explain warn announce declare".split())


# Cues whose content can be their object ("called for [an inquiry]", "demands [a recount]").
OBJECT_LEMMAS = frozenset("""call plan demand defend criticize criticise blast slam propose
condemn dismiss recommend discuss reveal document mention blame challenge charge
urge promise pledge vow show cite describe accuse announce question deny recall acknowledge declare report
chant shout yell scream
stress note quote predict warn emphasize emphasise disclose point refer claim threaten""".split())


# Verbs that report only when they carry a reported clause ("learned that ...", "agreed that ...").
WEAK_LEMMAS = frozenset("learn point agree continue question doubt post fear know see".split())


# Verbs that are cues only in some frames: the frame is what the verb governs ("expected [to win]" is one,
# "expected [rain]" is not). Chosen where, on PolNeAR's training articles, the verb in that frame is marked as a
# cue about half the time or more.
FRAME_CUES: dict[str, frozenset[str]] = {lemma: frozenset(frames.split(",")) for lemma, frames in (
    ("expect", "xcomp,ccomp,other"), ("decline", "xcomp,dobj"), ("appear", "xcomp"), ("seem", "xcomp,ccomp"),
    ("endorse", "dobj"), ("express", "dobj"), ("seek", "xcomp"), ("find", "ccomp"), ("refer", "other"),
    ("praise", "dobj"), ("refuse", "xcomp"), ("reject", "dobj"), ("tweet", "ccomp,other,dobj"), ("issue", "dobj"),
    ("hope", "ccomp,xcomp"), ("hop", "ccomp,xcomp"), ("denounce", "dobj"), ("look", "xcomp"), ("tout", "dobj"),
    ("mock", "dobj"), ("portray", "dobj"), ("repeat", "dobj"), ("worry", "ccomp"), ("support", "xcomp"),
    ("invoke", "dobj"), ("reiterate", "dobj,ccomp"), ("list", "dobj"), ("credit", "dobj"), ("decry", "dobj"),
    ("characterize", "dobj"), ("characterise", "dobj"), ("lament", "dobj"), ("signal", "ccomp"),
    ("order", "xcomp,dobj,ccomp"), ("rebuke", "dobj"), ("liken", "dobj"), ("echo", "dobj,other"),
    ("highlight", "dobj"), ("unveil", "dobj"), ("detail", "dobj"), ("reference", "dobj"), ("remind", "ccomp,dobj"),
    ("recognize", "ccomp"), ("demonstrate", "ccomp"), ("email", "dobj"), ("encourage", "xcomp"),
    ("convince", "ccomp"), ("imply", "ccomp"),
    # belief and wish verbs with a clause of their own ("thinks [that the law is wrong]") are marked as cues
    # about half the time, the same verbs alone or with an object seldom
    ("think", "ccomp"), ("know", "ccomp"), ("believe", "ccomp"), ("want", "ccomp"), ("wonder", "ccomp"),
    ("read", "ccomp"), ("consider", "ccomp"), ("talk", "other"), ("oppose", "dobj"), ("view", "dobj"),
    ("thank", "dobj"), ("voice", "dobj"), ("applaud", "dobj"), ("publish", "dobj"), ("rail", "other"),
    ("apologize", "other"), ("apologise", "other"), ("advocate", "other"), ("joke", "ccomp"))}


# (Left out though political news marks them as often: verbs that in conflict reporting are mostly deeds, not
# words: "attacked a checkpoint", "offered shelter", "named a commander", "pushed into the town".)
# Verbs of belief and wish: a speaker's own "I think" inside a quotation is their view, not a report.
BELIEF_LEMMAS = frozenset("think know believe want wonder consider hope expect".split())


# What a cue with no clause or object talks about: "talked [about the wall]", "railed [against the deal]".
PREP_CONTENT = {"talk": ("about",), "ask": ("about",), "rail": ("against",), "apologize": ("for",),
                "advocate": ("for",), "complain": ("about",), "warn": ("of", "about"), "refer": ("to",),
                "apologise": ("for",)}


# Frames in which a listed cue verb is mostly not one ("said [this]", "continued [to campaign]").
NOT_CUE_FRAMES: dict[str, frozenset[str]] = {lemma: frozenset(frames.split(",")) for lemma, frames in (
    ("continue", "xcomp,other,dobj"), ("show", "other"), ("comment", "other"),
    ("pledge", "other"), ("challenge", "dobj,other"), ("add", "dobj"), ("maintain", "dobj"), ("propose", "other"),
    ("charge", "other"), ("plan", "other"), ("advise", "dobj"), ("learn", "dobj,other"), ("rule", "other,dobj"),
    ("admit", "dobj,other"), ("post", "other"), ("confirm", "dobj"))}


def frame_of(verb: Any) -> str:
    """What the verb governs: a clause (ccomp), an infinitive or other open clause (xcomp), an object, or
    none of these."""
    deps = {c.dep_ for c in verb.children}
    return next((d for d in ("ccomp", "xcomp", "dobj") if d in deps), "other")


_PICTURES = frozenset("video photo photograph picture image footage clip film map chart graphic".split())


def _shows_a_picture(verb: Any) -> bool:
    """"a video showing Derna", "posted a video online showing Derna": a picture shows; it reports nothing."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("acl", "advcl"):
        return False
    nouns = [verb.head] if verb.dep_ == "acl" else [c for c in verb.head.children if c.dep_ == "dobj"]
    return any(t.lemma_.lower() in _PICTURES for n in nouns for t in [n, *n.children] if t.dep_ in ("compound", n.dep_))


def is_cue_verb(verb: Any) -> bool:
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if _shows_a_picture(verb):
        return False
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            and not went_on(verb):
        return False  # "to tell", "refused to say": a report not made (yet)
    lemma = verb.lemma_.lower()
    if lemma == "call" and not _calls_something(verb):
        return False  # "listeners who called the programme": a telephone call
    if lemma in CUE_LEMMAS:  # "..., adds LWJ": an inverted cue's "object" is its source
        return frame_of(verb) not in NOT_CUE_FRAMES.get(lemma, ()) or inverted_source(verb) is not None
    return frame_of(verb) in FRAME_CUES.get(lemma, ())


def _calls_something(verb: Any) -> bool:
    """"called [the plan] [a disaster]", "called for", "called on X to": naming or asking; "called the
    station", "called him" alone is a telephone call or a summons."""
    return any(c.dep_ in ("oprd", "xcomp", "ccomp", "prt", "acomp", "attr") or (c.dep_ == "prep" and c.lower_ in (
        "for", "on")) or (c.dep_ == "dobj" and any(g.dep_ == "appos" for g in c.children))  # called the plan "a
        for c in verb.children) or verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "amod")  # fairy tale"


def cue_tokens(verb: Any) -> list[Any]:
    """The cue: the verb with its auxiliaries, negation and particle ("has learned", "did note", "pointed out",
    "called for")."""
    doc = verb.doc
    parts = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and c.i < verb.i + 3
                      # not across a quotation's end: in "“Probably not,” Ms. Moore said" the parse may hang
                      # the quoted "not" on "said"
                      and not any(t.is_punct for t in doc[min(c.i, verb.i) + 1:max(c.i, verb.i)])]
    parts += [c for c in verb.children if verb.lemma_ == "call" and c.dep_ == "prep" and c.lower_ in ("for", "on")
              and c.i == verb.i + 1]
    # "talked about", "referred to", "apologized for": the preposition that takes what the cue is about
    parts += [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i
              and c.lower_ in PREP_CONTENT.get(verb.lemma_.lower(), ())][:1]
    if went_on(verb):  # "continued to call for", "went on to say": the going on with its auxiliaries
        parts += [verb.head, *(c for c in verb.head.children if c.dep_ in ("aux", "neg", "prt")
                               and verb.head.i - 3 < c.i < verb.i)]
    parts.sort(key=lambda t: t.i)
    # "also said", "repeatedly warned": an adverb right before the verb group is part of the reporting words
    first = parts[0]
    while first.i > 0 and (before := doc[first.i - 1]).dep_ == "advmod" and before.head in parts \
            and before.tag_ == "RB" and before.i < verb.i:
        parts.insert(0, before)
        first = before
    # "said:" the colon that opens what was said goes with the verb
    after = parts[-1].i + 1
    if after < len(doc) and doc[after].text == ":" and parts[-1].i == verb.i:
        parts.append(doc[after])
    return parts


# Verbs of going on: "continued to call for", "went on to say" make the report they introduce.
_GOING_ON = frozenset("continue begin start go keep".split())


def went_on(verb: Any) -> bool:
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _GOING_ON and verb.head.i < verb.i


def inverted_source(verb: Any) -> Any | None:
    """`..., notes LWJ.` / `...," adds the report`: a cue after a comma or a closing quote, its source
    right after it."""
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > 0 else None
    if before is None or before.text not in (",", "”", "’", "\"", "'", "—", "–"):
        return None
    if verb.tag_ in ("VBG", "VBN"):
        return None  # "..., calling him a liar": a participle has no subject of its own after it
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children):
        return None  # "X, head of Y, told reporters": the subject comes first
    for child in verb.children:
        if child.i > verb.i and child.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "nsubjpass") \
                and child.i - verb.i <= 5:
            return child
    return None


# Verbs whose subject is raised out of what they report: "[the plan] seems [to be working]".
RAISING_LEMMAS = frozenset("seem appear".split())


def raised_subject(verb: Any) -> Any | None:
    """The subject that is part of what is reported, not who reports it: a passive's ("[Trump] was accused of
    ...", "[The efforts] are expected to continue") and a raising verb's ("[the plan] seems to work"). Who
    reports it is the agent (`by ...`), or no one named. On PolNeAR's training articles the annotators put such
    a subject in the content six times as often as they make it the source."""
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
    if passive is not None:
        return passive
    if verb.lemma_.lower() in RAISING_LEMMAS and any(c.dep_ == "xcomp" for c in verb.children):
        return next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    return None


def source_of(verb: Any) -> Any | None:
    inverted = inverted_source(verb)
    if inverted is not None:
        return inverted
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is not None:
        return agent  # "had been told by police": the one who told, not the one told
    for child in verb.children:
        # (a csubj: "Large majorities of voters going to the polls said ...", the parse taking "going" for the
        # subject)
        if child.dep_ in ("nsubj", "csubj") and raised_subject(verb) is None:
            return child  # "the NRF, which says ...": "which" (its antecedent is found by `antecedent`)
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    # "..., released a statement saying": the one who released it
    if verb.dep_ in ("acl", "advcl", "xcomp") and verb.tag_ == "VBG":
        head = verb.head
        for child in head.head.children if head.dep_ in ("dobj", "pobj") else head.children:
            if child.dep_ == "nsubj":
                return child
        # "he wants to avoid giving grist, recalling how ...", "stuck to policy but gradually turned tougher,
        # eventually saying ...": the subject of the verbs it hangs from, up the chain
        for _ in range(3):
            if head.dep_ not in ("xcomp", "conj", "advcl") or head.head.i == head.i:
                break
            head = head.head
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in ("which", "that", "who"):
                return subject
    if went_on(verb):  # "protesters continued to call for": the ones who went on
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and verb.head.head.pos_ in (
            "VERB", "AUX"):  # "Dean began by saying he would never ...": the one who began
        doer = verb.head.head
        subject = next((c for c in doer.children if c.dep_ == "nsubj"), None)
        while subject is None and doer.dep_ == "conj":  # "... and began by saying"
            doer = doer.head
            subject = next((c for c in doer.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ not in ("which", "that", "who", "it"):
            return subject
    if verb.dep_ == "dep" and verb.head.i < verb.i:  # "Majorities of Democrats going to the polls say ...",
        # the parse taking "going" for the main verb
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj" and c.i < verb.head.i), None)
        if subject is not None:
            return subject
    if verb.dep_ == "conj":  # "He is comparing ... and says Obama is flouting ...": the first verb's subject
        first = verb.head
        while first.dep_ == "conj":
            first = first.head
        subject = next((c for c in first.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if first.lemma_.lower() in CUE_LEMMAS:
            return source_of(first)
    return _name_before(verb)


def _name_before(verb: Any) -> Any | None:
    """The parse lost the subject ("... convention Sen. Elizabeth Warren (D-MA) said ...", "Sanders' campaign
    called ...", "Democrats, Frank notes, applaud ..."): a name or noun phrase that ends right before a finite
    cue (its auxiliaries and adverbs aside, and a bracket such as "(D-MA)") is who speaks."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or raised_subject(verb) is not None:
        return None
    doc = verb.doc
    k = verb.i - 1
    while k >= 0 and doc[k].head.i == verb.i and doc[k].dep_ in ("aux", "neg", "advmod"):
        k -= 1
    if k >= 0 and doc[k].text == ")":
        while k >= 0 and doc[k].text != "(":
            k -= 1
        k -= 1
    if k < 0 or doc[k].pos_ not in ("PROPN", "NOUN") or doc[k].dep_ in ("pobj", "dobj", "attr"):
        return None
    head = doc[k]
    if not any(t.pos_ == "PROPN" or t.dep_ in ("det", "poss") for t in doc[max(0, k - 3):k + 1]):
        return None  # a bare common noun ("... the flood barrier work said ...") is too often part of something
    return Head(head)


def antecedent(verb: Any, source: Any) -> tuple[int, int] | None:
    """"the NRF, which says ...": the relative pronoun is the source, and the NRF (without the clause) is who
    it stands for."""
    if verb.dep_ == "relcl" and source.lower_ in ("which", "who", "that") and source.head.i == verb.i:
        return subtree_span(Head(verb.head))
    return None


def source_span(source: Any) -> tuple[int, int]:
    """The source's words, and the comma that closes an appositive in it ("Quina Jones, 25, said"): the pair of
    commas sets the apposition off, so the closing one belongs to the phrase (as PolNeAR marks it)."""
    a, b = source_without_channel(source)
    text = source.doc.text
    if text[b:b + 1] == "," and "," in text[a:b]:
        b += 1
    return a, b
