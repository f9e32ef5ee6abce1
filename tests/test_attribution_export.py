"""`newstrace export --attributions`: JSONL as `trace --json` has it, and brat standoff that reads back."""

from __future__ import annotations

import json

from conftest import trace_json
from newstrace.formats.brat import read_ann
from newstrace.read.quotes import quote_view


def test_jsonl_and_brat_export_agree_with_trace_json(run, examples_dir, tmp_path):
    data = trace_json(run, str(examples_dir))
    result = run("export", "--attributions", "--quotes", "all")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == data["attributions"] and len(lines) > 10
    # by default a quote view: speech and documents, the channel links above them, parents re-hung
    quotes = [json.loads(line) for line in run("export", "--attributions").stdout.splitlines()]
    assert quotes == quote_view(data["attributions"]) and 10 < len(quotes) < len(lines)
    assert {q["category"] for q in quotes} == {"speech", "document"}
    assert {a["id"] for a in lines if a["category"] != "stance"} == {q["id"] for q in quotes}
    ids = {q["id"] for q in quotes}
    assert all(q["parent"] is None or q["parent"] in ids for q in quotes)
    stance = [json.loads(line) for line in run("export", "--attributions", "--quotes", "stance").stdout.splitlines()]
    assert stance and all(a["category"] == "stance" or a["channel_link"] for a in stance)

    out = tmp_path / "brat"
    result = run("export", "--attributions", "--format", "brat", "--quotes", "all", "-o", str(out))
    assert result.exit_code == 0, result.output
    by_article: dict[str, list[dict]] = {}
    for att in data["attributions"]:
        by_article.setdefault(att["article"], []).append(att)
    texts = {a["id"]: a for a in data["articles"]}
    for article, atts in by_article.items():
        text = (out / f"{article}.txt").read_text(encoding="utf-8")
        assert text == texts[article]["text"]
        ann = out / f"{article}.ann"
        gold = read_ann(ann)
        assert [g.cue for g in gold] == [(tuple(a["cue"]["span"]),) for a in atts]
        assert [g.content for g in gold] == [tuple(tuple(c["span"]) for c in a["content"]) for a in atts]
        assert [g.source for g in gold] == [(tuple(a["source"]["span"]),) if a["source"] else None for a in atts]
        lines = ann.read_text(encoding="utf-8").splitlines()
        # one Parent relation per nested attribution, and every text-bound span reads its own text
        assert sum(line.startswith("R") for line in lines) == sum(a["parent"] is not None for a in atts)
        for line in lines:
            if line.startswith("T"):
                _, where, shown = line.split("\t")
                pieces = [tuple(map(int, p.split())) for p in where.split(" ", 1)[1].split(";")]
                assert shown == " ".join(text[a:b] for a, b in pieces).replace("\n", " ")


def test_export_says_which_articles_have_none_yet_and_refuses_bad_options(run, examples_dir, tmp_path):
    assert run("add", "--no-analyse", str(examples_dir)).exit_code == 0
    result = run("export", "--attributions")
    assert result.exit_code == 0 and result.stdout == ""
    message = " ".join(result.stderr.split())
    assert "12 analysed articles have none stored yet" in message and "newstrace analyse" in message
    result = run("export", "--attributions", "--format", "brat")
    assert result.exit_code == 2 and "needs -o FOLDER" in result.output
    result = run("export", "--attributions", "--format", "csv")
    assert result.exit_code == 2 and "jsonl or brat" in result.output
    result = run("export", "--attributions", "--quotes", "speech,gossip")
    assert result.exit_code == 1 and "gossip is not a category" in result.output and "U302" in result.output
    result = run("export", "--format", "brat")
    assert result.exit_code == 2 and "--attributions" in result.output
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("export", "--attributions", "--format", "brat", "-o", str(blocker / "sub"))
    assert result.exit_code == 1 and str(blocker / "sub") in result.output and "U304" in result.output
