"""A short fuzzing round for every reader, cleaning and date parsing (the long one is benchmarks/fuzz.py), and
a regression test for every crash the fuzzers found."""

from __future__ import annotations

import gzip
import json
from datetime import date, datetime

import pytest
from fuzz.inputs import STRATEGIES
from fuzz.targets import make_targets
from hypothesis import HealthCheck, given, settings

from conftest import rows, write
from newstrace.ingest.prepare import PrepareOptions, prepare
from newstrace.records import Origin, RawDocument
from newstrace.text.dates import parse_datetime

# examples per target: a few seconds each on a shared 2-core machine (HTML pages are the slowest to prepare)
EXAMPLES = {"text": 40, "html": 12, "jsonl": 30, "feed": 30, "warc": 40, "gzip": 15, "sniffed": 60, "dates": 300,
            "cleaning": 150}


@pytest.fixture(scope="module")
def targets(tmp_path_factory):
    """The targets, writing their inputs in a folder pytest keeps for the run (a folder made at import time
    could be gone by the time a long run reaches these tests)."""
    return make_targets(tmp_path_factory.mktemp("fuzz"))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_fuzz_round(name, targets):
    strategy = STRATEGIES[name if name in STRATEGIES else "text"]  # sniffed: text-ish files without an extension

    @settings(max_examples=EXAMPLES[name], deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(value):
        targets[name](value)

    one()


# -- regressions: each input below once crashed a run or stored something broken ---------------------------


@pytest.mark.sqlite_only  # reads the SQLite file beside the store
def test_html_canonical_link_that_is_no_url_does_not_crash(run, tmp_path, db_path):
    page = ('<html><head><title>Harbour</title><link rel="canonical" href="http://[::1"></head><body><article>'
            + "<p>The council said on Monday that the harbour wall would be finished by spring, officials said.</p>" * 3
            + "</article></body></html>")
    result = run("add", "--no-analyse", str(write(tmp_path / "p.html", page)))
    assert result.exit_code == 0 and "Added 1," in result.stdout
    assert rows(db_path, "SELECT outlet FROM articles") == [(None,)]


def test_feed_content_with_control_characters_is_read():
    raw = RawDocument(Origin("f.xml", "entry 1"), "feed", "html-fragment",
                      "<p>Council \x00 met\x1f on Monday</p><p>and \ufffe decided\x0b.</p>", "h")
    article = prepare(raw, PrepareOptions())
    assert not isinstance(article, type(None)) and "Council" in article.text  # type: ignore[union-attr]


def test_feed_with_binary_encoding_declaration_is_rejected(run, tmp_path):
    feed = b'<?xml version="1.0" encoding="bol\xfe\xab\x95gus"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>'
    path = write(tmp_path / "f.xml", feed)
    result = run("add", "--no-analyse", str(path))
    assert result.exit_code == 0 and f"{path}: [I120] broken feed" in result.stdout


@pytest.mark.sqlite_only  # reads the SQLite file beside the store
def test_jsonl_lone_surrogates_are_stored_as_replacement_characters(run, tmp_path, db_path):
    line = json.dumps({"text": "The council met on Monday \ud800 and decided to rebuild the bridge.",
                       "title": "T \udc00", "url": "https://n.example/\ud800", "outlet": "\ud800 Post"})
    path = write(tmp_path / "s.jsonl", line + "\n")
    for _ in range(2):  # the rerun reads the same source again (it once failed there too)
        result = run("add", "--no-analyse", str(path))
        assert result.exit_code == 0, result.output
    [(text, title, url)] = rows(db_path, "SELECT text, title, url FROM articles")
    assert "\ufffd" in text and title == "T \ufffd" and url == "https://n.example/\ufffd"


def test_warc_revisit_record_without_target_uri_is_rejected(run, tmp_path):
    record = (b"WARC/1.0\r\nWARC-Type: revisit\r\nContent-Type: application/http; msgtype=response\r\n"
              b"Content-Length: 10\r\n\r\nHTTP/1.1 2\r\n\r\n\r\n")
    path = write(tmp_path / "r.warc", record)
    result = run("add", "--no-analyse", str(path))
    assert result.exit_code == 0 and f"{path}:record 1: [I140]" in result.stdout


def test_corrupt_gzip_jsonl_is_rejected_with_its_code(run, tmp_path):
    packed = bytearray(gzip.compress(b'{"text": "The council met on Monday to decide on the bridge."}\n' * 20))
    packed[20] ^= 0xFF
    path = write(tmp_path / "c.jsonl.gz", bytes(packed))
    result = run("add", "--no-analyse", str(path))
    assert result.exit_code == 0 and "[I105]" in result.stdout


def test_jsonl_published_that_is_no_date_is_rejected(run, tmp_path):
    path = write(tmp_path / "d.jsonl", json.dumps({"text": "The council met on Monday.", "published": "\nº"}) + "\n")
    result = run("add", "--no-analyse", str(path))
    assert f'{path}:line 1: [I131] "published" is not a date or time' in result.stdout


def test_dates_from_objects_keep_the_same_bounds_and_precision_as_text():
    assert parse_datetime(date(144, 6, 17)) is None
    assert parse_datetime(datetime(9339, 11, 5)) is None
    moment = parse_datetime(datetime(2016, 12, 31, 23, 59, 59, 2672))
    assert moment == "2016-12-31T23:59:59" and parse_datetime(moment) == moment
