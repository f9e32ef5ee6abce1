"""How many were killed: every death toll a sentence reports, read by ACLED's rules (codebook, fatalities.Rmd):
deaths only (the wounded are not counted), a range counts as its lower end, "dozens" as 12, "tens" as 10,
"hundreds" as 100, and no deaths ("there were no casualties") as an explicit 0. A list of victims in one
statement adds up ("five soldiers and six civilians were killed": 11). Across statements the most conservative
total wins (`EventMention.fatality_count`); `combine` adds the tolls of different victims that separate
sentences give in one voice ("a soldier was killed ... two civilians also died": 3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .actors import text_of

_UNITS = {"zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
          "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
          "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
          "ninety": 90, "both": 2, "couple": 2, "pair": 2}
# the codebook's words for numbers nobody counted ("dozens" = 12, "tens" = 10, "hundreds" = 100); a score is 20
_VAGUE = {"dozen": 12, "dozens": 12, "tens": 10, "hundred": 100, "hundreds": 100, "scores": 20, "score": 20,
          "thousands": 1000, "thousand": 1000}
_NUMBER = re.compile(
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
    r"(?:one|two|three|four|five|six|seven|eight|nine)|zero|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|a dozen|dozens|tens|hundreds|scores|a hundred|thousands|both|a couple)\b",
    re.I)
_FEW = re.compile(r"\b(?:several|a few|a number of|some|multiple|numerous|many)\b", re.I)
_SINGULAR = re.compile(r"^(?:a|an|one|the|his|her|their|another|this|that)\b", re.I)
_ZERO = re.compile(
    r"\b(?:no|zero) (?:\w+ )?(?:fatalities|casualties|deaths|one (?:was|were) (?:killed|hurt|injured)|"
    r"(?:\w+ )?(?:were|was) killed|lives were lost|loss of life)|without (?:any )?(?:casualties|fatalities|"
    r"deaths|loss of life)|nobody (?:was|were) (?:killed|hurt)|no one (?:was|were) (?:killed|hurt|injured)|"
    r"no (?:reported )?(?:casualties|fatalities|deaths)|none (?:was|were) killed", re.I)
_DEATH_WORDS = {"kill", "die", "dead", "slay", "murder", "execute", "behead", "decapitate", "assassinate",
                "massacre", "fatality", "death", "body", "corpse", "slain", "lynch", "perish", "toll", "killing",
                "succumb"}
_TOTAL_WORDS = re.compile(r"\b(?:fatalit(?:y|ies)|death toll|toll|deaths|people|persons|individuals|"
                          r"in total|total of|altogether|victims)\b", re.I)
_CAUSE_MARKS = {"after", "because", "since", "as", "when"}
_ANIMALS = {"livestock", "cattle", "cow", "cows", "goat", "goats", "sheep", "donkey", "donkeys", "camel", "camels",
            "dog", "dogs", "horse", "horses", "pig", "pigs", "chicken", "chickens", "animal", "animals"}
_NOT_EVENT_HEADS = {"suspect", "accuse", "charge", "convict", "demand", "protest", "mourn", "denounce",
                    "condemn", "commemorate", "remember", "investigate", "blame", "threaten", "vow", "plan",
                    "avenge", "revenge", "sentence", "allege", "decline", "refuse", "ask", "wonder", "fear"}


@dataclass(frozen=True)
class Toll:
    """One death toll a sentence states: the count, who was killed as written, the span from the first word
    of the figure to the death word, and whether it is a total ("14 people", "fatalities") or one group of the
    dead ("nine soldiers")."""

    count: int
    who: str | None
    start: int
    end: int
    total: bool


def number_value(words: str) -> int | None:
    """The most conservative count the words give ("between 35 and 45": 35; "at least 14": 14; "dozens": 12);
    None when they give none ("how many", "an unknown number")."""
    if re.search(r"\bhow many\b|\bunknown number\b|\bunspecified number\b|\bnumber of\b", words, re.I):
        return None
    match = _NUMBER.search(words)
    few = _FEW.search(words)
    if match is None:
        return 3 if few else None
    if few and few.start() < match.start():
        return 3
    raw = match.group("n").lower().replace(",", "")
    if raw.isdigit():
        return int(raw)
    if raw in ("a dozen",):
        return 12
    if raw in ("a hundred",):
        return 100
    if raw == "a couple":
        return 2
    if raw in _VAGUE:
        return _VAGUE[raw]
    parts = re.split(r"[- ]", raw)
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:
        return _UNITS[parts[0]] + _UNITS[parts[1]]
    return _UNITS.get(raw)


_PRONOUN_ONE = {"he", "she", "him", "her", "himself", "herself"}


def _count_of(head: Any) -> tuple[int | None, int]:
    """The count a victim phrase gives, and where its first word starts: "five MSC fighters" 5, "a man" 1,
    "both" 2, "soldiers" None (an unknown number). Only a number that counts the head counts: not an age ("a
    60-year-old man") nor a name ("Barrio 18 members")."""
    left = [t for t in head.subtree if t.i <= head.i and not _below_clause(t, head)]
    start = min(t.idx for t in left)
    text = text_of(head.doc)
    if head.lower_ in _PRONOUN_ONE:
        return 1, head.idx
    if head.lower_ in _ANIMALS:
        return None, start
    if head.like_num or head.lower_ in _VAGUE or head.lower_ in ("both", "dozen", "couple"):
        # "at least 15 died", "dozens of people", "both were killed"
        return number_value(text[start:head.idx + len(head.text)]), start
    counts = [c for c in head.children if c.dep_ in ("nummod", "quantmod") or c.dep_ == "amod" and c.like_num]
    if not counts:
        # "twenty Boko Haram militants" (the parser hangs the number on the name): a number in the phrase that
        # does not follow a name ("Barrio 18 members") nor counts years ("a 60-year-old man")
        counts = [t for t in left if t.dep_ == "nummod" and t.like_num and t.i < head.i
                  and not (t.i > 0 and t.doc[t.i - 1].pos_ == "PROPN")
                  and not t.head.lower_.startswith("year")]
    if counts:
        first = min(min(t.idx for t in c.subtree) for c in counts)
        words = text[min(first, start):max(c.idx + len(c.text) for c in counts)]
        value = number_value(re.sub(r"-?\byears?\b.*", "", words))
        if value is not None:
            return value, min(first, start)
    few = [c for c in head.children if c.dep_ in ("amod", "det") and _FEW.fullmatch(c.text)]
    if few:
        return 3, start
    if head.lower_ in _ANIMALS or head.lemma_.lower() in _ANIMALS or _of_animals(head):
        return None, start
    words = text[start:head.idx + len(head.text)]
    if head.tag_ in ("NN", "NNP") and (_SINGULAR.match(words) or head.pos_ == "PROPN" or words == head.text) \
            and head.lower_ not in ("people", "police", "personnel", "number", "family", "group"):
        return 1, start
    return None, start


def _of_animals(head: Any) -> bool:
    """"25 heads of cattle"."""
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    return obj is not None and (obj.lower_ in _ANIMALS or obj.lemma_.lower() in _ANIMALS)


def _below_clause(token: Any, top: Any) -> bool:
    current = token
    while current.i != top.i and current.head.i != current.i:
        if current.dep_ in ("relcl", "acl", "appos", "prep", "punct", "cc", "conj"):
            return True
        current = current.head
    return False


def _victims(head: Any) -> list[Any]:
    """The victim heads of a list: the head, its conjuncts, a second subject the parser hung on the same verb
    ("5 soldiers, ..., and 3 civilians were killed"), and a range's noun ("between 35 and 45 militants")."""
    out = [head]
    if head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        out.extend(c for c in head.head.children if c.dep_ == head.dep_ and c.i != head.i)
    for item in list(out):
        out.extend(t for t in item.conjuncts if t.pos_ in ("NOUN", "PROPN", "NUM") and t not in out)
    for item in list(out):
        for prep in item.children:
            if prep.dep_ == "prep" and prep.lower_ == "between":
                out.extend(g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN")
    unique: dict[int, Any] = {}
    for token in out:
        unique.setdefault(token.i, token)
    return [unique[i] for i in sorted(unique)]


def _tally(heads: list[Any], death: Any) -> Toll | None:
    """The toll of a list of victims ("5 soldiers, between 35 and 45 militants, and 3 civilians"): the sum."""
    total = 0
    start = None
    names = []
    counted = False
    for head in heads:
        value, first = _count_of(head)
        if value is None:
            continue
        counted = True
        total += value
        start = first if start is None else min(start, first)
        name = head
        if head.lower_ in _VAGUE or head.like_num or head.lower_ in ("number", "dozen", "couple", "group", "both"):
            # "dozens of people": the people
            of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            name = next((g for g in of.children if g.dep_ == "pobj"), head) if of is not None else head
        if name.pos_ == "NUM" or name.lower_ in ("both",):
            names.append("")
            continue
        # the words that tell the dead apart: "Ukrainian servicemen" and "DNR servicemen" are two groups
        modifiers = [c.lower_ for c in name.children if c.dep_ in ("compound", "amod") and not c.like_num
                     and c.i < name.i]
        names.append(" ".join(modifiers + [name.lemma_.lower()]))
    if not counted or start is None:
        return None
    end = max(death.idx + len(death.text), max(h.idx + len(h.text) for h in heads))
    start = min(start, death.idx)
    who = " ".join(n for n in names if n) or None
    words = text_of(death.doc)[start:end]
    is_total = bool(_TOTAL_WORDS.search(words)) or all(h.pos_ == "NUM" for h in heads)
    return Toll(total, who, start, end, is_total)


def _subordinate(token: Any, sentence_root: Any) -> bool:
    """Whether a death word describes something other than the event: in a relative clause ("a student who
    died the day before"), or under "suspected of", "demanding justice for"."""
    current = token
    while current.i != sentence_root.i and current.head.i != current.i:
        if current.dep_ == "relcl" and not consequence_clause(current) \
                or current.dep_ == "acl" and current.i != token.i and current.tag_ != "VBG":
            return True  # "a student who died"; but "..., leading to the death of four soldiers" is the event
        if current.lemma_.lower() in _NOT_EVENT_HEADS and current.i != token.i:
            return True
        if current.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CAUSE_MARKS for c in current.children):
            return True  # "protested after a student was killed": the cause, not the event's toll
        if current.dep_ == "pobj" and current.head.lower_ in ("after", "following", "over") \
                and current.head.head.pos_ in ("VERB", "AUX"):
            return True  # "demonstrated after the death of"
        current = current.head
    return current.lemma_.lower() in _NOT_EVENT_HEADS


def consequence_clause(clause: Any) -> bool:
    """Whether a relative clause tells what followed, not who someone is: "shelled the town, as a result of
    which two civilians were killed", "clashes in which 14 died"."""
    for token in clause.subtree:
        if token.lower_ in ("which", "whom") and token.dep_ == "pobj":
            return True
        if token.i >= clause.i:
            break
    return False


def tolls(sent: Any) -> list[Toll]:
    """Every death toll a parsed sentence states, in order."""
    text = text_of(sent.doc)
    out: list[Toll] = []
    seen: set[int] = set()
    for m in _ZERO.finditer(text, sent.start_char, sent.end_char):
        # "there were no casualties" is a total; "no civilians were killed" only says who was not
        out.append(Toll(0, None, m.start(), m.end(), not re.search(r"\b(?:were|was)\b", m.group(0))))
    for token in sent:
        lemma = token.lemma_.lower()
        word = token.lower_
        if lemma not in _DEATH_WORDS and word not in ("dead", "slain", "fatalities", "deaths"):
            continue
        if token.i in seen or _subordinate(token, sent.root) or _uncertain(token):
            continue
        toll = _toll_at(token)
        if toll is not None and not any(o.start < toll.end and toll.start < o.end for o in out):
            out.append(toll)
            seen.add(token.i)
    out.sort(key=lambda t: t.start)
    # "the death toll has risen to 19 after five people died of their wounds": the toll is the figure
    if any(re.search(r"\btoll\b", text[t.start:t.end], re.I) for t in out):
        out = [t for t in out if t.count == 0 or re.search(r"\btoll\b", text[t.start:t.end], re.I)]
    return out


def _uncertain(death: Any) -> bool:
    """"killed or wounded", "killed, injured or captured": no count of the dead."""
    around = [death] + list(death.conjuncts)
    has_or = any(c.dep_ == "cc" and c.lower_ == "or" for t in around for c in t.children)
    return has_or and any(re.match(r"(?:injur|wound|captur|hurt|missing)", t.lower_) for t in around)


def _toll_at(death: Any) -> Toll | None:
    lemma = death.lemma_.lower()
    if lemma in ("fatality", "death", "toll"):
        return _nominal(death)
    if death.lower_ == "death" and death.dep_ == "pobj" and death.head.lower_ == "to" \
            and death.head.head.pos_ == "VERB":
        # "beat to death two suspected thieves"
        verb = death.head.head
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        return _tally(_victims(obj), death) if obj is not None else None
    has_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in death.children)
    if (death.pos_ == "NOUN" or has_of and not any(c.dep_ == "dobj" for c in death.children)) \
            and lemma in ("kill", "killing", "murder", "execution", "massacre"):
        # "the killing of one member"
        of = next((c for c in death.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        return _tally(_victims(obj), death) if obj is not None else None
    if lemma in ("body", "corpse"):
        if not re.search(r"\b(?:found|discovered|recovered|dumped|lying|retrieved|bod(?:y|ies) of)\b",
                         death.sent.text, re.I):
            return None
        of = next((c for c in death.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if obj is not None:
            return _tally(_victims(obj), death)
        return _tally([death], death)
    if death.lower_ == "dead" and death.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advmod", "conj") \
            and death.head.pos_ in ("VERB", "AUX") and death.head.lemma_.lower() != "be":
        # "left 14 people dead", "shot dead a journalist", "was found dead"
        verb = death.head
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")), None)
        if obj is None and verb.lemma_.lower() in ("lie", "fall", "remain", "drop", "lay"):
            obj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if obj is None and verb.dep_ in ("xcomp", "advcl", "conj"):
            obj = next((c for c in verb.head.children if c.dep_ in ("dobj",)), None)
        return _tally(_victims(obj), death) if obj is not None else None
    if death.lower_ == "dead" and death.dep_ == "pobj" and death.head.lower_ == "among":
        # "nine soldiers and five civilians were among the dead"
        verb = death.head.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return _tally(_victims(subject), death) if subject is not None else None
    # "N were killed", "N died", "killing N", "shot dead a journalist", "N dead"
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in death.children)
    subject = next((c for c in death.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if subject is None and death.dep_ == "conj" and death.head.pos_ in ("VERB", "AUX"):
        # "a man was shot and killed": the subject of "shot"
        subject = next((c for c in death.head.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        passive = passive or any(c.dep_ in ("nsubjpass", "auxpass") for c in death.head.children)
    obj = next((c for c in death.children if c.dep_ in ("dobj", "obj")), None)
    if death.lower_ == "dead" and death.dep_ in ("acomp", "attr"):
        subject = next((c for c in death.head.children if c.dep_ == "nsubj"), subject)
    if lemma in ("die", "perish") or passive or death.lower_ == "dead" and obj is None:
        target = subject
    else:
        target = obj
        if target is None and death.dep_ in ("conj",) and death.head.pos_ == "VERB":
            target = next((c for c in death.head.children if c.dep_ in ("dobj", "obj")), None)
    if target is None and death.dep_ == "amod" and death.head.pos_ in ("NOUN", "PROPN"):
        target = death.head  # "14 dead people"
    if target is None and death.lower_ == "dead" and death.head.pos_ in ("NOUN", "NUM"):
        target = death.head
    if target is None:
        if death.dep_ == "relcl" or death.dep_ == "acl":
            target = death.head  # "civilians killed in the strike"
        else:
            return None
    if target.lower_ in ("who", "that", "which") and death.dep_ == "relcl":
        target = death.head
    if target.lower_ in ("it", "they", "them", "themselves", "who", "which", "that"):
        return None
    return _tally(_victims(target), death)


def _nominal(noun: Any) -> Toll | None:
    """"14 fatalities", "the death of three drivers", "the death toll rose to 19", "fatalities coded as 10"."""
    text = text_of(noun.doc)
    number = next((c for c in noun.children if c.dep_ == "nummod" or c.like_num), None)
    if number is not None and noun.lemma_.lower() in ("fatality", "death"):
        value = number_value(text[number.idx:noun.idx + len(noun.text)])
        if value is not None:
            verb = noun.head
            if noun.dep_ in ("dobj",) and verb.lemma_.lower() in ("sustain", "suffer", "incur", "record", "take",
                                                                    "lose"):
                # "the army sustained 1 fatality": one side's dead, a part of the toll
                side = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if side is not None:
                    start = min(side.idx, number.idx)
                    return Toll(value, side.lemma_.lower(), start, noun.idx + len(noun.text), False)
            return Toll(value, None, min(number.idx, noun.idx), noun.idx + len(noun.text), True)
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if obj is not None and noun.lemma_.lower() == "death":
        return _tally(_victims(obj), noun)
    # a figure after the word, in the same clause: "fatalities coded as 10", "the toll rose to 19"
    sent_end = noun.sent.end_char
    window = text[noun.idx + len(noun.text):min(sent_end, noun.idx + len(noun.text) + 120)]
    match = re.match(r"\s*(?:[\w'’,-]+\s+){0,14}?(?:at|to|as|of|stands at|stood at|is|was|reached)\s+"
                     r"(?:at least\s+|about\s+|around\s+|some\s+)?(" + _NUMBER.pattern + r")", window, re.I)
    if match is not None and not re.search(r"\bup from\b|\bfrom\s*$", window[:match.start(1)], re.I):
        value = number_value(match.group(1))
        if value is not None:
            end = noun.idx + len(noun.text) + match.end(1)
            start = noun.idx
            left = noun.doc[noun.left_edge.i]
            if left.i < noun.i:
                start = left.idx
            return Toll(value, None, start, end, True)
    return None


def zero_only(found: list[Toll]) -> bool:
    return bool(found) and all(t.count == 0 for t in found)
