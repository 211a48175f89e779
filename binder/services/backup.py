"""Encrypted backups beside the binder: make, rotate, keep automatically.

A backup is the SQLite backup API writing into a target keyed with the same
data key (never ``sqlcipher_export`` into an unkeyed attachment, which writes
plaintext), plus a copy of the key file. Both land in ``<stem>-backups/``
beside the binder as ``<stem>-<UTC time>[-n]-<reason><suffix>`` and
``... .keys``. The key file is written first and the database last, each
through a temporary name and a rename, so after a kill -9 a backup either
exists whole or not at all; leftovers are cleared by the next backup.
Restoring, with a preview, is in ``binder.services.doctor``.
"""

from __future__ import annotations

import os
import re
import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from binder.errors import BinderError
from binder.keys import sidecar
from binder.keys.sidecar import KeyFile
from binder.services.team_copy import remove_quietly, utc_iso, write_failure
from binder.session import BinderSession
from binder.storage import connection
from binder.storage.connection import Database

KEEP_LAST = 10
KEEP_DAILY_DAYS = 7
KEEP_WEEKLY_WEEKS = 8
AUTO_INTERVAL = timedelta(minutes=10)
#: Reasons whose copies hold data that may exist nowhere else: rotation never removes them.
PROTECTED = frozenset({"rescue", "replaced"})
_STAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime
    reason: str
    size: int
    has_keys: bool

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "file": self.path.name, "reason": self.reason,
                "created_at": utc_iso(self.created_at), "size": self.size,
                "has_keys": self.has_keys}


@dataclass(frozen=True)
class AutoBackup:
    """What an automatic backup did. ``problem`` is a message for the user; the work goes on."""

    made: BackupInfo | None = None
    problem: str | None = None


def utc(now: datetime | None = None) -> datetime:
    return (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)


def backup_dir(binder: Path) -> Path:
    return binder.with_name(f"{binder.stem}-backups")


def keys_path(db_file: Path) -> Path:
    return sidecar.sidecar_path(db_file)


def _pattern(binder: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(binder.stem)}-(\d{{8}}T\d{{6}}Z)(?:-(\d+))?-"
                      rf"([a-z][a-z0-9-]*){re.escape(binder.suffix)}$")


def list_backups(binder: Path) -> list[BackupInfo]:
    """Complete backups of ``binder``, newest first."""
    folder = backup_dir(binder)
    if not folder.is_dir():
        return []
    pattern = _pattern(binder)
    found: list[tuple[datetime, int, BackupInfo]] = []
    for entry in folder.iterdir():
        match = pattern.match(entry.name)
        if not match or not entry.is_file():
            continue
        when = datetime.strptime(match[1], _STAMP).replace(tzinfo=timezone.utc)
        info = BackupInfo(entry, when, match[3], entry.stat().st_size, keys_path(entry).exists())
        found.append((when, int(match[2] or 0), info))
    found.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [info for _when, _n, info in found]


def newest_backup(binder: Path) -> BackupInfo | None:
    """The newest backup made through the backup API ("replaced" copies are raw bytes
    of a binder that may have been damaged, kept only so nothing is lost)."""
    return next((b for b in list_backups(binder) if b.reason != "replaced"), None)


def free_name(binder: Path, now: datetime, reason: str) -> Path:
    """A new name; within one second the counter only grows, so names sort by age."""
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "manual"
    if not slug[0].isalpha():
        slug = "b-" + slug
    folder, stamp = backup_dir(binder), now.strftime(_STAMP)
    same_second = re.compile(rf"^{re.escape(binder.stem)}-{stamp}(?:-(\d+))?-")
    taken = [int(m[1] or 0) for e in (folder.iterdir() if folder.is_dir() else ())
             if (m := same_second.match(e.name))]
    n = max(taken) + 1 if taken else 0
    return folder / f"{binder.stem}-{stamp}{f'-{n}' if n else ''}-{slug}{binder.suffix}"


def clean_leftovers(binder: Path) -> list[Path]:
    """Remove what a killed backup left: temporary files and key files without a database."""
    folder = backup_dir(binder)
    if not folder.is_dir():
        return []
    prefix = f"{binder.stem}-"
    removed = []
    for entry in folder.iterdir():
        name = entry.name
        half = name.endswith((".tmp", ".tmp-journal")) or (
            name.endswith(".keys") and not entry.with_name(name[:-len(".keys")]).exists())
        if name.startswith(prefix) and half:
            remove_quietly(entry)
            removed.append(entry)
    return removed


def write_copy(db: Database, target: Path, key: bytes, key_file: KeyFile | None) -> None:
    """Key file first, then the database (backup API into a keyed target), each atomically.

    On failure nothing half-written is left under ``target``'s names.
    """
    keys = keys_path(target)
    try:
        if key_file is not None:
            sidecar._atomic_write(keys, sidecar.serialise(key_file))
        connection.backup_to(db, target, key)
        sidecar._fsync_dir(target.parent)
    except (OSError, connection.DatabaseError) as exc:
        for leftover in (target.with_name(target.name + ".tmp"),
                         target.with_name(target.name + ".tmp-journal"),
                         keys.with_name(keys.name + ".tmp")):
            remove_quietly(leftover)
        if not target.exists():
            remove_quietly(keys)
        raise write_failure(exc, target.parent, "No backup was written") from None


