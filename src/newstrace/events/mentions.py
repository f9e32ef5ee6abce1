"""Place mentions in a text: capitalised runs matched, longest first, to country names, demonyms and gazetteer
names, each with the words around it that say whether and how it is a place.

A mention records the preposition before it ("in", "near", "on the outskirts of", "5 km from"), the type word
around it ("district", "village of") and the names that follow it in parentheses, after a comma or after "of"/"in",
where ACLED's notes and many reports put the admin regions ("Iworoko (Irepodun, Ekiti)", "Derna, Libya", "Bayandy
village of Munaily district"). A run the gazetteer does not know as a whole is kept as an unknown name when the
words around it say it is a place; one that holds an organisation's or a building's word is marked as such.
The spaCy doc's GPE/LOC/FAC entities, when a doc is given, confirm mentions or add unknown ones."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..text.tokens import STOPWORDS
from .gazetteer import Entry, Gazetteer, normalise, without_article

if TYPE_CHECKING:
    from spacy.tokens import Doc

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*")
_KM = re.compile(r"\d+(?:[.,]\d+)?(?:km|kms|mi|m)$")

CONNECTORS = frozenset("""
de del della di da das dos do du des la le les el al ad ar as an at az ash ez es ed er ul ud en y e i of upon sur
van von der den bin ibn bani beni abu um umm
""".split())
IN_WORDS = frozenset("in at inside into within throughout".split())
NEAR_WORDS = frozenset("""
near nearby outside around outskirts vicinity close between surrounding surroundings environs edge periphery
km kms kilometres kilometers kilometre kilometer miles mile direction coast shore off
""".split())
# nouns of fighting over a place: "the battle for X", "the siege of X" say where it happened
STRUGGLE = frozenset("""
battle battles fight fighting siege capture fall control recapture assault attack attacks offensive shelling
bombardment liberation defence defense
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
some several two three parts part areas area downtown central greater old inner
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
sub-prefecture regency kecamatan nahiya barangay subdivision sub-division
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
# words of organisations' names: a run holding one names the organisation ("Ministry of Economy"), not a place
ORGANISATION = frozenset("""
army police forces force government ministry party council court university union front movement alliance
coalition brigade battalion regiment division command guard militia rebels authority agency commission committee
association federation company corporation bank institute foundation organisation organization department
directorate bureau service services network league society club office embassy consulate parliament assembly
congress senate
""".split())
_GENERIC = frozenset("""
president minister national federal security military group groups street road avenue square market hospital
school church mosque station airport port bridge camp mount lake river sea ocean bay coast island islands gulf
valley city town village republic kingdom democratic people islamic liberation day women workers students new old
saint san santa sao general prime mayor governor chief colonel captain major commander spokesman spokeswoman hill
hills mountain mountains forest desert beach border power one two three four five six seven eight nine ten
mr mrs ms dr col gen lt sgt capt maj cmdr adm gov sen rep rev prof senior editor fellow director deputy secretary
officer official head member african european asian arab arabic latin caribbean balkan baltic nordic sahelian
kurdish muslim christian jewish islamist jihadist
""".split()) | ORGANISATION | COMPASS | TYPE_WORDS | FACILITY | QUALIFIERS | _CALENDAR | STOPWORDS


@dataclass
class Hint:
    """A name given with a mention, in parentheses or after a comma: usually its admin regions."""

    start: int
    end: int
    key: str
    type: str | None
    listed: bool = False  # in parentheses after the name, as ACLED's notes list admin regions


@dataclass
class Mention:
    start: int
    end: int
    key: str
    entries: list[Entry] = field(default_factory=list)
    country: str | None = None  # a country's name
    demonym: tuple[str, ...] = ()
    anchor: str = ""  # "in", "near", "weak" or ""
    type: str | None = None  # a type word before or after it ("district", "village")
    hints: list[Hint] = field(default_factory=list)
    is_hint: bool = False  # itself in parentheses or after a comma, naming another mention's region
    self_hint: bool = False  # a hint that repeats the name it follows ("Mawanella (Mawanella, Sabaragamuwa)")
    entity: bool = False  # a spaCy GPE/LOC/FAC entity
    facility: bool = False  # followed by "factory", "hospital": names a building, not where it stands
    in_name: bool = False  # a country or demonym inside an organisation's name
    near: Mention | None = None  # for an unknown name: the known place it is said to be near

    @property
    def place_like(self) -> bool:
        return bool(self.anchor or self.type or self.hints or self.entity or self.near)


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


