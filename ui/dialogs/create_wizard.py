"""First run: create a binder in three short steps.

1. Organisation and where the file goes. 2. Passphrase with a live strength
meter, and "remember on this device" only where a safe keyring exists
(the binder is created when this page is committed). 3. The Emergency Kit:
the recovery key is shown, and the kit is saved or printed before Finish.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget, QWizard, QWizardPage)

from binder import paths
from binder.errors import BinderError
from binder.keys import keyring_store, strength
from binder.session import BinderSession, create_binder, user_error
from ui.dialogs.passphrase_fields import KitPanel, NewPassphraseFields
from ui.dialogs.seams import FileDialog
from ui.i18n import tr
from ui.widgets import InlineMessage, button, named


def suggested_path() -> Path:
    base = paths.resolve().default_binder
    candidate, n = base, 2
    while candidate.exists():
        candidate = base.with_name(f"{base.stem}-{n}{base.suffix}")
        n += 1
    return candidate


class OrganisationPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Your organisation"))
        self.setSubTitle(tr("The name goes on every printout. The binder is one encrypted file."))
        form = QFormLayout(self)
        self.organisation = named(QLineEdit(), tr("Organisation name"))
        self.location = named(QLineEdit(str(suggested_path())), tr("Binder file"))
        self.choose = button(tr("Choose…"), tr("Choose where to save the binder"))
        self.choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.location, 1)
        row.addWidget(self.choose)
        self.error = InlineMessage(tr("Problem"))
        form.addRow(tr("&Organisation"), self.organisation)
        file_label = QLabel(tr("&File"))
        file_label.setBuddy(self.location)  # a row holding a layout has no buddy of its own
        form.addRow(file_label, row)
        form.addRow("", self.error)
        # Not "location*": Qt counts a mandatory field as filled only once it differs
        # from its value at registration, so the suggested path would block Next.
        self.registerField("organisation*", self.organisation)
        self.registerField("location", self.location)
        self.location.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return super().isComplete() and bool(self.location.text().strip())

    def _choose(self) -> None:
        name = FileDialog.save_file_name(self, tr("Where should the binder go?"),
                                         self.location.text(), tr("Binders (*.db)"))
        if name:
            self.location.setText(name)

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        path = Path(self.location.text()).expanduser()
        if path.exists():
            self.error.show_message(tr("{path} already exists. Choose another name.").format(path=path))
            self.location.setFocus()
            return False
        self.error.clear_message()
        return True


class PassphrasePage(QWizardPage):
    def __init__(self, wizard: CreateWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(tr("Passphrase"))
        self.setSubTitle(tr("Four or more unrelated words work well. Nobody can reset it, "
                            "but the Emergency Kit on the next page opens the binder if it is lost."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("Create binder"))
        form = QFormLayout(self)
        self.error = InlineMessage(tr("Problem"))
        self.fields = NewPassphraseFields(form, self._words, self.error)
        self.fields.changed.connect(self.completeChanged)
        self.passphrase, self.confirm = self.fields.passphrase, self.fields.confirm
        self.meter, self.verdict = self.fields.meter, self.fields.verdict
        self.remember = named(QCheckBox(tr("Remember on this device")), tr("Remember on this device"),
                              tr("Unlock without typing on this computer, using the system keyring."))
        status = keyring_store.status()
        self.keyring_note = named(QLabel(status.reason), tr("Keyring"))
        self.keyring_note.setWordWrap(True)
        self.remember.setVisible(status.usable)
        form.addRow("", self.remember)
        form.addRow("", self.keyring_note)
        form.addRow("", self.error)

    def _words(self) -> tuple[str, ...]:
        return tuple(self._wizard.organisation_page.organisation.text().split())

    def strength(self) -> strength.Strength:
        return self.fields.strength()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return self.fields.acceptable()

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        self.error.show_message(tr("Creating the binder…"), "info")
        self.repaint()
        ok = self._wizard.create(self.passphrase.text(), self.remember.isVisible()
                                 and self.remember.isChecked(), self.error)
        if ok:
            self.fields.clear()
        return ok


class KitPage(QWizardPage):
    def __init__(self, wizard: CreateWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(tr("Emergency Kit"))
        self.setSubTitle(tr("The recovery key opens the binder if the passphrase is forgotten or "
                            "the key file is lost. Save or print the kit and keep it apart from "
                            "this laptop."))
        box = QVBoxLayout(self)
        self.panel = KitPanel(wizard.kit_pdf, self._file_name)
        self.key, self.preview, self.message = self.panel.key, self.panel.preview, self.panel.message
        self.done = self.panel.done
        self.save_button, self.print_button = self.panel.save_button, self.panel.print_button
        self.registerField("kit_saved*", self.done)
        box.addWidget(self.panel)
        # After a save, Enter should finish, not open the save dialog again.
        self.panel.saved.connect(lambda: wizard.button(QWizard.WizardButton.FinishButton).setFocus())

    def _file_name(self) -> str:
        return f"Emergency Kit - {self._wizard.field('organisation') or 'binder'}.pdf"

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self.panel.show_key(self._wizard.recovery_key, self._wizard.warnings)


class CreateWizard(QWizard):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Create a binder"))
        self.setAccessibleName(tr("Create a binder"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.session: BinderSession | None = None
        self.recovery_key = ""
        self.warnings: list[str] = []
        self._pdf: bytes | None = None
        self.organisation_page = OrganisationPage()
        self.passphrase_page = PassphrasePage(self)
        self.kit_page = KitPage(self)
        for page in (self.organisation_page, self.passphrase_page, self.kit_page):
            self.addPage(page)
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton,
                      QWizard.WizardButton.CancelButton, QWizard.WizardButton.FinishButton,
                      QWizard.WizardButton.CommitButton):
            btn = self.button(which)
            btn.setAccessibleName(btn.text().replace("&", "").strip("<> ") or which.name)
        self.resize(640, 560)

    def create(self, passphrase: str, remember: bool, error: InlineMessage) -> bool:
        path = Path(str(self.field("location"))).expanduser()
        organisation = str(self.field("organisation")).strip()
        try:
            self.session, self.recovery_key = create_binder(path, passphrase, organisation)
        except Exception as exc:
            problem = user_error(exc)
            if problem is None:
                raise
            error.show_message(problem.message, "error")
            return False
        if remember:
            try:
                self.session.remember_on_device()
            except BinderError as problem:
                self.warnings.append(problem.message)
        error.clear_message()
        return True

    def kit_pdf(self) -> bytes:
        if self._pdf is None:
            from binder.kit import kit_data
            from binder.pdf.emergency_kit import render
            assert self.session is not None
            self._pdf = render(kit_data(self.session, self.recovery_key))
        return self._pdf

    def take_session(self) -> BinderSession | None:
        """Hand the new session over; the recovery key and kit are dropped from memory."""
        session, self.session = self.session, None
        self.recovery_key = ""
        self._pdf = None
        return session

    def reject(self) -> None:
        if self.session is not None and not self.field("kit_saved"):
            # The binder exists: closing now would lose the only copy of the recovery key.
            self.kit_page.message.show_message(tr(
                "Save or print the Emergency Kit first (or copy the recovery key by hand), "
                "then tick the box."), "error")
            return
        super().reject()
