"""Mentions from many articles merged into events, copies collapsed.

ACLED codes one event per day (or period), place, actor pair and type; reports of it differ in wording, in the
precision of the date and place, in how they name the actors and in the toll. Two mentions can be one event
only when nothing rules it out (the hard constraints), and are scored on how much they agree (`link`):

- hard: the same country (or one unknown); dates no further apart than the coarser precision allows
  (`DAY_SLACK`: a day either way for an exact date or a period, a week, a month for a day standing for one);
  points no further apart than the coarser place precision allows (`FAR_KM`); two passages of one article only
  when they overlap or say the same thing in the same words (an article that lists incidents in turn lists
  different events, even with the same day, place and actors);
- scored, a weighted mean (`WEIGHTS`) of parts from 0 to 1, an unknown part counting `NEUTRAL`: the date (the
  same day 1, overlapping periods by the share of days they share, a day apart less); the place (the same name
  1, one name inside the other or one the area the other lies in less, two places of one area 0.1, unrelated
  names 0; distance between points only where a name is missing); the actors (shared words of their names, the
  country's and placeholders such as "unknown" left out); the type (the same sub-type 1, the same type
  `SAME_TYPE`); the wording (content words of the sentence and the headline); the toll (the same 1, within a
  factor of two 0.75, further 0.25, only one report giving one `ONE_TOLL`). Two reports of which one copies or
  paraphrases the other (the reuse stage) get `REUSE_BONUS`.

Copies and relays first. A report that repeats another one (a copy or paraphrase by the reuse stage, followed
transitively; a relay of the same named claimant; a relay crediting the other report's outlet) and links to it
at `JOIN` or more is hung on it (best links first, one source per report, never two reports of one article in
a bundle). Only each bundle's root, the report the others repeat, takes part in clustering; the others follow
it. A copy, with whatever it miscopied, thus never moves, splits or joins an event, and is never a second
witness to one (the sources are grouped again, with the same rules, in `events.sources`).

Clustering: average linkage under the hard constraints. Two groups merge only when every pair across them is
compatible and their mean score reaches `JOIN`; the best-scoring merge is made first. A mention that is close
to two others that are incompatible (A~B, B~C, A!~C) joins one of them, never both, so chains do not snowball.
Ties break on the mentions' canonical order (article id, span, type, then the whole record), so the result does
not depend on the order of the input.

Incremental use. A group touches another only through a pair scoring at least `JOIN` (the mean of a merge is
never above its best pair), and bundles hang on such pairs too, so the events of one connected component of
those strong pairs do not depend on anything outside it. `affected` follows strong pairs from new mentions
through the stored ones (found by `window`: a stored mention can merge with a new one only if their windows
meet), and merging just those gives the events a merge of everything gives.

Event ids: `"ev" + sha1(article id, span, type)[:12]` of the event's earliest mention (by publication time,
then article id, then span). Reports published later, the usual way new articles arrive, keep the id of the
event they join; an earlier report joining an event, or events splitting or joining, give new ids.

The sources, toll and discrepancies of each event come from `events.sources`.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from ..text.dates import timestamp
from ..text.outlets import same_outlet
from ..text.tokens import STOPWORDS
from .records import Event, EventMention
from .sources import (
    ReuseGraph,
    channels,
    claimant,
    date_interval,
    discrepancies,
    fatalities,
    km,
    place_words,
    plain,
    source_groups,
)

VERSION = "newstrace.events.merge.v1"

# Settings (chosen on the MAVERICK development half, benchmarks/events_merge.py).
DAY_SLACK = {1: 1, 2: 7, 3: 31}  # days apart two dates of this precision (the coarser one) may be
UNRESOLVED_DAYS = 31  # a date left relative ("last week") is taken to lie in this many days before publication
MAX_SPAN_DAYS = 366  # a longer period is treated as an unknown date
FAR_KM = {1: 40.0, 2: 80.0, 3: 250.0}  # points farther apart (by the coarser geo precision) are not one event
SAME_POINT_KM = 1.0  # two names for points this close are one place
JOIN = 0.6  # the mean link two groups of mentions need to merge
SAME_ARTICLE_TEXT = 0.6  # two passages of one article are one event when their wording is this alike
REUSE_BONUS = 0.25
NEUTRAL = 0.5
ONE_TOLL = 0.3  # the toll score when one report gives a toll and the other none
SAME_TYPE = 0.3  # the type score of two mentions of one type and different sub-types
WEIGHTS = {"date": 2.0, "place": 2.0, "actors": 0.5, "type": 0.5, "text": 1.0, "deaths": 1.0}

# Placeholders that name no one in particular ("Unknown security force", "unidentified gunmen" keep "gunmen").
_VAGUE = frozenset("unknown unidentified unnamed other others various".split())
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Window:
    """Where and when a mention's event can lie, for finding stored mentions it could merge with: the folded
    country (None: unknown, meets every country) and the first and last day (ordinal days, `date.toordinal`;
    None: unknown, meets every day). Two mentions can be one event only if their windows meet."""

    country: str | None
    first: int | None
    last: int | None

    def meets(self, other: Window) -> bool:
        if self.country is not None and other.country is not None and self.country != other.country:
            return False
        if self.first is None or other.first is None or self.last is None or other.last is None:
            return True
        return self.first <= other.last and other.first <= self.last


@dataclass(frozen=True)
class Profile:
    """What the comparison reads from a mention, computed once."""

    mention: EventMention
    key: tuple[str, int, int, str, str, str]
    country: str | None
    first: int | None
    last: int | None
    resolved: bool
    precision: int
    actors: frozenset[str]
    words: frozenset[str]
    places: frozenset[str]  # the words of the place's name (none when it names only the country)
    areas: frozenset[str]  # the names of the admin areas it lies in, each folded whole
    deaths: int
    published: float  # seconds since the epoch; infinity when unknown
    claimant: str | None  # the named claimant the report relays (events.sources.claimant)
    channels: tuple[str, ...]  # every name in its claim chains

    @property
    def slack(self) -> int:
        """Days the date may be off: by its precision when one day stands for a week or a month, a day when the
        date is a period given by its first and last day (the period holds the uncertainty itself)."""
        if not self.resolved:
            return 0
        if self.first != self.last:
            return DAY_SLACK[1]
        return DAY_SLACK.get(self.precision, DAY_SLACK[3])


def canonical_key(m: EventMention) -> tuple[str, int, int, str, str, str]:
    """The order ties break in: article, span, type, and the whole record last."""
    return m.article_id, m.span[0], m.span[1], m.event_type, m.sub_event_type, repr(m)


def _country(m: EventMention) -> str | None:
    return plain(m.place.country) if m.place is not None and m.place.country else None


def _dates(m: EventMention) -> tuple[int | None, int | None, bool, int]:
    interval = date_interval(m)
    precision = m.date.precision if m.date is not None else 3
    if interval is not None and (interval[1] - interval[0]).days <= MAX_SPAN_DAYS:
        return interval[0].toordinal(), interval[1].toordinal(), True, precision
    ts = timestamp(m.published)
    if ts is None:
        return None, None, False, 3
    day = datetime.fromtimestamp(ts, tz=UTC).date().toordinal()
    return day - UNRESOLVED_DAYS, day, False, 3


def _words(text: str, drop: frozenset[str] = frozenset()) -> set[str]:
    """Content words, folded, cut to six letters (a crude stem that works across English and French)."""
    return {w[:6] for w in _WORD.findall(plain(text))
            if w not in STOPWORDS and w not in drop and (len(w) > 2 or w.isdigit())}


def _actor_words(m: EventMention, country: str | None) -> frozenset[str]:
    drop = _VAGUE | (frozenset(_WORD.findall(country)) if country else frozenset())
    names: list[str] = []
    for actor in (m.actor1, m.actor2):
        if actor is not None:
            names += [actor.name, *actor.associated]
    return frozenset(w for name in names for w in _words(re.sub(r"\([^)]*\)", " ", name), drop))


def _place_words(m: EventMention, country: str | None) -> frozenset[str]:
    """The words of the place's name; none when the name is only the country's ("Kenya")."""
    if m.place is None:
        return frozenset()
    words = place_words(m.place)
    return frozenset() if country is not None and words <= frozenset(_WORD.findall(country)) else words


def _areas(m: EventMention) -> frozenset[str]:
    if m.place is None:
        return frozenset()
    return frozenset(w for area in (m.place.admin2, m.place.admin1) if area for w in _WORD.findall(plain(area)))


def profile(m: EventMention) -> Profile:
    if m.span[0] > m.span[1] or m.span[0] < 0:
        raise ValueError(f"mention {m.article_id} {list(m.span)}: the span must be [start, end) with "
                         "0 <= start <= end")
    first, last, resolved, precision = _dates(m)
    country = _country(m)
    return Profile(
        mention=m, key=canonical_key(m), country=country, first=first, last=last, resolved=resolved,
        precision=precision, actors=_actor_words(m, country), words=frozenset(_words(f"{m.headline} {m.text}")),
        places=_place_words(m, country), areas=_areas(m), deaths=m.fatality_count,
        published=_seconds(m.published), claimant=claimant(m), channels=tuple(channels(m)))


def window(m: EventMention) -> Window:
    """The mention's neighbourhood key: stored mentions whose window meets this one are the only ones it could
    merge with (the stage keeps `country`, `first` and `last` with each stored mention and queries by them)."""
    p = profile(m)
    if p.first is None or p.last is None:
        return Window(p.country, None, None)
    return Window(p.country, p.first - p.slack, p.last + p.slack)


# -- comparing two mentions -------------------------------------------------------------------------------------

def _cosine(a: frozenset[str], b: frozenset[str]) -> float | None:
    if not a or not b:
        return None
    return len(a & b) / math.sqrt(len(a) * len(b))


def _date_score(a: Profile, b: Profile) -> float | None:
    """None when the pair cannot be one event; else how well the dates agree: 1 for the same day, less for
    periods that only overlap (by the share of days they share) or days apart; NEUTRAL when either is unknown."""
    if a.first is None or b.first is None or a.last is None or b.last is None:
        return NEUTRAL
    gap = max(0, b.first - a.last, a.first - b.last)
    slack = max(a.slack, b.slack)
    if gap > slack:
        return None
    if not (a.resolved and b.resolved):
        return NEUTRAL
    if gap == 0:
        shared = min(a.last, b.last) - max(a.first, b.first) + 1
        return 0.5 + 0.5 * shared / (max(a.last, b.last) - min(a.first, b.first) + 1)
    return 0.5 * (1.0 - gap / (slack + 1))


def _place_score(a: Profile, b: Profile) -> float | None:
    """None when the pair cannot be one event; else how well the places agree (NEUTRAL when either is unknown).
    Names decide when both have one: the same name 1; one inside the other ("Dandora", "Dandora Phase 4") or one
    the area the other lies in ("Abidjan", "Abobo" in Abidjan) less; two places in one area less again; two
    names for one point (within SAME_POINT_KM) at least 0.9."""
    pa, pb = a.mention.place, b.mention.place
    if pa is None or pb is None:
        return NEUTRAL
    distance = km(pa, pb)
    if distance is not None and distance > FAR_KM.get(max(pa.geo_precision, pb.geo_precision), FAR_KM[3]):
        return None
    if not (a.places and b.places):  # a place that names only the country (or nothing) is unknown
        return NEUTRAL
    if a.places == b.places:
        return 1.0
    if a.places <= b.places or b.places <= a.places:
        names = 0.85
    elif a.areas & b.places or b.areas & a.places:
        names = 0.75
    elif a.areas & b.areas:
        names = 0.1  # two different places in one area: for ACLED, two events
    else:
        names = 0.0
    return max(names, 0.9) if distance is not None and distance < SAME_POINT_KM else names


def _same_article_compatible(a: Profile, b: Profile) -> bool:
    (s1, e1), (s2, e2) = a.mention.span, b.mention.span
    if s1 < e2 and s2 < e1 or (s1, e1) == (s2, e2):
        return True
    wa, wb = frozenset(_words(a.mention.text)), frozenset(_words(b.mention.text))
    similar = _cosine(wa, wb)
    return similar is not None and similar >= SAME_ARTICLE_TEXT


def link(a: Profile, b: Profile, reuse: ReuseGraph) -> float | None:
    """How strongly two mentions look like one event, 0..1; None when they cannot be one."""
    if a.country is not None and b.country is not None and a.country != b.country:
        return None
    if a.mention.article_id == b.mention.article_id and not _same_article_compatible(a, b):
        return None
    day = _date_score(a, b)
    if day is None:
        return None
    place = _place_score(a, b)
    if place is None:
        return None
    parts = {
        "date": day,
        "place": place,
        "actors": _cosine_overlap(a.actors, b.actors),
        "type": _type_score(a.mention, b.mention),
        "text": _cosine(a.words, b.words),
        "deaths": _deaths_score(a.deaths, b.deaths),
    }
    total = sum(WEIGHTS.values())
    score = sum(WEIGHTS[k] * (NEUTRAL if v is None else v) for k, v in parts.items()) / total
    if a.mention.article_id != b.mention.article_id and reuse.related(a.mention.article_id, b.mention.article_id):
        score += REUSE_BONUS
    return min(1.0, score)


def _deaths_score(a: int, b: int) -> float | None:
    """1 for the same toll, less for tolls apart (reports of one event often differ), low when only one report
    gives a toll; None when neither does."""
    if not a and not b:
        return None
    if not a or not b:
        return ONE_TOLL
    return 1.0 if a == b else 0.75 if min(a, b) / max(a, b) >= 0.5 else 0.25


def _type_score(a: EventMention, b: EventMention) -> float:
    """1 for the same sub-event type, SAME_TYPE for the same type only, 0 otherwise."""
    if a.event_type != b.event_type:
        return 0.0
    return 1.0 if a.sub_event_type.casefold() == b.sub_event_type.casefold() else SAME_TYPE


def _cosine_overlap(a: frozenset[str], b: frozenset[str]) -> float | None:
    """The share of the shorter list of actor words that the other shares (one outlet names more actors)."""
    if not a or not b:
        return None
    return len(a & b) / min(len(a), len(b))


# -- candidates, components and clustering ------------------------------------------------------------------------

def _candidate_pairs(profiles: Sequence[Profile]) -> Iterable[tuple[int, int]]:
    """Pairs whose windows meet, each once (i < j), in order."""
    by_day: dict[int, list[int]] = {}
    anyday: list[int] = []
    spans: list[tuple[int, int] | None] = []
    for i, p in enumerate(profiles):
        if p.first is None or p.last is None:
            anyday.append(i)
            spans.append(None)
            continue
        lo, hi = p.first - p.slack, p.last + p.slack
        spans.append((lo, hi))
        for day in range(lo, hi + 1):
            by_day.setdefault(day, []).append(i)
    for i, p in enumerate(profiles):
        span = spans[i]
        found: set[int] = set()
        if span is None:
            found.update(range(i + 1, len(profiles)))
        else:
            found.update(j for j in anyday if j > i)
            for day in range(span[0], span[1] + 1):
                found.update(j for j in by_day.get(day, ()) if j > i)
        for j in sorted(found):
            q = profiles[j]
            if p.country is None or q.country is None or p.country == q.country:
                yield i, j


def _links(profiles: Sequence[Profile], reuse: ReuseGraph) -> dict[tuple[int, int], float]:
    out = {}
    for i, j in _candidate_pairs(profiles):
        score = link(profiles[i], profiles[j], reuse)
        if score is not None:
            out[i, j] = score
    return out


def _components(n: int, links: Mapping[tuple[int, int], float]) -> list[tuple[list[int], dict[tuple[int, int], float]]]:
    """The connected components of the pairs scoring at least JOIN, each with the links inside it."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, j), score in links.items():
        if score >= JOIN:
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, tuple[list[int], dict[tuple[int, int], float]]] = {}
    for i in range(n):
        groups.setdefault(find(i), ([], {}))[0].append(i)
    for (i, j), score in links.items():
        root = find(i)
        if root == find(j):
            groups[root][1][i, j] = score
    return [groups[root] for root in sorted(groups)]


