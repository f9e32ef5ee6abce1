"""Where an event happened: the place its sentence names, resolved in the offline gazetteer within the country
the whole text points to.

    gazetteer = Gazetteer.load(user_csv)                  # once per process
    place = locate(article.id, article.text, sentence_span, gazetteer, doc)

1. Mentions (`mentions.find_mentions`): names of places, countries and demonyms, with the preposition, type word
   and admin names around each.
2. Country from context. Every other mention of the text votes: a country's name 3 (4 after "in"), a demonym 1,
   a place name 1.5 (0.5 when nothing marks it as a place, and then only for a namesake of 10,000 people or more),
   an admin name given with a place 2, each shared among the countries that have a place of that name by their
   largest namesake's population.
3. The event's place: the mention of the sentence that most looks like where it happened (a locative preposition,
   admin names listed after it, a type word, a gazetteer entry; the first such place before later ones), resolved
   among its namesakes by the context's share of each country, the admin names given with it, its type word and
   population. A namesake nothing supports is taken only when it is large for how strongly the context points
   elsewhere. Fuzzy matching runs only inside the country the context and the admin names chose.
4. A name the gazetteer lacks keeps its country, the admin regions given with it, and the point of a known town it
   is said to be near or to lie in (geo precision 2), or of its region (3); `source` is then "none".
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..recent import Recent
from .gazetteer import Entry, Gazetteer, admin_key, normalise, without_article
from .mentions import (
    ADMIN1_TYPES,
    ADMIN2_TYPES,
    AREA_TYPES,
    SETTLEMENT_TYPES,
    Hint,
    Mention,
    find_mentions,
    region_variants,
)
from .records import Evidence, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Gazetteer", "locate"]

# the weights of the context vote and the resolution (tuned on the ACLED sample's development half)
COUNTRY_VOTE, DEMONYM_VOTE, PLACE_VOTE, WEAK_PLACE_VOTE, HINT_VOTE = 3.0, 1.0, 1.5, 0.5, 2.0
WEAK_PLACE_MIN = 10_000  # a name no word marks as a place votes only when its largest namesake is this large
CONTEXT_WEIGHT = 3.0
PRIOR_SCALE = 7.0  # a namesake's population counts log10(population) / 7: 1 for ten million
ORDER_PENALTY = 0.3  # per place named before it in the sentence: the first place is most often where it happened
# the population a place needs without support from the context: 1,000, times 3 per vote the context gives
# another country (a demonym 1, a country's name 3)
UNSUPPORTED_MIN, UNSUPPORTED_PER_VOTE = 1_000, 3.0
MIN_SHARE = 0.1  # the share of the context's votes that supports a namesake's country
NAME_BONUS = 0.3  # for a namesake whose own name is the one written (not one of its other names)
FUZZY_CUTOFF = 90.0


@dataclass
class _Scan:
    mentions: list[Mention]
    votes: list[dict[str, float]]  # per mention: its country votes


_SCANS: Recent[tuple[Gazetteer, str, Doc | None], _Scan] = Recent(16)


def locate(article_id: str, text: str, sentence: tuple[int, int], gazetteer: Gazetteer,
           doc: Doc | None = None) -> Place | None:
    """Where the event reported in `text[sentence[0]:sentence[1]]` happened, or None when the sentence names
    no place and the text before it names none either. The name is as written (its span is `evidence`)."""
    scan = _scan(text, gazetteer, doc)
    s0, s1 = sentence
    inside = [i for i, m in enumerate(scan.mentions) if s0 <= m.start and m.end <= s1]
    chosen = _choose(scan, inside)
    if chosen is None:  # the sentence names no place: the nearest place named before it in its paragraph
        paragraph = text.rfind("\n", 0, s0) + 1
        before = [i for i, m in enumerate(scan.mentions) if paragraph <= m.start and m.end <= s0]
        chosen = _choose(scan, before[::-1])
    if chosen is None:
        countries = [i for i in inside if scan.mentions[i].country]
        chosen = countries[0] if countries else None
    if chosen is None:
        return None
    return _resolve(article_id, text, scan, chosen, gazetteer, sentence)


# -- 1. mentions and 2. country from context ------------------------------------------------------------------

def _scan(text: str, gazetteer: Gazetteer, doc: Doc | None) -> _Scan:
    cache_key = (gazetteer, text, doc)
    found = _SCANS.take(cache_key)
    if found is not None:
        return found
    mentions = find_mentions(text, gazetteer, doc)
    return _SCANS.put(cache_key, _Scan(mentions, [_vote(m, gazetteer) for m in mentions]))


def _vote(m: Mention, gazetteer: Gazetteer) -> dict[str, float]:
    votes: dict[str, float] = defaultdict(float)
    if m.country:
        code = gazetteer.country_code(m.country)
        if code:
            votes[code] += COUNTRY_VOTE + (1.0 if m.anchor == "in" else 0.0)  # "arrived in Slovakia"
    for code in m.demonym:
        votes[code] += DEMONYM_VOTE / len(m.demonym)
    if m.in_name:
        return {code: weight / 2 for code, weight in votes.items()}
    if m.entries and not m.country and not m.demonym and not m.self_hint:
        marked = m.anchor in ("in", "near") or m.type or m.hints or m.entity  # "by the Herald" is not enough
        weight = HINT_VOTE if m.is_hint else PLACE_VOTE if marked else WEAK_PLACE_VOTE
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


def _context_votes(scan: _Scan, skip: int) -> dict[str, float]:
    """The text's votes per country, leaving out the mention being resolved."""
    totals: dict[str, float] = defaultdict(float)
    for i, votes in enumerate(scan.votes):
        if i != skip:
            for code, weight in votes.items():
                totals[code] += weight
    return dict(totals)


