"""Slow work on a QThreadPool worker, never with the GUI thread's connection.

run_in_worker waits for its result (rendering a PDF from plain dataclasses
gathered on the GUI thread first): a local event loop keeps the window
painting under a busy cursor. start_in_worker does not wait (the integrity
check after unlock, which opens its own connection): the result comes back
to a callback on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QGuiApplication

T = TypeVar("T")


class _Done(QObject):
    finished = Signal()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], done: _Done) -> None:
        super().__init__()
        self.fn = fn
        self.done = done
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.fn()
        except BaseException as exc:  # handed back to the GUI thread
            self.error = exc
        try:
            self.done.finished.emit()
        except RuntimeError:  # the app quit while this ran: nobody left to tell
            pass


_RUNNING: set[_Job] = set()  # a job and its signal live until its callback has run


def start_in_worker(fn: Callable[[], T], on_done: Callable[[T | None, BaseException | None],
                                                            None]) -> None:
    """Run ``fn`` on a worker thread; later, on the GUI thread, call
    ``on_done(result, None)`` or ``on_done(None, error)``."""
    done = _Done()
    job = _Job(fn, done)
    job.setAutoDelete(False)
    _RUNNING.add(job)

    def finished() -> None:
        # Dropped on the next turn of the event loop, not here: this runs inside
        # the signal of job.done, which must not be destroyed while it emits.
        QTimer.singleShot(0, lambda: _RUNNING.discard(job))
        on_done(job.result, job.error)

    done.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(job)


def run_in_worker(fn: Callable[[], T]) -> T:
    """Run ``fn`` on a worker thread and return its result (or raise its error)."""
    done = _Done()
    job = _Job(fn, done)
    job.setAutoDelete(False)
    loop = QEventLoop()
    done.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        QThreadPool.globalInstance().start(job)
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        QGuiApplication.restoreOverrideCursor()
    if job.error is not None:
        raise job.error
    return job.result  # type: ignore[no-any-return]
