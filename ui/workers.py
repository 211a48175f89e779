"""Slow, database-free work (rendering a PDF) on a QThreadPool worker.

The caller gathers plain dataclasses on the GUI thread first; the worker never
sees the connection. A local event loop keeps the window painting while the
work runs, under a busy cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
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
        self.done.finished.emit()


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