def _context_shares(totals: dict[str, float]) -> dict[str, float]:
    """Each country's share of the votes."""
    totals = {c: w for c, w in totals.items() if w > 1e-9}
    norm = sum(totals.values())
    return {c: w / norm for c, w in totals.items()} if norm else {}


# -- 3. the event's place ------------------------------------------------------------------------------------------

def _choose(scan: _Scan, inside: list[int]) -> int | None:
    """The mention (of those listed, in order) that most looks like where the event happened."""
    best: tuple[float, int] | None = None
    nears = {id(m.near) for i in inside for m in [scan.mentions[i]] if m.near is not None and not m.entries}
    for order, i in enumerate(inside):
        m = scan.mentions[i]
        if m.is_hint or m.country or m.demonym or id(m) in nears:
            continue
        if not m.entries and not m.place_like:
            continue
        marked = m.anchor in ("in", "near") or m.type or m.hints or m.entity or m.near is not None
        if m.entries and not marked and max(e.population for e in m.entries) < WEAK_PLACE_MIN:
            continue  # a small namesake of a word nothing marks as a place ("Taliban", "by the Herald")
        score = {"in": 2.0, "near": 2.0, "weak": 1.0, "": 0.0}[m.anchor]
        score += 2.5 if any(h.listed for h in m.hints) else 1.0 if m.hints else 0.0
        score += 1.0 if m.type else 0.0
        score += 1.0 if m.entries else -0.5
        score += 1.0 if m.near is not None else 0.0
        score += 0.5 if m.entity else 0.0
        score -= 2.0 if m.facility else 0.0
        score -= ORDER_PENALTY * order
        if best is None or score > best[0]:
            best = (score, i)
    return best[1] if best else None


def _prior(e: Entry) -> float:
    return math.log10(e.population + 10) / PRIOR_SCALE


def _resolve(article_id: str, text: str, scan: _Scan, chosen: int, gazetteer: Gazetteer,
             sentence: tuple[int, int]) -> Place:
    m = scan.mentions[chosen]
    votes = _context_votes(scan, chosen)
    shares = _context_shares(votes)
    strength = max(votes.values(), default=0.0)
    hints = [_resolve_hint(h, gazetteer) for h in m.hints]
    itself = {h.key: {e.id for e in gazetteer.lookup(h.key)} for h in m.hints}  # every reading of each name

    def evidence(start: int, end: int) -> Evidence:
        return Evidence(article_id, (start, end), text[start:end])

    own = evidence(m.start, m.end)
    if m.country:  # only a country is named
        code = gazetteer.country_code(m.country)
        return Place(own.quote, m.country, None, None, None, None, 3, "none", own, country_code=code)
    scored: list[tuple[float, float, Entry]] = []
    for e in m.entries:
        by_hints = _hint_score(e, m.hints, hints, m.key, itself)
        score = CONTEXT_WEIGHT * shares.get(e.country_code, 0.0) + _prior(e) + by_hints + _type_score(e, m.type)
        score += 1.0 if e.source == "user" else 0.0
        score += NAME_BONUS if normalise(e.name) in (m.key, without_article(m.key)) else 0.0
        scored.append((score, by_hints, e))
    scored.sort(key=lambda s: (-s[0], s[2].id))
    against = _hint_countries([x for h, x in zip(m.hints, hints, strict=True) if h.key != m.key])
    chosen_entry: Entry | None = None
    for _score, by_hints, e in scored:
        if by_hints < 0 or (by_hints == 0 and against and e.country_code not in against):
            continue  # the admin names given with it say it is another place, or lie in another country
        # a place the context does not support is taken when it is large for how strongly the context points
        # elsewhere (a demonym a little, a country's name more)
        unique = len(m.entries) == 1 and normalise(e.name) == m.key  # the only place of that name anywhere
        if shares.get(e.country_code, 0.0) >= MIN_SHARE or by_hints > 0 or e.source == "user" or \
                e.population >= (UNSUPPORTED_MIN * max(1.0, UNSUPPORTED_PER_VOTE * strength * (not unique))):
            chosen_entry = e
            break
    country = _hinted_country(hints, shares) or (max(shares, key=lambda c: (shares[c], c)) if shares else None)
    if chosen_entry is None and country is not None and len(m.key) >= 4 and _sure_of(country, scan, chosen, hints):
        region = next((admin_key(e.name) for entries in hints for e in entries
                       if e.kind == "admin1" and e.country_code == country), None)
        similar = [e for e in gazetteer.similar(m.key, country, FUZZY_CUTOFF, admin1=region)
                   if _hint_score(e, m.hints, hints, m.key, itself) >= 0]
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


