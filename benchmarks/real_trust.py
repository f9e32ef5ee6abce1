"""Trust on real news: every reuse finding on real articles, scored against an editor's judgments.

    python benchmarks/real_trust.py [--polnear N] [--workers 2] [--list] [--judge VERDICTS] [--shared DIR]

Real articles are fed as a user would feed them (needs `../shared` beside the project; skips otherwise):

    polnear   ../shared/data/polnear/{train,dev}/text/*.txt, plain-text files (2016 political news, several
              outlets, some sharing wire copy); `--polnear N` keeps the first N file names in sorted order
    semeval   the English pairs of ../shared/data/semeval22-task8/train_pairs.csv, one JSONL record per
              article ({"text": ...} only: the data has no outlet, title or date); keys are SemEval article ids
    derna     ../shared/examples/derna/*.txt

They go into one fresh store with `newstrace add` and `newstrace reuse` (all pairs, across corpora too). Each
alignment is a finding. `benchmarks/judgments/real_trust.jsonl` holds an editor's verdict on every finding
judged so far (real shared text or false, and why), keyed by the two articles' stable keys and short hashes
of the passage's word trigrams, never by article text. A finding matches a judgment of the same pair when
most of the judgment's trigram hashes fall in the finding's passage (so offsets may move between versions).

Figures: findings that claim reuse (kinds verbatim, near_verbatim, paraphrase with evidence not weak) and
those labelled apart (kind `template`, or weak evidence shown as "similar wording"); judged false among the
claims; false claims on same-story SemEval pairs (Overall <= 2, different outlets unless judged otherwise);
furniture among the claims; recall of the passages judged real (found as claims); and findings not yet judged.
Baseline in the same run: the same alignments counted without the template kind and evidence labels, that
is, every alignment taken as a claim (what the tool showed before it had them).

`--list` prints every finding with its text (for judging; never commit that output); `--judge FILE` adds the
verdicts in FILE (lines `FINDING-ID<TAB>real|false<TAB>why`) to the judgments file.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
JUDGMENTS = ROOT / "benchmarks" / "judgments" / "real_trust.jsonl"
REAL = "real"
FALSE = "false"
_WORD = re.compile(r"[^\W_]+")


def gram_hashes(text: str) -> set[str]:
    """Short hashes of the passage's lower-cased word trigrams (one in three kept): enough to recognise the
    passage again, not enough to hold its text."""
    words = [w.lower() for w in _WORD.findall(text)]
    grams = [" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))]
    out = set()
    for g in grams:
        h = hashlib.sha1(g.encode()).hexdigest()[:6]
        if int(h, 16) % 3 == 0:
            out.add(h)
    return out


def short_hash(text: str) -> str:
    return hashlib.sha1(" ".join(_WORD.findall(text.lower())).encode()).hexdigest()[:10]


# -- inputs ----------------------------------------------------------------------------------------------


def semeval_pairs() -> tuple[dict[str, str], dict[tuple[str, str], float]]:
    """English SemEval articles by id, and the listed pairs with their Overall score (1 = same story)."""
    csv.field_size_limit(1 << 30)
    texts: dict[str, str] = {}
    pairs: dict[tuple[str, str], float] = {}
    with open(SHARED / "data" / "semeval22-task8" / "train_pairs.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["lang1"] != "en" or row["lang2"] != "en":
                continue
            a, b = row["pair_id"].split("_")
            texts.setdefault(a, row["text1"])
            texts.setdefault(b, row["text2"])
            pairs[tuple(sorted((f"semeval:{a}", f"semeval:{b}")))] = float(row["Overall"])  # type: ignore[index]
    return texts, pairs


def build_inputs(folder: Path, polnear: int | None) -> tuple[list[Path], dict[tuple[str, str], str], dict]:
    """The input paths for `newstrace add`, a map from (file name, record) to article key, and the SemEval
    pairs."""
    keys: dict[tuple[str, str], str] = {}
    paths: list[Path] = []
    pol = folder / "polnear"
    pol.mkdir()
    names = sorted((split, p.name) for split in ("train", "dev")
                   for p in (SHARED / "data" / "polnear" / split / "text").glob("*.txt"))
    for split, name in names[:polnear]:
        src = SHARED / "data" / "polnear" / split / "text" / name
        dst = pol / f"{split}__{name}"
        dst.write_bytes(src.read_bytes())
        keys[(dst.name, "")] = f"polnear:{split}/{name}"
    paths.append(pol)
    texts, pairs = semeval_pairs()
    jsonl = folder / "semeval_en.jsonl"
    with open(jsonl, "w", encoding="utf-8") as f:
        for n, ident in enumerate(sorted(texts), 1):
            f.write(json.dumps({"text": texts[ident]}, ensure_ascii=False) + "\n")
            keys[(jsonl.name, f"line {n}")] = f"semeval:{ident}"
    paths.append(jsonl)
    derna = folder / "derna"
    derna.mkdir()
    for src in sorted((SHARED / "examples" / "derna").glob("*.txt")):
        (derna / src.name).write_bytes(src.read_bytes())
        keys[(src.name, "")] = f"derna:{src.name}"
    paths.append(derna)
    return paths, keys, pairs


def newstrace(*args: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-m", "newstrace", *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"newstrace {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


# -- findings --------------------------------------------------------------------------------------------


@dataclass
class Side:
    key: str
    span: tuple[int, int]
    text: str


@dataclass
class Finding:
    a: Side  # the side with the lower key
    b: Side
    kind: str
    evidence: str  # strong, moderate, weak; "" when the tool gives none
    reason: str
    direction: str

    @property
    def pair(self) -> tuple[str, str]:
        return self.a.key, self.b.key

    @property
    def ident(self) -> str:
        return hashlib.sha1(f"{self.a.key}|{self.b.key}|{short_hash(self.a.text)}|{short_hash(self.b.text)}"
                            .encode()).hexdigest()[:10]

    @property
    def claim(self) -> bool:
        """A finding that tells the reader one text reuses the other (not a template, not weak wording)."""
        return self.kind != "template" and self.evidence != "weak"


def findings(db: str, keys: dict[tuple[str, str], str]) -> list[Finding]:
    sys.path.insert(0, str(ROOT / "src"))
    from newstrace.store import open_store

    store = open_store(db)
    out: list[Finding] = []
    key_of: dict[str, str] = {}
    texts: dict[str, str] = {}

    def key(article_id: str) -> str:
        if article_id not in key_of:
            sources = store.sources_of(article_id)
            found = sorted(keys.get((Path(s.path).name, s.record or ""), f"?:{s.path}:{s.record}") for s in sources)
            key_of[article_id] = found[0] if found else f"?:{article_id}"
            article = store.get_article(article_id)
            texts[article_id] = article.text if article else ""
        return key_of[article_id]

    for al in store.all_alignments():
        public = al.public()
        s = Side(key(al.source), al.source_span, texts[al.source][slice(*al.source_span)])
        t = Side(key(al.target), al.target_span, texts[al.target][slice(*al.target_span)])
        a, b = (s, t) if s.key <= t.key else (t, s)
        evidence = public.get("evidence") or {}
        out.append(Finding(a, b, al.kind, evidence.get("strength", "") if isinstance(evidence, dict) else "",
                           evidence.get("reason", "") if isinstance(evidence, dict) else "",
                           public["direction"]))
    store.close()
    return sorted(out, key=lambda f: (f.pair, f.a.span))


def load_judgments() -> list[dict]:
    if not JUDGMENTS.exists():
        return []
    return [json.loads(line) for line in JUDGMENTS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _overlap(grams: set[str], judged: list[str]) -> float:
    return len(grams & set(judged)) / max(1, len(judged))


def match(f: Finding, judgments_of_pair: list[dict]) -> dict | None:
    """The judgment whose passage this finding holds best (on either side), if it holds most of it."""
    ga, gb = gram_hashes(f.a.text), gram_hashes(f.b.text)
    best, score = None, 0.0
    for j in judgments_of_pair:
        if short_hash(f.a.text) == j["a_hash"] and short_hash(f.b.text) == j["b_hash"]:
            return j
        s = max(_overlap(ga, j["a_grams"]), _overlap(gb, j["b_grams"]))
        if s > score:
            best, score = j, s
    return best if score >= 0.5 else None


def covered(j: dict, found: list[Finding]) -> bool:
    """A judged passage is found again when one claim of the pair holds most of it."""
    return any(f.claim and max(_overlap(gram_hashes(f.a.text), j["a_grams"]),
                               _overlap(gram_hashes(f.b.text), j["b_grams"])) >= 0.5 for f in found)


# -- scoring ---------------------------------------------------------------------------------------------


def score(found: list[Finding], judgments: list[dict], pairs: dict[tuple[str, str], float],
          as_claims: bool) -> dict[str, object]:
    by_pair: dict[tuple[str, str], list[dict]] = {}
    for j in judgments:
        by_pair.setdefault((j["a"], j["b"]), []).append(j)
    claims = [f for f in found if f.claim or as_claims]
    apart = [f for f in found if not (f.claim or as_claims)]
    verdicts = {id(f): match(f, by_pair.get(f.pair, [])) for f in found}
    false = [f for f in claims if (v := verdicts[id(f)]) and v["verdict"] == FALSE]
    same_story = [f for f in false if pairs.get(f.pair, 9.0) <= 2.0
                  and (verdicts[id(f)] or {}).get("outlets", "different") != "same"]
    furniture = [f for f in false if (verdicts[id(f)] or {}).get("why", "").startswith("furniture")]
    unjudged = [f for f in found if verdicts[id(f)] is None]
    real = [j for j in judgments if j["verdict"] == REAL]
    by_found_pair: dict[tuple[str, str], list[Finding]] = {}
    for f in (claims if not as_claims else found):
        by_found_pair.setdefault(f.pair, []).append(f)
    recalled = [j for j in real if covered(j, by_found_pair.get((j["a"], j["b"]), []))]
    apart_real = [f for f in apart if (v := verdicts[id(f)]) and v["verdict"] == REAL]
    judged_claims = sum(1 for f in claims if verdicts[id(f)])
    return {
        "findings": len(found), "claims": len(claims), "labelled apart": len(apart),
        "judged false": len(false), "false share": len(false) / judged_claims if judged_claims else 0.0,
        "false, same-story pair": len(same_story), "furniture": len(furniture),
        "recall of real": len(recalled) / len(real) if real else 0.0, "real labelled apart": len(apart_real),
        "unjudged": len(unjudged), "_unjudged": unjudged, "_verdicts": verdicts, "_false": false,
        "_missed": [j for j in real if j not in recalled],
    }


def print_table(rows: list[tuple[str, dict[str, object]]]) -> None:
    cols = ["findings", "claims", "labelled apart", "judged false", "false share", "false, same-story pair",
            "furniture", "recall of real", "real labelled apart", "unjudged"]
    print(f"{'':<34}" + "".join(f"{c:>14}" if len(c) < 14 else f"{c:>24}" for c in cols))
    for name, r in rows:
        cells = []
        for c in cols:
            v = r[c]
            text = f"{v:.3f}" if isinstance(v, float) else str(v)
            cells.append(f"{text:>14}" if len(c) < 14 else f"{text:>24}")
        print(f"{name:<34}" + "".join(cells))


def show(f: Finding, note: str = "") -> None:
    print(f"\n== {f.ident}  {f.a.key} {list(f.a.span)}  <->  {f.b.key} {list(f.b.span)}  "
          f"{f.kind} {f.evidence or '-'} ({f.reason}) {f.direction} {note}")
    print(f"  A: {f.a.text[:700]!r}")
    print(f"  B: {f.b.text[:700]!r}")


def judge(path: Path, found: list[Finding]) -> int:
    by_id = {f.ident: f for f in found}
    JUDGMENTS.parent.mkdir(parents=True, exist_ok=True)
    added = 0
    with open(JUDGMENTS, "a", encoding="utf-8") as out:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            ident, verdict, why, *rest = line.split("\t")
            f = by_id.get(ident)
            if f is None:
                print(f"no finding {ident} in this run; skipped", file=sys.stderr)
                continue
            assert verdict in (REAL, FALSE), line
            entry = {"corpus": f.a.key.split(":")[0] if f.a.key.split(":")[0] == f.b.key.split(":")[0] else "cross",
                     "a": f.a.key, "b": f.b.key, "a_span": list(f.a.span), "b_span": list(f.b.span),
                     "a_hash": short_hash(f.a.text), "b_hash": short_hash(f.b.text),
                     "a_grams": sorted(gram_hashes(f.a.text)), "b_grams": sorted(gram_hashes(f.b.text)),
                     "kind_seen": f.kind, "verdict": verdict, "why": why}
            if rest and rest[0]:
                entry["outlets"] = rest[0]
            out.write(json.dumps(entry) + "\n")
            added += 1
    return added


def main() -> int:
    global SHARED
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=int, help="first N PolNeAR files (sorted names); default all 924")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--list", action="store_true", help="print every finding with its text (not committed)")
    parser.add_argument("--unjudged", action="store_true", help="print the findings not yet judged, with text")
    parser.add_argument("--judge", type=Path, help="add verdicts (FINDING-ID, real|false, why) to the judgments")
    parser.add_argument("--db", help="keep the store here (default: a temporary folder)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder (default ../shared)")
    args = parser.parse_args()
    SHARED = args.shared
    if not (SHARED / "data" / "polnear").is_dir() or not (SHARED / "data" / "semeval22-task8").is_dir():
        print(f"skipped: {SHARED} has no data/polnear and data/semeval22-task8 (the real articles are not here)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths, keys, pairs = build_inputs(folder, args.polnear)
        db = args.db or str(folder / "trust.db")
        if args.db and Path(db).exists():
            Path(db).unlink()
        started = time.perf_counter()
        newstrace("add", *map(str, paths), "--db", db, "--workers", str(args.workers))
        ingested = time.perf_counter() - started
        newstrace("reuse", "--db", db, "--workers", str(args.workers))
        reused = time.perf_counter() - started - ingested
        found = findings(db, keys)
    print(f"articles: polnear {sum(k.startswith('polnear') for k in keys.values())}, semeval "
          f"{sum(k.startswith('semeval') for k in keys.values())}, derna 2; add {ingested:.0f} s, reuse {reused:.0f} s")
    if args.judge:
        print(f"added {judge(args.judge, found)} verdicts to {JUDGMENTS.relative_to(ROOT)}")
    judgments = load_judgments()
    now = score(found, judgments, pairs, as_claims=False)
    flat = score(found, judgments, pairs, as_claims=True)
    print(f"judgments: {len(judgments)} ({sum(j['verdict'] == REAL for j in judgments)} real)\n")
    print_table([("every alignment a claim (baseline)", flat), ("claims as labelled (newstrace)", now)])
    kinds: dict[str, int] = {}
    for f in found:
        kinds[f"{f.kind}/{f.evidence or '-'}"] = kinds.get(f"{f.kind}/{f.evidence or '-'}", 0) + 1
    print("\nkind/evidence: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    verdicts = now["_verdicts"]
    assert isinstance(verdicts, dict)
    if args.list:
        for f in found:
            v = verdicts[id(f)]
            show(f, f"[{v['verdict']}: {v['why']}]" if v else "[unjudged]")
    else:
        for f in now["_false"]:  # type: ignore[attr-defined]
            print(f"false claim: {f.ident} {f.a.key} <-> {f.b.key} {f.kind} ({verdicts[id(f)]['why']})")
        for j in now["_missed"]:  # type: ignore[attr-defined]
            print(f"real passage not found as a claim: {j['a']} {j['a_span']} <-> {j['b']} {j['b_span']} ({j['why']})")
        for f in now["_unjudged"]:  # type: ignore[attr-defined]
            if args.unjudged:
                show(f, "[unjudged]")
            else:
                print(f"unjudged: {f.ident} {f.a.key} {list(f.a.span)} <-> {f.b.key} {list(f.b.span)} {f.kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
