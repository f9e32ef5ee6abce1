"""Language identification with py3langid (its model ships inside the package: nothing is fetched)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_MIN_CHARS = 120  # below this, a declared language is trusted over detection
_SAMPLE = 1200  # enough for a stable answer; the classifier costs time per character


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def normalise_code(code: str | None) -> str | None:
    """'en-US', 'en_GB', 'EN' -> 'en'; anything unlike a language tag -> None."""
    if not code:
        return None
    head = re.split(r"[-_]", code.strip().lower())[0]
    return head if re.fullmatch(r"[a-z]{2,3}", head) else None


def detect_language(text: str, declared: str | None = None) -> str | None:
    declared = normalise_code(declared)
    if len(text) < _MIN_CHARS and declared:
        return declared
    if len(text.strip()) < 20:
        return declared
    lang, prob = _identifier().classify(text[:_SAMPLE])
    if prob < 0.5 and declared:
        return declared
    return str(lang)
