"""SQLite tables of the attribution stage: attributions, and the articles already analysed."""

from __future__ import annotations

import sqlite3
from typing import Any


class AttributionTables:
    conn: sqlite3.Connection

    def unattributed(self, seqs: list[int], stage: str) -> list[int]:
        if not seqs:
            return []
        done: set[int] = set()
        for i in range(0, len(seqs), 500):
            chunk = seqs[i:i + 500]
            done.update(r[0] for r in self.conn.execute(
                f"SELECT seq FROM attributed_articles WHERE stage = ? AND seq IN ({','.join('?' * len(chunk))})",
                (stage, *chunk)))
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
        out: list[tuple[Any, ...]] = []
        for i in range(0, len(seqs), 500):
            chunk = seqs[i:i + 500]
            out.extend(self.conn.execute(
                "SELECT article_seq, n, cue_start, cue_end, source_start, source_end, canonical, kind, content, type, "
                f"hedged, parent FROM attributions WHERE article_seq IN ({','.join('?' * len(chunk))}) "
                "ORDER BY article_seq, n", chunk))
        return out
