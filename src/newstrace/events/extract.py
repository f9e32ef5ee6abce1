"""Event mentions from one article: the sentences that report a conflict event, with every field's evidence.

PLACEHOLDER (replaced by ev-extract at merge): finds nothing, so that the stage, the store and every face can be
built and tested before the extractor lands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..records import Article, StoredAttribution
from .places import Gazetteer
from .records import EventMention


def extract_mentions(article: Article, attributions: Sequence[StoredAttribution], *,
                     gazetteer: Gazetteer | None = None, doc: Any | None = None) -> list[EventMention]:
    """The event mentions of `article` (its stored `attributions` give each field's claim chain; `doc` is its
    spaCy parse when the caller parsed in batch). The placeholder finds none."""
    return []
