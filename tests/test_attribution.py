"""Attribution: cue, source, content, type, hedge, canonical source and chain, on Derna, the demo and hard cases."""

from __future__ import annotations

import pytest

from conftest import trace_json
from newstrace.analyse.nlp import load_nlp
from newstrace.analyse.stage import analyse_text


def _by_article(data, name):
    article = next(a for a in data["articles"] if name in (a["path"] + (a["outlet"] or "")))
    atts = [x for x in data["attributions"] if x["article"] == article["id"]]
    return article, atts, {x["id"]: x for x in atts}


def _find(atts, cue, source_text):
    return [x for x in atts if x["cue"]["text"] == cue and x["source"] and source_text in x["source"]["text"]]


@pytest.fixture(scope="module")
def derna(tmp_path_factory, request):
    from click.testing import CliRunner

    from conftest import DERNA
    from newstrace.cli import cli

    if not DERNA.is_dir():
        pytest.skip("../shared/examples/derna is not beside the project")
    db = tmp_path_factory.mktemp("att") / "s.db"
    import json

    result = CliRunner().invoke(cli, ["trace", "--db", str(db), "--json", str(DERNA)], catch_exceptions=False)
    return json.loads(result.stdout)


def test_derna_dabaa_statement_with_bbc_as_parent(derna):
    _, atts, by_id = _by_article(derna, "000_")
    [dabaa] = _find(atts, "said", "Hafeth al-Dabaa")
    assert dabaa["source"]["canonical"] == "Hafeth al-Dabaa" and dabaa["source"]["kind"] == "person"
    assert "have all left Derna" in dabaa["content"][0]["text"]
    parent = by_id[dabaa["parent"]]
    assert parent["cue"]["text"] == "according to" and parent["source"]["canonical"] == "BBC"
    assert parent["source"]["kind"] == "outlet" and parent["type"] == "according_to"
    # later mentions resolve to him
    for cue, source in (("told", "Dabaa"), ("told", "the MSC spokesman")):
        assert {x["source"]["canonical"] for x in _find(atts, cue, source)} == {"Hafeth al-Dabaa"}


def test_derna_amaq_through_lwj_in_the_rewrite_and_direct_in_the_original(derna):
    _, rewrite, by_id = _by_article(derna, "000_")
    [amaq] = _find(rewrite, "reports", "Amaq")
    assert by_id[amaq["parent"]]["source"]["canonical"] == "Long War Journal"
    [conceded] = _find(rewrite, "conceded", "Amaq News Agency")
    assert by_id[conceded["parent"]]["cue"]["text"] == "adds"
    _, original, _ = _by_article(derna, "002_")
    amaq_original = [x for x in original if x["source"] and x["source"]["canonical"] == "Amaq News Agency"]
    assert len(amaq_original) >= 3 and all(x["parent"] is None for x in amaq_original)
    # "a short video showing Derna" shows; it reports nothing
    assert not [x for x in original if x["cue"]["text"] == "showing"]


def test_derna_rodriguez_and_outlet_citations_and_hedge(derna):
    _, atts, _ = _by_article(derna, "000_")
    [told] = _find(atts, "told", "Gen. David Rodriguez")
    [noted] = _find(atts, "did note", "Gen. Rodriguez")
    assert told["source"]["canonical"] == noted["source"]["canonical"] == "David Rodriguez"
    assert "number of ISIS jihadists in Libya" in told["content"][0]["text"]
    # reporters are his audience, not a channel his words went through
    assert told["parent"] is None and not [x for x in atts if x["source"] and x["source"]["text"] == "reporters"]
    for cue, outlet in (("notes", "Long War Journal"), ("adds", "Long War Journal"), ("reports", "BBC"),
                        ("according to", "BBC")):
        assert any(x["cue"]["text"] == cue and x["source"]["canonical"] == outlet and x["source"]["kind"] == "outlet"
                   for x in atts if x["source"]), (cue, outlet)
    [hedge] = [x for x in atts if "could not be independently verified" in x["content"][0]["text"]]
    assert hedge["hedged"] and hedge["source"]["canonical"] == "BBC" and hedge["cue"]["text"] == "notes"
    # a quotation that goes on in the next sentence stays with its speaker
    [lwj] = [x for x in atts if x["cue"]["text"] == "notes" and "As Amaq reports" in x["content"][0]["text"]]
    assert any("It is likely that some of them" in c["text"] for c in lwj["content"])


