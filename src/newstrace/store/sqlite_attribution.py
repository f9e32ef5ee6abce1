"""SQLite tables of the attribution stage: attributions, and the articles already analysed."""

from __future__ import annotations

import sqlite3
from typing import Any

from .sqlite_util import rows_in


class AttributionTables:
    conn: sqlite3.Connection

    def unattributed(self, seqs: list[int], stage: str) -> list[int]:
        if not seqs:
            return []
        done = {r[0] for r in rows_in(self.conn, "SELECT seq FROM attributed_articles WHERE stage = ? AND seq IN "
                                                 "({marks})", seqs, stage)}
        return [s for s in seqs if s not in done]

    def save_attributions(self, seq: int, rows: list[tuple[Any, ...]], stage: str) -> None:
        self.conn.execute("DELETE FROM attributions WHERE article_seq = ?", (seq,))
        self.conn.executemany(
            "INSERT INTO attributions (article_seq, n, cue_start, cue_end, source_start, source_end, canonical, "
            "kind, content, type, hedged, parent, stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(seq, *row, stage) for row in rows])
        self.conn.execute("INSERT OR REPLACE INTO attributed_articles (seq, stage) VALUES (?, ?)", (seq, stage))

    def attributions_of(self, seqs: list[int]) -> list[tuple[Any, ...]]:
        """(article seq, n, cue start, cue end, source start, source end, canonical, kind, content json, type,
        hedged, parent) in article and then document order."""
        return list(rows_in(self.conn, "SELECT article_seq, n, cue_start, cue_end, source_start, source_end, "
                                       "canonical, kind, content, type, hedged, parent FROM attributions "
                                       "WHERE article_seq IN ({marks}) ORDER BY article_seq, n", seqs))
