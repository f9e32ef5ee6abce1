"""The JSON API and the server-rendered pages, on a store built from the demo corpus (FastAPI's TestClient;
the browser tests are in test_web_browser.py)."""

from __future__ import annotations

import json

import pytest

from conftest import BACKENDS, fresh_db, write


@pytest.fixture(scope="module", params=BACKENDS)
def demo_store(request, tmp_path_factory):
    """The demo corpus traced into a store of each backend in turn."""
    with fresh_db(request.param, tmp_path_factory.mktemp("web"), request) as db:
        yield _build(db, tmp_path_factory)


def _build(db, tmp_path_factory):
    from click.testing import CliRunner

    from conftest import EXAMPLES
    from newstrace.cli import cli

    hostile = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    hostile.write_text(json.dumps({
        "title": "<script>alert('title')</script> Harbour fire",
        "outlet": "Evil <b>Outlet</b>", "published": "2026-03-15T09:00:00+00:00",
        "text": "A fire broke out at the harbour <script>alert('x')</script> on Sunday night, officials said. "
                "Witnesses saw <img src=x onerror=alert(1)> flames and a <a href=\"javascript:alert(2)\">link</a> "
                "near the old customs house, where firefighters fought the blaze for three hours before dawn."}) + "\n",
        encoding="utf-8")
    for path in (EXAMPLES, hostile):
        result = CliRunner().invoke(cli, ["trace", "--db", db, str(path)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def client(demo_store, monkeypatch):
    from fastapi.testclient import TestClient

    from newstrace.config import Settings
    from newstrace.web.app import create_app

    monkeypatch.delenv("NEWSTRACE_TOKEN", raising=False)
    return TestClient(create_app(Settings(db=str(demo_store))), raise_server_exceptions=False)


def _id(client, outlet, title_word=""):
    articles = client.get("/api/articles?limit=200").json()["articles"]
    return next(a["id"] for a in articles if a["outlet"] == outlet and title_word in (a["title"] or ""))


def test_list_search_filter_and_page(client):
    data = client.get("/api/articles").json()
    assert data["total"] == 13 and len(data["articles"]) == 13
    assert {"id", "outlet", "published", "class", "derived"} <= set(data["articles"][0])
    hits = client.get("/api/articles", params={"q": "bridge"}).json()["articles"]
    assert hits and all("[" in h["snippet"] for h in hits)
    assert [a["outlet"] for a in client.get("/api/articles?outlet=Valley Times").json()["articles"]] == ["Valley Times"]
    derived = client.get("/api/articles", params={"class": "partially_derived"}).json()["articles"]
    assert derived and all(a["class"] == "partially_derived" for a in derived)
    page = client.get("/api/articles?limit=5&offset=5").json()
    assert len(page["articles"]) == 5 and page["offset"] == 5
    bad = client.get("/api/articles?limit=0")
    assert bad.status_code == 422 and "limit" in bad.json()["error"]["message"]
    refused = client.get("/api/articles", params={"q": "(((("})
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "U302"


def test_one_article_with_everything(client):
    harbour = _id(client, "Harbour Daily", "Veldra")
    data = client.get(f"/api/articles/{harbour[:8]}").json()
    assert data["article"]["id"] == harbour
    labels = [s["label"] for s in data["sentences"]]
    assert labels.count("copied") >= 4
    copied = next(s for s in data["sentences"] if s["label"] == "copied")
    assert copied["evidence"][0]["source_text"] and "Coastal Press Agency" in copied["evidence"][0]["source_label"]
    assert data["originality"]["uncredited"] and data["alignments"] and data["attributions"]
    assert data["story"] and {c["outlet"] for c in data["context"]} >= {"Coastal Press Agency"}
    valley = client.get(f"/api/articles/{_id(client, 'Valley Times')}").json()
    assert {d["kind"] for d in valley["discrepancies"]} >= {"number_changed", "date_changed", "interval_reversed"}


def test_errors_are_json_with_the_right_status(client):
    missing = client.get("/api/articles/ffffffffffff")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "U300"
    assert client.get("/api/articles/xyz").status_code == 404
    assert client.get("/api/stories/s999").status_code == 404
    assert client.get("/api/nowhere").json()["error"]["status"] == 404
    page = client.get("/articles/ffffffffffff", headers={"accept": "text/html"})
    assert page.status_code == 404 and "<h1>Error 404</h1>" in page.text and "Traceback" not in page.text


def test_compare_story_and_schema(client):
    cpa, harbour = _id(client, "Coastal Press Agency"), _id(client, "Harbour Daily", "Veldra")
    pair = client.get(f"/api/compare/{cpa}/{harbour}").json()
    assert pair["alignments"] and set(pair["texts"]) == {cpa, harbour}
    # every passage says which article took it from which, how sure and why
    assert pair["passages"] and all(p["direction"] == "decided" for p in pair["passages"])
    assert {(p["taken_from"], p["taken_by"]) for p in pair["passages"]} == {(cpa, harbour)}
    assert all(p["direction_confidence"] >= 0.75 and "published first" in p["direction_reason"]
               for p in pair["passages"])
    story = client.get(f"/api/articles/{cpa}").json()["story"]
    timeline = client.get(f"/api/stories/{story}").json()
    assert timeline["first"] == cpa and timeline["articles"] == 11
    schema = client.get("/openapi.json").json()
    assert {"/api/articles", "/api/articles/{article_id}", "/api/ingest"} <= set(schema["paths"])
    assert client.get("/docs").status_code == 200


def test_pages_escape_hostile_text_and_send_a_policy(client):
    hostile = _id(client, "Evil <b>Outlet</b>")
    page = client.get(f"/articles/{hostile}", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text
    assert "<img src=x" not in page.text and "<a href=\"javascript:" not in page.text
    assert "Evil &lt;b&gt;Outlet&lt;/b&gt;" in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    listing = client.get("/", params={"q": "harbour"}, headers={"accept": "text/html"})
    assert "<script>alert('title')" not in listing.text and "&lt;script&gt;" in listing.text
    # every asset the pages use is served from here
    assert client.get("/static/app.css").status_code == 200 and client.get("/static/app.js").status_code == 200
    assert "http://" not in page.text.split("</head>")[0] and "https://" not in page.text.split("</head>")[0]


def test_ingest_needs_the_token(client, monkeypatch, tmp_path):
    body = {"files": ("story.txt", b"Quay reopens\n\nThe old quay in the harbour town reopened on Monday after "
                                   b"repairs that took most of the winter, the port authority said.\n")}
    refused = client.post("/api/ingest", files=body)
    assert refused.status_code == 403 and "NEWSTRACE_TOKEN" in refused.json()["error"]["message"]
    monkeypatch.setenv("NEWSTRACE_TOKEN", "s3cret")
    assert client.post("/api/ingest", files=body, headers={"authorization": "Bearer wrong"}).status_code == 401
    added = client.post("/api/ingest", files=body, headers={"authorization": "Bearer s3cret"})
    assert added.status_code == 201 and added.json()["added"] == 1
    broken = client.post("/api/ingest", files={"files": ("bad.jsonl", b"not json\n")},
                         headers={"authorization": "Bearer s3cret"})
    assert broken.status_code == 201 and broken.json()["rejected"][0]["input"].startswith("0000-bad.jsonl")
    assert client.get("/api/articles").json()["total"] == 14  # nothing already stored was lost


def test_serve_refuses_a_bad_store(run, tmp_path):
    result = run("serve", "--db", str(tmp_path / "missing" / "s.db"), db=False)
    assert result.exit_code == 1 and "does not exist" in result.output
    write(tmp_path / "junk.db", b"not a database at all" * 100)
    result = run("serve", "--db", str(tmp_path / "junk.db"), db=False)
    assert result.exit_code == 1 and "cannot open" in result.output


def test_story_and_compare_pages(client):
    cpa, harbour = _id(client, "Coastal Press Agency"), _id(client, "Harbour Daily", "Veldra")
    story = client.get(f"/api/articles/{harbour}").json()["story"]
    page = client.get(f"/stories/{story}", headers={"accept": "text/html"})
    assert page.status_code == 200 and "first report" in page.text and "independent" in page.text
    assert f'href="/compare/{cpa}/{harbour}"' in page.text
    pair = client.get(f"/compare/{cpa}/{harbour}", headers={"accept": "text/html"})
    assert pair.status_code == 200 and 'id="left-1"' in pair.text and 'href="#right-1"' in pair.text
    assert "Nine soldiers and five civilians" in pair.text
    assert ('id="direction-1"' in pair.text and "Harbour Daily took it from Coastal Press Agency" in pair.text
            and "(90% sure): Coastal Press Agency was published first" in pair.text)
    assert client.get("/stories/s999", headers={"accept": "text/html"}).status_code == 404


def test_exports_download(client):
    import io
    import xml.etree.ElementTree as ET
    import zipfile

    articles = client.get("/api/export/articles.jsonl")
    total = client.get("/api/articles").json()["total"]
    assert articles.status_code == 200 and len(articles.text.splitlines()) == total
    assert 'attachment; filename="articles.jsonl"' == articles.headers["content-disposition"]
    assert client.get("/api/export/articles.csv").text.startswith("id,")
    originality = client.get("/api/export/originality.csv").text
    assert originality.startswith("article,outlet,title") and "uncredited" in originality
    ET.fromstring(client.get("/api/export/graph.graphml").content)
    assert client.get("/api/export/graph.json").json()["outlets"]["edges"]
    pan = zipfile.ZipFile(io.BytesIO(client.get("/api/export/pan.zip").content))
    assert pan.namelist() and all(name.endswith(".xml") for name in pan.namelist())
    assert len(client.get("/api/export/attributions.jsonl").text.splitlines()) > 20
    missing = client.get("/api/export/secrets.txt")
    assert missing.status_code == 404 and "pan.zip" in missing.json()["error"]["message"]


def test_paging_far_past_the_end_is_refused_not_a_crash(client):
    """Found by the schemathesis run: an offset past SQLite's integers answered 500."""
    response = client.get("/api/articles", params={"offset": 9223372036854775808})
    assert response.status_code == 422 and "offset" in response.json()["error"]["message"]
    assert client.get("/api/articles", params={"offset": 1000}).json()["articles"] == []


def test_upload_a_warc_and_a_jsonl_and_refuse_an_oversized_file(client, monkeypatch):
    import newstrace.web.app as web_app
    from test_readers_warc import make_warc

    monkeypatch.setenv("NEWSTRACE_TOKEN", "s3cret")
    auth = {"authorization": "Bearer s3cret"}
    before = client.get("/api/articles").json()["total"]
    lines = json.dumps({"title": "Ferry", "text": "The night ferry to the islands was cancelled on Tuesday because "
                                                  "of the storm, the operator said in a short statement."}) + "\n"
    added = client.post("/api/ingest", headers=auth, files=[
        ("files", ("crawl.warc.gz", make_warc(gz=True), "application/warc")),
        ("files", ("more.jsonl", lines.encode(), "application/x-ndjson"))])
    assert added.status_code == 201, added.text
    assert added.json()["added"] >= 2 and added.json()["rejected"] == []
    assert client.get("/api/articles").json()["total"] == before + added.json()["added"]
    monkeypatch.setattr(web_app, "UPLOAD_MAX", 100)
    too_big = client.post("/api/ingest", headers=auth, files={"files": ("big.txt", b"x" * 101)})
    assert too_big.status_code == 413 and "big.txt" in too_big.json()["error"]["message"]
    assert client.get("/api/articles").json()["total"] == before + added.json()["added"]


def test_bad_dates_and_malformed_queries_are_400_with_the_error_shape(client):
    for params, problem in (({"since": "yesterdayish"}, "since 'yesterdayish' is not an ISO date or time"),
                            ({"until": "2024-13-45"}, "until '2024-13-45' is not an ISO date or time"),
                            ({"q": '"unclosed'}, "a double quote is not closed"),
                            ({"q": "AND"}, "syntax error near 'AND'"),
                            ({"q": "foo NOT"}, "syntax error at the end of the query"),
                            ({"q": "a:b"}, "'a' is not a column to search")):
        response = client.get("/api/articles", params=params)
        assert response.status_code == 400, params
        error = response.json()["error"]
        assert error["status"] == 400 and error["code"] == "U302" and problem in error["message"]
    assert client.get("/api/articles", params={"q": "title:bridge"}).json()["articles"]


def test_outlet_filter_ignores_case_and_lists_oldest_first(client):
    from newstrace.text.dates import timestamp

    listed = client.get("/api/articles", params={"outlet": "harbour DAILY"}).json()
    assert listed["total"] == 2 and {a["outlet"] for a in listed["articles"]} == {"Harbour Daily"}
    times = [a["published"] for a in client.get("/api/articles?limit=200").json()["articles"]]
    dated = [t for t in times if t]
    assert times == dated + [None] * (len(times) - len(dated))
    assert [timestamp(t) for t in dated] == sorted(timestamp(t) for t in dated)


def test_graph_page_sends_its_table_of_edges(client):
    edges = [e for e in client.get("/api/graph").json()["outlets"]["edges"]
             if e["copied"] + e["paraphrased"] > 0 or e["quoted"] > 0]
    page = client.get("/graph", headers={"accept": "text/html"})
    assert page.status_code == 200 and edges
    body = page.text.split('<table id="edges"')[1].split("</table>")[0]
    assert body.count("<tr>") == len(edges) + 1  # the header row, then one per edge, before any script runs
    first = edges[0]
    assert (f"<td>{first['source']}</td><td>{first['target']}</td><td>{first['copied']}</td>"
            f"<td>{first['paraphrased']}</td>") in body


def test_compare_page_says_when_the_direction_is_undecided(run, tmp_path, db, monkeypatch):
    from fastapi.testclient import TestClient

    from newstrace.config import Settings
    from newstrace.web.app import create_app
    from test_cli import _ids, _pairs

    assert run("trace", str(_pairs(tmp_path))).exit_code == 0
    ids = _ids(db)
    client = TestClient(create_app(Settings(db=db)), raise_server_exceptions=False)
    star, bell = ids["Timetable review"], ids["School hours"]
    [passage] = client.get(f"/api/compare/{star}/{bell}").json()["passages"]
    assert passage["direction"] == "undecided" and passage["taken_from"] is None
    page = client.get(f"/compare/{star}/{bell}", headers={"accept": "text/html"}).text
    assert 'class="direction undecided" id="direction-1"' in page
    assert "Direction undecided (0%): no publication times and no credit tell which came first" in page
    assert " took it from " not in page.split("id=\"direction-1\"")[1]


def test_article_page_sidebar_shows_quotes_roles_and_addressees(client):
    """The sidebar is a quote view: speech and documents with each speaker's role and who they spoke to; stances
    only when asked for (?quotes=all)."""
    radio = _id(client, "Radio Kessany")
    data = client.get(f"/api/articles/{radio}").json()
    assert {a["category"] for a in data["attributions"]} >= {"speech"} and data["speakers"]
    page = client.get(f"/articles/{radio}").text
    sidebar = page[page.index("<h2>Quotes</h2>"):]
    assert "Irena Vasko" in sidebar and "(The army&#39;s spokeswoman)" in sidebar
    assert "to Radio Kessany" in sidebar and "<h2>Speakers</h2>" in sidebar
    shown = sidebar.count('<li class="quote')
    every = client.get(f"/articles/{radio}", params={"quotes": "all"}).text
    stances = sum(a["category"] == "stance" for a in data["attributions"])
    assert every.count('<li class="quote') == shown + stances
    assert client.get(f"/articles/{radio}", params={"quotes": "gossip"}).status_code == 400
    lines = client.get("/api/export/attributions.jsonl", params={"quotes": "stance"}).text.splitlines()
    assert lines and all(json.loads(line)["category"] == "stance" or json.loads(line)["channel_link"] for line in lines)
