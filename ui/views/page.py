"""What every page of the workspace offers the main window."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from binder.models import ChangeSet, Kind
from ui.controller import AppController
from ui.models.rows_model import RowsModel, RowsProxy
from ui.widgets import named

SIZE_SAMPLE = 100  # rows measured when columns are sized to their contents

# Actions the main window can route to the current page (method names).
PAGE_ACTIONS = ("new_record", "save", "revert", "delete", "copy_best", "copy_backup",
                "verify", "focus_filter")


class Page(QWidget):
    """A section of the workspace. Subclasses fill ``reload`` and ``clear``."""

    open_requested = Signal(str, str)  # kind, record id: show that record on its page

    title = ""
    kinds: frozenset[Kind] = frozenset()  # a ChangeSet touching these reloads the page

    def __init__(self, ctx: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stale = True  # filled on first show; a ChangeSet for a hidden page sets it again

    def reload(self) -> None:
        raise NotImplementedError

    def ensure_loaded(self) -> None:
        """Fill the page if it has not been filled since it went stale."""
        if self.stale:
            self.stale = False
            self.reload()

    def clear(self) -> None:
        raise NotImplementedError

    def focus_main(self) -> None:
        self.setFocus()

    def touched_by(self, changes: ChangeSet) -> bool:
        """Does ``changes`` affect what this page shows?"""
        return not changes.kinds or bool(changes.kinds & self.kinds) or not self.kinds

    def supports(self, action: str) -> bool:
        return callable(getattr(self, action, None))

    def confirm_leave(self) -> bool:
        """May the user leave this page (unsaved edits are dealt with)?"""
        return True

    def models(self) -> list[RowsModel]:  # type: ignore[type-arg]
        return []


def make_table(model: RowsModel, name: str, *, sortable: bool = True,  # type: ignore[type-arg]
               table: QTableView | None = None) -> tuple[QTableView, RowsProxy]:
    proxy = RowsProxy()
    proxy.setSourceModel(model)
    table = named(table if table is not None else QTableView(), name)
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setResizeContentsPrecision(SIZE_SAMPLE)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.setSortingEnabled(sortable)
    if sortable:
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    return table, proxy


def select_source_row(table: QTableView, proxy: QSortFilterProxyModel, row: int) -> bool:
    if row < 0:
        return False
    index = proxy.mapFromSource(proxy.sourceModel().index(row, 0))
    if not index.isValid():
        return False
    table.setCurrentIndex(index)
    table.scrollTo(index)
    return True


def fit_columns(table: QTableView, max_width: int = 280) -> None:
    """Size columns to their contents, none wider than ``max_width`` (the last one stretches).

    The header measures the visible rows plus a sample (its resize precision),
    not all 10,000: asking every row costs a data() call per cell."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count() - 1):
        if header.sectionSize(column) > max_width:
            header.resizeSection(column, max_width)
