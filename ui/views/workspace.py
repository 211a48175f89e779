"""The unlocked workspace: section list on the left, the section's page on the right."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget,
                               QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget)

from binder.models import ChangeSet, Kind
from ui.controller import AppController
from ui.i18n import tr
from ui.views.checklist_page import ChecklistPage
from ui.views.incident_page import IncidentPage
from ui.views.page import Page
from ui.views.record_page import RecordPage
from ui.views.review_page import ReviewPage
from ui.views.template_page import TemplatePage
from ui.views.who_page import WhoPage
from ui.widgets import named

SECTION_KEYS = ("who", "people", "organizations", "regulators", "templates", "checklists",
                "incidents", "review")
KIND_SECTION = {Kind.CONTACT: "people", Kind.ORGANIZATION: "organizations",
                Kind.REGULATOR: "regulators", Kind.TEMPLATE: "templates",
                Kind.CHECKLIST: "checklists"}
SECTION_KIND = {key: kind for kind, key in KIND_SECTION.items()}


SHORTCUT_ROLE = Qt.ItemDataRole.UserRole + 10


class NavDelegate(QStyledItemDelegate):
    """A section name on the left, its shortcut on the right in a quieter colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        shortcut = index.data(SHORTCUT_ROLE)
        if not shortcut:
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        painter.setPen(option.palette.color(role))
        rect = option.rect.adjusted(0, 0, -8, 0)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shortcut)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt API)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        extra = option.fontMetrics.horizontalAdvance(f"   {index.data(SHORTCUT_ROLE) or ''}  ")
        return QSize(size.width() + extra, int(size.height() * 1.9))


class Workspace(QWidget):
    """The sections of an unlocked binder.

    ``Workspace(ctx)`` builds every page. The main window builds it with
    ``complete=False`` and then one page per :meth:`build_next` while the unlock
    screen waits (ui/preload.py), so neither the first window nor the unlock
    waits for some ninety widgets; :meth:`complete` builds whatever is left.
    """

    section_changed = Signal(str)

    def __init__(self, ctx: AppController, parent: QWidget | None = None, *,
                 complete: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pages: dict[str, Page] = {}
        self.nav = named(QListWidget(), tr("Sections"))
        self.nav.setItemDelegate(NavDelegate(self.nav))
        self.stack = QStackedWidget()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self._switching = False
        if complete:
            self.complete()

    def _make_page(self, key: str) -> Page:
        if key == "who":
            return WhoPage(self.ctx)
        if key == "templates":
            return TemplatePage(self.ctx)
        if key == "checklists":
            return ChecklistPage(self.ctx)
        if key == "incidents":
            incidents = IncidentPage(self.ctx)
            incidents.open_first_hour = self._open_first_hour
            return incidents
        if key == "review":
            return ReviewPage(self.ctx)
        return RecordPage(self.ctx, SECTION_KIND[key])

    @property
    def is_complete(self) -> bool:
        return len(self.pages) == len(SECTION_KEYS)

    def build_next(self) -> bool:
        """Build the next page; True while pages remain to be built."""
        if self.is_complete:
            return False
        key = SECTION_KEYS[len(self.pages)]
        page = self.pages[key] = self._make_page(key)
        page.open_requested.connect(self.open_record)
        item = QListWidgetItem(page.title)
        n = len(self.pages)
        item.setData(SHORTCUT_ROLE, f"Ctrl+{n}")
        item.setToolTip(tr("Ctrl+{n}").format(n=n))
        self.nav.addItem(item)
        self.stack.addWidget(page)
        if not self.is_complete:
            return True
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 8)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.setCurrentRow(0)
        return False

    def complete(self) -> Workspace:
        """Build the pages not built yet; returns the workspace."""
        while self.build_next():
            pass
        return self

    def _open_first_hour(self) -> None:
        page = self.pages["checklists"]
        assert isinstance(page, RecordPage)
        page.ensure_loaded()
        row = page.model.find(lambda r: getattr(r.record, "checklist_id", "") == "first_hour")
        if row >= 0:
            self.open_record(Kind.CHECKLIST.value, page.model.rows()[row].record.id)

    # --- navigation -------------------------------------------------------------

    def current_key(self) -> str:
        return SECTION_KEYS[max(0, self.stack.currentIndex())]

    def current_page(self) -> Page:
        return self.pages[self.current_key()]

    def goto(self, key: str) -> bool:
        if key != self.current_key() and not self.current_page().confirm_leave():
            return False
        self._switching = True
        self.nav.setCurrentRow(SECTION_KEYS.index(key))
        self._switching = False
        self.stack.setCurrentIndex(SECTION_KEYS.index(key))
        self.current_page().ensure_loaded()
        self.current_page().focus_main()
        self.section_changed.emit(key)
        return True

    def _nav_changed(self, row: int) -> None:
        if self._switching or row < 0:
            return
        key = SECTION_KEYS[row]
        if key == self.current_key():
            return
        if not self.current_page().confirm_leave():
            self._switching = True
            self.nav.setCurrentRow(self.stack.currentIndex())
            self._switching = False
            return
        self.stack.setCurrentIndex(row)
        self.current_page().ensure_loaded()
        self.section_changed.emit(key)

    def open_record(self, kind: str, record_id: str) -> bool:
        if kind == "incident":  # incidents live on their own page, not in a record editor
            page = self.pages["incidents"]
            assert isinstance(page, IncidentPage)
            return self.goto("incidents") and page.show_incident(record_id)
        key = KIND_SECTION.get(Kind(kind)) if kind in {k.value for k in Kind} else None
        if key is None or not self.goto(key):
            return False
        page = self.pages[key]
        assert isinstance(page, RecordPage)
        return page.open_record(record_id)

    # --- data -------------------------------------------------------------------

    def reload(self, key: str | None = None) -> None:
        """After unlock: only the page on screen (``key``) fills now, the others when first shown."""
        for page in self.pages.values():
            page.stale = True
        if key is None or not self.goto(key):
            self.current_page().ensure_loaded()

    def on_changed(self, changes: ChangeSet) -> None:
        current = self.current_page()
        for page in self.pages.values():
            if page.touched_by(changes):
                if page is current and not page.stale:
                    page.reload()
                else:
                    page.stale = True

    def clear(self) -> None:
        for page in self.pages.values():
            page.clear()
            page.stale = True

    def models(self) -> list:  # type: ignore[type-arg]
        return [m for page in self.pages.values() for m in page.models()]
