"""Where an event happened: the place its sentence names, resolved in the offline gazetteer within the country
the whole text points to.

1. Mentions. Capitalised runs of the text (and the spaCy doc's GPE/LOC/FAC entities when one is given) are
   matched, longest first, to country names, demonyms and gazetteer names. Each mention records the words
   before it ("in", "near", "on the outskirts of", "5 km from"), the type word around it ("district", "village
   of") and the names that follow it in parentheses or after a comma, where ACLED's notes and many reports put
   the admin regions ("Iworoko (Irepodun, Ekiti)", "Derna, Libya"). A run that the gazetteer does not know as a
   whole is kept as an unknown name when the words around it say it is a place.
2. Country from context. Every mention of the text votes: a country name 3, a demonym 1, a place name 1.5
   (0.5 without a preposition or type word to say it is a place), shared among the countries that have a place
   of that name by their largest namesake's population.
3. The event's place: the mention of the sentence that most looks like where it happened (a locative
   preposition, admin names after it, a gazetteer entry), resolved among its namesakes by the context of the
   rest of the text, the admin names given with it and population. Fuzzy matching runs only inside the
   country the context chose.
4. A name the gazetteer lacks keeps its country, the admin regions given with it, and the point of a known
   town it is said to be near or to lie in (geo precision 2) or of its region (3).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..recent import Recent
from ..text.tokens import STOPWORDS
from .gazetteer import Entry, Gazetteer, admin_key, normalise, without_article
from .records import Evidence, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Gazetteer", "locate"]

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*")
_KM = re.compile(r"\d+(?:[.,]\d+)?(?:km|kms|mi|m)$")

CONNECTORS = frozenset("""
de del della di da das dos do du des la le les el al ad ar as an at az ash ez es ed er ul ud en y e i of upon sur
van von der den bin ibn bani beni abu um umm
""".split())
IN_WORDS = frozenset("in at inside into within throughout".split())
NEAR_WORDS = frozenset("""
near nearby outside around outskirts vicinity close between surrounding surroundings environs edge periphery
km kms kilometres kilometers kilometre kilometer miles mile
""".split())
WEAK_WORDS = frozenset("from to toward towards through along across over on by via reach reached reaching".split())
COMPASS = frozenset("""
north south east west northern southern eastern western central northeast northwest southeast southwest
north-east north-west south-east south-west northeastern northwestern southeastern southwestern north-eastern
north-western south-eastern south-western upper lower greater
""".split())
FILLER = frozenset("""
the a an of its their coastal border capital nearby neighbouring neighboring rural remote occupied besieged key
strategic restive embattled contested disputed frontline front-line troubled town's city's village's nearby
some several two three parts part areas area
""".split())
# the words that say what a place is, in English and in the admin vocabularies news and ACLED's notes use
ADMIN1_TYPES = frozenset("""
region regions province provinces state states oblast governorate governorates department prefecture emirate
wilaya muhafazah
""".split())
ADMIN2_TYPES = frozenset("""
district districts county counties municipality municipalities division territory raion rayon zone subdistrict
sub-district canton parish township townships commune locality lga tehsil woreda kebele groupement chiefdom
corregimiento sector taluk taluka mandal upazila sub-county subcounty payam boma arrondissement cercle
sub-prefecture regency kecamatan nahiya barangay
""".split())
SETTLEMENT_TYPES = frozenset("""
city cities town towns village villages hamlet suburb neighbourhood neighborhood neighbourhoods neighborhoods
camp camps settlement quarter ward colonia barrio
""".split())
AREA_TYPES = frozenset("area areas outskirts vicinity countryside environs surroundings".split())
# words before a type word that belong to it ("Krishna Sabran Rural Municipality")
QUALIFIERS = frozenset("rural urban metropolitan sub-metropolitan special capital".split())
# a run ending in one of these names a building or a street, not the place it is named after ("Trafalgar Square")
FACILITY = frozenset("""
square bridge street road avenue boulevard hospital station airport airbase mosque church cathedral temple market
hall park university college school stadium prison jail embassy office headquarters building plaza tower palace
court centre center mall factory plant mine dam harbour harbor base checkpoint highway junction crossing
roundabout intersection gate cemetery camp
""".split())
TYPE_WORDS = ADMIN1_TYPES | ADMIN2_TYPES | SETTLEMENT_TYPES | AREA_TYPES
_CALENDAR = frozenset("""
january february march april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
# capitalised words that name places somewhere but in news are mostly something else ("Police", "Army")
_GENERIC = frozenset("""
army police forces force government president minister ministry party council court university union front
national federal security military group groups street road avenue square market hospital school church mosque
station airport port bridge camp mount lake river sea ocean bay coast island islands gulf valley city town
village republic kingdom democratic people islamic liberation movement alliance coalition brigade battalion
regiment division command guard militia rebels day women workers students new old saint san santa sao general
prime mayor governor chief colonel captain major commander spokesman spokeswoman hill hills mountain mountains
forest desert beach border
""".split()) | COMPASS | TYPE_WORDS | FACILITY | QUALIFIERS | _CALENDAR | STOPWORDS

