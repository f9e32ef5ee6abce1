"""Attribution quality on PolNeAR dev (brat standoff): exact and overlap precision, recall and F1 of source,
cue and content spans and of whole attributions, and speed (articles per second, spaCy parse included, with
the parse alone beside it as the baseline).

    python benchmarks/attribution_quality.py [--split dev] [--data ../shared/data/polnear] [--model MODEL]
                                             [--limit N] [--no-speed]

With --model, the trained path (a folder made by `newstrace train attribution`) is scored instead of the rules.
`--split train` scores the training articles, a check that the rules are not fitted to dev (`--limit N`: the
first N articles; `--no-speed` leaves out the timing, which parses every article twice more).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    from newstrace.analyse.attribution import in_quotation
    from newstrace.analyse.nlp import load_nlp
    from newstrace.analyse.stage import extractor
    from newstrace.config import Settings
    from newstrace.evaluate.attribution import ROLES, Report, score_document
    from newstrace.formats.brat import Gold, read_ann
    from newstrace.text.tokens import quote_spans

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "polnear"))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--model", default="", help="a trained attribution model to score instead of the rules")
    parser.add_argument("--limit", type=int, default=None, help="score the first N articles of the split")
    parser.add_argument("--no-speed", dest="speed", action="store_false", help="leave out the timing")
    args = parser.parse_args()
    folder = Path(args.data) / args.split
    if not folder.is_dir():
        print(f"no PolNeAR split at {folder}: pass --data")
        raise SystemExit(2)
    nlp = load_nlp()
    _, analyse = extractor(Settings(attribution_model=args.model))
    report = Report()
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((folder / "text").glob("*.txt"))[:args.limit]}
    parse_seconds = extract_seconds = 0.0
    predictions: dict[str, list[Gold]] = {}
    in_quotes = 0
    for name, text in texts.items():
        start = time.perf_counter()
        if args.speed:
            list(nlp.pipe(line for line in text.split("\n") if line.strip()))
        parse_seconds += time.perf_counter() - start
        start = time.perf_counter()
        atts = analyse(text)
        extract_seconds += time.perf_counter() - start
        # PolNeAR's scheme: no audience as a source ("told [the BBC]"), and no reports nested inside a quotation
        quotes = quote_spans(text)
        predictions[name] = [Gold(((a.source,) if a.source else None), (a.cue,), tuple(a.content) or None)
                             for a in atts if not a.extra.get("recipient") and not in_quotation(a.cue, quotes, text)]
        in_quotes += sum(1 for a in atts if in_quotation(a.cue, quotes, text))
    annotations = sorted((folder / "attributions").glob("*.ann"))
    for ann in annotations:
        name = ann.stem.rsplit("_", 1)[0]
        if name in predictions:
            score_document(report, predictions[name], read_ann(ann))
    what = f"trained model {args.model}" if args.model else "the shipped rules"
    print(f"PolNeAR {args.split}: {len(texts)} articles, {len(annotations)} annotation files; {what}")
    print(f"(left out as PolNeAR does: {in_quotes} reports nested inside a quotation)")
    print(f"{'role':12} {'exact P':>8} {'R':>6} {'F1':>6} | {'overlap P':>9} {'R':>6} {'F1':>6}")
    for role in (*ROLES, "attribution"):
        ep, er, ef = report.exact[role].prf()
        op, orr, of = report.overlap[role].prf()
        print(f"{role:12} {ep:8.3f} {er:6.3f} {ef:6.3f} | {op:9.3f} {orr:6.3f} {of:6.3f}")
    if not args.speed:
        return
    # the stage as it runs: texts parsed in forked processes, one per core
    from newstrace.analyse.stage import _analysed

    start = time.perf_counter()
    list(_analysed(analyse, list(texts.values()), 2))
    two = time.perf_counter() - start
    n = len(texts)
    print(f"\nspeed on {n} articles ({sum(len(t.split()) for t in texts.values()):,} words):")
    print(f"  {'spaCy parse alone, one process (baseline)':58} {n / parse_seconds:6.1f} articles/s")
    what = "trained model" if args.model else "rules, spaCy parse included"
    print(f"  {f'attribution ({what}), one process':58} {n / extract_seconds:6.1f} articles/s")
    print(f"  {f'attribution ({what}), 2 processes':58} {n / two:6.1f} articles/s")


if __name__ == "__main__":
    sys.exit(main())
