"""Checking and repairing a binder: ``doctor``, and restore from a backup.

Doctor runs integrity_check and cipher_integrity_check, checks that the key
file belongs to the binder (repairing it from its verified twin when one copy
is damaged), that the key remembered on this device still opens it, and that
the newest backup is fresh and opens. Restore replaces the binder with a
backup after keeping the current file as a backup of its own: nothing is
ever thrown away.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from binder.errors import BinderError, KeyFileError, KeyringUnavailable, NotABinderError, \
    WrongKeyError
from binder.keys import keyring_store, recovery, sidecar
from binder.lockfile import BinderLock
from binder.services import backup
from binder.services.team_copy import (open_other, read_key_file, remove_quietly, utc_iso,
                                       write_failure)
from binder.session import BinderSession
from binder.storage import connection, migrations
from binder.storage.connection import Database
from binder.storage.meta_repo import MetaRepo, record_counts
from binder.storage.records_repo import RecordsRepo

#: A backup older than the newest change by more than this is reported as stale.
FRESH = timedelta(days=1)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    message: str
    fix: str = ""
    repaired: bool = False


@dataclass
class DoctorReport:
    binder: str
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def to_dict(self) -> dict[str, Any]:
        return {"binder": self.binder, "ok": self.ok,
                "checks": [c.__dict__ for c in self.checks],
                "findings": [c.__dict__ for c in self.checks if not c.ok]}


def last_change(db: Database) -> str | None:
    stamps = [t for r in RecordsRepo(db).list(include_deleted=True)
              for t in (r.updated_at, r.verified_at, r.deleted_at) if t]
    return max(stamps, default=None)


def diagnose(session: BinderSession, *, now: datetime | None = None) -> DoctorReport:
    report = DoctorReport(str(session.path))
    problems = connection.integrity_problems(session.db)
    report.checks.append(Check("integrity", not problems,
                               "integrity_check and cipher_integrity_check are clean."
                               if not problems else "; ".join(problems[:5]),
                               "" if not problems else "Restore the newest backup that opens."))
    report.checks += _key_file_checks(session)
    report.checks.append(_keyring_check(session))
    report.checks += _backup_checks(session.path, session.data_key, last_change(session.db), now)
    return report


def diagnose_unopened(path: Path, problem: str, key: bytes | None, *,
                      now: datetime | None = None) -> DoctorReport:
    """The binder would not open (damaged, missing): say so and look for a way back."""
    report = DoctorReport(str(path), [Check("binder", False, problem,
                                            "Restore the newest backup that opens "
                                            "('restore FILE --dry-run' shows what it holds).")])
    kf = read_key_file(path)
    report.checks.append(Check("key file", kf is not None,
                               "The key file reads." if kf else "The key file is missing or "
                               "damaged; the recovery key still opens the binder and backups."))
    if key is not None:
        report.checks += _backup_checks(path, key, None, now)
    return report


def _key_file_checks(session: BinderSession) -> list[Check]:
    path = sidecar.sidecar_path(session.path)
    try:
        kf, warnings = sidecar.read(session.path)
    except KeyFileError as exc:
        return [Check("key file", False, exc.message,
                      "Set a passphrase ('passphrase change') to write a new key file.")]
    binder_id = MetaRepo(session.db).get("binder_id")
    if kf.binder_id != binder_id or not kf.check_key(session.data_key):
        return [Check("key file", False, f"{path.name} belongs to another binder or key.",
                      "Move it away and set a passphrase ('passphrase change').")]
    checks = []
    twin = path.with_name(path.name + ".bak")
    twin_ok = path.exists() and twin.exists() and twin.read_bytes() == path.read_bytes()
    if warnings or not twin_ok:
        # Safe: this key file was just verified against the open binder's data key.
        sidecar.write(session.path, kf)
        checks.append(Check("key file", True, f"{path.name} or its twin was damaged or missing; "
                            "both were rewritten from the copy that checks out.", repaired=True))
    else:
        checks.append(Check("key file", True, f"{path.name} and its twin match this binder."))
    if kf.slot_of(sidecar.SLOT_PASSPHRASE) is None:
        checks.append(Check("passphrase", False, "The key file has no passphrase slot: only "
                            "the recovery key opens this binder.",
                            "Set one with 'passphrase change'."))
    return checks


def _keyring_check(session: BinderSession) -> Check:
    kf = session.key_file
    slot = kf.slot_of(sidecar.SLOT_KEYRING) if kf else None
    if kf is None or slot is None:
        return Check("keyring", True, "Not remembered on this device (nothing to check).")
    try:
        secret = keyring_store.load(kf.binder_id)
        if not secret:
            raise KeyringUnavailable("The keyring no longer holds this binder's key.")
        sidecar.unwrap(kf, slot, bytes.fromhex(secret))
    except (KeyringUnavailable, WrongKeyError, KeyFileError, ValueError) as exc:
        message = exc.message if isinstance(exc, BinderError) else "The keyring entry is damaged."
        return Check("keyring", False, message, "Run 'forget', then 'remember'.")
    return Check("keyring", True, "The key remembered on this device opens the binder.")


def _backup_checks(binder: Path, key: bytes, changed: str | None,
                   now: datetime | None) -> list[Check]:
    checks = []
    if backup.clean_leftovers(binder):
        checks.append(Check("backups", True, "Removed what an interrupted backup left behind.",
                            repaired=True))
    found = [b for b in backup.list_backups(binder) if b.reason != "replaced"]
    if not found:
        return checks + [Check("backups", False, f"There are no backups in "
                               f"{backup.backup_dir(binder)}.", "Run 'backup'.")]
    newest = found[0]
    why = _unopenable(newest.path, key)
    if why:
        checks.append(Check("backups", False, f"The newest backup {newest.path.name} does not "
                            f"open with this binder's key: {why}", "Run 'backup' now."))
        return checks
    now = backup.utc(now)
    age = now - newest.created_at
    if changed and datetime.fromisoformat(changed.replace("Z", "+00:00")) - newest.created_at \
            > FRESH:
        checks.append(Check("backups", False, f"The newest backup ({newest.path.name}, "
                            f"{age.days} days old) misses changes made since.", "Run 'backup'."))
    else:
        checks.append(Check("backups", True, f"{len(found)} backups; the newest "
                            f"({newest.path.name}) opens and is up to date."))
    return checks


def _unopenable(path: Path, key: bytes) -> str | None:
    """Why a backup does not open with ``key``; None when it and its key file check out."""
    try:
        db = open_other(path, key)
    except BinderError as exc:
        return exc.message
    try:
        if not connection.quick_check(db):
            return "some pages fail their integrity check."
    finally:
        db.conn.close()
    kf = read_key_file(path)
    if kf is not None and not kf.check_key(key):
        return "its key file belongs to another key."
    return None


# --- restore -------------------------------------------------------------------

@dataclass(frozen=True)
class RestorePreview:
    path: str
    binder_id: str
    organisation: str
    created_at: str | None  # when the backup was made (from its name), if known
    last_change: str | None  # the newest edit it holds
    schema_version: int
    record_counts: dict[str, int]
    healthy: bool
    same_binder: bool | None = None  # None: the current binder is not open
    current_counts: dict[str, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class RestoreResult:
    preview: RestorePreview
    previous_saved_as: str | None
    key_file: str  # "kept" | "from the backup" | "none"
    warnings: list[str] = field(default_factory=list)


def preview(path: Path, key: bytes, *, current: BinderSession | None = None) -> RestorePreview:
    """What a backup (or any binder file) holds, for the user to confirm a restore."""
    path = Path(path)
    db = open_other(path, key)
    try:
        meta = MetaRepo(db).all()
        match = re.search(r"-(\d{8}T\d{6}Z)(?:-\d+)?-[a-z]", path.name)
        made = (utc_iso(datetime.strptime(match[1], "%Y%m%dT%H%M%SZ")
                           .replace(tzinfo=timezone.utc)) if match else None)
        same = counts = None
        if current is not None and current.unlocked:
            same = meta.get("binder_id") == MetaRepo(current.db).get("binder_id")
            counts = record_counts(current.db)
        return RestorePreview(str(path), meta.get("binder_id", ""), meta.get("organisation", ""),
                              made, last_change(db), migrations.schema_version(db),
                              record_counts(db), connection.quick_check(db), same, counts)
    finally:
        db.conn.close()


def restore(binder: Path, source: Path, key: bytes, *, session: BinderSession | None = None,
            now: datetime | None = None) -> RestoreResult:
    """Replace ``binder`` with the backup ``source`` (opened with ``key``).

    With ``session`` (the binder open and unlocked) the current state is
    backed up first and the session is unlocked again on the restored file.
    Without one (the binder is damaged or missing) the current files are
    copied aside as a "replaced" backup, bytes as they are.
    """
    binder, source, now = Path(binder), Path(source), backup.utc(now)
    if source.resolve() == binder.resolve():
        raise BinderError("That is the binder itself, not a backup of it.")
    shown = preview(source, key, current=session)
    if not shown.healthy:
        raise NotABinderError(f"{source.name} is damaged; choose an older backup.")
    current_kf = read_key_file(binder)
    current_id = (MetaRepo(session.db).get("binder_id") if session is not None
                  else current_kf.binder_id if current_kf is not None else None)
    if current_id and current_id != shown.binder_id:
        raise BinderError(f"{source.name} is a backup of another binder; restoring it would "
                          "replace this one. Open it with --binder instead, or merge a copy.")
    staging = binder.with_name(binder.name + ".restoring")
    lock = BinderLock(binder) if session is None else None
    if lock is not None:
        lock.acquire()
    saved: Path | None = None
    own_key = session.data_key if session is not None else key
    swapped = False
    try:
        src = open_other(source, key)
        try:
            # A fresh keyed file through the backup API, made before anything is touched.
            connection.backup_to(src, staging, key)
        except (OSError, connection.DatabaseError) as exc:
            remove_quietly(staging, staging.with_name(staging.name + ".tmp"))
            raise write_failure(exc, binder.parent, "Nothing was restored") from None
        finally:
            src.conn.close()
        saved = _keep_current(binder, session, now)
        _swap_in(binder, staging)
        swapped = True
        note, warnings = _settle_key_file(binder, source, key, shown.binder_id)
    finally:
        remove_quietly(staging)
        if lock is not None:
            lock.release()
        if session is not None and not session.unlocked:
            # The restored file opens with the backup's key; the old one with its own.
            _reopen(session, key if swapped else own_key)
    return RestoreResult(shown, str(saved) if saved else None, note, warnings)


def _keep_current(binder: Path, session: BinderSession | None, now: datetime) -> Path | None:
    if session is not None:
        info = backup.make_backup(session, "before-restore", now=now)
        session.lock()  # closes the connection (the WAL is folded in); the file lock stays
        return info.path
    if not binder.exists():
        return None
    target = backup.free_name(binder, now, "replaced")
    try:
        target.parent.mkdir(mode=0o700, exist_ok=True)
        for suffix in ("-wal", ".keys"):
            extra = binder.with_name(binder.name + suffix)
            if extra.exists():
                shutil.copyfile(extra, target.with_name(target.name + suffix))
        shutil.copyfile(binder, target.with_name(target.name + ".tmp"))
        os.replace(target.with_name(target.name + ".tmp"), target)
    except OSError as exc:
        raise write_failure(exc, target.parent, "Nothing was restored") from None
    return target


def _swap_in(binder: Path, staging: Path) -> None:
    # The old WAL must go before the new file arrives: SQLite would replay it
    # onto a database it does not belong to. Its content was kept just before.
    try:
        remove_quietly(*(binder.with_name(binder.name + s) for s in ("-wal", "-shm")))
        os.replace(staging, binder)
        sidecar._fsync_dir(binder.parent)
    except OSError as exc:
        raise write_failure(exc, binder.parent, "Nothing was restored") from None


def _settle_key_file(binder: Path, source: Path, key: bytes,
                     binder_id: str) -> tuple[str, list[str]]:
    current = read_key_file(binder)
    if current is not None and current.binder_id == binder_id and current.check_key(key):
        return "kept", []  # it may hold a newer passphrase than the backup's copy
    theirs = read_key_file(source)
    if theirs is not None and theirs.binder_id == binder_id and theirs.check_key(key):
        sidecar.write(binder, theirs)
        return "from the backup", ["The key file came from the backup: its passphrase is the one "
                                   "in use when the backup was made."]
    keys = sidecar.sidecar_path(binder)
    remove_quietly(keys, keys.with_name(keys.name + ".bak"))
    return "none", ["No key file fits the restored binder: unlock it with the recovery key, "
                    "then set a passphrase ('passphrase change')."]


def _reopen(session: BinderSession, key: bytes) -> None:
    session.key_file = read_key_file(session.path)
    session.warnings = []
    backup.forget(session)
    session.unlock_with_recovery_key(recovery.encode(key))
