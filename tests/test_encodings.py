"""Encodings: bytes that are not UTF-8 are read by BOM, declared charset or detection, the encoding is stored
and shown, weak guesses are warned about with the input named, and garbage is rejected with a code."""

from __future__ import annotations

import gc
import io
import json
import warnings

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import rows, trace_json, write
from newstrace.errors import Code
from newstrace.ingest.decode import DecodeError, decode_bytes, plausibility

LATIN = ("Café naïve\n\nThe café on the corner stayed open all night, and its naïve owner trusted every "
         "customer who promised to pay the next morning.\n")
POLISH = "Zażółć gęślą jaźń. Mówię po polsku, to jest zdanie o żółtym słońcu i gęsiej skórce.\n"


def test_decode_latin1_with_junk_bytes_comes_out_as_cafe_naive():
    decoded = decode_bytes(LATIN.encode("latin-1") + b"\x81\x8d junk\n")
    assert decoded.text.startswith("Café naïve\n")
    assert "naïve owner" in decoded.text
    assert decoded.encoding == "cp1252"
    assert decoded.note is not None and "2 bytes that fit no character" in decoded.note


def test_decode_clean_latin1_is_a_sure_guess():
    decoded = decode_bytes(LATIN.encode("latin-1"))
    assert decoded.text == LATIN
    assert (decoded.encoding, decoded.note) == ("cp1252", None)


def test_decode_central_european_text_picks_its_code_page():
    assert decode_bytes(POLISH.encode("cp1250")).text == POLISH
    assert decode_bytes(POLISH.encode("cp1250")).encoding == "cp1250"


def test_decode_typographic_quotes_in_cp1252():
    text = "He said: \u201cdon\u2019t go\u201d \u2014 it\u2019s 5 \u20ac, not more.\n"
    assert decode_bytes(text.encode("cp1252")).text == text


def test_decode_non_latin_scripts_by_detection():
    russian = "Привет, как дела? Это текст на русском языке, и он довольно длинный для проверки.\n"
    decoded = decode_bytes(russian.encode("cp1251"))
    assert decoded.text == russian and decoded.encoding == "cp1251"


