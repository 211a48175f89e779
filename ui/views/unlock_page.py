"""Unlock: passphrase or recovery key, or the key remembered on this device.

Errors appear under the field ("Wrong passphrase."), never in a pop-up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QStackedWidget, QWidget)

from binder.errors import BinderError, WrongKeyError
from binder.session import user_error
from ui.controller import AppController
from ui.i18n import tr
from ui.widgets import InlineMessage, button, centred_panel, heading, mono_font, named

LOCK_REASONS = {
    "idle": "Locked after {minutes} minutes without activity.",
    "suspend": "Locked because the computer went to sleep.",
    "application state": "Locked because the app was hidden or suspended.",
    "user": "Locked.",
}


class UnlockPage(QWidget):
    unlocked = Signal()
    open_other_requested = Signal()

    def __init__(self, ctx: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        box = centred_panel(self)
        self.title = heading(tr("Unlock"), 1.6)
        self.path_label = named(QLabel(), tr("Binder file"))
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice = InlineMessage(tr("Notice"))
        box.addWidget(self.title)
        box.addWidget(self.path_label)
        box.addWidget(self.notice)

        self.keyring_button = button(tr("Unlock with this device's keyring"),
                                     tooltip=tr("This binder is remembered on this device."))
        self.keyring_button.clicked.connect(lambda: self.unlock("keyring"))
        box.addWidget(self.keyring_button)

        self.modes = QStackedWidget()
        self.passphrase = named(QLineEdit(), tr("Passphrase"))
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(lambda: self.unlock("passphrase"))
        self.show_box = named(QCheckBox(tr("Show")), tr("Show passphrase"))
        self.show_box.toggled.connect(lambda on: self.passphrase.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        self.recovery = named(QLineEdit(), tr("Recovery key"),
                              tr("13 groups of 5 characters, from the Emergency Kit."))
        self.recovery.setFont(mono_font())
        self.recovery.setPlaceholderText("XXXXX-XXXXX-XXXXX-…")
        self.recovery.returnPressed.connect(lambda: self.unlock("recovery"))
        for field, extra in ((self.passphrase, self.show_box), (self.recovery, None)):
            page = QWidget()
            form = QFormLayout(page)
            form.setContentsMargins(0, 0, 0, 0)
            row = QHBoxLayout()
            row.addWidget(field, 1)
            if extra is not None:
                row.addWidget(extra)
            label = QLabel(tr("&Passphrase") if field is self.passphrase else tr("&Recovery key"))
            label.setBuddy(field)
            form.addRow(label, row)
            self.modes.addWidget(page)
        box.addWidget(self.modes)
        self.error = InlineMessage(tr("Unlock problem"))
        box.addWidget(self.error)

        buttons = QHBoxLayout()
        self.switch_button = button(tr("Use recovery key instead"))
        self.switch_button.clicked.connect(self.toggle_mode)
        self.other_button = button(tr("Open another binder…"))
        self.other_button.clicked.connect(self.open_other_requested)
        self.unlock_button = button(tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(
            lambda: self.unlock("recovery" if self.modes.currentIndex() else "passphrase"))
        buttons.addWidget(self.switch_button)
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        box.addLayout(buttons)

    # --- state ------------------------------------------------------------------

    def prepare(self, *, reason: str = "") -> None:
        """Show the page for the controller's current (locked) session."""
        session = self.ctx.session
        self.passphrase.clear()
        self.recovery.clear()
        self.error.clear_message()
        self.show_box.setChecked(False)
        name = session.path.name if session else ""
        self.title.setText(tr("Unlock {name}").format(name=name))
        self.path_label.setText(str(session.path) if session else "")
        lines = []
        if reason:
            minutes = self.ctx.autolock.timeout_ms // 60_000
            lines.append(tr(LOCK_REASONS.get(reason, "Locked.")).format(minutes=minutes))
        if self.ctx.is_demo:
            lines.append(tr("This is the demo binder: its passphrase is “demo”."))
        if session is not None:
            lines += session.warnings
        if lines:
            self.notice.show_message("\n".join(lines), "warning" if session and session.warnings else "info")
        else:
            self.notice.clear_message()
        remembered = bool(session and session.has_keyring_slot)
        self.keyring_button.setVisible(remembered)
        no_passphrase = bool(session and not session.has_passphrase_slot)
        self.set_mode(1 if no_passphrase else 0)
        self.focus_main()

    def focus_main(self) -> None:
        if self.keyring_button.isVisible():
            self.keyring_button.setFocus()
        else:
            (self.recovery if self.modes.currentIndex() else self.passphrase).setFocus()

    def set_mode(self, index: int) -> None:
        self.modes.setCurrentIndex(index)
        self.switch_button.setText(tr("Use passphrase instead") if index else tr("Use recovery key instead"))
        self.switch_button.setAccessibleName(self.switch_button.text())
        self.error.clear_message()
        (self.recovery if index else self.passphrase).setFocus()

    def toggle_mode(self) -> None:
        self.set_mode(1 - self.modes.currentIndex())

    def clear(self) -> None:
        self.passphrase.clear()
        self.recovery.clear()
        self.error.clear_message()

    # --- unlocking --------------------------------------------------------------

    def unlock(self, method: str) -> bool:
        secret = {"passphrase": self.passphrase.text(), "recovery": self.recovery.text()}.get(method, "")
        field = self.recovery if method == "recovery" else self.passphrase
        if method != "keyring" and not secret:
            self.error.show_message(tr("Type your passphrase first.") if method == "passphrase"
                                    else tr("Type the recovery key from your Emergency Kit."), "error")
            field.setFocus()
            return False
        self.error.show_message(tr("Unlocking…"), "info")
        self.unlock_button.setEnabled(False)
        self.repaint()
        try:
            self.ctx.unlock_with(method, secret)
        except Exception as exc:  # user errors are shown here; bugs go to the crash dialog
            error = user_error(exc)
            if error is None:
                raise
            self._show_failure(error, field, method)
            return False
        finally:
            self.unlock_button.setEnabled(True)
        self.clear()
        self.unlocked.emit()
        return True

    def _show_failure(self, error: BinderError, field: QLineEdit, method: str) -> None:
        self.error.show_message(error.message, "error")
        if method == "keyring":
            self.passphrase.setFocus()
        else:
            field.setFocus()
            if isinstance(error, WrongKeyError):
                field.selectAll()
