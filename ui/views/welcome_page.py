"""First run: create a binder, open a binder file (a USB stick), or open the demo."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from ui.i18n import tr
from ui.widgets import InlineMessage, button, centred_panel, heading, named


class WelcomePage(QWidget):
    create_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = centred_panel(self)
        box.addWidget(heading(tr("Crisis Binder"), 2.0))
        intro = named(QLabel(tr(
            "Everything you need in the first hours of a data breach: who to call, what to "
            "say, what the deadlines are. Encrypted, and it works with no network.")),
            tr("About Crisis Binder"))
        intro.setWordWrap(True)
        box.addWidget(intro)
        self.message = InlineMessage(tr("Message"))
        box.addWidget(self.message)
        box.addSpacing(12)
        self.create_button = button(tr("&Create a new binder…"),
                                    tooltip=tr("Ctrl+Shift+N: a short wizard, about two minutes."))
        self.open_button = button(tr("&Open a binder file…"),
                                  tooltip=tr("Ctrl+O: for example a copy on a USB stick."))
        self.demo_button = button(tr("Open the &demo binder"),
                                  tooltip=tr("Ctrl+Shift+D: invented people and numbers to try things out."))
        for b, signal in ((self.create_button, self.create_requested),
                          (self.open_button, self.open_requested),
                          (self.demo_button, self.demo_requested)):
            b.setMinimumHeight(b.sizeHint().height() * 3 // 2)
            b.clicked.connect(signal)
            box.addWidget(b)
        box.addSpacing(12)
        hint = named(QLabel(tr("Everything works from the keyboard: F1 lists the shortcuts.")),
                     tr("Keyboard hint"))
        hint.setWordWrap(True)
        box.addWidget(hint)

    def focus_main(self) -> None:
        self.create_button.setFocus()
