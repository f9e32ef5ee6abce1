"""Direction of copying only from evidence (reuse/direction.py)."""

from __future__ import annotations

from newstrace.records import Article, Origin
from newstrace.reuse.align import align
from newstrace.reuse.analysis import ArticleText
from newstrace.reuse.direction import Direction, decide

PASSAGE = ("The harbour authority said the new sea wall would be finished by the end of the year, two months "
           "earlier than planned, after crews worked through the winter storms without a single day lost.")
FILLER_A = ("Residents of the old town have waited a decade for the works. Shop owners along the quay said they "
            "hoped the flooding of recent winters was now behind them.")
FILLER_B = ("The council will debate the cost of the project next week. Opposition members have asked for an "
            "independent review of the contracts awarded so far.")


def _article(name: str, text: str, outlet: str | None = None, title: str | None = None,
             path: str = "en_test.jsonl") -> Article:
    return Article(name * 8, text, title, outlet, None, None, None, "en", True, None, "jsonl", Origin(path), name)


def _decide(a: Article, b: Article) -> list[Direction]:
    ta, tb = ArticleText(a.id, a.text), ArticleText(b.id, b.text)
    passages = align(ta, tb)
    assert passages, "the shared passage must be found"
    return [decide(a, b, ta, tb, p) for p in passages]


def test_direction_quotation_marks_alone_decide_nothing():
    quoting = _article("a", f"{FILLER_A}\n\n“{PASSAGE}”\n\n{FILLER_A}", title="Sea wall early")
    prose = _article("b", f"{FILLER_B}\n\n{PASSAGE}\n\n{FILLER_B}", title="Council to debate cost")
    for d in _decide(quoting, prose):
        assert d.source == "" and d.reason.startswith("undecided")


def test_direction_a_name_merely_in_the_other_text_is_no_credit():
    # A credits The Harbour Times; B only mentions it ("The Harbour Times has covered ..."): B is not The Harbour Times
    a = _article("a", f"{FILLER_A}\n\n{PASSAGE}, according to The Harbour Times.\n\n{FILLER_A}")
    b = _article("b", f"{FILLER_B} The Harbour Times has covered the works for years.\n\n{PASSAGE}\n\n{FILLER_B}")
    for d in _decide(a, b):
        assert d.source == ""


def test_direction_credit_of_the_others_self_description():
    credited = _article("a", f"{FILLER_A}\n\n“{PASSAGE},” notes the Lantern.\n\n{FILLER_A}", title="Wall done")
    original = _article("b", f"{FILLER_B}\n\n{PASSAGE}\n\n{FILLER_B}\n\nMara Holt is a reporter for The Lantern.",
                        title="Sea wall news")
    for d in _decide(credited, original):
        assert d.source == "b" and d.confidence >= 0.8
        assert "credits Lantern" in d.reason and "The Lantern" in d.reason
        assert "en_test.jsonl" not in d.reason


def test_direction_reported_framing_credits_the_metadata_outlet():
    credited = _article("a", f"{FILLER_A}\n\nThe Evening Courier reported: “{PASSAGE}”\n\n{FILLER_A}")
    original = _article("b", f"{FILLER_B}\n\n{PASSAGE}\n\n{FILLER_B}", outlet="The Evening Courier")
    for d in _decide(credited, original):
        assert d.source == "b" and "Evening Courier" in d.reason


def test_direction_reasons_name_titles_or_ids_never_the_shared_input_file():
    a = _article("a", f"{FILLER_A}\n\n{PASSAGE}\n\n{FILLER_A}", title="Sea wall early")
    b = _article("b", f"{FILLER_B}\n\n{PASSAGE}\n\n{FILLER_B}")
    a.published, b.published = "2026-03-12T10:00:00+00:00", "2026-03-12T16:00:00+00:00"
    for d in _decide(a, b):
        assert d.source == "a"
        assert d.reason.startswith("“Sea wall early” was published first") and "article bbbbbbbb" in d.reason
        assert "en_test.jsonl" not in d.reason
