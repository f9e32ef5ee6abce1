"""Trust in reuse findings on messy real-world text: evidence strengths, templates, glued-in site notes."""

from __future__ import annotations

import json

from conftest import rows, write
from newstrace.reuse.align import align
from newstrace.reuse.analysis import ArticleText


def _align(a: str, b: str):
    return align(ArticleText("a", a), ArticleText("b", b))


REPORT_MONDAY = (
    "Harbour Energy Daily. Brent crude fell 42 cents to $51.69 per barrel in London trading on Monday, while "
    "heating oil lost 3 cents to $1.62 per gallon. Traders watched the weather in the north.")
REPORT_TUESDAY = (
    "Harbour Energy Daily. Brent crude fell 21 cents to $52.43 per barrel in London trading on Tuesday, while "
    "heating oil lost 5 cents to $1.58 per gallon. Shipping rates were steady at the eastern terminals.")


def test_reuse_formula_with_other_figures_is_a_template_not_a_copy():
    passages = _align(REPORT_MONDAY, REPORT_TUESDAY)
    assert passages and {p.kind for p in passages} == {"template"}
    assert all(p.evidence == "weak" and "formula" in p.evidence_reason for p in passages)


def test_reuse_changed_figure_inside_a_long_copy_stays_a_copy():
    body = ("The regional council approved the harbour budget after a long debate in the old town hall, and the "
            "mayor said the new quay would open before the winter storms reached the coast. ")
    a = body + "Brent crude fell 42 cents to $51.69 per barrel in London trading on Monday, traders said."
    b = body + "Brent crude fell 21 cents to $52.43 per barrel in London trading on Monday, traders said."
    passages = _align(a, b)
    assert passages and all(p.kind != "template" for p in passages)
    assert any(p.evidence == "strong" for p in passages)


def test_reuse_two_outlets_wording_one_fact_is_weak():
    a = ("The survey of 1,020 adults was carried out by the Lantern Institute over four days last week. "
         "Its margin of error is three points.")
    b = ("Pollsters questioned 1,020 adults for the Lantern Institute survey during four days last week, "
         "the institute said on its website.")
    passages = _align(a, b)
    assert all(p.evidence == "weak" for p in passages)


def test_reuse_long_copy_is_strong_and_short_stock_phrase_is_weak():
    copied = ("Emergency crews worked through the night to clear the collapsed bridge over the river Vel, where "
              "two lorries and a tractor had fallen into the water shortly before midnight on Sunday.")
    strong = _align("Residents gathered early. " + copied, copied + " More rain is expected.")
    assert [p.evidence for p in strong] == ["strong"]
    stock = _align("The ministry did not respond to requests for an interview about the harbour tender.",
                   "The airline did not respond to requests for an interview about its winter routes.")
    assert stock and all(p.evidence == "weak" for p in stock)


def test_reuse_same_short_quotation_is_moderate():
    a = 'The minister was blunt. "I cannot believe how calm it has been up here," Berg said on Friday.'
    b = 'Speaking to reporters, Anna Berg joked: "I cannot believe how calm it has been up here."'
    passages = _align(a, b)
    assert passages and all(p.evidence == "moderate" and "quotation" in p.evidence_reason for p in passages)


def test_reuse_site_note_glued_into_two_articles_is_not_reuse():
    note = ("This story has not been edited by Valley Courier staff and is auto-generated from a syndicated "
            "feed. Follow Valley Courier on Twitter and sign up for our daily newsletter in your inbox.")
    a = "The town council approved a new library on the east bank after a close vote. " + note
    b = "A storm closed the mountain road to Lisk for the second time this winter, police said. " + note
    assert _align(a, b) == []


def test_reuse_evidence_is_stored_and_public(run, tmp_path, db_path):
    copied = ("Emergency crews worked through the night to clear the collapsed bridge over the river Vel, where "
              "two lorries and a tractor had fallen into the water shortly before midnight on Sunday.")
    write(tmp_path / "in" / "one.txt", "Residents gathered early at the river.\n\n" + copied)
    write(tmp_path / "in" / "two.txt", copied + "\n\nMore rain is expected on Tuesday, forecasters said.")
    assert run("add", str(tmp_path / "in")).exit_code == 0
    assert run("reuse").exit_code == 0
    assert rows(db_path, "SELECT kind, evidence FROM alignments") == [("verbatim", "strong")]
    from newstrace.store import open_store

    with open_store(str(db_path)) as store:
        [alignment] = list(store.all_alignments())
    public = alignment.public()
    assert public["evidence"] == {"strength": "strong", "reason": "31 words word for word"}
    assert alignment.claims_reuse
    json.dumps(public)


def test_jsonl_record_whose_title_is_its_text_names_the_reason(run, tmp_path):
    line = json.dumps({"title": "Port reopens after storm", "text": "Port reopens after storm"})
    path = write(tmp_path / "t.jsonl", line + "\n")
    out = run("add", str(path)).stdout
    assert f"{path}:line 1: [I150] the text only repeats the title" in out
    assert "page furniture" not in out
