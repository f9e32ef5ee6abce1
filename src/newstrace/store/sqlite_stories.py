"""SQLite tables of the story stage: each article's story, and the streaming clusterer's state."""

from __future__ import annotations

import json
import sqlite3
from typing import Any


class StoryTables:
    conn: sqlite3.Connection

    def story_state(self, stage: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT state FROM story_state WHERE stage = ?", (stage,)).fetchone()
        return json.loads(row[0]) if row else None

    def save_stories(self, stage: str, members: list[tuple[int, str]], state: dict[str, Any]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO story_members (article_seq, story, stage) VALUES (?, ?, ?)",
                              [(seq, story, stage) for seq, story in members])
        self.conn.execute("INSERT OR REPLACE INTO story_state (stage, state) VALUES (?, ?)",
                          (stage, json.dumps(state, separators=(",", ":"))))

    def stories_of(self, seqs: list[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for i in range(0, len(seqs), 500):
            chunk = seqs[i:i + 500]
            out.update(self.conn.execute(
                f"SELECT article_seq, story FROM story_members WHERE article_seq IN ({','.join('?' * len(chunk))})",
                chunk).fetchall())
        return out

    def story_members(self, stories: list[str]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for i in range(0, len(stories), 500):
            chunk = stories[i:i + 500]
            for seq, story in self.conn.execute(
                    f"SELECT article_seq, story FROM story_members WHERE story IN ({','.join('?' * len(chunk))}) "
                    "ORDER BY article_seq", chunk):
                out.setdefault(story, []).append(seq)
        return out
