"""An event's independent sources, its death toll under ACLED's rule, and where its independent reports disagree.

Independent sources. The reports of one event fall into groups that count as one source each:

- an article that copies or paraphrases another (the reuse stage's findings, followed transitively, also through
  articles that are not among the event's reports) sits in that article's group;
- an article that relays the same original claim sits in the group of the others that relay it: the claim chain
  of the words that say the event happened starts with the same named claimant ("according to Amaq" in two
  articles). Only a specific, named claimant counts: "witnesses", "police" or "a resident" in two articles are
  not shown to be one speaker;
- an article whose chain names, as a channel, the outlet of another report of the event ("..., the BBC
  reported") sits in the group of that outlet's first report of the event.

The first article of a group is its origin: one that takes from no other member (copies nothing, relays no
one in the group), the earliest published of those (then the smallest id); the others follow by publication
time, then id. Groups are ordered by their origins the same way.

Death toll (ACLED's codebook, fatalities.Rmd: "the most conservative fatality estimate available", revised when
new information comes in). A report's figure is the lowest it gives (`EventMention.fatality_count`). Within a
group, the origin's figure stands: a copy that changes it adds no independent figure (the discrepancy stage
reports the change against its source); only an update replaces it. Across groups, figures are taken in order
of publication; a figure that updates the ones standing (larger, published at least `UPDATE_AFTER` later, and
given as news: "has risen to", "the latest toll") replaces those published before it; any other figure stands
beside them. The event's toll is the lowest figure left standing: the most conservative of the latest
independent figures. Reports that give no figure do not count (ACLED codes no toll where none is reported).

Discrepancies, between independent sources only (copies repeating an error are no second conflict): each group's
date, place and toll against the first group that gives one, in the discrepancy stage's words
(`date_changed`, `place_changed`, `number_changed`, `number_updated`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date

from ..provenance.discrepancies import UPDATE_AFTER, UPDATE_WORDS
from ..text.dates import timestamp
from ..text.outlets import same_outlet
from .records import EventDiscrepancy, EventMention, Evidence, FatalityFigure, Place

PLACE_APART_KM = 10.0  # two named places farther apart than this, with no name in common, are a discrepancy

# Claimants that name a kind of speaker, not one speaker: two articles quoting "witnesses" are not one source.
_GENERIC = frozenset("""
witness witnesses resident residents source sources official officials local locals police policeman policemen
officer officers spokesman spokeswoman spokesperson people person man woman men women activist activists medic
medics doctor doctors journalist journalists reporter reporters authorities authority security military army
government ministry report reports media survivor survivors victim victims relative relatives family families
neighbour neighbours neighbor neighbors villager villagers elder elders leader leaders member members worker
workers staff group groups observer observers analyst analysts expert experts eyewitness eyewitnesses
""".split())
_DETERMINERS = frozenset("the a an one some several two three many other local senior unnamed anonymous".split())


def plain(text: str) -> str:
    """Case folded, accents off ("Duékoué" and "Duekoue" are one name)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def claimant_key(name: str) -> str | None:
    """The key of a claimant that names one speaker ("Amaq", "the MSC spokesman", "Kenya Red Cross"); None for a
    kind of speaker ("witnesses", "a police officer", "Police") or a name with no capitalised word."""
    words = re.findall(r"[\w'’-]+", name)
    if not any(w[:1].isupper() for w in words[1:]) and not (words and words[0][:1].isupper()):
        return None
    kept = [plain(w) for w in words if plain(w) not in _DETERMINERS]
    if not kept or all(w in _GENERIC or w.rstrip("'’s") in _GENERIC for w in kept):
        return None
    return " ".join(kept)


def claimant(mention: EventMention) -> str | None:
    """Who the mention's report of the event comes from in the first place: the first name of the claim chain of
    the words that say it happened, when that names one speaker; None when the article says it in its own voice."""
    chain = mention.type_evidence.chain
    return claimant_key(chain[0]) if chain else None


def channels(mention: EventMention) -> list[str]:
    """Every name in the claim chains of the mention's fields (speakers and the channels they came through),
    the article's own outlet left out."""
    own = mention.outlet
    out: list[str] = []
    for evidence in _evidence(mention):
        out += [name for name in evidence.chain if name not in out and not (own and same_outlet(name, own))]
    return out


def _evidence(mention: EventMention) -> Iterable[Evidence]:
    yield mention.type_evidence
    for field in (mention.date, mention.actor1, mention.actor2, mention.place):
        if field is not None and field.evidence is not None:
            yield field.evidence
    for figure in mention.fatalities:
        yield figure.evidence


