"""The store interface that every backend implements. Stages and faces use only this."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import Code, NewstraceError
from ..events.records import Event, EventMention
from ..records import Alignment, Article, FoundPassage, JobState, Origin, ProvenanceRow, StoredAttribution
from ..text.dates import timestamp


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles to list or count. `outlet` matches whatever the case; `since` and `until` are ISO dates or
    times compared on publication time (undated articles match neither), and anything else is refused (U302)
    rather than read as a filter that matches nothing."""

    outlet: str | None = None
    language: str | None = None
    since: str | None = None
    until: str | None = None
    ids: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and timestamp(value) is None:
                raise NewstraceError(Code.BAD_QUERY, f"{name} {value!r} is not an ISO date or time (for example "
                                                     "2026-03-12, 2026-03-12T18:40 or 2026-03-12T18:40:00+01:00)")


@dataclass(frozen=True)
class EventFilter:
    """Which events to list or count. `event_type` and `country` match whatever the case; `since` and `until`
    are ISO dates compared with the event's date (undated events match neither); `article` keeps the events
    that article reports."""

    event_type: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    article: str | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and timestamp(value) is None:
                raise NewstraceError(Code.BAD_QUERY, f"{name} {value!r} is not an ISO date (for example 2023-09-11)")


@dataclass(frozen=True)
class ReportRole:
    """How one report of an event stands (worked out by the event stage, stored with the event): `independent`
    (the origin of a source group), `copy` (it copies or paraphrases `of`, per the reuse stage) or `relay` (it
    passes on the claim of `of`, its group's origin, per the attribution chains)."""

    article_id: str
    role: str
    of: str | None = None


@dataclass
class StoredEvent:
    """An event as the store keeps it: the merged event, each report's role, and the stage that made it."""

    event: Event
    roles: list[ReportRole]
    stage: str = ""


@dataclass(frozen=True)
class SearchHit:
    article: Article
    snippet: str
    rank: float


@dataclass(frozen=True)
class SourceRow:
    path: str
    record: str
    url: str | None
    outlet: str | None
    format: str
    seen_at: str
    raw_hash: str = field(repr=False, default="")


