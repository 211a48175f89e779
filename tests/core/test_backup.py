"""Backups: encrypted round trip, rotation, automatic backups, restore with a preview."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from binder.errors import BinderError, NotABinderError
from binder.keys import sidecar
from binder.models import Contact, Kind
from binder.services import backup, doctor
from binder.services.records import RecordService
from binder.services.team_copy import key_for, open_other
from binder.session import unlock_any
from binder.storage import connection
from tests.helpers.scan import files_containing

T0 = datetime(2026, 5, 4, 12, 0, 0, tzinfo=timezone.utc)


def _names(db) -> set[str]:
    return {r.title for r in RecordService(db).list(Kind.CONTACT)}


def test_backup_round_trip_is_encrypted_and_restores(session, binder_file) -> None:
    canary = "CANARY-" + uuid.uuid4().hex
    svc = RecordService(session.db, "tester")
    kept, _ = svc.add(Contact(name=f"{canary} kept"))
    info = backup.make_backup(session, "manual")
    assert info.path.parent == binder_file.path.with_name("binder-backups")
    assert info.path.name.startswith("binder-") and info.path.name.endswith("-manual.db")
    assert info.has_keys and backup.keys_path(info.path).read_bytes() == \
        sidecar.sidecar_path(binder_file.path).read_bytes()
    assert files_containing(canary, [info.path.parent]) == []
    assert info.path.read_bytes()[:16] != b"SQLite format 3\x00"
    svc.delete(kept.id)
    svc.add(Contact(name="Added after the backup"))

    shown = doctor.preview(info.path, session.data_key, current=session)
    assert shown.healthy and shown.same_binder and shown.record_counts["contact"] == 1
    assert shown.current_counts is not None and shown.current_counts["contact"] == 1
    result = doctor.restore(session.path, info.path, session.data_key, session=session)
    assert result.key_file == "kept" and result.previous_saved_as
    assert session.unlocked and _names(session.db) == {f"{canary} kept"}
    assert connection.integrity_problems(session.db) == []
    # The state before the restore is itself a backup: nothing was lost.
    before = open_other(Path(result.previous_saved_as), session.data_key)
    assert _names(before) == {"Added after the backup"}
    before.conn.close()
    session.close()
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as again:
        assert _names(again.db) == {f"{canary} kept"}


def test_restore_over_a_damaged_binder_keeps_its_bytes(session, binder_file) -> None:
    RecordService(session.db).add(Contact(name="Safe"))
    info = backup.make_backup(session)
    session.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    session.close()
    raw = bytearray(binder_file.path.read_bytes())
    raw[8192:8192 + 64] = bytes(64)  # a damaged page
    binder_file.path.write_bytes(bytes(raw))
    with pytest.raises(NotABinderError):
        unlock_any(binder_file.path, passphrase=binder_file.passphrase)
    key = key_for(info.path, passphrase=binder_file.passphrase)
    result = doctor.restore(binder_file.path, info.path, key)
    saved = Path(result.previous_saved_as or "")
    assert saved.name.endswith("-replaced.db") and saved.read_bytes() == bytes(raw)
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        assert _names(s.db) == {"Safe"}
        # Rotation never removes a copy that may hold data found nowhere else.
        for n in range(12):
            backup.make_backup(s, now=T0 + timedelta(days=n * 30))
        assert saved.exists()


def test_restore_of_a_backup_from_before_a_key_rotation(session, binder_file) -> None:
    old = backup.make_backup(session)
    session.rotate_recovery_key(binder_file.passphrase)
    # The current key does not open the old backup; its own key file does.
    key = key_for(old.path, passphrase=binder_file.passphrase, also=[binder_file.path])
    assert key != session.data_key
    session.close()
    result = doctor.restore(binder_file.path, old.path, key)
    assert result.key_file == "from the backup"
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        assert s.binder_id == binder_file.binder_id


def test_rotation_keeps_last_ten_plus_daily_and_weekly(tmp_path) -> None:
    binder = tmp_path / "binder.db"
    folder = backup.backup_dir(binder)
    folder.mkdir()
    now = T0
    made = [now - timedelta(hours=6 * n) for n in range(4 * 70)]  # every 6 h for 70 days
    for when in made:
        name = folder / f"binder-{when.strftime('%Y%m%dT%H%M%SZ')}-change.db"
        name.write_bytes(b"x")
        backup.keys_path(name).write_bytes(b"k")
    backup.rotate(binder, now)
    kept = [b.created_at for b in backup.list_backups(binder)]
    assert kept[:10] == made[:10]
    days = {k.date() for k in kept}
    assert {(now - timedelta(days=d)).date() for d in range(7)} <= days
    weeks = {k.isocalendar()[:2] for k in kept}
    assert 8 <= len(weeks) <= 9 and len(kept) < 30  # 8 weeks touch up to 9 calendar weeks
    assert all(now - k < timedelta(weeks=8) for k in kept)
    assert sorted(folder.iterdir()) == sorted(
        p for b in backup.list_backups(binder) for p in (b.path, backup.keys_path(b.path)))


def test_auto_backup_on_open_after_changes_throttled(session) -> None:
    first = backup.auto_backup(session, "open", now=T0)
    assert first.made is not None and first.problem is None
    assert backup.auto_backup(session, "open", now=T0 + timedelta(minutes=1)).made is None
    assert backup.auto_backup(session, "change", now=T0 + timedelta(hours=1)).made is None
    RecordService(session.db).add(Contact(name="Changed"))
    assert backup.auto_backup(session, "change", now=T0 + timedelta(minutes=5)).made is None
    later = backup.auto_backup(session, "change", now=T0 + timedelta(minutes=11))
    assert later.made is not None and later.made.reason == "change"
    assert backup.auto_backup(session, "close", now=T0 + timedelta(minutes=12)).made is None
    RecordService(session.db).add(Contact(name="Changed again"))
    closing = backup.auto_backup(session, "close", now=T0 + timedelta(minutes=12))
    assert closing.made is not None  # closing with changes is never throttled
    newest = open_other(closing.made.path, session.data_key)
    assert "Changed again" in _names(newest)
    newest.conn.close()


def test_half_written_backups_never_count_and_are_cleared(session, binder_file) -> None:
    folder = backup.backup_dir(binder_file.path)
    folder.mkdir()
    half = folder / "binder-20260504T120000Z-change.db.tmp"
    orphan = folder / "binder-20260504T120001Z-change.db.keys"
    half.write_bytes(b"partial")
    orphan.write_bytes(b"keys")
    assert backup.list_backups(binder_file.path) == []
    backup.make_backup(session)
    assert not half.exists() and not orphan.exists()
    assert len(backup.list_backups(binder_file.path)) == 1


def test_explicit_target_and_refusals(session, tmp_path) -> None:
    target = tmp_path / "usb" / "binder-copy.db"
    target.parent.mkdir()
    info = backup.make_backup(session, target=target)
    assert info.path == target and backup.keys_path(target).exists()
    db = open_other(target, session.data_key)
    assert connection.quick_check(db)
    db.conn.close()
    with pytest.raises(BinderError, match="cannot replace the binder"):
        backup.make_backup(session, target=session.path)
    with pytest.raises(BinderError, match="binder itself"):
        doctor.restore(session.path, session.path, session.data_key, session=session)


def test_a_backup_of_another_binder_is_refused(session, tmp_path) -> None:
    from binder.session import create_binder

    other, _ = create_binder(tmp_path / "other.db", "Orchid-Lantern-Ferry-1987!", "Other",
                             seed=False)
    with other:
        foreign = backup.make_backup(other)
        key = other.data_key
    with pytest.raises(BinderError, match="another binder"):
        doctor.restore(session.path, foreign.path, key, session=session)
    assert session.unlocked and backup.list_backups(session.path) == []
