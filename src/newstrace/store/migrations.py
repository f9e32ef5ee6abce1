"""The store's schema as recorded migrations: each applied once, in a transaction, listed in
`schema_migrations`. Plain portable SQL, except where marked as SQLite-only (FTS5); the PostgreSQL
backend keeps its own list with the same version numbers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


SQLITE: tuple[Migration, ...] = (
    Migration(1, "articles, sources, outlet lines, full-text index", (
        """CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            url TEXT,
            author TEXT,
            published TEXT,
            published_ts REAL,
            language TEXT,
            analysed INTEGER NOT NULL,
            skip_reason TEXT,
            format TEXT NOT NULL,
            path TEXT,
            record TEXT,
            locator TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            previous_id TEXT REFERENCES articles(id),
            n_chars INTEGER NOT NULL,
            ingested_at TEXT NOT NULL,
            stage TEXT NOT NULL
        )""",
        "CREATE INDEX articles_locator ON articles(locator)",
        "CREATE INDEX articles_outlet ON articles(outlet)",
        "CREATE INDEX articles_published ON articles(published_ts)",
        """CREATE TABLE article_sources (
            raw_hash TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id),
            path TEXT NOT NULL,
            record TEXT NOT NULL DEFAULT '',
            url TEXT,
            outlet TEXT,
            format TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (path, record, raw_hash)
        )""",
        "CREATE INDEX article_sources_raw ON article_sources(raw_hash)",
        "CREATE INDEX article_sources_article ON article_sources(article_id)",
        """CREATE TABLE outlet_lines (
            outlet TEXT NOT NULL,
            line_hash TEXT NOT NULL,
            n_articles INTEGER NOT NULL,
            PRIMARY KEY (outlet, line_hash)
        )""",
        # SQLite-only: FTS5 over title and text. Rows are indexed in bulk, after each ingest batch run and
        # before any search, up to a recorded mark (fts_state): one statement tokenising many rows is much
        # cheaper than a trigger per row, and a kill before indexing leaves the rows pending, not lost.
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
        )""",
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16)",
        "CREATE TABLE fts_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_seq INTEGER NOT NULL)",
        "INSERT INTO fts_state VALUES (1, 0)",
        """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
           WHEN old.seq <= (SELECT indexed_seq FROM fts_state) BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        END""",
        """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
           WHEN old.seq <= (SELECT indexed_seq FROM fts_state) BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END""",
    )),
)

SQLITE += (
    Migration(2, "text reuse: fingerprints, postings, aligned pairs, alignments", (
        # `indexed`: the fingerprints are in reuse_postings (a batch run indexes them all at once, in order)
        """CREATE TABLE reuse_fingerprints (
            seq INTEGER PRIMARY KEY REFERENCES articles(seq),
            hashes BLOB NOT NULL,
            n INTEGER NOT NULL,
            indexed INTEGER NOT NULL,
            stage TEXT NOT NULL
        )""",
        "CREATE INDEX reuse_fingerprints_unindexed ON reuse_fingerprints(indexed) WHERE indexed = 0",
        # Inverted index: which articles hold each fingerprint (64-bit hashes stored as signed integers).
        """CREATE TABLE reuse_postings (
            hash INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (hash, seq)
        ) WITHOUT ROWID""",
        # Every pair compared, with or without passages, so that a rerun compares only new pairs.
        """CREATE TABLE reuse_pairs (
            a_seq INTEGER NOT NULL,
            b_seq INTEGER NOT NULL,
            passages INTEGER NOT NULL,
            stage TEXT NOT NULL,
            PRIMARY KEY (a_seq, b_seq)
        )""",
        """CREATE TABLE alignments (
            id INTEGER PRIMARY KEY,
            a_seq INTEGER NOT NULL,
            b_seq INTEGER NOT NULL,
            source_seq INTEGER NOT NULL,
            target_seq INTEGER NOT NULL,
            source_start INTEGER NOT NULL,
            source_end INTEGER NOT NULL,
            target_start INTEGER NOT NULL,
            target_end INTEGER NOT NULL,
            kind TEXT NOT NULL,
            score REAL NOT NULL,
            quoted INTEGER NOT NULL,
            decided INTEGER NOT NULL,
            direction_confidence REAL NOT NULL,
            direction_reason TEXT NOT NULL,
            stage TEXT NOT NULL
        )""",
        "CREATE INDEX alignments_pair ON alignments(a_seq, b_seq)",
        "CREATE INDEX alignments_source ON alignments(source_seq)",
        "CREATE INDEX alignments_target ON alignments(target_seq)",
    )),
)

