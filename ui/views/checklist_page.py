"""The Checklists page: each checklist shown as it reads, its text on a second tab.

The text (TOML) is the checklist: the name, phase, owner and mode in the list
are read from it on Save, so the list, the app's view and the printed copy
never disagree. Text that does not parse is not saved; incidents and
printing read it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtWidgets import QScrollArea, QTabWidget, QVBoxLayout, QWidget

from binder.content.checklists import Checklist, parse_checklist, record_values
from binder.errors import ImportFormatError, ValidationError, ValidationErrors
from binder.models import ChecklistRecord, Kind, Record
from ui.controller import AppController
from ui.i18n import tr
from ui.views.checklist_view import ChecklistView
from ui.views.editor import RecordEditor
from ui.views.record_page import RecordPage
from ui.widgets import named


def read_source(source: str, where: str) -> tuple[Checklist | None, list[ValidationError]]:
    """The checklist in ``source``, or the problems, placed on the text field."""
    try:
        return parse_checklist(source, where), []
    except ImportFormatError as error:
        if error.line is None:
            return None, [ValidationError("source", "toml", error.reason)]
        at = tr("Line {line}, column {column}").format(line=error.line, column=error.column) \
            if error.column is not None else tr("Line {line}").format(line=error.line)
        return None, [ValidationError("source", "toml", f"{at}: {error.reason}")]
    except ValidationErrors as errors:
        return None, [ValidationError("source", e.code, e.message) for e in errors.errors]


class ChecklistEditor(RecordEditor):
    """The generic editor (Save, Discard, errors, live check) with the readable
    checklist on its first tab and the text form on its second."""

    taken_ids: Callable[[], set[str]] = staticmethod(set)  # the other checklists' ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Kind.CHECKLIST, parent)

    def body(self, form: QWidget) -> QWidget:
        self.view = ChecklistView()
        # The text is the only field: it fills its tab instead of sitting in a form row.
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.addWidget(self.fields["source"], 1)
        box.addWidget(self.errors["source"])
        assert isinstance(form, QScrollArea)
        form.setWidget(holder)  # drops the emptied form
        self.tabs = named(QTabWidget(), tr("Checklist views"))
        self.tabs.addTab(self.view, tr("&Checklist"))
        self.tabs.addTab(form, tr("Te&xt"))
        self.tabs.currentChanged.connect(self._tab_changed)
        return self.tabs

    def focus_chain(self) -> list[QWidget]:
        return [self.view, *super().focus_chain()]

    def focus_first(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.fields["source"].focus_chain()[0].setFocus()

    def show_text(self) -> None:
        self.tabs.setCurrentIndex(1)

    # --- loading ----------------------------------------------------------------

    def load(self, record: Record, *, is_new: bool = False) -> None:
        super().load(record, is_new=is_new)
        assert isinstance(record, ChecklistRecord)
        self._show(record.source, record.checklist_id, edited=False)
        self.tabs.setCurrentIndex(1 if is_new else 0)  # a new checklist starts as text to edit

    def clear(self) -> None:
        super().clear()
        self.view.show_nothing()
        self.tabs.setCurrentIndex(0)

    def _show(self, source: str, where: str, *, edited: bool) -> None:
        checklist, problems = read_source(source, where or "checklist")
        if checklist is None:
            shown = self.view.checklist
            message = "\n".join(p.message for p in problems)
            if edited and shown is not None:
                self.view.show_checklist(shown, tr("The text has a problem (see the Text tab): "
                                                   "this is the last version that could be "
                                                   "read.\n{problem}").format(problem=message))
            else:
                self.view.show_problem(message)
            return
        note = tr("Not saved yet: Ctrl+S saves these changes.") if edited and self.dirty else ""
        self.view.show_checklist(checklist, note)

    # --- editing ----------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if index == 0 and self._live.isActive():  # show the preview without waiting
            self._live.stop()
            self._live_check()

    def _live_check(self) -> None:
        super()._live_check()
        if self.record is not None:
            self._show(self.fields["source"].value(), self._where(), edited=True)

    def _where(self) -> str:
        record = self.record
        return record.checklist_id if isinstance(record, ChecklistRecord) and \
            record.checklist_id else "checklist"

    def edited_record(self) -> tuple[Record | None, list[ValidationError]]:
        record, problems = super().edited_record()
        if not isinstance(record, ChecklistRecord):
            return record, problems
        checklist, found = read_source(record.source, self._where())
        if checklist is None:
            return record, problems + found
        values = record_values(checklist)
        new_id = values["checklist_id"]
        if record.checklist_id and new_id != record.checklist_id:
            problems.append(ValidationError("source", "id_changed", tr(
                "The id must stay \"{id}\": incident logs refer to this checklist by it.")
                .format(id=record.checklist_id)))
        elif new_id in self.taken_ids():
            problems.append(ValidationError("source", "duplicate", tr(
                "Another checklist already has the id \"{id}\": choose another id.")
                .format(id=new_id)))
        return dataclasses.replace(record, **values), problems


class ChecklistPage(RecordPage):
    def __init__(self, ctx: AppController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, Kind.CHECKLIST, parent)

    def make_editor(self) -> RecordEditor:
        editor = ChecklistEditor()
        editor.taken_ids = self._taken_ids  # type: ignore[method-assign]
        return editor

    def _taken_ids(self) -> set[str]:
        current = self.current_id()
        return {getattr(row.record, "checklist_id", "") for row in self.model.rows()
                if row.record.id != current}
