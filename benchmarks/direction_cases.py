"""Direction of copying on the generated reuse corpus: how often each direction rule decides right, wrongly
or not at all, for every class of `benchmarks/generate/reusecorpus.py`, and for credited variants made here.

The generated classes carry no publication times, outlets or credits: nothing tells the order, so a
confident direction there is a guess (target: none wrong). The credited variants give the source an outlet
(in metadata, or only in a self-description at its end, as "Mara Holt is a reporter for The Lantern.") and
frame the copied passage in the target as a credited quote ('"...," notes the Lantern.') or an 'X reported:'
introduction (target: decided right). Used by reuse_quality.py --direction.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from newstrace.formats.pan import Case
from newstrace.records import Article, Origin

ROOT = Path(__file__).resolve().parent.parent
OUTLETS = ("The Lantern", "Harbour Weekly", "The Evening Courier", "Riverbend Chronicle", "The Signal")
VARIANTS = ("quote+metadata", "quote+self-description", "reported+metadata", "reported+self-description")


def direction_module(ref: str | None) -> ModuleType:
    """reuse/direction.py as it is now, or as it was at a git commit (a baseline run beside the current)."""
    if ref is None:
        import newstrace.reuse.direction as current

        return current
    source = subprocess.run(["git", "show", f"{ref}:src/newstrace/reuse/direction.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    name = f"newstrace.reuse._direction_{ref}"
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "newstrace.reuse"
    sys.modules[name] = module
    exec(compile(source, f"{ref}:direction.py", "exec"), module.__dict__)
    return module


def _article(name: str, text: str, outlet: str | None, fill: Callable[[Article], Article] | None) -> Article:
    article = Article(name, text, None, outlet, None, None, None, "en", True, None, "text", Origin(name), name)
    return fill(article) if fill else article


def variants(docs: dict[str, str], gold: list[Case], class_of: dict[tuple[str, str], str]
             ) -> list[tuple[str, str, str, str, str | None]]:
    """(class, source text, target text, source outlet in metadata) for each credited variant of each
    single-passage verbatim or reordered case: the source names its outlet, the target credits it."""
    out = []
    n = 0
    for case in gold:
        if class_of[(case.target, case.source)] not in ("verbatim", "reordered"):
            continue
        outlet = OUTLETS[n % len(OUTLETS)]
        variant = VARIANTS[n % len(VARIANTS)]
        n += 1
        source, target = docs[case.source], docs[case.target]
        start, end = case.target_span
        passage = target[start:end].strip().rstrip(".")
        credit = outlet if not outlet.startswith("The ") else "the " + outlet[4:]
        if variant.startswith("quote"):
            framed = f"“{passage},” notes {credit}."
        else:
            framed = f"{credit[0].upper() + credit[1:]} reported: “{passage}.”"
        target = target[:start] + framed + target[end:]
        if variant.endswith("self-description"):
            source, meta = source.rstrip() + f"\n\nMara Holt is a reporter for {outlet}.", None
        else:
            meta = outlet
        out.append((variant, source, target, case.source, meta))
    return out


def measure(docs: dict[str, str], pairs: list[tuple[str, str, str]], gold: list[Case],
            direction: ModuleType, fill: Callable[[Article], Article] | None) -> dict[str, Counter[str]]:
    """Passages per class decided right, wrong, or left undecided (a = target, b = source, as stored)."""
    from newstrace.reuse.align import align
    from newstrace.reuse.analysis import ArticleText

    class_of = {(t, s): c for t, s, c in pairs}
    results: dict[str, Counter[str]] = {}

    def judge(cls: str, source_text: str, target_text: str, source_outlet: str | None) -> None:
        source = _article("source", source_text, source_outlet, fill)
        target = _article("target", target_text, None, fill)
        ta, tb = ArticleText("target", target_text), ArticleText("source", source_text)
        tally = results.setdefault(cls, Counter())
        for passage in align(ta, tb):
            d = direction.decide(target, source, ta, tb, passage)
            tally["undecided" if not d.source else "right" if d.source == "b" else "wrong"] += 1

    for target, source, cls in pairs:
        if cls != "negative":
            judge(cls, docs[source], docs[target], None)
    for cls, source_text, target_text, _, outlet in variants(docs, gold, class_of):
        judge(cls, source_text, target_text, outlet)
    return results


def table(runs: dict[str, dict[str, Counter[str]]]) -> list[str]:
    classes = list(dict.fromkeys(c for r in runs.values() for c in r))
    head = f"{'class':<28}" + " | ".join(f"{name:^29}" for name in runs)
    lines = [head, f"{'':<28}" + " | ".join(f"{'passages':>8} {'right':>6} {'wrong':>6} {'undec':>6}" for _ in runs)]
    for cls in classes:
        cells = []
        for r in runs.values():
            t = r.get(cls, Counter())
            cells.append(f"{sum(t.values()):>8} {t['right']:>6} {t['wrong']:>6} {t['undecided']:>6}")
        lines.append(f"{cls:<28}" + " | ".join(cells))
    return lines


def fill_outlet(article: Article) -> Article:
    """The outlet as ingest fills it when metadata gives none (the current tool only)."""
    try:
        from newstrace.text.outlets import outlet_from_text
    except ImportError:
        return article
    if article.outlet is None and (found := outlet_from_text(article.text)) is not None:
        article.outlet = found.name
    return article


def run(docs_dir: Path, pairs: list[tuple[str, str, str]], gold: list[Case], baseline: str | None) -> None:
    docs = {p.name: p.read_text(encoding="utf-8") for p in docs_dir.glob("*.txt")}
    runs: dict[str, Any] = {}
    if baseline:
        runs[f"baseline {baseline[:10]}"] = measure(docs, pairs, gold, direction_module(baseline), None)
    runs["newstrace"] = measure(docs, pairs, gold, direction_module(None), fill_outlet)
    print("\ndirection of each aligned passage (right / wrong / undecided), no times in any document:")
    print("\n".join(table(runs)))
