"""The app's session controller: open, unlock, lock, close; services for the views.

Views never hold a connection: they ask the controller for a service when
they need one, and the controller hands out services only while unlocked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer

from binder.errors import BinderError, LockedError, ValidationError, ValidationErrors
from binder.session import BinderSession
from ui.autolock import AutoLock
from ui.bus import Bus
from ui.clipboard import ClipboardGuard
from ui.undo import UndoStack

# The services (and the storage layer, phonenumbers, the linter under them)
# are imported by the accessors below, the first time an unlocked binder asks:
# the unlock screen shows without them (ui/preload.py loads them while the
# user types the passphrase).
if TYPE_CHECKING:
    from binder.models import Record, Settings
    from binder.services.incidents import IncidentService
    from binder.services.records import RecordService
    from binder.services.review import ReviewItem, ReviewService
    from binder.services.search import SearchService
    from binder.services.settings import SettingsService

log = logging.getLogger(__name__)
T = TypeVar("T")


class AppController(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = Bus(self)
        self.undo = UndoStack()
        self.clipboard = ClipboardGuard(self)
        self.autolock = AutoLock(self)
        self.autolock.timed_out.connect(lambda reason: self.lock(reason))
        self.session: BinderSession | None = None
        self.is_demo = False
        self._records: RecordService | None = None
        self._queue: list[ReviewItem] | None = None
        self.lock_reason = ""
        self.bus.changed.connect(self._on_changed)  # before any view: views read the result

    def _on_changed(self, changes: object) -> None:
        self._queue = None
        self.backup("change")  # throttled in the core: at most one every 10 minutes
        if "settings" in getattr(changes, "updated", ()) and self.unlocked:
            self.autolock.set_minutes(self.settings().idle_lock_minutes)

    # --- state ------------------------------------------------------------------

    @property
    def unlocked(self) -> bool:
        return self.session is not None and self.session.unlocked

    def records(self) -> RecordService:
        if not self.unlocked:
            raise LockedError("The binder is locked. Unlock it first.")
        if self._records is None:
            assert self.session is not None
            from binder.services.records import RecordService

            self._records = RecordService(self.session.db, self.session.actor)
        return self._records

    def review(self) -> ReviewService:
        from binder.services.review import ReviewService

        return ReviewService(self.records())

    def review_queue(self) -> list[ReviewItem]:
        """The records due for review, computed once per change (status bar and Review page)."""
        if self._queue is None:
            self._queue = self.review().queue()
        return list(self._queue)

    def incidents(self) -> IncidentService:
        if not self.unlocked or self.session is None:
            raise LockedError("The binder is locked. Unlock it first.")
        from binder.services.incidents import IncidentService

        return IncidentService(self.session.db, self.session.actor)

    def search(self) -> SearchService:
        if not self.unlocked or self.session is None:
            raise LockedError("The binder is locked. Unlock it first.")
        from binder.services.search import SearchService

        return SearchService(self.session.db)

    def settings_service(self) -> SettingsService:
        if not self.unlocked or self.session is None:
            raise LockedError("The binder is locked. Unlock it first.")
        from binder.services.settings import SettingsService

        return SettingsService(self.session.db)

    def settings(self) -> Settings:
        return self.settings_service().get()

    def organisation(self) -> str:
        """The organisation's name for titles and file names; the file's name while it
        has none, "" when locked."""
        try:
            return self.settings().organisation or (self.session.path.stem if self.session else "")
        except BinderError:
            return ""

    def validate(self, record: Record) -> list[ValidationError]:
        """Check a record without saving it (references are checked on Save)."""
        from binder.services.validation import Validator

        validator = Validator(self.settings_service().phone_region(), lambda _id, _kind: True)
        try:
            validator.check(record)
        except ValidationErrors as errors:
            return errors.errors
        return []

    def push_undo(self, label: str, *pairs: tuple[Record | None, Record | None]) -> None:
        self.undo.push(label, *pairs)
        self.bus.undo_changed.emit()

    def run(self, fn: Callable[[], T], on_error: Callable[[BinderError], None]) -> tuple[bool, T | None]:
        from ui.ops import run_op

        return run_op(fn, on_error=on_error, bus=self.bus)

    # --- lifecycle --------------------------------------------------------------

    def open(self, path: Path, *, demo: bool = False) -> BinderSession:
        """Check the file and take the writer lock; raises BinderError for the page to show."""
        if self.session is not None and _same_file(self.session.path, Path(path)):
            return self.session  # already ours: opening it again would find our own lock
        session = BinderSession.open(Path(path))
        session.check_on_unlock = False  # checked on a worker after unlock instead
        self.close()
        self.session = session
        self.is_demo = demo
        return session

    def adopt(self, session: BinderSession, *, demo: bool = False) -> None:
        """Take over an already unlocked session (a new binder, the demo, benchmarks)."""
        if self.session is not session:
            self.close()
        self.session = session
        self.is_demo = demo
        self._after_unlock()

    def unlock_with(self, method: str, secret: str = "") -> None:
        if self.session is None:
            raise LockedError("No binder is open.")
        if method == "passphrase":
            self.session.unlock_with_passphrase(secret)
        elif method == "recovery":
            self.session.unlock_with_recovery_key(secret)
        else:
            self.session.unlock_with_keyring()
        self._after_unlock()

    def _after_unlock(self) -> None:
        self._records = None
        self._queue = None
        self.lock_reason = ""
        try:
            minutes = self.settings().idle_lock_minutes
        except BinderError:
            minutes = 5
        self.autolock.set_minutes(minutes)
        self.autolock.arm()
        self.bus.opened.emit()
        if self.session is not None and not self.session.check_on_unlock:
            self._check_in_background(self.session)
        # After the window is filled: the backup also starts watching the file
        # for being deleted or replaced while open.
        QTimer.singleShot(1000, lambda: self.backup("open"))

    def _check_in_background(self, session: BinderSession) -> None:
        """Read every page on a worker (its own read-only connection) while the
        user reads the first-hour numbers; report damage if this session is still open."""
        from ui.workers import start_in_worker

        def done(message: str | None, error: BaseException | None) -> None:
            if error is not None:
                log.warning("integrity check did not run: %s", type(error).__name__)
            elif message and self.session is session and self.unlocked:
                self.bus.problem.emit(message)

        start_in_worker(session.integrity_check(), done)

    def backup(self, reason: str) -> None:
        """The automatic encrypted backup; a disk problem is told, never raised."""
        if not self.unlocked or self.session is None:
            return
        from binder.services.backup import auto_backup

        made = auto_backup(self.session, reason)
        if made.problem:
            self.bus.status.emit(made.problem)

    def after_restore(self) -> None:
        """The session now reads the restored file: drop cached services, refill views."""
        self._records = None
        self._queue = None
        self.undo.clear()
        self.bus.opened.emit()

    def lock(self, reason: str = "") -> None:
        """Close the database, forget the key, clear the clipboard, undo and every view."""
        self.autolock.disarm()
        self.clipboard.clear()
        self.undo.clear()
        self._records = None
        self._queue = None
        was_unlocked = self.unlocked
        if was_unlocked:
            self.backup("close")
        if self.session is not None:
            self.session.lock()
        self.lock_reason = reason
        if was_unlocked:
            log.info("locked (%s)", reason or "by request")
            self.bus.locked.emit()

    def close(self) -> None:
        if self.session is None:
            return
        self.lock("closed")
        self.session.close()
        self.session = None
        self.is_demo = False
        self.bus.closed.emit()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def lookups(records: Sequence[Record]) -> dict[str, dict[str, str]]:
    """Names for reference fields: live people and organisations by id."""
    people = {r.id: r.title for r in records if r.kind.value == "contact" and not r.deleted_at}
    orgs = {r.id: r.title for r in records if r.kind.value == "organization" and not r.deleted_at}
    return {"contacts": dict(sorted(people.items(), key=lambda kv: kv[1].casefold())),
            "organizations": dict(sorted(orgs.items(), key=lambda kv: kv[1].casefold()))}