def _average_link(members: Sequence[int], links: Mapping[tuple[int, int], float]) -> list[list[int]]:
    """Average-linkage clustering of one component (`links`: the pairs inside it) under the hard constraints
    (module doc)."""
    clusters = {i: [i] for i in members}
    table: dict[int, dict[int, list[float]]] = {i: {} for i in members}
    heap: list[tuple[float, int, int, int, int]] = []
    version = dict.fromkeys(members, 0)
    for (i, j), score in links.items():
        table[i][j] = table[j][i] = [score, 1.0]
        if score >= JOIN:
            heap.append((-score, i, j, 0, 0))
    heapq.heapify(heap)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if a not in clusters or b not in clusters or version[a] != va or version[b] != vb:
            continue
        keep, gone = min(a, b), max(a, b)
        clusters[keep] += clusters.pop(gone)
        version[keep] += 1
        la, lb = table[keep], table.pop(gone)
        la.pop(gone, None)
        lb.pop(keep, None)
        for k in sorted(set(la) | set(lb)):
            s = [la.get(k, [0.0, 0.0])[0] + lb.get(k, [0.0, 0.0])[0],
                 la.get(k, [0.0, 0.0])[1] + lb.get(k, [0.0, 0.0])[1]]
            table[k].pop(gone, None)
            la[k] = table[k][keep] = s
            size = len(clusters[keep]) * len(clusters[k])
            if s[1] == size and s[0] / size >= JOIN:
                x, y = min(keep, k), max(keep, k)
                heapq.heappush(heap, (-s[0] / size, x, y, version[x], version[y]))
    return [sorted(c) for c in clusters.values()]


