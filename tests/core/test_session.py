import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from binder.errors import (BinderError, KeyFileError, LockedError, NotABinderError,
                           RecoveryKeyTypoError, WeakPassphraseError, WrongKeyError)
from binder.keys import recovery, sidecar
from binder.session import BinderSession, create_binder, unlock_any
from binder.storage.meta_repo import MetaRepo


def test_create_then_unlock_three_ways(binder_file, memory_keyring) -> None:
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        assert MetaRepo(s.db).get("organisation") == "Fictional Corp"
        s.remember_on_device()
    with unlock_any(binder_file.path, recovery_key=binder_file.recovery_key) as s:
        assert s.unlock_method == "recovery key"
    with unlock_any(binder_file.path) as s:
        assert s.unlock_method == "keyring"


def test_wrong_passphrase_is_wrong_key(binder_file) -> None:
    with pytest.raises(WrongKeyError, match="Wrong passphrase"):
        unlock_any(binder_file.path, passphrase="Orchid-Lantern-Ferry-1988!")


def test_recovery_key_of_another_binder_is_refused(binder_file) -> None:
    other = recovery.encode(os.urandom(32))
    with pytest.raises(WrongKeyError, match="different binder"):
        unlock_any(binder_file.path, recovery_key=other)


def test_recovery_key_typo_is_a_typo(binder_file) -> None:
    key = binder_file.recovery_key
    typo = key[:7] + ("X" if key[7] != "X" else "Y") + key[8:]
    with pytest.raises(RecoveryKeyTypoError, match="Group 2"):
        unlock_any(binder_file.path, recovery_key=typo)


def test_damaged_binder_is_reported_as_damaged(binder_file) -> None:
    with open(binder_file.path, "r+b") as fh:
        fh.seek(4096 + 100)
        fh.write(b"\xff" * 64)
    with pytest.raises(NotABinderError, match="damaged"):
        with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
            s.db.execute("SELECT * FROM binder_meta").fetchall()


def test_foreign_files_are_not_binders(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + os.urandom(5000))
    with pytest.raises(NotABinderError, match="not a binder"):
        BinderSession.open(pdf)
    plain = tmp_path / "plain.db"
    import sqlite3

    con = sqlite3.connect(plain)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(NotABinderError, match="plain SQLite"):
        BinderSession.open(plain)
    random_pages = tmp_path / "random.db"
    random_pages.write_bytes(os.urandom(8192))
    shutil.copy(random_pages, tmp_path / "random.db.keys")
    with pytest.raises(BinderError):
        unlock_any(random_pages, recovery_key=recovery.encode(os.urandom(32)))


def test_weak_passphrase_refused_and_nothing_written(tmp_path: Path) -> None:
    target = tmp_path / "b.db"
    with pytest.raises(WeakPassphraseError, match="weak"):
        create_binder(target, "password1", "Fictional Corp")
    assert list(tmp_path.iterdir()) == []


def test_existing_binder_is_never_overwritten(binder_file) -> None:
    before = binder_file.path.read_bytes()
    with pytest.raises(BinderError, match="already exists"):
        create_binder(binder_file.path, binder_file.passphrase, "Other")
    assert binder_file.path.read_bytes() == before


def test_passphrase_change_rewraps_only(binder_file) -> None:
    db_before = binder_file.path.read_bytes()
    new = "Granite-Harbour-Violet-2031?"
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db_before = binder_file.path.read_bytes()
        s.change_passphrase(new)
    assert binder_file.path.read_bytes() == db_before
    with pytest.raises(WrongKeyError):
        unlock_any(binder_file.path, passphrase=binder_file.passphrase)
    # The .bak twin must not keep the old passphrase working either.
    sidecar.sidecar_path(binder_file.path).unlink()
    with pytest.raises(WrongKeyError):
        unlock_any(binder_file.path, passphrase=binder_file.passphrase)
    with unlock_any(binder_file.path, passphrase=new):
        pass


def test_rotating_the_recovery_key_rekeys(binder_file) -> None:
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        old_key = s.data_key
        new_text = s.rotate_recovery_key(binder_file.passphrase)
    assert recovery.decode(new_text) != old_key
    with pytest.raises(WrongKeyError):
        unlock_any(binder_file.path, recovery_key=binder_file.recovery_key)
    with unlock_any(binder_file.path, recovery_key=new_text) as s:
        assert MetaRepo(s.db).get("organisation") == "Fictional Corp"
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase):
        pass


def test_rotating_keeps_this_device_remembered(binder_file) -> None:
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        s.remember_on_device()
        s.rotate_recovery_key(binder_file.passphrase)
        assert s.has_keyring_slot and not s.warnings
    s = BinderSession.open(binder_file.path)
    try:
        s.unlock_with_keyring()  # the new data key, through a new keyring secret
        assert s.unlocked
    finally:
        s.close()


def test_check_passphrase(session) -> None:
    session.check_passphrase("Orchid-Lantern-Ferry-1987!")
    with pytest.raises(WrongKeyError):
        session.check_passphrase("Orchid-Lantern-Ferry-1988!")


def test_lock_closes_connection_and_drops_key(session) -> None:
    session.lock()
    assert not session.unlocked
    with pytest.raises(LockedError):
        session.db
    with pytest.raises(LockedError):
        session.data_key
    session.unlock_with_passphrase("Orchid-Lantern-Ferry-1987!")
    assert session.unlocked


def test_second_writer_in_same_process_refused(binder_file) -> None:
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase):
        with pytest.raises(LockedError, match="open elsewhere"):
            BinderSession.open(binder_file.path)


def test_second_writer_in_another_process_refused(binder_file) -> None:
    code = ("import sys; from binder.cli import main; "
            "sys.exit(main(['--binder', sys.argv[1], '--recovery-key', sys.argv[2], 'info']))")
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase):
        proc = subprocess.run([sys.executable, "-c", code, str(binder_file.path),
                               binder_file.recovery_key], capture_output=True, text=True,
                              timeout=60)
    assert proc.returncode == 1
    assert "open elsewhere" in proc.stderr and "process" in proc.stderr
    assert "Traceback" not in proc.stderr
    # Once released, the other process gets in.
    proc = subprocess.run([sys.executable, "-c", code, str(binder_file.path),
                           binder_file.recovery_key], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_missing_sidecar_then_recovery_key_then_new_passphrase(binder_file) -> None:
    for suffix in (".keys", ".keys.bak"):
        Path(str(binder_file.path) + suffix).unlink()
    s = BinderSession.open(binder_file.path)
    try:
        with pytest.raises(KeyFileError, match="recovery key"):
            s.unlock_with_passphrase(binder_file.passphrase)
        s.unlock_with_recovery_key(binder_file.recovery_key)
        s.change_passphrase("Granite-Harbour-Violet-2031?")
    finally:
        s.close()
    with unlock_any(binder_file.path, passphrase="Granite-Harbour-Violet-2031?"):
        pass