def test_demo_nested_chain_through_two_outlets(run, examples_dir):
    data = trace_json(run, str(examples_dir))
    _, atts, by_id = _by_article(data, "eastfield")
    [vasko] = [x for x in atts
               if x["source"] and x["source"]["canonical"] == "Irena Vasko" and x["cue"]["text"] == "told"]
    station = by_id[vasko["parent"]]
    assert station["source"]["canonical"] == "Radio Kessany" and station["source"]["kind"] == "outlet"
    herald = by_id[station["parent"]]
    assert herald["source"]["canonical"] == "Northern Herald" and herald["cue"]["text"] == "according to"
    assert {x["source"]["canonical"] for x in atts if x["cue"]["text"] in ("adds", "notes")} == {"Northern Herald"}
    [spokeswoman] = [x for x in atts if x["source"] and x["source"]["text"] == "The spokeswoman"]
    assert spokeswoman["source"]["canonical"] == "Irena Vasko"
    assert by_id[spokeswoman["parent"]]["source"]["text"] == "the report"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_unbalanced_quote_does_not_swallow_the_rest(nlp):
    text = ("“The bridge is gone, the mayor said on Monday.\n"
            "The council met later. Officials said the budget would be cut.\n"
            "Residents said they were worried.")
    atts = analyse_text(text, nlp)
    officials = [a for a in atts if text[slice(*a.source)] == "Officials"]
    assert officials and text[slice(*officials[0].content[0])] == "the budget would be cut"
    assert all(b <= text.index("\n") for a in atts if text[slice(*a.cue)] == "said" and a.source and
               text[slice(*a.source)] == "the mayor" for _, b in a.content)


@pytest.mark.parametrize("sentence, source, cue, content", [
    ("“We will rebuild,” the minister said.", "the minister", "said", "“We will rebuild,”"),
    ("The minister said: “We will rebuild.”", "The minister", "said:", "“We will rebuild.”"),
    ("“We will,” the minister said, “rebuild the bridge.”", "the minister", "said", "“We will,”"),
    # the comma that closes the apposition goes with it, as PolNeAR marks it
    ("Ana Ruiz, a spokeswoman for the ministry, said the bridge would reopen.", "Ana Ruiz, a spokeswoman for "
     "the ministry,", "said", "the bridge would reopen"),
    ("The bridge will reopen in May, officials said.", "officials", "said", "The bridge will reopen in May"),
    ("The bridge will reopen in May, according to the ministry.", "the ministry", "according to",
     "The bridge will reopen in May"),
])
def test_cue_before_after_and_inside_the_quote(nlp, sentence, source, cue, content):
    atts = analyse_text(sentence, nlp)
    match = [a for a in atts if a.source and sentence[slice(*a.source)] == source]
    assert match, [(sentence[slice(*a.source)] if a.source else None) for a in atts]
    att = match[0]
    assert sentence[slice(*att.cue)] == cue
    assert sentence[slice(*att.content[0])] == content


def test_pronoun_resolves_to_the_nearest_earlier_person(nlp):
    text = "Maria Lopez, the mayor, said the bridge would reopen.\nShe added that the ferry would run until then."
    atts = analyse_text(text, nlp)
    assert [a.canonical for a in atts] == ["Maria Lopez", "Maria Lopez"]


def test_article_with_no_attributions(run, tmp_path):
    from conftest import write

    path = write(tmp_path / "plain.txt", "The bridge reopened on Monday after two years of repairs, and traffic "
                                        "returned to the old town within hours.")
    data = trace_json(run, str(path))
    assert data["attributions"] == []


def _chain(atts, text):
    """(source, cue, parent's source or None) for each attribution."""
    def source(a):
        return text[slice(*a.source)] if a.source else None

    return {(source(a), text[slice(*a.cue)], source(atts[a.parent]) if a.parent is not None else None)
            for a in atts}


