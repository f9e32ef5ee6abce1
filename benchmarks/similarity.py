"""Article-pair similarity against human judgement: Pearson correlation with SemEval-2022 task 8 'Overall' scores.

    python benchmarks/similarity.py [--data ../shared/data/semeval22-task8/train_pairs.csv] [--sweep]

English pairs only (lang1 == lang2 == 'en'). 'Overall' runs from 1 (very similar) to 4 (very dissimilar), so
each method is correlated with 5 - Overall (higher = more similar). Methods, in the same run on the same pairs,
both with idf estimated from the texts of those English pairs:

    ours        newstrace.stories.cluster.similarity: tf-idf cosine over light-stemmed words plus entity
                features (names, multiword names, numbers) at the default entity weight
    baseline    plain tf-idf cosine: lowercased words minus the same stopwords, no stemming, no entities

The 95% interval is a bootstrap over pairs (1,000 resamples, fixed seed). --sweep prints ours at other entity
weights: the default (1.0) is the best of that sweep on these same pairs, so ours is tuned here, lightly.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "semeval22-task8" / "train_pairs.csv"
SWEEP = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)


def read_pairs(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with open(path, encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["lang1"] == r["lang2"] == "en" and r["Overall"]]


def plain_scores(pairs: list[dict[str, str]]) -> list[float]:
    """Baseline: plain tf-idf cosine (sublinear tf, smoothed idf over the pairs' texts)."""
    from newstrace.text.tokens import STOPWORDS

    docs = [[w for w in re.findall(r"\w+", t.lower()) if w not in STOPWORDS]
            for r in pairs for t in (r["text1"], r["text2"])]
    df = Counter(w for d in docs for w in set(d))
    n = len(docs)

    def vec(words: list[str]) -> dict[str, float]:
        v = {w: (1 + math.log(c)) * (1 + math.log((n + 1) / (df[w] + 1))) for w, c in Counter(words).items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {w: x / norm for w, x in v.items()}

    vecs = [vec(d) for d in docs]
    return [sum(w * vecs[2 * i + 1].get(t, 0.0) for t, w in vecs[2 * i].items()) for i in range(len(pairs))]


def pearson(x: list[float], y: np.ndarray) -> tuple[float, float, float]:
    """r and its 95% bootstrap interval."""
    xs = np.asarray(x, dtype=float)
    r = float(np.corrcoef(xs, y)[0, 1])
    rng = np.random.default_rng(1)
    boot = []
    for _ in range(1000):
        idx = rng.integers(0, len(y), len(y))
        boot.append(np.corrcoef(xs[idx], y[idx])[0, 1])
    lo, hi = np.nanpercentile(boot, [2.5, 97.5])
    return r, float(lo), float(hi)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--sweep", action="store_true", help="ours at other entity weights too")
    args = parser.parse_args()
    path = Path(args.data)
    if not path.is_file():
        print(f"no SemEval-2022 task 8 pairs at {path} (it lives in ../shared beside the project): pass --data")
        return 2
    from newstrace.stories.cluster import DEFAULT_ENTITY_WEIGHT, Idf, similarity

    pairs = read_pairs(path)
    target = np.array([5.0 - float(r["Overall"]) for r in pairs])
    words = sum(len(t.split()) for r in pairs for t in (r["text1"], r["text2"]))
    print(f"SemEval-2022 task 8 training pairs: {len(pairs)} English pairs used ({words / (2 * len(pairs)):.0f}"
          f" words per text); Pearson r with 5 - Overall")
    start = time.perf_counter()
    idf = Idf.from_texts(t for r in pairs for t in (r["text1"], r["text2"]))
    ours = [similarity(r["text1"], r["text2"], idf) for r in pairs]
    ours_s = time.perf_counter() - start
    start = time.perf_counter()
    plain = plain_scores(pairs)
    plain_s = time.perf_counter() - start
    print(f"\n{'method':52} {'r':>6} {'95% interval':>14} {'pairs/s':>8}")
    for name, got, seconds in ((f"ours (stems + entities x{DEFAULT_ENTITY_WEIGHT:g}, idf from the pairs)", ours,
                                ours_s), ("plain tf-idf cosine (baseline)", plain, plain_s)):
        r, lo, hi = pearson(got, target)
        print(f"{name:52} {r:6.3f} {f'{lo:.3f}-{hi:.3f}':>14} {len(pairs) / seconds:8,.0f}")
    if args.sweep:
        print("\nours by entity weight (same pairs):")
        for weight in SWEEP:
            r, _, _ = pearson([similarity(p["text1"], p["text2"], idf, weight) for p in pairs], target)
            print(f"  entity weight {weight:3g}: r {r:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
