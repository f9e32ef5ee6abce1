"""One truth: every face (the trace JSON, `report`, `story`, the exports, the JSON API and its downloads) shows
the same stored analysis, and analysis follows every way of adding articles (`add`, `trace`, an upload)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import EXAMPLES, trace_json, write

# Two undated texts that share two paragraphs word for word, with nothing telling which came first.
SHARED = (
    "The county water board said on Monday that the reservoir above Haldane had fallen to its lowest level "
    "since records began, and that a hosepipe ban would start at the end of the month.\n\n"
    "Engineers have been pumping water from a disused quarry into the reservoir since early summer, a measure "
    "the board described as a stopgap that could not last beyond the autumn.\n\n")


# One outlet's daily market report on two days: its formula with other figures, and its own stock line.
MARKETS = [
    {"outlet": "Kessany Markets Wire", "title": "Markets close: Veldra index falls",
     "published": "2026-03-09T17:00:00+00:00",
     "text": "The Veldra composite index fell 42 points, or 0.8 percent, to 5,169 on Monday, as shipping and mining "
             "shares led losses in thin trading.\n\nMarovian crude oil fell 42 cents to $51.69 per barrel, while "
             "the dinar weakened to 3.214 against the euro from 3.198 on Friday.\n\nTraders said investors were "
             "waiting for the central bank's rate decision due on Thursday, and turnover stayed below the monthly "
             "average.\n\nIn other news, the port authority in Selmouth said the new container terminal would "
             "open in May after a delay caused by winter storms."},
    {"outlet": "Kessany Markets Wire", "title": "Markets close: Veldra index rises",
     "published": "2026-03-10T17:00:00+00:00",
     "text": "The Veldra composite index rose 18 points, or 0.3 percent, to 5,187 on Tuesday, as banking and telecom "
             "shares led gains in thin trading.\n\nMarovian crude oil lost 21 cents to $52.43 per barrel, while "
             "the dinar strengthened to 3.205 against the euro from 3.214 on Monday.\n\nTraders said investors "
             "were waiting for the central bank's rate decision due on Thursday, and turnover stayed below the "
             "monthly average.\n\nSeparately, farmers in the Oskel valley protested outside the agriculture "
             "ministry over the price of fertiliser and delayed subsidies."},
]


def _undecided_pair(tmp_path):
    first = write(tmp_path / "pasted" / "board.txt", SHARED + "Farmers in the valley said the ban came too late "
                  "for the barley harvest, which had already failed on the higher fields.\n")
    write(tmp_path / "pasted" / "shortage.txt", "Residents queued for bottled water in the market square "
                   "as shops ran out before noon on Saturday.\n\n" + SHARED)
    return first.parent


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A store holding every kind of finding: verbatim, paraphrase and shared quotes with the direction decided,
    credited and uncredited reuse, a shared passage whose direction is undecided, an update and conflicts."""
    from click.testing import CliRunner

    from newstrace.cli import cli

    tmp = tmp_path_factory.mktemp("truth")
    db = tmp / "truth.db"

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, [args[0], "--db", str(db), *args[1:]], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout

    pasted = _undecided_pair(tmp)
    write(pasted / "markets.jsonl", "".join(json.dumps(m) + "\n" for m in MARKETS))
    traced = json.loads(run("trace", "--json", str(EXAMPLES), str(pasted)))
    return db, run, traced, pasted


