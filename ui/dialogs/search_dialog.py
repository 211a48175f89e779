"""Ctrl+K: one box over everything; results as you type, Enter opens the record."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QLineEdit, QVBoxLayout, QWidget

from binder.errors import BinderError
from ui.controller import AppController
from ui.i18n import tr
from ui.models.columns import search_model
from ui.views.page import make_table
from ui.widgets import InlineMessage, named

LIMIT = 30


class SearchDialog(QDialog):
    open_requested = Signal(str, str)  # kind, record id

    def __init__(self, ctx: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Find anything"))
        self.setAccessibleName(tr("Find anything"))
        self.model = search_model()
        layout = QVBoxLayout(self)
        self.box = named(QLineEdit(), tr("Search the binder"),
                         tr("Type a name, number, role or word; Enter opens the highlighted result."))
        self.box.setPlaceholderText(tr("Name, number, role, regulator, template…"))
        self.box.setClearButtonEnabled(True)
        self.box.textChanged.connect(self.run_search)
        self.box.installEventFilter(self)
        self.table, self.proxy = make_table(self.model, tr("Search results"), sortable=False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 340)
        self.table.activated.connect(lambda _i: self.open_current())
        self.hint = named(QLabel(tr("↑ ↓ choose · Enter opens · Esc closes")), tr("Keys"))
        self.message = InlineMessage(tr("Search message"))
        layout.addWidget(self.box)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.resize(860, 460)

    def models(self) -> list:  # type: ignore[type-arg]
        return [self.model]

    def start(self, text: str = "") -> None:
        self.box.setText(text)
        self.box.selectAll()
        self.run_search(text)
        self.show()
        self.raise_()
        self.activateWindow()
        self.box.setFocus()

    def run_search(self, text: str) -> None:
        self.message.clear_message()
        if not text.strip():
            self.model.clear()
            return
        try:
            hits = self.ctx.search().search(text, limit=LIMIT)
        except BinderError as error:
            self.model.clear()
            self.message.show_message(error.message, "error")
            return
        self.model.set_rows(hits)
        if hits:
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        else:
            self.message.show_message(tr("Nothing matches “{text}”.").format(text=text), "info")

    def _move(self, step: int) -> None:
        rows = self.proxy.rowCount()
        if not rows:
            return
        row = self.table.currentIndex().row()
        row = min(rows - 1, max(0, row + step))
        self.table.setCurrentIndex(self.proxy.index(row, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            key = QKeyEvent(event).key() if not isinstance(event, QKeyEvent) else event.key()
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10,
                     Qt.Key.Key_PageUp: -10}
            if key in steps:
                self._move(steps[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
        return super().eventFilter(watched, event)

    def open_current(self) -> None:
        index = self.table.currentIndex()
        hit = self.model.row_data(self.proxy.mapToSource(index).row()) if index.isValid() else None
        if hit is None:
            return
        self.accept()
        self.open_requested.emit(hit.kind, hit.id)

    def clear(self) -> None:
        self.box.blockSignals(True)
        self.box.clear()
        self.box.blockSignals(False)
        self.model.clear()
        self.message.clear_message()
        self.hide()