# the weights of the context vote and the resolution (tuned on the ACLED sample's development half)
COUNTRY_VOTE, CAPS_VOTE, DEMONYM_VOTE, PLACE_VOTE, WEAK_PLACE_VOTE, HINT_VOTE = 3.0, 3.0, 1.0, 1.5, 0.5, 2.0
WEAK_PLACE_MIN = 10_000  # a name no word marks as a place votes only when its largest namesake is this large
CONTEXT_WEIGHT = 3.0
# the population a place needs without support from the context: 1,000, times 3 per vote the context gives
# another country (a demonym 1, a country's name 3)
UNSUPPORTED_MIN, UNSUPPORTED_PER_VOTE = 1_000, 3.0
FUZZY_CUTOFF = 88.0


@dataclass
class _Hint:
    """A name given with a mention, in parentheses or after a comma: usually its admin regions."""

    start: int
    end: int
    key: str
    type: str | None


@dataclass
class _Mention:
    start: int
    end: int
    key: str
    entries: list[Entry] = field(default_factory=list)
    country: str | None = None  # a country's name
    demonym: tuple[str, ...] = ()
    anchor: str = ""  # "in", "near", "weak" or ""
    type: str | None = None  # a type word before or after it ("district", "village")
    hints: list[_Hint] = field(default_factory=list)
    is_hint: bool = False  # itself in parentheses or after a comma, naming another mention's region
    self_hint: bool = False  # a hint that repeats the name it follows ("Mawanella (Mawanella, Sabaragamuwa)")
    entity: bool = False  # a spaCy GPE/LOC/FAC entity
    facility: bool = False  # followed by "factory", "hospital": names a building, not where it stands
    near: _Mention | None = None  # for an unknown name: the known place it is said to be near

    @property
    def place_like(self) -> bool:
        return bool(self.anchor or self.type or self.hints or self.entity)


@dataclass
class _Scan:
    mentions: list[_Mention]
    votes: list[dict[str, float]]  # per mention
    total: dict[str, float]


_SCANS: Recent[tuple[int, str, int], _Scan] = Recent(16)


def locate(article_id: str, text: str, sentence: tuple[int, int], gazetteer: Gazetteer,
           doc: Doc | None = None) -> Place | None:
    """Where the event reported in `text[sentence[0]:sentence[1]]` happened, or None when the sentence names
    no place and the text before it names none either. The name is as written (its span is `evidence`)."""
    scan = _scan(text, gazetteer, doc)
    s0, s1 = sentence
    inside = [i for i, m in enumerate(scan.mentions) if s0 <= m.start and m.end <= s1]
    chosen = _choose(scan, inside)
    if chosen is None:  # the sentence names no place: the nearest place named before it
        before = [i for i, m in enumerate(scan.mentions) if m.end <= s0 and not m.is_hint
                  and (m.entries or m.place_like) and not m.demonym]
        chosen = before[-1] if before else None
    if chosen is None:
        countries = [i for i in inside if scan.mentions[i].country]
        chosen = countries[0] if countries else None
    if chosen is None:
        return None
    return _resolve(article_id, text, scan, chosen, gazetteer, sentence)


# -- 1. mentions ---------------------------------------------------------------------------------------------

def _scan(text: str, gazetteer: Gazetteer, doc: Doc | None) -> _Scan:
    cache_key = (id(gazetteer), text, id(doc) if doc is not None else 0)
    found = _SCANS.take(cache_key)
    if found is not None:
        return found
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    mentions: list[_Mention] = []
    for run in _runs(text, tokens):
        mentions += _match_run(text, tokens, run, gazetteer)
    if doc is not None:
        mentions = _add_entities(text, tokens, mentions, doc, gazetteer)
    mentions.sort(key=lambda m: m.start)
    _link_hints(text, mentions, gazetteer)
    _link_chains(text, mentions, gazetteer)
    _link_near(text, tokens, mentions)
    votes = [_vote(m, gazetteer) for m in mentions]
    total: dict[str, float] = defaultdict(float)
    for v in votes:
        for code, weight in v.items():
            total[code] += weight
    return _SCANS.put(cache_key, _Scan(mentions, votes, dict(total)))


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:3].lower() in ("al-", "el-", "ad-", "ar-", "as-", "an-", "at-", "az-")
                                  and word[3:4].isupper())


