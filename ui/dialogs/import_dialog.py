"""Import updated list…: a CSV or vCard compared with the binder, applied item by item.

The diff is the core's (Importer.plan); nothing is applied while the file has
problems, and people the list no longer mentions are flagged for review by
ReviewService.apply_import, never deleted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem,
                               QVBoxLayout, QWidget)

from binder.errors import BinderError
from binder.services.importer import Importer, ImportPlan, PlanItem
from ui.controller import AppController
from ui.dialogs.seams import FileDialog
from ui.i18n import tr
from ui.widgets import InlineMessage, named

MAX_BYTES = 20 * 1024 * 1024


def item_text(item: PlanItem) -> str:
    where = tr("line {n}: ").format(n=item.line) if item.line else ""
    if item.action == "add":
        return where + tr("Add {title}").format(title=item.record.title)
    changes = "; ".join(f"{c.field}: {c.before or '—'} → {c.after or '—'}" for c in item.changes)
    return where + tr("Update {title}: {changes}").format(title=item.record.title, changes=changes)


class ImportDialog(QDialog):
    def __init__(self, ctx: AppController, plan: ImportPlan, source: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.plan, self.source = ctx, plan, source
        self.setWindowTitle(tr("Import updated list"))
        self.setAccessibleName(tr("Import updated list"))
        self.summary = named(QLabel(), tr("What the list changes"))
        self.summary.setWordWrap(True)
        self.items = named(QListWidget(), tr("Changes to apply"),
                           tr("Space ticks or unticks a change."))
        self.indexes: list[int] = []
        for n, item in enumerate(plan.items):
            if item.action == "unchanged":
                continue
            entry = QListWidgetItem(item_text(item))
            entry.setData(Qt.ItemDataRole.UserRole, n)
            entry.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                           | Qt.ItemFlag.ItemIsSelectable)
            entry.setCheckState(Qt.CheckState.Checked)
            self.items.addItem(entry)
        self.problems = named(QListWidget(), tr("Problems in the file"))
        for problem in plan.problems:
            self.problems.addItem(str(problem))
        self.error = InlineMessage(tr("Problem"))
        unchanged, missing = plan.count("unchanged"), len(plan.missing)
        text = tr("{source}: {add} to add, {upd} to update, {same} unchanged; {missing} in the "
                  "binder but not in the list (they will be flagged for review, not deleted)."
                  ).format(source=source, add=plan.count("add"), upd=plan.count("update"),
                           same=unchanged, missing=missing)
        if plan.problems:
            text = tr("Nothing can be imported until the file is fixed: {n} problem(s), each "
                      "with its line and field below.").format(n=len(plan.problems))
        self.summary.setText(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setText(tr("Apply ticked changes"))
        self.apply_button.setAccessibleName(tr("Apply ticked changes"))
        self.apply_button.setEnabled(not plan.problems)
        self.apply_button.clicked.connect(self.apply)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(tr("Cancel"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems if plan.problems else self.items, 1)
        self.problems.setVisible(bool(plan.problems))
        self.items.setVisible(not plan.problems)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(720, 460)

    def chosen(self) -> list[int]:
        return [self.items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.items.count())
                if self.items.item(i).checkState() == Qt.CheckState.Checked]

    def apply(self) -> bool:
        if self.plan.problems:
            return False
        importer = Importer(self.ctx.records())
        ok, _changes = self.ctx.run(lambda: self.ctx.review().apply_import(
            importer, self.plan, only=self.chosen(), source=self.source),
            lambda e: self.error.show_message(e.message, "error"))
        if ok:
            self.ctx.bus.status.emit(tr("Imported {n} change(s) from {source}.").format(
                n=len(self.chosen()), source=self.source))
            self.accept()
        return ok

    @classmethod
    def start(cls, ctx: AppController, parent: QWidget) -> ImportDialog | None:
        """Ask for the file, plan the import, show the diff (None if cancelled or unreadable)."""
        from binder.io.detect import detect_format
        name = FileDialog.open_file_name(parent, tr("Import updated list"), "",
                                         tr("Contact lists (*.csv *.vcf *.vcard);;All files (*)"))
        if not name:
            return None
        path = Path(name)

        def plan() -> ImportPlan:
            if path.stat().st_size > MAX_BYTES:
                raise BinderError(tr("That file is larger than 20 MB; is it a contact list?"))
            data = path.read_bytes()
            fmt = detect_format(data, path.name)
            if fmt not in ("csv", "vcard"):
                raise BinderError(tr("Only CSV and vCard lists can be compared with the binder."))
            return Importer(ctx.records()).plan(data, fmt=fmt, path=path.name)

        try:
            ok, result = ctx.run(plan, lambda e: ctx.bus.status.emit(e.message))
        except OSError as exc:
            ctx.bus.status.emit(tr("Could not read {name}: {why}").format(name=path.name,
                                                                        why=exc.strerror))
            return None
        if not ok or result is None:
            return None
        dialog = cls(ctx, result, path.name, parent)
        setattr(parent.window(), "import_dialog", dialog)
        dialog.open()
        return dialog
