from __future__ import annotations

import gzip

from conftest import ARTICLE, rows, trace_json, write
from newstrace.ingest.normalise import article_id, paragraphs


def test_text_title_from_first_line_and_body_kept(run, tmp_path):
    path = write(tmp_path / "a.txt", "Harbour wall finished early\n\n" + ARTICLE)
    data = trace_json(run, str(path))
    [article] = data["articles"]
    assert article["title"] == "Harbour wall finished early"
    assert article["text"].startswith("Officials in the port city said on Tuesday")
    assert article["text"].count("\n") == 2  # three paragraphs, one per line
    assert article["language"] == "en" and article["analysed"] is True
    assert article["path"] == str(path)


def test_text_first_sentence_is_not_a_title(run, tmp_path):
    path = write(tmp_path / "a.txt", ARTICLE)
    [article] = trace_json(run, str(path))["articles"]
    assert article["title"] is None
    assert article["text"].startswith("Officials in the port city")


def test_text_byline_becomes_author(run, tmp_path):
    path = write(tmp_path / "a.txt", "Harbour wall finished early\n\nBy Anna Berg\n\n" + ARTICLE)
    [article] = trace_json(run, str(path))["articles"]
    assert article["author"] == "Anna Berg"
    assert not article["text"].startswith("By ")


def test_text_gzip_is_read(run, tmp_path, db):
    path = write(tmp_path / "a.txt.gz", gzip.compress(ARTICLE.encode()))
    [article] = trace_json(run, str(path))["articles"]
    assert article["text"].startswith("Officials")
    assert rows(db, "SELECT format FROM articles") == [("text",)]


def test_hard_wrapped_text_is_unwrapped_into_paragraphs():
    wrapped = (
        "The council met on Monday evening to discuss the budget for the coming\n"
        "year, which includes new spending on roads, schools and the old library\n"
        "that closed last autumn after its roof began to leak badly.\n"
        "\n"
        "Several residents spoke against the plan to sell the building, saying it\n"
        "should be repaired and reopened as a community centre for the district.\n"
    )
    assert paragraphs(wrapped) == [
        "The council met on Monday evening to discuss the budget for the coming year, which includes new spending "
        "on roads, schools and the old library that closed last autumn after its roof began to leak badly.",
        "Several residents spoke against the plan to sell the building, saying it should be repaired and reopened "
        "as a community centre for the district.",
    ]


def test_whitespace_and_unicode_are_normalised():
    decomposed = "Cafe\u0301  owners\u00a0said\u200b it\tworked.\r\n\r\n\r\nSecond   paragraph."
    assert paragraphs(decomposed) == ["Caf\u00e9 owners said it worked.", "Second paragraph."]


def test_identity_ignores_quote_dash_case_and_spacing():
    a = "\u201cIt is over,\u201d she said \u2014 twice."
    b = '"it is  over," she said - twice.'
    assert article_id(a) == article_id(b)
    assert article_id(a) != article_id("It is not over, she said.")