def _runs(text: str, tokens: list[tuple[int, int]]) -> list[list[int]]:
    """Indexes of tokens forming capitalised runs ("Cienega de Flores"), split where anything but a space
    (or the full stop of "St.") comes between two tokens."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, (a, b) in enumerate(tokens):
        word = text[a:b]
        joined = bool(current) and _joined(text, tokens[current[-1]], a)
        if not joined:
            _close(text, tokens, current, runs)
            current = []
        if _capitalised(word) or (current and word in CONNECTORS):
            current.append(i)
            if word.endswith(("'s", "’s")):  # "Libya's northeast": the name ends here
                _close(text, tokens, current, runs)
                current = []
        else:
            _close(text, tokens, current, runs)
            current = []
    _close(text, tokens, current, runs)
    return runs


def _joined(text: str, previous: tuple[int, int], start: int) -> bool:
    gap = text[previous[1]:start]
    if gap == " ":
        return True
    return gap == ". " and text[previous[0]:previous[1]] in ("St", "Ste", "Mt", "Ft")


def _close(text: str, tokens: list[tuple[int, int]], run: list[int], runs: list[list[int]]) -> None:
    while run and text[tokens[run[-1]][0]:tokens[run[-1]][1]] in CONNECTORS:
        run.pop()
    if run:
        runs.append(list(run))


def _word(text: str, token: tuple[int, int]) -> str:
    word = text[token[0]:token[1]]
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _match_run(text: str, tokens: list[tuple[int, int]], run: list[int], gazetteer: Gazetteer) -> list[_Mention]:
    """The mentions of one run, longest match first; a run the gazetteer knows only in part (its other words
    not ignorable) is one unknown name when the words around it say it is a place ("in Hin Thar village")."""
    mentions: list[_Mention] = []
    covered = [False] * len(run)
    i = 0
    while i < len(run):
        for j in range(min(len(run), i + 6), i, -1):
            words = [_word(text, tokens[k]) for k in run[i:j]]
            m = _lookup(words, gazetteer)
            if m is not None and not (j - i == 1 and _ignorable_alone(words[0])):
                m.start, m.end = tokens[run[i]][0], tokens[run[i]][0] + len(" ".join(words))
                m.end = tokens[run[j - 1]][0] + len(words[-1])
                mentions.append(m)
                covered[i:j] = [True] * (j - i)
                i = j
                break
        else:
            a, b = tokens[run[i]]
            if "-" in text[a:b]:  # "Nepal-China border", "Russian-occupied": the countries in a compound
                at = a
                for part in text[a:b].split("-"):
                    m = _lookup([part], gazetteer) if part[:1].isupper() else None
                    if m is not None and (m.country or m.demonym):
                        m.start, m.end = at, at + len(part)
                        m.entries = []
                        mentions.append(m)
                        covered[i] = True
                    at += len(part) + 1
            i += 1
    # the run without type words at its ends ("Kharkiv Oblast", "Province of Idlib")
    lo, hi = 0, len(run)
    while hi > lo + 1 and _word(text, tokens[run[hi - 1]]).lower() in TYPE_WORDS:
        hi -= 1
        while hi > lo + 1 and _word(text, tokens[run[hi - 1]]).lower() in QUALIFIERS:
            hi -= 1
    while lo < hi - 1 and _word(text, tokens[run[lo]]).lower() in TYPE_WORDS | CONNECTORS:
        lo += 1
    leftover = [_word(text, tokens[run[k]]) for k in range(lo, hi) if not covered[k]]
    places = [m for m in mentions if m.entries and not m.country and not m.demonym]
    name = [_word(text, tokens[run[k]]) for k in range(lo, hi)]
    if (any(not _ignorable(w, gazetteer) for w in leftover) or len(places) > 1) and _plausible(name):
        whole = _Mention(tokens[run[lo]][0], tokens[run[hi - 1]][0] + len(_word(text, tokens[run[hi - 1]])),
                         normalise(" ".join(_word(text, tokens[run[k]]) for k in range(lo, hi))))
        whole.facility = any(w.lower() in _GENERIC and w.lower() not in COMPASS | TYPE_WORDS for w in name)
        mentions = [m for m in mentions if m.country or m.demonym]
        if not any(m.start <= whole.start and whole.end <= m.end for m in mentions):
            mentions.append(whole)
    for m in mentions:
        _context(text, tokens, m)
    return [m for m in mentions if m.entries or m.country or m.demonym or m.place_like
            or _NAMES_FOLLOW.match(text, _skip_type(text, m.end))]


# an unknown name followed by names in parentheses or after a comma ("Vremivka, Donetsk") may be a place
_NAMES_FOLLOW = re.compile(r" ?\((?=[A-Z])|, [A-Z]")


def _plausible(words: list[str]) -> bool:
    """Whether a run the gazetteer does not know could be a place's name: a few words, not only acronyms, and no
    capitalised function word inside ("Stand Up To Racism")."""
    if not words or len(words) > 5 or all(w.isupper() and len(w) <= 5 for w in words):
        return False
    return not any(w.lower() in _TITLE_WORDS for w in words[1:])


# function words that, capitalised inside a run, make it a title or a slogan ("Stand Up To Racism")
_TITLE_WORDS = frozenset("the a an to for with up against and or by from we our you your my is are be no not it "
                         "in on at this that".split())


def _ignorable_alone(word: str) -> bool:
    lower = word.lower()
    return (lower in _GENERIC or lower in ARTICLE_WORDS or len(word) <= 2
            or (word.isupper() and len(word) <= 5 and not word.isdigit()))


ARTICLE_WORDS = frozenset("al el ad ar as an at az ash".split())


def _ignorable(word: str, gazetteer: Gazetteer) -> bool:
    """Words a known name may carry in its run without making it another place ("Russian-occupied Kherson")."""
    lower = word.lower()
    head = normalise(lower.split("-")[0]) if "-" in lower else ""
    if lower in FACILITY:
        return False
    return (lower in _GENERIC or lower in CONNECTORS or bool(gazetteer.demonym(normalise(word)))
            or bool(head and gazetteer.demonym(head)))


def _lookup(words: list[str], gazetteer: Gazetteer) -> _Mention | None:
    if len(words) == 1 and words[0].replace(".", "").isupper():
        code = gazetteer.caps_country(words[0].replace(".", ""))
        if code is not None:
            return _Mention(0, 0, normalise(words[0]), country=gazetteer.country_name(code))
        if len(words[0]) <= 5:
            return None  # an acronym, not a place ("MSC", "JNIM")
    key = normalise(" ".join(words))
    if not key:
        return None
    code = gazetteer.country_by_key(key)
    demonym = gazetteer.demonym(key)
    entries = gazetteer.lookup(key)
    if not entries:
        stripped = without_article(key)
        entries = gazetteer.lookup(stripped) if stripped else []
    if code is None and not demonym and not entries:
        return None
    return _Mention(0, 0, key, entries=entries, country=gazetteer.country_name(code) if code else None,
                    demonym=demonym)


def _context(text: str, tokens: list[tuple[int, int]], m: _Mention) -> None:
    """The words before the mention (its preposition) and the type word after it."""
    _preposition(text, tokens, m)
    after = _token_at(tokens, m.end)
    if after < len(tokens) and not text[m.end:tokens[after][0]].strip(" ]\"”’'") and \
            "\n" not in text[m.end:tokens[after][0]]:
        word = text[tokens[after][0]:tokens[after][1]].lower()
        if word in TYPE_WORDS:
            m.type = word
        elif word in FACILITY:
            m.facility = True  # "the Solvay factory": a building named after a place, or a firm


def _preposition(text: str, tokens: list[tuple[int, int]], m: _Mention) -> None:
    k = _token_at(tokens, m.start)
    near = conjunction = False
    steps = 0
    while k > 0 and steps < 7:
        k -= 1
        steps += 1
        a, b = tokens[k]
        gap = text[b:tokens[k + 1][0]] if k + 1 < len(tokens) else ""
        if gap.strip(" \t[\"“‘'") or "\n" in gap:
            break
        word = text[a:b].lower()
        if word in NEAR_WORDS or _KM.match(word):
            near = True
            if word in ("near", "outside", "around", "between", "nearby"):
                m.anchor = "near"
                return
        elif word in IN_WORDS:
            m.anchor = "near" if near else "in"
            return
        elif word in WEAK_WORDS:
            m.anchor = "near" if near else "weak"
            return
        elif word in TYPE_WORDS:
            m.type = m.type or word
        elif word in COMPASS:
            near = near or (k + 1 < len(tokens) and text[tokens[k + 1][0]:tokens[k + 1][1]].lower() == "of")
        elif word in FILLER or word.isdigit():
            continue
        elif word in ("and", "or"):
            conjunction = True
        elif conjunction and _capitalised(text[a:b]):
            continue  # "between Milk River and Coutts": the first name's preposition
        else:
            break
    if near:
        m.anchor = "near"


def _token_at(tokens: list[tuple[int, int]], offset: int) -> int:
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid][0] < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _add_entities(text: str, tokens: list[tuple[int, int]], mentions: list[_Mention], doc: Doc,
                  gazetteer: Gazetteer) -> list[_Mention]:
    """The doc's GPE/LOC/FAC entities: a mention they cover is confirmed as a place; one no run gave is added as
    an unknown name."""
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC") or ent.end_char > len(text):
            continue
        start, end = ent.start_char, ent.end_char
        while start < end and text[start:end].lower().startswith("the "):
            start += 4
        overlapping = [m for m in mentions if m.start < end and start < m.end]
        for m in overlapping:
            m.entity = True
        if not overlapping and text[start:end].strip():
            m = _Mention(start, end, normalise(text[start:end]), entity=True)
            m.entries = gazetteer.lookup(m.key)
            _context(text, tokens, m)
            mentions.append(m)
    return mentions


def _link_hints(text: str, mentions: list[_Mention], gazetteer: Gazetteer) -> None:
    """Names in parentheses right after a mention ("Iworoko (Irepodun, Ekiti)") and known regions or countries
    after a comma ("Sulyhivka, Kharkiv") become its hints, and are no longer candidates themselves."""
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        if m.is_hint:
            continue
        pos = _skip_type(text, m.end)
        part = by_start.get(pos + 3) if text.startswith(" - ", pos) else None
        if part is not None:  # "Los Angeles - San Fernando Valley (California)": a part of the place
            part.is_hint = part.self_hint = True
            tail = _RUN_TAIL.match(text, part.end)
            pos = _skip_type(text, tail.end() if tail else part.end)
        rest = text[pos:pos + 200]
        stripped = rest.lstrip(" ")
        if stripped.startswith("("):
            open_at = pos + len(rest) - len(stripped)
            close = text.find(")", open_at, open_at + 160)
            if close < 0:
                continue
            parts = _hint_parts(text, open_at + 1, close)
            if parts is None:
                continue
            m.hints = parts
            for h in parts:
                inner = by_start.get(h.start)
                if inner is not None:
                    inner.is_hint = True
                    inner.self_hint = inner.key == m.key
        elif stripped.startswith(","):
            at = pos + len(rest) - len(stripped) + 1
            for _ in range(2):
                while at < len(text) and text[at] == " ":
                    at += 1
                inner = by_start.get(at)
                if inner is None or not _regional(inner, gazetteer) or _LISTED.match(text, _skip_type(text, inner.end)):
                    break  # not a region, or one of a list ("in Kyiv, Lviv and Odesa")
                inner.is_hint = True
                m.hints.append(_Hint(inner.start, inner.end, inner.key, inner.type))
                after = _skip_type(text, inner.end)
                if not text.startswith(",", after):
                    break
                at = after + 1


_OF_IN = re.compile(r" (?:of|in) (?:the )?")


def _link_chains(text: str, mentions: list[_Mention], gazetteer: Gazetteer) -> None:
    """"Bayandy village of Munaily district in Mangystau region", "Tawileh town in Al Hasakeh countryside": the
    regions (or country) named after "of" or "in" become hints of the place before them."""
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        if m.is_hint or m.country or m.demonym:
            continue
        current = m
        for _ in range(3):
            pos = _skip_type(text, current.end)
            if current.hints:  # past its parentheses
                close = text.find(")", pos)
                pos = close + 1 if 0 <= close < pos + 160 else pos
            link = _OF_IN.match(text, pos)
            nxt = by_start.get(link.end()) if link else None
            if nxt is None or nxt.is_hint or nxt.demonym:
                break
            regional = nxt.country or nxt.type in ADMIN1_TYPES | ADMIN2_TYPES | AREA_TYPES or \
                (m.type and (nxt.entries or nxt.type))
            if not regional:
                break
            nxt.is_hint = True
            m.hints.append(_Hint(nxt.start, nxt.end, nxt.key, nxt.type))
            if nxt is not current:
                m.hints += [h for h in nxt.hints if h not in m.hints]
            current = nxt


def _skip_type(text: str, pos: int) -> int:
    """After a mention, past a type word that follows it ("Hin Thar village (...)")."""
    m = re.match(r" ([A-Za-z-]+)", text[pos:pos + 30])
    if m and m.group(1).lower() in TYPE_WORDS:
        return pos + m.end()
    return pos


_RUN_TAIL = re.compile(r"(?: [A-Z][\w'-]*)*")
_LISTED = re.compile(r",? (?:and|or) [A-Z]|, [A-Z][\w-]*(?: [A-Z][\w-]*)*(?: and| or|,)")


def _regional(m: _Mention, gazetteer: Gazetteer) -> bool:
    return bool(m.country) or any(e.kind != "city" for e in m.entries)


def _hint_parts(text: str, start: int, end: int) -> list[_Hint] | None:
    """The names of "(Yesagyo township, Pakokku district, Magway region)"; None when the parentheses hold
    prose ("coded to Kharkiv as the exact location is unknown")."""
    parts: list[_Hint] = []
    offset = start
    for chunk in text[start:end].split(","):
        words = [(offset + w.start(), offset + w.end()) for w in _TOKEN.finditer(chunk)]
        offset += len(chunk) + 1
        if not words:
            continue
        kinds = [text[a:b] for a, b in words]
        type_word = None
        while len(words) > 1 and kinds[-1].lower() in TYPE_WORDS:
            type_word = type_word or kinds[-1].lower()
            words, kinds = words[:-1], kinds[:-1]
        if not all(_capitalised(w) or w in CONNECTORS or w.isdigit() for w in kinds) or \
                not _capitalised(kinds[0]) or len(words) > 5:
            return None
        if len(kinds) == 1 and kinds[0].isupper() and len(kinds[0]) <= 5:
            continue  # an acronym ("KP"): not looked up as a name
        parts.append(_Hint(words[0][0], words[-1][1], normalise(text[words[0][0]:words[-1][1]]), type_word))
    return parts or None


def _link_near(text: str, tokens: list[tuple[int, int]], mentions: list[_Mention]) -> None:
    """An unknown name followed in its clause by "near (the coastal city of) X" takes X as where it is near."""
    for i, m in enumerate(mentions):
        if m.entries or m.country or m.demonym:
            continue
        for other in mentions[i + 1:i + 4]:
            between = text[m.end:other.start]
            if len(between) > 60 or re.search(r"[.;:!?]", between):
                break
            if other.anchor == "near" and other.entries:
                m.near = other
                break


# -- 2. country from context -----------------------------------------------------------------------------------

def _vote(m: _Mention, gazetteer: Gazetteer) -> dict[str, float]:
    votes: dict[str, float] = defaultdict(float)
    if m.country:
        code = gazetteer.country_code(m.country)
        if code:
            votes[code] += COUNTRY_VOTE + (1.0 if m.anchor == "in" else 0.0)  # "arrived in Slovakia"
    for code in m.demonym:
        votes[code] += DEMONYM_VOTE / len(m.demonym)
    if m.entries and not m.country and not m.demonym and not m.self_hint:
        weight = HINT_VOTE if m.is_hint else PLACE_VOTE if m.place_like else WEAK_PLACE_VOTE
        best: dict[str, int] = {}
        entries = m.entries
        if m.is_hint:  # a hint names a region when there is one by that name, an admin1 first
            entries = [e for e in entries if e.kind == "admin1"] or [e for e in entries if e.kind == "admin2"] \
                or entries
        for e in entries:
            best[e.country_code] = max(best.get(e.country_code, 0), e.population)
        if weight == WEAK_PLACE_VOTE and max(best.values(), default=0) < WEAK_PLACE_MIN:
            return dict(votes)  # a small namesake of a word that is not said to be a place ("Taliban")
        total = sum(p + 1000 for p in best.values())
        for code, population in best.items():
            votes[code] += weight * (population + 1000) / total
    return dict(votes)


def _context_shares(scan: _Scan, skip: int) -> dict[str, float]:
    """Each country's share of the text's votes, leaving out the mention being resolved."""
    totals = dict(scan.total)
    for code, weight in scan.votes[skip].items():
        totals[code] -= weight
    totals = {c: w for c, w in totals.items() if w > 1e-9}
    norm = sum(totals.values())
    return {c: w / norm for c, w in totals.items()} if norm else {}


# -- 3. the event's place ------------------------------------------------------------------------------------------

def _choose(scan: _Scan, inside: list[int]) -> int | None:
    best: tuple[float, int] | None = None
    nears = {id(m.near) for i in inside for m in [scan.mentions[i]] if m.near is not None}
    for order, i in enumerate(inside):
        m = scan.mentions[i]
        if m.is_hint or m.country or m.demonym or id(m) in nears:
            continue
        if not m.entries and not m.place_like:
            continue
        score = {"in": 2.0, "near": 2.0, "weak": 1.0, "": 0.0}[m.anchor]
        score += 2.5 if m.hints else 0.0
        score += 1.0 if m.type else 0.0
        score += 1.0 if m.entries else -0.5
        score += 1.0 if m.near is not None else 0.0
        score += 0.5 if m.entity else 0.0
        score -= 2.0 if m.facility else 0.0
        score -= 0.05 * order
        if best is None or score > best[0]:
            best = (score, i)
    return best[1] if best else None


def _prior(e: Entry) -> float:
    return math.log10(e.population + 10) / 7


def _resolve(article_id: str, text: str, scan: _Scan, chosen: int, gazetteer: Gazetteer,
             sentence: tuple[int, int]) -> Place:
    m = scan.mentions[chosen]
    shares = _context_shares(scan, chosen)
    strength = max((scan.total.get(c, 0.0) - scan.votes[chosen].get(c, 0.0) for c in shares), default=0.0)
    hints = [_resolve_hint(h, gazetteer) for h in m.hints]

    def evidence(start: int, end: int) -> Evidence:
        return Evidence(article_id, (start, end), text[start:end])

    own = evidence(m.start, m.end)
    if m.country and not m.entries:  # only a country is named
        code = gazetteer.country_code(m.country)
        return Place(own.quote, m.country, None, None, None, None, 3, "none", own, country_code=code)
    scored: list[tuple[float, float, Entry]] = []
    for e in m.entries:
        by_hints = _hint_score(e, m.hints, hints, m.key)
        score = CONTEXT_WEIGHT * shares.get(e.country_code, 0.0) + _prior(e) + by_hints + _type_score(e, m.type)
        score += 1.0 if e.source == "user" else 0.0
        score += 0.3 if normalise(e.name) in (m.key, without_article(m.key)) else 0.0
        scored.append((score, by_hints, e))
    scored.sort(key=lambda s: (-s[0], s[2].id))
    against = _hint_countries([x for h, x in zip(m.hints, hints, strict=True) if h.key != m.key])
    chosen_entry: Entry | None = None
    for _score, by_hints, e in scored:
        if by_hints < 0 or (by_hints == 0 and against and e.country_code not in against):
            continue  # the admin names given with it say it is another place, or lie in another country
        # a place the context does not support is taken when it is large for how strongly the context points
        # elsewhere (a demonym a little, a country's name more)
        if shares.get(e.country_code, 0.0) > 0 or by_hints > 0 or e.source == "user" or \
                e.population >= (UNSUPPORTED_MIN * max(1.0, UNSUPPORTED_PER_VOTE * strength)):
            chosen_entry = e
            break
    country = _hinted_country(hints, shares) or (max(shares, key=lambda c: (shares[c], c)) if shares else None)
    if chosen_entry is None and country is not None and len(m.key) >= 4:
        region = next((admin_key(e.name) for entries in hints for e in entries
                       if e.kind == "admin1" and e.country_code == country), None)
        similar = [e for e in gazetteer.similar(m.key, country, FUZZY_CUTOFF, admin1=region)
                   if _hint_score(e, m.hints, hints, m.key) >= 0]
        if similar:
            chosen_entry = max(similar, key=lambda e: (_type_score(e, m.type), e.population, -e.id))
    code = chosen_entry.country_code if chosen_entry else country
    country_evidence = _country_evidence(scan, chosen, code, text, article_id) if shares.get(code or "") else None
    if chosen_entry is not None:
        e = chosen_entry
        return Place(own.quote, gazetteer.country_name(e.country_code), e.admin1, e.admin2, e.latitude,
                     e.longitude, _precision(m, e), e.source, own, country_code=e.country_code,
                     gazetteer_name=e.name if normalise(e.name) != m.key else None,
                     country_evidence=country_evidence)
    anchor, known = _unknown(m, hints, country)
    if anchor is None:
        anchor, known = _in_sentence(scan, chosen, sentence, country, known)
    return Place(own.quote, gazetteer.country_name(country) if country else None, known.admin1, known.admin2,
                 known.latitude, known.longitude, known.precision, "none", own, country_code=country,
                 country_evidence=country_evidence, anchor=evidence(*anchor) if anchor else None)


def _hint_countries(hints: list[list[Entry]]) -> set[str]:
    """The countries that the names given with a mention clearly point to: a country named, an admin1 region,
    or a large town (an empty set when none does)."""
    found: set[str] = set()
    for entries in hints:
        clear = [e for e in entries if e.kind in ("country", "admin1") or (e.kind == "city" and e.population >= 50_000)]
        found |= {e.country_code for e in clear}
    return found


def _hinted_country(hints: list[list[Entry]], shares: dict[str, float]) -> str | None:
    """The country the names given with a mention agree on (a country named, else their regions'), if any."""
    fits: dict[str, int] = defaultdict(int)  # how many of the names a country has
    for entries in hints:
        for code in {e.country_code for e in entries}:
            fits[code] += 1
    votes: dict[str, float] = defaultdict(float)
    for entries in hints:
        named = [e for e in entries if e.kind == "country"]
        regions = named or [e for e in entries if e.kind == "admin1"] or [e for e in entries if e.kind == "admin2"] \
            or entries
        codes = {e.country_code for e in regions}
        if not codes:
            continue
        weight = 3.0 if named else 1.0 if regions[0].kind != "city" else 0.5
        for code in codes:
            votes[code] += weight / len(codes)
    if not votes:
        return None
    return max(votes, key=lambda c: (fits[c], votes[c], shares.get(c, 0.0), c))


_COMPASS_EN = {"nord": "north", "sud": "south", "est": "east", "ouest": "west", "norte": "north", "sur": "south",
               "oeste": "west", "este": "east", "centre": "central", "centro": "central"}


def _resolve_hint(h: _Hint, gazetteer: Gazetteer) -> list[Entry]:
    code = gazetteer.country_by_key(h.key)
    country = [Entry(-10**9, gazetteer.country_name(code), code, None, None, 0.0, 0.0, 0, "country", "geonames")] \
        if code is not None else []
    entries = [e for e in gazetteer.lookup(h.key) if e.kind != "city"] if country else gazetteer.lookup(h.key)
    if country:  # "Atlanta (Georgia)": the country or a region of that name
        return country + entries
    exact = [e for e in entries if normalise(e.name) in (h.key, without_article(h.key))]
    entries = exact or entries  # "Edo" the Nigerian state before "Edo" the old name of Tokyo
    words = h.key.split()
    english = " ".join(_COMPASS_EN.get(w, w) for w in words)  # "Nord-Ouest" is also "North-West"
    if english != h.key:
        entries += [e for e in gazetteer.lookup(english) if e.kind != "city"]
    core = " ".join(w for w in words if w not in COMPASS and w not in _COMPASS_EN)
    if not entries and core and core != h.key:  # "West Shewa", "Shan-South": the region without its compass word
        entries = [e for e in gazetteer.lookup(core) if e.kind != "city"]
    if h.type not in SETTLEMENT_TYPES | ADMIN2_TYPES and any(e.kind == "admin1" for e in entries):
        entries = [e for e in entries if e.kind == "admin1"]  # "(Buenos Aires)": the province
    if h.type in ADMIN1_TYPES:
        entries = [e for e in entries if e.kind == "admin1"] or entries
    elif h.type in ADMIN2_TYPES:
        entries = [e for e in entries if e.kind != "admin1"] or entries
    return entries


def _same_admin(name: str, admin: str | None) -> bool:
    from rapidfuzz import fuzz

    if not admin:
        return False
    a, b = admin_key(name), admin_key(admin)
    return a == b or fuzz.ratio(a, b) >= 85


def _hint_score(e: Entry, given: list[_Hint], hints: list[list[Entry]], key: str) -> float:
    """How well the names given with the mention fit the entry: 2 for each admin region or country it lies in,
    1 for a town within 60 km or in its region; negative when one names another region or country."""
    score = 0.0
    for h, entries in zip(given, hints, strict=True):
        if not entries or h.key == key:
            continue  # nothing known, or the name itself again ("Kamma town (Kamma township, ...)")
        same = [x for x in entries if x.country_code == e.country_code]
        if entries[0].kind == "country":
            fits = any(x.kind == "country" or _same_admin(x.name, e.admin1) for x in same)
            score += 2.0 if fits else -3.0
            continue
        if not same:
            continue
        if any(x.kind != "city" and (_same_admin(x.name, e.admin1) or _same_admin(x.name, e.admin2)
                                     or (x.kind == e.kind and x.id == e.id)) for x in same):
            score += 2.0
        elif h.type in ADMIN1_TYPES and all(x.kind == "city" for x in same):
            # a region written as its capital town ("Sagaing region"): the town's admin1 is the region
            score += 2.0 if any(_same_admin(x.admin1 or "", e.admin1) for x in same) else -2.0
        elif any(x.kind == "city" and (_km(x, e) < 60 or (x.admin1 and x.admin1 == e.admin1)) for x in same):
            score += 1.0
        elif any(x.kind == "admin1" for x in same) and e.admin1:
            score -= 2.0
    return score


def _type_score(e: Entry, type_word: str | None) -> float:
    if type_word in ADMIN1_TYPES:
        return {"admin1": 1.0, "admin2": 0.3}.get(e.kind, -0.5)
    if type_word in ADMIN2_TYPES:
        return {"admin2": 0.5, "city": 0.2}.get(e.kind, -0.3)
    if type_word in SETTLEMENT_TYPES or type_word is None:
        return 0.0 if e.kind == "city" else -0.5
    return 0.0


def _precision(m: _Mention, e: Entry) -> int:
    if e.kind == "admin1":
        return 3
    if m.anchor == "near" or m.type in AREA_TYPES or e.kind == "admin2" or m.type in ADMIN2_TYPES:
        return 2
    if m.type in ADMIN1_TYPES:
        return 3
    return 1


def _km(a: Entry, b: Entry) -> float:
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    d = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(b.longitude - a.longitude) / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(d)))


