"""The pages in a real browser: Debian's Chromium driven by Playwright, against `newstrace serve`'s app on
loopback. Screenshots go to $SCREENSHOT_DIR (default: the test's temporary folder)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() or shutil.which("chromium") is None,
                                reason="Debian's chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from click.testing import CliRunner

    from conftest import EXAMPLES
    from newstrace.cli import cli
    from newstrace.config import Settings
    from newstrace.web.app import create_app

    folder = tmp_path_factory.mktemp("browser")
    db = folder / "demo.db"
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps({
        "title": "Harbour fire <script>alert('title')</script>", "outlet": "Evil Outlet",
        "published": "2026-03-15T09:00:00+00:00",
        "text": "A fire broke out at the harbour <script>alert('x')</script> on Sunday night, officials said. "
                "Witnesses saw <img src=x onerror=alert(1)> flames and a <a href=\"javascript:alert(2)\">link</a> "
                "near the old customs house, where firefighters fought the blaze for three hours."}) + "\n",
        encoding="utf-8")
    for path in (EXAMPLES, hostile):
        result = CliRunner().invoke(cli, ["trace", "--db", str(db), str(path)])
        assert result.exit_code == 0, result.output
    yield from _serve(create_app(Settings(db=str(db))))


def _serve(app):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(100):
        if instance.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _page(browser, width=1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: problems.append(f"other host: {r.url}") if not r.url.startswith(
        ("http://127.0.0.1", "data:")) else None)
    return page, problems


def test_click_a_copied_sentence_through_to_its_source(server, browser, shots):
    page, problems = _page(browser)
    page.goto(f"{server}/?q=bridge")
    page.screenshot(path=str(shots / "search.png"), full_page=True)
    page.get_by_role("link", name="Deadly fighting cuts off Veldra as bridge is destroyed").click()
    page.wait_for_selector(".text .l-copied")
    page.screenshot(path=str(shots / "article.png"), full_page=True)
    copied = page.locator(".text .l-copied").first
    panel = page.locator(f"#ev-{copied.get_attribute('data-n')}")
    assert panel.is_hidden()
    copied.click()
    assert panel.is_visible() and "copied from" in panel.inner_text()
    assert "Nine soldiers and five civilians" in panel.locator("blockquote").inner_text()
    page.screenshot(path=str(shots / "article-open.png"), full_page=True)
    panel.locator("a.source-link").click()
    page.wait_for_url("**/articles/1541bd60*")
    assert "At least 14 killed" in page.locator("h1").inner_text()
    assert page.locator(".badge.non_derived").count() == 1
    assert problems == []


def test_hostile_article_renders_as_text(server, browser, shots):
    page, problems = _page(browser)
    page.goto(f"{server}/?q=harbour%20fire")
    page.get_by_role("link", name="Harbour fire <script>alert('title')</script>").click()
    page.wait_for_selector(".text")
    page.screenshot(path=str(shots / "hostile.png"), full_page=True)
    text = page.locator(".text").inner_text()
    assert "<script>alert('x')</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert page.locator(".text script, .text img, .text a[href^='javascript']").count() == 0
    assert page.locator("script").count() == 1  # the app's own, from this server
    assert problems == []


def test_readable_at_phone_width(server, browser, shots):
    page, problems = _page(browser, width=390)
    page.goto(f"{server}/")
    page.get_by_role("link", name="Dozens dead as rebels and army fight for river town").click()
    page.wait_for_selector(".text")
    page.screenshot(path=str(shots / "article-phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the page scrolls sideways at phone width ({width} px)"
    assert page.locator(".text .has-discrepancy").count() >= 2
    assert problems == []


def test_story_timeline_and_side_by_side(server, browser, shots):
    page, problems = _page(browser)
    page.goto(f"{server}/?q=Veldra%20bridge%20destroyed")
    page.get_by_role("link", name="Deadly fighting cuts off Veldra as bridge is destroyed").click()
    page.get_by_role("link", name="story s1").click()
    page.wait_for_selector(".timeline")
    page.screenshot(path=str(shots / "story.png"), full_page=True)
    assert page.locator(".timeline li").count() == 11 and "first report" in page.locator(".timeline").inner_text()
    page.locator(".timeline a[href^='/compare/']").first.click()
    page.wait_for_selector(".compare")
    page.locator("#left-1 a.pair").click()
    assert page.evaluate("location.hash") == "#right-1"
    assert " took it from " in page.locator("#direction-1").inner_text()  # which way, above the passage
    page.screenshot(path=str(shots / "compare.png"), full_page=True)
    assert problems == []


def test_source_graph_page_draws_the_outlets(server, browser, shots):
    page, problems = _page(browser)
    page.goto(f"{server}/graph")
    page.wait_for_selector("#graph circle")
    page.screenshot(path=str(shots / "graph.png"), full_page=True)
    labels = page.eval_on_selector_all("#graph text", "els => els.map(e => e.textContent)")
    assert "Coastal Press Agency" in labels and "Harbour Daily" in labels
    assert page.locator("#graph line.uncredited").count() >= 1 and page.locator("#graph line.credited").count() >= 1
    assert page.locator("#edges tbody tr").count() == page.locator("#graph line").count()
    assert problems == []


class HeldJobs:
    """A job runner that keeps uploads' jobs queued until the test lets them run (injected, not patched)."""

    def __init__(self, settings):
        from newstrace.web.jobs import JobRunner

        self.runner = JobRunner(settings)
        self.held: list[tuple[int, list[str]]] = []

    def start(self, job, ids):
        self.held.append((job, ids))

    def release(self):
        for job, ids in self.held:
            self.runner.start(job, ids)
        assert self.runner.wait(120)


