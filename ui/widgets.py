"""Small widget helpers: accessible names, palette-aware message banners."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout,
                               QWidget)

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, description: str = "") -> W:
    """Give a control its accessible name (and description); returns it for chaining."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def button(text: str, name: str | None = None, tooltip: str = "") -> QPushButton:
    btn = QPushButton(text)
    btn.setAutoDefault(True)  # Enter presses the focused button, as Space does
    named(btn, name or text.replace("&", "").rstrip("…."))
    if tooltip:
        btn.setToolTip(tooltip)
    return btn


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone(kind: str) -> QColor:
    """A readable colour for error/warning/success text on the current palette."""
    dark = is_dark()
    colours = {"error": ("#b3261e", "#f2b8b5"), "warning": ("#8a5a00", "#f5c96b"),
               "success": ("#1b6e2d", "#8fd19e"), "info": (None, None)}
    light_c, dark_c = colours.get(kind, (None, None))
    if light_c is None:
        return QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    return QColor(dark_c if dark else light_c)


def mono_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def heading(text: str, scale: float = 1.35) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    label.setWordWrap(True)
    return label


class InlineMessage(QLabel):
    """A message shown where the problem happened; hidden when empty."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.kind = ""
        named(self, name)
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> None:
        self.kind = kind
        self.setText(text)
        colour = tone(kind).name()
        weight = "600" if kind == "error" else "normal"
        self.setStyleSheet(f"color: {colour}; font-weight: {weight};")
        self.setAccessibleDescription(text)
        self.show()

    def clear_message(self) -> None:
        self.kind = ""
        self.setText("")
        self.setAccessibleDescription("")
        self.hide()


def centred_panel(page: QWidget, width: int = 640) -> QVBoxLayout:
    """A column at most ``width`` wide in the middle of ``page`` (a third down, as
    the welcome and unlock screens sit); returns the column's layout to fill."""
    panel = QWidget()
    panel.setMaximumWidth(width)
    centre = QHBoxLayout()
    centre.addStretch(1)
    centre.addWidget(panel, 3)
    centre.addStretch(1)
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    outer.addLayout(centre)
    outer.addStretch(2)
    return QVBoxLayout(panel)
