"""Event extraction on ACLED's analyst notes, scored against the coded rows (needs ../shared/data/acled-sample).

    python benchmarks/acled_notes.py [--limit N] [--confusion] [--list-errors KIND] [--split dev|held|both]

Each note becomes an article without a publication time (the notes say "On 23 February 2022, ..."; the
"[size=...]" tail is not part of the event) and goes through `newstrace.events.extract.extract_mentions`
with no attributions; the first mention is scored against the row: event type (6) accuracy and macro F1,
sub-event type (25) weighted F1, event date exact and time precision, location within 25 km of ACLED's point
and country (through `places.locate`), fatalities exact (separately where ACLED says more than 0 and 0),
inter1 and inter2. A note with no mention counts as wrong on every field.

Baselines in the same run on the same notes: the majority class (the most common type, sub-type, inter codes
and 0 fatalities of the development half, no date, no place) and keyword rules (the first of a few keyword
lists that matches gives the type, its most common sub-type and inter codes; the first "On/Around <day>
<month> <year>" the date, "around" giving precision 2; the first "<N> ... killed" the fatalities).

KIND for --list-errors: type, subtype, date, precision, fatalities, inter1, inter2, location, none. The
listing shows ACLED's notes: never commit it.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from acled_data import AcledRow, load_acled, split
from newstrace.analyse.nlp import load_nlp
from newstrace.events.actors import same_country
from newstrace.events.extract import extract_mentions
from newstrace.events.places import Gazetteer
from newstrace.events.records import EventMention
from newstrace.records import Article, Origin

SIZE_TAIL = re.compile(r"\s*\[size=[^\]]*\]\s*$")
TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments")


@dataclass
class Guess:
    """What a system says of one note (None: it says nothing)."""

    event_type: str | None
    sub_event_type: str | None
    event_date: str | None
    precision: int | None
    fatalities: int
    inter1: int
    inter2: int
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None


def note_text(row: AcledRow) -> str:
    return SIZE_TAIL.sub("", row.notes).strip()


def article_for(row: AcledRow, text: str) -> Article:
    return Article(id=row.id, text=text, title=None, outlet=None, url=None, author=None, published=None,
                   language="en", analysed=True, skip_reason=None, format="text", origin=Origin(f"acled:{row.id}"),
                   raw_hash=row.id)


def from_mention(mention: EventMention | None) -> Guess:
    if mention is None:
        return Guess(None, None, None, None, 0, 0, 0)
    place = mention.place
    return Guess(mention.event_type, mention.sub_event_type, mention.date.event_date if mention.date else None,
                 mention.date.precision if mention.date else None, mention.fatality_count,
                 mention.actor1.inter if mention.actor1 else 0, mention.actor2.inter if mention.actor2 else 0,
                 place.latitude if place else None, place.longitude if place else None,
                 place.country if place else None)


# -- baselines -------------------------------------------------------------------------------------------------

_KEYWORDS: list[tuple[str, re.Pattern[str]]] = [
    ("Protests", re.compile(r"\b(?:protest|demonstrat|rall(?:y|ied)|march)", re.I)),
    ("Riots", re.compile(r"\b(?:riot|mob|lynch)", re.I)),
    ("Explosions/Remote violence", re.compile(r"\b(?:shell|artillery|air ?strike|drone|IED|explosi|bomb|grenade|"
                                              r"missile|rocket|mortar)", re.I)),
    ("Battles", re.compile(r"\b(?:clash|fight|battle|exchange of fire|ambush)", re.I)),
    ("Violence against civilians", re.compile(r"\b(?:kill|murder|shot|abduct|kidnap|rape|attack)", re.I)),
    ("Strategic developments", re.compile(r".")),
]
_DATE = re.compile(r"\b(?:On|Around)\s+(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|"
                   r"October|November|December)\s+(\d{4})")
_KILLED = re.compile(r"\b(\d+)\s+(?:[\w-]+\s+){0,3}(?:were|was)?\s*killed", re.I)


class Baselines:
    def __init__(self, dev: Sequence[AcledRow]):
        self.type = Counter(r.event_type for r in dev).most_common(1)[0][0]
        self.sub = {t: Counter(r.sub_event_type for r in dev if r.event_type == t).most_common(1)[0][0]
                    for t in TYPES if any(r.event_type == t for r in dev)}
        self.inter = {t: Counter((r.inter1, r.inter2) for r in dev if r.event_type == t).most_common(1)[0][0]
                      for t in TYPES if any(r.event_type == t for r in dev)}

    def majority(self, row: AcledRow) -> Guess:
        inter1, inter2 = self.inter[self.type]
        return Guess(self.type, self.sub[self.type], None, None, 0, inter1, inter2)

    def keywords(self, row: AcledRow) -> Guess:
        text = note_text(row)
        kind = next(t for t, pattern in _KEYWORDS if pattern.search(text))
        sub = self.sub.get(kind)
        inter1, inter2 = self.inter.get(kind, (0, 0))
        day = precision = None
        m = _DATE.search(text)
        if m:
            month = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"].index(m.group(2)) + 1
            day = date(int(m.group(3)), month, int(m.group(1))).isoformat()
            precision = 2 if m.group(0).startswith("Around") else 1
        k = _KILLED.search(text)
        return Guess(kind, sub, day, precision, int(k.group(1)) if k else 0, inter1, inter2)


# -- scoring ---------------------------------------------------------------------------------------------------


def _f1(gold: list[str], guess: list[str | None], labels: Sequence[str]) -> dict[str, tuple[float, float, float, int]]:
    out = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, guess, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, guess, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, guess, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = (precision, recall, f1, tp + fn)
    return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


CHECKS: dict[str, Callable[[AcledRow, Guess], bool]] = {
    "type": lambda r, g: g.event_type == r.event_type,
    "subtype": lambda r, g: g.sub_event_type == r.sub_event_type,
    "date": lambda r, g: g.event_date == r.event_date,
    "precision": lambda r, g: g.precision == r.time_precision,
    "fatalities": lambda r, g: g.fatalities == r.fatalities,
    "inter1": lambda r, g: g.inter1 == r.inter1,
    "inter2": lambda r, g: g.inter2 == r.inter2,
    "location": lambda r, g: g.latitude is not None and g.longitude is not None
    and _km(g.latitude, g.longitude, r.latitude, r.longitude) <= 25.0,
    "country": lambda r, g: bool(same_country(g.country, r.country)),
    "none": lambda r, g: g.event_type is not None,
}


def score(rows: Sequence[AcledRow], guesses: Sequence[Guess]) -> dict[str, float]:
    n = len(rows) or 1
    gold_t = [r.event_type for r in rows]
    guess_t = [g.event_type for g in guesses]
    per_type = _f1(gold_t, guess_t, TYPES)
    subs = sorted({r.sub_event_type for r in rows})
    per_sub = _f1([r.sub_event_type for r in rows], [g.sub_event_type for g in guesses], subs)
    out = {name: sum(CHECKS[name](r, g) for r, g in zip(rows, guesses, strict=True)) / n
           for name in ("type", "date", "precision", "inter1", "inter2", "location", "country")}
    out["type_macro_f1"] = sum(v[2] for v in per_type.values()) / len(TYPES)
    total = sum(v[3] for v in per_sub.values()) or 1
    out["subtype_weighted_f1"] = sum(v[2] * v[3] for v in per_sub.values()) / total
    killed = [(r, g) for r, g in zip(rows, guesses, strict=True) if r.fatalities > 0]
    none = [(r, g) for r, g in zip(rows, guesses, strict=True) if r.fatalities == 0]
    out["fatalities>0"] = sum(CHECKS["fatalities"](r, g) for r, g in killed) / (len(killed) or 1)
    out["fatalities=0"] = sum(CHECKS["fatalities"](r, g) for r, g in none) / (len(none) or 1)
    out["no_mention"] = sum(g.event_type is None for g in guesses) / n
    return out


ROWS = [("type", "event type accuracy", ">= 0.85"), ("type_macro_f1", "event type macro F1", ">= 0.80"),
        ("subtype_weighted_f1", "sub-type weighted F1", ">= 0.70"), ("date", "date exact", ">= 0.97"),
        ("precision", "time precision agrees", ">= 0.95"), ("location", "location within 25 km", ""),
        ("country", "country", ""), ("fatalities>0", "fatalities exact (ACLED > 0)", ">= 0.90"),
        ("fatalities=0", "fatalities exact (ACLED 0)", ">= 0.98"), ("inter1", "inter1", ">= 0.80"),
        ("inter2", "inter2", ">= 0.80"), ("no_mention", "notes with no mention", "")]


def run(rows: Sequence[AcledRow], nlp: object, gazetteer: Gazetteer) -> tuple[list[Guess], float, float]:
    """The guesses, the seconds the parse took (in batches, as the stage parses) and the seconds extraction
    took beside it."""
    texts = [note_text(r) for r in rows]
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=256))  # type: ignore[attr-defined]
    parsed = time.perf_counter()
    guesses = []
    for row, text, doc in zip(rows, texts, docs, strict=True):
        mentions = extract_mentions(article_for(row, text), [], gazetteer=gazetteer, doc=doc)
        guesses.append(from_mention(mentions[0] if mentions else None))
    return guesses, parsed - started, time.perf_counter() - parsed


def per_class_table(rows: Sequence[AcledRow], guesses: Sequence[Guess]) -> None:
    print("\nper event type (precision, recall, F1, support) and sub-event type:")
    per_type = _f1([r.event_type for r in rows], [g.event_type for g in guesses], TYPES)
    for label, (p, r, f, n) in per_type.items():
        print(f"  {label:<45} {p:5.2f} {r:5.2f} {f:5.2f} {n:6d}")
    subs = sorted({r.sub_event_type for r in rows})
    for label, (p, r, f, n) in _f1([r.sub_event_type for r in rows], [g.sub_event_type for g in guesses],
                                   subs).items():
        print(f"    {label:<43} {p:5.2f} {r:5.2f} {f:5.2f} {n:6d}")


def confusion(rows: Sequence[AcledRow], guesses: Sequence[Guess]) -> None:
    short = {t: t.split("/")[0][:9] for t in TYPES}
    labels = list(TYPES) + [None]
    print("\nconfusion (rows: ACLED, columns: extracted; '-' no mention):")
    print(" " * 12 + "".join(f"{(short[c] if c else '-'):>10}" for c in labels))
    for gold in TYPES:
        counts = Counter(g.event_type for r, g in zip(rows, guesses, strict=True) if r.event_type == gold)
        print(f"{short[gold]:<12}" + "".join(f"{counts.get(c, 0):>10}" for c in labels))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=0, help="the first N notes of each half")
    parser.add_argument("--split", choices=("dev", "held", "both"), default="both")
    parser.add_argument("--confusion", action="store_true", help="per-class table and confusion matrix")
    parser.add_argument("--list-errors", metavar="KIND", choices=sorted(CHECKS), help="print the notes wrong on KIND")
    args = parser.parse_args(argv)
    try:
        dev, held = split(load_acled())
    except FileNotFoundError as e:
        print(e, file=sys.stderr)
        return 2
    baselines = Baselines(dev)
    halves = [("dev", dev), ("held-out", held)]
    if args.split != "both":
        halves = [halves[0] if args.split == "dev" else halves[1]]
    if args.limit:
        halves = [(name, rows[:args.limit]) for name, rows in halves]
    nlp = load_nlp()
    gazetteer = Gazetteer.load()
    results = {}
    for name, rows in halves:
        guesses, parse_s, extract_s = run(rows, nlp, gazetteer)
        results[name] = (rows, guesses, (parse_s, extract_s))
    header = f"{'measure':<30}{'target':>9}" + "".join(f"{n:>10}" for n, _ in halves) + \
        "".join(f"{'major. ' + n[:4]:>12}{'keyw. ' + n[:4]:>12}" for n, _ in halves)
    print(header)
    scores = {n: score(rows, guesses) for n, (rows, guesses, _) in results.items()}
    base = {n: (score(rows, [baselines.majority(r) for r in rows]), score(rows, [baselines.keywords(r) for r in rows]))
            for n, (rows, _, _) in results.items()}
    for key, label, target in ROWS:
        line = f"{label:<30}{target:>9}" + "".join(f"{scores[n][key]:>10.3f}" for n, _ in halves)
        line += "".join(f"{base[n][0][key]:>12.3f}{base[n][1][key]:>12.3f}" for n, _ in halves)
        print(line)
    for name, (rows, _, (parse_s, extract_s)) in results.items():
        print(f"{name}: {len(rows)} notes; the parse alone (baseline) {parse_s:.1f} s, extraction beside it "
              f"{extract_s:.1f} s ({extract_s / parse_s:.0%} of the parse), one process")
    if args.confusion:
        for name, (rows, guesses, _) in results.items():
            print(f"\n== {name}")
            per_class_table(rows, guesses)
            confusion(rows, guesses)
    if args.list_errors:
        check = CHECKS[args.list_errors]
        for name, (rows, guesses, _) in results.items():
            for row, guess in zip(rows, guesses, strict=True):
                if not check(row, guess):
                    print(f"--- {name} {row.id}: ACLED {row.event_type} / {row.sub_event_type} {row.event_date} "
                          f"p{row.time_precision} fat {row.fatalities} inter {row.inter1}-{row.inter2} | got "
                          f"{guess.event_type} / {guess.sub_event_type} {guess.event_date} p{guess.precision} "
                          f"fat {guess.fatalities} inter {guess.inter1}-{guess.inter2}")
                    print("    " + note_text(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
