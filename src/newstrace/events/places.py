"""Placeholder for the offline gazetteer and place resolution (replaced by the ev-places branch): the
interface the extraction calls, finding no place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .records import Place


class Gazetteer:
    """The places known offline; this placeholder knows none."""

    @classmethod
    def load(cls, user_csv: Path | None = None) -> Gazetteer:
        return cls()


def locate(article_id: str, text: str, sentence_span: tuple[int, int], gazetteer: Gazetteer,
           doc: Any) -> Place | None:
    """The place where the sentence's event happened, resolved with the country context of the whole text;
    this placeholder finds none."""
    return None
