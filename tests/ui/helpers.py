"""Small helpers for driving the app in tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget

from binder.models import Kind
from ui.views.record_page import RecordPage


def page(window, key: str):
    return window.workspace.pages[key]


def goto(window, qtbot, key: str) -> RecordPage:
    window.workspace.goto(key)
    return window.workspace.current_page()


def select(record_page: RecordPage, name: str) -> None:
    row = record_page.model.find(lambda r: r.record.title == name)
    assert row >= 0, name
    assert record_page.open_record(record_page.model.rows()[row].record.id)


def record_named(window, kind: Kind, name: str):
    return next(r for r in window.ctx.records().list(kind, include_deleted=True) if r.title == name)


def visible_texts(root: QWidget) -> list[str]:
    out = []
    for w in root.findChildren(QWidget):
        if isinstance(w, QLineEdit):
            out.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            out.append(w.toPlainText())
        elif isinstance(w, QLabel):
            out.append(w.text())
    return out


def press(qtbot, widget: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)
    QApplication.processEvents()
