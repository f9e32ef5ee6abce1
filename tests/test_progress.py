"""Progress: every stage says how far it is, on the job (every face reads it) and to the terminal; piped, the
command line writes plain lines instead of a bar."""

from __future__ import annotations

from newstrace import cli
from newstrace.config import Settings
from newstrace.ingest import ingest
from newstrace.jobs import analyse
from newstrace.jobs.analysis import stage_names
from newstrace.store import open_store


class Recorder:
    def __init__(self) -> None:
        self.steps: list[str] = []
        self.total = self.done = 0

    def start(self, total: int) -> None:
        self.total = total

    def advance(self, n: int = 1) -> None:
        self.done += n

    def step(self, text: str) -> None:
        self.steps.append(text)


def test_stages_report_progress_to_the_caller_and_the_job(tmp_path, examples_dir):
    settings = Settings(db=str(tmp_path / "s.db"), workers=1)
    store = open_store(settings.db)
    report = ingest([str(examples_dir)], store, settings)
    seen = Recorder()
    job = analyse(store, report.article_ids, settings, progress=seen)
    assert seen.done == seen.total == len(stage_names()) - 1  # every stage but ingest
    assert "newstrace.reuse.v2" in seen.steps and "newstrace.attribution.v2" in seen.steps
    n = len(report.article_ids)
    assert f"newstrace.attribution.v2: {n:,}/{n:,} articles" in seen.steps
    assert any(s.startswith("newstrace.reuse.v2: ") and "pairs compared" in s for s in seen.steps)
    assert any(s.startswith("newstrace.provenance.v2: ") for s in seen.steps)
    found = store.get_job(job)
    assert found is not None and found.state == "done" and found.done == len(stage_names()) - 1
    store.close()


def test_piped_progress_is_plain_lines_after_a_while(monkeypatch):
    lines: list[str] = []
    monkeypatch.setattr(cli.err, "print", lambda text, **kw: lines.append(text))
    clock = iter([100.0, 100.5, 104.0, 105.0, 115.0])
    monkeypatch.setattr(cli.time, "monotonic", lambda: next(clock))
    bar = cli._Bar("Analysing")  # made at 100.0; stderr is not a terminal under pytest
    bar.start(4)
    bar.step("newstrace.reuse.v2")  # 100.5: too soon for a line
    bar.advance()  # 104.0: the first line
    bar.step("newstrace.attribution.v2: 3/10 pieces")  # 105.0: too soon after it
    bar.advance()  # 115.0: the next
    assert lines == ["Analysing: 1/4 (newstrace.reuse.v2), 4 s",
                     "Analysing: 2/4 (newstrace.attribution.v2: 3/10 pieces), 15 s"]
