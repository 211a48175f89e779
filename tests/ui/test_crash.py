"""Unexpected errors: a crash dialog with a copyable report that holds no record data."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ui.dialogs.crash import CrashDialog, CrashHandler, crash_report


def _raise(message: str, kind=ValueError):
    def inner_function():
        raise kind(message)
    try:
        inner_function()
    except Exception:
        return sys.exc_info()


def test_report_has_versions_and_traceback_but_no_record_data():
    secret = "Dana Reyes +1 212 555 0101"
    report = crash_report(*_raise(secret))
    assert "Crisis Binder" in report and "PySide6" in report and "Python" in report
    assert "inner_function" in report and "ValueError" in report
    assert "Dana" not in report and "555" not in report
    assert "withheld" in report


def test_chained_exceptions_are_reported_without_messages():
    email, name = "-".join(["fay", "example"]), "Fay" + "ola"  # not in any source line
    try:
        try:
            raise KeyError(email)
        except KeyError as exc:
            raise RuntimeError(name) from exc
    except RuntimeError:
        report = crash_report(*sys.exc_info())
    assert "KeyError" in report and "RuntimeError" in report
    assert email not in report and name not in report


def test_code_errors_keep_their_message():
    report = crash_report(*_raise("'NoneType' object has no attribute 'id'", AttributeError))
    assert "has no attribute 'id'" in report


def test_handler_opens_one_dialog_and_appends_later_crashes(window, qtbot):
    handler = CrashHandler(lambda: window)
    handler(*_raise("first"))
    dialog = handler.dialog
    assert isinstance(dialog, CrashDialog) and dialog.isVisible()
    handler(*_raise("second"))
    assert handler.dialog is dialog
    assert dialog.report.toPlainText().count("crash report") == 2
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().startswith("Crisis Binder crash report")
    dialog.close()


def test_excepthook_is_installed_by_install(window, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    handler = CrashHandler(lambda: window)
    handler.install()
    assert sys.excepthook is handler
