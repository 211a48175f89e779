"""An organisation's people: those linked, ticked, first; a name search to add more.

A binder may hold 10,000 people. A row for each would take seconds to build
and nobody could find anyone in it, so only the linked people and the matches
for what has been typed are ever listed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from binder.roster import sort_key
from ui.i18n import tr
from ui.views.field_widgets import FieldWidget
from ui.views.fields import FieldSpec
from ui.widgets import named

MATCH_LIMIT = 50  # more than a screenful is a sign to type more of the name
MAX_ROWS = 8


def fold(text: str) -> str:
    """Case and accents ignored: "asa" finds "Åsa"."""
    return sort_key(text)[0]


class PeopleField(FieldWidget):
    """``value()`` is the ticked ids: the linked people in their order, then those added.

    Unticking leaves a person in the list (unticked) until the record is
    loaded again, so a slip of the Space bar is undone with another press.
    """

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.names: dict[str, str] = {}   # id -> name, every live person (no widget each)
        self._folded: list[tuple[str, str, str]] | None = None  # (id, folded name, " " + it)
        self.linked: list[str] = []
        self.ticked: set[str] = set()
        self.matches: list[str] = []
        self._first_match = 0  # the row of the first match in the list
        self.search = named(QLineEdit(), tr("Find a person to add"),
                            tr("Type part of a name; the people who match are listed above, "
                               "unticked, after the linked ones. Tick one to add them."))
        self.search.setPlaceholderText(tr("Type a name to add someone…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._refill())
        self.search.returnPressed.connect(self._enter)
        self.list = named(QListWidget(), spec.label,
                          tr("Ticked people belong to this organisation. Space ticks or unticks."))
        self.list.itemChanged.connect(self._item_changed)
        self.status = named(QLabel(), tr("People search result"))
        self.status.setWordWrap(True)
        self.layout_.setSpacing(3)
        self.layout_.addWidget(self.list)
        self.layout_.addWidget(self.search)
        self.layout_.addWidget(self.status)
        self._refill()

    # --- the interface of every field -------------------------------------------

    def value(self) -> Any:
        return tuple(pid for pid in self.linked if pid in self.ticked)

    def set_value(self, value: Any) -> None:
        self.linked = list(dict.fromkeys(value or ()))
        self.ticked = set(self.linked)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._refill()

    def set_choices(self, choices: dict[str, str]) -> None:
        self.names = dict(choices)
        self._folded = None
        self._refill()

    def focus_chain(self) -> list[QWidget]:
        return [self.list, self.search]

    # --- listing ----------------------------------------------------------------

    def name(self, pid: str) -> str:
        return self.names.get(pid) or tr("Person not found ({id})").format(id=pid[:8])

    def find(self, text: str) -> tuple[list[str], int]:
        """Up to MATCH_LIMIT unlinked people whose name contains ``text``, those with a
        word starting with it first; and how many match in all."""
        needle = fold(text.strip())
        if not needle:
            return [], 0
        if self._folded is None:
            self._folded = []
            for pid, name in self.names.items():
                folded = fold(name)
                self._folded.append((pid, folded, " " + folded))
        linked = set(self.linked)
        starts, inside = [], []
        for pid, folded, spaced in self._folded:
            if needle in folded and pid not in linked:
                (starts if " " + needle in spaced else inside).append(pid)
        found = starts + inside
        return found[:MATCH_LIMIT], len(found)

    def _refill(self) -> None:
        text = self.search.text().strip()
        self.matches, total = self.find(text)
        self.list.blockSignals(True)
        self.list.clear()
        for pid in self.linked:
            self._add(pid, pid in self.ticked)
        self._first_match = self.list.count()
        for pid in self.matches:
            self._add(pid, False)
        self.list.blockSignals(False)
        self.list.setVisible(self.list.count() > 0)  # an empty box reads as a broken field
        rows = min(max(self.list.count(), 2), MAX_ROWS)
        row_height = self.list.sizeHintForRow(0) if self.list.count() else \
            self.fontMetrics().height() + 4
        self.list.setFixedHeight(row_height * rows + 2 * self.list.frameWidth() + 4)
        if self.matches:
            self.list.scrollToItem(self.list.item(self._first_match))
        self.status.setText(self._status(text, total))
        self.status.setAccessibleDescription(self.status.text())

    def _add(self, pid: str, ticked: bool) -> None:
        item = QListWidgetItem(self.name(pid))
        item.setData(Qt.ItemDataRole.UserRole, pid)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                      | Qt.ItemFlag.ItemIsSelectable)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.list.addItem(item)

    def _status(self, text: str, total: int) -> str:
        count = len(self.value())
        if not text:
            if not count:
                return tr("Nobody linked yet. Type a name above to add someone.")
            return tr("{n} linked. Type a name above to add someone.").format(n=count)
        if not total:
            return tr("Nobody else matches “{text}”.").format(text=text)
        if total > MATCH_LIMIT:
            return tr("The first {limit} of {n} people matching “{text}”: type more of the "
                      "name.").format(limit=MATCH_LIMIT, n=total, text=text)
        return tr("{n} matching “{text}”, listed unticked after the linked people: tick to "
                  "add.").format(n=total, text=text)

    # --- editing ----------------------------------------------------------------

    def _item_changed(self, item: QListWidgetItem) -> None:
        pid = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self.ticked.add(pid)
            if pid not in self.linked:
                self.linked.append(pid)
        else:
            self.ticked.discard(pid)
        self.changed.emit()

    def _enter(self) -> None:
        """Enter adds the one person who matches; with several, it moves to the first."""
        if len(self.matches) == 1:
            pid = self.matches[0]
            self.ticked.add(pid)
            self.linked.append(pid)
            self.search.clear()  # refills: the person moves up among the linked
            self.status.setText(tr("Added {name}.").format(name=self.name(pid)))
            self.changed.emit()
        elif self.matches:
            self.list.setCurrentRow(self._first_match)
            self.list.setFocus()
