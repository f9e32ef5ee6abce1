"""What an attribution reports: speech, a document or a published report, or a stance.

- `speech`: what someone said or wrote to be heard: direct, indirect and mixed quotes, `according to` a
  person, a colon or dash that gives someone's words.
- `document`: what a document, a study, a poll or a news outlet's report says (`the report said`, `a poll
  found`, `BBC notes`, `according to court records`).
- `stance`: what someone believes, perceives, wants, plans or feels (`believes`, `seems`, `wants to`,
  `expressed concern`, `pictures have shown`), what they did rather than said (`attacked`, `offered`), and
  reports of silence (`did not say`, `declined to comment`, `did not respond to requests`).

Corpora annotated like PolNeAR mark all three, and the PolNeAR benchmark scores all three. A reader checking
who said what wants the first two: the quote views (the report, the web sidebar, `--quotes`, the exports)
show speech and documents unless asked for everything.

Speech is a class of meaning, verbs of communication (saying, telling, writing, manner of speaking, speech
acts made by saying), not words picked from a corpus; a cue outside it is a stance.
"""

from __future__ import annotations

SPEECH, DOCUMENT, STANCE = "speech", "document", "stance"
CATEGORIES = (SPEECH, DOCUMENT, STANCE)
QUOTES = (SPEECH, DOCUMENT)  # what the quote views show by default

# Verbs of communication: saying, telling, writing and publishing, manner of speaking, speech acts that are
# made by saying (claiming, warning, promising, accusing, praising, asking).
SPEECH_VERBS = frozenset("""
say tell add note write claim state announce explain argue insist warn report comment reply respond answer ask
inquire enquire declare assert allege maintain contend reveal disclose confirm deny admit acknowledge concede
suggest propose predict promise pledge vow threaten urge recall recount describe call quote cite mention remark
observe stress emphasize emphasise repeat reiterate complain criticize criticise praise condemn denounce decry
accuse blame charge dismiss question testify tweet post blog publish email text chant shout yell scream whisper
mutter exclaim joke boast brag hint speculate inform assure advise remind caution counter retort concur conclude
continue demand defend blast slam recommend discuss rule challenge point tout lament mock portray characterize
characterise liken echo highlight detail reference list credit thank voice applaud rail apologize apologise
advocate talk speak preach order instruct invite implore plead beg insinuate imply signal estimate forecast
project calculate estimate clarify elaborate summarize summarise outline announce unveil issue release print air
broadcast reply agree disagree object protest concede confess swear pronounce proclaim dub label term brand
""".split())
SPEECH_NOUNS = frozenset("""claim suggestion statement complaint assertion allegation accusation insistence argument
warning contention admission announcement promise prediction remark comment remarks comments""".split())
# Belief and knowledge, perception, emotion, wish and intention, evaluation and support (for the record: every
# cue that is not speech is a stance; these are the common ones).
_STANCE = frozenset("""
think believe know feel suspect doubt wonder consider assume suppose imagine realize realise recognize recognise
understand remember forget expect anticipate hope wish want need desire fear worry dread seem appear look sound
see hear notice watch perceive like love hate prefer favor favour support oppose back endorse welcome
regret mourn celebrate enjoy plan intend aim seek try attempt mean hop view regard decline refuse express learn
""".split())
# Verbs of evidence: what a document or a picture shows, or a conclusion drawn. Speech when a person
# suggests or reveals; a document's when the source is one; a stance (what was seen or found) otherwise.
_EVIDENCE = frozenset("show find demonstrate prove indicate suggest reveal confirm".split())
_SPOKEN_EVIDENCE = frozenset("indicate suggest reveal confirm".split())


def category_of(lemma: str, *, source_kind: str = "", negated: bool = False) -> str:
    """The category of an attribution whose cue has the (verb or noun) lemma `lemma` ("according to" for an
    `according to` phrase, ":" for punctuation, "channel" for a channel link), whose source has the kind
    `source_kind` (speakers.kind_of's: person, organisation, outlet, document, anonymous, picture, ...)."""
    lemma = lemma.lower()
    if lemma in _STANCE:
        return STANCE
    if negated and lemma not in _EVIDENCE:
        return STANCE  # "has not said how many", "did not respond to requests for comment"
    if source_kind == "picture":
        return STANCE  # "pictures posted online have shown residents celebrating": what was seen
    spoken = lemma in SPEECH_VERBS or lemma in SPEECH_NOUNS or lemma in ("according to", ":", "channel", "")
    if lemma in _EVIDENCE and not spoken:
        return DOCUMENT if source_kind in ("document", "outlet") else STANCE
    if not spoken:
        return STANCE  # "attacked", "offered", "decided": what someone did or holds, not what they said
    return DOCUMENT if source_kind in ("document", "outlet") else SPEECH