# -- copies and relays ---------------------------------------------------------------------------------------

def _relays(a: Profile, b: Profile) -> bool:
    """Whether a's report credits b's outlet ("..., the BBC reported")."""
    outlet = b.mention.outlet
    if not outlet:
        return False
    return any(same_outlet(name, outlet) for name in a.channels)


def _takes_from(a: Profile, b: Profile, reuse: ReuseGraph) -> bool:
    return b.mention.article_id in reuse.takes_from.get(a.mention.article_id, ()) or _relays(a, b)


def _derivative(a: Profile, b: Profile, reuse: ReuseGraph) -> bool:
    """Whether one of two reports (of two articles) repeats the other: a copy or paraphrase (reuse, followed
    transitively), a relay of the same named claimant, or a relay crediting the other's outlet."""
    if a.mention.article_id == b.mention.article_id:
        return False
    return (reuse.related(a.mention.article_id, b.mention.article_id)
            or a.claimant is not None and a.claimant == b.claimant or _relays(a, b) or _relays(b, a))


def _source_first(a: int, b: int, profiles: Sequence[Profile], reuse: ReuseGraph) -> tuple[int, int]:
    """(derived, source) for two reports of which one repeats the other: the one that takes from the other
    (copies it, credits its outlet), else the later published (then the later in canonical order)."""
    pa, pb = profiles[a], profiles[b]
    ab, ba = _takes_from(pa, pb, reuse), _takes_from(pb, pa, reuse)
    if ab != ba:
        return (a, b) if ab else (b, a)
    return (a, b) if (pa.published, a) > (pb.published, b) else (b, a)


