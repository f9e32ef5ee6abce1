"""The event stage: the conflict events each new article reports (mentions, every field with its evidence), merged
with the stored mentions of other articles into events whose independent sources leave copies and relays out.

Incremental: the given articles are read once (their mentions stored); then only the events near them are merged
again: the mentions of the given articles and of the articles they share reused text with (their reuse may have
changed), the stored mentions that any of those could merge with (the merge says which), and every mention of the
events any of those sit in now. Each stored event is rebuilt whole or left alone, so a rerun stores the same
rows."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..analyse.nlp import load_nlp
from ..config import Settings
from ..records import Alignment, Article, StoredAttribution
from ..stages import Stage, register_stage
from ..store import ReportRole, Store, StoredEvent
from ..store.event_codec import dump_mention
from .extract import extract_mentions
from .merge import Window, affected, merge_mentions, window
from .places import Gazetteer
from .records import Event, EventMention

STAGE = "newstrace.events.v1"
BATCH = 64  # articles parsed together and stored per transaction


@lru_cache(maxsize=4)
def _gazetteer(user_csv: str) -> Gazetteer:
    """The built-in gazetteer, extended by the user's CSV when the `gazetteer_csv` setting names one."""
    return Gazetteer.load(Path(user_csv) if user_csv else None)


def reuse_map(alignments: Iterable[Alignment]) -> dict[str, set[str]]:
    """Each article id with the ids it takes text from, read from the passages that claim reuse: a decided
    passage says the target takes from the source; an undecided one, that either may have taken from the other
    (both list each other)."""
    takes: dict[str, set[str]] = {}
    for al in alignments:
        if not al.claims_reuse:
            continue
        takes.setdefault(al.target, set()).add(al.source)
        if not al.decided:
            takes.setdefault(al.source, set()).add(al.target)
    return takes


def roles(event: Event, reuse: Mapping[str, Collection[str]]) -> list[ReportRole]:
    """Each report's standing: a source group's origin is independent; a member that takes text from another
    member of its group is a copy of it; any other member relays its group's origin (the claim chains put it
    there). An article the groups leave out counts as independent."""
    out: list[ReportRole] = []
    seen: set[str] = set()
    for group in event.sources:
        if not group:
            continue
        origin = group[0]
        out.append(ReportRole(origin, "independent"))
        seen.add(origin)
        for member in group[1:]:
            if member in seen:
                continue
            took = [other for other in group if other != member and other in reuse.get(member, ())]
            out.append(ReportRole(member, "copy", took[0]) if took else ReportRole(member, "relay", origin))
            seen.add(member)
    for mention in event.mentions:
        if mention.article_id not in seen:
            out.append(ReportRole(mention.article_id, "independent"))
            seen.add(mention.article_id)
    return out


def extract(store: Store, articles: list[Article], settings: Settings) -> int:
    """Read the articles' event mentions and store them (parsed in batches); returns how many were found."""
    if not articles:
        return 0
    nlp = load_nlp(settings.spacy_model)
    gazetteer = _gazetteer(settings.gazetteer_csv)
    found = 0
    for i in range(0, len(articles), BATCH):
        batch = articles[i:i + BATCH]
        attributions: dict[int, list[StoredAttribution]] = {}
        for row in store.attributions_of([a.seq for a in batch]):
            attributions.setdefault(row.seq, []).append(row)
        docs = nlp.pipe([a.text for a in batch])
        mentions = [extract_mentions(a, attributions.get(a.seq, []), gazetteer=gazetteer, doc=doc)
                    for a, doc in zip(batch, docs, strict=True)]
        with store.transaction():
            for article, found_here in zip(batch, mentions, strict=True):
                store.save_event_mentions(article.seq, found_here, STAGE)
                found += len(found_here)
    return found


def _stored_near(store: Store) -> Callable[[EventMention], list[EventMention]]:
    """The stored mentions whose window (country, days) meets a mention's: the question `merge.affected` asks,
    answered with one query per distinct window (the country is compared folded, as the merge folds it)."""
    asked: dict[Window, list[EventMention]] = {}

    def near(mention: EventMention) -> list[EventMention]:
        where = window(mention)
        if where not in asked:
            since = date.fromordinal(where.first).isoformat() if where.first is not None else None
            until = date.fromordinal(where.last).isoformat() if where.last is not None else None
            asked[where] = [m for m in store.event_mentions_near(None, since, until) if window(m).meets(where)]
        return asked[where]

    return near


def remerge(store: Store, articles: list[Article], stale: Sequence[str] = ()) -> int:
    """Merge again the events near the articles (see the module's note); `stale` names events to rebuild whatever
    they hold now. Returns how many events were stored."""
    if not articles and not stale:
        return 0
    claims = [al for al in store.alignments_of(sorted({a.seq for a in articles})) if al.claims_reuse]
    partners = {al.source for al in claims} | {al.target for al in claims}
    known = {a.id: a.seq for a in articles}
    for other in store.get_articles(sorted(partners - set(known))):
        known[other.id] = other.seq
    focus = store.event_mentions_of(sorted(known.values()))
    wanted = {dump_mention(m) for m in focus}
    near = affected(focus, _stored_near(store), reuse_map(claims))
    wanted |= {dump_mention(m) for m in near}
    for other in store.get_articles(sorted({m.article_id for m in near} - set(known))):
        known[other.id] = other.seq
    # every event holding one of these mentions is rebuilt whole: its other mentions join the merge
    remove = set(stale)
    for item in store.get_events(store.events_of(sorted(known.values()))):
        if any(dump_mention(m) in wanted for m in item.event.mentions):
            remove.add(item.event.id)
    old = store.get_events(sorted(remove))
    for item in old:
        wanted |= {dump_mention(m) for m in item.event.mentions}
    for other in store.get_articles(sorted({m.article_id for e in old for m in e.event.mentions} - set(known))):
        known[other.id] = other.seq
    pool_seqs = sorted(known.values())
    pool = [m for m in store.event_mentions_of(pool_seqs) if dump_mention(m) in wanted]
    reuse = reuse_map(store.alignments_of(pool_seqs))
    events = merge_mentions(pool, reuse)
    with store.transaction():
        store.replace_events(sorted(remove), [StoredEvent(e, roles(e, reuse), STAGE) for e in events], STAGE)
    return len(events)


def run(store: Store, ids: Sequence[str], settings: Settings) -> int:
    """Read and store the event mentions of the given articles not read yet, then merge again the events near
    every given article; returns how many events were stored."""
    articles = [a for a in store.get_articles(list(ids)) if a.analysed]
    todo = set(store.events_pending([a.seq for a in articles], STAGE))
    pending = [a for a in articles if a.seq in todo]
    stale = store.events_of(sorted(todo))  # events holding mentions these articles had before (another version)
    extract(store, pending, settings)
    return remerge(store, articles, stale)


register_stage(Stage(
    STAGE, reads=("articles", "alignments", "attributions"),
    writes=("event_mentions", "event_articles", "events", "event_members"),
    description="conflict events (ACLED types): each field with its sentence and claim chain, reports merged "
                "into events, copies and relays kept out of the independent sources",
    run=run,
))
