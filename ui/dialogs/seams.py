"""Test seams for modal dialogs (KeePassXC's FileDialog::setNextFileName idea).

Tests pre-answer the next dialog; the app code always goes through these
helpers, so no test ever blocks on a real modal dialog.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

Button = QMessageBox.StandardButton


class FileDialog:
    _next: deque[str] = deque()
    unattended = False  # tests: never open a real dialog (answers "cancelled")
    suggested: list[str] = []  # where each save dialog proposed to save, for tests

    @classmethod
    def set_next_file_name(cls, name: str) -> None:
        """The next open/save dialog returns ``name`` ("" means cancelled)."""
        cls._next.append(name)

    @classmethod
    def reset(cls) -> None:
        cls._next.clear()
        cls.suggested.clear()

    @classmethod
    def open_file_name(cls, parent: QWidget | None, caption: str, folder: str = "",
                       filters: str = "") -> str:
        if cls._next or cls.unattended:
            return cls._next.popleft() if cls._next else ""
        name, _ = QFileDialog.getOpenFileName(parent, caption, folder, filters)
        return name

    @classmethod
    def save_file_name(cls, parent: QWidget | None, caption: str, suggested: str = "",
                       filters: str = "") -> str:
        cls.suggested.append(suggested)
        if cls._next or cls.unattended:
            return cls._next.popleft() if cls._next else ""
        name, _ = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
        return name


class MessageBox:
    _next: deque[Button] = deque()
    asked: list[str] = []  # the questions asked, for tests ("asks once")
    unattended: Button | None = None  # tests: the answer when none was queued

    @classmethod
    def set_next_answer(cls, button: Button) -> None:
        cls._next.append(button)

    @classmethod
    def reset(cls) -> None:
        cls._next.clear()
        cls.asked.clear()

    @classmethod
    def question(cls, parent: QWidget | None, title: str, text: str, *,
                 yes_text: str, no_text: str) -> bool:
        """A yes/no question whose buttons say what they do; Escape answers no."""
        cls.asked.append(text)
        if cls._next or cls.unattended is not None:
            answer = cls._next.popleft() if cls._next else cls.unattended
            return answer in (Button.Yes, Button.Ok, Button.Discard, Button.Save)
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(no_text, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        yes.setAccessibleName(yes_text)
        no.setAccessibleName(no_text)
        box.exec()
        return box.clickedButton() is yes

    @classmethod
    def save_discard_cancel(cls, parent: QWidget | None, title: str, text: str) -> Button:
        cls.asked.append(text)
        if cls._next or cls.unattended is not None:
            return cls._next.popleft() if cls._next else cls.unattended  # type: ignore[return-value]
        return QMessageBox.question(parent, title, text,
                                    Button.Save | Button.Discard | Button.Cancel, Button.Save)


class Ask:
    """One line of text from the user (a reason, a correction, initials); None if cancelled."""

    _next: deque[str | None] = deque()
    unattended = False  # tests: never open a real dialog (answers "cancelled")

    @classmethod
    def set_next_text(cls, text: str | None) -> None:
        cls._next.append(text)

    @classmethod
    def reset(cls) -> None:
        cls._next.clear()

    @classmethod
    def text(cls, parent: QWidget | None, title: str, label: str, value: str = "") -> str | None:
        if cls._next or cls.unattended:
            return cls._next.popleft() if cls._next else None
        from PySide6.QtWidgets import QInputDialog
        text, ok = QInputDialog.getText(parent, title, label, text=value)
        return text if ok else None
