"""Discrepancy detection on pairs built from real news passages: precision and recall per kind, false alarms on
pairs whose meaning did not change, and how later, larger figures (updates) are classified.

    python benchmarks/discrepancies.py [--texts DIR] [--acled CSV] [--per-class 60] [--seed 1] [--show 0]

Pairs come from `generate.discrepancies` (one known change, a control, or an update per pair; see its
docstring), built from the texts in DIR (default ../shared/data/polnear/train/text beside the project) or, with
--acled, from the `notes` column of an ACLED export (short event summaries; published the day after the event).
Each pair is two articles holding just the passage and its retelling, and one alignment covering both whole:

    across(alignment, source, retelling)   kind "verbatim" for identical copies, "paraphrase" for rewordings,
                                           "near_verbatim" for everything else
    internal(retelling)                    the interval classes; and every unchanged source passage, where any
                                           finding is a false alarm

A pair counts as detected for a kind when any finding of that kind comes back (precision over all pairs that
checker saw, so a number_changed finding on an update pair is a false positive); "located" counts the detected
gold pairs whose finding spans overlap the edited stretch on both sides. number_updated is scored against the
update pairs. actor_swapped pairs also count for the false positives of the other kinds.

Baseline in the same run, on the same pairs: a pair is flagged when the sets of digit strings on the two sides
differ (numbers and dates only).

Exit status 2 when no texts are found.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from generate.discrepancies import (
    CLASSES,
    CONTROLS,
    INTERNAL,
    Document,
    Pair,
    generate,
    read_texts,
)
from newstrace.provenance.discrepancies import across, internal
from newstrace.provenance.facts import dates, numbers
from newstrace.records import Alignment, Article, Origin

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
ACROSS_KINDS = ("number_changed", "date_changed", "negation_flipped", "hedge_dropped", "actor_swapped")
TARGET_PRECISION, TARGET_RECALL, TARGET_FALSE_ALARMS = 0.90, 0.80, 0.05


def read_acled(path: Path, limit: int = 3000) -> list[Document]:
    """The notes of an ACLED CSV export, one document each, published at 10:00 the day after the event."""
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            note = re.sub(r"\s*\[[^\]]*\]\s*$", "", " ".join((row.get("notes") or "").split()))
            try:
                published = (date.fromisoformat(row["event_date"][:10]) + timedelta(days=1)).isoformat() + "T10:00:00"
            except (KeyError, ValueError):
                continue
            if note:
                out.append(Document(f"acled:{row.get('event_id_cnty', len(out))}", (note,), published))
            if len(out) >= limit:
                break
    return out


def article(id_: str, text: str, published: str) -> Article:
    return Article(id=id_, text=text, title=None, outlet=None, url=None, author=None, published=published,
                   language="en", analysed=True, skip_reason=None, format="text", origin=Origin(path=f"{id_}.txt"),
                   raw_hash="0" * 64)


def alignment_kind(pair: Pair) -> str:
    if pair.cls in ("identical", "identical_later"):
        return "verbatim"
    return "paraphrase" if pair.cls == "reworded" else "near_verbatim"


def run_pair(pair: Pair, kind: str | None = None) -> list[dict[str, Any]]:
    source = article("s" * 16, pair.source, pair.source_published)
    target = article("t" * 16, pair.target, pair.target_published)
    if pair.cls in INTERNAL:
        return internal(target)
    al = Alignment(source.id, target.id, (0, len(pair.source)), (0, len(pair.target)), kind or alignment_kind(pair),
                   1.0, False, True, 1.0, "benchmark")
    return across(al, source, target)


def _overlaps(a: list[int] | tuple[int, int], b: tuple[int, int] | None) -> bool:
    return b is not None and a[0] <= b[1] and b[0] <= a[1]


def located(pair: Pair, finding: dict[str, Any]) -> bool:
    spans = finding["spans"]
    if pair.cls in INTERNAL:
        return _overlaps(spans[0], pair.target_span)
    return _overlaps(spans[0], pair.source_span) and _overlaps(spans[1], pair.target_span)


def seen_by_facts(pair: Pair) -> bool:
    """Whether newstrace.provenance.facts finds a number (or a date) where the source was edited."""
    extract = numbers if pair.cls in ("number_changed", "update") else (lambda t: dates(t, pair.source_published))
    return any(_overlaps(f.span, pair.source_span) for f in extract(pair.source))


_DIGITS = re.compile(r"\d+")


def baseline(pair: Pair) -> bool:
    """Flag a pair whose sets of digit strings differ."""
    return set(_DIGITS.findall(pair.source)) != set(_DIGITS.findall(pair.target))


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def _at_most(n: int, most: int) -> str:
    return f"{most}+" if n >= most else str(n)


def _short(text: str, most: int = 300) -> str:
    return text if len(text) <= most else text[:most] + "…"


def scan_internal(documents: list[Document], show: int) -> None:
    """`internal` on every paragraph of every text as published: real articles (nearly) never give an interval that
    ends before it begins, so what it finds there is (nearly) all false alarms."""
    paragraphs = findings = 0
    examples: list[tuple[str, dict[str, Any]]] = []
    for doc in documents:
        for n, para in enumerate(doc.paragraphs):
            paragraphs += 1
            for f in internal(article(f"{n:016d}", para, doc.published)):
                findings += 1
                a, b = f["spans"][0]
                examples.append((f"{doc.name}: …{para[max(0, a - 60):b + 30]}…", f))
    print(f"\n`internal` on every paragraph of the texts as published: {findings} findings in {paragraphs:,} "
          "paragraphs (real text: read them as false alarms unless the text is wrong)")
    for where, f in examples[:show]:
        print(f"- {where}\n    -> {f['explanation']}")


def evaluate(pairs: list[Pair], label: str, show: int) -> dict[str, float]:
    start = time.perf_counter()
    found = {p.id: run_pair(p) for p in pairs}
    seconds = time.perf_counter() - start
    kinds = {p.id: {f["kind"] for f in found[p.id]} for p in pairs}
    counts = Counter(p.cls for p in pairs)
    print(f"\n== {label}: {len(pairs)} pairs ({', '.join(f'{c} {counts[c]}' for c in CLASSES)}); "
          f"detector {len(pairs) / seconds:,.0f} pairs/s")

    # per kind
    across_pairs = [p for p in pairs if p.cls not in INTERNAL]
    results: dict[str, float] = {}
    print(f"\n{'kind':18} {'gold':>5} {'detected':>8} {'TP':>4} {'FP':>4} {'FP upd':>6} {'located':>7} "
          f"{'precision':>9} {'P w/o upd':>9} {'recall':>7}")
    rows: list[tuple[str, list[Pair], str]] = [(k, across_pairs, k) for k in ACROSS_KINDS]
    rows.append(("number_updated", across_pairs, "update"))
    for kind, seen, gold_label in rows:
        gold = [p for p in seen if p.gold == gold_label]
        detected = [p for p in seen if kind in kinds[p.id]]
        tp = [p for p in detected if p.gold == gold_label]
        fp_updates = [p for p in detected if p.gold == "update" and gold_label != "update"]
        loc = [p for p in tp if any(f["kind"] == kind and located(p, f) for f in found[p.id])]
        fp = len(detected) - len(tp)
        print(f"{kind:18} {len(gold):5} {len(detected):8} {len(tp):4} {fp:4} {len(fp_updates):6} {len(loc):7} "
              f"{_ratio(len(tp), len(detected)):>9} {_ratio(len(tp), len(detected) - len(fp_updates)):>9} "
              f"{_ratio(len(tp), len(gold)):>7}")
        results[f"{kind}_p"] = len(tp) / len(detected) if detected else 0.0
        results[f"{kind}_r"] = len(tp) / len(gold) if gold else 0.0
    # intervals: the retellings of the interval classes, and every unchanged source passage
    passages = {p.source: p for p in pairs}
    internal_sources = {text: internal(article("s" * 16, text, p.source_published)) for text, p in passages.items()}
    gold_i = [p for p in pairs if p.cls == "interval_reversed"]
    det_i = [p for p in pairs if p.cls in INTERNAL and "interval_reversed" in kinds[p.id]]
    tp_i = [p for p in det_i if p.cls == "interval_reversed"]
    fa_sources = [t for t, f in internal_sources.items() if f]
    loc_i = [p for p in tp_i if any(located(p, f) for f in found[p.id])]
    detected_i = len(det_i) + len(fa_sources)
    print(f"{'interval_reversed':18} {len(gold_i):5} {detected_i:8} {len(tp_i):4} {detected_i - len(tp_i):4} "
          f"{'':6} {len(loc_i):7} {_ratio(len(tp_i), detected_i):>9} {'':9} {_ratio(len(tp_i), len(gold_i)):>7}")
    print(f"(interval_reversed: `internal` on the retellings of the interval classes and on the "
          f"{len(internal_sources)} unchanged source passages; FP upd: false positives on update pairs, which "
          "P w/o upd leaves out)")

    # numbers and dates together, against the baseline
    nd = ("number_changed", "date_changed")
    gold_nd = [p for p in across_pairs if p.gold in nd]
    ours = [p for p in across_pairs if kinds[p.id] & set(nd)]
    base = [p for p in across_pairs if baseline(p)]
    print("\nnumbers and dates together (a number_changed or date_changed finding on a number or date pair):")
    print(f"{'detector':18} {'gold':>5} {'detected':>8} {'TP':>4} {'precision':>9} {'recall':>7} {'false alarms':>13}")
    controls = [p for p in pairs if p.cls in CONTROLS and p.cls not in INTERNAL]
    for name, flagged in (("newstrace", ours), ("baseline (digits)", base)):
        tp = [p for p in flagged if p.gold in nd]
        fa = [p for p in flagged if p in controls]
        print(f"{name:18} {len(gold_nd):5} {len(flagged):8} {len(tp):4} {_ratio(len(tp), len(flagged)):>9} "
              f"{_ratio(len(tp), len(gold_nd)):>7} {len(fa):6}/{len(controls)}")
        if name == "newstrace":
            results["nd_p"] = len(tp) / len(flagged) if flagged else 0.0
            results["nd_r"] = len(tp) / len(gold_nd) if gold_nd else 0.0

    # false alarms on unchanged pairs
    print("\nfalse alarms on pairs whose meaning did not change (any finding):")
    all_fa = 0
    all_controls = 0
    for cls in CONTROLS:
        group = [p for p in pairs if p.cls == cls]
        fa = [p for p in group if kinds[p.id]]
        what = Counter(k for p in fa for k in kinds[p.id])
        print(f"  {cls:18} {len(fa):3}/{len(group):<3} {_ratio(len(fa), len(group))}   {dict(what) or ''}")
        all_fa += len(fa)
        all_controls += len(group)
    fa_rate = all_fa / all_controls if all_controls else 0.0
    print(f"  {'all controls':18} {all_fa:3}/{all_controls:<3} {fa_rate:.3f}")
    reworded = [p for p in pairs if p.cls == "reworded"]
    fa_near = [p for p in reworded if run_pair(p, "near_verbatim")]
    print(f"  reworded, aligned as near_verbatim instead of paraphrase: {len(fa_near)}/{len(reworded)}")
    print(f"  unchanged source passages with an internal finding: {len(fa_sources)}/{len(internal_sources)}")
    results["false_alarms"] = fa_rate

    # updates
    updates = [p for p in pairs if p.cls == "update"]
    print("\nupdates (published two days later, larger figure, words of an update), classified as:")
    by: dict[str, Counter[str]] = defaultdict(Counter)
    for p in updates:
        outcome = "+".join(sorted(kinds[p.id])) or "nothing"
        by["all"][outcome] += 1
        by[f"casualty={p.meta.get('casualty')}"][outcome] += 1
        by[f"template={p.meta.get('template')}"][outcome] += 1
    for key in sorted(by, key=lambda k: (k != "all", k)):
        print(f"  {key:22} {dict(by[key].most_common())}")
    base_updates = sum(baseline(p) for p in updates)
    print(f"  baseline flags {base_updates}/{len(updates)} updates as changes")

    # recall by subtype
    print("\nrecall by subtype:")
    subtypes = {"number_changed": lambda p: f"facts.numbers sees it={seen_by_facts(p)}",
                "date_changed": lambda p: f"{p.meta['date_kind']}/{p.meta['what']}",
                "date_changed ": lambda p: f"facts.dates sees it={seen_by_facts(p)}",
                "negation_flipped": lambda p: f"{p.meta['op']}, negations in source="
                                              f"{_at_most(p.meta['negations_in_source'], 2)}",
                "hedge_dropped": lambda p: f"{p.meta['hedge']}",
                "interval_reversed": lambda p: f"{p.meta['date_kind']}"}
    for cls, key in subtypes.items():
        groups: dict[str, list[bool]] = defaultdict(list)
        for p in pairs:
            if p.cls == cls.strip():
                groups[key(p)].append(cls.strip() in kinds[p.id])
        shown = ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(groups.items()))
        print(f"  {cls:18} {shown}")

    if show:
        print("\nexamples (misses, then false alarms):")
        for cls in CLASSES:
            group = [p for p in pairs if p.cls == cls]
            if cls in CONTROLS:
                bad = [p for p in group if kinds[p.id]]
            elif cls == "update":
                bad = [p for p in group if "number_updated" not in kinds[p.id]]
            else:
                bad = [p for p in group if cls not in kinds[p.id]]
            for p in bad[:show]:
                print(f"- {p.id} [{p.origin}] {p.change} {p.meta}")
                print(f"    S ({p.source_published}): {_short(p.source)}")
                print(f"    T ({p.target_published}): {_short(p.target)}")
                for f in found[p.id]:
                    print(f"    -> {f['kind']}: {f['explanation']}")
        if fa_sources:
            print("\ninternal findings on unchanged source passages:")
            for text in fa_sources[:show]:
                print(f"- {_short(text)}")
                for f in internal_sources[text]:
                    print(f"    -> {f['explanation']}")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of .txt article texts")
    parser.add_argument("--acled", type=Path, default=None, help="also an ACLED CSV export: pairs from its notes")
    parser.add_argument("--per-class", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=0, help="print up to N misses and false alarms per class")
    args = parser.parse_args()
    corpora: list[tuple[str, list[Document]]] = []
    docs = read_texts(args.texts) if args.texts.is_dir() else []
    if docs:
        corpora.append((f"{args.texts} ({len(docs)} texts)", docs))
    if args.acled is not None:
        notes = read_acled(args.acled) if args.acled.is_file() else []
        if not notes:
            print(f"no ACLED notes in {args.acled}", file=sys.stderr)
            return 2
        corpora.append((f"ACLED notes, {args.acled.name} ({len(notes)} notes)", notes))
    if not corpora:
        print(f"no .txt texts in {args.texts}: pass --texts DIR (a folder of article texts)", file=sys.stderr)
        return 2
    print(f"issue targets: precision >= {TARGET_PRECISION}, recall >= {TARGET_RECALL} on numbers and dates; "
          f"false alarms on at most {TARGET_FALSE_ALARMS:.0%} of unchanged pairs")
    for label, documents in corpora:
        pairs = generate(documents, seed=args.seed, per_class=args.per_class)
        r = evaluate(pairs, label, args.show)
        scan_internal(documents, max(args.show, 5))
        verdicts = []
        for kind in ("number_changed", "date_changed"):
            ok = r[f"{kind}_p"] >= TARGET_PRECISION and r[f"{kind}_r"] >= TARGET_RECALL
            verdicts.append(f"{kind} {'met' if ok else 'NOT met'} (P {r[f'{kind}_p']:.2f}, R {r[f'{kind}_r']:.2f})")
        ok = r["false_alarms"] <= TARGET_FALSE_ALARMS
        verdicts.append(f"false alarms {'met' if ok else 'NOT met'} ({r['false_alarms']:.1%})")
        print("\ntargets: " + "; ".join(verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
