"""The crash dialog: a copyable report with versions and a traceback, no record data.

Vorta's excepthook pattern. The report holds file names, line numbers,
function names and source lines, but not local variables, and exception
messages only for types whose messages are about code (an AttributeError's
"has no attribute"), because a ValueError or KeyError message can quote a
phone number or a name.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from binder import __version__ as app_version
from ui.i18n import tr
from ui.widgets import button, heading, mono_font, named

log = logging.getLogger(__name__)
SAFE_MESSAGES = (AttributeError, TypeError, NameError, ImportError, NotImplementedError,
                 ZeroDivisionError, RecursionError, IndexError)


def versions() -> list[str]:
    return [f"Crisis Binder {app_version}",
            f"Python {platform.python_version()} ({platform.python_implementation()})",
            f"PySide6 {pyside_version}, Qt {qVersion()}",
            f"{platform.system()} {platform.release()} {platform.machine()}",
            f"Qt platform: {QGuiApplication.platformName() if QGuiApplication.instance() else '-'}"]


def _describe(exc: BaseException) -> str:
    name = f"{type(exc).__module__}.{type(exc).__qualname__}".removeprefix("builtins.")
    if isinstance(exc, SAFE_MESSAGES):
        return f"{name}: {exc}"
    return f"{name} (message withheld: it may quote record data)"


def _frames(tb: TracebackType | None) -> list[str]:
    lines = []
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    return lines


def crash_report(exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> str:
    lines = ["Crisis Binder crash report", *versions(), "", "Traceback (most recent call last):"]
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 5:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for n, item in enumerate(reversed(chain)):
        if n:
            lines += ["", "During handling of the above, another exception occurred:", ""]
        lines += _frames(item.__traceback__ if item is not exc else tb)
        lines.append(_describe(item))
    return "\n".join(lines)


class CrashDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Something went wrong"))
        self.setAccessibleName(tr("Crash report"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Crisis Binder hit a bug")))
        text = named(QLabel(tr(
            "Your binder is safe: every change you saved is on disk. Copy this report and send "
            "it to whoever supports the app. It holds versions and where the bug happened, "
            "never your records.")), tr("What happened"))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.report = named(QPlainTextEdit(report), tr("Report"))
        self.report.setReadOnly(True)
        self.report.setFont(mono_font())
        layout.addWidget(self.report, 1)
        row = QHBoxLayout()
        self.copy_button = button(tr("&Copy report"))
        self.copy_button.clicked.connect(self.copy)
        self.close_button = button(tr("Close"))
        self.close_button.clicked.connect(self.accept)
        row.addStretch(1)
        row.addWidget(self.copy_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.resize(720, 460)

    def append(self, report: str) -> None:
        self.report.appendPlainText("\n\n" + report)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())


class CrashHandler:
    """sys.excepthook: one dialog at a time (later crashes are appended to it)."""

    def __init__(self, parent: Callable[[], QWidget | None]) -> None:
        self._parent = parent
        self.dialog: CrashDialog | None = None
        self._previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self

    def __call__(self, exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous(exc_type, exc, tb)
            return
        report = crash_report(exc_type, exc, tb)
        log.error("%s", report)
        if QGuiApplication.instance() is None:
            print(report, file=sys.stderr)
            return
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.append(report)
            return
        self.dialog = CrashDialog(report, self._parent())
        self.dialog.show()
        self.dialog.raise_()
