"""The synthetic reuse corpus: every class is made, gold spans point at the right text, output is deterministic.

The input articles are invented here (random sentences over a shared vocabulary, so that all articles are on
"the same topic" without sharing runs of words, plus templated sentences that exercise the sentence splitter,
quotations and clause moves)."""

from __future__ import annotations

import random
import re
from collections import defaultdict
from pathlib import Path

import pytest

from generate.reusecorpus import (
    CLASSES,
    SYNONYMS,
    change_rate,
    generate,
    normalise_text,
    split_sentences,
    words,
)
from newstrace.formats.pan import read_folder

FIRST = ["Anna", "Tomas", "Lena", "Per", "Mira", "Jonas", "Ada", "Karim", "Sofia", "Elias", "Nora", "Viktor"]
LAST = ["Berg", "Reyes", "Ortiz", "Lund", "Kovac", "Hale", "Stone", "Haddad", "Marin", "Falk", "Quist", "Ivanov"]
PLACES = ["Alder", "Brookfield", "Cedarport", "Dunmore", "Eastwick", "Fairhaven", "Glenrock", "Harwich", "Ironbridge",
          "Juniper", "Kestrel", "Lakemont"]
VOCAB = """council budget vote officials bridge river harbour school hospital funds minister election campaign plan
tax road police protest farmers drought prices border army report residents storm airport mayor party leader talks
deal company workers jobs families income rally crowd speech lawmakers investigation court ruling water power grid
housing rents transit railway station ferry factory port market trade union strike wages pension clinic nurses
teachers students exam library museum festival park stadium league season coach players fans ticket contract
license permit zoning district county province region coast island valley forest fire flood rescue volunteers
shelter donors charity poll survey candidates debate ballot turnout district seats coalition opposition""".split()
EXTRA = [k for k in SYNONYMS if " " not in k][:60]


def _sentence(rng: random.Random) -> str:
    chosen = [rng.choice(VOCAB + EXTRA) for _ in range(rng.randint(10, 18))]
    return " ".join(chosen).capitalize() + "."