class ReuseGraph:
    """The reuse stage's findings as a graph: `takes_from[a]` the articles `a` copies or paraphrases, and the
    components of the undirected graph (who is a copy of whom, transitively)."""

    def __init__(self, reuse: Mapping[str, Collection[str]]):
        self.takes_from: dict[str, frozenset[str]] = {}
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            root = x
            while parent.get(root, root) != root:
                root = parent[root]
            while parent.get(x, x) != root:
                parent[x], x = root, parent[x]
            return root

        for article in sorted(reuse):
            others = reuse[article]
            if isinstance(others, str):
                raise ValueError(f"reuse[{article!r}] is a string ({others!r}): it must be a collection of "
                                 "article ids")
            self.takes_from[article] = frozenset(o for o in others if o != article)
            for other in sorted(self.takes_from[article]):
                a, b = find(article), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        self._find = find

    def component(self, article: str) -> str:
        return self._find(article)

    def related(self, a: str, b: str) -> bool:
        """Whether one of the two copies or paraphrases the other, directly or through others."""
        return a == b or self._find(a) == self._find(b)


def _published(mentions: Iterable[EventMention]) -> dict[str, float]:
    out: dict[str, float] = {}
    for m in mentions:
        ts = timestamp(m.published)
        if ts is not None:
            out[m.article_id] = min(out.get(m.article_id, ts), ts)
    return out


def _order(published: Mapping[str, float], article: str) -> tuple[float, str]:
    return published.get(article, math.inf), article


