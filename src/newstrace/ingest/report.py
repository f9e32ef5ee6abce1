"""What an ingest run did, document by document, summed up."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import Rejection
from ..records import Origin


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...

    def step(self, text: str) -> None:
        """What the current unit of work is doing now (a stage's name and how far it is)."""


class NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def step(self, text: str) -> None:
        pass


@dataclass
class IngestReport:
    added: int = 0
    versions: int = 0
    unchanged: int = 0
    duplicates: int = 0  # of `unchanged`: the same article reached from another input
    rejected: list[Rejection] = field(default_factory=list)
    # articles stored with a caveat: an encoding guessed, an analysis bounded (W codes)
    warnings: list[Rejection] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in folders passed over (not article files)
    article_ids: list[str] = field(default_factory=list)  # every input's article, in input order, once each
    origins: dict[str, Origin] = field(default_factory=dict)  # where this run first met each article
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "new_versions": self.versions, "unchanged": self.unchanged,
                "duplicates": self.duplicates, "rejected": [r.as_dict() for r in self.rejected],
                "warnings": [w.as_dict() for w in self.warnings],
                "skipped": self.skipped}
