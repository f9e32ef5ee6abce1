"""Text reuse on the Derna pair, the demo corpus, and inputs that could break it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import ARTICLE, rows, trace_json, write
from newstrace.reuse.analysis import ArticleText
from newstrace.reuse.detect import detect_pair
from newstrace.reuse.fingerprint import WINDOW, WORD_NGRAM, fingerprint, winnow


def _by_name(data):
    return {a["path"].rsplit("/", 1)[-1][:3]: a for a in data["articles"]}


def _text(articles, article_id, span):
    article = next(a for a in articles if a["id"] == article_id)
    return article["text"][span[0]:span[1]]


def test_derna_verbatim_paragraph_with_exact_boundaries_and_direction(run, derna_dir):
    data = trace_json(run, str(derna_dir))
    arts = _by_name(data)
    rewrite, original = arts["000"], arts["002"]
    verbatim = [a for a in data["alignments"] if a["kind"] == "verbatim" and not a["quoted"]]
    assert len(verbatim) == 1
    [al] = verbatim
    assert (al["source"], al["target"]) == (original["id"], rewrite["id"])
    # true boundaries: the rewrite's paragraph inside its quotation marks, the original's first two sentences
    t_start = rewrite["text"].index("As Amaq reports, however")
    t_end = rewrite["text"].index("Sirte or elsewhere.") + len("Sirte or elsewhere.")
    s_start = original["text"].index("As Amaq reports, however")
    s_end = original["text"].index("Sirte or elsewhere.") + len("Sirte or elsewhere.")
    assert abs(al["target_span"][0] - t_start) <= 5 and abs(al["target_span"][1] - t_end) <= 5
    assert abs(al["source_span"][0] - s_start) <= 5 and abs(al["source_span"][1] - s_end) <= 5
    assert al["direction"] == "decided" and al["direction_confidence"] >= 0.8
    assert "Long War Journal" in al["direction_reason"]


def test_derna_paraphrases_found_in_the_rewrite(run, derna_dir):
    data = trace_json(run, str(derna_dir))
    arts = _by_name(data)
    paraphrased = [_text(data["articles"], a["target"], a["target_span"]) for a in data["alignments"]
                   if a["kind"] == "paraphrase"]
    for phrase in ("pushed ISIS out of the heart of Derna", "alliance linked to ISIS’ rival al-Qaeda",
                   "Amaq News Agency, a media arm of ISIS"):
        assert any(phrase in t for t in paraphrased), phrase
    for al in data["alignments"]:
        assert al["source"] == arts["002"]["id"] and al["target"] == arts["000"]["id"]
        for article_id, span in ((al["source"], al["source_span"]), (al["target"], al["target_span"])):
            passage = _text(data["articles"], article_id, span)
            assert "donation" not in passage and "COMMENTS" not in passage and "Tags" not in passage


def test_demo_corpus_reuse_and_independence(run, examples_dir):
    data = trace_json(run, str(examples_dir))
    outlet = {a["id"]: a["outlet"] or a["path"].rsplit("/", 1)[-1] for a in data["articles"]}
    pairs = {(outlet[a["source"]], outlet[a["target"]]): a for a in data["alignments"]}
    copied = [a for a in data["alignments"]
              if outlet[a["source"]] == "Coastal Press Agency" and outlet[a["target"]] == "Harbour Daily"]
    assert [a["kind"] for a in copied] == ["verbatim"]
    passage = _text(data["articles"], copied[0]["target"], copied[0]["target_span"])
    assert passage.startswith("Nine soldiers and five civilians") and passage.endswith("pursuing the attackers.”")
    assert "published first" in copied[0]["direction_reason"]
    # the same quotation in two outlets is flagged as such
    assert all(a["quoted"] for a in data["alignments"] if outlet[a["target"]] == "Capital Express")
    # credit decides the direction where there are no times
    assert pairs[("Northern Herald", "eastfield-gazette-bridge-rebuild.txt")]["direction_reason"].endswith(
        "credits Northern Herald")
    assert ("Coastal Press Agency", "The Marovia Monitor") in pairs
    independent = {"Riverside Observer", "Daily Ledger", "lakeland-post-oskel-camp.txt"}
    festival = next(a["id"] for a in data["articles"] if "festival" in a["title"])
    for al in data["alignments"]:
        assert not {outlet[al["source"]], outlet[al["target"]]} & independent
        assert festival not in (al["source"], al["target"])


def test_rerun_is_idempotent(run, examples_dir, db):
    first = trace_json(run, str(examples_dir))["alignments"]
    second = trace_json(run, str(examples_dir))["alignments"]
    assert first == second
    assert rows(db, "SELECT COUNT(*) FROM alignments") == [(len(first),)]


def test_new_article_is_found_against_the_store(run, tmp_path, examples_dir):
    run("add", str(examples_dir))
    copy = write(tmp_path / "late.txt", "Late copy\n\nA reader sent us this.\n\n" + (examples_dir / "text" /
                 "lakeland-post-oskel-camp.txt").read_text(encoding="utf-8").split("\n\n", 2)[2].split("Share")[0])
    data = trace_json(run, str(copy))
    [article] = [a for a in data["articles"] if a["in_inputs"]]
    sources = {a["source"] for a in data["alignments"] if a["target"] == article["id"]}
    context = [a for a in data["articles"] if not a["in_inputs"]]
    # the source comes along as context (with the other reports of the story the copy joined)
    assert len(sources) == 1 and sources <= {a["id"] for a in context}
    story = next(s for s in data["stories"] if article["id"] in [t["article"] for t in s["timeline"]])
    assert {a["id"] for a in context} == {t["article"] for t in story["timeline"]} - {article["id"]}


@pytest.mark.parametrize("text", ["", "Word", "Word.", "“" + "Quoted words only, " * 40 + "”"])
def test_degenerate_texts_do_not_break_alignment(text):
    assert detect_pair(text, text) == [] or all(kind in ("verbatim", "near_verbatim", "paraphrase")
                                                for _, _, kind in detect_pair(text, text))
    assert detect_pair(ARTICLE, text) == [] or text.startswith("“")


def test_entirely_quoted_article_copied_is_flagged_quoted():
    quote = "“" + " ".join(f"word{n} stays here" for n in range(30)) + ".”"
    found = detect_pair(quote, "Intro line of the copy.\n" + quote)
    assert found and all(kind == "verbatim" for _, _, kind in found)


def test_same_article_twice_is_one_article_without_self_alignment(run, tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE)
    data = trace_json(run, str(tmp_path))
    assert len(data["articles"]) == 1 and data["alignments"] == []


def test_compare_an_article_with_itself(run, tmp_path):
    run("add", str(write(tmp_path / "a.txt", ARTICLE)))
    article_id = json.loads(run("list", "--json").stdout)["articles"][0]["id"]
    result = run("compare", article_id, article_id)
    assert result.exit_code == 0 and "same article" in result.stdout


def test_huge_transcript_with_a_copied_paragraph(tmp_path):
    rng = np.random.default_rng(7)
    vocabulary = [f"w{n}" for n in range(5000)]
    words = rng.choice(vocabulary, size=360_000)
    transcript = "\n".join(" ".join(words[i:i + 60]) + "." for i in range(0, len(words), 60))
    assert len(transcript) > 2_000_000
    paragraph = transcript.split("\n")[2000]
    article = "A short piece quoting the hearing.\n" + paragraph + "\nThat was all."
    found = detect_pair(transcript, article)
    assert [kind for _, _, kind in found] == ["verbatim"]
    (target, source, _) = found[0]
    assert article[target[0]:target[1]] in paragraph and transcript[source[0]:source[1]] == article[target[0]:target[1]]


def test_other_scripts_are_stored_not_aligned(run, tmp_path):
    russian = ("Городской совет во вторник объявил, что новая стена гавани была завершена на два месяца раньше "
               "срока после того, как рабочие трудились всю зиму. ") * 3
    write(tmp_path / "ru1.txt", russian)
    write(tmp_path / "ru2.txt", "Вступление.\n" + russian)
    data = trace_json(run, str(tmp_path))
    assert {a["language"] for a in data["articles"]} == {"ru"}
    assert data["alignments"] == []
    assert detect_pair(russian, "Вступление.\n" + russian)  # the aligner itself handles the script


def test_winnowing_keeps_a_fingerprint_of_every_long_shared_run():
    rng = np.random.default_rng(3)
    words = [f"t{n}" for n in rng.integers(0, 10**6, size=400)]
    shared = " ".join(words[100:100 + WINDOW + WORD_NGRAM - 1])
    a = fingerprint(ArticleText("a", " ".join(words)))
    b = fingerprint(ArticleText("b", "other words here " + shared + " and more"))
    assert len(np.intersect1d(a, b)) >= 1
    hashes = np.array([5, 3, 9, 3, 7, 8, 1, 4], dtype=np.uint64)
    assert winnow(hashes, 4).tolist() == [1, 3]


def test_copies_of_one_text_in_many_outlets_are_all_paired(tmp_path, run, db):
    """Twenty-five lightly different copies of one wire story: every fingerprint is common (held by 25
    articles), yet the copies pair up, through the group of articles that holds them all."""
    rng = np.random.default_rng(11)
    body = " ".join(f"w{n}" for n in rng.integers(0, 50_000, size=400))
    lines = [json.dumps({"text": f"Dateline {k}. " + body + f" Ends {k}.", "outlet": f"Outlet {k}",
                         "url": f"https://o{k}.example/story", "language": "en"}) for k in range(25)]
    write(tmp_path / "wire.jsonl", "\n".join(lines) + "\n")
    run("add", str(tmp_path / "wire.jsonl"))
    from newstrace.reuse.candidates import joined_pairs
    from newstrace.reuse.pairs import fingerprint_new
    from newstrace.store import open_store

    store = open_store(db)
    fingerprint_new(store, index=False)
    pairs = joined_pairs(store, None, max_df=100, min_shared=3, rebuild=True)
    store.close()
    assert len(pairs) == 25 * 24 // 2


def test_embeddings_asked_for_but_missing_is_a_clear_error(run, derna_dir, monkeypatch, db):
    import newstrace.reuse.stage as stage

    monkeypatch.setattr(stage, "available", lambda configured="": False)
    monkeypatch.setenv("NEWSTRACE_REUSE_EMBEDDINGS", "true")
    result = run("trace", str(derna_dir))
    assert result.exit_code == 1
    assert "[U303] reuse_embeddings is on but the embedding model is not available" in result.stderr
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(2,)]  # what was ingested stays


def test_recent_keeps_the_most_recently_used_entries():
    from newstrace.recent import Recent

    cache: Recent[str, int] = Recent(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.take("a") == 1  # "a" is now the most recent, so "b" goes first
    cache.put("c", 3)
    assert list(cache) == ["a", "c"] and cache.take("b") is None
    cache.size = 3  # raised, as training does
    cache.put("d", 4)
    assert list(cache) == ["a", "c", "d"]


@pytest.mark.sqlite_only  # reads the SQLite file beside the store
def test_batch_join_counts_holders_as_the_inverted_index_does(tmp_path, run, db_path):
    """A batch run counts each fingerprint's holders from its sorted arrays instead of the inverted index
    (which it leaves unwritten); the counts, which decide what is a recurring formula, must be the same."""
    from newstrace.reuse.candidates import find_pairs, index_all
    from newstrace.reuse.pairs import RECUR_CAP, fingerprint_new, recurring_holders
    from newstrace.store import open_store

    shared = ARTICLE.split("\n\n")[1]
    for n in range(9):  # one paragraph in nine articles (past the cap of 8), another in two
        extra = "\n\nThe ferry to the island was cancelled again on Monday, the operator said." if n < 2 else ""
        write(tmp_path / f"in/{n:02d}.txt", f"Report {n}\n\nStory number {n} begins here with its own words "
                                            f"about item {n}.\n\n{shared}{extra}\n")
    run("add", "--no-analyse", str(tmp_path / "in"))
    store = open_store(str(db_path))
    fingerprint_new(store, index=False)
    found = find_pairs(store, None, max_df=100, min_shared=3, cap=RECUR_CAP)
    seqs = sorted({seq for pair in found.pairs for seq in pair})
    assert found.holders is not None and len(seqs) == 9
    joined = found.holders(seqs)
    assert rows(db_path, "SELECT COUNT(*) FROM reuse_postings") == [(0,)]  # the batch wrote no index
    index_all(store)
    assert {seq: recurring_holders(store, seq) for seq in seqs} == joined
    counts = {n for holders in joined.values() for n in holders.values()}
    assert {2, RECUR_CAP} <= counts and max(counts) == RECUR_CAP  # nine holders counted up to the cap
    store.close()


def test_reuse_without_analysis_stores_passages_and_leaves_pending_articles_pending(tmp_path, run):
    write(tmp_path / "in/a.txt", ARTICLE)
    write(tmp_path / "in/b.txt", "A rewrite of the harbour story\n\nOur own opening line about the city.\n\n" + ARTICLE)
    run("add", "--no-analyse", str(tmp_path / "in"))
    result = run("reuse", "--no-analyse", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["passages"] >= 1
    assert json.loads(run("jobs", "--json").stdout)["pending_articles"] == 2
    run("analyse")
    assert json.loads(run("jobs", "--json").stdout)["pending_articles"] == 0
