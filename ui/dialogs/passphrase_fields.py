"""A new passphrase typed twice with a live strength meter, and the recovery key
with its Emergency Kit: shared by the create wizard and the key dialogs."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QProgressBar, QScrollArea, QVBoxLayout, QWidget)

from binder.keys import strength
from ui.dialogs import kit
from ui.i18n import tr
from ui.widgets import InlineMessage, button, mono_font, named, tone


class NewPassphraseFields(QObject):
    """The rows of a new passphrase: twice, a show box, the meter, a verdict and advice.

    ``words`` gives the words an attacker would try first (the organisation's
    name); ``message`` is where "the two passphrases differ" is shown.
    """

    changed = Signal()

    def __init__(self, form: QFormLayout, words: Callable[[], tuple[str, ...]],
                 message: InlineMessage, labels: tuple[str, str] = ("&Passphrase", "&Again")
                 ) -> None:
        super().__init__(form.parentWidget())
        self._words = words
        self._message = message
        self.passphrase = named(QLineEdit(), tr(labels[0].replace("&", "")))
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
        form.addRow(tr(labels[0]), self.passphrase)
        form.addRow(tr(labels[1]), self.confirm)
        form.addRow("", self.show_box)
        form.addRow(tr("Strength"), self.meter)
        form.addRow("", self.verdict)
        form.addRow("", self.feedback)
        self._update()

    def text(self) -> str:
        return self.passphrase.text()

    def strength(self) -> strength.Strength:
        return strength.estimate(self.passphrase.text(), self._words())

    def acceptable(self) -> bool:
        """Strong enough, and typed the same twice."""
        return self.strength().acceptable and self.passphrase.text() == self.confirm.text()

    def clear(self) -> None:
        self.passphrase.clear()
        self.confirm.clear()

    def _show(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.confirm.setEchoMode(mode)

    def _update(self) -> None:
        result = self.strength()
        self.meter.setValue(result.score)
        colour = tone("success" if result.acceptable else "error").name()
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        self.verdict.setText(tr("{label}: {time} offline.").format(
            label=tr(result.label).capitalize(), time=tr(result.guess_time)))
        self.feedback.setText(result.feedback)
        self._message.clear_message()
        if self.confirm.text() and self.confirm.text() != self.passphrase.text():
            self._message.show_message(tr("The two passphrases differ."), "warning")
        self.changed.emit()


PREVIEW_HEIGHT = 260


class KitPanel(QWidget):
    """The recovery key in large type, the Emergency Kit's first page, Save and Print,
    and "I have saved or printed it" (ticked by a save or a print, or by hand)."""

    saved = Signal()  # saved or printed: the caller moves the focus to its Finish / Close

    def __init__(self, kit_pdf: Callable[[], bytes], file_name: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kit_pdf = kit_pdf
        self._file_name = file_name
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.key = named(QLabel(), tr("Recovery key"))
        font = mono_font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.key.setFont(font)
        self.key.setWordWrap(True)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = named(QLabel(), tr("Emergency Kit preview"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Scrolled, not grown: the wizard must fit a 768-pixel-high laptop screen.
        scroller = named(QScrollArea(), tr("Emergency Kit preview"))
        scroller.setWidget(self.preview)
        scroller.setWidgetResizable(True)
        scroller.setMaximumHeight(PREVIEW_HEIGHT)
        scroller.setMinimumHeight(PREVIEW_HEIGHT // 2)
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
        box.addWidget(self.key)
        box.addWidget(scroller, 1)
        box.addLayout(row)
        box.addWidget(self.message)
        box.addWidget(self.done)

    def show_key(self, recovery_key: str, warnings: Sequence[str] = ()) -> None:
        groups = recovery_key.split("-")
        self.key.setText("\n".join("  ".join(groups[i:i + 5]) for i in range(0, len(groups), 5)))
        pages = kit.render_pages(self._kit_pdf(), 360)
        if pages:
            self.preview.setPixmap(QPixmap.fromImage(pages[0]))
        for warning in warnings:
            self.message.show_message(warning, "warning")

    def _save(self) -> None:
        saved = kit.save_pdf(self, self._kit_pdf(), self._file_name())
        if saved is not None:
            self.message.show_message(tr("Saved to {path}.").format(path=saved), "success")
            self.done.setChecked(True)
            self.saved.emit()

    def _print(self) -> None:
        if kit.print_pdf(self, self._kit_pdf()):
            self.message.show_message(tr("Sent to the printer."), "success")
            self.done.setChecked(True)
            self.saved.emit()