def _originality_faces(world):
    """Each article's originality as every face shows it."""
    from fastapi.testclient import TestClient

    from newstrace.config import Settings
    from newstrace.read.figures import taken_percent
    from newstrace.web.app import create_app

    db, run, traced, _ = world
    client = TestClient(create_app(Settings(db=str(db))))
    faces: dict[str, dict[str, dict]] = {"trace": {o["article"]: o for o in traced["originality"]}}
    faces["export"] = {json.loads(line)["article"]: json.loads(line)
                       for line in run("export", "--originality").splitlines()}
    faces["report"] = {}
    faces["api"] = {}
    for article_id in faces["trace"]:
        faces["report"][article_id] = json.loads(run("report", article_id, "--json"))["originality"][0]
        faces["api"][article_id] = client.get(f"/api/articles/{article_id}").json()["originality"]
    index = {a["id"]: a for a in client.get("/api/articles?limit=200").json()["articles"]}
    download = {r["article"]: r for r in csv.DictReader(io.StringIO(client.get("/api/export/originality.csv").text))}
    page = client.get("/?limit=200", headers={"accept": "text/html"}).text
    for article_id, o in faces["trace"].items():  # the index badge prints the report's whole percentages
        assert f'href="/articles/{article_id}"' in page
        if o["class"] != "non_derived":
            assert f"{o['class'].replace('_', ' ')} · {taken_percent(o)}% taken" in page
    cli_csv = {r["article"]: r for r in csv.DictReader(io.StringIO(run("export", "--originality", "--format", "csv")))}
    return faces, index, download, cli_csv


def test_every_kind_of_finding_is_in_the_store(world):
    _, _, traced, _ = world
    kinds = {al["kind"] for al in traced["alignments"]}
    assert {"verbatim", "paraphrase"} <= kinds or {"near_verbatim", "paraphrase"} <= kinds
    assert any(al["direction"] == "undecided" and not al["quoted"] for al in traced["alignments"])
    assert any(al["quoted"] for al in traced["alignments"])
    assert "template" in kinds
    sources = [s for o in traced["originality"] for s in o["sources"]]
    assert any(s["credited"] and s["share"] for s in sources) and any(not s["credited"] for s in sources)
    found = {d["kind"] for d in traced["discrepancies"]}
    assert "number_updated" in found and found - {"number_updated"}


def test_every_face_gives_the_same_originality(world):
    faces, index, download, cli_csv = _originality_faces(world)
    reference = faces["trace"]
    assert len(reference) >= 13
    for face, found in faces.items():
        assert found == reference, face  # the whole record: shares, class, sources, credit
    for article_id, o in reference.items():
        assert index[article_id]["status"] == "analysed"
        for key in ("class", "derived", "copied", "paraphrased", "shared", "shared_quote", "attributed", "original"):
            assert index[article_id][key] == o[key], (article_id, key)
        for row in (download[article_id], cli_csv[article_id]):
            assert (row["class"], float(row["derived"]), float(row["shared"]), float(row["original"])) == \
                (o["class"], o["derived"], o["shared"], o["original"])


def test_an_outlets_own_formula_counts_for_nothing(world):
    _, _, traced, _ = world
    titles = {a["id"]: a["title"] for a in traced["articles"]}
    markets = {i for i, t in titles.items() if (t or "").startswith("Markets close")}
    between = [al for al in traced["alignments"] if {al["source"], al["target"]} == markets]
    assert between and all(al["kind"] == "template" and al["evidence"]["strength"] == "weak" for al in between)
    for o in traced["originality"]:
        if o["article"] in markets:
            assert o["derived"] == 0 and o["shared"] == 0 and not o["sources"]
    for story in traced["stories"]:
        for report in story["timeline"]:
            if report["article"] in markets:
                assert report["independent"] and not report["derived_from"]


def test_shares_add_up_and_undecided_text_is_shared_not_original(world):
    _, _, traced, _ = world
    for o in traced["originality"]:
        parts = ("copied", "paraphrased", "shared", "shared_quote", "attributed", "original")
        assert abs(sum(o[k] for k in parts) - 1) < 0.002
    undecided = [al for al in traced["alignments"] if al["direction"] == "undecided" and not al["quoted"]]
    pasted = {al["source"] for al in undecided} | {al["target"] for al in undecided}
    by_id = {o["article"]: o for o in traced["originality"]}
    for article_id in pasted:
        assert by_id[article_id]["shared"] > 0.5, by_id[article_id]
        assert by_id[article_id]["shared_with"]
        labels = {s["label"] for s in traced["sentences"] if s["article"] == article_id}
        assert "shared" in labels


