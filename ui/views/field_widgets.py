"""Editor widgets, one per field kind, all with the same small interface:
``value()``, ``set_value(v)``, ``set_choices(dict)``, ``changed``,
``focus_chain()`` (for the Tab order) and ``mark_rows({index: message})``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QHBoxLayout, QLineEdit,
                               QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from binder.models import Deputy, Email, Phone
from ui.i18n import tr
from ui.views.fields import FieldSpec
from ui.widgets import mono_font, named, tone


class FieldWidget(QWidget):
    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_choices(self, choices: dict[str, str]) -> None:
        """Dynamic choices (people, organisations); most fields ignore them."""

    def set_editable(self, editable: bool) -> None:
        for w in self.focus_chain():
            w.setEnabled(editable)

    def focus_chain(self) -> list[QWidget]:
        raise NotImplementedError

    def mark_rows(self, problems: dict[int, str]) -> None:
        """Highlight rows with a problem (1-based index -> message)."""
        for w in self.focus_chain():
            _mark(w, bool(problems))


def _mark(widget: QWidget, bad: bool, message: str = "") -> None:
    widget.setProperty("invalid", bad)
    widget.setStyleSheet(f"border: 2px solid {tone('error').name()};" if bad else "")
    widget.setAccessibleDescription(message if bad else "")


class LineField(FieldWidget):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = named(QLineEdit(), spec.label, spec.help)
        if spec.help:
            self.edit.setPlaceholderText(spec.help)
        self.edit.textEdited.connect(self.changed)
        self.layout_.addWidget(self.edit)

    def value(self) -> Any:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def focus_chain(self) -> list[QWidget]:
        return [self.edit]


class ReadOnlyField(LineField):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit.setReadOnly(True)

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(True)


class IntField(LineField):
    """A whole number or blank (None). A non-number is left for the editor to flag."""

    def value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            return text  # the editor reports it beside the field


class TimeZoneField(LineField):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        from binder.services.validation import known_time_zones
        completer = QCompleter(QStringListModel(sorted(known_time_zones())), self.edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(completer)


class TextField(FieldWidget):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, *, code: bool = False) -> None:
        super().__init__(spec, parent)
        self.edit = named(QPlainTextEdit(), spec.label, spec.help)
        self.edit.setTabChangesFocus(True)
        if code:
            self.edit.setFont(mono_font())
            self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            self.edit.setMinimumHeight(self.edit.fontMetrics().lineSpacing() * 16 + 12)
        else:
            self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 14)
        self.edit.textChanged.connect(self.changed)
        self.layout_.addWidget(self.edit)

    def value(self) -> Any:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText(value or "")

    def focus_chain(self) -> list[QWidget]:
        return [self.edit]


class BoolField(FieldWidget):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = named(QCheckBox(spec.label), spec.label)
        self.box.toggled.connect(self.changed)
        self.layout_.addWidget(self.box)

    def value(self) -> Any:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def focus_chain(self) -> list[QWidget]:
        return [self.box]


def _fill_combo(combo: QComboBox, choices: dict[str, str], current: str | None,
                none_label: str | None = None) -> None:
    combo.blockSignals(True)
    combo.clear()
    if none_label is not None:
        combo.addItem(none_label, None)
    for key, label in choices.items():
        combo.addItem(label, key)
    if current and combo.findData(current) < 0:
        combo.addItem(current, current)  # keep a value we do not know rather than lose it
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


class ChoiceField(FieldWidget):
    """A fixed list (``spec.choices`` a dict) or a reference (``ref``: none + dynamic)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None, *, optional: bool = False) -> None:
        super().__init__(spec, parent)
        self.optional = optional
        self.combo = named(QComboBox(), spec.label)
        self.choices: dict[str, str] = dict(spec.choices) if isinstance(spec.choices, dict) else {}
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.layout_.addWidget(self.combo)
        self.set_value(None)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        _fill_combo(self.combo, self.choices, value, tr("(none)") if self.optional else None)

    def set_choices(self, choices: dict[str, str]) -> None:
        if not isinstance(self.spec.choices, dict):
            current = self.value()
            self.choices = dict(choices)
            self.set_value(current)

    def focus_chain(self) -> list[QWidget]:
        return [self.combo]