def _country_evidence(scan: _Scan, chosen: int, code: str | None, text: str, article_id: str) -> Evidence | None:
    """The mention that gave the country most support, other than the place itself."""
    if code is None:
        return None
    best = max(((v.get(code, 0.0), -i) for i, v in enumerate(scan.votes) if i != chosen), default=(0.0, 0))
    if best[0] <= 0:
        return None
    m = scan.mentions[-best[1]]
    return Evidence(article_id, (m.start, m.end), text[m.start:m.end])


# -- 4. names the gazetteer lacks --------------------------------------------------------------------------------

@dataclass
class _Known:
    """What is known of an unknown name's whereabouts."""

    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: int = 3


def _pick(entries: list[Entry], type_word: str | None) -> Entry:
    """The entry a name given with an unknown place stands for: a region unless its type word says a town."""
    if type_word in SETTLEMENT_TYPES:
        order = {"city": 0, "admin2": 1, "admin1": 2}
    elif type_word in ADMIN2_TYPES:
        order = {"admin2": 0, "city": 1, "admin1": 2}
    else:
        order = {"admin1": 0, "admin2": 1, "city": 2}
    return min(entries, key=lambda e: (order.get(e.kind, 3), -e.population, e.id))


def _unknown(m: _Mention, hints: list[list[Entry]], country: str | None) -> tuple[tuple[int, int] | None, _Known]:
    """An unknown name keeps the admin regions given with it and the point of the known place it is near or
    lies in (precision 2), else of its region (3); returns that place's span too."""
    known = _Known()
    point: Entry | None = None
    anchor: tuple[int, int] | None = None
    for h, entries in zip(m.hints, hints, strict=True):
        inside = [e for e in entries if e.kind != "country" and (country is None or e.country_code == country)]
        if not inside:
            continue
        e = _pick(inside, h.type)
        if e.kind == "admin1":
            known.admin1 = known.admin1 or e.name
        else:
            known.admin1 = known.admin1 or e.admin1
            known.admin2 = known.admin2 or (e.name if e.kind == "admin2" else e.admin2)
        if point is None or (point.kind == "admin1" and e.kind != "admin1"):
            point, anchor = e, (h.start, h.end)
    if m.near is not None:
        near = [e for e in m.near.entries if country is None or e.country_code == country]
        if near:
            point = max(near, key=lambda e: (e.kind == "city", e.population, -e.id))
            anchor = (m.near.start, m.near.end)
            known.admin1, known.admin2 = known.admin1 or point.admin1, known.admin2 or point.admin2
    if point is not None:
        known.latitude, known.longitude = point.latitude, point.longitude
        known.precision = 3 if point.kind == "admin1" else 2
    return anchor, known


def _in_sentence(scan: _Scan, chosen: int, sentence: tuple[int, int], country: str | None,
                 known: _Known) -> tuple[tuple[int, int] | None, _Known]:
    """For an unknown name with nothing given with it: the first known place of its sentence in the same
    country ("Tal Madeeq town ... in Aleppo countryside") as its region (precision 3) or town (2)."""
    for i, m in enumerate(scan.mentions):
        if i == chosen or not (sentence[0] <= m.start and m.end <= sentence[1]) or m.country or m.demonym:
            continue
        entries = [e for e in m.entries if country is not None and e.country_code == country]
        if not entries:
            continue
        e = max(entries, key=lambda x: (x.kind == "city", x.population, -x.id))
        region = m.type in ADMIN1_TYPES or m.type in AREA_TYPES or e.kind == "admin1"
        return (m.start, m.end), _Known(e.admin1 or (e.name if e.kind == "admin1" else None),
                                       e.admin2 if not region else None, e.latitude, e.longitude,
                                       3 if region else 2)
    return None, known
