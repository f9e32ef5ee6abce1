"""What an ingest run did, document by document, summed up."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import Rejection
from ..records import Origin


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...


class NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


@dataclass
class IngestReport:
    added: int = 0
    versions: int = 0
    unchanged: int = 0
    duplicates: int = 0  # of `unchanged`: the same article reached from another input
    rejected: list[Rejection] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in folders passed over (not article files)
    article_ids: list[str] = field(default_factory=list)  # every input's article, in input order, once each
    origins: dict[str, Origin] = field(default_factory=dict)  # where this run first met each article
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "new_versions": self.versions, "unchanged": self.unchanged,
                "duplicates": self.duplicates, "rejected": [r.as_dict() for r in self.rejected],
                "skipped": self.skipped}
