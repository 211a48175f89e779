"""Rows <-> record dataclasses, plus the match keys, links, history and the
search index that follow every write. All record SQL lives here."""

from __future__ import annotations

import gc
import json
import weakref
from collections.abc import Iterable, Sequence
from typing import Any

import orjson
from sqlite_utils import Database

from binder.models import MODEL_FOR, FieldChange, HistoryEntry, Kind, Record
from binder.storage.search_repo import SearchRepo

_COLUMNS = "id, kind, title, body, created_at, updated_at, deleted_at, verified_at, " \
           "verified_by, version"


_MODEL_BY_VALUE = {k.value: model for k, model in MODEL_FOR.items()}


def _row_to_record(row: Sequence[Any]) -> Record:
    (rid, kind, _title, body, created, updated, deleted, verified, verified_by, version) = row
    try:
        # orjson decodes a 10,000-person binder's bodies in about half the time
        # of json, the largest single cost of unlocking a big binder.
        data = orjson.loads(body)
    except orjson.JSONDecodeError:  # what json writes but orjson refuses (NaN)
        data = json.loads(body)
    data.update(id=rid, created_at=created, updated_at=updated, deleted_at=deleted,
                verified_at=verified, verified_by=verified_by, version=version)
    return _MODEL_BY_VALUE[kind].from_owned(data)


# Decoded records per open database, per (kind, include_deleted). The app reads
# whole lists often (every page, the review count, "Who do I call?") and
# decoding 10,000 JSON bodies costs ~0.3 s, so lists are kept until this
# connection writes a record or another connection commits (data_version).
_CACHE: weakref.WeakKeyDictionary[Any, dict[Any, Any]] = weakref.WeakKeyDictionary()


def _cache_for(db: Database) -> dict[Any, Any]:
    state = _CACHE.get(db)
    if state is None:
        state = _CACHE[db] = {}
    version = db.execute("PRAGMA data_version").fetchone()[0]
    if state.get("data_version") != version:
        state.clear()
        state["data_version"] = version
    return state


def forget_cached(db: Database) -> None:
    state = _CACHE.get(db)
    if state is not None:
        version = state.get("data_version")
        state.clear()
        state["data_version"] = version


class RecordsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- reading ------------------------------------------------------------

    def get(self, record_id: str) -> Record | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM records WHERE id = ?",
                              [record_id]).fetchone()
        return None if row is None else _row_to_record(row)

    def find_prefix(self, prefix: str, limit: int = 3) -> list[str]:
        """Ids starting with ``prefix`` (the CLI accepts short ids, as git does)."""
        rows = self.db.execute("SELECT id FROM records WHERE id >= ? AND id < ? LIMIT ?",
                               [prefix, prefix + "\uffff", limit]).fetchall()
        return [r[0] for r in rows]

    def list(self, kind: Kind | None = None, *, include_deleted: bool = False) -> list[Record]:
        cache = _cache_for(self.db)
        if "all" not in cache:
            cache["all"] = self._load(None, True)
        return [r for r in cache["all"] if (kind is None or r.kind is kind)
                and (include_deleted or r.deleted_at is None)]

    def _load(self, kind: Kind | None, include_deleted: bool) -> list[Record]:
        where, params = [], []
        if kind is not None:
            where.append("kind = ?")
            params.append(kind.value)
        if not include_deleted:
            where.append("deleted_at IS NULL")
        sql = f"SELECT {_COLUMNS} FROM records"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY kind, title COLLATE NOCASE, id"
        rows = self.db.execute(sql, params).fetchall()
        # Tens of thousands of new objects, none of them in a reference cycle:
        # the collector's passes over them were a sixth of the decoding time.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return [_row_to_record(r) for r in rows]
        finally:
            if was_enabled:
                gc.enable()

    def ids_by_key(self, key_type: str, value: str) -> list[str]:
        rows = self.db.execute(
            "SELECT DISTINCT k.record_id FROM record_keys k JOIN records r ON r.id = k.record_id "
            "WHERE k.key_type = ? AND k.value = ? AND r.deleted_at IS NULL", [key_type, value])
        return [r[0] for r in rows]

    def linked_from(self, to_id: str) -> list[tuple[str, str]]:
        """(from_id, rel) of live records that point at ``to_id``."""
        rows = self.db.execute(
            "SELECT l.from_id, l.rel FROM record_links l JOIN records r ON r.id = l.from_id "
            "WHERE l.to_id = ? AND r.deleted_at IS NULL", [to_id])
        return [(r[0], r[1]) for r in rows]

    def exists_live(self, record_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM records WHERE id = ? AND deleted_at IS NULL",
                               [record_id]).fetchone() is not None

    # --- writing (callers hold the transaction) ------------------------------

    def put(self, record: Record, *, keys: Iterable[tuple[str, str]],
            links: Iterable[tuple[str, str]], search_text: tuple[str, str]) -> None:
        forget_cached(self.db)
        # Every page a commit touches is encrypted and MACed, so an edit writes
        # only what changed: the indexed columns, keys, links and search row
        # are left alone when they are the same (a notes edit is ~10 pages, not ~28).
        values = {"kind": record.kind.value, "title": record.title,
                  "body": json.dumps(record.body(), ensure_ascii=False, sort_keys=True),
                  "created_at": record.created_at, "updated_at": record.updated_at,
                  "deleted_at": record.deleted_at, "verified_at": record.verified_at,
                  "verified_by": record.verified_by, "version": record.version}
        stored = self.db.execute(f"SELECT {_COLUMNS} FROM records WHERE id = ?",
                                 [record.id]).fetchone()
        if stored is None:
            self.db.execute(f"INSERT INTO records ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                            [record.id, *values.values()])
        else:
            changed = {c: v for c, v in zip(values, stored[1:]) if values[c] != v}
            if changed:
                self.db.execute(
                    f"UPDATE records SET {', '.join(f'{c} = ?' for c in changed)} WHERE id = ?",
                    [values[c] for c in changed] + [record.id])
        live = record.deleted_at is None
        self._sync(
            "record_keys", "record_id", ("key_type", "value"), record.id,
            set(keys) if live else set())
        self._sync("record_links", "from_id", ("to_id", "rel"), record.id, set(links))
        index = SearchRepo(self.db)
        if live:
            index.put(record.id, record.kind.value, record.title, search_text[0], search_text[1])
        else:
            index.remove(record.id)

    def _sync(self, table: str, owner: str, columns: tuple[str, str], record_id: str,
              wanted: set[tuple[str, str]]) -> None:
        """Make ``table``'s rows for one record exactly ``wanted``, touching only the difference."""
        a, b = columns
        rows = self.db.execute(f"SELECT rowid, {a}, {b} FROM {table} WHERE {owner} = ?",
                               [record_id]).fetchall()
        have = {(r[1], r[2]): r[0] for r in rows}
        stale = [(rowid,) for pair, rowid in have.items() if pair not in wanted]
        if stale:
            self.db.conn.executemany(f"DELETE FROM {table} WHERE rowid = ?", stale)
        fresh = [(record_id, *pair) for pair in wanted if pair not in have]
        if fresh:
            self.db.conn.executemany(
                f"INSERT OR IGNORE INTO {table} ({owner}, {a}, {b}) VALUES (?,?,?)", fresh)

    def add_history(self, entry: HistoryEntry) -> None:
        changes = [{"field": c.field, "before": c.before, "after": c.after}
                   for c in entry.changes]
        self.db.execute(
            "INSERT INTO history (record_id, at, by, action, changes) VALUES (?,?,?,?,?)",
            [entry.record_id, entry.at, entry.by, entry.action,
             json.dumps(changes, ensure_ascii=False, sort_keys=True)])

    def history(self, record_id: str) -> list[HistoryEntry]:
        rows = self.db.execute("SELECT record_id, at, by, action, changes FROM history "
                               "WHERE record_id = ? ORDER BY seq", [record_id])
        return [HistoryEntry(r[0], r[1], r[2], r[3],
                             tuple(FieldChange(c["field"], c["before"], c["after"])
                                   for c in json.loads(r[4])))
                for r in rows]

    def count_live(self) -> dict[str, int]:
        rows = self.db.execute("SELECT kind, count(*) FROM records WHERE deleted_at IS NULL "
                               "GROUP BY kind")
        return {r[0]: int(r[1]) for r in rows}

    def rename(self, old_id: str, new_id: str) -> None:
        """Give a record the id another copy knows it by (JSON import, merge).
        Only for records nothing links to (templates, checklists, regulators)."""
        if self.db.execute("SELECT 1 FROM record_links WHERE to_id = ? OR from_id = ?",
                           [old_id, old_id]).fetchone():
            raise ValueError("linked records keep their id")
        forget_cached(self.db)
        self.db.execute("UPDATE records SET id = ? WHERE id = ?", [new_id, old_id])
        self.db.execute("UPDATE record_keys SET record_id = ? WHERE record_id = ?", [new_id, old_id])
        self.db.execute("UPDATE history SET record_id = ? WHERE record_id = ?", [new_id, old_id])
        SearchRepo(self.db).rename(old_id, new_id)
