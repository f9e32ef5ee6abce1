"""Provenance and story speed at scale: labelling every sentence and working out originality for every stored
article, and streaming every article into stories, on stores of generated ~600-word articles.

    python benchmarks/provenance_speed.py [--sizes 20000,100000] [--texts FOLDER] [--out DIR]

Each size is generated as in `reuse_speed.py` (a word-bigram model of real news, 10% of the articles carrying
a copied passage), ingested, and run through `newstrace reuse`; then, in this process:

- baseline: reading every analysed article and all alignments from the store, nothing else;
- labelling and originality: `label_sentences` and `originality` for every article (alignments only: the
  attribution stage, a spaCy parse of every article, is not run here; it is measured in
  attribution_quality.py);
- stories: every article streamed through `StoryClusterer` in store order, against a plain tf-idf +
  average-link agglomerative clustering of the first --cluster-max articles at once (the batch baseline).

Targets (issue 5): labelling and originality for 100,000 articles in at most 5 minutes; stories assigned at
500 articles per second or more.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import run_sampled, table  # noqa: E402
from reuse_speed import corpus_options, generate, model_and_folder, write_jsonl  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def articles_and_alignments(db: Path) -> tuple[list, dict]:
    from newstrace.store import open_store

    with open_store(str(db)) as store:
        articles = [a for a in store.iter_articles() if a.analysed]
        alignments: dict[str, list] = {}
        for al in store.all_alignments():
            alignments.setdefault(al.source, []).append(al)
            if al.target != al.source:
                alignments.setdefault(al.target, []).append(al)
    return articles, alignments


def label_all(articles: list, alignments: dict) -> int:
    from newstrace.config import Settings
    from newstrace.provenance.origins import article_facts, label_sentences, originality

    settings = Settings()
    by_id = {a.id: a for a in articles}
    sentences = 0
    for article in articles:
        mine = alignments.get(article.id, [])
        facts = article_facts(article, mine, [])
        sentences += len(label_sentences(article, facts))
        originality(article, facts, mine, by_id, settings.derived_wholly, settings.derived_partially)
    return sentences


def stream_stories(articles: list) -> int:
    from newstrace.stories.cluster import StoryClusterer
    from newstrace.stories.stage import story_text
    from newstrace.text.dates import timestamp

    clusterer = StoryClusterer()
    for article in articles:
        clusterer.add(article.id, story_text(article), timestamp(article.published))
    return len(clusterer.stories())


def agglomerative(texts: list[str]) -> int:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-not-found]

    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).toarray()
    return int(fcluster(linkage(pdist(matrix, "cosine"), "average"), 0.95, "distance").max())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="20000,100000")
    parser.add_argument("--cluster-max", type=int, default=3000)
    corpus_options(parser)
    args = parser.parse_args()
    model, work = model_and_folder(args, "newstrace-provenance-")
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        db = work / f"store-{size}.db"
        if not db.exists():
            texts, _ = generate(model, size, args.words, seed=size)
            corpus = work / f"corpus-{size}.jsonl"
            write_jsonl(texts, corpus)
            env = {**os.environ, "NEWSTRACE_DB": str(db)}
            run_sampled([PYTHON, "-m", "newstrace", "add", str(corpus)], env)
            run_sampled([PYTHON, "-m", "newstrace", "reuse", "--json"], env)
        start = time.perf_counter()
        articles, alignments = articles_and_alignments(db)
        read = time.perf_counter() - start
        n = len(articles)
        rows.append((f"{n:,}", "baseline: read articles and alignments", f"{read:.1f}", f"{n / read:,.0f}", ""))
        start = time.perf_counter()
        sentences = label_all(articles, alignments)
        labelled = time.perf_counter() - start
        rows.append((f"{n:,}", "sentence labels and originality", f"{labelled:.1f}", f"{n / labelled:,.0f}",
                     f"{sentences:,} sentences; with reading {read + labelled:.0f} s"))
        start = time.perf_counter()
        stories = stream_stories(articles)
        streamed = time.perf_counter() - start
        rows.append((f"{n:,}", "stories, streaming (StoryClusterer)", f"{streamed:.1f}", f"{n / streamed:,.0f}",
                     f"{stories:,} stories"))
        subset = articles[: args.cluster_max]
        try:
            start = time.perf_counter()
            clusters = agglomerative([a.text for a in subset])
            batch = time.perf_counter() - start
            rows.append((f"{len(subset):,}", "baseline: tf-idf + agglomerative (batch)", f"{batch:.1f}",
                         f"{len(subset) / batch:,.0f}", f"{clusters:,} clusters; quadratic, so first "
                                                         f"{len(subset):,} only"))
        except ImportError:
            rows.append(("-", "baseline: scikit-learn not installed", "-", "-", ""))
        print(rows[-4:], file=sys.stderr)
    print(table(("articles", "run", "seconds", "articles/s", "note"), rows))


if __name__ == "__main__":
    main()
