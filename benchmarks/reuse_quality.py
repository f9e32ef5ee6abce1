"""Reuse detection quality on a synthetic reuse corpus: PAN precision, recall, granularity and plagdet per class.

    python benchmarks/reuse_quality.py [--texts DIR] [--per-class 40] [--seed 1] [--out DIR]
                                       [--direction [--direction-baseline GIT-REF]]

Generates a corpus with `generate.reusecorpus` from a folder of real article texts (default
../shared/data/polnear/train/text beside the project), runs each detector over every document pair in
pairs.tsv, and scores the detections against the gold cases with `newstrace.evaluate.pan.score`, per class
(over that class's pairs) and over all pairs. For the negative class (no reuse) it reports the share of pairs
with any detection. Detectors, in the same run on the same pairs:

    newstrace   newstrace.reuse.detect.detect_pair(source_text, target_text)
    baseline    difflib.SequenceMatcher over the word lists of the two texts (see `baseline` below)

With --direction it also counts, per class and for credited variants, the passages whose direction is decided
right, wrongly or not at all (benchmarks/direction_cases.py), beside reuse/direction.py as it was at
--direction-baseline (a git commit) when given.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

from generate.reusecorpus import CLASSES, change_rate, generate, split_sentences
from newstrace.evaluate.pan import Scores, score
from newstrace.formats.pan import Case, read_folder

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"

Span = tuple[int, int]
Detection = tuple[Span, Span, str]
Detector = Callable[[str, str], list[Detection]]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
MIN_BLOCK = 8  # words in a matching block
MAX_GAP = 10  # blocks closer than this many words on both sides are merged


def _words(text: str) -> list[tuple[str, int, int]]:
    """(lower-cased word, start, end) for every word, read sentence by sentence, paragraph by paragraph."""
    out = []
    offset = 0
    for line in text.split("\n"):
        pos = offset
        for sentence in split_sentences(line):
            start = line.index(sentence, pos - offset) + offset
            out.extend((m.group().lower(), start + m.start(), start + m.end()) for m in _WORD.finditer(sentence))
            pos = start + len(sentence)
        offset += len(line) + 1
    return out


def baseline(source_text: str, target_text: str) -> list[Detection]:
    """Matching word blocks of 8+ words, merged across gaps of under 10 words on both sides.

    This stands in for the "datasketch MinHash LSH + difflib" baseline named in the issue, without the MinHash
    candidate step (datasketch is not installed, and every listed pair is compared anyway): both texts are split
    into sentences and words, difflib.SequenceMatcher(autojunk=False) finds the matching blocks between the two
    word lists, and each merged run of blocks becomes one detection (character spans on both sides)."""
    target, source = _words(target_text), _words(source_text)
    matcher = SequenceMatcher(None, [w for w, _, _ in target], [w for w, _, _ in source], autojunk=False)
    runs: list[list[int]] = []  # [target word start, end, source word start, end]
    for block in matcher.get_matching_blocks():
        if block.size < MIN_BLOCK:
            continue
        if runs and block.a - runs[-1][1] < MAX_GAP and block.b - runs[-1][3] < MAX_GAP:
            runs[-1][1], runs[-1][3] = block.a + block.size, block.b + block.size
        else:
            runs.append([block.a, block.a + block.size, block.b, block.b + block.size])
    return [((target[a0][1], target[a1 - 1][2]), (source[b0][1], source[b1 - 1][2]), "exact")
            for a0, a1, b0, b1 in runs]


def _newstrace() -> Detector | None:
    try:
        from newstrace.reuse.detect import detect_pair
    except ImportError as exc:
        print(f"newstrace detector not available yet ({exc}); running the baseline only\n")
        return None
    return detect_pair


def _run(detector: Detector, pairs: list[tuple[str, str, str]], docs: Path) -> tuple[list[Case], float, list[str]]:
    detections: list[Case] = []
    errors: list[str] = []
    elapsed = 0.0
    for target, source, _ in pairs:
        target_text = (docs / target).read_text(encoding="utf-8")
        source_text = (docs / source).read_text(encoding="utf-8")
        started = time.perf_counter()
        try:
            found = detector(source_text, target_text)
        except Exception as exc:  # a failing pair is reported, not fatal
            errors.append(f"{target} / {source}: {type(exc).__name__}: {exc}")
            found = []
        elapsed += time.perf_counter() - started
        detections.extend(Case(target, tuple(t), source, tuple(s), kind) for t, s, kind in found)
    return detections, elapsed, errors


def _cell(value: float | None, width: int = 6) -> str:
    return f"{value:>{width}.3f}" if value is not None else f"{'-':>{width}}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of .txt articles")
    parser.add_argument("--per-class", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="keep the generated corpus here (default: a temporary folder)")
    parser.add_argument("--direction", action="store_true", help="also measure the direction of each passage")
    parser.add_argument("--direction-baseline", metavar="GIT-REF",
                        help="with --direction: also run reuse/direction.py as it was at this commit")
    args = parser.parse_args(argv)
    if not args.texts.is_dir():
        print(f"texts folder not found: {args.texts}\n(the default is ../shared/data/polnear/train/text beside "
              "the project; pass --texts DIR)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="reuse-quality-") as tmp:
        out = args.out or Path(tmp)
        started = time.perf_counter()
        counts = generate(args.texts, out, seed=args.seed, per_class=args.per_class)
        print(f"corpus: {out} ({time.perf_counter() - started:.1f}s), pairs per class: "
              + ", ".join(f"{c} {n}" for c, n in counts.items()))
        report(out)
        if args.direction:
            from direction_cases import run as direction_run

            lines = (out / "pairs.tsv").read_text(encoding="utf-8").splitlines()[1:]
            pairs = [tuple(line.split("\t")) for line in lines]
            direction_run(out / "docs", pairs, read_folder(out / "gold"), args.direction_baseline)  # type: ignore
    return 0


def report(out: Path) -> None:
    lines = (out / "pairs.tsv").read_text(encoding="utf-8").splitlines()[1:]
    pairs = [tuple(line.split("\t")) for line in lines]
    class_of = {(t, s): c for t, s, c in pairs}
    gold = read_folder(out / "gold")
    cases_per_class = {c: sum(class_of[(g.target, g.source)] == c for g in gold) for c in CLASSES}
    print("gold cases per class: " + ", ".join(f"{c} {n}" for c, n in cases_per_class.items()))
    texts: dict[str, str] = {}

    def text(name: str) -> str:
        if name not in texts:
            texts[name] = (out / "docs" / name).read_text(encoding="utf-8")
        return texts[name]

    rates: dict[str, list[float]] = {c: [] for c in CLASSES}
    for g in gold:
        rates[class_of[(g.target, g.source)]].append(
            change_rate(text(g.source)[slice(*g.source_span)], text(g.target)[slice(*g.target_span)]))
    print("words changed, gold target vs source passage (mean): "
          + ", ".join(f"{c} {100 * sum(r) / len(r):.0f}%" for c, r in rates.items() if r) + "\n")

    detectors: dict[str, Detector] = {}
    newstrace_detector = _newstrace()
    if newstrace_detector is not None:
        detectors["newstrace"] = newstrace_detector
    detectors["baseline"] = baseline

    results: dict[str, dict[str, tuple[Scores, float]]] = {}
    timings: dict[str, float] = {}
    for name, detector in detectors.items():
        detections, elapsed, errors = _run(detector, pairs, out / "docs")  # type: ignore[arg-type]
        timings[name] = elapsed
        if errors:
            print(f"{name}: {len(errors)} pair(s) failed, first: {errors[0]}")
        results[name] = {}
        for cls in [*CLASSES, "all"]:
            chosen = {(t, s) for t, s, c in pairs if cls in ("all", c)}
            cases = [g for g in gold if (g.target, g.source) in chosen]
            found = [d for d in detections if (d.target, d.source) in chosen]
            detected_pairs = len({(d.target, d.source) for d in found})
            results[name][cls] = (score(cases, found), detected_pairs / len(chosen) if chosen else 0.0)

    columns = ["P", "R", "gran", "plagdet", "det%"]
    width = 6 * len(columns) + len(columns) - 1
    print(f"{'':<12}" + " | ".join(f"{name:^{width}}" for name in detectors))
    print(f"{'class':<12}" + " | ".join(" ".join(f"{c:>6}" for c in columns) for _ in detectors))
    for cls in [*CLASSES, "all"]:
        cells = []
        for name in detectors:
            scores, share = results[name][cls]
            if cls == "negative":  # no cases: only the share of pairs with any detection means anything
                values = [None, None, None, None]
            else:
                values = [scores.precision, scores.recall, scores.granularity, scores.plagdet]
            cells.append(" ".join(_cell(v) for v in values) + f" {100 * share:>5.1f}%")
        print(f"{cls:<12}" + " | ".join(cells))
    print("\ndet% = share of the class's pairs with at least one detection (for negative: false alarms).")
    print("time: " + ", ".join(f"{name} {timings[name]:.2f}s ({1000 * timings[name] / max(1, len(pairs)):.1f} ms/pair)"
                               for name in detectors))


if __name__ == "__main__":
    sys.exit(main())