def test_upload_shows_pending_then_the_full_analysis(browser, shots, tmp_path, monkeypatch):
    import urllib.request

    from click.testing import CliRunner

    from conftest import EXAMPLES
    from newstrace.cli import cli
    from newstrace.config import Settings
    from newstrace.web.app import create_app

    db = tmp_path / "upload.db"
    assert CliRunner().invoke(cli, ["add", "--db", str(db), str(EXAMPLES / "html")]).exit_code == 0
    monkeypatch.setenv("NEWSTRACE_TOKEN", "t0ken")
    settings = Settings(db=str(db), workers=1)
    jobs = HeldJobs(settings)
    source = (EXAMPLES / "html" / "cpa-veldra-clashes.html").read_text(encoding="utf-8")
    served = _serve(create_app(settings, jobs=jobs))
    server = next(served)
    try:
        # a pasted copy of the agency report, undated and without a name: its direction cannot be told
        import re

        body = re.sub(r"<[^>]+>", " ", source.split("<article", 1)[1].split("</article>", 1)[0])
        boundary = "newstraceboundary"
        payload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"pasted.txt\"\r\n"
                   f"Content-Type: text/plain\r\n\r\nPasted report\n\n{body}\r\n--{boundary}--\r\n").encode()
        request = urllib.request.Request(f"{server}/api/ingest", data=payload, method="POST", headers={
            "Authorization": "Bearer t0ken", "Content-Type": f"multipart/form-data; boundary={boundary}"})
        with urllib.request.urlopen(request) as response:
            answer = json.loads(response.read())
        assert answer["added"] == 1 and answer["job"]["state"] == "queued"
        page, problems = _page(browser)
        page.goto(f"{server}/?q=pasted")
        assert "analysis pending" in page.locator(".results").inner_text()
        page.get_by_role("link", name="Pasted report").click()
        page.wait_for_selector(".pending-note")
        page.screenshot(path=str(shots / "upload-pending.png"), full_page=True)
        assert page.locator(".text .s").count() == 0 and page.locator(".originality").count() == 0

        jobs.release()
        page.reload()
        page.wait_for_selector(".originality")
        page.screenshot(path=str(shots / "upload-analysed.png"), full_page=True)
        assert page.locator(".pending-note").count() == 0
        assert page.locator(".text .l-shared, .text .l-copied").count() >= 3  # never shown as original
        assert "shared, direction unknown" in page.locator(".originality").inner_text() or \
            "taken" in page.locator(".originality").inner_text()
        page.get_by_role("link", name=re.compile(r"story s\d+")).click()
        page.wait_for_selector(".timeline")
        assert "pending" not in page.locator(".timeline").inner_text()
        page.goto(f"{server}/?q=pasted")
        assert "analysis pending" not in page.locator(".results").inner_text()
        assert problems == []
    finally:
        next(served, None)


def test_event_page_and_map(browser, shots, tmp_path):
    """Events stored by hand over real articles (test_events_faces builds them): the list, an event's page with
    its words highlighted in each report and the copy marked, then the offline map and a click on a dot."""
    from click.testing import CliRunner

    from newstrace.cli import cli
    from newstrace.config import Settings
    from newstrace.web.app import create_app
    from test_events_faces import store_events, write_corpus

    db = tmp_path / "events.db"
    result = CliRunner().invoke(cli, ["add", "--db", str(db), str(write_corpus(tmp_path / "in"))])
    assert result.exit_code == 0, result.output
    store_events(str(db))
    served = _serve(create_app(Settings(db=str(db))))
    server = next(served)
    try:
        page, problems = _page(browser)
        page.goto(f"{server}/events")
        page.get_by_role("link", name="Battles").click()
        page.wait_for_selector(".report-card")
        page.screenshot(path=str(shots / "event.png"), full_page=True)
        assert "12 fatalities" in page.locator(".fatalities").inner_text()
        assert page.locator(".independent-count").inner_text() == "2 independent sources"
        cards = page.locator(".report-card")
        assert cards.count() == 3 and page.locator(".report-card.copy .role").inner_text().startswith("copy of")
        assert page.locator(".report-card mark.f-fatalities").first.inner_text() == "At least 12 people were killed"
        assert page.locator(".report-card mark.f-date").count() == 3
        page.goto(f"{server}/events/ev-kessel-protest")
        assert "<script>alert(1)</script>" in page.locator(".report-card .text").inner_text()
        assert page.locator(".report-card .text script").count() == 0
        page.goto(f"{server}/events/map")
        page.wait_for_selector("#event-map .event-dot circle")
        page.screenshot(path=str(shots / "events-map.png"), full_page=True)
        assert page.locator("#event-map .event-dot").count() == 2
        assert page.locator("#event-map path.land").count() >= 5
        box = page.locator("#event-map").bounding_box()
        assert box is not None and box["width"] > 600
        page.locator("#event-map .event-dot").last.click()  # the smaller dot, drawn on top
        page.wait_for_url("**/events/ev-kessel-*")
        assert page.locator("h1").inner_text() in ("Battles: Armed clash", "Protests: Peaceful protest")
        assert problems == []
    finally:
        next(served, None)
