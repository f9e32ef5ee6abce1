"""SQLite tables of the story stage: each article's story, the merges of stories and the streaming clusterer's state."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from .sqlite_util import rows_in


class StoryTables:
    conn: sqlite3.Connection

    def story_state(self, stage: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT state FROM story_state WHERE stage = ?", (stage,)).fetchone()
        return json.loads(row[0]) if row else None

    def save_stories(self, stage: str, members: list[tuple[int, str]], state: dict[str, Any],
                     merges: Sequence[tuple[str, str]] = ()) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO story_members (article_seq, story, stage) VALUES (?, ?, ?)",
                              [(seq, story, stage) for seq, story in members])
        self.conn.executemany("INSERT OR REPLACE INTO story_merges (stage, story, merged_into) VALUES (?, ?, ?)",
                              [(stage, gone, into) for gone, into in merges])
        self.conn.execute("INSERT OR REPLACE INTO story_state (stage, state) VALUES (?, ?)",
                          (stage, json.dumps(state, separators=(",", ":"))))

    def stories_of(self, seqs: list[int]) -> dict[int, str]:
        return dict(rows_in(self.conn, "SELECT article_seq, story FROM story_members WHERE article_seq IN ({marks})",
                            seqs))

    def story_members(self, stories: list[str]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for seq, story in sorted(rows_in(self.conn, "SELECT article_seq, story FROM story_members "
                                                    "WHERE story IN ({marks})", stories)):
            out.setdefault(story, []).append(seq)
        return out

    def story_merged_into(self, stage: str, story: str) -> str | None:
        row = self.conn.execute("SELECT merged_into FROM story_merges WHERE stage = ? AND story = ?",
                                (stage, story)).fetchone()
        return row[0] if row else None