def test_printed_share_lines_add_up_to_100_percent(world):
    import re

    from newstrace.report import share_line

    _, run, traced, pasted = world
    printed = run("trace", str(EXAMPLES), str(pasted))
    for o in traced["originality"]:
        line = share_line(o)
        assert sum(int(n) for n in re.findall(r"(\d+)%", line)) == 100, line
        assert line.split(",")[0] in printed.replace("\n", "")  # the line the report prints
    assert re.search(r"\d+% shared, direction unknown", printed)


def test_story_faces_agree_and_copies_come_after_their_source(world):
    from fastapi.testclient import TestClient

    from newstrace.config import Settings
    from newstrace.web.app import create_app

    db, run, traced, _ = world
    client = TestClient(create_app(Settings(db=str(db))))
    for story in traced["stories"]:
        assert json.loads(run("story", story["id"], "--json")) == story
        assert client.get(f"/api/stories/{story['id']}").json() == story
        order = [t["article"] for t in story["timeline"]]
        for al in traced["alignments"]:
            if al["direction"] == "decided" and al["source"] in order and al["target"] in order:
                assert order.index(al["source"]) < order.index(al["target"])
        assert story["first"] == order[0]
        assert story["independent_reports"] == sum(t["independent"] for t in story["timeline"])


def test_derna_rewrite_is_derived_from_lwj_in_every_face(run, derna_dir, db):
    from fastapi.testclient import TestClient

    from newstrace.config import Settings
    from newstrace.web.app import create_app

    traced = trace_json(run, str(derna_dir))
    by_name = {a["path"].rsplit("/", 1)[-1][:3]: a["id"] for a in traced["articles"]}
    assert len(traced["stories"]) == 1
    story = traced["stories"][0]
    assert story["first"] == by_name["002"] and story["independent_reports"] == 1
    rewrite = next(t for t in story["timeline"] if t["article"] == by_name["000"])
    assert not rewrite["independent"] and rewrite["derived_from"] == [by_name["002"]]
    assert json.loads(run("story", by_name["000"], "--json").stdout) == story
    client = TestClient(create_app(Settings(db=db)))
    assert client.get(f"/api/stories/{story['id']}").json() == story
    page = client.get(f"/stories/{story['id']}", headers={"accept": "text/html"}).text
    assert "1 independent" in page and page.index(by_name["002"]) < page.index(by_name["000"])
    originality = {o["article"]: o for o in traced["originality"]}
    assert originality[by_name["000"]]["sources"][0]["article"] == by_name["002"]
    assert originality[by_name["000"]]["class"] == "partially_derived"


def test_add_analyses_and_no_analyse_leaves_articles_pending(run, tmp_path, db):
    from fastapi.testclient import TestClient

    from newstrace.config import Settings
    from newstrace.web.app import create_app

    result = run("add", "--no-analyse", str(EXAMPLES / "text"))
    assert result.exit_code == 0
    assert "await analysis: run `newstrace analyse`" in result.stderr
    client = TestClient(create_app(Settings(db=db)))
    listed = client.get("/api/articles").json()
    assert listed["pending"] == len(listed["articles"]) > 0
    assert all(a["status"] == "pending" and "class" not in a for a in listed["articles"])
    some = listed["articles"][0]["id"]
    assert client.get(f"/api/articles/{some}").json()["status"] == "pending"
    assert "Analysis pending" in client.get(f"/articles/{some}", headers={"accept": "text/html"}).text
    jobs = json.loads(run("jobs", "--json").stdout)
    assert jobs["pending_articles"] == listed["pending"] and jobs["jobs"] == []

    result = run("analyse")
    assert result.exit_code == 0 and "Analysed" in result.stderr
    listed = client.get("/api/articles").json()
    assert listed["pending"] == 0 and all(a["status"] == "analysed" for a in listed["articles"])
    jobs = json.loads(run("jobs", "--json").stdout)["jobs"]
    assert jobs[0]["state"] == "done" and jobs[0]["articles"] == len(listed["articles"])

    # `add` without the flag analyses what it added, against what is stored
    result = run("add", str(EXAMPLES / "html"))
    assert result.exit_code == 0 and "Analysed" in result.stderr
    assert client.get("/api/articles?limit=200").json()["pending"] == 0