def _match_run(text: str, tokens: list[tuple[int, int]], run: list[int], gazetteer: Gazetteer) -> list[Mention]:
    """The mentions of one run, longest match first; a run the gazetteer knows only in part (its other words
    not ignorable) is one unknown name when the words around it say it is a place ("in Hin Thar village")."""
    mentions: list[Mention] = []
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
    while lo < hi - 1 and _word(text, tokens[run[lo]]).lower() in TYPE_WORDS:
        lo += 1
        while lo < hi - 1 and text[tokens[run[lo]][0]:tokens[run[lo]][1]] in CONNECTORS:  # "Province of Idlib"
            lo += 1
    leftover = [_word(text, tokens[run[k]]) for k in range(lo, hi) if not covered[k]]
    places = [m for m in mentions if m.entries and not m.country and not m.demonym]
    name = [_word(text, tokens[run[k]]) for k in range(lo, hi)]
    named = len(places) + sum(1 for m in mentions if m.country)  # "Libya Dawn", "Fajr Libya": a name, not places
    if (any(not _ignorable(w, gazetteer) for w in leftover) or len(places) > 1 or (places and named > 1)) \
            and _plausible(name):
        whole = Mention(tokens[run[lo]][0], tokens[run[hi - 1]][0] + len(_word(text, tokens[run[hi - 1]])),
                         normalise(" ".join(_word(text, tokens[run[k]]) for k in range(lo, hi))))
        whole.facility = any(w.lower() in _GENERIC and w.lower() not in COMPASS | TYPE_WORDS for w in name)
        mentions = [m for m in mentions if m.country or m.demonym]
        for m in mentions:
            m.in_name = whole.facility or bool(places)  # "Palestine Liberation Army": says less about where
        if not any(m.start <= whole.start and whole.end <= m.end for m in mentions):
            mentions.append(whole)
    for m in mentions:
        _context(text, tokens, m)
    return [m for m in mentions if m.entries or m.country or m.demonym or m.place_like
            or _NAMES_FOLLOW.match(text, _skip_type(text, m.end))]


# an unknown name followed by names in parentheses or after a comma ("Vremivka, Donetsk") may be a place
_NAMES_FOLLOW = re.compile(r" ?\((?=[A-Z])|, [A-Z]|,? (?:near|outside|close to|(?:north|south|east|west)\w* of)\b")


def _plausible(words: list[str]) -> bool:
    """Whether a run the gazetteer does not know could be a place's name: a few words, not only acronyms, and no
    capitalised function word inside ("Stand Up To Racism")."""
    if not words or len(words) > 5 or all(w.isupper() and len(w) <= 5 for w in words) or \
            all(w.lower() in _GENERIC for w in words):
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
    if lower in FACILITY or lower in ORGANISATION:
        return False
    if word.isupper() and len(word) <= 5:
        return True  # an acronym before or after a place's name ("MSC Derna")
    return (lower in _GENERIC or lower in CONNECTORS or bool(gazetteer.demonym(normalise(word)))
            or bool(head and gazetteer.demonym(head)))


def _lookup(words: list[str], gazetteer: Gazetteer) -> Mention | None:
    if len(words) == 1 and words[0].replace(".", "").isupper():
        code = gazetteer.caps_country(words[0].replace(".", ""))
        if code is not None:
            return Mention(0, 0, normalise(words[0]), country=gazetteer.country_name(code))
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
    return Mention(0, 0, key, entries=entries, country=gazetteer.country_name(code) if code else None,
                    demonym=demonym)


def _context(text: str, tokens: list[tuple[int, int]], m: Mention) -> None:
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


