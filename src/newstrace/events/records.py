"""The typed records of the event stage. Offsets are code-point offsets into `Article.text`, half-open.

Every field of a mention carries `Evidence`: the article, the span and its text, and the claim chain (who says
so, speaker first, then the channels it came through) with any hedge. A field derived from others (inter codes,
interaction) carries the evidence of the text it was derived from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# ACLED's six event types (codebook: event_types.Rmd)
EventType = Literal[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
]

# ACLED inter codes: 1 state forces, 2 rebel groups, 3 political militias, 4 identity militias, 5 rioters,
# 6 protesters, 7 civilians, 8 external/other forces; 0 for no actor
INTER_NAMES = {0: "none", 1: "state forces", 2: "rebel groups", 3: "political militias", 4: "identity militias",
               5: "rioters", 6: "protesters", 7: "civilians", 8: "external/other forces"}


@dataclass(frozen=True)
class Evidence:
    """Where a field's value is written: `quote` is `article.text[span[0]:span[1]]`. `chain` names who says so,
    the speaker first and then each channel ("the MSC spokesman", "BBC"); empty when the article says it in its
    own voice. `hedges` keeps any hedge on the claim ("could not be independently verified")."""

    article_id: str
    span: tuple[int, int]
    quote: str
    chain: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventDate:
    """When: `start`/`end` are ISO dates when they could be resolved (against the text or the article's
    publication time), else None with `relative` the words as written and `reason` why they stay relative.
    `precision` is ACLED's time precision: 1 a day, 2 a week (or a few days), 3 a month."""

    start: str | None
    end: str | None
    precision: int
    relative: str | None
    reason: str | None
    evidence: Evidence | None
    event_date: str | None = None  # the one day ACLED would code: the day, or the middle of the week or month


@dataclass(frozen=True)
class Actor:
    name: str
    inter: int
    associated: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True)
class Place:
    """Where: the name as written, with what the gazetteer knows. `geo_precision` is ACLED's: 1 the town itself,
    2 near a known place or a part of a region, 3 the region only. `source` says which gazetteer gave the point:
    "geonames", "user" (a user's CSV), or "none" when the place is unknown and only its region or country is
    kept (coordinates then are those of the region or country, or None).

    `country_code` is the ISO 3166 code; `gazetteer_name` the entry's own name when it differs from the text's
    ("Darnah" for "Derna"); `country_evidence` the words elsewhere in the text that decided the country ("Libya",
    "Libyan") when the name alone did not; `anchor` the known place the point comes from when it is not the
    named place's own (an unknown village "near Derna", or the district named after it in parentheses)."""

    name: str
    country: str | None
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    source: str
    evidence: Evidence
    country_code: str | None = None
    gazetteer_name: str | None = None
    country_evidence: Evidence | None = None
    anchor: Evidence | None = None


@dataclass(frozen=True)
class FatalityFigure:
    """One reported death toll: the number it counts for under ACLED's rule ("dozens" = 12), who was killed as
    written ("MSC fighters"), and its evidence (with the claim chain)."""

    count: int
    who: str | None
    evidence: Evidence
    # a toll added up from several statements in one voice ("a soldier was killed ... two civilians died"):
    # the statements, each with its own evidence; the evidence above then spans from the first to the last
    parts: tuple[FatalityFigure, ...] = ()


@dataclass(frozen=True)
class EventMention:
    """One article's report of one event: a sentence (or a few) that says something happened."""

    article_id: str
    span: tuple[int, int]  # the sentence(s) reporting it
    event_type: EventType
    sub_event_type: str
    type_evidence: Evidence  # the words that decide the type ("forced ... out of", "clashed with")
    date: EventDate | None
    actor1: Actor | None
    actor2: Actor | None
    place: Place | None
    fatalities: tuple[FatalityFigure, ...] = ()
    outlet: str | None = None
    published: str | None = None
    text: str = ""  # the sentence(s) at `span` as written (merging compares reports' wording); "" when unknown
    headline: str = ""  # the article's headline, when known
    # every sentence the mention was gathered from, in order (`span` is the first of them)
    sentences: tuple[tuple[int, int], ...] = ()

    @property
    def interaction(self) -> int:
        """ACLED's interaction code: the two inter codes, lower first (a lone actor gives e.g. 10 or 60)."""
        a = self.actor1.inter if self.actor1 else 0
        b = self.actor2.inter if self.actor2 else 0
        low, high = sorted((a, b))
        return low * 10 + high if low else high * 10

    @property
    def fatality_count(self) -> int:
        """ACLED's rule: the most conservative figure reported (0 when none)."""
        return min((f.count for f in self.fatalities), default=0)


@dataclass(frozen=True)
class EventDiscrepancy:
    """Independent reports of one event that disagree on a field; `update` when a later report raises a
    casualty figure (an update, not a conflict). `kind` uses the discrepancy stage's names ("date_changed",
    "place_changed", "number_changed", "number_updated") and `explanation` says it in words."""

    field: str
    values: tuple[tuple[str, str], ...]  # (article_id, value as written)
    update: bool
    kind: str = ""
    explanation: str = ""


@dataclass
class Event:
    """Mentions from one or more articles merged into one event. `sources` groups the reports into independent
    origins: a report that copies or paraphrases another (the reuse stage) or relays the same original claim
    (the attribution chains) sits in that report's group, so `len(sources)` is the number of independent
    sources."""

    id: str
    mentions: list[EventMention]
    sources: list[list[str]] = field(default_factory=list)  # groups of article ids; the first id is the origin
    discrepancies: list[EventDiscrepancy] = field(default_factory=list)
    fatalities: int = 0  # ACLED's figure across the independent sources (events.merge says which wins)
    fatality_figure: FatalityFigure | None = None  # the reported figure that gave it, with its evidence

    @property
    def n_reports(self) -> int:
        return len({m.article_id for m in self.mentions})

    @property
    def n_independent_sources(self) -> int:
        return len(self.sources)
