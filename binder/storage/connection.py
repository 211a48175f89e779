"""The only module that imports sqlcipher3.

Opens a SQLCipher 4 connection keyed with the raw 256-bit data key, applies
and verifies the safety pragmas, and wraps it in a sqlite_utils.Database.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlcipher3 import dbapi2

# sqlite-utils catches the exception classes of the stdlib sqlite3 (or of
# pysqlite3 when that is importable). sqlcipher3's classes do not subclass the
# stdlib ones, so `Table.drop(ignore=True)`, `cached_counts()` and INSERT ...
# RETURNING misbehave. Aliasing sqlcipher3 as pysqlite3 BEFORE sqlite_utils is
# first imported makes sqlite-utils use sqlcipher3's classes throughout.
# tests/core/test_storage_connection.py checks that this holds.
sys.modules.setdefault("pysqlite3", sqlcipher3)
sys.modules.setdefault("pysqlite3.dbapi2", dbapi2)

import sqlite_utils  # noqa: E402  (must follow the alias above)
import sqlite_utils.db  # noqa: E402

if sqlite_utils.db.OperationalError is not dbapi2.OperationalError:
    raise ImportError("sqlite_utils was imported before binder.storage: import binder.storage "
                      "first so that it uses sqlcipher3's exception classes")

from binder.errors import NotABinderError, StorageError, WrongKeyError  # noqa: E402
from binder.fileformat import looks_plaintext_sqlite  # noqa: E402

log = logging.getLogger(__name__)

DatabaseError = dbapi2.DatabaseError
OperationalError = dbapi2.OperationalError
IntegrityError = dbapi2.IntegrityError
Connection = dbapi2.Connection
Database = sqlite_utils.Database

SQLITE_NOTADB = 26


def driver_is_sqlcipher() -> bool:
    """True when sqlite-utils catches sqlcipher3's exception classes."""
    return sqlite_utils.db.OperationalError is dbapi2.OperationalError


def _key_statement(key: bytes, verb: str) -> bytearray:
    # Built in a bytearray and zeroed by the caller: an f-string would leave
    # copies of the hex key in memory (measured: 11+ copies).
    stmt = bytearray(f"PRAGMA {verb} = \"x'".encode())
    stmt += key.hex().encode()
    stmt += b"'\""
    return stmt


def _execute_secret(conn: Any, stmt: bytearray) -> None:
    try:
        conn.execute(stmt.decode())
    finally:
        for i in range(len(stmt)):
            stmt[i] = 0


def connect(path: Path, key: bytes, *, create: bool = False,
            read_only: bool = False) -> sqlite_utils.Database:
    """Open (or create) the binder at ``path`` keyed with ``key``.

    Raises WrongKeyError when the key does not open an existing binder,
    NotABinderError when the file is plainly not SQLCipher or is damaged.
    """
    exists = path.exists()
    if not exists and not create:
        raise NotABinderError(f"There is no binder at {path}.")
    if exists and not create and path.stat().st_size == 0:
        raise NotABinderError(f"{path} is empty: it is not a binder or it is damaged.")
    if exists and looks_plaintext_sqlite(path):
        raise NotABinderError(
            f"{path} is an unencrypted SQLite file, not a binder.")
    uri = f"file:{path.as_posix()}" + ("?mode=ro" if read_only else "")
    try:
        conn = dbapi2.connect(uri, uri=True, isolation_level=None,
                              check_same_thread=False, timeout=5.0)
    except OperationalError as exc:
        raise StorageError(f"Cannot open {path}: {exc}.") from None
    try:
        # Must run before the key: otherwise a wrong key prints
        # "ERROR CORE ... hmac check failed" on file descriptor 2.
        conn.execute("PRAGMA cipher_log_level = NONE")
        _execute_secret(conn, _key_statement(key, "key"))
        _verify_key(conn, path, exists)
        _apply_pragmas(conn, read_only=read_only)
    except BaseException:
        conn.close()
        raise
    return sqlite_utils.Database(conn)


