from __future__ import annotations

import gc
import io
import warnings

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import rows, trace_json, write


def _page(n: int) -> bytes:
    paras = "".join(f"<p>Paragraph {j} of story {n}: the council met again on Monday to debate the plan for the "
                    f"river crossing, and residents filled the hall.</p>" for j in range(4))
    return f"<html><head><title>Story {n}</title></head><body><article>{paras}</article></body></html>".encode()


def make_warc(gz: bool) -> bytes:
    # warcio's writer leaves spooled temp buffers to the garbage collector: collect them here, quietly
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        data = _write_warc(gz)
        gc.collect()
    return data


def _write_warc(gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    for n, (ctype, status) in enumerate([("text/html; charset=utf-8", "200 OK"), ("image/png", "200 OK"),
                                         ("text/html", "301 Moved Permanently"), ("text/html", "200 OK")]):
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        body = _page(n) if "html" in ctype else b"\x89PNG\r\n\x1a\n" + bytes(200)
        writer.write_record(writer.create_warc_record(
            f"https://news.example/story/{n}", "response", payload=io.BytesIO(body), http_headers=http,
            warc_headers_dict={"WARC-Date": f"2026-01-0{n + 1}T10:00:00Z"}))
    return buf.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_with_uri_and_date(run, tmp_path, gz):
    path = write(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), make_warc(gz))
    data = trace_json(run, str(path))
    assert [a["url"] for a in data["articles"]] == ["https://news.example/story/0", "https://news.example/story/3"]
    assert [a["published"] for a in data["articles"]] == ["2026-01-01T10:00:00+00:00", "2026-01-04T10:00:00+00:00"]
    assert data["articles"][0]["title"] == "Story 0"
    assert data["articles"][0]["record"] == "record 2"  # record 1 is warcinfo
    assert data["ingest"]["rejected"] == []


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_earlier_records_and_names_the_broken_one(run, tmp_path, db, gz):
    data = make_warc(gz)
    path = write(tmp_path / ("cut.warc.gz" if gz else "cut.warc"), data[: len(data) - 300])
    result = run("add", str(path))
    assert result.exit_code == 0
    assert f"{path}:record 5: [I140] truncated" in result.stdout
    assert rows(db, "SELECT url FROM articles") == [("https://news.example/story/0",)]


def test_warc_garbage_is_rejected(run, tmp_path):
    junk = write(tmp_path / "junk.warc", b"This is a plain note that someone named .warc by mistake.\n" * 3)
    headless = write(tmp_path / "headless.warc", b"WARC/1.0\r\nnot a header block\r\n\r\n" + b"x" * 50)
    result = run("add", "--strict", str(junk), str(headless))
    assert result.exit_code == 1
    assert f"{junk}: [I140] not a WARC file (it does not start with a WARC/1.x header)" in result.stdout
    assert f"{headless}: [I111] no HTML response records among 1 records" in result.stdout


def test_gzip_warc_whose_first_block_opens_with_long_code_tables(tmp_path):
    """The check that a .warc.gz starts with a WARC header must decompress enough input to see it: with many
    varied header fields the first deflate block opens with code tables longer than 64 bytes."""
    import gzip
    import random

    from newstrace.ingest.readers import read_warc
    from newstrace.ingest.sources import InputFile, head_bytes

    rng = random.Random(0)
    fields = "".join(f"X-Field-{k}: " + "".join(rng.choice("abcdefghijklmnop") for _ in range(30)) + "\r\n"
                     for k in range(40))
    data = gzip.compress(("WARC/1.0\r\nWARC-Type: warcinfo\r\n" + fields + "Content-Length: 0\r\n\r\n\r\n").encode(),
                         mtime=0)
    path = write(tmp_path / "odd.warc.gz", data)
    item = InputFile(str(path), path, "warc", True)
    assert head_bytes(item, 64).startswith(b"WARC/1.0")
    assert not any("not a WARC file" in getattr(r, "reason", "") for r in read_warc(item, 10**6))


@pytest.mark.parametrize("gz", [False, True])
def test_a_warc_cut_inside_a_record_header_names_that_record(run, tmp_path, db, gz):
    """The file ends before the last record's Content-Length line: the records before it are kept, and the
    cut one is named, not silently dropped."""
    import zlib

    data = make_warc(gz)
    if gz:  # the last gzip member, cut where what it decompresses to ends inside the WARC header
        start = data.rfind(b"\x1f\x8b\x08")
        member = data[start:]
        for size in range(10, len(member)):
            shown = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(member[:size])
            if b"WARC-Type" in shown and b"Content-Length" not in shown:
                break
        cut = data[:start + size]
    else:
        last = data.rfind(b"WARC/1.0\r\n")
        cut = data[:data.index(b"WARC-Target-URI", last) + 20]
    path = write(tmp_path / ("cut.warc.gz" if gz else "cut.warc"), cut)
    result = run("add", str(path))
    assert f"{path}:record 5: [I140] truncated or corrupt WARC record: its header gives no Content-Length" \
        in result.stdout
    assert rows(db, "SELECT url FROM articles") == [("https://news.example/story/0",)]
