"""Every kind of bad input gets a one-line reason naming it, and the rest of the batch goes in."""

from __future__ import annotations

import gzip

from conftest import ARTICLE, rows, write


def test_each_bad_input_named_with_reason_and_good_ones_stored(run, tmp_path, db):
    good = write(tmp_path / "in" / "good.txt", ARTICLE)
    bad = {
        "binary": write(tmp_path / "in" / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300)),
        "empty": write(tmp_path / "in" / "empty.txt", b""),
        "blank": write(tmp_path / "in" / "blank.txt", b"  \n\n \t\n"),
        "gzip": write(tmp_path / "in" / "cut.txt.gz", gzip.compress(ARTICLE.encode())[:40]),
        "huge": write(tmp_path / "in" / "huge.txt", ("A long line of words. " * 60_000)),
        "encoding": write(tmp_path / "in" / "odd.txt", bytes(range(128, 256)) * 40),
    }
    result = run("add", "--max-document-bytes", "1000000", str(tmp_path / "in"), str(tmp_path / "missing.txt"))
    assert result.exit_code == 0
    out = result.stdout
    assert f"{bad['binary']}: [I102] binary data, not text" in out
    assert f"{bad['empty']}: [I101] empty file" in out
    assert f"{bad['blank']}: [I101] file holds only whitespace" in out
    assert f"{bad['gzip']}: [I105] corrupt or truncated gzip data" in out
    assert f"{bad['huge']}: [I104] 1,320,000 bytes is over the 1,000,000-byte limit" in out
    assert f"{bad['encoding']}: [I103] unknown text encoding" in out
    assert f"{tmp_path / 'missing.txt'}: [I100] no such file or folder" in out
    assert "Added 1," in out and "rejected 7" in out
    assert rows(db, "SELECT path FROM articles") == [(str(good),)]


def test_strict_exits_1_on_any_rejection_but_keeps_good_input(run, tmp_path, db):
    good = write(tmp_path / "good.txt", ARTICLE)
    empty = write(tmp_path / "empty.txt", b"")
    result = run("add", "--strict", str(good), str(empty))
    assert result.exit_code == 1
    assert rows(db, "SELECT COUNT(*) FROM articles") == [(1,)]
    assert run("add", "--strict", str(good)).exit_code == 0


def test_utf16_and_latin1_text_are_decoded(run, tmp_path, db):
    utf16 = write(tmp_path / "u16.txt", ARTICLE.replace("Tuesday", "Friday").encode("utf-16"))
    latin = write(tmp_path / "l1.txt", ("Café owners in the old town said the new parking rules had cost them "
                                        "customers since the spring, and asked the council to review them.")
                  .encode("latin-1"))
    result = run("add", str(utf16), str(latin))
    assert "Added 2," in result.stdout, result.stdout
    texts = [t for (t,) in rows(db, "SELECT text FROM articles ORDER BY seq")]
    assert texts[0].startswith("Officials in the port city said on Friday")
    assert texts[1].startswith("Café owners")


def test_unknown_extension_named_explicitly_is_sniffed(run, tmp_path, db):
    path = write(tmp_path / "story.article", ARTICLE)
    assert "Added 1," in run("add", str(path)).stdout
    assert rows(db, "SELECT format FROM articles") == [("text",)]


def test_standard_input(run, db):
    result = run("add", "-", input=ARTICLE)
    assert "Added 1," in result.stdout
    assert rows(db, "SELECT path FROM articles") == [("-",)]
    jsonl = '{"text": "A second article read from standard input as JSONL, with a handful of words."}\n'
    assert "Added 1," in run("add", "--format", "jsonl", "-", input=jsonl).stdout
    assert rows(db, "SELECT record FROM articles ORDER BY seq") == [("",), ("line 1",)]


def test_store_path_in_missing_folder_is_a_clear_error(run, tmp_path):
    result = run("add", "--db", str(tmp_path / "nope" / "x.db"), str(write(tmp_path / "a.txt", ARTICLE)), db=False)
    assert result.exit_code == 1
    assert f"[S201] {tmp_path / 'nope' / 'x.db'}: folder {tmp_path / 'nope'} does not exist" in result.stderr


def test_a_file_that_is_not_a_store_is_refused_and_left_alone(run, tmp_path):
    not_db = write(tmp_path / "notes.db", "these are my notes, not a database\n" * 20)
    before = not_db.read_bytes()
    result = run("list", "--db", str(not_db), db=False)
    assert result.exit_code == 1
    assert "[S201]" in result.stderr and "cannot open as a newstrace store" in result.stderr
    assert not_db.read_bytes() == before
