"""What an attribution reports: speech, a document or a published report, or a stance.

- `speech`: what someone said or wrote to be heard: direct, indirect and mixed quotes, `according to` a
  person, a colon or dash that gives someone's words.
- `document`: what a document, a study, a poll or a news outlet's report says (`the report said`, `a poll
  found`, `BBC notes`, `according to court records`).
- `stance`: what someone believes, perceives, wants, plans or feels (`believes`, `seems`, `wants to`,
  `expressed concern`, `pictures have shown`), and reports of silence (`did not say`, `declined to comment`,
  `did not respond to requests`).

Corpora annotated like PolNeAR mark all three, and the PolNeAR benchmark scores all three. A reader checking
who said what wants the first two: the quote views (the report, the web sidebar, `--quotes`, the exports)
show speech and documents unless asked for everything.

The lists below are classes of meaning (verbs of cognition, perception, wish and intention, evaluation), not
words picked from a corpus.
"""

from __future__ import annotations

SPEECH, DOCUMENT, STANCE = "speech", "document", "stance"
CATEGORIES = (SPEECH, DOCUMENT, STANCE)
QUOTES = (SPEECH, DOCUMENT)  # what the quote views show by default

# Belief and knowledge, perception, emotion, wish and intention, evaluation and support.
_STANCE = frozenset("""
think believe know feel suspect doubt wonder consider assume suppose imagine realize realise recognize recognise
understand remember forget expect anticipate hope wish want need desire fear worry dread seem appear look sound
see hear notice watch perceive like love hate prefer favor favour support oppose back endorse welcome applaud
regret lament mourn celebrate enjoy plan intend aim seek try attempt mean hop view regard
decline refuse
""".split())
# Verbs of evidence: what a document or a picture shows, or a conclusion drawn. Speech when a person
# suggests or reveals; a document's when the source is one; a stance (what was seen or found) otherwise.
_EVIDENCE = frozenset("show find demonstrate prove indicate suggest reveal confirm".split())
_SPOKEN_EVIDENCE = frozenset("indicate suggest reveal confirm".split())
# Nouns of stance among the noun cues ("his belief that ...", "the hope that ..."); the others are speech.
_STANCE_NOUNS = frozenset("belief hope concern doubt confidence fear view opinion worry".split())
# Verbs that report speech only when they govern what was said: "did not respond [to requests for comment]"
# says nothing.
_SILENCE = frozenset("respond reply comment return answer".split())


def category_of(lemma: str, *, source_kind: str = "", negated: bool = False) -> str:
    """The category of an attribution whose cue has the (verb or noun) lemma `lemma` ("according to" for an
    `according to` phrase, ":" for punctuation), whose source has the kind `source_kind` (attribution.classify's:
    person, organisation, outlet, document, anonymous, unknown, or "picture" for a photo or video)."""
    lemma = lemma.lower()
    if lemma in _STANCE or lemma in _STANCE_NOUNS or lemma == "express":
        return STANCE
    if negated and lemma not in _EVIDENCE:
        return STANCE  # "has not said how many", "did not respond to requests for comment"
    if source_kind == "picture":
        return STANCE  # "pictures posted online have shown residents celebrating": what was seen
    if lemma in _EVIDENCE:
        if source_kind in ("document", "outlet"):
            return DOCUMENT
        return SPEECH if lemma in _SPOKEN_EVIDENCE else STANCE
    if source_kind in ("document", "outlet"):
        return DOCUMENT
    return SPEECH
