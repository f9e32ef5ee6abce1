from __future__ import annotations

from conftest import ARTICLE, rows, trace_json, write

BODY = "".join(f"<p>{p}</p>" for p in ARTICLE.strip().split("\n\n"))

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Port News</title><link>https://port.example/</link><language>en</language>
<item><title>Harbour wall finished early</title><link>https://port.example/wall</link>
<pubDate>Tue, 06 Jan 2026 09:30:00 +0100</pubDate><dc:creator>Anna Berg</dc:creator>
<description>Short summary.</description><content:encoded><![CDATA[{BODY}]]></content:encoded></item>
<item><title>Summary only</title><link>https://port.example/summary</link>
<pubDate>Wed, 07 Jan 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The ferry timetable changes on Monday, the operator said, with two extra sailings a day
 in summer.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://port.example/empty</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Bay Post</title><id>urn:bay</id>
<updated>2026-01-06T10:00:00Z</updated>
<entry><title>Wall done</title><id>urn:bay:1</id><link href="https://bay.example/wall"/>
<published>2026-01-06T10:00:00+02:00</published><updated>2026-01-06T11:00:00+02:00</updated>
<author><name>Per Lund</name></author>
<content type="html">{BODY.replace("<", "&lt;").replace(">", "&gt;")}</content></entry>
</feed>"""


def test_rss_entries_with_content_link_time_and_outlet(run, tmp_path, db):
    path = write(tmp_path / "port.rss", RSS)
    result = run("trace", "--json", str(path))
    data = __import__("json").loads(result.stdout)
    first, second = data["articles"]
    assert first["outlet"] == "Port News" and first["title"] == "Harbour wall finished early"
    assert first["url"] == "https://port.example/wall"
    assert first["published"] == "2026-01-06T09:30:00+01:00"
    assert first["author"] == "Anna Berg"
    assert first["text"].split("\n")[0].startswith("Officials in the port city")
    assert first["text"].count("\n") == 2
    assert second["text"].startswith("The ferry timetable changes on Monday")
    assert second["published"] == "2026-01-07T10:00:00+00:00"
    assert [r["input"] for r in data["ingest"]["rejected"]] == [f"{path}:entry 3"]
    assert rows(db, "SELECT format, record FROM articles ORDER BY seq") == [
        ("feed", "entry 1"), ("feed", "entry 2")]


def test_atom_entry(run, tmp_path):
    [article] = trace_json(run, str(write(tmp_path / "bay.atom", ATOM)))["articles"]
    assert (article["outlet"], article["url"], article["published"], article["author"]) == (
        "Bay Post", "https://bay.example/wall", "2026-01-06T10:00:00+02:00", "Per Lund")
    assert "harbour wall had been finished" in article["text"]


def test_broken_feed_is_rejected_and_batch_continues(run, tmp_path):
    broken = write(tmp_path / "broken.xml", "<?xml version='1.0'?><rss><channel><title>X</title><item><title>")
    not_feed = write(tmp_path / "data.xml", "<?xml version='1.0'?><config><option name='a'>1</option></config>")
    good = write(tmp_path / "good.txt", ARTICLE)
    result = run("add", str(broken), str(not_feed), str(good))
    assert f"{broken}: [I120] " in result.stdout
    assert f"{not_feed}: [I120] not an RSS or Atom feed" in result.stdout
    assert "Added 1," in result.stdout