def _bundles(profiles: Sequence[Profile], links: Mapping[tuple[int, int], float],
             reuse: ReuseGraph) -> dict[int, list[int]]:
    """Each report that repeats another (module doc) hung on the one it repeats, best links first: a report
    takes one source, never one of its own article, and never closes a loop. Keyed by each bundle's root (the
    report the others repeat), the members in canonical order."""
    parent = list(range(len(profiles)))
    articles = [{p.mention.article_id} for p in profiles]
    has_source = [False] * len(profiles)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges = sorted((-score, i, j) for (i, j), score in links.items()
                   if score >= JOIN and _derivative(profiles[i], profiles[j], reuse))
    for _, i, j in edges:
        derived, source = _source_first(i, j, profiles, reuse)
        a, b = find(derived), find(source)
        if has_source[derived] or a == b or articles[a] & articles[b]:
            continue
        has_source[derived] = True
        parent[a] = b
        articles[b] |= articles[a]
    groups: dict[int, list[int]] = {}
    for i in range(len(profiles)):
        groups.setdefault(find(i), []).append(i)
    return {next(i for i in members if not has_source[i]): members for members in groups.values()}


# -- events ---------------------------------------------------------------------------------------------------

def _seconds(published: str | None) -> float:
    ts = timestamp(published)
    return math.inf if ts is None else ts