class Store(ABC):
    """An article store. Writes happen inside `transaction()`; one writer at a time."""

    url: str

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def schema_version(self) -> int: ...

    def bulk_mode(self, on: bool) -> None:  # noqa: B027 - optional for backends
        """A hint around long runs of writes (a backend may batch maintenance work until it is turned off)."""

    def index_pending(self) -> int:
        """Bring a search index that lags behind the articles up to date; returns how many were added."""
        return 0

    # ingest
    @abstractmethod
    def article_for_raw(self, raw_hash: str) -> str | None: ...

    def articles_for_raws(self, raw_hashes: list[str]) -> dict[str, str]:
        """The stored article for each raw hash that has one."""
        found = {h: self.article_for_raw(h) for h in raw_hashes}
        return {h: a for h, a in found.items() if a is not None}

    @abstractmethod
    def add_source(self, raw_hash: str, article_id: str, origin: Origin, fmt: str, url: str | None,
                   outlet: str | None) -> bool:
        """Record where an article was seen; False when that exact source was already recorded."""

    @abstractmethod
    def has_article(self, article_id: str) -> bool: ...

    @abstractmethod
    def latest_version(self, locator: str) -> tuple[str, int] | None: ...

    @abstractmethod
    def insert_article(self, article: Article, stage: str) -> None: ...

    @abstractmethod
    def frequent_lines(self, outlet: str, line_hashes: list[str], min_articles: int) -> set[str]: ...

    @abstractmethod
    def count_lines(self, outlet: str, line_hashes: list[str]) -> None: ...

    # reading
    @abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def get_articles(self, article_ids: list[str]) -> list[Article]:
        """The stored articles among the ids, in the order given."""

    @abstractmethod
    def articles_by_seq(self, seqs: list[int]) -> list[Article]:
        """The stored articles with these row numbers, in the order given."""

    def analysis_cuts(self, seqs: list[int]) -> dict[int, int]:
        """For the given articles that the analysis reads only in part: seq -> characters analysed."""
        return {a.seq: a.analysed_chars for a in self.articles_by_seq(seqs) if a.analysed_chars is not None}

    @abstractmethod
    def resolve_id(self, prefix: str) -> str:
        """The full id for a unique prefix; NewstraceError (U300/U301) otherwise."""

    @abstractmethod
    def list_articles(self, where: ArticleFilter | None = None, limit: int | None = None,
                      offset: int = 0) -> list[Article]:
        """Oldest first by publication time (ties in the order stored); undated articles last, in the order
        stored."""

    @abstractmethod
    def count_articles(self, where: ArticleFilter | None = None) -> int: ...

    @abstractmethod
    def iter_articles(self, where: ArticleFilter | None = None, batch: int = 500) -> Iterator[Article]: ...

    @abstractmethod
    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Best matches first for an FTS5 query; a query that is not valid FTS5 is refused (U302), never
        searched for as something else."""

    @abstractmethod
    def sources_of(self, article_id: str) -> list[SourceRow]: ...

    @abstractmethod
    def furniture_of(self, article_id: str) -> list[tuple[str, str]]:
        """What ingest removed from the article as page furniture: (rule, text), in order."""

    # text reuse (newstrace.reuse)
    @abstractmethod
    def unfingerprinted(self, batch: int = 500) -> Iterator[list[tuple[int, str]]]:
        """(seq, text) of analysed articles without fingerprints, in batches."""

    @abstractmethod
    def save_fingerprints(self, rows: list[tuple[int, np.ndarray]], stage: str, index: bool = True) -> None: ...

    @abstractmethod
    def unindexed_fingerprints(self) -> int: ...

    @abstractmethod
    def index_fingerprints(self) -> None: ...

    @abstractmethod
    def rebuild_postings(self, hashes: np.ndarray, owners: np.ndarray) -> None: ...

    @abstractmethod
    def fingerprints(self, seq: int) -> np.ndarray: ...

    @abstractmethod
    def all_fingerprints(self) -> Iterator[tuple[int, np.ndarray]]: ...

    @abstractmethod
    def posting_counts(self, hashes: np.ndarray, cap: int | None = None) -> dict[int, int]: ...

    @abstractmethod
    def postings(self, signed_hashes: list[int]) -> list[tuple[int, int]]: ...

    @abstractmethod
    def compared_pairs(self, pairs: Iterable[tuple[int, int]], stage: str) -> set[tuple[int, int]]: ...

    @abstractmethod
    def save_pair(self, a_seq: int, b_seq: int, rows: list[FoundPassage], stage: str) -> None: ...

    @abstractmethod
    def alignments_of(self, seqs: list[int]) -> list[Alignment]: ...

    @abstractmethod
    def all_alignments(self) -> Iterator[Alignment]: ...

    # attribution (newstrace.analyse)
    @abstractmethod
    def unattributed(self, seqs: list[int], stage: str) -> list[int]: ...

    @abstractmethod
    def save_attributions(self, seq: int, rows: list[StoredAttribution], stage: str) -> None: ...

    @abstractmethod
    def attributions_of(self, seqs: list[int]) -> list[StoredAttribution]: ...

    # -- stories --------------------------------------------------------------------------------------------

    @abstractmethod
    def story_state(self, stage: str) -> dict[str, Any] | None:
        """The streaming clusterer's saved state, or None before the first article."""

    @abstractmethod
    def stories_streamed(self, stage: str) -> int | None:
        """How many articles the saved story state has streamed (None: no state yet). It grows with every save
        that adds articles, so a run can tell whether another one saved since it read the state."""

    @abstractmethod
    def save_stories(self, stage: str, members: list[tuple[int, str]], state: dict[str, Any],
                     merges: Sequence[tuple[str, str]] = (), changed: Iterable[int] | None = None) -> None:
        """Record (article seq, story id) for new arrivals, the clusterer's state and the merges it made
        ((merged story, story it went into)), in one transaction. With `changed`, the numbers of the only
        stories that differ from the saved state, the other stories' entries are not written again."""

    @abstractmethod
    def story_merged_into(self, stage: str, story: str) -> str | None:
        """The story a merged story went into (None: it was not merged)."""

    @abstractmethod
    def stories_of(self, seqs: list[int]) -> dict[int, str]:
        """The story of each article that has one."""

    @abstractmethod
    def story_members(self, stories: list[str]) -> dict[str, list[int]]:
        """The articles (seqs, in arrival order) of each story."""

    # -- events (newstrace.events) ---------------------------------------------------------------------------

    @abstractmethod
    def events_pending(self, seqs: list[int], stage: str) -> list[int]:
        """The articles among `seqs` whose event mentions `stage` has not stored yet, in the order given."""

    @abstractmethod
    def save_event_mentions(self, seq: int, mentions: list[EventMention], stage: str) -> None:
        """Store (replacing) the article's event mentions, in order, and mark it read by `stage`; its old mentions
        leave the events they were in (re-merge those events). Call inside a transaction."""

    @abstractmethod
    def event_mentions_of(self, seqs: list[int]) -> list[EventMention]:
        """The stored mentions of the articles, in article and then document order."""

    @abstractmethod
    def event_mentions_near(self, country: str | None, since: str | None, until: str | None) -> list[EventMention]:
        """Stored mentions in `country` (any, if None; same case) whose dates overlap [since, until] (either
        end open if None), and those of that country without a date."""

    @abstractmethod
    def events_of(self, seqs: list[int]) -> list[str]:
        """The ids of the stored events holding mentions of these articles, sorted."""

    @abstractmethod
    def replace_events(self, remove: list[str], events: list[StoredEvent], stage: str) -> None:
        """Delete the events `remove` names and store `events` (their mentions must be stored); call inside a
        transaction. An event id that is stored and not removed is refused."""

    @abstractmethod
    def get_events(self, ids: list[str]) -> list[StoredEvent]:
        """The stored events among the ids, in the order given."""

    @abstractmethod
    def list_events(self, where: EventFilter | None = None, limit: int | None = None,
                    offset: int = 0) -> list[StoredEvent]:
        """Earliest first by event date, undated last; ties by id."""

    @abstractmethod
    def count_events(self, where: EventFilter | None = None) -> int: ...

    # -- stored analysis (provenance) and jobs ---------------------------------------------------------------

    @abstractmethod
    def save_provenance(self, rows: list[ProvenanceRow]) -> None:
        """Store (replacing) each article's provenance; call inside a transaction."""

    @abstractmethod
    def provenance_of(self, seqs: list[int]) -> dict[int, ProvenanceRow]: ...

    @abstractmethod
    def originality_of(self, seqs: list[int]) -> dict[int, dict[str, Any]]: ...

    @abstractmethod
    def iter_provenance(self, batch: int = 500) -> Iterator[ProvenanceRow]: ...

    @abstractmethod
    def pending_analysis(self, limit: int | None = None) -> list[int]:
        """Seqs of analysable articles whose analysis is not stored yet."""

    @abstractmethod
    def count_pending(self) -> int: ...

    @abstractmethod
    def create_job(self, kind: str, article_ids: list[str]) -> int: ...

    @abstractmethod
    def update_job(self, job_id: int, *, state: str | None = None, step: str | None = None,
                   done: int | None = None, total: int | None = None, message: str | None = None) -> None: ...

    @abstractmethod
    def get_job(self, job_id: int) -> JobState | None: ...

    @abstractmethod
    def recent_jobs(self, limit: int = 20) -> list[JobState]: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
