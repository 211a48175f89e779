"""The SQLCipher connection: pragmas, driver workaround, quiet wrong keys."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3

from binder.storage import connection


def test_every_connection_has_memory_temp_store_and_foreign_keys(session) -> None:
    assert session.db.execute("PRAGMA temp_store").fetchone()[0] == 2
    assert session.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert session.db.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")


def test_sqlite_utils_uses_sqlcipher_exception_classes(session) -> None:
    import sqlite_utils.db

    assert connection.driver_is_sqlcipher()
    assert sqlite_utils.db.OperationalError is sqlcipher3.dbapi2.OperationalError
    db = session.db
    db["scratch"].insert({"a": 1})
    db["scratch"].drop(ignore=True)
    db["missing_table"].drop(ignore=True)  # would raise with the wrong classes
    assert "scratch" not in db.table_names()
    rows = db.query("INSERT INTO settings (key, value) VALUES ('r', 'v') RETURNING key")
    assert [r["key"] for r in rows] == ["r"]
    assert not db.conn.in_transaction


def test_no_module_passes_a_path_to_sqlite_utils_database() -> None:
    # Database("path") would create an unkeyed plaintext file.
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in list((root / "binder").rglob("*.py")) + list((root / "ui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "Database(" in text and "sqlite_utils.Database(conn)" not in text:
            offenders += [f"{path}:{n}" for n, line in enumerate(text.splitlines(), 1)
                          if "Database(" in line and "class " not in line]
        if "import sqlcipher3" in text or "from sqlcipher3" in text:
            if path.name != "connection.py":
                offenders.append(f"{path}: imports sqlcipher3")
    assert offenders == []


WRONG_KEY_SCRIPT = """
import sys, os
from pathlib import Path
from binder.storage import connection
from binder.errors import WrongKeyError
try:
    connection.connect(Path(sys.argv[1]), os.urandom(32))
except WrongKeyError:
    print("wrong key reported")
"""


def test_wrong_key_writes_nothing_to_fd2(binder_file) -> None:
    proc = subprocess.run([sys.executable, "-c", WRONG_KEY_SCRIPT, str(binder_file.path)],
                          capture_output=True, timeout=60)
    assert proc.stdout.strip() == b"wrong key reported"
    assert proc.stderr == b""


def test_wrong_passphrase_through_cli_is_quiet(binder_file) -> None:
    proc = subprocess.run([sys.executable, "-m", "binder", "--binder", str(binder_file.path),
                           "info"], capture_output=True, text=True, timeout=60,
                          env={**__import__("os").environ, "CRISIS_BINDER_PASSPHRASE": "nope nope"})
    assert proc.returncode == 3
    assert proc.stderr.strip() == "Error: Wrong passphrase."
    assert proc.stdout == ""


def test_backup_target_is_encrypted_and_opens_with_the_key(session, tmp_path) -> None:
    target = tmp_path / "copy.db"
    connection.backup_to(session.db, target, session.data_key)
    assert not target.read_bytes().startswith(b"SQLite format 3")
    db = connection.connect(target, session.data_key)
    assert db.execute("SELECT value FROM binder_meta WHERE key='organisation'").fetchone()[0] \
        == "Fictional Corp"
    db.close()


def test_damage_after_open_maps_to_a_clear_error() -> None:
    err = connection.as_binder_error(sqlcipher3.dbapi2.DatabaseError("database disk image is malformed"))
    assert err is not None and "damaged" in err.message
    full = connection.as_binder_error(sqlcipher3.dbapi2.OperationalError("database or disk is full"))
    assert full is not None and "full" in full.message
    assert connection.as_binder_error(ValueError("x")) is None


@pytest.mark.parametrize("mode", ["wal", "delete"])
def test_open_journal_holds_no_plaintext(binder_file, mode) -> None:
    from binder.session import unlock_any
    from binder.storage.meta_repo import MetaRepo

    canary = "JOURNALCANARY-" + mode
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        if mode == "delete":
            s.db.execute("PRAGMA journal_mode = DELETE")
        s.db.execute("BEGIN")
        MetaRepo(s.db).set("c", canary * 20, table="settings")
        # Mid-transaction: journal/wal files exist now.
        for f in binder_file.path.parent.iterdir():
            assert canary.encode() not in f.read_bytes(), f
        s.db.execute("COMMIT")
        for f in binder_file.path.parent.iterdir():
            assert canary.encode() not in f.read_bytes(), f


def test_only_storage_imports_sqlite_utils() -> None:
    root = Path(__file__).resolve().parents[2] / "binder"
    offenders = [str(p) for p in root.rglob("*.py")
                 if "storage" not in p.parts
                 and any(line.strip().startswith(("import sqlite_utils", "from sqlite_utils"))
                         for line in p.read_text(encoding="utf-8").splitlines())]
    assert offenders == []