def _earliest_key(m: EventMention) -> tuple[float, str, int, int, str, str, str]:
    return (_seconds(m.published), *canonical_key(m))


def event_id(mentions: Iterable[EventMention]) -> str:
    """The id rule (module doc): a short hash of the earliest mention's article, span and type."""
    return _id_of(min(mentions, key=_earliest_key))


def _id_of(first: EventMention) -> str:
    raw = f"{first.article_id}\x1f{first.span[0]}\x1f{first.span[1]}\x1f{first.event_type}"
    return "ev" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def _event(profiles: list[Profile], reuse: ReuseGraph) -> tuple[tuple[float, tuple[str, int, int, str, str, str]],
                                                                  Event]:
    """The event of these mentions, with the key it sorts by (its earliest mention's)."""
    profiles = sorted(profiles, key=lambda p: (p.published, p.key))
    ordered = [p.mention for p in profiles]
    groups = source_groups(ordered, reuse)
    toll = fatalities(ordered, groups)
    event = Event(id=_id_of(ordered[0]), mentions=ordered, sources=groups,
                  discrepancies=discrepancies(ordered, groups), fatalities=toll.count if toll else 0,
                  fatality_figure=toll)
    return (profiles[0].published, profiles[0].key), event


def merge_mentions(mentions: Sequence[EventMention], reuse: Mapping[str, Collection[str]]) -> list[Event]:
    """Mentions merged into events (module doc), each with its independent sources, toll and discrepancies.
    `reuse` maps an article id to the ids of the articles it copies or paraphrases (both ways when the
    direction is unknown). Events come in the order of their earliest mentions; the same input in any order
    gives the same events."""
    graph = ReuseGraph(reuse)
    profiles = sorted((profile(m) for m in mentions), key=lambda p: p.key)
    links = _links(profiles, graph)
    bundles = _bundles(profiles, links, graph)
    among = {pair: score for pair, score in links.items() if pair[0] in bundles and pair[1] in bundles}
    keyed = []
    for members, inside in _components(len(profiles), among):
        for cluster in _average_link([i for i in members if i in bundles], inside):
            keyed.append(_event([profiles[k] for i in cluster for k in bundles[i]], graph))
    events = [e for _, e in sorted(keyed, key=lambda ke: ke[0])]
    seen: dict[str, int] = {}
    for event in events:
        n = seen.get(event.id, 0)
        seen[event.id] = n + 1
        if n:  # two events whose earliest mention is one sentence of one type: number the later ones
            event.id = f"{event.id}-{n + 1}"
    return events


