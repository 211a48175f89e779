"""Binder files other than the open one: unlocking and reading them, and
making an encrypted copy for a teammate.

A copy for a teammate gets a new data key, binder id, passphrase and recovery
key: the teammate never learns ours. Record ids stay the same, and both sides
remember where the copy came from (``copy_of`` / ``copied_at`` in the copy,
a ``peers`` entry in ours) so that a later merge knows since when the two
have diverged.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from binder.errors import (BinderError, KeyFileError, KeyringUnavailable, NotABinderError,
                           SchemaTooNewError, StorageError, WrongKeyError)
from binder.keys import kdf, keyring_store, recovery, sidecar, strength
from binder.keys.sidecar import KeyFile
from binder.services import records
from binder.session import BinderSession, unlock_any
from binder.storage import connection, migrations
from binder.storage.connection import Database
from binder.storage.meta_repo import MetaRepo

PEERS_KEY = "peers"


# --- small helpers shared by the refresh and team services --------------------

def utc_iso(moment: datetime) -> str:
    """The form every stored time has: "2026-11-27T05:00:00Z"."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> datetime:
    """A stored time; one without a zone (hand-made JSON imports) is taken as UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def now_iso(now: datetime | None = None) -> str:
    # The records' clock by default, so copy, review and edit times always agree.
    return utc_iso(now) if now is not None else records.utc_now()


def json_meta(db: Database, key: str) -> dict[str, Any]:
    """A JSON object kept in binder_meta ({} when absent or unreadable)."""
    raw = MetaRepo(db).get(key)
    try:
        value = json.loads(raw) if raw else {}
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def write_failure(exc: BaseException, folder: Path, lead: str) -> StorageError:
    """A failed write beside the binder in words (disk full, read-only, other).

    SQLite often reports only "unable to open" or "disk I/O error", so the
    folder itself is asked as well.
    """
    text = str(exc).lower()
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, errno.EDQUOT) or "full" in text or _nearly_full(folder):
        why = f"there is not enough free space in {folder}"
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly" in text \
            or "read-only" in text or not os.access(folder, os.W_OK):
        why = f"{folder} is read-only"
    else:
        detail = getattr(exc, "strerror", None) or (None if isinstance(exc, BinderError) else exc)
        why = f"{folder} could not be written" + (f" ({detail})" if detail else "")
    return StorageError(f"{lead}: {why}. The binder itself is unchanged.")


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 256 * 1024
    except OSError:
        return False


def remove_quietly(*paths: Path) -> None:
    """Best-effort cleanup: a leftover on read-only media must not hide the real error."""
    for path in paths:
        try:
            path.unlink()
        except OSError:
            pass


# --- unlocking and reading another binder file ---------------------------------

def read_key_file(db_file: Path) -> KeyFile | None:
    try:
        key_file, _warnings = sidecar.read(db_file)
    except KeyFileError:
        return None
    return key_file


def key_for(path: Path, *, passphrase: str | None = None, recovery_key: str | None = None,
            also: Sequence[Path] = ()) -> bytes:
    """The data key of another binder file (a backup, a teammate's copy).

    Tries the key file beside ``path``, then those beside ``also`` (the
    current binder's, whose passphrase may be newer than a backup's).
    """
    files: list[KeyFile] = []
    for candidate in (path, *also):
        kf = read_key_file(Path(candidate))
        if kf is not None and kf not in files:
            files.append(kf)
    if passphrase is not None:
        slots = [kf for kf in files if kf.slot_of(sidecar.SLOT_PASSPHRASE)]
        for kf in slots:
            try:
                return sidecar.unlock_passphrase(kf, passphrase)
            except (WrongKeyError, KeyFileError):
                continue
        if not slots:
            raise KeyFileError(f"{Path(path).name} has no key file beside it: use its "
                               "recovery key.")
        raise WrongKeyError(f"That passphrase does not open {Path(path).name}.")
    if recovery_key is not None:
        return recovery.decode(recovery_key)
    for kf in files:
        slot = kf.slot_of(sidecar.SLOT_KEYRING)
        if slot is None:
            continue
        try:
            secret = keyring_store.load(kf.binder_id)
            if secret:
                return sidecar.unwrap(kf, slot, bytes.fromhex(secret))
        except (KeyringUnavailable, WrongKeyError, KeyFileError, ValueError):
            continue
    raise WrongKeyError(f"No passphrase or recovery key was given for {Path(path).name}.")


def open_other(path: Path, key: bytes) -> Database:
    """Open another binder file read-only: its content is never changed."""
    path = Path(path)
    if not path.is_file():
        raise NotABinderError(f"There is no binder file at {path}.")
    try:
        db = connection.connect(path, key, read_only=True)
    except StorageError as exc:
        # Not the key: SQLite could not create the small -shm index file beside
        # a WAL-mode file (full or read-only media).
        raise write_failure(exc, path.parent, f"{path.name} cannot be read where it is "
                            "(SQLite needs to write a small index file beside it); copy "
                            "it to a writable folder first") from None
    except WrongKeyError as exc:
        # SQLite reports a -shm it cannot create beside a WAL-mode file (read-only
        # or full media) like a wrong key; the key file tells the two apart.
        kf = read_key_file(path)
        if kf is not None and kf.check_key(key):
            raise write_failure(exc, path.parent, f"{path.name} cannot be read where it is "
                                "(SQLite needs to write a small index file beside it); copy "
                                "it to a writable folder first") from None
        raise
    try:
        unknown = set(migrations.applied_names(db)) - set(migrations.known_names())
    except connection.DatabaseError:
        db.conn.close()
        raise NotABinderError(f"{path.name} is not a binder or is damaged.") from None
    if unknown:
        db.conn.close()
        raise SchemaTooNewError(f"{path.name} was written by a newer version of Crisis Binder. "
                                "Update the app first; nothing was changed.")
    return db


# --- peers: where copies came from and when they were last merged --------------

def peers(db: Database) -> dict[str, dict[str, str]]:
    return json_meta(db, PEERS_KEY)


def set_peer(db: Database, peer_id: str, **values: str) -> None:
    """Update one peer's entry (the caller holds the transaction)."""
    table = peers(db)
    table[peer_id] = {**table.get(peer_id, {}), **values}
    MetaRepo(db).set(PEERS_KEY, json.dumps(table, sort_keys=True))


# --- the copy for a teammate ---------------------------------------------------

@dataclass(frozen=True)
class CopyResult:
    path: Path
    binder_id: str
    recovery_key: str  # show once; it is the copy's data key
    copied_at: str

    def to_dict(self) -> dict[str, str]:
        return {"path": str(self.path), "binder_id": self.binder_id,
                "recovery_key": self.recovery_key, "copied_at": self.copied_at}


def copy_for(session: BinderSession, target: Path, new_passphrase: str, *,
             kit: Path | None = None, check_strength: bool = True,
             now: datetime | None = None) -> CopyResult:
    """Write an encrypted copy under a new data key, passphrase and recovery key.

    The copy is built under a temporary name (``.partial``) and renamed last,
    after its key file, so an interrupted copy never looks complete.
    """
    target = Path(target)
    if target.exists() or sidecar.sidecar_path(target).exists():
        raise BinderError(f"{target} already exists; choose another name.")
    if target.resolve() == session.path.resolve():
        raise BinderError("The copy needs another file name than the binder.")
    organisation = MetaRepo(session.db).get("organisation") or ""
    if check_strength:
        strength.require_strong(new_passphrase, tuple(organisation.split()))
    copied_at, copy_id = now_iso(now), str(uuid.uuid4())
    new_key = secrets.token_bytes(32)
    partial = target.with_name(target.name + ".partial")
    try:
        # The backup API re-encrypts every page under the new key as it copies.
        connection.backup_to(session.db, partial, new_key)
        db = connection.connect(partial, new_key)
        try:
            meta = MetaRepo(db)
            with db.atomic():
                for key, value in (("binder_id", copy_id), ("copy_of", session.binder_id),
                                   ("copied_at", copied_at), ("created_at", copied_at),
                                   (PEERS_KEY, "{}")):
                    meta.set(key, value)
        finally:
            db.conn.close()
        key_file = KeyFile(copy_id, sidecar.key_check_value(new_key, copy_id)).with_slot(
            sidecar.passphrase_slot(copy_id, new_passphrase, new_key, kdf.calibrate(),
                                    copied_at))
        sidecar.write(target, key_file)
        os.replace(partial, target)
        sidecar._fsync_dir(target.parent)
    except (OSError, connection.DatabaseError) as exc:
        keys = sidecar.sidecar_path(target)
        remove_quietly(*(partial.with_name(partial.name + s)
                         for s in ("", "-wal", "-shm", ".tmp", ".tmp-journal")),
                       keys.with_name(keys.name + ".tmp"), keys.with_name(keys.name + ".bak.tmp"))
        if not target.exists():
            remove_quietly(keys, keys.with_name(keys.name + ".bak"))
        raise write_failure(exc, target.parent, "No copy was written") from None
    with session.db.atomic():
        set_peer(session.db, copy_id, copied_at=copied_at, file=target.name)
    result = CopyResult(target, copy_id, recovery.encode(new_key), copied_at)
    if kit is not None:
        from binder.kit import write_emergency_kit

        with unlock_any(target, recovery_key=result.recovery_key) as copy_session:
            write_emergency_kit(copy_session, result.recovery_key, Path(kit))
    return result
