"""Event reports merged into events, on MAVERICK (../shared/data/maverick: 3,287 real reports of 2,200 events of
electoral violence in Côte d'Ivoire and Kenya, with the gold event of each report).

Each report becomes an `EventMention` from its own coded fields (`maverick_data.py` says how); the mentions are
merged by `newstrace.events.merge.merge_mentions` with no reuse information (MAVERICK has none). Printed for the
development half, the held-out half (a fixed split by gold event id hash; the settings in `events/merge.py` were
chosen on the development half only) and the whole set:

- B-cubed precision, recall and F1 against the gold events (`newstrace.evaluate.clusters`), and event-count
  inflation (events found / gold events), for the merge and two baselines measured in the same run: every
  report its own event (what machine-coded sets do), and reports of the same day and the same place name as one
  event;
- the death toll by ACLED's rule (`events.sources.fatalities`: the most conservative of the latest independent
  figures): per report, whether the event it was merged into has the toll that the same rule gives over the
  report's gold event; against the report's own figure (every report its own event) in the same run; and how
  often the reports of one gold event disagree on the toll;
- seconds per merge (one process; the machine is shared, so timings vary by 20 to 30%).

    .venv/bin/python benchmarks/events_merge.py            # about a minute
    .venv/bin/python benchmarks/events_merge.py --grid     # B-cubed F1 on the development half by JOIN
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from maverick_data import Report, load_reports, split  # noqa: E402
from newstrace.evaluate.clusters import bcubed_groups  # noqa: E402
from newstrace.events import merge  # noqa: E402
from newstrace.events.merge import merge_mentions  # noqa: E402
from newstrace.events.records import EventMention  # noqa: E402
from newstrace.events.sources import ReuseGraph, fatalities, plain, source_groups  # noqa: E402

Key = tuple[str, int, int]


def _key(m: EventMention) -> Key:
    return m.article_id, m.span[0], m.span[1]


def _gold(reports: Sequence[Report]) -> dict[str, list[Report]]:
    out: dict[str, list[Report]] = {}
    for r in reports:
        out.setdefault(r.gold, []).append(r)
    return out


def _toll(mentions: Sequence[EventMention]) -> int:
    figure = fatalities(mentions, source_groups(mentions, ReuseGraph({})))
    return figure.count if figure else 0


def _same_day_place(reports: Sequence[Report]) -> list[list[Key]]:
    groups: dict[tuple[str, str, str], list[Key]] = {}
    for r in reports:
        m = r.mention
        day = m.date.start if m.date is not None and m.date.start else ""
        place = plain(m.place.name) if m.place is not None else ""
        country = plain(m.place.country or "") if m.place is not None else ""
        groups.setdefault((country, day, place), []).append(_key(m))
    return list(groups.values())


def score(name: str, reports: Sequence[Report]) -> list[tuple[str, ...]]:
    """The table rows for one part of the set."""
    gold = _gold(reports)
    gold_groups = [[_key(r.mention) for r in rs] for rs in gold.values()]
    gold_toll = {g: _toll([r.mention for r in rs]) for g, rs in gold.items()}
    started = time.perf_counter()
    events = merge_mentions([r.mention for r in reports], {})
    seconds = time.perf_counter() - started
    found = [[_key(m) for m in e.mentions] for e in events]
    toll_of = {_key(m): e.fatalities for e in events for m in e.mentions}
    rows = []

    def row(method: str, groups: list[list[Key]], toll: dict[Key, int] | None, took: str) -> None:
        b = bcubed_groups(groups, gold_groups)
        agree = "" if toll is None else (
            f"{sum(toll[_key(r.mention)] == gold_toll[r.gold] for r in reports) / len(reports):.3f}")
        rows.append((name, method, f"{len(reports)}", f"{len(gold)}", f"{len(groups)}",
                     f"{len(groups) / len(gold):.3f}", f"{b.precision:.3f}", f"{b.recall:.3f}", f"{b.f1:.3f}",
                     agree, took))

    row("every report an event", [[_key(r.mention)] for r in reports],
        {_key(r.mention): r.mention.fatality_count for r in reports}, "")
    day_place = _same_day_place(reports)
    mention = {_key(r.mention): r.mention for r in reports}
    day_place_toll = {k: toll for g in day_place for toll in [_toll([mention[k] for k in g])] for k in g}
    row("same day and place", day_place, day_place_toll, "")
    row("newstrace merge", found, toll_of, f"{seconds:.1f}")
    return rows


def disagreement(reports: Sequence[Report]) -> tuple[int, int, int]:
    """Gold events with more than one report, those whose reports give different tolls, and those whose reports
    give different start dates."""
    multi = [rs for rs in _gold(reports).values() if len(rs) > 1]
    tolls = sum(len({r.mention.fatality_count for r in rs}) > 1 for rs in multi)
    dates = sum(len({r.mention.date.start if r.mention.date else None for r in rs}) > 1 for rs in multi)
    return len(multi), tolls, dates


def discrepancy_counts(reports: Sequence[Report]) -> Counter[str]:
    return Counter(d.kind for e in merge_mentions([r.mention for r in reports], {}) for d in e.discrepancies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--grid", action="store_true", help="B-cubed F1 on the development half for several JOIN")
    args = parser.parse_args()
    reports = load_reports()
    dev, held = split(reports)
    if args.grid:
        chosen = merge.JOIN
        for join in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75):
            merge.JOIN = join
            rows = score("dev", dev)
            print(f"JOIN {join:.2f}: {rows[-1][5]} inflation, B-cubed P {rows[-1][6]} R {rows[-1][7]} F1 {rows[-1][8]}")
        merge.JOIN = chosen
        return
    header = ("part", "method", "reports", "gold events", "events", "inflation", "B3 P", "B3 R", "B3 F1",
              "toll agrees", "seconds")
    table = [header]
    for name, part in (("dev", dev), ("held-out", held), ("all", reports)):
        table += score(name, part)
    widths = [max(len(r[n]) for r in table) for n in range(len(header))]
    for n, r in enumerate(table):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print("toll agrees: share of reports whose event has the toll that ACLED's rule gives over the report's gold event")
    for name, part in (("dev", dev), ("held-out", held), ("all", reports)):
        multi, tolls, dates = disagreement(part)
        print(f"{name}: {multi} gold events with several reports; their reports disagree on the toll in {tolls} "
              f"({tolls / multi:.0%}) and on the start date in {dates} ({dates / multi:.0%})")
    found = discrepancy_counts(reports)
    print("discrepancies between independent reports in the merged events (all): "
          + ", ".join(f"{kind} {n}" for kind, n in sorted(found.items())))


if __name__ == "__main__":
    main()
