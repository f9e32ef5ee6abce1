"""Copies never counted twice: MAVERICK's real event reports (../shared/data/maverick, read as `maverick_data.py`
says) merged into events, then merged again with copies and relays of some of their articles added, to show that
the events and their independent sources do not change.

The extractor (`events/extract.py`) is not run here: the copies are made as mentions directly (the integrator
runs the whole chain on texts). A fixed share of the original articles (`--share`, seeded) gets one derived
article, of one of six kinds in turn, carrying a copy of each of the original's mentions:

- `verbatim`: the same fields and headline, published six hours later; the reuse stage found it (`reuse`);
- `edited`: a light rewrite found by the reuse stage: a word of the headline dropped, and for some mentions a
  toll miscopied (one more), the date a day off, or the place given as the town only;
- `shared`: a verbatim copy whose direction the reuse stage could not decide (both ids list each other);
- `copy of copy`: a copy of a verbatim copy (reuse followed transitively);
- `as reported by`: a relay that reuses no text: its own headline, the claim credited to the original's outlet
  ("..., AFP reported"), no reuse link;
- `same claimant`: a relay of the original's claimant (the originals picked for it credit their report to a
  named claimant, "according to the Observer Mission 12"), with its own headline and no reuse link.

Printed: how many of the original events keep their reports (no original report moves, splits off or joins),
their number of independent sources, their toll and their discrepancies, and where the derived reports land; with
the baseline measured in the same run: copies counted as independent reports (the sources of an event are its
reports, as a machine-coded data set counts them) and every report its own event.

    .venv/bin/python benchmarks/events_copies.py              # about a minute
    .venv/bin/python benchmarks/events_copies.py --share 0.5
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from maverick_data import load_reports  # noqa: E402
from newstrace.events.merge import merge_mentions  # noqa: E402
from newstrace.events.records import Event, EventDate, EventMention, Evidence, FatalityFigure  # noqa: E402

KINDS = ("verbatim", "edited", "shared", "copy of copy", "as reported by", "same claimant")
Key = tuple[str, int, int]


def _key(m: EventMention) -> Key:
    return m.article_id, m.span[0], m.span[1]


def _later(published: str | None, hours: int) -> str | None:
    if not published:
        return None
    return f"{published[:10]}T{hours:02d}:00:00+00:00"


def _credited(m: EventMention, chain: tuple[str, ...]) -> EventMention:
    """The mention with its claim credited along `chain` (the type's evidence and the tolls')."""
    return replace(m, type_evidence=replace(m.type_evidence, chain=chain),
                   fatalities=tuple(replace(f, evidence=replace(f.evidence, chain=chain)) for f in m.fatalities))


def _moved(m: EventMention, article: str, outlet: str, hours: int, headline: str | None = None) -> EventMention:
    def ev(e: Evidence) -> Evidence:
        return replace(e, article_id=article)

    return replace(
        m, article_id=article, outlet=outlet, published=_later(m.published, hours),
        headline=m.headline if headline is None else headline, type_evidence=ev(m.type_evidence),
        date=replace(m.date, evidence=ev(m.date.evidence)) if m.date and m.date.evidence else m.date,
        place=replace(m.place, evidence=ev(m.place.evidence)) if m.place else None,
        actor1=replace(m.actor1, evidence=ev(m.actor1.evidence)) if m.actor1 else None,
        actor2=replace(m.actor2, evidence=ev(m.actor2.evidence)) if m.actor2 else None,
        fatalities=tuple(replace(f, evidence=ev(f.evidence)) for f in m.fatalities))


def _edit(m: EventMention, rng: random.Random) -> EventMention:
    words = m.headline.split()
    if len(words) > 3:
        del words[rng.randrange(1, len(words))]
    m = replace(m, headline=" ".join(words))
    change = rng.randrange(4)
    if change == 0 and m.fatalities:
        f = m.fatalities[0]
        m = replace(m, fatalities=(FatalityFigure(f.count + 1, f.who, replace(f.evidence, quote=str(f.count + 1))),
                                   *m.fatalities[1:]))
    elif change == 1 and m.date is not None and m.date.start:
        day = (date.fromisoformat(m.date.start) + timedelta(days=1)).isoformat()
        end = (date.fromisoformat(m.date.end or m.date.start) + timedelta(days=1)).isoformat()
        m = replace(m, date=EventDate(day, end, m.date.precision, None, None, m.date.evidence))
    elif change == 2 and m.place is not None and m.place.admin2:
        m = replace(m, place=replace(m.place, name=m.place.admin2, admin2=None))
    return m


@dataclass
class Derived:
    originals: list[EventMention]  # some credited to a claimant
    mentions: list[EventMention]  # the derived ones
    reuse: dict[str, set[str]]
    source_of: dict[Key, Key]  # each derived mention's original
    kind: dict[str, str]  # each derived article's kind


def build(originals: list[EventMention], share: float, seed: int) -> Derived:
    """The derived articles of a share of the originals' articles, one kind after the other."""
    rng = random.Random(seed)
    articles = sorted({m.article_id for m in originals})
    chosen = sorted(rng.sample(articles, round(share * len(articles))))
    outlets = {m.article_id for m in originals if m.outlet}
    kind_of = {a: KINDS[n % len(KINDS)] for n, a in enumerate(chosen)}
    for a in chosen:  # an article without an outlet cannot be credited by one: relay its claimant instead
        if kind_of[a] == "as reported by" and a not in outlets:
            kind_of[a] = "same claimant"
    claimant = {a: f"Observer Mission {n}" for n, a in enumerate(chosen) if kind_of[a] == "same claimant"}
    originals = [_credited(m, (claimant[m.article_id],)) if m.article_id in claimant else m for m in originals]
    by_article: dict[str, list[EventMention]] = {}
    for m in originals:
        by_article.setdefault(m.article_id, []).append(m)
    derived: list[EventMention] = []
    reuse: dict[str, set[str]] = {}
    source_of: dict[Key, Key] = {}
    kinds: dict[str, str] = {}

    def add(made: EventMention, source: EventMention) -> None:
        derived.append(made)
        kinds[made.article_id] = kind
        source_of[_key(made)] = source_of.get(_key(source), _key(source))

    for n, article in enumerate(chosen):
        kind, new = kind_of[article], f"{article}-d{n}"
        for m in by_article[article]:
            outlet = m.outlet or ""
            if kind in ("verbatim", "shared", "copy of copy"):
                copy = _moved(m, new, f"Reprint Daily {n % 7}", 6)
                add(copy, m)
                if kind == "copy of copy":
                    add(_moved(copy, f"{new}-2", f"Reprint Weekly {n % 5}", 12), copy)
            elif kind == "edited":
                add(_edit(_moved(m, new, f"Rewrite Post {n % 7}", 8), rng), m)
            elif kind == "as reported by":
                add(_credited(_moved(m, new, f"Relay Radio {n % 7}", 10, f"Violence reported, {outlet} says"),
                              (outlet,)), m)
            else:
                add(_credited(_moved(m, new, f"Relay Radio {n % 7}", 10, "Observers report violence"),
                              (claimant[article],)), m)
        if kind in ("verbatim", "edited"):
            reuse[new] = {article}
        elif kind == "shared":
            reuse[new] = {article}
            reuse.setdefault(article, set()).add(new)
        elif kind == "copy of copy":
            reuse[new] = {article}
            reuse[f"{new}-2"] = {new}
    return Derived(originals, derived, reuse, source_of, kinds)