def _preposition(text: str, tokens: list[tuple[int, int]], m: Mention) -> None:
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
        elif word in ("for", "of", "against") and k > 0 and text[tokens[k - 1][0]:tokens[k - 1][1]].lower() in STRUGGLE:
            m.anchor = "in"  # "the battle for Veldra", "the siege of Mariupol"
            return
        elif word in IN_WORDS or word in WEAK_WORDS:
            # "about 3km from", "close to", "north of": the words before the preposition may say near
            before = [text[x:y].lower() for x, y in tokens[max(0, k - 2):k]]
            near = near or any(w in NEAR_WORDS or _KM.match(w) or w in COMPASS for w in before)
            m.anchor = "near" if near else "in" if word in IN_WORDS else "weak"
            return
        elif word in TYPE_WORDS:
            m.type = m.type or word
        elif word in COMPASS:
            near = near or (k + 1 < len(tokens) and text[tokens[k + 1][0]:tokens[k + 1][1]].lower() == "of")
        elif (word in FILLER or word.isdigit()) and not conjunction:
            continue
        elif word in ("and", "or"):
            conjunction = True
        elif conjunction and (_capitalised(text[a:b]) or word == "the"):
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


def _add_entities(text: str, tokens: list[tuple[int, int]], mentions: list[Mention], doc: Doc,
                  gazetteer: Gazetteer) -> list[Mention]:
    """The doc's GPE/LOC/FAC entities: a mention they cover is confirmed as a place; one no run gave is added
    (as an unknown name when the gazetteer lacks it). A doc of another text is ignored."""
    if doc.text != text:
        return mentions  # a parse of another text: its offsets say nothing here
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        start, end = ent.start_char, ent.end_char
        while start < end and text[start:end].lower().startswith("the "):
            start += 4
        overlapping = [m for m in mentions if m.start < end and start < m.end]
        for m in overlapping:
            m.entity = True
        if not overlapping and text[start:end].strip():
            m = Mention(start, end, normalise(text[start:end]), entity=True)
            m.entries = gazetteer.lookup(m.key)
            _context(text, tokens, m)
            mentions.append(m)
    return mentions


