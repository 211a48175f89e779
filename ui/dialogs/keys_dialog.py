"""File > Change passphrase and File > New recovery key.

Both ask for the current passphrase first (one KDF run on a worker thread):
an unlocked laptop left alone for a minute should not be enough to lock its
owner out. Changing the passphrase only rewraps the data key; a new recovery
key re-encrypts the whole binder (a new data key) and shows the new Emergency
Kit, which must be saved or printed before the dialog closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from binder.errors import BinderError
from binder.session import BinderSession
from ui.controller import AppController
from ui.dialogs.passphrase_fields import KitPanel, NewPassphraseFields
from ui.i18n import tr
from ui.widgets import InlineMessage, named
from ui.workers import run_in_worker


class _KeysDialog(QDialog):
    """The shared frame: an explanation, the current passphrase, a message line."""

    def __init__(self, ctx: AppController, title: str, intro: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        named(self, title)
        self.box = QVBoxLayout(self)
        text = named(QLabel(intro), tr("What this does"))
        text.setWordWrap(True)
        self.box.addWidget(text)
        self.form = QFormLayout()
        self.box.addLayout(self.form)
        self.current = named(QLineEdit(), tr("Current passphrase"))
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(tr("&Current passphrase"), self.current)
        self.error = InlineMessage(tr("Problem"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)

    @property
    def session(self) -> BinderSession:
        assert self.ctx.session is not None
        return self.ctx.session

    def add_action(self, text: str) -> QPushButton:
        action = named(self.buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole), text)
        # Return in any field means "do it" (go() checks it may). Qt's default
        # buttons are not used: after a click the focus moves back to a field and
        # Qt hands "default" to Cancel.
        for other in self.buttons.buttons():
            other.setAutoDefault(False)
        for edit in self.findChildren(QLineEdit):
            edit.returnPressed.connect(self.go)
        action.clicked.connect(self.go)
        self.box.addWidget(self.error)
        self.box.addWidget(self.buttons)
        return action

    def busy(self, text: str) -> None:
        self.error.show_message(text, "info")
        self.repaint()

    def current_passphrase_ok(self) -> bool:
        """Check the current passphrase on a worker; say so under the field if wrong."""
        self.busy(tr("Checking the current passphrase…"))
        session, typed = self.session, self.current.text()
        ok, _ = self.ctx.run(lambda: run_in_worker(lambda: session.check_passphrase(typed)),
                             self._refused)
        if not ok:
            self.current.selectAll()
            self.current.setFocus()
        return ok

    def _refused(self, error: BinderError) -> None:
        self.error.show_message(error.message, "error")

    def go(self) -> None:
        raise NotImplementedError


class ChangePassphraseDialog(_KeysDialog):
    def __init__(self, ctx: AppController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("Change passphrase"), tr(
            "The binder is not re-encrypted: its recovery key and Emergency Kit stay valid. "
            "Backups and copies made before keep the passphrase they were made with."),
            parent)
        self.fields = NewPassphraseFields(self.form, self._words, self.error,
                                          (tr("&New passphrase"), tr("A&gain")))
        self.action = self.add_action(tr("Change passphrase"))
        for signal in (self.fields.changed, self.current.textChanged):
            signal.connect(self._update)
        self._update()
        self.current.setFocus()

    def _words(self) -> tuple[str, ...]:
        try:
            return tuple(self.ctx.settings().organisation.split())
        except BinderError:
            return ()

    def _update(self) -> None:
        self.action.setEnabled(bool(self.current.text()) and self.fields.acceptable())

    def go(self) -> None:
        if not self.action.isEnabled() or not self.current_passphrase_ok():
            return
        self.busy(tr("Setting the new passphrase…"))
        session, new, organisation = self.session, self.fields.text(), " ".join(self._words())
        # Only the key file is written; the database is not touched on the worker.
        work = (lambda: run_in_worker(lambda: session.change_passphrase(
            new, organisation=organisation))) if session.key_file else \
            (lambda: session.change_passphrase(new, organisation=organisation))
        ok, _ = self.ctx.run(work, self._refused)
        if ok:
            self.fields.clear()
            self.ctx.bus.status.emit(tr("Passphrase changed. Use the new one from now on."))
            self.accept()


class NewRecoveryKeyDialog(_KeysDialog):
    def __init__(self, ctx: AppController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("New recovery key"), tr(
            "Use this when an Emergency Kit may have been seen or lost. The whole binder is "
            "re-encrypted under a new key: the old recovery key stops opening it, and you "
            "save or print the new Emergency Kit next. Backups and teammates' copies made "
            "before still open with the old kit until they are replaced."), parent)
        self.recovery_key = ""
        self.panel = KitPanel(self._kit_pdf, self._file_name)
        self.panel.hide()
        self.box.addWidget(self.panel, 1)
        self.action = self.add_action(tr("Make a new recovery key"))
        self.close_button = named(self.buttons.addButton(QDialogButtonBox.StandardButton.Close),
                                  tr("Close"))
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()
        self.panel.done.toggled.connect(self.close_button.setEnabled)
        self.panel.saved.connect(self.close_button.setFocus)
        self.current.textChanged.connect(lambda text: self.action.setEnabled(bool(text)))
        self.action.setEnabled(False)
        self.current.setFocus()
        self._pdf: bytes | None = None

    def _kit_pdf(self) -> bytes:
        if self._pdf is None:
            from binder.kit import kit_data
            from binder.pdf.emergency_kit import render
            self._pdf = render(kit_data(self.session, self.recovery_key))
        return self._pdf

    def _file_name(self) -> str:
        try:
            organisation = self.ctx.settings().organisation or "binder"
        except BinderError:
            organisation = "binder"
        return f"Emergency Kit - {organisation}.pdf"

    def go(self) -> None:
        if not self.current.text() or not self.current_passphrase_ok():
            return
        self.busy(tr("Re-encrypting the binder under a new key…"))
        session, passphrase = self.session, self.current.text()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        try:  # on the GUI thread: re-encryption runs on the session's own connection
            ok, key = self.ctx.run(lambda: session.rotate_recovery_key(passphrase),
                                   self._refused)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not ok or not key:
            return
        self.recovery_key = key
        self.current.clear()
        self.current.setEnabled(False)
        self.action.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.error.show_message(tr("Done: this is the new recovery key. The old one no longer "
                                   "opens the binder."), "success")
        self.panel.show_key(key, session.warnings[-1:] if session.warnings else ())
        self.panel.show()
        self.close_button.show()
        self.close_button.setEnabled(False)

    def _kit_missing(self) -> bool:
        return bool(self.recovery_key) and not self.panel.done.isChecked()

    def reject(self) -> None:
        if self._kit_missing():  # Esc must not lose the only copy of the new key
            self.panel.message.show_message(tr(
                "Save or print the new Emergency Kit first (or tick the box if you wrote "
                "the key down)."), "warning")
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self._kit_missing():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    def accept(self) -> None:
        self.recovery_key = ""
        self._pdf = None
        super().accept()