def test_upload_is_analysed_by_a_job_and_pending_until_then(tmp_path, monkeypatch, db, run):
    from fastapi.testclient import TestClient

    from newstrace.config import Settings
    from newstrace.web.app import create_app

    assert run("add", str(EXAMPLES / "text")).exit_code == 0
    monkeypatch.setenv("NEWSTRACE_TOKEN", "s3cret")
    app = create_app(Settings(db=db, workers=1))
    client = TestClient(app)
    before = {a["id"] for a in client.get("/api/articles?limit=200").json()["articles"]}
    upload = next(p for p in (EXAMPLES / "text").iterdir() if p.suffix == ".txt")
    copied = ("Upload desk notes\n\n" + upload.read_text(encoding="utf-8") + "\n\nA closing paragraph written for "
              "the upload test alone, long enough to stand as a paragraph of its own in the copy.\n")
    response = client.post("/api/ingest", headers={"Authorization": "Bearer s3cret"},
                           files={"files": ("copy.txt", copied.encode(), "text/plain")})
    assert response.status_code == 201, response.text
    job = response.json()["job"]
    assert job["state"] in ("queued", "running", "done") and job["articles"] == 1
    assert app.state.jobs.wait(120)
    done = client.get(f"/api/jobs/{job['id']}").json()
    assert done["state"] == "done" and done["step"] == ""
    new = next(a for a in client.get("/api/articles?limit=200").json()["articles"] if a["id"] not in before)
    assert new["status"] == "analysed"
    view = client.get(f"/api/articles/{new['id']}").json()
    labels = {s["label"] for s in view["sentences"]}
    assert "shared" in labels or "copied" in labels  # an upload that copies a stored article never reads as original
    assert view["originality"]["original"] < 0.5
    assert client.get("/api/jobs/999").status_code == 404
    page = client.get("/jobs", headers={"accept": "text/html"}).text
    assert f"<td>{job['id']}</td><td>upload</td><td>done</td>" in page


def test_reuse_batch_leaves_nothing_pending(run, tmp_path, db):
    """The batch command analyses what it compared, and what was pending, so no face shows stale analysis."""
    assert run("add", "--no-analyse", str(_undecided_pair(tmp_path))).exit_code == 0  # two pasted articles
    assert json.loads(run("jobs", "--json").stdout)["pending_articles"] == 2
    result = run("reuse", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["passages"] >= 1
    assert json.loads(run("jobs", "--json").stdout)["pending_articles"] == 0
    for article in json.loads(run("list", "--json").stdout)["articles"]:
        shares = json.loads(run("report", article["id"], "--json").stdout)["originality"][0]
        assert shares["shared"] > 0.5 and shares["original"] < 0.5


def test_jobs_lists_states(run, db):
    assert run("trace", str(EXAMPLES / "text")).exit_code == 0
    text = run("jobs").stdout
    assert "done" in text and "trace" in text


def test_a_job_whose_process_died_reads_as_interrupted_and_analyse_finishes_its_articles(run, db, tmp_path):
    import subprocess
    import sys

    from conftest import execute

    assert run("add", "--no-analyse", str(_undecided_pair(tmp_path))).exit_code == 0
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    # a job left running by a process killed mid-analysis
    execute(db, "INSERT INTO jobs (kind, state, step, total, done, articles, created_at, updated_at, pid) "
                "VALUES ('add', 'running', 'newstrace.attribution.v1', 4, 1, '[]', 'then', 'then', ?)",
            int(gone.stdout))
    [job] = json.loads(run("jobs", "--json").stdout)["jobs"]
    assert job["state"] == "failed" and job["message"].startswith("interrupted: its process")
    assert run("analyse").exit_code == 0
    listed = json.loads(run("jobs", "--json").stdout)
    assert listed["pending_articles"] == 0 and listed["jobs"][0]["state"] == "done"