def source_groups(mentions: Sequence[EventMention], reuse: ReuseGraph) -> list[list[str]]:
    """The event's articles in groups that count as one independent source each, origin first (module doc)."""
    articles = sorted({m.article_id for m in mentions})
    published = _published(mentions)
    parent = {a: a for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    takes: dict[str, set[str]] = {a: {b for b in reuse.takes_from.get(a, ()) if b in parent} for a in articles}
    by_component: dict[str, str] = {}
    for a in articles:
        join(a, by_component.setdefault(reuse.component(a), a))
    by_claimant: dict[str, str] = {}
    for m in sorted(mentions, key=lambda m: (m.article_id, m.span)):
        key = claimant(m)
        if key is not None:
            join(m.article_id, by_claimant.setdefault(key, m.article_id))
    # by publication: a relay naming an outlet takes from that outlet's first report of the event
    outlets = sorted(((m.outlet, m.article_id) for m in mentions if m.outlet),
                     key=lambda oa: _order(published, oa[1]))
    for m in mentions:
        for name in channels(m):
            other = next((a for outlet, a in outlets if a != m.article_id and same_outlet(name, outlet)), None)
            if other is not None:
                join(m.article_id, other)
                takes[m.article_id].add(other)
    groups: dict[str, list[str]] = {}
    for a in articles:
        groups.setdefault(find(a), []).append(a)
    out = []
    for members in groups.values():
        roots = [a for a in members if not takes[a] & set(members) - {a}] or members
        origin = min(roots, key=lambda a: _order(published, a))
        rest = sorted((a for a in members if a != origin), key=lambda a: _order(published, a))
        out.append([origin, *rest])
    return sorted(out, key=lambda g: _order(published, g[0]))


# -- the death toll ---------------------------------------------------------------------------------------------

def _first_mention(mentions: Sequence[EventMention], article: str) -> EventMention:
    return min((m for m in mentions if m.article_id == article), key=lambda m: m.span)


def _lowest(mention: EventMention) -> FatalityFigure | None:
    return min(mention.fatalities, key=lambda f: (f.count, f.evidence.span), default=None)


def _is_news(mention: EventMention, figure: FatalityFigure) -> bool:
    return bool(UPDATE_WORDS.search(figure.evidence.quote) or UPDATE_WORDS.search(mention.text))


class _Figure:
    __slots__ = ("article", "figure", "mention", "when")

    def __init__(self, mention: EventMention, figure: FatalityFigure, when: float | None):
        self.article, self.mention, self.figure, self.when = mention.article_id, mention, figure, when


def _updates(new: _Figure, standing: Sequence[_Figure]) -> bool:
    """A larger figure published at least UPDATE_AFTER after every figure it exceeds, given as news."""
    if new.when is None:
        return False
    earlier = [f for f in standing if f.when is not None and new.when - f.when >= UPDATE_AFTER]
    return bool(earlier) and new.figure.count > max(f.figure.count for f in earlier) and _is_news(
        new.mention, new.figure)


def _walk(figures: Sequence[_Figure], replace_only: bool) -> list[_Figure]:
    """The figures left standing after each update replaced those published before it. `replace_only`: a figure
    that is no update is dropped (inside one group) instead of standing beside the others (across groups)."""
    standing: list[_Figure] = []
    for f in figures:
        if standing and _updates(f, standing):
            assert f.when is not None
            standing = [g for g in standing if g.when is not None and f.when - g.when < UPDATE_AFTER
                        and not replace_only] + [f]
        elif not standing or not replace_only:
            standing.append(f)
    return standing


def _group_figures(mentions: Sequence[EventMention], groups: Sequence[Sequence[str]]) -> list[_Figure]:
    """Each group's figure: its origin's (or its first member's that gives one), replaced only by an update."""
    published = _published(mentions)
    out = []
    for group in groups:
        reported = []
        for article in group:  # the origin first, then by publication time
            for m in sorted((m for m in mentions if m.article_id == article), key=lambda m: m.span):
                low = _lowest(m)
                if low is not None:
                    reported.append(_Figure(m, low, published.get(article)))
                    break
        standing = _walk(reported, replace_only=True)
        if standing:
            out.append(standing[-1])
    return out


def _by_time(figures: Iterable[_Figure]) -> list[_Figure]:
    return sorted(figures, key=lambda f: (math.inf if f.when is None else f.when, f.article))


def fatalities(mentions: Sequence[EventMention], groups: Sequence[Sequence[str]]) -> FatalityFigure | None:
    """The event's death toll under ACLED's rule (module doc): the lowest of the latest independent figures,
    with its evidence; None when no report gives one."""
    standing = _walk(_by_time(_group_figures(mentions, groups)), replace_only=False)
    best = min(standing, key=lambda f: (f.figure.count, f.when if f.when is not None else math.inf, f.article),
               default=None)
    return best.figure if best else None


# -- discrepancies ----------------------------------------------------------------------------------------------

def _later(first: float | None, then: float | None) -> str:
    if first is None or then is None or then - first < UPDATE_AFTER:
        return ""
    hours = (then - first) / 3600
    return f"{hours:.0f} hours later" if hours < 48 else f"{hours / 24:.0f} days later"


def _toll_findings(figures: Sequence[_Figure]) -> list[EventDiscrepancy]:
    """Each later independent toll against the first (as the discrepancy stage does across a story's reports)."""
    if len(figures) < 2:
        return []
    first, out = figures[0], []
    for f in figures[1:]:
        if f.figure.count == first.figure.count:
            continue
        later = _later(first.when, f.when)
        values = ((first.article, _written(first.figure)), (f.article, _written(f.figure)))
        if f.figure.count > first.figure.count and later and _is_news(f.mention, f.figure):
            out.append(EventDiscrepancy(
                "fatalities", values, True, "number_updated",
                f"the first independent report gave {first.figure.count} killed; this one, {later}, "
                f"{f.figure.count}, given as news: an update, not a conflict"))
        else:
            out.append(EventDiscrepancy(
                "fatalities", values, False, "number_changed",
                f"the first independent report gave {first.figure.count} killed, this independent report "
                f"{f.figure.count}" + (f" ({later}, with no word of an update)" if later else "")))
    return out


def _written(figure: FatalityFigure) -> str:
    return figure.evidence.quote or str(figure.count)


def date_interval(mention: EventMention) -> tuple[date, date] | None:
    """The resolved date of a mention as first and last day; None when it stayed relative or is missing."""
    d = mention.date
    if d is None or d.start is None:
        return None
    try:
        first = date.fromisoformat(d.start[:10])
        last = date.fromisoformat(d.end[:10]) if d.end else first
    except ValueError as e:
        raise ValueError(f"mention {mention.article_id} {list(mention.span)}: date {d.start!r}..{d.end!r} is not "
                         f"an ISO date ({e})") from e
    return (first, last) if first <= last else (last, first)


def _date_written(mention: EventMention, value: tuple[date, date]) -> str:
    d = mention.date
    iso = value[0].isoformat() if value[0] == value[1] else f"{value[0].isoformat()}/{value[1].isoformat()}"
    quote = d.evidence.quote if d is not None and d.evidence is not None else ""
    return f"{quote} ({iso})" if quote and quote != iso else iso


def km(a: Place, b: Place) -> float | None:
    """Great-circle distance between two places' points, None when either has none."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    la, lb = math.radians(a.latitude), math.radians(b.latitude)
    dl = math.radians(b.longitude - a.longitude)
    h = math.sin((lb - la) / 2) ** 2 + math.cos(la) * math.cos(lb) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_words(place: Place) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", plain(place.name)))


def _places_differ(a: Place, b: Place) -> bool:
    if place_words(a) & place_words(b):
        return False
    distance = km(a, b)
    return distance is None or distance > PLACE_APART_KM


def discrepancies(mentions: Sequence[EventMention], groups: Sequence[Sequence[str]]) -> list[EventDiscrepancy]:
    """Where the event's independent sources disagree: each group's origin report against the first group's."""
    origins = [_first_mention(mentions, g[0]) for g in groups]
    out: list[EventDiscrepancy] = []
    dated = [(m, v) for m in origins if (v := date_interval(m)) is not None]
    for m, value in dated[1:]:
        first, first_value = dated[0]
        if value[1] < first_value[0] or first_value[1] < value[0]:
            a, b = _date_written(first, first_value), _date_written(m, value)
            out.append(EventDiscrepancy("date", ((first.article_id, a), (m.article_id, b)), False, "date_changed",
                                        f"the first independent report says {a}, this independent report {b}"))
    placed = [(m, m.place) for m in origins if m.place is not None]
    for m, place in placed[1:]:
        first, first_place = placed[0]
        if _places_differ(first_place, place):
            distance = km(first_place, place)
            apart = f" ({distance:.0f} km apart)" if distance is not None else ""
            out.append(EventDiscrepancy(
                "place", ((first.article_id, first_place.name), (m.article_id, place.name)), False, "place_changed",
                f"the first independent report places it in {first_place.name}, this independent report in "
                f"{place.name}{apart}"))
    out += _toll_findings(_by_time(_group_figures(mentions, groups)))
    return out
