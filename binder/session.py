"""BinderSession: create, open, unlock, lock and close one binder.

The session owns the lock file, the connection and the data key. Locking
closes the connection and drops the key; the UI then shows the unlock page.
"""

from __future__ import annotations

import getpass
import logging
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from binder import __version__
from binder.errors import (BinderError, KeyFileError, KeyringUnavailable, LockedError,
                           NotABinderError, StorageError, WrongKeyError)
from binder.fileformat import PAGE_SIZE, looks_plaintext_sqlite
from binder.keys import keyring_store, kdf, recovery, sidecar, strength
from binder.keys.sidecar import KeyFile
from binder.lockfile import BinderLock

# The storage layer (sqlcipher3, sqlite-utils: a tenth of a second) is imported
# where a method first needs the database. Opening a binder (lock file, key
# slots) does not, so the app shows its unlock screen without it.
if TYPE_CHECKING:
    from binder.storage.connection import Database

log = logging.getLogger(__name__)

# What unlocking imports beyond this module, leaf first: the app imports these
# one by one while its unlock screen waits (ui/preload.py), so that neither the
# screen nor the unlock waits for them. sqlcipher3 must come before
# sqlite-utils (see binder/storage/connection.py), so sqlite-utils is only ever
# imported through binder.storage; click and dateutil are two of its imports,
# importlib.metadata finds its plugins at the first connection.
UNLOCK_MODULES = ("argon2.low_level", "cryptography.hazmat.primitives.ciphers.aead",
                  "sqlcipher3", "click", "dateutil.parser", "importlib.metadata",
                  "binder.storage.connection", "binder.storage.migrations",
                  "binder.storage.meta_repo")


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class SlotInfo:
    type: str
    created_at: str
    kdf: str | None


@dataclass(frozen=True)
class BinderInfo:
    path: str
    binder_id: str
    organisation: str
    created_at: str
    schema_version: int
    app_version: str
    record_counts: dict[str, int]
    key_slots: list[SlotInfo]
    keyring: str
    keyring_usable: bool
    remembered_here: bool
    warnings: list[str] = field(default_factory=list)


