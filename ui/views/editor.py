"""The detail editor: one form built from the kind's field specs.

Errors from the service (``ValidationErrors``) are shown beside each field,
rows of a list field ("phones[2]") are highlighted, and the first problem
gets the focus. While typing, the same validator runs on the fields already
touched (debounced), so most mistakes show before Save.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout,
                               QWidget)

from binder.errors import ValidationError
from binder.models import MODEL_FOR, Kind, Record
from ui.i18n import tr
from ui.models.columns import kind_label
from ui.views.field_widgets import FieldWidget, make_field
from ui.views.fields import blank_values, fields_for
from ui.widgets import InlineMessage, button, heading, named

_INDEXED = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?")
LIVE_CHECK_MS = 400


def split_field(field: str) -> tuple[str, int | None]:
    match = _INDEXED.match(field)
    if not match:
        return field, None
    return match.group(1), int(match.group(2)) if match.group(2) else None


class RecordEditor(QWidget):
    dirty_changed = Signal(bool)
    save_requested = Signal()
    revert_requested = Signal()

    def __init__(self, kind: Kind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.record: Record | None = None
        self.is_new = False
        self.dirty = False
        self._loading = False
        self.touched: set[str] = set()
        self.validate: Callable[[Record], Sequence[ValidationError]] | None = None
        self.fields: dict[str, FieldWidget] = {}
        self.errors: dict[str, InlineMessage] = {}
        self._live = QTimer(self)
        self._live.setSingleShot(True)
        self._live.setInterval(LIVE_CHECK_MS)
        self._live.timeout.connect(self._live_check)
        self._build()
        self.clear()

    # --- building ---------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.title = heading("")
        self.meta = named(QLabel(), tr("Record status"))
        self.meta.setWordWrap(True)
        self.summary = InlineMessage(tr("Problems with this record"))
        outer.addWidget(self.title)
        outer.addWidget(self.meta)
        outer.addWidget(self.summary)
        form_holder = QWidget()
        holder_box = QVBoxLayout(form_holder)
        self.form = QFormLayout()
        holder_box.addLayout(self.form)
        holder_box.addStretch(1)  # spare height goes below the form, not between rows
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for spec in fields_for(self.kind):
            widget = make_field(spec)
            widget.changed.connect(lambda name=spec.name: self._on_changed(name))
            error = InlineMessage(tr("Problem with {field}").format(field=spec.label))
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.setAlignment(Qt.AlignmentFlag.AlignTop)
            box.addWidget(widget)
            box.addWidget(error)
            label = QLabel("" if spec.widget == "bool" else spec.label)
            label.setBuddy(widget.focus_chain()[-1])
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.form.addRow(label, cell)
            self.fields[spec.name] = widget
            self.errors[spec.name] = error
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(form_holder)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight to the fields
        outer.addWidget(self.body(self.scroll), 1)
        buttons = QHBoxLayout()
        self.save_button = button(tr("Save"), tr("Save record"), tr("Save (Ctrl+S)"))
        self.revert_button = button(tr("Discard changes"), tr("Discard changes"),
                                    tr("Back to the saved version (Ctrl+R)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_requested)
        self.revert_button.clicked.connect(self.revert_requested)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

    def body(self, form: QWidget) -> QWidget:
        """What goes between the status lines and the buttons: the form, or (in a
        subclass) something holding it, such as tabs."""
        return form

    def focus_first(self) -> None:
        """Put the cursor where a new record is typed."""
        self.focus_chain()[0].setFocus()

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for widget in self.fields.values():
            chain += widget.focus_chain()
        return chain + [self.revert_button, self.save_button]

    def fix_tab_order(self) -> None:
        chain = self.focus_chain()
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def set_lookups(self, lookups: dict[str, dict[str, str]]) -> None:
        self._loading = True
        for spec in fields_for(self.kind):
            if isinstance(spec.choices, str):
                choices = dict(lookups.get(spec.choices, {}))
                if self.record is not None:
                    choices.pop(self.record.id, None)  # nobody is their own deputy or org
                self.fields[spec.name].set_choices(choices)
        self._loading = False

    # --- loading ----------------------------------------------------------------

    def load(self, record: Record, *, is_new: bool = False) -> None:
        self._loading = True
        self.record = record
        self.is_new = is_new
        for spec in fields_for(self.kind):
            widget = self.fields[spec.name]
            widget.set_value(getattr(record, spec.name))
            widget.set_editable(is_new or not spec.readonly_existing)
        self._loading = False
        self.setEnabled(True)
        self.clear_errors()
        self.touched.clear()
        self._set_dirty(is_new)
        self.title.setText(record.title or tr("New {kind}").format(kind=kind_label(self.kind).lower()))
        self.title.setAccessibleName(self.title.text())
        self.meta.setText(self._meta_text(record, is_new))
        self.fix_tab_order()

    def new(self) -> None:
        self.load(MODEL_FOR[self.kind](**blank_values(self.kind)), is_new=True)  # type: ignore[arg-type]

    def clear(self) -> None:
        """Empty every field (on lock, or when nothing is selected)."""
        self._loading = True
        self._live.stop()
        for widget in self.fields.values():
            widget.set_value(None if not isinstance(widget.value(), tuple) else ())
            widget.set_choices({})
        self._loading = False
        self.record = None
        self.is_new = False
        self.touched.clear()
        self.clear_errors()
        self._set_dirty(False)
        self.title.setText(tr("Nothing selected"))
        self.meta.setText(tr("Pick a record in the list, or press Ctrl+N for a new one."))
        self.setEnabled(False)

    @staticmethod
    def _meta_text(record: Record, is_new: bool) -> str:
        if is_new:
            return tr("Not saved yet. Ctrl+S saves.")
        if record.verified_at:
            return tr("Last verified {date} by {who}. Version {version}.").format(
                date=record.verified_at[:10], who=record.verified_by or "?", version=record.version)
        return tr("Never verified. Version {version}.").format(version=record.version)

    # --- editing ----------------------------------------------------------------

    def _on_changed(self, name: str) -> None:
        if self._loading:
            return
        self.touched.add(name)
        self._set_dirty(True)
        self._live.start()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirty_changed.emit(dirty)
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty and not self.is_new)

    def values(self) -> dict[str, Any]:
        return {name: widget.value() for name, widget in self.fields.items()}

    def edited_record(self) -> tuple[Record | None, list[ValidationError]]:
        """The record as edited, and problems the form itself can see (not a number)."""
        if self.record is None:
            return None, []
        values = self.values()
        problems = []
        for spec in fields_for(self.kind):
            if spec.widget == "int" and isinstance(values[spec.name], str):
                problems.append(ValidationError(spec.name, "int", tr("Enter a whole number.")))
                values[spec.name] = getattr(self.record, spec.name)
        return dataclasses.replace(self.record, **values), problems

    def _live_check(self) -> None:
        if self.record is None or self.validate is None:
            return
        record, problems = self.edited_record()
        assert record is not None
        problems += list(self.validate(record))
        shown = [p for p in problems if split_field(p.field)[0] in self.touched]
        self.show_errors(shown, focus=False, summary=False)

    # --- errors -----------------------------------------------------------------

    def clear_errors(self) -> None:
        self.summary.clear_message()
        for name, label in self.errors.items():
            label.clear_message()
            self.fields[name].mark_rows({})

    def show_errors(self, problems: Sequence[ValidationError], *, focus: bool = True,
                    summary: bool = True) -> None:
        self.clear_errors()
        by_field: dict[str, list[tuple[int | None, str]]] = {}
        unplaced = []
        for problem in problems:
            root, index = split_field(problem.field)
            if root in self.fields:
                by_field.setdefault(root, []).append((index, problem.message))
            else:
                unplaced.append(problem.message)
        for root, items in by_field.items():
            text = "\n".join(msg for _i, msg in items)
            self.errors[root].show_message(text, "error")
            self.fields[root].mark_rows({i or 1: m for i, m in items})
        if summary and problems:
            count = len(problems)
            head = (tr("1 problem to fix before this can be saved.") if count == 1 else
                    tr("{n} problems to fix before this can be saved.").format(n=count))
            self.summary.show_message("\n".join([head, *unplaced]), "error")
        if focus and by_field:
            first = next(name for name in self.fields if name in by_field)
            widget = self.fields[first]
            index = by_field[first][0][0]
            chain = widget.focus_chain()
            target = chain[0]
            if index and len(chain) > 1 and len(chain) >= 3 * index:
                target = chain[3 * (index - 1) + 1]  # the value of row n
            target.setFocus()
            self.scroll.ensureWidgetVisible(target)
