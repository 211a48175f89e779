"""F1: every action and its shortcut, generated from the menus."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ui.actions import shortcut_text
from ui.i18n import tr
from ui.models.rows_model import Column, RowsModel
from ui.views.page import make_table


@dataclass(frozen=True)
class ShortcutRow:
    menu: str
    action: str
    keys: str


def shortcut_model() -> RowsModel[ShortcutRow]:
    return RowsModel([Column(tr("Menu"), lambda r: r.menu), Column(tr("Action"), lambda r: r.action),
                      Column(tr("Keys"), lambda r: r.keys)])


def shortcut_rows(menus: list[tuple[str, list[QAction]]]) -> list[ShortcutRow]:
    return [ShortcutRow(menu.replace("&", ""), a.text().replace("&", "").rstrip("…"), shortcut_text(a))
            for menu, actions in menus for a in actions if not a.isSeparator()]


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[ShortcutRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.setAccessibleName(tr("Keyboard shortcuts"))
        self.model = shortcut_model()
        self.model.set_rows(rows)
        layout = QVBoxLayout(self)
        table, _proxy = make_table(self.model, tr("Keyboard shortcuts"), sortable=False)
        table.resizeColumnsToContents()
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(tr("Close"))
        layout.addWidget(buttons)
        self.resize(560, 620)