def _verify_key(conn: Any, path: Path, existed: bool) -> None:
    # A wrong key only shows on the first read (SQLITE_NOTADB); so does a
    # damaged or foreign file. The key sidecar's AEAD has already proven the
    # key genuine, so the caller can tell these apart: see session.py.
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", SQLITE_NOTADB) != SQLITE_NOTADB:
            # Not a key problem: the folder is read-only or full, the -shm
            # cannot be made, the file is locked ...
            raise StorageError(f"Cannot read {path.name}: {exc}.") from None
        if existed:
            raise WrongKeyError(
                f"This key does not open {path.name}: either the key is wrong "
                "or the file is not a binder or is damaged.") from None
        raise


PAGE_CACHE_KIB = 64 * 1024


def _apply_pragmas(conn: Any, *, read_only: bool) -> None:
    # temp_store=FILE would spill sort data to /var/tmp in plaintext.
    conn.execute("PRAGMA temp_store = MEMORY")
    # Every page read from disk is decrypted and MAC-checked: with the default
    # 8 MB cache a 10,000-person binder (~50 MB) keeps re-decrypting pages and
    # an edit costs 1.6x the same edit on plain SQLite; with room for the whole
    # binder it is ~1.05x. Memory is used only as pages are read.
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA secure_delete = ON")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit the app acknowledged survives a power cut, not only kill -9.
        conn.execute("PRAGMA synchronous = FULL")
    assert_safe(conn)


def assert_safe(conn: Any) -> None:
    temp_store = conn.execute("PRAGMA temp_store").fetchone()[0]
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    if temp_store != 2 or foreign_keys != 1:
        raise StorageError(
            "The database engine refused the safety settings "
            f"(temp_store={temp_store}, foreign_keys={foreign_keys}); not opening.")


def rekey(db: sqlite_utils.Database, new_key: bytes) -> None:
    """Re-encrypt every page under ``new_key`` (PRAGMA rekey)."""
    _execute_secret(db.conn, _key_statement(new_key, "rekey"))


def backup_to(db: sqlite_utils.Database, target: Path, key: bytes) -> None:
    """Copy the open binder into a new file keyed with ``key``.

    Uses the SQLite backup API into a keyed target: never sqlcipher_export()
    with an empty key, which writes plaintext.
    """
    tmp = target.with_name(target.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    dest = dbapi2.connect(str(tmp), isolation_level=None)
    try:
        dest.execute("PRAGMA cipher_log_level = NONE")
        _execute_secret(dest, _key_statement(key, "key"))
        dest.execute("PRAGMA temp_store = MEMORY")
        db.conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    _fsync_file(tmp)
    os.replace(tmp, target)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def quick_check(db: sqlite_utils.Database) -> bool:
    """Read every page once (HMACs verified on the way): True when healthy."""
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
    except DatabaseError:
        return False
    return [r[0] for r in rows] == ["ok"]


def as_binder_error(exc: BaseException) -> NotABinderError | StorageError | None:
    """Map a driver error met after opening to a user-facing error (None: not ours)."""
    if isinstance(exc, OperationalError):
        text = str(exc).lower()
        if "readonly" in text or "read-only" in text:
            return StorageError("The binder's folder is read-only: changes cannot be saved.")
        if "full" in text:
            return StorageError("The disk is full: the last change was not saved.")
        if "disk i/o" in text or "unable to open" in text:
            return StorageError("The binder file could not be read or written "
                                "(was it removed or is the drive unplugged?).")
        return None
    if isinstance(exc, DatabaseError):
        return NotABinderError("The binder file is damaged (a page failed its integrity "
                               "check). Restore it from a backup; run 'doctor' for details.")
    return None


def integrity_problems(db: sqlite_utils.Database) -> list[str]:
    """Findings from integrity_check and cipher_integrity_check (empty = healthy)."""
    problems = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
    problems += [str(r[0]) for r in db.execute("PRAGMA cipher_integrity_check").fetchall()]
    return problems
