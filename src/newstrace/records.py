"""Typed records that pass between stages. Offsets are code-point offsets into `Article.text`, half-open."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Format = Literal["text", "html", "jsonl", "feed", "warc"]
Body = Literal["text", "html", "html-fragment"]


@dataclass(frozen=True)
class Origin:
    """Where a document came from: a path ('-' for standard input) and, inside containers, the record."""

    path: str
    record: str = ""  # "line 3", "entry 2", "record 7"; empty for a whole file

    def label(self) -> str:
        return f"{self.path}:{self.record}" if self.record else self.path


@dataclass
class RawDocument:
    """One document as a reader framed it, before any parsing or cleaning (cheap to make)."""

    origin: Origin
    format: Format
    body_kind: Body
    body: str | bytes
    raw_hash: str
    # Metadata the container supplied (JSONL fields, feed entry, WARC headers); wins over what the body says.
    meta: dict[str, Any] = field(default_factory=dict)
    locator: str | None = None  # what versions hang on: URL, else the file's absolute path
    charset: str | None = None  # bytes: the charset named outside them (a WARC record's HTTP Content-Type)
    encoding: str | None = None  # text: the encoding it was read from (a feed's), where the reader decoded it


@dataclass(frozen=True)
class OutletFrom:
    """Where an article names its own outlet (text/outlets.py): the rule, the name's span in `Article.text`
    (None when the line was page furniture, removed from the text), and the line itself."""

    rule: str
    span: tuple[int, int] | None
    line: str

    def public(self) -> dict[str, Any]:
        return {"rule": self.rule, "span": list(self.span) if self.span else None, "line": self.line}


@dataclass
class Article:
    """A cleaned article. `id` is the hash of the normalised text; `text` is what every offset refers to."""

    id: str
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    author: str | None
    published: str | None  # ISO 8601: date, or date and time, with zone when the source gave one
    language: str | None
    analysed: bool
    skip_reason: str | None
    format: Format
    origin: Origin
    raw_hash: str
    locator: str | None = None
    version: int = 1
    previous_id: str | None = None
    seq: int = 0  # the store's row number (order of arrival); 0 before it is stored
    outlet_from: OutletFrom | None = None  # how the outlet was read from the text, when metadata gave none
    # what ingest removed as page furniture: (rule, text) of each removed paragraph or line, in order; kept in
    # the store so that a wrong removal can be seen (`show --furniture`), not part of the article's identity
    furniture: tuple[tuple[str, str], ...] = ()
    encoding: str | None = None  # the encoding the input's bytes were read from (Python's codec name)
    encoding_note: str | None = None  # why that encoding is a guess that may be wrong; None when it is sure
    # the analysis stages read only text[:analysed_chars] of a very long article (the analyse_max_chars
    # setting); None: the whole text
    analysed_chars: int | None = None

    def bounded(self) -> dict[str, Any] | None:
        """What the analysis left out of a very long article, as `trace --json` shows it (None: nothing)."""
        if self.analysed_chars is None:
            return None
        cut, total = self.analysed_chars, len(self.text)
        return {"analysed_span": [0, cut], "skipped_span": [cut, total],
                "note": f"only the first {cut:,} of {total:,} characters were analysed (the analyse_max_chars "
                        f"setting); the other {total - cut:,} are stored and searchable but not analysed"}

    def public(self) -> dict[str, Any]:
        """The shape `trace --json` and `export` write (docs/json.md)."""
        return {
            "id": self.id,
            "path": self.origin.path,
            "record": self.origin.record or None,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "outlet_from": self.outlet_from.public() if self.outlet_from else None,
            "author": self.author,
            "published": self.published,
            "language": self.language,
            "analysed": self.analysed,
            "version": self.version,
            "previous_version": self.previous_id,
            "encoding": self.encoding,
            "encoding_warning": self.encoding_note,
            "bounded": self.bounded(),
            "text": self.text,
        }


@dataclass(frozen=True)
class Alignment:
    """A reused passage: the span of `target` that was copied or paraphrased from the span of `source`.
    When the direction is undecided, `source` is simply the article stored first, and `decided` is False."""

    source: str
    target: str
    source_span: tuple[int, int]
    target_span: tuple[int, int]
    kind: str  # verbatim, near_verbatim, paraphrase, template (a recurring formula with other figures)
    score: float
    quoted: bool
    decided: bool
    direction_confidence: float
    direction_reason: str
    stage: str = ""
    evidence: str = ""  # strong, moderate, weak ("" when stored before evidence was kept)
    evidence_reason: str = ""

    @property
    def claims_reuse(self) -> bool:
        """Whether this passage tells a reader that one text reuses the other: not a template, not weak
        (weak passages are "similar wording" and stay out of originality, derivation and the graph)."""
        return self.kind != "template" and self.evidence != "weak"

    def public(self) -> dict[str, Any]:
        """The shape of `trace --json` `alignments` (docs/json.md)."""
        return {
            "source": self.source,
            "target": self.target,
            "source_span": list(self.source_span),
            "target_span": list(self.target_span),
            "kind": self.kind,
            "score": self.score,
            "quoted": self.quoted,
            "direction": "decided" if self.decided else "undecided",
            "direction_confidence": self.direction_confidence,
            "direction_reason": self.direction_reason,
            "evidence": {"strength": self.evidence or None, "reason": self.evidence_reason or None},
        }


@dataclass
class ProvenanceRow:
    """What the provenance stage stored for one article: its originality (shares, class, sources), the origin of
    each sentence, and the discrepancies it takes part in (the shapes of `trace --json`, docs/json.md)."""

    seq: int
    stage: str
    originality: dict[str, Any]
    sentences: list[dict[str, Any]]
    discrepancies: list[dict[str, Any]]


QUEUED, RUNNING, DONE, FAILED = JOB_STATES = ("queued", "running", "done", "failed")


@dataclass
class JobState:
    """An analysis run that follows ingest, as every face shows it."""

    id: int
    kind: str
    state: str  # one of JOB_STATES
    step: str | None
    total: int
    done: int
    articles: list[str]
    message: str | None
    created_at: str
    updated_at: str

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "state": self.state, "step": self.step, "total": self.total,
                "done": self.done, "articles": len(self.articles), "message": self.message,
                "created_at": self.created_at, "updated_at": self.updated_at}


@dataclass(frozen=True)
class StoredAttribution:
    """One attribution as the store keeps it: spans into its article's text, its place `n` in the article, and
    `parent`, the `n` of the attribution it is nested in (the shape `trace --json` shows is built from it)."""

    seq: int  # the article's row number
    n: int
    cue: tuple[int, int]
    source: tuple[int, int] | None
    canonical: str | None
    kind: str | None
    content: tuple[tuple[int, int], ...]
    type: str
    hedged: bool
    parent: int | None
    category: str = "speech"  # speech, document or stance (analyse/categories.py)
    addressee: tuple[int, int] | None = None  # who the words were said to ("told [reporters]")
    addressee_kind: str = ""  # channel or audience
    role: tuple[int, int] | None = None  # the source's role ("Dabaa, [a spokesman for the MSC]")
    channel: bool = False  # a link that stands for the outlet or statement that carried a speaker's words
    resolution: str = ""  # how the canonical source was found: name, alias, description, pronoun, unresolved
    note: str = ""  # why the source was left unresolved


@dataclass(frozen=True)
class FoundPassage:
    """A reused passage as the reuse stage hands it to the store: by the two articles' row numbers, the source
    first (when the direction is undecided, the lower row number)."""

    source_seq: int
    target_seq: int
    source_span: tuple[int, int]
    target_span: tuple[int, int]
    kind: str
    score: float
    quoted: bool
    decided: bool
    direction_confidence: float
    direction_reason: str
    evidence: str
    evidence_reason: str
