"""The offline gazetteer: place names to coordinates and admin regions, a user's CSV first.

PLACEHOLDER (replaced by ev-places at merge): knows no place."""

from __future__ import annotations

from pathlib import Path

from .records import Evidence, Place


class Gazetteer:
    """Place lookup; the placeholder knows no place and locates nothing."""

    @classmethod
    def load(cls, user_csv: Path | None = None) -> Gazetteer:
        return cls()

    def locate(self, name: str, evidence: Evidence, country: str | None = None) -> Place | None:
        """The place `name` stands for (within `country` when known), or None when unknown."""
        return None