def _discrepancies(e: Event) -> Counter[str]:
    return Counter(d.kind for d in e.discrepancies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--share", type=float, default=0.3, help="share of original articles that get a copy")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    made = build([r.mention for r in load_reports()], args.share, args.seed)
    originals, derived, source_of = made.originals, made.mentions, made.source_of
    started = time.perf_counter()
    before = merge_mentions(originals, {})
    after = merge_mentions(originals + derived, made.reuse)
    seconds = time.perf_counter() - started
    event_after = {_key(m): e for e in after for m in e.mentions}
    original_keys = {_key(m) for m in originals}
    same_reports = same_sources = same_toll = same_discrepancies = 0
    baseline_same = 0
    with_copies = 0
    derived_of: dict[Key, list[Key]] = {}
    for copy, source in source_of.items():
        derived_of.setdefault(source, []).append(copy)
    for e in before:
        keys = {_key(m) for m in e.mentions}
        homes = {id(event_after[k]) for k in keys}
        home = event_after[next(iter(keys))]
        kept = len(homes) == 1 and {_key(m) for m in home.mentions} & original_keys == keys
        same_reports += kept
        same_sources += kept and home.n_independent_sources == e.n_independent_sources
        same_toll += kept and home.fatalities == e.fatalities
        same_discrepancies += kept and _discrepancies(home) == _discrepancies(e)
        copies = {copy[0] for k in keys for copy in derived_of.get(k, [])}
        with_copies += bool(copies)
        baseline_same += not copies  # counting reports as sources: any copy adds one
    placed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for copy, source in source_of.items():
        total[made.kind[copy[0]]] += 1
        placed[made.kind[copy[0]]] += event_after[copy] is event_after[source]
    n = len(before)
    print(f"MAVERICK reports: {len(originals)} original mentions in {len({m.article_id for m in originals})} "
          f"articles; {len(derived)} derived mentions in {len({m.article_id for m in derived})} derived articles "
          f"(share {args.share}, seed {args.seed}); {with_copies} of {n} events have a derived report")
    print()
    rows = [
        ("events", f"{n}", f"{len(after)}", f"{n + len(derived)} (every report an event)"),
        ("events keeping exactly their original reports", "", f"{same_reports} ({same_reports / n:.2%})", ""),
        ("... and the same number of independent sources", "", f"{same_sources} ({same_sources / n:.2%})",
         f"{baseline_same} ({baseline_same / n:.2%}) (copies counted as sources)"),
        ("... and the same toll", "", f"{same_toll} ({same_toll / n:.2%})", ""),
        ("... and the same discrepancies", "", f"{same_discrepancies} ({same_discrepancies / n:.2%})", ""),
        ("independent sources in all events", f"{sum(e.n_independent_sources for e in before)}",
         f"{sum(e.n_independent_sources for e in after)}",
         f"{sum(e.n_reports for e in after)} (reports counted as sources)"),
    ]
    header = ("", "originals only", "with derived reports", "baseline")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for k, r in enumerate([header, *rows]):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print("derived mentions in the event of the mention they were made from: " + ", ".join(
        f"{kind} {placed[kind]}/{total[kind]}" for kind in KINDS if total[kind]))
    print(f"seconds for both merges: {seconds:.1f} (one process, shared machine)")


if __name__ == "__main__":
    main()
