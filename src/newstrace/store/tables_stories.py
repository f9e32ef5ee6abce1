"""Tables of the story stage: each article's story, the merges of stories and the streaming clusterer's state."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from .sql import Connection, Dialect, rows_in


class StoryTables:
    conn: Connection
    sql: Dialect

    def story_state(self, stage: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT state FROM story_state WHERE stage = ?", (stage,)).fetchone()
        if not row:
            return None
        state: dict[str, Any] = json.loads(row[0])
        if "stories" not in state:  # kept one row per story (see save_stories)
            state["stories"] = [json.loads(story) for (story,) in self.conn.execute(
                "SELECT story FROM story_rows WHERE stage = ? ORDER BY n", (stage,))]
        return state

    def stories_streamed(self, stage: str) -> int | None:
        row = self.conn.execute(f"SELECT {self.sql.json_int('state', 'idf', 'n')} FROM story_state WHERE stage = ?",
                                (stage,)).fetchone()
        return row[0] if row else None

    def save_stories(self, stage: str, members: list[tuple[int, str]], state: dict[str, Any],
                     merges: Sequence[tuple[str, str]] = (), changed: Iterable[int] | None = None) -> None:
        self.conn.executemany("INSERT INTO story_members (article_seq, story, stage) VALUES (?, ?, ?) ON CONFLICT "
                              "(article_seq) DO UPDATE SET story = excluded.story, stage = excluded.stage",
                              [(seq, story, stage) for seq, story in members])
        self.conn.executemany("INSERT INTO story_merges (stage, story, merged_into) VALUES (?, ?, ?) ON CONFLICT "
                              "(stage, story) DO UPDATE SET merged_into = excluded.merged_into",
                              [(stage, gone, into) for gone, into in merges])
        stories = state["stories"]
        numbers = range(1, len(stories) + 1) if changed is None else sorted(changed)
        self.conn.executemany("INSERT INTO story_rows (stage, n, story) VALUES (?, ?, ?) ON CONFLICT (stage, n) "
                              "DO UPDATE SET story = excluded.story",
                              [(stage, n, json.dumps(stories[n - 1], separators=(",", ":"))) for n in numbers])
        if changed is None:
            self.conn.execute("DELETE FROM story_rows WHERE stage = ? AND n > ?", (stage, len(stories)))
        rest = {key: value for key, value in state.items() if key != "stories"}
        self.conn.execute("INSERT INTO story_state (stage, state) VALUES (?, ?) ON CONFLICT (stage) "
                          "DO UPDATE SET state = excluded.state",
                          (stage, json.dumps(rest, separators=(",", ":"))))

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
