"""Quote views and speakers, read from the stored attributions (in the shape `trace --json` gives them).

- A quote view keeps the attributions of some categories (by default speech and documents: what was said or
  written, not what someone believes, wants or did; analyse/categories.py) and the channel links above them
  (the outlet told, which carries the chain), each hung from its nearest kept ancestor. The report, the web
  sidebar, `--quotes` and the exports show quote views; `trace --json` and the PolNeAR benchmark keep every
  attribution.
- Speakers: the mentions of one source in an article (its names, descriptions and pronouns) joined under its
  canonical name, with every span, the attributions, and the roles the article gives it.
"""

from __future__ import annotations

from typing import Any

from ..analyse.categories import CATEGORIES, QUOTES
from ..errors import Code, NewstraceError

DEFAULT = ",".join(QUOTES)


def categories(value: str | None) -> tuple[str, ...]:
    """The categories a `--quotes` value names: a comma-separated list of speech, document and stance, or
    "all"; the default (None or empty) is speech and documents."""
    if not value:
        return QUOTES
    if value.strip() == "all":
        return CATEGORIES
    wanted = tuple(v.strip() for v in value.split(",") if v.strip())
    unknown = [v for v in wanted if v not in CATEGORIES]
    if unknown or not wanted:
        raise NewstraceError(Code.BAD_QUERY, f"--quotes {value!r}: {', '.join(unknown) or 'nothing'} is not a "
                                             f"category; name some of {', '.join(CATEGORIES)}, or all")
    return wanted


def quote_view(attributions: list[dict[str, Any]], wanted: tuple[str, ...] = QUOTES) -> list[dict[str, Any]]:
    """The attributions of the `wanted` categories, with the channel links and citations above them that carry
    their chains; each one's `parent` is its nearest kept ancestor. Copies: the input is left as it is."""
    by_id = {a["id"]: a for a in attributions}
    kept = {a["id"] for a in attributions if a.get("category", "speech") in wanted}
    for att in attributions:  # the links above a kept attribution stay with it
        if att["id"] not in kept:
            continue
        parent = att["parent"]
        while parent is not None and parent in by_id:
            link = by_id[parent]
            if link.get("channel_link"):
                kept.add(parent)
            parent = link["parent"]
    out = []
    for att in attributions:
        if att["id"] not in kept:
            continue
        parent = att["parent"]
        while parent is not None and parent not in kept:
            parent = by_id[parent]["parent"] if parent in by_id else None
        out.append({**att, "parent": parent})
    return out


def speakers(attributions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each article's speakers: one per canonical source (unresolved pronouns and channel links left out), in
    the order they are first cited, with every mention's span and text, the ids of their attributions, their
    roles, and how many of their attributions are quotes (speech or documents)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for att in attributions:
        source = att.get("source")
        if not source or att.get("channel_link") or source.get("resolution") == "unresolved":
            continue
        key = (att["article"], source["canonical"] or source["text"])
        speaker = found.setdefault(key, {"article": att["article"], "name": key[1], "kind": source["kind"],
                                         "mentions": [], "roles": [], "attributions": [], "quotes": 0})
        mention = {"span": source["span"], "text": source["text"]}
        if mention not in speaker["mentions"]:
            speaker["mentions"].append(mention)
        role = source.get("role")
        if role and role["text"] not in speaker["roles"]:
            speaker["roles"].append(role["text"])
        speaker["attributions"].append(att["id"])
        speaker["quotes"] += att.get("category", "speech") in QUOTES
        if speaker["kind"] in ("unknown", "anonymous") and source["kind"] in ("person", "organisation", "outlet"):
            speaker["kind"] = source["kind"]
    return list(found.values())
