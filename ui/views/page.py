"""What every page of the workspace offers the main window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, Signal
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


MIN_SHARE = 60  # px: a narrowed column still shows the start of its text


def share_width(widths: list[int], whole: list[bool], available: int) -> list[int]:
    """Column widths that fit ``available``: the ``whole`` ones as they are, the others
    cut to one common cap (the widest shrink first; none below MIN_SHARE)."""
    room = available - sum(w for w, keep in zip(widths, whole) if keep)
    cut = sorted(w for w, keep in zip(widths, whole) if not keep)
    if sum(cut) <= room:
        return list(widths)
    cap = MIN_SHARE
    for n, width in enumerate(cut):
        left = len(cut) - n
        if width * left > room:
            cap = max(MIN_SHARE, room // left)
            break
        room -= width
    return [w if keep else min(w, cap) for w, keep in zip(widths, whole)]


class ColumnFitter(QObject):
    """Keeps a record list's columns inside the list: sized to their contents (none
    wider than ``max_width``) and, when they do not all fit, the columns not marked
    ``whole`` narrowed (their text elided) so that no column is pushed out of sight.
    It refits as the list is resized, until the user drags a column edge."""

    def __init__(self, table: QTableView, max_width: int = 280) -> None:
        super().__init__(table)
        self.table = table
        self.max_width = max_width
        self.user_sized = False
        self._fitting = False
        self._content: list[int] = []
        table.horizontalHeader().sectionResized.connect(self._resized)
        table.viewport().installEventFilter(self)

    def fit(self) -> None:
        """Measure the contents (after the list is filled) and share out the width."""
        header = self.table.horizontalHeader()
        self._fitting = True
        self.table.resizeColumnsToContents()
        self._content = [min(header.sectionSize(c), self.max_width) for c in range(header.count())]
        self._fitting = False
        self.user_sized = False
        self.share()

    def share(self) -> None:
        header = self.table.horizontalHeader()
        model = self.table.model()
        source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
        if not self._content or len(self._content) != header.count() \
                or not isinstance(source, RowsModel):
            return
        whole = [c.whole for c in source.columns()]
        content = list(self._content)
        # A stretched last section never gets narrower than the default section size.
        content[-1] = max(content[-1], header.defaultSectionSize())
        available = self.table.viewport().width()
        widths = share_width(content, whole, available) if available > 2 * MIN_SHARE \
            else content
        self._fitting = True
        for column, width in enumerate(widths[:-1]):  # the last one stretches over the rest
            header.resizeSection(column, width)
        self._fitting = False

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting and column < self.table.horizontalHeader().count() - 1:
            self.user_sized = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Resize and not self.user_sized:
            self.share()
        return False
