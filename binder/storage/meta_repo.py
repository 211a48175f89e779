"""binder_meta and settings rows: small key/value tables."""

from __future__ import annotations

from sqlite_utils import Database


class MetaRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str, table: str = "binder_meta") -> str | None:
        row = self.db.execute(f"SELECT value FROM {_table(table)} WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set(self, key: str, value: str, table: str = "binder_meta") -> None:
        self.db.execute(
            f"INSERT INTO {_table(table)} (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    def all(self, table: str = "binder_meta") -> dict[str, str]:
        return {str(k): str(v) for k, v in self.db.execute(f"SELECT key, value FROM {_table(table)}")}


def _table(name: str) -> str:
    if name not in ("binder_meta", "settings"):
        raise ValueError(name)
    return name


def record_counts(db: Database) -> dict[str, int]:
    """Live (not deleted) records per kind, plus incidents."""
    existing = set(db.table_names())
    counts: dict[str, int] = {}
    if "records" in existing:
        for kind, n in db.execute("SELECT kind, count(*) FROM records WHERE deleted_at IS NULL "
                                  "GROUP BY kind ORDER BY kind"):
            counts[str(kind)] = int(n)
    if "incidents" in existing:
        counts["incident"] = int(db.execute("SELECT count(*) FROM incidents").fetchone()[0])
    return counts
