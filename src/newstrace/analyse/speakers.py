"""Sources as speakers: what kind of speaker a source is, whether it can speak at all, and which earlier
speaker a pronoun stands for.

No coreference model and no named-entity recogniser run here (the pipeline's recogniser would cost a third
of the parse time): the kind comes from the shape of the name (`Hafeth al-Dabaa`, `Amaq News Agency`), from
its head noun (organisation heads such as `council`, `ministry`, `hospital`, `groups`; people such as
`spokesman`, `doctor`), and from the context (an outlet named in the article, a title). A pronoun source
takes the nearest earlier mention that fits it (`he` a man or a person not known to be a woman, `it` an
organisation, outlet or document, `they` a group), where mentions are the subjects of the article's clauses
and the sources of its attributions; one that nothing fits is left unresolved, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .channels import noun_phrase
from .outlets import is_anonymous, is_document, is_outlet
from .spans import span_of, trim_punct

# Head nouns of organisations ("the district hospital", "jihadist groups", "a media arm of ISIS").
ORG_HEADS = frozenset("""
council agency ministry department army front party command office government committee commission alliance
union group company corporation inc ltd association institute university court police service forces force
movement organization organisation state administration campaign house senate congress parliament bank fund
board hospital crescent cross authority militia brigade battalion coalition federation league club team firm
school embassy consulate municipality regime cabinet assembly bureau centre center foundation charity
network arm wing branch affiliate faction caucus division unit navy airline operator company group
""".split())
_ORG_PLURALS = frozenset(w + "s" for w in ORG_HEADS) | {"militias", "companies", "authorities", "forces"}
# Capitalised words that make a name an organisation's ("Islamic State", "Relief Alliance").
_ORG_NAME = re.compile(r"\b(?:Council|Agency|Ministry|Department|Army|Front|Party|Command|Office|Government|"
                       r"Committee|Commission|Alliance|Union|Group|Company|Corporation|Inc|Ltd|Association|"
                       r"Institute|University|Court|Police|Service|Forces|Movement|Organi[sz]ation|State|"
                       r"Administration|Campaign|House|Senate|Congress|Parliament|Bank|Fund|Board|Hospital|"
                       r"Crescent|Cross|Authority|Militia|Brigade|Coalition|Federation|League|Foundation|"
                       r"Bureau|Centre|Center|Cabinet|Assembly|Network|Navy|Brigades|Caliphate)\b")
# Nouns for people ("a doctor", "the spokeswoman"); plural ones without a name are anonymous groups.
PERSON_NOUNS = frozenset("""
spokesman spokeswoman spokesperson official minister director commander chief head leader general president
governor mayor secretary ambassador envoy coordinator doctor nurse surgeon resident witness analyst expert
observer diplomat aide adviser advisor lawyer attorney judge prosecutor officer soldier fighter rebel activist
campaigner villager farmer worker teacher schoolteacher student professor researcher scientist economist
historian author writer reporter correspondent journalist editor columnist caller listener viewer reader voter
supporter critic opponent candidate senator lawmaker legislator representative member chairman chairwoman
manager executive founder owner driver mother father woman man person people victim survivor refugee
engineer pilot priest imam bishop pastor citizen neighbour neighbor relative friend colleague source insider
protester demonstrator organiser organizer host speaker agent investigator inspector detective medic
paramedic official nominee negotiator mediator monitor ranger guard master captain sheriff dean principal
councillor councilor presenter chairperson
""".split())
# Things that report nothing: places, times, parts of things ("a town on a major river crossing", "Each side").
NON_SPEAKERS = frozenset("""
town city village country region area district street road bridge river crossing side day week month year
night morning evening time place building camp border line field site
""".split())
MEDIA = frozenset("""paper newspaper broadcaster radio station channel network outlet website daily weekly magazine
television programme program show podcast bulletin newscast""".split())
QUANTIFIERS = frozenset("several some many others both few most all each either neither".split())
PICTURES = frozenset("video videos photo photos photograph photographs picture pictures image images footage clip "
                     "clips film map chart graphic".split())
_FEMALE = re.compile(r"\b(?:Ms|Mrs|Miss|Mme|Madam|Lady|Dame)\b\.?|\b(?:spokeswoman|chairwoman|congresswoman|"
                     r"businesswoman|woman|mother|daughter|sister|wife|grandmother|queen|princess|actress)\b", re.I)
_MALE = re.compile(r"\b(?:Mr|Sir|Lord)\b\.?|\b(?:spokesman|chairman|congressman|businessman|man|father|son|"
                   r"brother|husband|grandfather|king|prince|actor)\b", re.I)
_CUT = re.compile(r",|\s+(?:who|which|that|whose|in|of|on|at|from|for|with|near|to|by|about)\s")
PRONOUNS = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she", "it": "it", "its": "it",
            "they": "they", "them": "they", "their": "they"}
SPEAKER_PRONOUNS = frozenset({"i", "we", "you", "me", "us"})


def head_word(phrase: str) -> str:
    """The head of a noun phrase given as text: the last word before a comma, a relative or a preposition
    ("Listeners in Veldra who called" -> "Listeners", "the station's evening programme" -> "programme")."""
    core = _CUT.split(phrase.strip(), maxsplit=1)[0].strip(" .'’\"“”")
    words = re.findall(r"[\w'’.-]+", core)
    # "figures published (by ...)", "pictures posted (on ...)": the participle after the noun is not its head
    while len(words) > 1 and words[-1].lower().endswith(("ed", "ing")) and words[-2].lower() not in (
            "the", "a", "an", "its", "their"):
        words.pop()
    return words[-1] if words else ""


def kind_of(phrase: str, context: str = "") -> str:
    """person, organisation, outlet, document, anonymous, picture, thing or unknown, from the phrase and the
    article's text (`context`, for initials of an outlet it spells out)."""
    text = re.sub(r"\s*\([^)]*\)", "", phrase.split(",")[0]).strip()
    if not text:
        return "unknown"
    lower = text.lower()
    head = head_word(text)
    head_lower = head.lower().rstrip(".")
    if lower in PRONOUNS or lower in SPEAKER_PRONOUNS:
        return {"he": "person", "she": "person", "it": "organisation", "they": "anonymous"}.get(
            PRONOUNS.get(lower, ""), "person")
    if any(w.lower() in PICTURES for w in re.findall(r"[\w'’-]+", text)[:3]):
        return "picture"  # "pictures posted on social media", "a video"
    if head[:1].isupper() and is_outlet(text, context):
        return "outlet"  # "The Post", before the document noun "post"
    if is_document(text) or is_document(head_lower):  # "figures published by the authority"
        return "document"
    if is_outlet(text, context) or head_lower in MEDIA:
        return "outlet"
    if head_lower in NON_SPEAKERS and not head[:1].isupper():
        return "thing"
    if _ORG_NAME.search(text) or head_lower in ORG_HEADS or head_lower in _ORG_PLURALS:
        return "organisation"
    if is_anonymous(text):
        return "anonymous"
    if head_lower in QUANTIFIERS and len(text.split()) <= 2:
        return "anonymous"  # "Several said", "Each of them"
    singular = head_lower[:-1] if head_lower.endswith("s") else head_lower
    person_noun = head_lower in PERSON_NOUNS or singular in PERSON_NOUNS or head_lower == "people"
    if any(part[:1].isupper() for part in head.split("-")) and not person_noun:  # "Dabaa", "al-Dabaa"
        # a name: a person's when it reads as one ("Hafeth al-Dabaa", "Col. Irena Vasko"), an organisation's
        # when it is all capitals ("NRF", "MSC")
        bare = re.sub(r"^(?:the|The)\s+", "", text)
        return "organisation" if bare.isupper() and len(bare) > 1 else "person"
    if person_noun:
        plural = head_lower != singular or head_lower == "people"
        return "anonymous" if plural or lower.startswith(("a ", "an ", "one ")) else "person"
    return "unknown"


