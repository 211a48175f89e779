"""Lock on idle, and on suspend or screen lock where Qt tells us.

KeePassXC's InactivityTimer: an application-wide event filter restarts a
single-shot timer on every key press, mouse click, wheel or move; when the
timer fires the app locks.

What is covered, and what is not:

- Idle: any keyboard or mouse input in any window of the app restarts the
  countdown (``idle_lock_minutes`` from the binder's settings, default 5).
- Suspend: a monotonic QTimer does not count time while the machine sleeps,
  so a heartbeat compares the wall clock with the last input; after a resume
  the app locks at once if the idle time passed, and always locks after a
  wall-clock jump longer than :data:`SUSPEND_GAP_S` (sleep, hibernate).
- ``QGuiApplication.applicationStateChanged``: Qt reports ``Suspended`` (and
  ``Hidden`` on macOS when the app is hidden); both lock. On Linux and
  Windows desktops Qt only reports Active/Inactive, which also happens when
  you switch windows, so that does not lock.
- Not covered: the desktop's own screen lock is not exposed by Qt on any
  platform. The idle timer still locks the binder behind a locked screen
  once the idle time passes.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

HEARTBEAT_MS = 15_000
SUSPEND_GAP_S = 120.0
_ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                       QEvent.Type.MouseMove, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride})
_LOCKING_STATES = frozenset({Qt.ApplicationState.ApplicationSuspended,
                             Qt.ApplicationState.ApplicationHidden})


class AutoLock(QObject):
    """Emits :attr:`timed_out` after ``timeout_ms`` without input while armed."""

    timed_out = Signal(str)  # the reason: "idle", "suspend", "application state"

    def __init__(self, parent: QObject | None = None, *, clock=time.time) -> None:
        super().__init__(parent)
        self._clock = clock
        self._timeout_ms = 5 * 60_000
        self._armed = False
        self._last_input = clock()
        self._last_beat = clock()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._fire("idle"))
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self.check_wall_clock)
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._on_state)  # type: ignore[attr-defined]

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @property
    def armed(self) -> bool:
        return self._armed

    def set_timeout(self, ms: int) -> None:
        self._timeout_ms = max(50, int(ms))
        if self._armed:
            self._restart()

    def set_minutes(self, minutes: int) -> None:
        self.set_timeout(int(minutes) * 60_000)

    def arm(self) -> None:
        self._armed = True
        self._restart()
        self._heartbeat.start()
        # The application-wide filter only while armed: every event of the app
        # passes through it, and the first one it sees costs ~30 ms of PySide6
        # type setup, which the locked window (and its first paint) need not pay.
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def disarm(self) -> None:
        self._armed = False
        self._timer.stop()
        self._heartbeat.stop()
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def remaining_ms(self) -> int:
        return self._timer.remainingTime() if self._armed else -1

    def _restart(self) -> None:
        now = self._clock()
        self._last_input = now
        self._last_beat = now
        self._timer.start(self._timeout_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if self._armed and event.type() in _ACTIVITY:
            # Restarting a timer is cheap, but mouse moves are many: at most every
            # 250 ms (or a tenth of a very short timeout).
            throttle = min(0.25, self._timeout_ms / 10_000)
            if self._clock() - self._last_input > throttle or not self._timer.isActive():
                self._restart()
        return False

    def check_wall_clock(self) -> None:
        """The heartbeat: catch idle time the monotonic timer missed (sleep)."""
        if not self._armed:
            return
        now = self._clock()
        gap = now - self._last_beat
        self._last_beat = now
        if gap > SUSPEND_GAP_S:
            self._fire("suspend")
        elif (now - self._last_input) * 1000 >= self._timeout_ms:
            self._fire("idle")

    def _on_state(self, state: Qt.ApplicationState) -> None:
        if self._armed and state in _LOCKING_STATES:
            self._fire("application state")

    def _fire(self, reason: str) -> None:
        if self._armed:
            self.disarm()
            self.timed_out.emit(reason)
