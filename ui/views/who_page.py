"""Who do I call? The first-hour roles with the best number and a backup, one key to copy.

Which person or organisation fills each role is the core's choice
(``binder.pdf.wallet_card.first_hour_numbers``), so this page and the printed
wallet card always agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout,
                               QWidget)

from binder.models import Contact, Kind, Organization
from ui.controller import AppController
from ui.i18n import tr
from ui.models.columns import call_model
from ui.views.page import Page, make_table
from ui.widgets import InlineMessage, button, heading, named

if TYPE_CHECKING:  # reportlab comes with it: imported when the page first fills
    from binder.first_hour import WalletLine


def candidates(contacts: list[Contact], orgs: list[Organization]) -> list[Contact]:
    """The people who can appear on the card: a role, a deputy of someone with one, or
    linked to an organisation. The core sorts every person it is given, and with 10,000
    people that is most of the page's cost; the choice is the same (tested)."""
    deputies = {d.person_id for c in contacts if c.roles for d in c.deputies}
    members = {p for o in orgs for p in o.people}
    return [c for c in contacts if c.roles or c.organization_id or c.id in deputies
            or c.id in members]


class CallTable(QTableView):
    """Enter copies the best number (the one thing you want under stress)."""

    def __init__(self, page: WhoPage) -> None:
        super().__init__()
        self._page = page

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._page.copy_best()
            return
        super().keyPressEvent(event)


class WhoPage(Page):
    kinds = frozenset({Kind.CONTACT, Kind.ORGANIZATION})

    def __init__(self, ctx: AppController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = tr("Who do I call?")
        self.model = call_model()
        self._kinds: dict[str, Kind] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title, 1.6))
        intro = named(QLabel(tr("The first hour, in calling order, as on the wallet card. Enter "
                                "copies the best number, Ctrl+Shift+B the backup; both clear "
                                "from the clipboard after 10 seconds. Quote the reference "
                                "when you call.")), tr("How this page works"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.banner = InlineMessage(tr("Message"))
        layout.addWidget(self.banner)
        self.table, self.proxy = make_table(self.model, tr("First-hour contacts"),
                                            sortable=False, table=CallTable(self))
        font = self.table.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.table.setFont(font)
        # Every column as wide as its text except Backup, which takes what is left and
        # wraps: the reference to quote must never be cut off (a policy number read
        # out wrong to an insurer's hotline costs minutes).
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        titles = [self.model.headerData(i, Qt.Orientation.Horizontal)
                  for i in range(self.model.columnCount())]
        header.setSectionResizeMode(titles.index(tr("Backup")), QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.copy_best())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.copy_button = button(tr("Copy best number"), tooltip=tr("Enter or Ctrl+Shift+C"))
        self.backup_button = button(tr("Copy backup number"), tooltip=tr("Ctrl+Shift+B"))
        self.open_button = button(tr("Open record"), tooltip=tr("Ctrl+Enter"))
        self.copy_button.clicked.connect(self.copy_best)
        self.backup_button.clicked.connect(self.copy_backup)
        self.open_button.clicked.connect(self.open_current)
        for b in (self.copy_button, self.backup_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def models(self) -> list:  # type: ignore[type-arg]
        return [self.model]

    def reload(self) -> None:
        # The selection is the core's, shared with the wallet card (binder/pdf/wallet_card.py).
        from binder.first_hour import first_hour_numbers
        service = self.ctx.records()
        orgs = [r for r in service.list(Kind.ORGANIZATION) if isinstance(r, Organization)]
        contacts = candidates([r for r in service.list(Kind.CONTACT) if isinstance(r, Contact)],
                              orgs)
        self._kinds = {r.id: r.kind for r in (*contacts, *orgs)}
        row = self.table.currentIndex().row()
        self.model.set_rows(first_hour_numbers(contacts, orgs))
        if self.model.rowCount():
            self.table.setCurrentIndex(self.proxy.index(max(0, row), 0))

    def clear(self) -> None:
        self.model.clear()
        self._kinds = {}
        self.banner.clear_message()

    def focus_main(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def current_line(self) -> WalletLine | None:
        index: QModelIndex = self.table.currentIndex()
        return self.model.row_data(self.proxy.mapToSource(index).row()) if index.isValid() else None

    def _copy(self, backup: bool) -> None:
        line = self.current_line()
        number = (line.backup if backup else line.number) if line else ""
        if not number:
            self.banner.show_message(
                tr("No backup number on file for this role.") if backup and line and line.name
                else tr("Nobody holds this role yet: add them in People or Organisations."),
                "warning")
            return
        self.banner.clear_message()
        self.ctx.clipboard.copy(number)

    def copy_best(self) -> None:
        self._copy(False)

    def copy_backup(self) -> None:
        self._copy(True)

    def open_current(self) -> None:
        line = self.current_line()
        kind = self._kinds.get(line.record_id) if line is not None else None
        if line is not None and kind is not None:
            self.open_requested.emit(kind.value, line.record_id)