def _article(n: int) -> str:
    rng = random.Random(1000 + n)
    first, last, place = FIRST[n], LAST[n], PLACES[n]

    def w() -> str:
        return rng.choice(VOCAB)

    templated = [
        f"Mr. {last} said the {w()} in {place} would {w()} the {w()} because {w()} {w()} {w()} {w()}.",
        f"“We want to help the {w()} {w()} and the {w()},” {first} {last} told reporters in {place}.",
        f"After the {w()} {w()} {w()} in {place}, {last} said people were {w()} worried about the {w()}.",
        f"The U.S. {w()} {w()} announced on Monday that {last} would buy a big {w()} {w()} near {place}.",
        f"{first} {last}, who leads the {w()} {w()} in {place}, said the {w()} {w()} was very important.",
        f"According to {last}, the {w()} {w()} in {place} will reportedly cost about {n + 30} {w()} dollars.",
    ]
    paragraphs = [f"{place} {w()} {w()} {w()}".title()]
    while sum(len(p.split()) for p in paragraphs) < 230:
        sentences = [_sentence(rng) for _ in range(rng.randint(1, 3))]
        if templated:
            sentences.insert(rng.randrange(len(sentences) + 1), templated.pop(0))
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("texts")
    for n in range(12):
        (folder / f"article{n:02d}.txt").write_text(_article(n), encoding="utf-8")
    (folder / "short.txt").write_text("Too short to use. " * 10, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(texts: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("corpus")
    counts = generate(texts, out, seed=3, per_class=3)
    return out, counts


def _pairs(out: Path) -> list[tuple[str, str, str]]:
    lines = (out / "pairs.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "target\tsource\tclass"
    return [tuple(line.split("\t")) for line in lines[1:]]  # type: ignore[misc]


def _doc(out: Path, name: str) -> str:
    return (out / "docs" / name).read_text(encoding="utf-8")


def _cases_by_class(out: Path) -> dict[str, list]:
    cls = {(t, s): c for t, s, c in _pairs(out)}
    grouped = defaultdict(list)
    for case in read_folder(out / "gold"):
        grouped[cls[(case.target, case.source)]].append(case)
    return grouped


def _runs(text: str, n: int = 6) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def test_sentence_splitter_keeps_abbreviations_and_text():
    para = ('Mr. Berg met Sen. Ortiz in the U.S. Senate on Jan. 5. He left early! "Why?" she asked. '
            "“It is over.” Then it rained.")
    sentences = split_sentences(para)
    assert sentences == ["Mr. Berg met Sen. Ortiz in the U.S. Senate on Jan. 5.", "He left early!",
                         '"Why?" she asked.', "“It is over.”", "Then it rained."]
    assert " ".join(sentences) == para


def test_every_class_is_produced(corpus):
    out, counts = corpus
    assert set(counts) == set(CLASSES)
    pairs = _pairs(out)
    produced = defaultdict(int)
    for _, _, cls in pairs:
        produced[cls] += 1
    assert dict(produced) == counts
    assert all(counts[cls] == 3 for cls in CLASSES if cls != "interleaved")
    assert counts["interleaved"] == 4  # two targets, two pairs each
    grouped = _cases_by_class(out)
    assert all(grouped[cls] for cls in CLASSES if cls != "negative")
    for target, source, _ in pairs:
        assert (out / "docs" / target).is_file() and (out / "docs" / source).is_file()
        assert target.startswith("t") and source.startswith("s")


def test_documents_have_one_paragraph_per_line(corpus):
    out, _ = corpus
    for path in (out / "docs").glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        for line in text.split("\n"):
            assert line and line == line.strip() and "  " not in line, path.name


def test_hosts_and_sources_differ_and_share_no_runs(corpus, texts):
    out, _ = corpus
    origins = {}
    for line in (out / "documents.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name, role, origin = line.split("\t")
        origins[name] = origin
    for target, source, cls in _pairs(out):
        if cls == "negative":
            continue
        host = origins[target].split(" + ")[0]
        assert host != origins[source]
        host_text = "\n".join(normalise_text((texts / host).read_text(encoding="utf-8")))
        assert not _runs(host_text) & _runs(_doc(out, source))


def test_gold_spans_hold_the_reused_text(corpus):
    out, _ = corpus
    grouped = _cases_by_class(out)
    for cls, cases in grouped.items():
        for case in cases:
            target, source = _doc(out, case.target), _doc(out, case.source)
            t, s = target[slice(*case.target_span)], source[slice(*case.source_span)]
            assert t.strip() == t and s.strip() == s and t and s
            assert case.obfuscation == cls
            # Source spans are whole sentences.
            assert case.source_span[0] == 0 or source[case.source_span[0] - 1] in " \n"
            assert case.source_span[1] == len(source) or source[case.source_span[1]] in " \n"
            if cls == "verbatim":
                assert t == s
            elif cls == "light_edits":
                assert t != s and change_rate(s, t) < 0.4
            elif cls == "reordered":
                if sum(c.target == case.target for c in cases) == 1:  # sentences shuffled
                    assert t != s and sorted(split_sentences(t.replace("\n", " "))) == \
                        sorted(split_sentences(s.replace("\n", " ")))
                else:  # two passages inserted in swapped order
                    assert t == s
            elif cls == "paraphrase":
                assert t != s and change_rate(s, t) > 0.05
            elif cls == "summary":
                assert 1 <= len(split_sentences(t)) <= 3
                assert 3 <= len(split_sentences(s.replace("\n", " "))) <= 8
                assert len(t) < len(s)
                source_words = set(words(s))
                added = [w for w in words(t) if w not in source_words]
                assert set(added) <= {"and", "while"}
            elif cls == "interleaved":
                assert t == s or change_rate(s, t) < 0.4
            if cls != "interleaved":  # insertions sit at paragraph boundaries
                assert case.target_span[0] == 0 or target[case.target_span[0] - 1] == "\n"
                assert case.target_span[1] == len(target) or target[case.target_span[1]] == "\n"


def test_interleaved_runs_alternate_between_two_sources(corpus):
    out, _ = corpus
    by_target = defaultdict(list)
    for case in _cases_by_class(out)["interleaved"]:
        by_target[case.target].append(case)
    for cases in by_target.values():
        cases.sort(key=lambda c: c.target_span)
        assert len({c.source for c in cases}) == 2
        assert all(a.source != b.source for a, b in zip(cases, cases[1:], strict=False))
        assert all(a.target_span[1] < b.target_span[0] for a, b in zip(cases, cases[1:], strict=False))


def test_negative_pairs_have_no_cases_and_share_no_six_word_run(corpus):
    out, _ = corpus
    negatives = [(t, s) for t, s, c in _pairs(out) if c == "negative"]
    assert negatives
    gold = {(c.target, c.source) for c in read_folder(out / "gold")}
    for target, source in negatives:
        assert (target, source) not in gold
        assert not _runs(_doc(out, target)) & _runs(_doc(out, source))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_output(texts, corpus, tmp_path):
    out, _ = corpus
    again = tmp_path / "again"
    generate(texts, again, seed=3, per_class=3)
    assert _snapshot(again) == _snapshot(out)
    other = tmp_path / "other"
    generate(texts, other, seed=4, per_class=3)
    assert _snapshot(other) != _snapshot(out)


def test_regenerating_into_the_same_folder_leaves_no_stale_files(texts, tmp_path):
    out = tmp_path / "c"
    generate(texts, out, seed=3, per_class=3)
    generate(texts, out, seed=3, per_class=1)
    names = {p.name for p in (out / "docs").iterdir()}
    listed = {n for t, s, _ in _pairs(out) for n in (t, s)}
    assert names == listed


def test_synonym_table_is_large_enough():
    assert len(SYNONYMS) >= 150
    assert SYNONYMS["said"][0] == "stated" and SYNONYMS["people"] == ("individuals",)


def test_command_line(texts, tmp_path, capsys):
    from generate.reusecorpus import main

    assert main([str(texts), str(tmp_path / "cli"), "--seed", "2", "--per-class", "1"]) == 0
    assert "verbatim=1" in capsys.readouterr().out
    assert re.search(r"t0001\.txt\ts\d{4}\.txt\tverbatim", (tmp_path / "cli" / "pairs.tsv").read_text())
