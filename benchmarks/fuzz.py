"""Long fuzzing runs: N generated inputs per reader (and for cleaning and dates), counting crashes, hangs over
5 s and rejections by code, against a baseline of the same target fed unstructured random bytes.

    .venv/bin/python benchmarks/fuzz.py --inputs 100000            # every target (hours)
    .venv/bin/python benchmarks/fuzz.py --inputs 2000 --targets html,warc --save /tmp/crashes

A crash is any exception out of a target or a broken invariant (fuzz/targets.py): an article without text, a
span outside its text, a rejection without a stable code, a second ingest of the same input that stores
anything. A hang is an input that takes over `--hang` seconds of CPU time (it is interrupted there; CPU time,
not wall time, so that a shared, busy machine does not make hangs of slow inputs). Each crashing or
hanging input is saved under `--save` when given, to become a regression test in tests/test_fuzz.py.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fuzz.inputs import RANDOM_BYTES, STRATEGIES  # noqa: E402
from fuzz.targets import make_targets, scratch  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

READERS = ("text", "html", "jsonl", "feed", "warc", "gzip")
ALL = (*READERS, "sniffed", "cleaning", "dates")


class Hang(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


@dataclass
class Tally:
    inputs: int = 0
    documents: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    crashes: Counter[str] = field(default_factory=Counter)
    hangs: int = 0
    slowest: float = 0.0
    seconds: float = 0.0
    examples: dict[str, str] = field(default_factory=dict)


def run(name: str, strategy: Any, target: Any, n: int, hang: float, save: Path | None, label: str) -> Tally:
    tally = Tally()

    @settings(max_examples=n, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(value: Any) -> None:
        tally.inputs += 1
        start = time.process_time()
        signal.setitimer(signal.ITIMER_VIRTUAL, hang)
        try:
            outcome = target(value)
            tally.documents += outcome.documents
            tally.rejected.update(outcome.rejected)
        except Hang:
            tally.hangs += 1
            _keep(save, f"{label}-hang-{tally.hangs}", value)
        except Exception as exc:  # noqa: BLE001 - every failure is counted
            key = f"{type(exc).__name__}: {str(exc).splitlines()[0][:100] if str(exc) else ''}"
            if key not in tally.crashes:
                tally.examples[key] = "".join(traceback.format_exception(exc, limit=-4))
                _keep(save, f"{label}-crash-{len(tally.crashes) + 1}", value)
                print(f"{label}: new crash {key}\n{tally.examples[key]}", file=sys.stderr, flush=True)
            tally.crashes[key] += 1
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            elapsed = time.process_time() - start
            tally.slowest = max(tally.slowest, elapsed)
            tally.seconds += elapsed
            if elapsed > hang and tally.hangs == 0:  # ran past the limit in C code the alarm could not stop
                tally.hangs += 1

    one()
    return tally


def _keep(save: Path | None, name: str, value: Any) -> None:
    if save is None:
        return
    save.mkdir(parents=True, exist_ok=True)
    (save / f"{name}.repr").write_text(repr(value), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=1000, help="generated inputs per target")
    parser.add_argument("--baseline-inputs", type=int, default=None,
                        help="random-byte inputs per reader for the baseline (default: a tenth of --inputs)")
    parser.add_argument("--targets", default=",".join(ALL), help=f"comma-separated, from {', '.join(ALL)}")
    parser.add_argument("--hang", type=float, default=5.0, help="seconds after which an input counts as a hang")
    parser.add_argument("--save", type=Path, help="folder for crashing and hanging inputs")
    args = parser.parse_args()
    signal.signal(signal.SIGVTALRM, _alarm)
    targets = make_targets(scratch())
    names = [t for t in args.targets.split(",") if t]
    baseline_n = args.baseline_inputs if args.baseline_inputs is not None else max(1, args.inputs // 10)
    rows: list[tuple[str, str, Tally]] = []
    for name in names:
        strategy = STRATEGIES[name if name in STRATEGIES else "text"]
        rows.append((name, "generated", run(name, strategy, targets[name], args.inputs, args.hang, args.save, name)))
        _print_row(*rows[-1])
        if name in READERS and baseline_n:
            random_input = st.tuples(st.sampled_from(["text", "jsonl", "feed"]), RANDOM_BYTES) if name == "gzip" \
                else RANDOM_BYTES
            rows.append((name, "random bytes", run(name, random_input, targets[name], baseline_n, args.hang,
                                                   args.save, f"{name}-random")))
            _print_row(*rows[-1])
    print()
    print(f"{'target':<9} {'inputs':<13} {'n':>7} {'docs':>7} {'rejected':>8} {'crashes':>7} {'hangs':>5} "
          f"{'slowest s':>9} {'inputs/s':>8}  rejection codes (seconds: CPU time)")
    for name, kind, t in rows:
        codes = ", ".join(f"{code} {n}" for code, n in sorted(t.rejected.items()))
        print(f"{name:<9} {kind:<13} {t.inputs:>7,} {t.documents:>7,} {sum(t.rejected.values()):>8,} "
              f"{sum(t.crashes.values()):>7,} {t.hangs:>5} {t.slowest:>9.2f} {t.inputs / max(t.seconds, 1e-9):>8.1f}"
              f"  {codes}")
    for name, kind, t in rows:
        for key, count in t.crashes.items():
            print(f"\n{name} ({kind}): {count} x {key}\n{t.examples[key]}")
    print("\nEvery rejection carried a stable code: a rejection without one counts as a crash (fuzz/targets.py).")


def _print_row(name: str, kind: str, t: Tally) -> None:
    print(f"{name} ({kind}): {t.inputs:,} inputs, {t.documents:,} documents, {sum(t.rejected.values()):,} "
          f"rejections, {sum(t.crashes.values())} crashes, {t.hangs} hangs, slowest {t.slowest:.2f} s",
          file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