SQLITE += (
    Migration(3, "attributions", (
        """CREATE TABLE attributions (
            article_seq INTEGER NOT NULL REFERENCES articles(seq),
            n INTEGER NOT NULL,
            cue_start INTEGER NOT NULL,
            cue_end INTEGER NOT NULL,
            source_start INTEGER,
            source_end INTEGER,
            canonical TEXT NOT NULL,
            kind TEXT NOT NULL,
            content TEXT NOT NULL,
            type TEXT NOT NULL,
            hedged INTEGER NOT NULL,
            parent INTEGER,
            stage TEXT NOT NULL,
            PRIMARY KEY (article_seq, n)
        )""",
        # every article analysed, with or without attributions, so that a rerun skips it
        """CREATE TABLE attributed_articles (
            seq INTEGER NOT NULL,
            stage TEXT NOT NULL,
            PRIMARY KEY (seq, stage)
        )""",
    )),
)

SQLITE += (
    Migration(4, "stories", (
        # the story each article was put in when it arrived; stories are never re-clustered
        """CREATE TABLE story_members (
            article_seq INTEGER PRIMARY KEY REFERENCES articles(seq),
            story TEXT NOT NULL,
            stage TEXT NOT NULL
        )""",
        "CREATE INDEX story_members_story ON story_members (story)",
        # the streaming clusterer's state (document frequencies, live stories), one row per stage version
        """CREATE TABLE story_state (
            stage TEXT PRIMARY KEY,
            state TEXT NOT NULL
        )""",
    )),
)

SQLITE += (
    # the row numbers alone, apart from the texts: paging with OFFSET steps over them, not over the articles
    Migration(5, "an index of article row numbers for paging", (
        "CREATE INDEX articles_by_seq ON articles (seq)",
    )),
)

SQLITE += (
    # which story each merged story went into, so following an old story id needs no look at the whole state
    # (tens of MB on a large store); filled from the stored states of stores made before the table
    Migration(6, "story merges", (
        """CREATE TABLE story_merges (
            stage TEXT NOT NULL,
            story TEXT NOT NULL,
            merged_into TEXT NOT NULL,
            PRIMARY KEY (stage, story)
        )""",
        # a state that is not the JSON it should be is left alone: the store still opens
        """INSERT INTO story_merges (stage, story, merged_into)
            SELECT st.stage, json_extract(s.value, '$.id'), 's' || json_extract(s.value, '$.merged_into')
            FROM (SELECT stage, state FROM story_state WHERE json_valid(state)) AS st,
                 json_each(st.state, '$.stories') AS s
            WHERE s.type = 'object' AND json_extract(s.value, '$.merged_into') > 0
                AND json_type(s.value, '$.id') = 'text'""",
    )),
)

SQLITE += (
    # one row per story beside the state's other parts, so a run rewrites only the stories it changed, not
    # every open story's centroid (tens of MB on a large store); the stories of saved states move there
    Migration(7, "story rows", (
        """CREATE TABLE story_rows (
            stage TEXT NOT NULL,
            n INTEGER NOT NULL,
            story TEXT NOT NULL,
            PRIMARY KEY (stage, n)
        )""",
        """INSERT INTO story_rows (stage, n, story)
            SELECT st.stage, s.key + 1, s.value
            FROM (SELECT stage, state FROM story_state
                  WHERE json_valid(state) AND json_type(state, '$.stories') = 'array') AS st,
                 json_each(st.state, '$.stories') AS s""",
        """UPDATE story_state SET state = json_remove(state, '$.stories')
            WHERE json_valid(state) AND json_type(state, '$.stories') = 'array'""",
    )),
)