@pytest.mark.parametrize("text, expected", [
    # a citation inside a report: the one cited under the report
    ("Police have arrested three men, Reuters reported, citing a police spokesman.",
     {("Reuters", "reported", None), ("a police spokesman", "citing", "Reuters")}),
    # ... and what the report carries under the one cited
    ("The BBC, citing Radio Kessany, said Colonel Ana Weiss had confirmed that the rebels had withdrawn.",
     {("The BBC", "said", None), ("Radio Kessany", "citing", "The BBC"),
      ("Colonel Ana Weiss", "had confirmed", "Radio Kessany")}),
    # quoted as saying: the outlet holds the speaker
    ("Opposition leader Dana Mirel was quoted by Meridian News Agency as saying that the vote had been stolen.",
     {("Meridian News Agency", "was quoted", None),
      ("Opposition leader Dana Mirel", "saying", "Meridian News Agency")}),
    # channels that are not reporting verbs
    ("The port will stay closed, the harbour master, Ilan Vost, said in a statement published by the Harbour Ledger.",
     {("the Harbour Ledger", "published", None), ("the harbour master, Ilan Vost,", "said", "the Harbour Ledger")}),
    ("A statement carried by the Coastal Press Agency said the ferry would resume on Monday.",
     {("the Coastal Press Agency", "carried", None), ("A statement", "said", "the Coastal Press Agency")}),
    ("Speaking to the BBC, union leader Viktor Sand said the dockworkers would strike.",
     {("the BBC", "Speaking", None), ("union leader Viktor Sand", "said", "the BBC")}),
    ("“We were never warned,” one resident told Lakeside FM.",
     {("Lakeside FM", "told", None), ("one resident", "told", "Lakeside FM")}),
    # passive: the one who told, not the one told
    ("The reporter said he had been told by police that he was free to go.",
     {("The reporter", "said", None), ("police", "had been told", "The reporter")}),
])
def test_chain_links(nlp, text, expected):
    assert _chain(analyse_text(text, nlp), text) >= expected


def test_sibling_reports_joined_by_while_are_not_nested(nlp):
    text = ("The health ministry told AFP that 12 people had died, while a doctor at Selin General Hospital told "
            "the BBC the real figure was “at least double”.")
    chains = _chain(analyse_text(text, nlp), text)
    assert ("the BBC", "told", None) in chains and ("AFP", "told", None) in chains


def test_closing_citation_holds_the_whole_paragraph(nlp):
    text = ("Col. Irena Vasko said the army had retaken the Mirak Pass. She said engineers would clear the road by "
            "Sunday, adds the Herald.")
    chains = _chain(analyse_text(text, nlp), text)
    assert ("Col. Irena Vasko", "said", "the Herald") in chains and ("She", "said", "the Herald") in chains


def test_so_called_is_not_a_cue(nlp):
    text = "Airstrikes hit the so-called caliphate's positions, notes the Journal."
    atts = analyse_text(text, nlp)
    assert [text[slice(*a.cue)] for a in atts] == ["notes"]


def test_forked_parsing_gives_the_same_rows_in_order(nlp):
    from newstrace.analyse.stage import _analysed

    texts = [f"Officer {n} told the Harbour Ledger that {n} boats had sunk. “It was bad,” she said." for n in range(20)]

    def analyse(text):
        return analyse_text(text, nlp)

    one = list(_analysed(analyse, texts, 1))
    two = list(_analysed(analyse, texts, 2))
    assert one == two and len(one) == 20 and all(rows for rows in one)


def test_report_inside_a_quotation_is_nested_and_the_quotation_goes_on(nlp):
    text = ("“Why won’t he release the accounts? There may be two reasons,” said Mayor Jonas Brecht. “First, he is "
            "not as careful as he says he is. Second, the council told us the money was gone.”")
    atts = analyse_text(text, nlp)
    mayor = next(a for a in atts if text[slice(*a.cue)] == "said")
    # the second quoted sentence has cues of its own, but only inside the quotation: it is still the mayor's
    assert [text[a:b] for a, b in mayor.content][-1].endswith("the money was gone.”")
    inner = [a for a in atts if a.extra.get("in_quotation")]
    assert {text[slice(*a.cue)] for a in inner} >= {"says", "told"}
    assert all(atts[a.parent] is mayor for a in inner if a.parent is not None)
    assert not mayor.extra.get("in_quotation")


