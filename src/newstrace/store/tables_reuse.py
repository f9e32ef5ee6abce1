"""Tables of the text-reuse stage: fingerprints, their inverted index, compared pairs, alignments."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from ..records import Alignment, FoundPassage
from .sql import Connection, Dialect, marks


def _signed(hashes: np.ndarray) -> list[int]:
    signed: list[int] = hashes.astype(np.uint64).view(np.int64).tolist()
    return signed


class ReuseTables:
    conn: Connection
    sql: Dialect

    def unfingerprinted(self, batch: int = 500) -> Iterator[list[tuple[int, str]]]:
        """(seq, text) of analysed articles that have no fingerprints yet, in batches, oldest first."""
        # Articles are fingerprinted in order of arrival and committed in that order, so the ones without
        # fingerprints are those after the last fingerprinted one: no scan of the whole table.
        last = self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM reuse_fingerprints").fetchone()[0]
        while True:
            rows = self.conn.execute(
                "SELECT seq, text FROM articles WHERE analysed = 1 AND seq > ? ORDER BY seq LIMIT ?", (last, batch)
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield rows

    def save_fingerprints(self, rows: list[tuple[int, np.ndarray]], stage: str, index: bool = True) -> None:
        """Store fingerprints, and with `index` their postings too (a batch run indexes later, all at once)."""
        self.conn.executemany(
            "INSERT INTO reuse_fingerprints (seq, hashes, n, indexed, stage) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (seq) DO UPDATE SET hashes = excluded.hashes, n = excluded.n, indexed = excluded.indexed, "
            "stage = excluded.stage",
            [(seq, h.astype(np.uint64).tobytes(), len(h), int(index), stage) for seq, h in rows])
        if index:
            self._post(rows)

    def _post(self, rows: list[tuple[int, np.ndarray]]) -> None:
        postings = sorted((h, seq) for seq, hashes in rows for h in _signed(hashes))
        self.conn.executemany("INSERT INTO reuse_postings (hash, seq) VALUES (?, ?) ON CONFLICT DO NOTHING", postings)

    def unindexed_fingerprints(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM reuse_fingerprints WHERE indexed = 0").fetchone()[0])

    def index_fingerprints(self) -> None:
        """Postings for fingerprints stored without them (few: random inserts are fine)."""
        rows = [(seq, np.frombuffer(blob, dtype=np.uint64)) for seq, blob in self.conn.execute(
            "SELECT seq, hashes FROM reuse_fingerprints WHERE indexed = 0")]
        self._post(rows)
        self.conn.execute("UPDATE reuse_fingerprints SET indexed = 1 WHERE indexed = 0")

    def rebuild_postings(self, hashes: np.ndarray, owners: np.ndarray) -> None:
        """Replace the inverted index with these (hash, article) pairs, given sorted by hash: written in
        order, the index grows at its end instead of being updated all over, which is many times faster."""
        self.conn.execute("DELETE FROM reuse_postings")
        signed = hashes.astype(np.uint64).view(np.int64)
        step = 500_000
        for start in range(0, len(signed), step):
            self.conn.executemany("INSERT INTO reuse_postings (hash, seq) VALUES (?, ?) ON CONFLICT DO NOTHING",
                                  zip(signed[start:start + step].tolist(), owners[start:start + step].tolist(),
                                      strict=True))
        self.conn.execute("UPDATE reuse_fingerprints SET indexed = 1 WHERE indexed = 0")

    def fingerprints(self, seq: int) -> np.ndarray:
        row = self.conn.execute("SELECT hashes FROM reuse_fingerprints WHERE seq = ?", (seq,)).fetchone()
        return np.frombuffer(row[0], dtype=np.uint64) if row else np.zeros(0, dtype=np.uint64)

    def all_fingerprints(self) -> Iterator[tuple[int, np.ndarray]]:
        for seq, blob in self.conn.execute("SELECT seq, hashes FROM reuse_fingerprints ORDER BY seq"):
            yield seq, np.frombuffer(blob, dtype=np.uint64)

    def posting_counts(self, hashes: np.ndarray, cap: int | None = None) -> dict[int, int]:
        """How many articles hold each fingerprint (signed hash -> count); with `cap`, counting stops there,
        so a fingerprint held by a million articles costs no more than one held by `cap`."""
        out: dict[int, int] = {}
        values = _signed(hashes)
        limit = self.sql.no_limit if cap is None else int(cap)
        for i in range(0, len(values), 500):
            chunk = values[i:i + 500]
            rows = self.conn.execute(
                "SELECT h.value, (SELECT COUNT(*) FROM (SELECT 1 FROM reuse_postings p WHERE p.hash = h.value "
                f"LIMIT ?) AS c) FROM {self.sql.each_int}", (limit, self.sql.int_list(chunk)))
            out.update((h, n) for h, n in rows if n)
        return out

    def postings(self, signed_hashes: list[int]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for i in range(0, len(signed_hashes), 500):
            chunk = signed_hashes[i:i + 500]
            out.extend(self.conn.execute(
                f"SELECT hash, seq FROM reuse_postings WHERE hash IN ({marks(len(chunk))})", chunk))
        return out

    def compared_pairs(self, pairs: Iterable[tuple[int, int]], stage: str) -> set[tuple[int, int]]:
        wanted = set(pairs)
        if not wanted:
            return set()
        found: set[tuple[int, int]] = set()
        seqs = sorted({a for a, _ in wanted})
        for i in range(0, len(seqs), 500):
            chunk = seqs[i:i + 500]
            rows = self.conn.execute(
                f"SELECT a_seq, b_seq FROM reuse_pairs WHERE stage = ? AND a_seq IN ({marks(len(chunk))})",
                (stage, *chunk))
            found.update((a, b) for a, b in rows if (a, b) in wanted)
        return found

    def save_pair(self, a_seq: int, b_seq: int, rows: list[FoundPassage], stage: str) -> None:
        """One compared pair and its alignments (replacing any earlier result for the pair)."""
        self.conn.execute("DELETE FROM alignments WHERE a_seq = ? AND b_seq = ?", (a_seq, b_seq))
        self.conn.execute("INSERT INTO reuse_pairs (a_seq, b_seq, passages, stage) VALUES (?, ?, ?, ?) ON CONFLICT "
                          "(a_seq, b_seq) DO UPDATE SET passages = excluded.passages, stage = excluded.stage",
                          (a_seq, b_seq, len(rows), stage))
        self.conn.executemany(
            "INSERT INTO alignments (a_seq, b_seq, source_seq, target_seq, source_start, source_end, target_start, "
            "target_end, kind, score, quoted, decided, direction_confidence, direction_reason, evidence, "
            "evidence_reason, stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(a_seq, b_seq, r.source_seq, r.target_seq, *r.source_span, *r.target_span, r.kind, r.score,
              int(r.quoted), int(r.decided), r.direction_confidence, r.direction_reason, r.evidence,
              r.evidence_reason, stage) for r in rows])

    def alignments_of(self, seqs: list[int]) -> list[Alignment]:
        """Alignments in which any of the articles is source or target, in a stable order."""
        if not seqs:
            return []
        found: dict[int, Alignment] = {}
        for i in range(0, len(seqs), 400):
            chunk = seqs[i:i + 400]
            chunk_marks = marks(len(chunk))
            rows = self.conn.execute(
                "SELECT al.id, s.id, t.id, source_start, source_end, target_start, target_end, kind, score, "
                "quoted, decided, direction_confidence, direction_reason, al.stage, evidence, evidence_reason "
                "FROM alignments al JOIN articles s ON s.seq = al.source_seq JOIN articles t ON t.seq = al.target_seq "
                f"WHERE al.source_seq IN ({chunk_marks}) OR al.target_seq IN ({chunk_marks})", (*chunk, *chunk))
            for r in rows:
                found[r[0]] = Alignment(r[1], r[2], (r[3], r[4]), (r[5], r[6]), r[7], r[8], bool(r[9]), bool(r[10]),
                                        r[11], r[12], r[13], r[14], r[15])
        return [found[k] for k in sorted(found)]

    def all_alignments(self) -> Iterator[Alignment]:
        rows = self.conn.execute(
            "SELECT s.id, t.id, source_start, source_end, target_start, target_end, kind, score, quoted, decided, "
            "direction_confidence, direction_reason, al.stage, evidence, evidence_reason FROM alignments al "
            "JOIN articles s ON s.seq = al.source_seq JOIN articles t ON t.seq = al.target_seq ORDER BY al.id")
        for r in rows:
            yield Alignment(r[0], r[1], (r[2], r[3]), (r[4], r[5]), r[6], r[7], bool(r[8]), bool(r[9]), r[10], r[11],
                            r[12], r[13], r[14])

