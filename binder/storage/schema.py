"""The schema, one function per migration. Never edit a step once shipped:
add a new one. Migrations run in order, each inside a transaction."""

from __future__ import annotations

from sqlite_utils import Database


def m001_binder_meta(db: Database) -> None:
    db.execute("CREATE TABLE binder_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def m002_records(db: Database) -> None:
    # One table for every record kind: the envelope as columns, the
    # kind-specific fields as a JSON body. History, tombstones, merge and
    # export then work the same way for every kind.
    db.execute("""
        CREATE TABLE records (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT,
            verified_at TEXT,
            verified_by TEXT,
            version INTEGER NOT NULL DEFAULT 1
        )""")
    db.execute("CREATE INDEX records_by_kind ON records (kind, deleted_at, title)")
    # Match keys for import (normalised emails and phones) and links between
    # records (deputies, an organisation's people): kept in step by the repo.
    db.execute("""
        CREATE TABLE record_keys (
            record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
            key_type TEXT NOT NULL,
            value TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX record_keys_lookup ON record_keys (key_type, value)")
    db.execute("CREATE INDEX record_keys_record ON record_keys (record_id)")
    db.execute("""
        CREATE TABLE record_links (
            from_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE,
            to_id TEXT NOT NULL REFERENCES records (id) ON DELETE RESTRICT,
            rel TEXT NOT NULL,
            PRIMARY KEY (from_id, to_id, rel)
        )""")
    db.execute("CREATE INDEX record_links_to ON record_links (to_id)")
    db.execute("""
        CREATE TABLE history (
            seq INTEGER PRIMARY KEY,
            record_id TEXT NOT NULL,
            at TEXT NOT NULL,
            by TEXT NOT NULL,
            action TEXT NOT NULL,
            changes TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX history_by_record ON history (record_id, seq)")
    # FTS5 cannot index its UNINDEXED columns, so deleting "WHERE record_id = ?"
    # would scan the whole index on every edit. search_rows maps a record id
    # to the FTS rowid through a real index instead.
    db.execute("CREATE TABLE search_rows (rowid INTEGER PRIMARY KEY, record_id TEXT NOT NULL "
               "UNIQUE)")
    db.execute("""
        CREATE VIRTUAL TABLE search_index USING fts5 (
            title, body, keys, kind UNINDEXED, record_id UNINDEXED,
            tokenize = "unicode61 remove_diacritics 2",
            prefix = '1 2 3'
        )""")


def m003_incidents(db: Database) -> None:
    db.execute("""
        CREATE TABLE incidents (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            exercise INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'open',
            created_at TEXT NOT NULL,
            closed_at TEXT,
            facts TEXT NOT NULL,
            head_hash TEXT NOT NULL,
            log_count INTEGER NOT NULL DEFAULT 0
        )""")
    db.execute("""
        CREATE TABLE incident_duties (
            incident_id TEXT NOT NULL REFERENCES incidents (id),
            duty_id TEXT NOT NULL,
            state TEXT NOT NULL,
            at TEXT,
            how TEXT NOT NULL DEFAULT '',
            by TEXT NOT NULL DEFAULT '',
            reference TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (incident_id, duty_id)
        )""")
    # Append-only: the service never updates or deletes a row here; the hash
    # chain shows if anyone else did.
    db.execute("""
        CREATE TABLE incident_log (
            incident_id TEXT NOT NULL REFERENCES incidents (id),
            number INTEGER NOT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            actor TEXT NOT NULL,
            text TEXT NOT NULL,
            data TEXT NOT NULL,
            corrects INTEGER,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (incident_id, number)
        )""")


STEPS = [m001_binder_meta, m002_records, m003_incidents]

# Tables each step creates (tests use it to roll a step back).
TABLES_BY_STEP: dict[str, tuple[str, ...]] = {
    "m001_binder_meta": ("binder_meta", "settings"),
    "m002_records": ("search_index", "search_rows", "history", "record_links", "record_keys",
                     "records"),
    "m003_incidents": ("incident_log", "incident_duties", "incidents"),
}
