"""First run: create a binder in three short steps.

1. Organisation and where the file goes. 2. Passphrase with a live strength
meter, and "remember on this device" only where a safe keyring exists
(the binder is created when this page is committed). 3. The Emergency Kit:
the recovery key is shown, and the kit is saved or printed before Finish.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QProgressBar, QVBoxLayout, QWidget, QWizard, QWizardPage)

from binder import paths
from binder.errors import BinderError
from binder.keys import keyring_store, strength
from binder.session import BinderSession, create_binder, user_error
from ui.dialogs import kit
from ui.dialogs.seams import FileDialog
from ui.i18n import tr
from ui.widgets import InlineMessage, button, mono_font, named, tone


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
        form.addRow(tr("&File"), row)
        form.addRow("", self.error)
        self.registerField("organisation*", self.organisation)
        self.registerField("location*", self.location)

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
        self.passphrase = named(QLineEdit(), tr("Passphrase"))
        self.confirm = named(QLineEdit(), tr("Passphrase again"))
        for edit in (self.passphrase, self.confirm):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._update)
        self.show_box = named(QCheckBox(tr("Show passphrase")), tr("Show passphrase"))
        self.show_box.toggled.connect(self._show)
        self.meter = named(QProgressBar(), tr("Passphrase strength"))
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(10)
        self.verdict = named(QLabel(), tr("Strength"))
        self.feedback = named(QLabel(), tr("Advice"))
        self.feedback.setWordWrap(True)
        self.remember = named(QCheckBox(tr("Remember on this device")), tr("Remember on this device"),
                              tr("Unlock without typing on this computer, using the system keyring."))
        status = keyring_store.status()
        self.keyring_note = named(QLabel(status.reason), tr("Keyring"))
        self.keyring_note.setWordWrap(True)
        self.remember.setVisible(status.usable)
        self.error = InlineMessage(tr("Problem"))
        form.addRow(tr("&Passphrase"), self.passphrase)
        form.addRow(tr("&Again"), self.confirm)
        form.addRow("", self.show_box)
        form.addRow(tr("Strength"), self.meter)
        form.addRow("", self.verdict)
        form.addRow("", self.feedback)
        form.addRow("", self.remember)
        form.addRow("", self.keyring_note)
        form.addRow("", self.error)
        self._update()

    def _show(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.confirm.setEchoMode(mode)

    def strength(self) -> strength.Strength:
        org = self._wizard.organisation_page.organisation.text()
        return strength.estimate(self.passphrase.text(), tuple(org.split()))

    def _update(self) -> None:
        result = self.strength()
        self.meter.setValue(result.score)
        colour = tone("success" if result.acceptable else "error").name()
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        self.verdict.setText(tr("{label}: about {time} to guess offline.").format(
            label=tr(result.label).capitalize(), time=result.crack_time))
        self.feedback.setText(result.feedback)
        self.error.clear_message()
        if self.confirm.text() and self.confirm.text() != self.passphrase.text():
            self.error.show_message(tr("The two passphrases differ."), "warning")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return self.strength().acceptable and self.passphrase.text() == self.confirm.text()

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        self.error.show_message(tr("Creating the binder…"), "info")
        self.repaint()
        ok = self._wizard.create(self.passphrase.text(), self.remember.isVisible()
                                 and self.remember.isChecked(), self.error)
        if ok:
            self.passphrase.clear()
            self.confirm.clear()
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
        self.key = named(QLabel(), tr("Recovery key"))
        font = mono_font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.key.setFont(font)
        self.key.setWordWrap(True)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = named(QLabel(), tr("Emergency Kit preview"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout()
        self.save_button = button(tr("&Save as PDF…"), tr("Save the Emergency Kit as PDF"))
        self.print_button = button(tr("&Print…"), tr("Print the Emergency Kit"))
        self.save_button.clicked.connect(self._save)
        self.print_button.clicked.connect(self._print)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        row.addStretch(1)
        self.message = InlineMessage(tr("Kit status"))
        self.done = named(QCheckBox(tr("I have saved or printed the Emergency Kit")),
                          tr("I have saved or printed the Emergency Kit"))
        self.registerField("kit_saved*", self.done)
        box.addWidget(self.key)
        box.addWidget(self.preview, 1)
        box.addLayout(row)
        box.addWidget(self.message)
        box.addWidget(self.done)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        groups = self._wizard.recovery_key.split("-")
        self.key.setText("\n".join("  ".join(groups[i:i + 5]) for i in range(0, len(groups), 5)))
        pages = kit.render_pages(self._wizard.kit_pdf(), 360)
        if pages:
            self.preview.setPixmap(QPixmap.fromImage(pages[0]))
        for warning in self._wizard.warnings:
            self.message.show_message(warning, "warning")

    def _save(self) -> None:
        organisation = str(self._wizard.field("organisation") or "binder")
        saved = kit.save_pdf(self, self._wizard.kit_pdf(), f"Emergency Kit - {organisation}.pdf")
        if saved is not None:
            self.message.show_message(tr("Saved to {path}.").format(path=saved), "success")
            self.done.setChecked(True)

    def _print(self) -> None:
        if kit.print_pdf(self, self._wizard.kit_pdf()):
            self.message.show_message(tr("Sent to the printer."), "success")
            self.done.setChecked(True)


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
