"""Error analysis: the false and missed attributions of the rules, by kind, with examples.

- PolNeAR (`--split dev` by default, `--limit N` for the first N articles): false cues (no gold cue overlaps)
  by category and cue; missed gold cues by the head word of the gold cue; and, where the cue is right, wrong
  sources and contents by how they are wrong (none, too long, too short, elsewhere; a piece too many or too
  few).
- The hand set (tests/data/quotes, with the Derna pair where ../shared is there): false and missed quotes and
  wrong speakers by the case each gold attribution stands for, and every attribution whose category, role or
  addressee differs from the gold.

    python benchmarks/attribution_errors.py [--set polnear|hand|both] [--examples 3] [--split dev] [--limit N]

Read it before changing a rule: the commonest kinds are where a general rule pays.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from attribution_quotes import DERNA, HAND, cue_facts  # noqa: E402
from newstrace.analyse.attribution import Attribution, in_quotation, paragraphs  # noqa: E402
from newstrace.analyse.categories import QUOTES  # noqa: E402
from newstrace.evaluate.quotes import hand_quotes, load_hand, score  # noqa: E402
from newstrace.evaluate.quotes import quotes_of as predicted_quotes  # noqa: E402
from newstrace.formats.brat import Gold, overlaps  # noqa: E402
from newstrace.text.tokens import quote_spans  # noqa: E402


class Listing:
    """Counts by kind, with the first examples of each."""

    def __init__(self, examples: int) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = defaultdict(list)
        self.limit = examples

    def add(self, kind: str, example: str) -> None:
        self.counts[kind] += 1
        if len(self.examples[kind]) < self.limit:
            self.examples[kind].append(example)

    def show(self, title: str, top: int = 25) -> None:
        print(f"\n{title}: {sum(self.counts.values())}")
        for kind, n in self.counts.most_common(top):
            print(f"  {n:5d}  {kind}")
            for example in self.examples[kind]:
                print(f"           {example}")
        rest = len(self.counts) - top
        if rest > 0:
            print(f"  ... and {rest} kinds more ({sum(n for _, n in self.counts.most_common()[top:])} items)")


def _around(text: str, span: tuple[int, int], width: int = 70) -> str:
    a, b = span
    return repr(text[max(0, a - width):a] + "[" + text[a:b] + "]" + text[b:b + width]).replace("\\n", " ")


def _shape(predicted: list[tuple[int, int]], gold: tuple[tuple[int, int], ...]) -> str:
    p, g = sorted(predicted), sorted(gold)
    if not p:
        return "none"
    if set(g) < set(p):
        return "a piece too many"
    if set(p) < set(g):
        return "a piece too few"
    if not overlaps(p, g):
        return "elsewhere"
    if len(p) != len(g):
        return f"{len(p)} pieces for {len(g)}"
    starts = any(x[0] != y[0] for x, y in zip(p, g, strict=True))
    ends = [x[1] - y[1] for x, y in zip(p, g, strict=True) if x[1] != y[1]]
    end = ("ends late" if ends[0] > 0 else "ends early") if ends else ""
    return ", ".join(w for w in ("starts elsewhere" if starts else "", end) if w)


def polnear(folder: Path, limit: int | None, examples: int) -> None:
    from newstrace.analyse.nlp import load_nlp
    from newstrace.analyse.stage import analyse_text
    from newstrace.formats.brat import read_ann

    nlp = load_nlp()
    false, missed, sources, contents = (Listing(examples) for _ in range(4))
    names = sorted(p.stem for p in (folder / "text").glob("*.txt"))[:limit]
    for name in names:
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        docs = list(nlp.pipe(line for _, line in paragraphs(text)))
        atts = analyse_text(text, nlp, docs)
        quotes = quote_spans(text)
        mine = [a for a in atts if not a.extra.get("recipient") and not in_quotation(a.cue, quotes, text)]
        for ann in sorted((folder / "attributions").glob(f"{name}_*.ann")):
            golds = [g for g in read_ann(ann) if g.cue]
            _polnear_article(text, docs, mine, golds, false, missed, sources, contents)
    print(f"PolNeAR {folder.name}: {len(names)} articles")
    false.show("false cues (no gold cue overlaps), by category and cue")
    missed.show("missed gold cues, by the head word of the cue (and whether the rules list it)")
    sources.show("wrong sources where the cue is right")
    contents.show("wrong contents where the cue is right")


def _polnear_article(text: str, docs: list[Any], mine: list[Attribution], golds: list[Gold], false: Listing,
                     missed: Listing, sources: Listing, contents: Listing) -> None:
    from newstrace.analyse.cues import CUE_LEMMAS, FRAME_CUES

    for att in mine:
        if not any(gold.cue and overlaps([att.cue], gold.cue) for gold in golds):
            false.add(f"{att.category}: {text[slice(*att.cue)].lower()}", _around(text, att.cue))
    for gold in golds:
        assert gold.cue is not None
        found = [a for a in mine if overlaps([a.cue], gold.cue)]
        if not found:
            lemma, _ = cue_facts(text, docs, gold.cue)
            listed = "listed" if lemma in CUE_LEMMAS or lemma in FRAME_CUES else "not listed"
            missed.add(f"{lemma} ({listed})", _around(text, gold.cue[0]))
            continue
        att = found[0]
        cue = text[slice(*att.cue)].lower()
        if gold.source and (att.source,) != tuple(sorted(gold.source)):
            shape = _shape([att.source] if att.source else [], gold.source)
            sources.add(shape, f"{cue}: {text[slice(*att.source)] if att.source else None!r} for "
                               f"{' '.join(text[a:b] for a, b in gold.source)!r}")
        if gold.content and sorted(att.content) != sorted(gold.content):
            contents.add(_shape(att.content, gold.content),
                         f"{cue}: {' | '.join(text[a:b] for a, b in att.content)[:110]!r} for "
                         f"{' | '.join(text[a:b] for a, b in gold.content)[:110]!r}")


def hand(examples: int) -> None:
    from newstrace.analyse.nlp import load_nlp
    from newstrace.analyse.stage import analyse_text

    nlp = load_nlp()
    texts = {f"derna/{p.stem}": p.read_text(encoding="utf-8") for p in sorted(DERNA.glob("*.txt"))}
    articles = load_hand(HAND, texts)
    quotes, labels = Listing(examples), Listing(examples)
    for article in articles:
        text = article.text
        atts = analyse_text(text, nlp)
        result = score(predicted_quotes(text, atts), hand_quotes(article))
        for q in result.false:
            quotes.add(f"false quote: {q.label}", f"{article.name}: {_around(text, q.content[0], 40)}")
        for q in result.missed:
            quotes.add(f"missed ({q.label.split(':')[0]})", f"{article.name}: {_around(text, q.content[0], 40)}")
        for p, g in result.wrong_speaker:
            quotes.add(f"wrong speaker ({g.label.split(':')[0]})", f"{article.name}: {p.speaker!r} for {g.speaker!r}")
        for g in article.attributions:
            att = next((a for a in atts if overlaps([a.cue], [g.cue]) and not a.extra.get("recipient")), None)
            if att is None:
                if g.category not in QUOTES:
                    labels.add(f"missed {g.category} ({g.case or 'plain'})", f"{article.name}: {_around(text, g.cue)}")
                continue
            if att.category != g.category:
                labels.add(f"category {att.category} for {g.category}", f"{article.name}: {_around(text, g.cue)}")
            for what, mine, wanted in (("role", att.role, g.role), ("addressee", att.addressee, g.addressee)):
                if mine != wanted:
                    kind = "missed" if mine is None else ("false" if wanted is None else "boundary")
                    labels.add(f"{what} {kind}", f"{article.name}: {text[slice(*mine)] if mine else None!r} for "
                                                 f"{text[slice(*wanted)] if wanted else None!r}")
    print(f"\nhand set: {len(articles)} articles")
    quotes.show("quote errors, by the case of the gold attribution")
    labels.show("category, role and addressee errors")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=["polnear", "hand", "both"], default="both")
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "polnear"))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--examples", type=int, default=3, help="examples shown per kind")
    args = parser.parse_args()
    if args.set in ("polnear", "both"):
        folder = Path(args.data) / args.split
        if folder.is_dir():
            polnear(folder, args.limit, args.examples)
        else:
            print(f"no PolNeAR split at {folder}: pass --data (skipped)")
    if args.set in ("hand", "both"):
        hand(args.examples)


if __name__ == "__main__":
    sys.exit(main())
