"""Mentions from many articles merged into events, copies and relays collapsed into their origin's group.

PLACEHOLDER (replaced by ev-merge at merge): each article's mentions make one event, and each event has one
source group, its article."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from .records import Event, EventMention


def merge_mentions(mentions: Sequence[EventMention], reuse: Mapping[str, Collection[str]]) -> list[Event]:
    """Events from `mentions`; `reuse` maps an article id to the ids it copies or paraphrases from (for undecided
    shared passages both list each other). The placeholder makes one event per article, in order of first
    mention; its id is made from the article's id, so the same input gives the same events."""
    by_article: dict[str, list[EventMention]] = {}
    for mention in mentions:
        by_article.setdefault(mention.article_id, []).append(mention)
    return [Event(id=f"e{article_id[:16]}", mentions=found, sources=[[article_id]])
            for article_id, found in by_article.items()]


def could_merge(a: EventMention, b: EventMention) -> bool:
    """Whether two mentions may be reports of one event (what incremental re-merging asks of the stored
    mentions near a new one). The placeholder merges only within an article."""
    return a.article_id == b.article_id


def window(mention: EventMention) -> tuple[str | None, str | None, str | None]:
    """Where to look in the store for mentions `mention` could merge with: (country, first day, last day), each
    None for no limit. The placeholder looks nowhere beyond the article (could_merge decides)."""
    country = mention.place.country if mention.place else None
    start = mention.date.start if mention.date else None
    end = mention.date.end if mention.date else None
    return country, start, end
