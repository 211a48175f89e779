"""File > Restore from backup…: the binder's encrypted backups, a preview of what
the chosen one holds, and a restore that first saves the current state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem,
                               QVBoxLayout, QWidget)

from binder.errors import BinderError
from binder.services import backup, doctor
from binder.session import user_error
from ui.controller import AppController
from ui.i18n import tr
from ui.widgets import InlineMessage, named


def describe(preview: doctor.RestorePreview) -> str:
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(preview.record_counts.items()))
    now = ", ".join(f"{n} {kind}" for kind, n in sorted((preview.current_counts or {}).items()))
    lines = [tr("Made: {when}").format(when=preview.created_at or tr("unknown")),
             tr("Newest change in it: {when}").format(when=preview.last_change or tr("none")),
             tr("It holds: {counts}").format(counts=counts or tr("nothing")),
             tr("The binder now holds: {counts}").format(counts=now or tr("nothing"))]
    if preview.same_binder is False:
        lines.append(tr("This backup belongs to another binder."))
    if not preview.healthy:
        lines.append(tr("This backup fails its integrity check: choose another."))
    return "\n".join(lines)


class RestoreDialog(QDialog):
    def __init__(self, ctx: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Restore from backup"))
        self.setAccessibleName(tr("Restore from backup"))
        assert ctx.session is not None
        self.binder = ctx.session.path
        self.backups = named(QListWidget(), tr("Backups, newest first"))
        for info in reversed(backup.list_backups(self.binder)):
            item = QListWidgetItem(f"{info.created_at:%Y-%m-%d %H:%M} UTC · {info.reason} · "
                                   f"{info.size // 1024} KiB")
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            self.backups.addItem(item)
        self.preview = named(QLabel(), tr("What the chosen backup holds"))
        self.preview.setWordWrap(True)
        self.message = InlineMessage(tr("Restore message"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(tr("Restore this backup"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        named(self.restore_button, tr("Restore this backup"))
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self.restore)
        self.buttons.rejected.connect(self.reject)
        self.backups.currentItemChanged.connect(lambda *_: self.show_preview())
        layout = QVBoxLayout(self)
        intro = QLabel(tr("The current binder is saved as a backup first, so a restore can "
                          "itself be undone by restoring that backup."))
        intro.setWordWrap(True)
        layout.addWidget(named(intro, tr("How restore works")))
        layout.addWidget(self.backups, 1)
        layout.addWidget(self.preview)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if self.backups.count():
            self.backups.setCurrentRow(0)
        else:
            self.message.show_message(tr("There are no backups of this binder yet."), "info")
        self.resize(640, 460)

    def chosen(self) -> Path | None:
        item = self.backups.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def show_preview(self) -> None:
        self.message.clear_message()
        path = self.chosen()
        if path is None or self.ctx.session is None:
            return
        try:
            found = doctor.preview(path, self.ctx.session.data_key, current=self.ctx.session)
        except Exception as exc:
            error = user_error(exc)
            if error is None:
                raise
            self.preview.setText("")
            self.message.show_message(error.message)
            self.restore_button.setEnabled(False)
            return
        self.preview.setText(describe(found))
        self.restore_button.setEnabled(found.healthy and found.same_binder is not False)

    def restore(self) -> None:
        path = self.chosen()
        if path is None or self.ctx.session is None:
            return
        try:
            result = doctor.restore(self.binder, path, self.ctx.session.data_key,
                                    session=self.ctx.session)
        except BinderError as error:
            self.message.show_message(error.message)
            return
        self.ctx.after_restore()
        saved = result.previous_saved_as
        self.ctx.bus.status.emit(tr("Restored the backup.") + (
            " " + tr("The previous state is kept as {name}.").format(name=Path(saved).name)
            if saved else ""))
        self.accept()
