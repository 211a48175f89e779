"""The schema, one function per migration. Never edit a step once shipped:
add a new one. Migrations run in order inside a transaction each."""

from __future__ import annotations

from sqlite_utils import Database


def m001_binder_meta(db: Database) -> None:
    db.execute("CREATE TABLE binder_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


STEPS = [m001_binder_meta]