def make_backup(session: BinderSession, reason: str = "manual", *, target: Path | None = None,
                now: datetime | None = None) -> BackupInfo:
    """Back up the open binder into its backups folder (rotated), or to ``target``."""
    now = utc(now)
    if target is not None:
        target = Path(target)
        if target.resolve() in (session.path.resolve(), keys_path(session.path).resolve()):
            raise BinderError("A backup cannot replace the binder itself: choose another file.")
    else:
        folder = backup_dir(session.path)
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            clean_leftovers(session.path)
        except OSError as exc:
            raise write_failure(exc, folder, "No backup was written") from None
        target = free_name(session.path, now, reason)
    write_copy(session.db, target, session.data_key, session.key_file)
    if target.parent == backup_dir(session.path):
        rotate(session.path, now, keep=target)
    return BackupInfo(target, now, reason, target.stat().st_size, keys_path(target).exists())


def rotate(binder: Path, now: datetime | None = None, *,
           keep: Path | None = None) -> list[Path]:
    """Keep the last 10, the newest of each of the last 7 days and of the last 8 weeks
    (and ``keep``, the backup just made, whatever its time says)."""
    now = utc(now)
    backups = list_backups(binder)
    keep_paths = {b.path for b in backups[:KEEP_LAST]} | ({keep} if keep else set())
    days: set[object] = set()
    weeks: set[object] = set()
    for b in backups:
        age = now - b.created_at
        day, week = b.created_at.date(), b.created_at.isocalendar()[:2]
        if age < timedelta(days=KEEP_DAILY_DAYS) and day not in days:
            days.add(day)
            keep_paths.add(b.path)
        if age < timedelta(weeks=KEEP_WEEKLY_WEEKS) and week not in weeks:
            weeks.add(week)
            keep_paths.add(b.path)
    removed = []
    for b in backups:
        if b.path not in keep_paths and b.reason not in PROTECTED:
            remove_quietly(keys_path(b.path))
            remove_quietly(b.path)
            removed.append(b.path)
    return removed


# --- automatic backups and the file-under-us watch --------------------------

@dataclass
class _Watch:
    identity: tuple[int, int] | None
    wal: tuple[int, int] | None  # the session's own -wal file
    conn_id: int
    changes: int
    rescued: bool = False


_WATCHES: weakref.WeakKeyDictionary[BinderSession, _Watch] = weakref.WeakKeyDictionary()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def watch(session: BinderSession, *, opening: bool = True) -> _Watch:
    """Remember which file the session opened and how many changes it has made.

    First seen outside opening, the session counts as changed (it may have
    written before anyone asked for a backup).
    """
    conn = session.db.conn
    current = _WATCHES.get(session)
    if current is None or current.conn_id != id(conn):
        current = _Watch(_identity(session.path), _identity(_wal(session.path)), id(conn),
                         conn.total_changes if opening else -1)
        _WATCHES[session] = current
    return current


def forget(session: BinderSession) -> None:
    """Start watching afresh (after the binder file was replaced on purpose: restore)."""
    _WATCHES.pop(session, None)


def _wal(binder: Path) -> Path:
    return binder.with_name(binder.name + "-wal")


def _drop_own_wal(binder: Path, state: _Watch) -> None:
    """Remove the session's -wal/-shm from beside a file that is no longer ours.

    SQLite does not checkpoint a moved database on close and leaves its WAL
    behind, where it would be replayed onto the file now at that path (which
    then looks damaged). The WAL's content is in the rescue backup just made.
    """
    if state.wal is not None and _identity(_wal(binder)) == state.wal:
        remove_quietly(_wal(binder), binder.with_name(binder.name + "-shm"))


def file_problem(session: BinderSession) -> str | None:
    """Whether the binder file was deleted or replaced since the session opened it."""
    known = watch(session).identity
    now = _identity(session.path)
    if now is None:
        return "deleted"
    return "replaced" if known is not None and now != known else None


def auto_backup(session: BinderSession, reason: str = "change", *, now: datetime | None = None,
                min_interval: timedelta = AUTO_INTERVAL) -> AutoBackup:
    """The automatic backup: call with "open" after unlocking, "change" after each
    change (throttled) and "close" before locking (made when anything changed).

    Never raises for a disk problem: the user is told and carries on. When the
    binder file was deleted or replaced under the open session, everything the
    session committed is saved as a "rescue" backup at once.
    """
    now = utc(now)
    state = watch(session, opening=reason == "open")
    changes = session.db.conn.total_changes
    moved = file_problem(session)
    if moved is not None:
        message = (f"The binder file {session.path.name} was {moved} while it was open, "
                   "so changes are no longer reaching it.")
        if state.rescued and changes == state.changes:
            return AutoBackup(problem=message + " Its content is in the rescue backup.")
        try:
            info = make_backup(session, "rescue", now=now)
        except BinderError as exc:
            return AutoBackup(problem=f"{message} {exc.message}")
        state.rescued, state.changes = True, changes
        _drop_own_wal(session.path, state)
        return AutoBackup(info, f"{message} Everything saved so far is in {info.path}; "
                                "bring it back with 'restore'.")
    if reason != "open" and changes == state.changes:
        return AutoBackup()
    newest = newest_backup(session.path)
    if reason != "close" and newest is not None and now - newest.created_at < min_interval:
        return AutoBackup()
    try:
        info = make_backup(session, reason, now=now)
    except BinderError as exc:
        return AutoBackup(problem=exc.message)
    state.changes = changes
    return AutoBackup(info)