class ChecksField(FieldWidget):
    """Several of a short fixed list (roles); an organisation's people use PeopleField."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.list = named(QListWidget(), spec.label, tr("Space ticks or unticks the item."))
        self.list.itemChanged.connect(lambda _i: self.changed.emit())
        self.layout_.addWidget(self.list)
        self.choices: dict[str, str] = dict(spec.choices) if isinstance(spec.choices, dict) else {}
        self._fill(())

    def _fill(self, selected: tuple[str, ...]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        extra = {k: k.replace("_", " ") for k in selected if k not in self.choices}
        for key, label in {**self.choices, **extra}.items():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if key in selected else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        rows = min(max(self.list.count(), 2), 13 if isinstance(self.spec.choices, dict) else 8)
        row_height = self.list.sizeHintForRow(0) if self.list.count() else self.fontMetrics().height()
        self.list.setFixedHeight(row_height * rows + 2 * self.list.frameWidth() + 4)

    def value(self) -> Any:
        return tuple(self.list.item(i).data(Qt.ItemDataRole.UserRole)
                     for i in range(self.list.count())
                     if self.list.item(i).checkState() == Qt.CheckState.Checked)

    def set_value(self, value: Any) -> None:
        self._fill(tuple(value or ()))

    def set_choices(self, choices: dict[str, str]) -> None:
        if not isinstance(self.spec.choices, dict):
            current = self.value()
            self.choices = dict(choices)
            self._fill(current)

    def focus_chain(self) -> list[QWidget]:
        return [self.list]


class RowsField(FieldWidget):
    """Rows of (label, value): phones, emails, deputies (role -> person)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.kind = spec.widget
        self.labels: dict[str, str] = dict(spec.choices) if isinstance(spec.choices, dict) else {}
        if self.kind == "deputies":
            from binder.models import ROLES
            self.labels = dict(ROLES)
        self.people: dict[str, str] = {}
        self.rows: list[tuple[QWidget, QComboBox, QWidget, QPushButton]] = []
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        self.layout_.addLayout(self.rows_box)
        noun = {"phones": tr("phone"), "emails": tr("email"), "deputies": tr("deputy")}[self.kind]
        self.noun = noun
        self.add_button = named(QPushButton(tr("Add {noun}").format(noun=noun)),
                                tr("Add {noun}").format(noun=noun))
        self.add_button.clicked.connect(self._add_clicked)
        self.layout_.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _add_clicked(self) -> None:
        row = self._add_row(next(iter(self.labels), ""), "")
        row[2].setFocus()
        self.changed.emit()

    def _add_row(self, label: str, value: str) -> tuple[QWidget, QComboBox, QWidget, QPushButton]:
        n = len(self.rows) + 1
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        combo = named(QComboBox(), tr("{noun} {n} label").format(noun=self.noun, n=n))
        _fill_combo(combo, self.labels, label)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        editor: QWidget
        if self.kind == "deputies":
            editor = named(QComboBox(), tr("deputy {n} person").format(n=n))
            _fill_combo(editor, self.people, value)
            editor.currentIndexChanged.connect(lambda _i: self.changed.emit())
        else:
            editor = named(QLineEdit(value), tr("{noun} {n}").format(noun=self.noun, n=n))
            editor.textEdited.connect(self.changed)
        remove = named(QPushButton(tr("Remove")), tr("Remove {noun} {n}").format(noun=self.noun, n=n))
        holder_row = (holder, combo, editor, remove)
        remove.clicked.connect(lambda: self._remove(holder_row))
        line.addWidget(combo, 1)
        line.addWidget(editor, 3)
        line.addWidget(remove)
        self.rows_box.addWidget(holder)
        self.rows.append(holder_row)
        return holder_row

    def _remove(self, row: tuple[QWidget, QComboBox, QWidget, QPushButton]) -> None:
        values = [r for r in self._raw() if r is not None]
        index = self.rows.index(row)
        del values[index]
        self._rebuild(values)
        target = self.rows[min(index, len(self.rows) - 1)][2] if self.rows else self.add_button
        target.setFocus()
        self.changed.emit()

    def _raw(self) -> list[tuple[str, str]]:
        out = []
        for _holder, combo, editor, _remove in self.rows:
            label = combo.currentData() or ""
            if isinstance(editor, QComboBox):
                out.append((label, editor.currentData() or ""))
            else:
                out.append((label, editor.text()))  # type: ignore[attr-defined]
        return out

    def _rebuild(self, values: list[tuple[str, str]]) -> None:
        for holder, combo, editor, _remove in self.rows:
            # Hide first: a row added moments ago has a queued "show" that would
            # otherwise pop it up as a window of its own once it has no parent.
            holder.hide()
            combo.clear()
            editor.clear()  # no record data lingers until the deferred delete runs
            self.rows_box.removeWidget(holder)
            holder.deleteLater()
        self.rows = []
        for label, value in values:
            self._add_row(label, value)

    def value(self) -> Any:
        raw = self._raw()
        if self.kind == "phones":
            return tuple(Phone(number=v, label=lab) for lab, v in raw)
        if self.kind == "emails":
            return tuple(Email(address=v, label=lab) for lab, v in raw)
        return tuple(Deputy(role=lab, person_id=v) for lab, v in raw)

    def set_value(self, value: Any) -> None:
        items = list(value or ())
        if self.kind == "phones":
            pairs = [(p.label, p.number) for p in items]
        elif self.kind == "emails":
            pairs = [(e.label, e.address) for e in items]
        else:
            pairs = [(d.role, d.person_id) for d in items]
        self._rebuild(pairs)

    def set_choices(self, choices: dict[str, str]) -> None:
        if self.kind == "deputies":
            current = self._raw()
            self.people = dict(choices)
            self._rebuild(current)

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for _holder, combo, editor, remove in self.rows:
            chain += [combo, editor, remove]
        return chain + [self.add_button]

    def mark_rows(self, problems: dict[int, str]) -> None:
        for n, (_holder, _combo, editor, _remove) in enumerate(self.rows, start=1):
            _mark(editor, n in problems, problems.get(n, ""))


def make_field(spec: FieldSpec) -> FieldWidget:
    kind = spec.widget
    if kind in ("phones", "emails", "deputies"):
        return RowsField(spec)
    if kind == "checks":
        return ChecksField(spec)
    if kind == "people":
        from ui.views.people_field import PeopleField  # it builds on FieldWidget, above

        return PeopleField(spec)
    if kind == "choice":
        return ChoiceField(spec)
    if kind == "ref":
        return ChoiceField(spec, optional=True)
    if kind == "bool":
        return BoolField(spec)
    if kind in ("multiline", "code"):
        return TextField(spec, code=kind == "code")
    if kind == "int":
        return IntField(spec)
    if kind == "timezone":
        return TimeZoneField(spec)
    if kind == "readonly":
        return ReadOnlyField(spec)
    return LineField(spec)