def test_content_that_ends_a_quotation_takes_its_closing_marks(nlp):
    text = "The mayor said the flood barrier was “a waste of money.” He left early. ''It will fail,'' he said."
    atts = analyse_text(text, nlp)
    pieces = {text[a:b] for att in atts for a, b in att.content}
    assert "the flood barrier was “a waste of money.”" in pieces
    assert "''It will fail,''" in pieces


@pytest.mark.parametrize("text,cue,content", [
    ("Mayor Jonas Brecht thinks that the flood barrier is unsafe.", "thinks", "that the flood barrier is unsafe"),
    ("The minister talked about the flood barrier at length.", "talked about", "the flood barrier"),
    ("Brecht said after the meeting he would not sign the deal.", "said", "he would not sign the deal"),
    ("“Are we ready? Probably not,” Ms. Lena Moore said.", "said", "“Are we ready? Probably not,”"),
])
def test_cue_frames_and_their_content(nlp, text, cue, content):
    atts = [a for a in analyse_text(text, nlp) if not a.extra.get("in_quotation")]
    found = {(text[slice(*a.cue)], text[a.content[0][0]:a.content[-1][1]]) for a in atts if a.content}
    assert (cue, content) in found


def test_a_speakers_own_belief_inside_a_quotation_is_not_a_report(nlp):
    text = "“I think we will win the vote,” said Mayor Jonas Brecht."
    assert [text[slice(*a.cue)] for a in analyse_text(text, nlp)] == ["said"]


def test_it_is_the_outlet_only_when_it_reports(nlp):
    text = ("The BBC said the city had fallen. The council was formed in 2014. It opposes the Front. "
            "It adds that the road is closed.")
    found = {text[slice(*a.cue)]: a for a in analyse_text(text, nlp)}
    assert found["adds"].canonical == "BBC" and found["adds"].kind == "outlet"
    # a stance held by "it": the organisation named just before, not the outlet
    assert found["opposes"].canonical == "council" and found["opposes"].kind == "organisation"
    assert found["opposes"].resolution == "pronoun" and found["opposes"].category == "stance"


def test_deeds_of_war_are_not_reports(nlp):
    text = ("NRF fighters attacked an army checkpoint at dawn. The army offered shelter to 300 families and named "
            "a new commander for the town.")
    assert analyse_text(text, nlp) == []


def test_report_inside_a_quotation_is_marked_in_json_and_in_the_tree(run, tmp_path):
    from conftest import write

    text = ("Flood in Lisk\n\n“They told us the army would come by noon,” a resident, Mara Velt, said on "
            "Sunday. The council has not commented.\n")
    path = write(tmp_path / "lisk.txt", text)
    data = trace_json(run, str(path))
    inner = [a for a in data["attributions"] if a["in_quotation"]]
    assert [a["cue"]["text"] for a in inner] == ["told"]
    outer = next(a for a in data["attributions"] if a["id"] == inner[0]["parent"])
    assert outer["cue"]["text"] == "said" and not outer["in_quotation"]
    printed = run("trace", str(path)).output
    assert "in quotation] told" in printed


def test_british_single_quotation_marks_are_quotations(nlp):
    from newstrace.text.tokens import quote_spans

    text = "‘We will rebuild the bridge by spring,’ the mayor said. ‘Nobody will be left behind.’"
    [att] = analyse_text(text, nlp)
    assert att.type == "direct"
    assert [text[a:b] for a, b in att.content] == ["‘We will rebuild the bridge by spring,’",
                                                   "‘Nobody will be left behind.’"]
    # apostrophes are not quotation marks, and a paragraph with double marks keeps its single ones as nested
    assert quote_spans("The soldiers’ families said they don’t know.") == []
    nested = "“He told me, ‘Leave now,’ and left,” she said."
    assert quote_spans(nested) == [(0, nested.index(" she"))]
    # a misplaced apostrophe (‘90s) or a lone mark opens nothing, so it cannot swallow the paragraph
    assert quote_spans("In the ‘90s the town grew, the mayor said.") == []
    assert quote_spans("A lone ‘mark opens nothing here, the mayor said.") == []