def test_decode_utf8_with_one_damaged_byte_stays_utf8():
    text = "Le garçon a mangé des crêpes à Noël, près de la forêt, avec sa sœur aînée. "
    decoded = decode_bytes(text.encode("utf-8") + b"\xe9 " + text.encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("crêpes") == 2
    assert decoded.note is not None and "damaged" in decoded.note


def test_decode_bom_and_declared_charset_are_sure():
    assert decode_bytes("Ünïcödé text".encode("utf-16")).encoding == "utf-16"
    html = '<html><head><meta charset="iso-8859-1"></head><body>Café</body></html>'.encode("latin-1")
    decoded = decode_bytes(html, html=True)
    assert (decoded.encoding, decoded.note) == ("iso8859-1", None) and "Café" in decoded.text
    assert decode_bytes("Café crème".encode("latin-1"), declared="ISO-8859-15").encoding == "iso8859-15"


def test_decode_wrongly_declared_utf8_is_guessed_and_says_so():
    html = '<html><head><meta charset="utf-8"></head><body>Café naïve au coin</body></html>'.encode("latin-1")
    decoded = decode_bytes(html, html=True)
    assert "Café naïve" in decoded.text
    assert decoded.note is not None and decoded.note.startswith("declared as utf-8")


@pytest.mark.parametrize("data", [bytes(range(128, 256)) * 4, b"\xff\xfe\xfd" * 300])
def test_decode_rejects_bytes_no_encoding_reads(data):
    with pytest.raises(DecodeError) as caught:
        decode_bytes(b"x " + data)
    assert caught.value.code in (Code.ENCODING, Code.BINARY)


def test_plausibility_prefers_letters_inside_words():
    assert plausibility("Café naïve") == (1.0, 0.0, 1.0)
    in_words, _, overall = plausibility("Cafķ na’ve \u0081")
    assert in_words == 1.0 and overall < 0.7  # ķ is a letter, but the stray control between words is not
    assert plausibility("Za¿ó³æ")[0] < 0.5


@pytest.mark.sqlite_only  # reads the SQLite file beside the store
def test_latin1_file_is_stored_right_with_encoding_and_warning(run, tmp_path, db_path):
    path = write(tmp_path / "latin.txt", LATIN.encode("latin-1") + b"\x81\x8d junk\n")
    result = run("add", "--no-analyse", str(path))
    assert result.exit_code == 0, result.output
    assert f"{path}: [W400] stored as cp1252: guessed cp1252 from the bytes" in result.stdout
    [(title, text, encoding, note)] = rows(db_path, "SELECT title, text, encoding, encoding_note FROM articles")
    assert title == "Café naïve" and "its naïve owner" in text
    assert encoding == "cp1252" and "replaced by U+FFFD" in note
    [(article_id,)] = rows(db_path, "SELECT id FROM articles")
    shown = run("show", article_id)
    assert "cp1252" in shown.stdout and "guessed" in shown.stdout
    data = json.loads(run("show", "--json", article_id).stdout)
    assert data["encoding"] == "cp1252" and "guessed" in data["encoding_warning"]


def test_trace_json_has_encoding_and_warning(run, tmp_path):
    sure = write(tmp_path / "sure.txt", LATIN.replace("Café", "Café bar").encode("utf-8"))
    guessed = write(tmp_path / "guessed.txt", LATIN.encode("latin-1") + b"\x81 junk\n")
    data = trace_json(run, str(sure), str(guessed))
    by_path = {a["path"]: a for a in data["articles"]}
    assert by_path[str(sure)]["encoding"] == "utf-8" and by_path[str(sure)]["encoding_warning"] is None
    assert by_path[str(guessed)]["encoding"] == "cp1252"
    assert [w["input"] for w in data["ingest"]["warnings"]] == [str(guessed)]
    assert data["ingest"]["warnings"][0]["code"] == "W400"


@pytest.mark.sqlite_only  # reads the SQLite file beside the store
def test_garbage_text_file_is_rejected_with_code_and_good_input_goes_in(run, tmp_path, db_path):
    garbage = write(tmp_path / "garbage.txt", b"x " + bytes(range(128, 256)) * 8)
    good = write(tmp_path / "good.txt", LATIN)
    result = run("add", "--no-analyse", str(garbage), str(good))
    assert result.exit_code == 0
    assert f"{garbage}: [I103] unknown text encoding" in result.stdout
    assert rows(db_path, "SELECT COUNT(*) FROM articles") == [(1,)]


def _warc_with_header_charset() -> bytes:
    body = ("<html><head><title>Harbour</title></head><body><article>"
            + "".join(f"<p>Paragraph {j}: the café by the harbour reopened on Monday, and its naïve owner "
                      f"promised free coffee to every fisherman in the bay.</p>" for j in range(4))
            + "</article></body></html>").encode("latin-1")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=ISO-8859-1")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/cafe", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
        gc.collect()
    return buf.getvalue()


def test_warc_http_header_charset_is_used_and_recorded(run, tmp_path):
    path = write(tmp_path / "crawl.warc", _warc_with_header_charset())
    [article] = trace_json(run, str(path))["articles"]
    assert "naïve owner" in article["text"]
    assert article["encoding"] == "iso8859-1" and article["encoding_warning"] is None


@pytest.mark.sqlite_only  # reads the SQLite file beside the store
def test_web_article_page_and_api_show_the_guessed_encoding(run, tmp_path, db_path, monkeypatch):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newstrace.config import Settings
    from newstrace.web.app import create_app

    monkeypatch.setenv("NEWSTRACE_ANALYSE_MAX_CHARS", "60")
    path = write(tmp_path / "latin.txt", LATIN.encode("latin-1") + b"\x81 junk\n")
    assert run("trace", str(path)).exit_code == 0
    [(article_id,)] = rows(db_path, "SELECT id FROM articles")
    client = TestClient(create_app(Settings(db=str(db_path))), raise_server_exceptions=False)
    data = client.get(f"/api/articles/{article_id}").json()["article"]
    assert data["encoding"] == "cp1252" and "guessed cp1252" in data["encoding_warning"]
    assert data["bounded"]["analysed_span"][1] <= 60
    page = client.get(f"/articles/{article_id}", headers={"accept": "text/html"}).text
    assert "Encoding cp1252: guessed cp1252" in page and "Only the first" in page