# -- incremental use --------------------------------------------------------------------------------------------

class MentionIndex:
    """Stored mentions by day and country, to find those a mention's window meets (what the stage does with a
    query on its table; this one serves tests, benchmarks and small in-memory runs)."""

    def __init__(self, mentions: Iterable[EventMention]):
        self._by_day: dict[int, list[EventMention]] = {}
        self._anyday: list[EventMention] = []
        self._windows: dict[int, Window] = {}
        for m in mentions:
            w = window(m)
            self._windows[id(m)] = w
            if w.first is None or w.last is None:
                self._anyday.append(m)
            else:
                for day in range(w.first, w.last + 1):
                    self._by_day.setdefault(day, []).append(m)
        self._all = [m for ms in self._by_day.values() for m in ms] + self._anyday

    def near(self, m: EventMention) -> list[EventMention]:
        w = window(m)
        if w.first is None or w.last is None:
            pool: Iterable[EventMention] = self._all
        else:
            pool = [x for day in range(w.first, w.last + 1) for x in self._by_day.get(day, ())] + self._anyday
        found = {canonical_key(x): x for x in pool if self._windows[id(x)].meets(w)}
        return [found[k] for k in sorted(found)]


def affected(new: Sequence[EventMention], near: Callable[[EventMention], Iterable[EventMention]],
             reuse: Mapping[str, Collection[str]]) -> list[EventMention]:
    """The mentions to merge again when `new` arrive: the new ones and every stored mention reachable from them
    through pairs that score at least JOIN (`near(m)` gives the stored mentions whose window meets `m`'s).
    `merge_mentions(affected(...), reuse)` gives, for these mentions, the events a merge of everything would;
    the stage replaces the stored events that hold any of them. Pass as `new` also the mentions of articles
    whose reuse links changed (their events' independent sources may change)."""
    graph = ReuseGraph(reuse)
    taken = {canonical_key(m): profile(m) for m in new}
    seen: dict[tuple[str, int, int, str, str, str], Profile] = {}
    frontier = list(taken.values())
    while frontier:
        following = []
        for p in sorted(frontier, key=lambda p: p.key):
            for m in near(p.mention):
                key = canonical_key(m)
                if key in taken:
                    continue
                q = seen.get(key) or seen.setdefault(key, profile(m))
                score = link(p, q, graph)
                if score is not None and score >= JOIN:
                    taken[key] = q
                    following.append(q)
        frontier = following
    return [taken[k].mention for k in sorted(taken)]
