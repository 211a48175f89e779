"""One list + detail editor page, parameterised by kind (People, Organisations, ...)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget)

from binder.errors import BinderError, ValidationErrors
from binder.models import ChangeSet, Contact, Kind, Organization, Record
from binder.services.records import is_stale
from ui.controller import AppController, lookups
from ui.dialogs.seams import Button, MessageBox
from ui.i18n import tr
from ui.models.columns import RecordRow, kind_label, record_model
from ui.views.editor import RecordEditor
from ui.views.page import ColumnFitter, Page, make_table, select_source_row
from ui.widgets import InlineMessage, button, named


def phone_numbers(record: Record | None) -> list[str]:
    """The numbers to copy for a record, best first (out-of-band next)."""
    if isinstance(record, Contact):
        best = record.best_phone()
        rest = sorted((p for p in record.phones if p != best and p.label != "fax"),
                      key=lambda p: not p.out_of_band)
        return [p.number for p in ([best] if best else []) + rest]
    if isinstance(record, Organization):
        numbers = [record.hotline] if record.hotline else []
        return numbers + [p.number for p in record.phones if p.label != "fax"]
    return []


def legal_notice() -> QLabel:
    """The built-in legal content is information, not legal advice: say so, with its date."""
    from binder.content.regulators import load_regulators

    label = named(QLabel(tr("Information, not legal advice. Built-in regulator data and "
                            "templates as of {date}: laws change, so check the cited source "
                            "and ask counsel before relying on a deadline or a wording.")
                         .format(date=load_regulators().as_of.isoformat())),
                  tr("Legal notice"))
    label.setWordWrap(True)
    return label


class RecordPage(Page):
    def __init__(self, ctx: AppController, kind: Kind, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.kind = kind
        self.kinds = frozenset({kind, Kind.CONTACT, Kind.ORGANIZATION}) \
            if kind in (Kind.CONTACT, Kind.ORGANIZATION) else frozenset({kind})
        self.title = kind_label(kind, plural=True)
        self.model = record_model(kind)
        self._reverting = False
        self._sized = False
        self._build()

    # --- layout -----------------------------------------------------------------

    def _build(self) -> None:
        noun = kind_label(self.kind).lower()
        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        if self.kind in (Kind.REGULATOR, Kind.TEMPLATE):
            lbox.addWidget(legal_notice())
        self.filter = named(QLineEdit(), tr("Filter {kinds}").format(kinds=self.title.lower()))
        self.filter.setPlaceholderText(tr("Filter {kinds} (Ctrl+F)").format(kinds=self.title.lower()))
        self.filter.setClearButtonEnabled(True)
        self.table, self.proxy = make_table(self.model, tr("{kinds} list").format(kinds=self.title))
        self.fitter = ColumnFitter(self.table, 220)
        self.filter.textChanged.connect(self.proxy.set_needle)
        self.filter.returnPressed.connect(self._filter_enter)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.count = named(QLabel(), tr("Number of {kinds}").format(kinds=self.title.lower()))
        self.count.setWordWrap(True)  # a long count must not widen the list
        self.new_button = button(tr("New {noun}").format(noun=noun), tooltip=tr("Ctrl+N"))
        self.delete_button = button(tr("Delete…"), tr("Delete {noun}").format(noun=noun), tr("Del"))
        self.new_button.clicked.connect(self.new_record)
        self.delete_button.clicked.connect(self.delete)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        lbox.addWidget(self.filter)
        lbox.addWidget(self.table, 1)
        lbox.addLayout(row)

        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(0, 0, 0, 0)
        self.banner = InlineMessage(tr("Message"))
        rbox.addWidget(self.banner)
        self._rbox = rbox
        self._editor: RecordEditor | None = None  # built when first needed (faster unlock)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)
        QWidget.setTabOrder(self.filter, self.table)
        QWidget.setTabOrder(self.table, self.new_button)
        QWidget.setTabOrder(self.new_button, self.delete_button)
        self._update_buttons()

    @property
    def editor(self) -> RecordEditor:
        if self._editor is None:
            self._editor = self.make_editor()
            self._editor.validate = self.ctx.validate
            self._editor.save_requested.connect(self.save)
            self._editor.revert_requested.connect(self.revert)
            self._rbox.addWidget(self._editor, 1)
            self._editor.show()  # a layout shows a late child only on the next event loop turn
            chain = [self.delete_button, *self._editor.focus_chain()]
            for first, second in zip(chain, chain[1:]):
                QWidget.setTabOrder(first, second)
        return self._editor

    def make_editor(self) -> RecordEditor:
        return RecordEditor(self.kind)

    def models(self) -> list:  # type: ignore[type-arg]
        return [self.model]

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            width = max(self.splitter.width(), 800)
            self.splitter.setSizes([width * 9 // 20, width * 11 // 20])

    def focus_main(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def _filter_enter(self) -> None:
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
            self.table.setFocus()

    # --- data -------------------------------------------------------------------

    def reload(self) -> None:
        service = self.ctx.records()
        settings = self.ctx.settings()
        records = service.list(self.kind)
        current_id = self.current_id()
        first_fill = self.model.rowCount() == 0
        self.model.set_rows([RecordRow(r, is_stale(r, settings)) for r in records])
        if first_fill:
            self.fitter.fit()
        if self.kind in (Kind.CONTACT, Kind.ORGANIZATION):
            people_orgs = service.list(Kind.CONTACT) + service.list(Kind.ORGANIZATION)
            self.editor.set_lookups(lookups(people_orgs))
        self._update_count()
        if self.editor.dirty and self.editor.is_new:
            return
        row = self.model.find(lambda r: r.record.id == current_id) if current_id else -1
        if row >= 0:
            self._reverting = True
            select_source_row(self.table, self.proxy, row)
            self._reverting = False
            if not self.editor.dirty:
                self.editor.load(self.model.rows()[row].record)
        elif current_id:
            self.editor.clear()
        self._update_buttons()

    def clear(self) -> None:
        self._reverting = True
        self.model.clear()
        self.filter.clear()
        self._reverting = False
        if self._editor is not None:
            self._editor.clear()
        self.banner.clear_message()
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        n = self.model.rowCount()
        due = sum(1 for r in self.model.rows() if r.stale)
        text = tr("{n} {kinds}").format(n=n, kinds=self.title.lower())
        if due and self.kind in (Kind.CONTACT, Kind.ORGANIZATION):
            text += " · " + tr("{due} need review").format(due=due)
        if self.kind == Kind.REGULATOR and n:
            ours = sum(1 for r in self.model.rows() if getattr(r.record, "applies_to_us", False))
            text += " · " + (tr("{ours} apply to us (✓, listed first)").format(ours=ours)
                             if ours else tr("none marked “Applies to us”"))
        self.count.setText(text)

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.current_record() is not None)

    def current_id(self) -> str | None:
        record = self.current_record()
        return record.id if record is not None else None

    def current_record(self) -> Record | None:
        editor = self._editor
        if editor is None or editor.record is None or editor.is_new:
            return None
        return editor.record

    def open_record(self, record_id: str) -> bool:
        if not self.confirm_leave():
            return False
        self.filter.clear()
        row = self.model.find(lambda r: r.record.id == record_id)
        if row < 0:
            return False
        select_source_row(self.table, self.proxy, row)
        self.editor.load(self.model.rows()[row].record)
        self.table.setFocus()
        return True

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._reverting:
            return
        if not self.confirm_leave():
            self._reverting = True
            self.table.selectionModel().setCurrentIndex(
                previous, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self._reverting = False
            return
        row = self.proxy.mapToSource(current).row() if current.isValid() else -1
        data = self.model.row_data(row)
        self.banner.clear_message()
        if data is None:
            self.editor.clear()
        else:
            self.editor.load(data.record)
        self._update_buttons()

    def confirm_leave(self) -> bool:
        if self._editor is None or not self._editor.dirty:
            return True
        answer = MessageBox.save_discard_cancel(
            self, tr("Unsaved changes"),
            tr("Save your changes to {title}?").format(title=self.editor.title.text()))
        if answer == Button.Save:
            return self.save()
        if answer == Button.Discard:
            self.revert()
            return True
        return False

    # --- actions ----------------------------------------------------------------

    def _show_error(self, error: BinderError) -> None:
        if isinstance(error, ValidationErrors):
            self.editor.show_errors(error.errors)
        else:
            self.banner.show_message(error.message, "error")

    def new_record(self) -> None:
        if not self.confirm_leave():
            return
        self._reverting = True
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self._reverting = False
        self.banner.clear_message()
        self.editor.new()
        if self.kind in (Kind.CONTACT, Kind.ORGANIZATION):
            service = self.ctx.records()
            self.editor.set_lookups(lookups(service.list(Kind.CONTACT) + service.list(Kind.ORGANIZATION)))
        self.editor.focus_first()
        self._update_buttons()

    def save(self) -> bool:
        record, local = self.editor.edited_record()
        if record is None or not self.editor.dirty:
            return True
        if local:
            self.editor.show_errors(local + self.ctx.validate(record))
            return False
        service = self.ctx.records()
        self.banner.clear_message()
        if self.editor.is_new:
            ok, result = self.ctx.run(lambda: service.add(record), self._show_error)
            before = None
        else:
            before = service.get(record.id)
            ok, result = self.ctx.run(lambda: service.replace(record), self._show_error)
        if not ok or result is None:
            return False
        saved, changes = result
        if changes:
            label = tr("Add {title}") if before is None else tr("Edit {title}")
            self.ctx.push_undo(label.format(title=saved.title), (before, saved))
            self.ctx.bus.status.emit(tr("Saved {title}. Ctrl+Z undoes.").format(title=saved.title))
        self.editor.load(saved)
        row = self.model.find(lambda r: r.record.id == saved.id)
        self._reverting = True
        select_source_row(self.table, self.proxy, row)
        self._reverting = False
        return True

    def revert(self) -> None:
        record = self.editor.record
        self.banner.clear_message()
        if record is None or self.editor.is_new:
            self.editor.clear()
            return
        self.editor.load(self.ctx.records().get(record.id))

    def delete(self) -> None:
        record = self.current_record()
        if record is None:
            return
        service = self.ctx.records()
        deps = service.dependents(record.id)
        text = tr("Delete {title}?").format(title=record.title)
        if deps:
            names = ", ".join(sorted({d.title for d, _rel in deps}))
            text += " " + tr("{names} refer to it; those references will be removed too.").format(names=names)
        text += " " + tr("Ctrl+Z undoes this.")
        if not MessageBox.question(self, tr("Delete"), text, yes_text=tr("Delete"),
                                   no_text=tr("Keep")):
            return
        befores = [service.get(d.id) for d, _rel in deps]
        ok, _changes = self.ctx.run(lambda: service.delete(record.id, force=bool(deps)),
                                    self._show_error)
        if not ok:
            return
        pairs = [(record, service.get(record.id))] + [(b, service.get(b.id)) for b in befores]
        self.ctx.push_undo(tr("Delete {title}").format(title=record.title), *pairs)
        self.ctx.bus.status.emit(tr("Deleted {title}. Ctrl+Z brings it back.").format(title=record.title))
        self.editor.clear()
        self.reload()
        self.focus_main()

    def verify(self) -> None:
        record = self.current_record()
        if record is None or self.editor.dirty:
            self.banner.show_message(tr("Save or discard your changes first."), "warning")
            return
        service = self.ctx.records()
        ok, _ = self.ctx.run(lambda: service.verify([record.id]), self._show_error)
        if ok:
            after = service.get(record.id)
            self.ctx.push_undo(tr("Verify {title}").format(title=record.title), (record, after))
            self.editor.load(after)
            self.ctx.bus.status.emit(tr("{title} marked as verified today.").format(title=record.title))

    def _copy(self, which: int) -> None:
        numbers = phone_numbers(self.current_record())
        if len(numbers) <= which:
            self.banner.show_message(tr("This record has no backup number to copy.") if which
                                     else tr("This record has no phone number to copy."), "warning")
            return
        self.ctx.clipboard.copy(numbers[which])

    def copy_best(self) -> None:
        self._copy(0)

    def copy_backup(self) -> None:
        self._copy(1)

    def touched_by(self, changes: ChangeSet) -> bool:
        return bool(changes.kinds & self.kinds) or not changes.kinds