def _link_hints(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> None:
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
            if parts is None or not any(_known(h.key, gazetteer) for h in parts):
                continue  # prose, or names nothing known ("Fajr Libya (Libya Dawn)")
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
                if inner is None or not (_regional(inner, gazetteer) or inner.type in ADMIN1_TYPES | ADMIN2_TYPES) \
                        or _LISTED.match(text, _skip_type(text, inner.end)):
                    break  # not a region, or one of a list ("in Kyiv, Lviv and Odesa")
                inner.is_hint = True
                m.hints.append(Hint(inner.start, inner.end, inner.key, inner.type))
                inner_hints = _hints_after(text, inner)
                if inner_hints:  # the region's own parentheses ("Nkum subdivision (Bui, Nord-Ouest)")
                    m.hints += inner_hints
                    for h in inner_hints:
                        if h.start in by_start:
                            by_start[h.start].is_hint = True
                    break
                after = _skip_type(text, inner.end)
                if not text.startswith(",", after):
                    break
                at = after + 1


_TOWN_WORDS = "|".join(sorted(SETTLEMENT_TYPES | ADMIN2_TYPES))
_APPOSITIVE = re.compile(r", (?:a|an|the) (?:[a-z-]+ ){0,2}?(" + _TOWN_WORDS + r") (?:of|in) (?:the )?")
_OF_IN = re.compile(r" (?:of|in) (?:the )?(?:(?:rural|central|northern|southern|eastern|western|greater|downtown) )?")


def _link_chains(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> None:
    """"Bayandy village of Munaily district in Mangystau region", "Tawileh town in Al Hasakeh countryside": the
    regions (or country) named after "of" or "in" become hints of the place before them."""
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        if m.is_hint or m.country or m.demonym or m.facility:
            continue
        current = m
        for _ in range(3):
            pos = _skip_parentheses(text, _skip_type(text, _skip_parentheses(text, current.end)))
            link = _OF_IN.match(text, _skip_type(text, pos))
            appositive = _APPOSITIVE.match(text, pos) if link is None else None
            if appositive is not None:  # "Derna, a village in Bihor county": its type, and where it lies
                link = appositive
                m.type = m.type or appositive.group(1).lower()
            nxt = by_start.get(link.end()) if link else None
            if nxt is None or nxt.is_hint or nxt.demonym:
                break
            regional = nxt.country or nxt.type in ADMIN1_TYPES | ADMIN2_TYPES | AREA_TYPES or \
                (m.type and (nxt.entries or nxt.type))
            if not regional:
                break
            nxt.is_hint = True
            m.hints.append(Hint(nxt.start, nxt.end, nxt.key, nxt.type))
            if nxt is not current:
                m.hints += [h for h in nxt.hints if h not in m.hints]
            current = nxt


_COMPASS_EN = {"nord": "north", "sud": "south", "est": "east", "ouest": "west", "norte": "north", "sur": "south",
               "oeste": "west", "este": "east", "centre": "central", "centro": "central"}


def region_variants(key: str) -> tuple[str, str]:
    """A region's name with its compass words in English ("sud kivu" -> "south kivu") and without them
    ("west shewa" -> "shewa")."""
    words = key.split()
    english = " ".join(_COMPASS_EN.get(w, w) for w in words)
    core = " ".join(w for w in words if w not in COMPASS and w not in _COMPASS_EN)
    return english, core


def _known(key: str, gazetteer: Gazetteer) -> bool:
    return bool(gazetteer.country_by_key(key)) or any(k and gazetteer.known(k) for k in (key, *region_variants(key)))


def _hints_after(text: str, m: Mention) -> list[Hint]:
    pos = _skip_type(text, m.end)
    if not text.startswith(" (", pos) and not text.startswith("(", pos):
        return []
    open_at = text.index("(", pos)
    close = text.find(")", open_at, open_at + 160)
    return (_hint_parts(text, open_at + 1, close) or []) if close > 0 else []


def _skip_parentheses(text: str, pos: int) -> int:
    """Past " (...)" right after `pos`, if there is one."""
    if text.startswith(" (", pos) or text.startswith("(", pos):
        close = text.find(")", pos, pos + 160)
        return close + 1 if close > 0 else pos
    return pos


def _skip_type(text: str, pos: int) -> int:
    """After a mention, past a type word that follows it ("Hin Thar village (...)")."""
    m = re.match(r" ([A-Za-z-]+)", text[pos:pos + 30])
    if m and m.group(1).lower() in TYPE_WORDS | FACILITY:
        return pos + m.end()
    return pos


_RUN_TAIL = re.compile(r"(?: [A-Z][\w'-]*)*")
_LISTED = re.compile(r",? (?:and|or) [A-Z]|, [A-Z][\w-]*(?: [A-Z][\w-]*)*(?: and| or|,)")


def _regional(m: Mention, gazetteer: Gazetteer) -> bool:
    return bool(m.country) or any(e.kind != "city" for e in m.entries)


def _hint_parts(text: str, start: int, end: int) -> list[Hint] | None:
    """The names of "(Yesagyo township, Pakokku district, Magway region)"; None when the parentheses hold
    prose ("coded to Kharkiv as the exact location is unknown")."""
    parts: list[Hint] = []
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
        parts.append(Hint(words[0][0], words[-1][1], normalise(text[words[0][0]:words[-1][1]]), type_word, True))
    return parts or None


def _link_near(text: str, tokens: list[tuple[int, int]], mentions: list[Mention]) -> None:
    """An unknown name followed in its clause by "near (the coastal city of) X" takes X as where it is near."""
    for i, m in enumerate(mentions):
        if m.country or m.demonym:
            continue
        for other in mentions[i + 1:i + 4]:
            between = text[m.end:other.start]
            if len(between) > 60 or re.search(r"[.;:!?]", between):
                break
            if other.anchor == "near" and other.entries:
                m.near = other
                break


def find_mentions(text: str, gazetteer: Gazetteer, doc: Doc | None = None) -> list[Mention]:
    """The place mentions of `text` in order, hints linked to the names they follow."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    mentions: list[Mention] = []
    for run in _runs(text, tokens):
        mentions += _match_run(text, tokens, run, gazetteer)
    if doc is not None:
        mentions = _add_entities(text, tokens, mentions, doc, gazetteer)
    mentions.sort(key=lambda m: m.start)
    _link_hints(text, mentions, gazetteer)
    _link_chains(text, mentions, gazetteer)
    _link_near(text, tokens, mentions)
    return mentions
