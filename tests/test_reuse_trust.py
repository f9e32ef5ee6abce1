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


def test_reuse_evidence_is_stored_and_public(run, tmp_path, db):
    copied = ("Emergency crews worked through the night to clear the collapsed bridge over the river Vel, where "
              "two lorries and a tractor had fallen into the water shortly before midnight on Sunday.")
    write(tmp_path / "in" / "one.txt", "Residents gathered early at the river.\n\n" + copied)
    write(tmp_path / "in" / "two.txt", copied + "\n\nMore rain is expected on Tuesday, forecasters said.")
    assert run("add", str(tmp_path / "in")).exit_code == 0
    assert run("reuse").exit_code == 0
    assert rows(db, "SELECT kind, evidence FROM alignments") == [("verbatim", "strong")]
    from newstrace.store import open_store

    with open_store(db) as store:
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


FORMULA = ("According to early results of exit polls conducted for the Lantern Agency and television networks "
           "in the northern valley towns")
STORIES = [
    "Voters in Lisk queued for hours at the old school to choose a new mayor, and turnout was high.",
    "The ferry to Orra was cancelled after a storm damaged the pier on the west side of the harbour.",
    "Farmers near Vel said the late frost had ruined most of the apple blossom this spring.",
    "A new library opened on the east bank with a reading room for children and a small cafe.",
]


def test_reuse_formula_recurring_across_stories_is_weak_store_wide(run, tmp_path, db):
    """A clause that recurs word for word in articles of four different stories is a formula, not a copy:
    the store's count of its holders makes it weak, whatever the outlet fields say."""
    for n, story in enumerate(STORIES):
        write(tmp_path / "in" / f"{n}.txt", f"{story}\n\n{FORMULA}, most voters named the economy as their "
                                            f"first worry this year.\n\nOfficials will count the ballots by hand.")
    assert run("add", str(tmp_path / "in")).exit_code == 0
    assert run("reuse").exit_code == 0
    found = rows(db, "SELECT kind, evidence, evidence_reason FROM alignments")
    assert found and all(evidence == "weak" for _, evidence, _ in found)
    assert any("recurs word for word" in reason for _, _, reason in found)


def test_reuse_wire_copy_reprinted_by_several_outlets_stays_strong(run, tmp_path, db):
    """Wire copy of one story in three articles recurs too, but it is a long copied stretch: a finding."""
    wire = ("Emergency crews worked through the night to clear the collapsed bridge over the river Vel, where two "
            "lorries and a tractor had fallen into the water shortly before midnight on Sunday. The regional "
            "council said the crossing would stay closed for at least a month while engineers inspected the "
            "piers, and ferries would carry cars between the two banks free of charge. Police said nobody was "
            "badly hurt, although one driver was taken to hospital with a broken arm.")
    for n, lead in enumerate(["From the Valley Courier.", "Reported by the Lisk Times.", "The Orra Post writes."]):
        write(tmp_path / "in" / f"{n}.txt", f"{lead}\n\n{wire}")
    assert run("add", str(tmp_path / "in")).exit_code == 0
    assert run("reuse").exit_code == 0
    found = rows(db, "SELECT kind, evidence FROM alignments")
    assert len(found) == 3 and all(evidence == "strong" for _, evidence in found)


def test_reuse_two_reworded_sentences_need_copied_text_beside_them():
    a = ("The council voted to close the old bridge over the river on Monday after engineers found cracks in two "
         "of its piers. Repairs will cost about four million and take most of the year, the mayor told reporters.")
    b = ("Engineers found cracks in two piers of the old river bridge, and the council voted on Monday to close it. "
         "The mayor told reporters that repairs would take most of the year and cost about four million.")
    passages = _align(a, b)
    assert [(p.kind, p.evidence, p.sentences) for p in passages] == [("paraphrase", "weak", 2)]
    assert "nothing copied" in passages[0].evidence_reason
    copied = ("Emergency crews worked through the night to clear the collapsed bridge over the river Vel, where "
              "two lorries and a tractor had fallen into the water shortly before midnight on Sunday.")
    backed = _align(copied + " " + a, copied + " " + b)
    assert backed and all(p.evidence != "weak" for p in backed)  # beside a copy, the rewording is part of it


def test_reuse_same_frame_with_other_figures_between_two_known_outlets_is_a_retelling_not_a_template():
    a = ArticleText("a", REPORT_MONDAY, outlet="Harbour Energy Daily")
    b = ArticleText("b", REPORT_TUESDAY, outlet="Coastal Fuel Post")
    assert {p.kind for p in align(a, b)} != {"template"}
    same = align(ArticleText("a", REPORT_MONDAY, outlet="Harbour Energy Daily"),
                 ArticleText("b", REPORT_TUESDAY, outlet="Harbour Energy Daily"))
    assert {p.kind for p in same} == {"template"}


# One sentence reworded, sharing only content words with its source: weak on its own.
SOURCE_LEAD = ("The river authority said on Tuesday that the Kessany dam had fallen to a third of its capacity after "
               "the driest spring in forty years, and that farms downstream would face cuts from June.")
REWORDED = ("Farms below the Kessany dam face cuts from June, the river authority warned on Tuesday, with the "
            "reservoir down to a third of capacity after forty years' driest spring.")


def test_reuse_reworded_sentence_in_an_article_crediting_the_source_outlet_is_moderate():
    bare = _align(SOURCE_LEAD, REWORDED)
    assert bare and all(p.evidence == "weak" for p in bare)
    source = ArticleText("a", SOURCE_LEAD, outlet="Valley Wire Service")
    taker = ArticleText("b", REWORDED + " Valley Wire Service reported the figures first.", outlet="Hill Gazette")
    credited = [p for p in align(source, taker) if p.kind == "paraphrase"]
    assert credited and all(p.evidence == "moderate" and "credits Valley Wire Service" in p.evidence_reason
                            for p in credited)


def test_reuse_reworded_sentences_keeping_a_run_of_wording_are_moderate(run, examples_dir):
    """The demo's uncredited rewrite (Valley Times of the agency report) rewords two sentences in order and keeps
    "attacked an army checkpoint on the eastern": evidence a reader would sign, though nothing is copied."""
    from conftest import trace_json

    data = trace_json(run, str(examples_dir))
    outlet = {a["id"]: a["outlet"] for a in data["articles"]}
    [passage] = [al for al in data["alignments"]
                 if (outlet[al["source"]], outlet[al["target"]]) == ("Coastal Press Agency", "Valley Times")]
    assert passage["kind"] == "paraphrase" and passage["evidence"]["strength"] == "moderate"
    assert "keeping the wording “attacked an army checkpoint on the eastern”" in passage["evidence"]["reason"]
