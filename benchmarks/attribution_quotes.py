"""Quotes a fact-checker can rely on: quote precision, recall and F1 at 30% word overlap, and speaker
agreement, in the style of news quote-extraction studies (scorer: newstrace.evaluate.quotes).

Two gold sets:
- `polnear`: PolNeAR's attributions that report speech or a document, by the same categories newstrace gives
  its own (analyse/categories.py, read from the gold cue's lemma in the spaCy parse and the gold source's
  kind); belief, perception and stance (`believes`, `seems`, `wants to`) are left out on both sides. Speakers
  agree when the source spans overlap. `--split train` scores the training articles (`--limit N`: the first
  N), a second check that the rules are not fitted to dev.
- `hand`: the hand-checked set in tests/data/quotes (short articles written for the project, and the Derna pair
  when ../shared/examples/derna is there). Speakers agree when the canonical names do.

Predicted quotes are the rules' speech and document attributions, leaving out channel links (the outlet told,
which the speaker's attribution names as its addressee) and reports nested inside a quotation. The baseline,
in the same run: the same rules with every category kept, as before attributions said what they report.

    python benchmarks/attribution_quotes.py [--set polnear|hand|both] [--split dev] [--limit N]

benchmarks/attribution_errors.py lists the false and missed quotes.

Targets: PolNeAR dev F1 >= 0.85 with speaker agreement >= 0.90; hand set F1 >= 0.90.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newstrace.analyse.attribution import paragraphs  # noqa: E402
from newstrace.analyse.categories import QUOTES, category_of  # noqa: E402
from newstrace.analyse.speakers import kind_of  # noqa: E402
from newstrace.evaluate.quotes import Quote, QuoteScore, hand_quotes, load_hand, score  # noqa: E402
from newstrace.evaluate.quotes import quotes_of as predicted_quotes  # noqa: E402
from newstrace.formats.brat import Gold  # noqa: E402

DERNA = ROOT.parent / "shared" / "examples" / "derna"
HAND = ROOT / "tests" / "data" / "quotes"
TARGETS = {"polnear": (0.85, 0.90), "hand": (0.90, 0.0)}


def cue_facts(text: str, docs: list[Any], cue: tuple[tuple[int, int], ...]) -> tuple[str, bool]:
    """The lemma of a gold cue's head word in the parse, and whether the cue is negated."""
    tokens = [t for (offset, _), doc in zip(paragraphs(text), docs, strict=True) for t in doc
              if any(a <= t.idx + offset < b for a, b in cue)]
    if not tokens:
        return ":", False
    words = " ".join(t.lower_ for t in tokens)
    if "according to" in words:
        return "according to", False
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    # the verb of the cue ("noted Friday", "has repeatedly said"), else its noun ("the claim that")
    verbs = [t for t in tokens if t.pos_ == "VERB"]
    head = next((t for t in heads if t.pos_ == "VERB"), None) or (verbs[-1] if verbs else None) or next(
        (t for t in heads if t.pos_ == "NOUN"), None) or (heads or tokens)[-1]
    negated = any(t.dep_ == "neg" or t.lower_ in ("not", "n't", "never") for t in tokens) or any(
        c.dep_ == "neg" for c in head.children)
    return head.lemma_.lower(), negated


def gold_quotes(text: str, docs: list[Any], golds: list[Gold]) -> list[Quote]:
    """PolNeAR's speech and document attributions as quotes."""
    out = []
    for gold in golds:
        if not gold.cue or not gold.content:
            continue
        lemma, negated = cue_facts(text, docs, gold.cue)
        source = " ".join(text[a:b] for a, b in gold.source) if gold.source else ""
        category = category_of(lemma, source_kind=kind_of(source, text) if source else "", negated=negated)
        if category in QUOTES:
            out.append(Quote(tuple(gold.content), gold.source, None,
                             label=f"{' '.join(text[a:b] for a, b in gold.cue)} [{category}]"))
    return out


def polnear(folder: Path, limit: int | None) -> dict[str, QuoteScore]:
    from newstrace.analyse.nlp import load_nlp
    from newstrace.analyse.stage import analyse_text
    from newstrace.formats.brat import read_ann

    nlp = load_nlp()
    names = sorted(p.stem for p in (folder / "text").glob("*.txt"))[:limit]
    results = {"rules": QuoteScore(), "baseline": QuoteScore()}
    for name in names:
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        docs = list(nlp.pipe(line for _, line in paragraphs(text)))
        atts = analyse_text(text, nlp, docs)
        for ann in sorted((folder / "attributions").glob(f"{name}_*.ann")):
            gold = gold_quotes(text, docs, read_ann(ann))
            results["rules"].add(score(predicted_quotes(text, atts), gold))
            results["baseline"].add(score(predicted_quotes(text, atts, every=True), gold))
    return results


def hand() -> dict[str, QuoteScore]:
    from newstrace.analyse.nlp import load_nlp
    from newstrace.analyse.stage import analyse_text

    nlp = load_nlp()
    texts = {f"derna/{p.stem}": p.read_text(encoding="utf-8") for p in sorted(DERNA.glob("*.txt"))}
    results = {"rules": QuoteScore(), "baseline": QuoteScore()}
    for article in load_hand(HAND, texts):
        atts = analyse_text(article.text, nlp)
        gold = hand_quotes(article)
        results["rules"].add(score(predicted_quotes(article.text, atts), gold))
        results["baseline"].add(score(predicted_quotes(article.text, atts, every=True), gold))
    return results


def report(name: str, results: dict[str, QuoteScore]) -> None:
    target_f1, target_speaker = TARGETS["hand" if name.startswith("hand") else "polnear"]
    print(f"\n{name}: {results['rules'].gold} gold quotes")
    print(f"{'method':34} {'P':>6} {'R':>6} {'F1':>6} | {'speaker':>7}")
    for method, label in (("rules", "rules, speech and documents"), ("baseline", "baseline: rules, every category")):
        p, r, f = results[method].prf()
        print(f"{label:34} {p:6.3f} {r:6.3f} {f:6.3f} | {results[method].speaker_accuracy:7.3f}")
    _, _, f1 = results["rules"].prf()
    speaker = results["rules"].speaker_accuracy
    met = f1 >= target_f1 and speaker >= target_speaker
    print(f"target F1 >= {target_f1:.2f}" + (f", speaker >= {target_speaker:.2f}" if target_speaker else "")
          + f": {'met' if met else 'not met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=["polnear", "hand", "both"], default="both")
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "polnear"))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score the first N articles of the split")
    args = parser.parse_args()
    if args.set in ("hand", "both"):
        results = hand()
        report("hand set" + ("" if DERNA.is_dir() else " (without the Derna pair: ../shared is missing)"), results)
    if args.set in ("polnear", "both"):
        folder = Path(args.data) / args.split
        if not folder.is_dir():
            print(f"\nno PolNeAR split at {folder}: pass --data (skipped)")
            return
        report(f"PolNeAR {args.split}" + (f", first {args.limit} articles" if args.limit else ""),
               polnear(folder, args.limit))


if __name__ == "__main__":
    sys.exit(main())