def _spans(text, att):
    return (text[slice(*att.cue)], att.source and text[slice(*att.source)], [text[a:b] for a, b in att.content])


@pytest.mark.parametrize("text, expected", [
    # the parse hangs the clause on the source as an apposition: the source ends at its comma
    ("According to radio host Rush Limbaugh, the move reeks of “fear” and desperation.",
     ("According to", "radio host Rush Limbaugh", ["the move reeks of “fear” and desperation"])),
    # what was said, by its object
    ("Campaign manager Robby Mook said as much in an interview on Thursday.",
     ("said", "Campaign manager Robby Mook", ["as much"])),
    ("Asked again, 72 percent of Democrats said yes.", ("said", "72 percent of Democrats", ["yes"])),
    # a "that" clause the parse hangs on the noun before it
    ("Adelson said earlier on Friday during a news conference that he may wait until February to decide.",
     ("said", "Adelson", ["that he may wait until February to decide"])),
    # "by saying": the one who began
    ("Dean appeared on MSNBC on Tuesday and began by saying he would never diagnose anyone on television.",
     ("saying", "Dean", ["he would never diagnose anyone on television"])),
    # the relative word that opens what was said, and the rest after the cue
    ("The union bought a stake in the mine, which Mr. Clarke says he is doing everything he can to keep open.",
     ("says", "Mr. Clarke", ["which", "he is doing everything he can to keep open"])),
    # going on makes the report: the cue takes it in
    ("Small groups of protesters continued to call for more information about the shooting.",
     ("continued to call for", "Small groups of protesters", ["more information about the shooting"])),
    ("President Obama called for reducing the corporate tax rate to 28 percent.",
     ("called for", "President Obama", ["reducing the corporate tax rate to 28 percent"])),
    # a noun of saying with its clause
    ("Politifact checked Trump’s claim that there have been thousands of shootings in Chicago.",
     ("claim", "Trump", ["that there have been thousands of shootings in Chicago"])),
])
def test_reports_the_parse_gets_half_wrong(nlp, text, expected):
    found = [_spans(text, a) for a in analyse_text(text, nlp)]
    assert expected in found


def test_a_question_put_by_no_one_named(nlp):
    text = "Asked if he was ever bullied, the candidate said no."
    found = {_spans(text, a)[0]: _spans(text, a) for a in analyse_text(text, nlp)}
    assert found["Asked"] == ("Asked", None, ["if he was ever bullied"])
    assert found["said"] == ("said", "the candidate", ["no"])
    text = "Asked to describe the device, O'Neill said nothing."
    assert ("Asked", None, ["to describe the device"]) in [_spans(text, a) for a in analyse_text(text, nlp)]
    # a bare participle that asks nothing is no report, nor is a report refused
    assert [_spans("She refused to say whether it would reopen.", a)[0] for a in analyse_text(
        "She refused to say whether it would reopen.", nlp)] == ["refused"]
    assert analyse_text("Asked for comment, the ministry was silent.", nlp) == []


def test_transcript_speakers_label_their_paragraphs(nlp):
    text = ("Partial transcript as follows:\n\n\"WALLACE: Will she be there tomorrow night?\n\n"
            "\"PENCE: She will not be attending the debate. The tweet was a joke.\n")
    found = [_spans(text, a) for a in analyse_text(text, nlp)]
    assert (":", "WALLACE", ["Will she be there tomorrow night?"]) in found
    assert (":", "PENCE", ["She will not be attending the debate. The tweet was a joke."]) in found
    # each speaker's words stay theirs: the next label is not taken for more of the last speaker's quotation
    assert not any("WALLACE" in piece for _, source, content in found if source == "PENCE" for piece in content)
    # the labels are the article's, though the opening mark starts a quotation; a cue inside one is not
    from newstrace.analyse.attribution import in_quotation
    from newstrace.text.tokens import quote_spans

    quotes = quote_spans(text)
    colon = text.index("WALLACE:") + len("WALLACE")
    assert not in_quotation((colon, colon + 1), quotes, text) and in_quotation((colon, colon + 1), quotes)
    inner = "“They told us to leave,” she said."
    assert in_quotation((inner.index("told"), inner.index("told") + 4), quote_spans(inner), inner)