SQLITE += (
    # how far a reader can trust each passage as reuse (reuse/evidence.py): strong, moderate or weak, and why;
    # rows stored before have '' (unknown) until their pairs are compared again
    Migration(8, "alignment evidence", (
        "ALTER TABLE alignments ADD COLUMN evidence TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE alignments ADD COLUMN evidence_reason TEXT NOT NULL DEFAULT ''",
    )),
)

SQLITE += (
    # what the provenance stage worked out for each article, stored so that every face reads one result
    # instead of recomputing it; an analysable article without a row here is still pending analysis
    Migration(9, "stored provenance and analysis jobs", (
        """CREATE TABLE provenance_rows (
            seq INTEGER PRIMARY KEY REFERENCES articles(seq),
            stage TEXT NOT NULL,
            class TEXT NOT NULL,
            derived REAL NOT NULL,
            shared REAL NOT NULL,
            originality TEXT NOT NULL,
            sentences TEXT NOT NULL,
            discrepancies TEXT NOT NULL
        )""",
        "CREATE INDEX provenance_rows_class ON provenance_rows (class)",
        # analysis runs that follow ingest (CLI, upload): their state and progress, for every face to show
        """CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            step TEXT,
            total INTEGER NOT NULL DEFAULT 0,
            done INTEGER NOT NULL DEFAULT 0,
            articles TEXT NOT NULL,
            message TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
    )),
)

SQLITE += (
    # the outlet an article names as its own when metadata gave none (text/outlets.py): the rule that found
    # it, the name's span in the clean text (null when it stood in removed page furniture) and the line.
    Migration(10, "outlets read from the text", (
        "ALTER TABLE articles ADD COLUMN outlet_rule TEXT",
        "ALTER TABLE articles ADD COLUMN outlet_start INTEGER",
        "ALTER TABLE articles ADD COLUMN outlet_end INTEGER",
        "ALTER TABLE articles ADD COLUMN outlet_line TEXT",
    )),
)

SQLITE += (
    # what ingest removed from each article as page furniture (ingest/furniture.py, the site filter): the
    # rule and the text of each removed paragraph or line, in order, so that a wrong removal can be seen
    Migration(11, "removed page furniture", (
        """CREATE TABLE article_furniture (
            article_id TEXT NOT NULL REFERENCES articles(id),
            n INTEGER NOT NULL,
            rule TEXT NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, n)
        )""",
    )),
)

SQLITE += (
    # the process that runs (or will run) each job, so that a job whose process died (a kill, a crash, a server
    # stopped) reads as interrupted instead of running for ever
    Migration(12, "the process of each analysis job", (
        "ALTER TABLE jobs ADD COLUMN pid INTEGER",
    )),
)

SQLITE += (
    # what each attribution reports (speech, a document, a stance), who the words were said to, the source's
    # role, whether it is a channel link, and how its canonical source was found (analyse/categories.py,
    # roles.py, speakers.py); rows stored before have '' until the attribution stage runs again (its version
    # changed with them)
    Migration(14, "attribution categories, addressees, roles and source resolution", (
        "ALTER TABLE attributions ADD COLUMN category TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE attributions ADD COLUMN addressee_start INTEGER",
        "ALTER TABLE attributions ADD COLUMN addressee_end INTEGER",
        "ALTER TABLE attributions ADD COLUMN addressee_kind TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE attributions ADD COLUMN role_start INTEGER",
        "ALTER TABLE attributions ADD COLUMN role_end INTEGER",
        "ALTER TABLE attributions ADD COLUMN channel INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE attributions ADD COLUMN resolution TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE attributions ADD COLUMN note TEXT NOT NULL DEFAULT ''",
    )),
)

LATEST = max(m.version for m in SQLITE)
