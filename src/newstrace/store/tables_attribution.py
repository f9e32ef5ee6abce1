"""Tables of the attribution stage: attributions, and the articles already analysed."""

from __future__ import annotations

import json

from ..records import StoredAttribution
from .sql import Connection, rows_in


class AttributionTables:
    conn: Connection

    def unattributed(self, seqs: list[int], stage: str) -> list[int]:
        if not seqs:
            return []
        done = {r[0] for r in rows_in(self.conn, "SELECT seq FROM attributed_articles WHERE stage = ? AND seq IN "
                                                 "({marks})", seqs, stage)}
        return [s for s in seqs if s not in done]

    def save_attributions(self, seq: int, rows: list[StoredAttribution], stage: str) -> None:
        self.conn.execute("DELETE FROM attributions WHERE article_seq = ?", (seq,))
        self.conn.executemany(
            "INSERT INTO attributions (article_seq, n, cue_start, cue_end, source_start, source_end, canonical, "
            "kind, content, type, hedged, parent, stage, category, addressee_start, addressee_end, addressee_kind, "
            "role_start, role_end, channel, resolution, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(seq, r.n, *r.cue, *(r.source or (None, None)), r.canonical, r.kind,
              json.dumps([list(span) for span in r.content]), r.type, int(r.hedged), r.parent, stage, r.category,
              *(r.addressee or (None, None)), r.addressee_kind, *(r.role or (None, None)), int(r.channel),
              r.resolution, r.note) for r in rows])
        self.conn.execute("INSERT INTO attributed_articles (seq, stage) VALUES (?, ?) ON CONFLICT DO NOTHING",
                          (seq, stage))

    def attributions_of(self, seqs: list[int]) -> list[StoredAttribution]:
        """The stored attributions of the articles, in article and then document order."""
        return [StoredAttribution(seq=r[0], n=r[1], cue=(r[2], r[3]),
                                  source=(r[4], r[5]) if r[4] is not None else None, canonical=r[6], kind=r[7],
                                  content=tuple((a, b) for a, b in json.loads(r[8])), type=r[9], hedged=bool(r[10]),
                                  parent=r[11], category=r[12] or "speech",
                                  addressee=(r[13], r[14]) if r[13] is not None else None, addressee_kind=r[15],
                                  role=(r[16], r[17]) if r[16] is not None else None, channel=bool(r[18]),
                                  resolution=r[19], note=r[20])
                for r in rows_in(self.conn, "SELECT article_seq, n, cue_start, cue_end, source_start, source_end, "
                                            "canonical, kind, content, type, hedged, parent, category, "
                                            "addressee_start, addressee_end, addressee_kind, role_start, role_end, "
                                            "channel, resolution, note FROM attributions "
                                            "WHERE article_seq IN ({marks}) ORDER BY article_seq, n", seqs)]
