"""Attribution chains on a hand-made set of news passages with two and three levels of nested attribution
(tests/data/nesting.jsonl): chain accuracy (the gold attribution is found and hangs from the right parent),
attribution recall and passage accuracy (every attribution of the passage right), by nesting depth, for the
rules and for a baseline in the same run (the same attributions with no chains: every parent None).

    python benchmarks/attribution_chains.py [--data tests/data/nesting.jsonl] [--verbose]

--verbose prints every gold attribution that is wrong (missed, or under the wrong parent) with what was found.
Target: chain accuracy >= 0.85 over the whole set.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.85


def main() -> None:
    from newstrace.analyse.nlp import load_nlp
    from newstrace.analyse.stage import analyse_text
    from newstrace.evaluate.chains import ChainScore, load, score, without_parents

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(ROOT / "tests" / "data" / "nesting.jsonl"))
    parser.add_argument("--verbose", action="store_true", help="print every wrong gold attribution")
    args = parser.parse_args()
    passages = load(args.data)
    nlp = load_nlp()
    start = time.perf_counter()
    predictions = {p.id: analyse_text(p.text, nlp) for p in passages}
    seconds = time.perf_counter() - start
    rules = score(passages, predictions)
    baseline = score(passages, {k: without_parents(v) for k, v in predictions.items()})

    def groups(result: ChainScore) -> list[tuple[str, ChainScore]]:
        return [("2 levels", result.where(lambda r: r.depth == 2)),
                ("3+ levels", result.where(lambda r: r.depth >= 3)), ("all", result)]

    print(f"nesting set: {len(passages)} passages, {rules.gold} gold attributions "
          f"({seconds:.1f} s for the extraction, spaCy parse included)")
    print(f"{'depth':10} {'method':9} {'passages':>8} {'gold':>5} | {'chain acc':>9} {'recall':>7} "
          f"{'passage acc':>11}")
    for (name, ours), (_, flat) in zip(groups(rules), groups(baseline), strict=True):
        for method, result in (("rules", ours), ("baseline", flat)):
            print(f"{name:10} {method:9} {len(result.passages):8d} {result.gold:5d} | "
                  f"{result.chain_accuracy:9.3f} {result.recall:7.3f} {result.passage_accuracy:11.3f}")
    verdict = "met" if rules.chain_accuracy >= TARGET else "not met"
    print(f"\ntarget chain accuracy >= {TARGET:.2f}: {verdict} ({rules.chain_accuracy:.3f})")
    if args.verbose:
        by_id = {p.id: p for p in passages}
        for result in rules.passages:
            if result.all_right:
                continue
            passage = by_id[result.id]
            print(f"\n{result.id} (depth {result.depth}): {passage.text!r}")
            for error in result.errors:
                print(f"  {error.gold}: {error.reason}")
            atts = predictions[result.id]
            for n, att in enumerate(atts):
                source = passage.text[slice(*att.source)] if att.source else None
                recipient = " [recipient]" if att.extra.get("recipient") else ""
                print(f"    found {n}: {source!r} ({passage.text[slice(*att.cue)]}) parent={att.parent}{recipient}")


if __name__ == "__main__":
    sys.exit(main())
