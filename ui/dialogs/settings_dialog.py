"""Settings kept in the binder (auto-lock, review interval, label) and this device's keyring."""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QSpinBox, QVBoxLayout, QWidget)

from binder.errors import BinderError, ValidationErrors
from binder.keys import keyring_store
from ui.controller import AppController
from ui.i18n import tr
from ui.widgets import InlineMessage, named


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Settings"))
        self.setAccessibleName(tr("Settings"))
        settings = ctx.settings()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.idle = named(QSpinBox(), tr("Lock after minutes without activity"))
        self.idle.setRange(1, 240)
        self.idle.setSuffix(tr(" min"))
        self.idle.setValue(settings.idle_lock_minutes)
        self.review = named(QSpinBox(), tr("Review interval in days"))
        self.review.setRange(7, 730)
        self.review.setSuffix(tr(" days"))
        self.review.setValue(settings.review_interval_days)
        self.classification = named(QLineEdit(settings.classification), tr("Classification label"))
        self.errors = {name: InlineMessage(tr("Problem")) for name in
                       ("idle_lock_minutes", "review_interval_days", "classification")}
        for label, widget, key in ((tr("&Auto-lock after"), self.idle, "idle_lock_minutes"),
                                   (tr("&Review every"), self.review, "review_interval_days"),
                                   (tr("&Classification"), self.classification, "classification")):
            form.addRow(label, widget)
            form.addRow("", self.errors[key])
        status = keyring_store.status()
        session = ctx.session
        self.remember = named(QCheckBox(tr("Remember on this device (unlock without typing)")),
                              tr("Remember on this device"))
        self.remember.setChecked(bool(session and session.has_keyring_slot))
        self.remember.setEnabled(status.usable or self.remember.isChecked())
        form.addRow("", self.remember)
        note = named(QLabel(status.reason), tr("Keyring"))
        note.setWordWrap(True)
        form.addRow("", note)
        layout.addLayout(form)
        self.message = InlineMessage(tr("Problem"))
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        for b in buttons.buttons():
            b.setAccessibleName(b.text().replace("&", ""))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _show(self, error: BinderError) -> None:
        if isinstance(error, ValidationErrors):
            for problem in error.errors:
                target = self.errors.get(problem.field)
                (target or self.message).show_message(problem.message, "error")
        else:
            self.message.show_message(error.message, "error")

    def save(self) -> bool:
        for label in (*self.errors.values(), self.message):
            label.clear_message()
        service = self.ctx.settings_service()
        ok, _ = self.ctx.run(lambda: service.update(
            idle_lock_minutes=self.idle.value(), review_interval_days=self.review.value(),
            classification=self.classification.text().strip()), self._show)
        if not ok:
            return False
        session = self.ctx.session
        if session is not None and self.remember.isChecked() != session.has_keyring_slot:
            action = session.remember_on_device if self.remember.isChecked() else session.forget_on_device
            ok, _ = self.ctx.run(action, self._show)
            if not ok:
                return False
        self.accept()
        return True
