"""A read-only list page (Review, Incidents): a source of rows, Enter opens one.

Later issues replace these with full pages; the shape (a Page with
``reload``/``clear``/``models`` and ``open_requested``) stays the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout,
                               QWidget)

from binder.models import Kind
from ui.controller import AppController
from ui.models.rows_model import RowsModel
from ui.views.page import Page, fit_columns, make_table
from ui.widgets import heading, named


class ListPage(Page):
    def __init__(self, ctx: AppController, *, title: str, intro: str, empty_text: str,
                 model: RowsModel[Any], source: Callable[[], list[Any]],
                 target: Callable[[Any], tuple[str, str] | None],
                 kinds: frozenset[Kind] = frozenset(), parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = title
        self.kinds = kinds
        self.model = model
        self._source = source
        self._target = target
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 1.6))
        self.intro = named(QLabel(intro), tr_intro(title))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table, self.proxy = make_table(model, title, sortable=False)  # the core's order
        self.table.activated.connect(self._activated)
        self.empty = named(QLabel(empty_text), empty_text)
        self.empty.setWordWrap(True)
        font = self.empty.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.empty.setFont(font)
        layout.addSpacing(8)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout.addLayout(self.buttons)
        self.filler = QWidget()  # takes the table's room while the list is empty
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.filler)
        self._show_empty()

    def add_button(self, widget: QPushButton) -> None:
        self.buttons.insertWidget(self.buttons.count() - 1, widget)

    def models(self) -> list:  # type: ignore[type-arg]
        return [self.model]

    def _show_empty(self) -> None:
        empty = self.model.rowCount() == 0
        self.empty.setVisible(empty)
        self.table.setVisible(not empty)
        self.filler.setVisible(empty)

    def reload(self) -> None:
        first_fill = self.model.rowCount() == 0
        self.model.set_rows(self._source())
        if first_fill:
            fit_columns(self.table, 360)
        self._show_empty()

    def clear(self) -> None:
        self.model.clear()
        self._show_empty()

    def focus_main(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def open_current(self) -> None:
        if self.table.currentIndex().isValid():
            self._activated(self.table.currentIndex())

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_data(self.proxy.mapToSource(index).row())
        target = self._target(row) if row is not None else None
        if target is not None:
            self.open_requested.emit(*target)


def tr_intro(title: str) -> str:
    from ui.i18n import tr
    return tr("About {page}").format(page=title)