def is_speaker(kind: str) -> bool:
    """Whether a source of this kind can say anything: not a place, a time or a part of a thing."""
    return kind not in ("thing",)


def gender_of(phrase: str) -> str:
    if _FEMALE.search(phrase):
        return "f"
    if _MALE.search(phrase):
        return "m"
    return ""


@dataclass
class Mention:
    """A noun phrase that a later pronoun may stand for: the subject of a clause, or an attribution's source."""

    span: tuple[int, int]
    name: str  # the canonical name where known, else the phrase
    kind: str
    plural: bool
    gender: str = ""
    speaker: bool = False  # the source of an attribution, not just a subject


def mentions_in(sent: Any, offset: int, text: str = "", quotes: list[tuple[int, int]] | None = None) -> list[Mention]:
    """The subjects of the sentence's clauses that are noun phrases (not pronouns), as mentions; not those
    inside a quotation (`quotes`, offsets into `text`), which are the quoted speaker's."""
    found = []
    for token in sent:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ not in ("NOUN", "PROPN"):
            continue
        at = token.idx + offset
        if quotes and any(a <= at < b for a, b in quotes):
            continue
        words = trim_punct(noun_phrase(token))
        if not words:
            continue
        a, b = span_of(words)
        phrase = sent.doc.text[a:b]
        kind = kind_of(phrase, text)
        plural = token.tag_ in ("NNS", "NNPS") or kind == "anonymous" and phrase.lower().endswith("s")
        found.append(Mention((a + offset, b + offset), phrase, kind, plural, gender_of(phrase)))
    return found


def fits(pronoun: str, mention: Mention) -> bool:
    """Whether the pronoun can stand for the mention."""
    which = PRONOUNS.get(pronoun.lower())
    if which in ("he", "she"):
        wanted = "m" if which == "he" else "f"
        return mention.kind == "person" and not mention.plural and mention.gender in ("", wanted)
    if which == "it":
        return mention.kind in ("organisation", "outlet", "document") and not mention.plural
    if which == "they":
        return mention.plural or mention.kind in ("organisation", "anonymous")
    return False


def resolve(pronoun: str, at: int, mentions: list[Mention], speaking: bool = False) -> tuple[Mention | None, str]:
    """The nearest mention before offset `at` that the pronoun can stand for, or None and why not. A pronoun
    that does the saying (`speaking`: "it adds", "he said") goes on from an earlier speaker where one fits:
    "The BBC said ... The council was formed in 2014. It adds ..." is the BBC adding."""
    lower = pronoun.lower()
    if lower in SPEAKER_PRONOUNS:
        return None, f"“{pronoun}” outside a quotation speaks for the writer or an unnamed group"
    before = sorted((m for m in mentions if m.span[1] <= at), key=lambda m: -m.span[1])
    for mention in ([m for m in before if m.speaker] if speaking else []) + before:
        if fits(lower, mention):
            return mention, ""
    wanted = {"he": "man or unnamed person", "she": "woman or unnamed person",
              "it": "organisation, outlet or document", "they": "group"}.get(PRONOUNS.get(lower, ""), "speaker")
    return None, f"no {wanted} is named before “{pronoun}”"
