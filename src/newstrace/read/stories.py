"""A story as every face shows it: its reports in order, the first report, and which reports are independent.

The order and the independence follow the reuse evidence, with the measure the originality shares use:
- reports are ordered by publication time (undated last), and an article that takes text from another member
  (the direction decided) always comes after it, so a copy is never the first report;
- a report's `taken_share` is the share of its characters (spaces left out) copied or paraphrased from other
  members, or relayed from a news outlet ("Long War Journal notes ...", "the BBC reported ..."): another
  outlet's report is a report, not a source of its own; at INDEPENDENT_BELOW or more the report is derived,
  not independent. `derived_from` names the members it takes from or relays (a member is named by its outlet
  or by the name this report credits it with), `relays` the outlets it relays;
- a report that shares that much of its text with an earlier member with the direction unknown is not
  independent either: of such a pair, one counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..provenance.origins import own_side, reuse_label, solid_chars
from ..records import Alignment, Article
from ..store import Store
from ..stories.stage import arrival_order, current_story
from ..text.outlets import short_forms

INDEPENDENT_BELOW = 0.5  # an article with this share or more taken from others in its story is derived


@dataclass
class Report:
    article: Article
    independent: bool
    derived_from: list[str]  # members it takes from (direction decided) or relays
    relays: list[str]  # news outlets whose reports it passes on
    shared_with: list[str]  # members it shares text with, direction unknown
    taken_share: float
    shared_share: float
    pending: bool  # its analysis is not stored yet

    def public(self) -> dict[str, Any]:
        a = self.article
        return {"article": a.id, "outlet": a.outlet, "title": a.title, "published": a.published,
                "independent": self.independent, "derived_from": self.derived_from, "relays": self.relays,
                "shared_with": self.shared_with, "taken_share": round(self.taken_share, 4),
                "shared_share": round(self.shared_share, 4), "pending": self.pending}


@dataclass
class StoryView:
    id: str
    reports: list[Report]
    sources_cited: list[tuple[str, int]] = field(default_factory=list)

    @property
    def first(self) -> str | None:
        return self.reports[0].article.id if self.reports else None

    @property
    def independent_reports(self) -> int:
        return sum(1 for r in self.reports if r.independent)

    @property
    def pending(self) -> int:
        return sum(1 for r in self.reports if r.pending)

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "articles": len(self.reports), "independent_reports": self.independent_reports,
                "first": self.first, "pending": self.pending, "timeline": [r.public() for r in self.reports],
                "sources_cited": [{"source": name, "articles": n} for name, n in self.sources_cited]}


def _ordered(articles: list[Article], takes_from: dict[str, set[str]]) -> list[Article]:
    """Publication order, except that no article comes before one it takes from (a cycle keeps time order)."""
    pending, out, placed = arrival_order(articles), [], set[str]()
    while pending:
        ready = next((a for a in pending if not (takes_from.get(a.id, set()) - placed)), pending[0])
        pending.remove(ready)
        out.append(ready)
        placed.add(ready.id)
    return out


def _spans(article: Article, alignments: list[Alignment],
           members: set[str]) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """This article's spans that each other member gives it: taken (decided) or shared (unknown)."""
    per: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for al in alignments:
        side = own_side(al, article.id)
        if side is None or side[1] not in members:
            continue
        label = reuse_label(al)
        if label in ("copied", "paraphrased"):
            per[side[1]]["taken"].append(side[0])
        elif label == "shared":
            per[side[1]]["shared"].append(side[0])
    return per


def story_view(store: Store, story_id: str) -> StoryView | None:
    """A story by id (a merged story's id shows the story it went into); None when there is no such story."""
    story_id = current_story(store, story_id)
    seqs = store.story_members([story_id]).get(story_id)
    if not seqs:
        return None
    return build(store, story_id, store.articles_by_seq(seqs))


def stories_of(store: Store, articles: list[Article]) -> list[StoryView]:
    story_of = store.stories_of([a.seq for a in articles])
    wanted = sorted(set(story_of.values()))
    members = store.story_members(wanted)
    everyone = {a.seq: a for a in store.articles_by_seq(sorted({s for ss in members.values() for s in ss}))}
    return [build(store, story, [everyone[s] for s in members.get(story, []) if s in everyone]) for story in wanted]


def build(store: Store, story_id: str, group: list[Article]) -> StoryView:
    group = [a for a in group if a.analysed]
    seqs = [a.seq for a in group]
    ids = {a.id for a in group}
    alignments = [al for al in store.alignments_of(seqs) if al.source in ids and al.target in ids]
    stored = store.originality_of(seqs)
    cited: dict[int, set[str]] = defaultdict(set)
    relayed: dict[int, list[tuple[str, list[tuple[int, int]]]]] = defaultdict(list)
    for row in store.attributions_of(seqs):
        if row.source is not None and row.canonical and row.kind != "unknown":
            cited[row.seq].add(row.canonical)
            if row.kind == "outlet":
                relayed[row.seq].append((row.canonical, list(row.content)))
    spans = {a.id: _spans(a, alignments, ids - {a.id}) for a in group}
    # the names each member is known by to the others: its outlet, and what its originality says it is credited as
    names: dict[str, set[str]] = defaultdict(set)
    for a in group:
        if a.outlet:
            names[a.id] |= short_forms(a.outlet)
        for source in (stored.get(a.seq) or {}).get("sources", []):
            if source.get("credit"):
                names[source["article"]] |= short_forms(source["credit"])
    takes_from: dict[str, set[str]] = {}
    figures: dict[str, tuple[float, float, list[str], list[str], list[str]]] = {}
    for a in group:
        total = sum(1 for ch in a.text if not ch.isspace()) or 1
        taken = [s for other, kinds in spans[a.id].items() for s in kinds["taken"]]
        own = short_forms(a.outlet) if a.outlet else set()
        passed_on = [(name, content) for name, content in relayed[a.seq] if not short_forms(name) & own]
        taken += [span for _, content in passed_on for span in content]
        members = [o for o in ids - {a.id} if any(short_forms(name) & names[o] for name, _ in passed_on)]
        shared = [s for kinds in spans[a.id].values() for s in kinds["shared"]]
        derived_from = sorted({o for o, k in spans[a.id].items() if k["taken"]} | set(members))
        takes_from[a.id] = {o for o, k in spans[a.id].items() if k["taken"]}
        figures[a.id] = (solid_chars(a.text, taken) / total, solid_chars(a.text, shared) / total, derived_from,
                         sorted(o for o, k in spans[a.id].items() if k["shared"]),
                         sorted({name for name, _ in passed_on}))
    reports: list[Report] = []
    for a in _ordered(group, takes_from):
        taken_share, shared_share, derived_from, shared_with, relays = figures[a.id]
        earlier = {r.article.id for r in reports}
        copy_of_earlier = shared_share >= INDEPENDENT_BELOW and bool(set(shared_with) & earlier)
        reports.append(Report(a, taken_share < INDEPENDENT_BELOW and not copy_of_earlier, derived_from, relays,
                              shared_with, taken_share, shared_share, a.seq not in stored))
    counts = Counter(name for a in group for name in cited.get(a.seq, ()))
    # most cited first, ties by name: a set's order changes from one process to the next
    return StoryView(story_id, reports, sorted(((name, n) for name, n in counts.items() if n > 1),
                                               key=lambda item: (-item[1], item[0])))
