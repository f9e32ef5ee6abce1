"""Tables of the event stage: each article's event mentions, the events they were merged into, and the
articles the stage has read. The SQL is plain and portable (no upserts, no JSON functions): a backend with other
placeholders changes only `?`; the JSON form of the records is `event_codec`'s, shared by every backend."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import Code, NewstraceError
from ..events.records import Event, EventMention
from . import event_codec as codec
from .base import EventFilter, ReportRole, StoredEvent
from .sql import Connection, rows_in

_EVENT_COLUMNS = "id, sources, reports, discrepancies, toll, stage"
# undated events last, then by date and id (portable: no NULLS LAST)
_ORDER = "ORDER BY CASE WHEN event_date IS NULL THEN 1 ELSE 0 END, event_date, id"


def _event_date(event: Event) -> str | None:
    """The date an event is listed and filtered by: the earliest resolved start among its mentions."""
    starts = [m.date.start for m in event.mentions if m.date is not None and m.date.start]
    return min(starts) if starts else None


def _first(event: Event) -> EventMention:
    origins = [group[0] for group in event.sources if group]
    for origin in origins:
        for mention in event.mentions:
            if mention.article_id == origin:
                return mention
    return event.mentions[0]


class EventTables:
    conn: Connection

    # -- mentions --------------------------------------------------------------------------------------------
    def events_pending(self, seqs: list[int], stage: str) -> list[int]:
        if not seqs:
            return []
        done = {r[0] for r in rows_in(self.conn, "SELECT seq FROM event_articles WHERE stage = ? AND seq IN ({marks})",
                                      seqs, stage)}
        return [s for s in seqs if s not in done]

    def save_event_mentions(self, seq: int, mentions: list[EventMention], stage: str) -> None:
        self.conn.execute("DELETE FROM event_members WHERE article_seq = ?", (seq,))
        self.conn.execute("DELETE FROM event_mentions WHERE article_seq = ?", (seq,))
        self.conn.executemany(
            "INSERT INTO event_mentions (article_seq, n, span_start, span_end, event_type, sub_event_type, country, "
            "date_start, date_end, mention, stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(seq, n, m.span[0], m.span[1], m.event_type, m.sub_event_type, m.place.country if m.place else None,
              m.date.start if m.date else None, (m.date.end or m.date.start) if m.date else None,
              codec.dump_mention(m), stage) for n, m in enumerate(mentions)])
        self.conn.execute("DELETE FROM event_articles WHERE seq = ? AND stage = ?", (seq, stage))
        self.conn.execute("INSERT INTO event_articles (seq, stage) VALUES (?, ?)", (seq, stage))

    def event_mentions_of(self, seqs: list[int]) -> list[EventMention]:
        rows = sorted(rows_in(self.conn, "SELECT article_seq, n, mention FROM event_mentions WHERE article_seq IN "
                                         "({marks})", seqs))
        order = {seq: k for k, seq in enumerate(seqs)}
        rows.sort(key=lambda r: (order[r[0]], r[1]))
        return [codec.load_mention(r[2]) for r in rows]

    def event_mentions_near(self, country: str | None, since: str | None, until: str | None) -> list[EventMention]:
        clauses: list[str] = []
        params: list[Any] = []
        if country is not None:
            clauses.append("country = ?")
            params.append(country)
        dated: list[str] = []
        if since is not None:
            dated.append("date_end >= ?")
            params.append(since)
        if until is not None:
            dated.append("date_start <= ?")
            params.append(until)
        if dated:
            clauses.append(f"(date_start IS NULL OR ({' AND '.join(dated)}))")
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return [codec.load_mention(r[0]) for r in self.conn.execute(
            f"SELECT mention FROM event_mentions{where} ORDER BY article_seq, n", params)]

    # -- events ----------------------------------------------------------------------------------------------
    def events_of(self, seqs: list[int]) -> list[str]:
        return sorted({r[0] for r in rows_in(self.conn, "SELECT event_id FROM event_members WHERE article_seq IN "
                                                        "({marks})", seqs)})

    def _refs(self, events: list[StoredEvent]) -> dict[str, list[tuple[int, int]]]:
        """Each event's mentions as stored rows (article seq, n), matched by their stored JSON."""
        ids = sorted({m.article_id for e in events for m in e.event.mentions})
        seq_of = dict(rows_in(self.conn, "SELECT id, seq FROM articles WHERE id IN ({marks})", ids))
        stored: dict[str, list[tuple[int, int]]] = {}
        for seq, n, text in rows_in(self.conn, "SELECT article_seq, n, mention FROM event_mentions WHERE "
                                               "article_seq IN ({marks}) ORDER BY article_seq, n",
                                    sorted(seq_of.values())):
            stored.setdefault(text, []).append((seq, n))
        refs: dict[str, list[tuple[int, int]]] = {}
        for item in events:
            refs[item.event.id] = []
            for mention in item.event.mentions:
                found = stored.get(codec.dump_mention(mention))
                if not found:
                    raise NewstraceError(Code.BAD_SETTING, f"event {item.event.id}: a mention of article "
                                         f"{mention.article_id} at {list(mention.span)} is not stored")
                refs[item.event.id].append(found.pop(0))
        return refs

    def replace_events(self, remove: list[str], events: list[StoredEvent], stage: str) -> None:
        for chunk in _chunks(remove):
            marks = ",".join("?" * len(chunk))
            self.conn.execute(f"DELETE FROM event_members WHERE event_id IN ({marks})", chunk)
            self.conn.execute(f"DELETE FROM events WHERE id IN ({marks})", chunk)
        clash = [r[0] for r in rows_in(self.conn, "SELECT id FROM events WHERE id IN ({marks})",
                                       [e.event.id for e in events])]
        if clash:
            raise NewstraceError(Code.BAD_SETTING, f"event ids {', '.join(clash[:5])} are already stored for other "
                                                   "mentions: the merge must give each event an id of its own")
        refs = self._refs(events)
        for item in events:
            e = item.event
            first = _first(e)
            self.conn.execute(
                f"INSERT INTO events ({_EVENT_COLUMNS}, event_date, event_type, sub_event_type, country, "
                "n_reports, n_sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (e.id, codec.dump_sources(e), codec.dump_reports(
                    [{"article": r.article_id, "role": r.role, "of": r.of} for r in item.roles]),
                 codec.dump_discrepancies(e.discrepancies), codec.dump_toll(e), stage, _event_date(e), first.event_type,
                 first.sub_event_type, next((m.place.country for m in e.mentions if m.place and m.place.country),
                                            None), e.n_reports, e.n_independent_sources))
            self.conn.executemany(
                "INSERT INTO event_members (event_id, article_seq, n, position) VALUES (?, ?, ?, ?)",
                [(e.id, seq, n, k) for k, (seq, n) in enumerate(refs[e.id])])

    def _load(self, rows: list[tuple[Any, ...]]) -> list[StoredEvent]:
        ids = [r[0] for r in rows]
        members: dict[str, list[tuple[int, int, int]]] = {}
        for event_id, seq, n, position in rows_in(self.conn, "SELECT event_id, article_seq, n, position FROM "
                                                             "event_members WHERE event_id IN ({marks})", ids):
            members.setdefault(event_id, []).append((position, seq, n))
        wanted = sorted({(seq, n) for found in members.values() for _, seq, n in found})
        texts: dict[tuple[int, int], str] = {}
        for seq, n, text in rows_in(self.conn, "SELECT article_seq, n, mention FROM event_mentions WHERE article_seq "
                                               "IN ({marks})", sorted({seq for seq, _ in wanted})):
            texts[(seq, n)] = text
        out = []
        for event_id, sources, reports, discrepancies, toll, stage in rows:
            mentions = [codec.load_mention(texts[(seq, n)]) for _, seq, n in sorted(members.get(event_id, []))
                        if (seq, n) in texts]
            figure = codec.load_toll(toll)
            event = Event(id=event_id, mentions=mentions, sources=codec.load_json(sources),
                          discrepancies=codec.load_discrepancies(discrepancies),
                          fatalities=figure.count if figure else 0, fatality_figure=figure)
            roles = [ReportRole(r["article"], r["role"], r.get("of")) for r in codec.load_json(reports)]
            out.append(StoredEvent(event, roles, stage))
        return out

    def get_events(self, ids: list[str]) -> list[StoredEvent]:
        rows = list(rows_in(self.conn, f"SELECT {_EVENT_COLUMNS} FROM events WHERE id IN ({{marks}})", ids))
        order = {i: k for k, i in enumerate(ids)}
        rows.sort(key=lambda r: order[r[0]])
        return self._load(rows)

    def _event_where(self, where: EventFilter | None) -> tuple[str, list[Any]]:
        if where is None:
            return "", []
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("event_type", where.event_type), ("country", where.country)):
            if value is not None:  # folded here, not in SQL (NOCASE folds ASCII only)
                wanted = value.strip().casefold()
                names = [r[0] for r in self.conn.execute(f"SELECT DISTINCT {column} FROM events WHERE {column} IS "
                                                         "NOT NULL") if r[0].strip().casefold() == wanted]
                clauses.append(f"{column} IN ({','.join('?' * len(names))})" if names else "1 = 0")
                params.extend(names)
        if where.since is not None:
            clauses.append("event_date >= ?")
            params.append(where.since[:10])
        if where.until is not None:
            clauses.append("event_date <= ?")
            params.append(where.until[:10])
        if where.article is not None:
            clauses.append("id IN (SELECT m.event_id FROM event_members m JOIN articles a ON a.seq = m.article_seq "
                           "WHERE a.id = ?)")
            params.append(where.article)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def list_events(self, where: EventFilter | None = None, limit: int | None = None,
                    offset: int = 0) -> list[StoredEvent]:
        sql, params = self._event_where(where)
        if limit is None:
            rows = self.conn.execute(f"SELECT {_EVENT_COLUMNS} FROM events{sql} {_ORDER}", params).fetchall()
            return self._load(rows[offset:])
        rows = self.conn.execute(f"SELECT {_EVENT_COLUMNS} FROM events{sql} {_ORDER} LIMIT ? OFFSET ?",
                                 [*params, int(limit), int(offset)]).fetchall()
        return self._load(rows)

    def count_events(self, where: EventFilter | None = None) -> int:
        sql, params = self._event_where(where)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM events{sql}", params).fetchone()[0])


def _chunks(values: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]
