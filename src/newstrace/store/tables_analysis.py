"""Tables of the stored analysis: each article's provenance (originality, sentence origins,
discrepancies), and the jobs that run the analysis after ingest."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from ..records import FAILED, QUEUED, RUNNING, JobState, ProvenanceRow
from .sql import Connection, rows_in


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _row(r: tuple[Any, ...]) -> ProvenanceRow:
    return ProvenanceRow(seq=r[0], stage=r[1], originality=json.loads(r[2]), sentences=json.loads(r[3]),
                         discrepancies=json.loads(r[4]))


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def _job(r: tuple[Any, ...]) -> JobState:
    state, message = r[2], r[7]
    if state in (QUEUED, RUNNING) and not _alive(r[10]):  # its process is gone: it will never finish
        state, message = FAILED, (f"interrupted: its process ({r[10]}) is gone; `newstrace analyse` analyses "
                                    "what it left pending")
    return JobState(id=r[0], kind=r[1], state=state, step=r[3], total=r[4], done=r[5], articles=json.loads(r[6]),
                    message=message, created_at=r[8], updated_at=r[9])


_JOB_COLUMNS = "id, kind, state, step, total, done, articles, message, created_at, updated_at, pid"


class AnalysisTables:
    conn: Connection

    # -- provenance ------------------------------------------------------------------------------------------
    def save_provenance(self, rows: list[ProvenanceRow]) -> None:
        self.conn.executemany(
            "INSERT INTO provenance_rows (seq, stage, class, derived, shared, originality, sentences, discrepancies) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (seq) DO UPDATE SET stage = excluded.stage, "
            "class = excluded.class, derived = excluded.derived, shared = excluded.shared, "
            "originality = excluded.originality, sentences = excluded.sentences, "
            "discrepancies = excluded.discrepancies",
            [(r.seq, r.stage, r.originality["class"], r.originality["derived"], r.originality["shared"],
              json.dumps(r.originality, ensure_ascii=False), json.dumps(r.sentences, ensure_ascii=False),
              json.dumps(r.discrepancies, ensure_ascii=False)) for r in rows])

    def provenance_of(self, seqs: list[int]) -> dict[int, ProvenanceRow]:
        return {r[0]: _row(r) for r in rows_in(
            self.conn, "SELECT seq, stage, originality, sentences, discrepancies FROM provenance_rows "
                       "WHERE seq IN ({marks})", seqs)}

    def originality_of(self, seqs: list[int]) -> dict[int, dict[str, Any]]:
        """Only the originality of each article (the index and lists need no sentences)."""
        return {r[0]: json.loads(r[1]) for r in rows_in(
            self.conn, "SELECT seq, originality FROM provenance_rows WHERE seq IN ({marks})", seqs)}

    def iter_provenance(self, batch: int = 500) -> Iterator[ProvenanceRow]:
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT seq, stage, originality, sentences, discrepancies FROM provenance_rows WHERE seq > ? "
                "ORDER BY seq LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            for r in rows:
                yield _row(r)
            last = rows[-1][0]

    def pending_analysis(self, limit: int | None = None) -> list[int]:
        """Analysable articles whose analysis is not stored (yet), in store order."""
        sql = ("SELECT a.seq FROM articles a LEFT JOIN provenance_rows p ON p.seq = a.seq "
               "WHERE a.analysed = 1 AND p.seq IS NULL ORDER BY a.seq")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [r[0] for r in self.conn.execute(sql)]

    def count_pending(self) -> int:
        return int(self.conn.execute(
            "SELECT COUNT(*) FROM articles a LEFT JOIN provenance_rows p ON p.seq = a.seq "
            "WHERE a.analysed = 1 AND p.seq IS NULL").fetchone()[0])

    # -- jobs ------------------------------------------------------------------------------------------------
    def create_job(self, kind: str, article_ids: list[str]) -> int:
        now = _now()
        row = self.conn.execute(
            "INSERT INTO jobs (kind, state, total, done, articles, created_at, updated_at, pid) "
            "VALUES (?, ?, ?, 0, ?, ?, ?, ?) RETURNING id", (kind, QUEUED, len(article_ids), json.dumps(article_ids),
                                                              now, now, os.getpid())).fetchone()
        return int(row[0])

    def update_job(self, job_id: int, *, state: str | None = None, step: str | None = None,
                   done: int | None = None, total: int | None = None, message: str | None = None) -> None:
        sets: list[str] = ["updated_at = ?"]
        values: list[str | int] = [_now()]
        for column, value in (("state", state), ("step", step), ("done", done), ("total", total),
                              ("message", message)):
            if value is not None:
                sets.append(f"{column} = ?")
                values.append(value)
        self.conn.execute(f"UPDATE jobs SET {', '.join(sets)} WHERE id = ?", (*values, job_id))

    def get_job(self, job_id: int) -> JobState | None:
        row = self.conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _job(row) if row else None

    def recent_jobs(self, limit: int = 20) -> list[JobState]:
        return [_job(r) for r in self.conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs ORDER BY id DESC LIMIT ?",
                                                   (limit,))]