class BinderSession:
    """One binder file. Construct with :meth:`open` or :func:`create_binder`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = BinderLock(path)
        self._db: Database | None = None
        self._key: bytearray | None = None
        self.key_file: KeyFile | None = None
        self.warnings: list[str] = []
        self.unlock_method: str | None = None
        self.actor = _os_user()
        # Unlocking reads every page once (PRAGMA quick_check) so that damage is
        # reported before anything else. That is ~25 ms per 1,000 people; the app
        # turns it off and runs integrity_check() on a worker thread instead, so
        # the first-hour numbers show at once and damage is still reported.
        self.check_on_unlock = True

    # --- opening ----------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> BinderSession:
        """Check the file looks like a binder and take the writer lock (still locked)."""
        path = Path(path)
        _check_binder_file(path)
        session = cls(path)
        session._lock.acquire()
        try:
            session.key_file, session.warnings = sidecar.read(path)
        except KeyFileError as exc:
            # The recovery key still works without the sidecar.
            session.key_file = None
            session.warnings = [exc.message]
        return session

    @property
    def has_passphrase_slot(self) -> bool:
        return bool(self.key_file and self.key_file.slot_of(sidecar.SLOT_PASSPHRASE))

    @property
    def has_keyring_slot(self) -> bool:
        return bool(self.key_file and self.key_file.slot_of(sidecar.SLOT_KEYRING))

    def unlock_with_passphrase(self, passphrase: str) -> None:
        if self.key_file is None:
            raise KeyFileError(self.warnings[0] if self.warnings else "The key file is missing.")
        key = sidecar.unlock_passphrase(self.key_file, passphrase)
        self._connect(key, verified=True, method="passphrase")

    def unlock_with_recovery_key(self, text: str) -> None:
        key = recovery.decode(text)
        verified = False
        if self.key_file is not None:
            if not self.key_file.check_key(key):
                raise WrongKeyError("That recovery key belongs to a different binder "
                                    "(it passed its typo check but does not fit this one).")
            verified = True
        self._connect(key, verified=verified, method="recovery key")

    def unlock_with_keyring(self) -> None:
        if self.key_file is None or not self.has_keyring_slot:
            raise KeyringUnavailable("This binder is not remembered on this device.")
        slot = self.key_file.slot_of(sidecar.SLOT_KEYRING)
        assert slot is not None
        secret_hex = keyring_store.load(self.key_file.binder_id)
        if not secret_hex:
            raise KeyringUnavailable("The keyring no longer holds this binder's key. "
                                     "Use your passphrase.")
        try:
            slot_key = bytes.fromhex(secret_hex)
        except ValueError:
            raise KeyringUnavailable("The keyring entry is damaged. Use your passphrase.") from None
        key = sidecar.unwrap(self.key_file, slot, slot_key)
        self._connect(key, verified=True, method="keyring")

    def _connect(self, key: bytes, *, verified: bool, method: str) -> None:
        from binder.storage import connection, migrations
        from binder.storage.meta_repo import MetaRepo

        if not self._lock.held:
            self._lock.acquire()
        try:
            db = connection.connect(self.path, key)
        except WrongKeyError:
            if verified:
                raise NotABinderError(
                    f"{self.path.name} is not a binder or is damaged: the key is right "
                    "but the file does not open. Restore it from a backup.") from None
            raise WrongKeyError(
                "That recovery key does not open this file (or the file is damaged).") from None
        if self.check_on_unlock and not connection.quick_check(db):
            db.close()
            raise NotABinderError(
                f"{self.path.name} is damaged: the key is right but some pages fail their "
                "integrity check. Restore it from a backup.")
        try:
            migrations.apply(db, self.path, lambda target: connection.backup_to(db, target, key))
            binder_id = MetaRepo(db).get("binder_id")
        except BaseException:
            db.close()
            raise
        if self.key_file is not None and binder_id != self.key_file.binder_id:
            db.close()
            raise KeyFileError("The key file beside this binder belongs to another binder.")
        self._db = db
        self._key = bytearray(key)
        self.unlock_method = method
        if self.key_file is None and binder_id:
            self.warnings.append("Unlocked without a key file. Set a passphrase "
                                 "('passphrase change') to create a new one.")

    def integrity_check(self) -> Callable[[], str]:
        """A whole-file check to run on another thread (it opens its own read-only
        connection): returns "" when every page is sound, else what to tell the user."""
        path, key = self.path, self.data_key

        def run() -> str:
            from binder.storage import connection

            try:
                db = connection.connect(path, key, read_only=True)
            except BinderError as error:
                return error.message
            try:
                healthy = connection.quick_check(db)
            finally:
                db.close()
            return "" if healthy else (
                f"{path.name} is damaged: some pages fail their integrity check. What "
                "can still be read is shown; copy what you need and restore the binder "
                "from a backup (File > Restore from backup).")
        return run

    # --- state --------------------------------------------------------------

    @property
    def unlocked(self) -> bool:
        return self._db is not None

    @property
    def db(self) -> Database:
        if self._db is None:
            raise LockedError("The binder is locked. Unlock it first.")
        return self._db

    @property
    def data_key(self) -> bytes:
        if self._key is None:
            raise LockedError("The binder is locked. Unlock it first.")
        return bytes(self._key)

    @property
    def binder_id(self) -> str:
        if self.key_file is not None:
            return self.key_file.binder_id
        from binder.storage.meta_repo import MetaRepo

        return MetaRepo(self.db).get("binder_id") or ""

    def lock(self) -> None:
        """Close the connection and drop the key; the file lock stays held."""
        if self._db is not None:
            try:
                self._db.conn.close()
            finally:
                self._db = None
        if self._key is not None:
            for i in range(len(self._key)):
                self._key[i] = 0
            self._key = None
        self.unlock_method = None

    def close(self) -> None:
        self.lock()
        self._lock.release()

    def __enter__(self) -> BinderSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- keys -------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, *, organisation: str | None = None) -> None:
        """Rewrap the data key under a new passphrase; the database is untouched (and,
        with ``organisation`` given and a key file present, not even read)."""
        if organisation is None:
            from binder.storage.meta_repo import MetaRepo

            organisation = MetaRepo(self.db).get("organisation") or ""
        strength.require_strong(new_passphrase, tuple(organisation.split()))
        key_file = self.key_file or KeyFile(
            self.binder_id, sidecar.key_check_value(self.data_key, self.binder_id))
        slot = sidecar.passphrase_slot(key_file.binder_id, new_passphrase, self.data_key,
                                       kdf.calibrate(), utc_now())
        self._save_key_file(key_file.with_slot(slot))

    def remember_on_device(self) -> None:
        if self.key_file is None:
            raise KeyFileError("Set a passphrase first; the binder has no key file.")
        slot_key = secrets.token_bytes(32)
        keyring_store.store(self.key_file.binder_id, slot_key.hex())
        slot = sidecar.wrap(self.key_file.binder_id, sidecar.SLOT_KEYRING, slot_key,
                            self.data_key, created_at=utc_now())
        self._save_key_file(self.key_file.with_slot(slot))

    def forget_on_device(self) -> None:
        if self.key_file is None:
            return
        try:
            keyring_store.delete(self.key_file.binder_id)
        finally:
            # The slot goes even if the keyring is unreachable: without the slot
            # the keyring secret opens nothing.
            self._save_key_file(self.key_file.without(sidecar.SLOT_KEYRING))

    def check_passphrase(self, passphrase: str) -> None:
        """Raise WrongKeyError unless ``passphrase`` is this binder's passphrase (one KDF run;
        asked before the passphrase or the recovery key is replaced)."""
        if self.key_file is None or not self.has_passphrase_slot:
            raise KeyFileError("This binder has no passphrase yet.")
        if sidecar.unlock_passphrase(self.key_file, passphrase) != self.data_key:
            raise WrongKeyError("Wrong passphrase.")

    def rotate_recovery_key(self, passphrase: str) -> str:
        """New data key: PRAGMA rekey, then every slot rewrapped. Returns the new recovery key.

        A keyring slot is made again with a new secret; if the keyring refuses,
        the binder unlocks with the passphrase and a warning says so.
        """
        from binder.storage import connection

        remembered = self.has_keyring_slot
        new_key = secrets.token_bytes(32)
        binder_id = self.binder_id
        connection.rekey(self.db, new_key)
        self._key = bytearray(new_key)
        key_file = KeyFile(binder_id, sidecar.key_check_value(new_key, binder_id))
        slot = sidecar.passphrase_slot(binder_id, passphrase, new_key, kdf.calibrate(), utc_now())
        self._save_key_file(key_file.with_slot(slot))
        if remembered:
            try:
                self.remember_on_device()
            except BinderError as exc:
                self.warnings.append(f"This device no longer unlocks the binder without "
                                     f"typing: {exc.message}")
        return recovery.encode(new_key)

    def _save_key_file(self, key_file: KeyFile) -> None:
        try:
            sidecar.write(self.path, key_file)
        except OSError as exc:
            raise StorageError(f"Could not write the key file: {exc.strerror}.") from None
        self.key_file = key_file

    # --- info ---------------------------------------------------------------

    def info(self) -> BinderInfo:
        from binder.storage import migrations
        from binder.storage.meta_repo import MetaRepo, record_counts

        meta = MetaRepo(self.db).all()
        ks = keyring_store.status()
        slots = [SlotInfo(s.type, s.created_at,
                          f"argon2id m={s.kdf.memory_kib // 1024} MiB t={s.kdf.time_cost} "
                          f"p={s.kdf.parallelism}" if s.kdf else None)
                 for s in (self.key_file.slots if self.key_file else ())]
        return BinderInfo(
            path=str(self.path), binder_id=meta.get("binder_id", ""),
            organisation=meta.get("organisation", ""), created_at=meta.get("created_at", ""),
            schema_version=migrations.schema_version(self.db),
            app_version=__version__,
            record_counts=record_counts(self.db),
            key_slots=slots, keyring=ks.reason, keyring_usable=ks.usable,
            remembered_here=self.has_keyring_slot, warnings=list(self.warnings))


def _os_user() -> str:
    """Who made a change, for history: the OS account (there is no login)."""
    try:
        return getpass.getuser()
    except Exception:  # no user name available (some containers)
        return "unknown"


def _check_binder_file(path: Path) -> None:
    if not path.exists():
        raise NotABinderError(f"There is no binder at {path}.")
    if path.is_dir():
        raise NotABinderError(f"{path} is a folder, not a binder file.")
    size = path.stat().st_size
    # SQLCipher files are whole pages; anything else is foreign or truncated.
    if size < PAGE_SIZE or size % PAGE_SIZE:
        raise NotABinderError(f"{path.name} is not a binder or is damaged.")
    if looks_plaintext_sqlite(path):
        raise NotABinderError(f"{path.name} is a plain SQLite database, not a binder.")


def create_binder(path: Path, passphrase: str, organisation: str, *,
                  check_strength: bool = True, seed: bool = True) -> tuple[BinderSession, str]:
    """Create a new binder; returns the unlocked session and the recovery key (show it once)."""
    from binder.storage import connection, migrations
    from binder.storage.meta_repo import MetaRepo

    path = Path(path)
    if path.exists() or sidecar.sidecar_path(path).exists():
        raise BinderError(f"{path} already exists; choose another name or remove it first.")
    if check_strength:
        strength.require_strong(passphrase, tuple(organisation.split()))
    path.parent.mkdir(parents=True, exist_ok=True)
    session = BinderSession(path)
    session._lock.acquire()
    data_key = secrets.token_bytes(32)
    binder_id = str(uuid.uuid4())
    try:
        db = connection.connect(path, data_key, create=True)
        migrations.apply(db, path, lambda target: None)
        meta = MetaRepo(db)
        with db.atomic():
            meta.set("binder_id", binder_id)
            meta.set("organisation", organisation.strip())
            meta.set("created_at", utc_now())
            meta.set("created_by_version", __version__)
        if seed:
            from binder.content.seed import seed_builtin
            from binder.services.records import RecordService

            seed_builtin(RecordService(db, session.actor))
        params = kdf.calibrate()
        key_file = KeyFile(binder_id, sidecar.key_check_value(data_key, binder_id))
        slot = sidecar.passphrase_slot(binder_id, passphrase, data_key, params, utc_now())
        key_file = key_file.with_slot(slot)
        sidecar.write(path, key_file)
    except BaseException:
        session._lock.release()
        for leftover in (path, sidecar.sidecar_path(path)):
            _remove_quietly(leftover)
        for suffix in ("-wal", "-shm", "-journal"):
            _remove_quietly(path.with_name(path.name + suffix))
        raise
    session._db = db
    session._key = bytearray(data_key)
    session.key_file = key_file
    session.unlock_method = "new"
    return session, recovery.encode(data_key)


def _remove_quietly(p: Path) -> None:
    try:
        p.unlink()
    except FileNotFoundError:
        pass



def unlock_any(path: Path, *, passphrase: str | None = None, recovery_key: str | None = None,
               use_keyring: bool = True) -> BinderSession:
    """Open and unlock with the first method that applies (the CLI's order)."""
    session = BinderSession.open(path)
    try:
        if passphrase is not None:
            session.unlock_with_passphrase(passphrase)
        elif recovery_key is not None:
            session.unlock_with_recovery_key(recovery_key)
        elif use_keyring and session.has_keyring_slot:
            session.unlock_with_keyring()
        else:
            raise WrongKeyError("No passphrase or recovery key was given.")
    except BaseException:
        session.close()
        raise
    return session




def user_error(exc: BaseException) -> BinderError | None:
    """The user-facing error for ``exc``, or None when it is a bug.

    Lets the UI (which must not import the storage layer) show a damaged file
    or a full disk as a message instead of a crash report.
    """
    if isinstance(exc, BinderError):
        return exc
    from binder.storage import connection

    return connection.as_binder_error(exc)