def _sure_of(country: str, scan: _Scan, chosen: int, hints: list[list[Entry]]) -> bool:
    """Whether the text names the country (or a demonym, or admin regions of it with the place) rather than only
    places that have namesakes there: fuzzy matching needs that much."""
    if any(e.country_code == country and e.kind in ("country", "admin1") for entries in hints for e in entries):
        return True
    return any(i != chosen and (m.country or m.demonym) and votes.get(country, 0.0) > 0
               for i, (m, votes) in enumerate(zip(scan.mentions, scan.votes, strict=True)))


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
        regions = [e for e in entries if e.kind in ("country", "admin1")] or \
            [e for e in entries if e.kind == "admin2"] or entries
        named = named if len(regions) == len(named) else []  # "(Paikoro, Niger)": the country or a state
        codes = {e.country_code for e in regions}
        if not codes:
            continue
        weight = 3.0 if named else 1.0 if regions[0].kind != "city" else 0.5
        for code in codes:
            votes[code] += weight / len(codes)
    if not votes:
        return None
    return max(votes, key=lambda c: (fits[c], votes[c], shares.get(c, 0.0), c))


def _resolve_hint(h: Hint, gazetteer: Gazetteer) -> list[Entry]:
    """What a name given with a place may be: a country, else its admin1 regions when it names any (unless a type
    word says a town or a district), else every entry, those whose own name it is first."""
    code = gazetteer.country_by_key(h.key)
    country = [gazetteer.country_entry(code)] if code is not None else []
    entries = gazetteer.lookup(h.key)
    if country:  # "Atlanta (Georgia)": the country or a region of that name
        return country + [e for e in entries if e.kind != "city"]
    english, core = region_variants(h.key)
    if english != h.key:  # "Nord-Ouest" is also "North-West"
        entries += [e for e in gazetteer.lookup(english) if e.kind != "city"]
    if not entries and core and core != h.key:  # "West Shewa", "Shan-South": the region without its compass word
        entries = [e for e in gazetteer.lookup(core) if e.kind != "city"]
    if h.type in ADMIN1_TYPES or (h.type not in SETTLEMENT_TYPES | ADMIN2_TYPES):
        entries = [e for e in entries if e.kind == "admin1"] or entries  # "(Buenos Aires)": the province
    elif h.type in ADMIN2_TYPES:
        entries = [e for e in entries if e.kind != "admin1"] or entries
    exact = [e for e in entries if normalise(e.name) in (h.key, english, without_article(h.key))]
    return exact or entries  # "Edo" the Nigerian state before "Edo" the old name of Tokyo


def _same_admin(name: str, admin: str | None) -> bool:
    from rapidfuzz import fuzz

    if not admin:
        return False
    a, b = admin_key(name), admin_key(admin)
    return a == b or fuzz.ratio(a, b) >= 85


def _hint_score(e: Entry, given: list[Hint], hints: list[list[Entry]], key: str,
                itself: dict[str, set[int]]) -> float:
    """How well the names given with the mention fit the entry: 2 for each admin region or country it lies in,
    1 for a town within 60 km or in its region; negative when one names another region or country."""
    score = 0.0
    for h, entries in zip(given, hints, strict=True):
        if not entries or h.key == key or e.id in itself.get(h.key, ()):
            continue  # nothing known, or the name itself again ("Kamma town (Kamma township)", "Rome (Roma)")
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
        elif any(x.kind == "city" and _km(x, e) < 60 for x in same):
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


def _precision(m: Mention, e: Entry) -> int:
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


def _unknown(m: Mention, hints: list[list[Entry]], country: str | None) -> tuple[tuple[int, int] | None, _Known]:
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
