"""Copy a phone number or secret; clear it again if it is still there.

KeePassXC's behaviour: the copy is tagged so clipboard managers on Linux
(Klipper, and others honouring the hint) do not keep it in their history,
and it is removed after :data:`CLEAR_AFTER_MS` if the clipboard still holds
it, and at once on lock and quit. Only a hash of the copied text is kept.
"""

from __future__ import annotations

import hashlib
import re
import sys

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 10_000
PASSWORD_HINT = "x-kde-passwordManagerHint"
_PHONE = re.compile(r"\+?[\d(][\d\s().-]{4,}")


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class ClipboardGuard(QObject):
    copied = Signal(str, int)  # a phone number worth naming (else ""), seconds until cleared
    cleared = Signal()

    def __init__(self, parent: QObject | None = None, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__(parent)
        self.clear_after_ms = clear_after_ms
        self._digest: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)

    @staticmethod
    def _clipboard() -> QClipboard:
        return QGuiApplication.clipboard()

    def copy(self, text: str, *, secret: bool = True) -> None:
        mime = QMimeData()
        mime.setText(text)
        if secret and sys.platform.startswith("linux"):
            mime.setData(PASSWORD_HINT, b"secret")
        clipboard = self._clipboard()
        clipboard.setMimeData(mime, QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            # Never leave the number in the X11 primary selection either.
            clipboard.clear(QClipboard.Mode.Selection)
        self._digest = _digest(text)
        self._timer.start(self.clear_after_ms)
        # A number is named in the status bar, to check it was the right one; anything
        # else (a key, an address) is not repeated on screen.
        named = text if _PHONE.fullmatch(text.strip()) else ""
        self.copied.emit(named, max(1, self.clear_after_ms // 1000))

    @property
    def pending(self) -> bool:
        return self._digest is not None

    def clear(self) -> None:
        """Remove what we copied, unless the user has copied something else since."""
        self._timer.stop()
        if self._digest is None:
            return
        clipboard = self._clipboard()
        if _digest(clipboard.text(QClipboard.Mode.Clipboard)) == self._digest:
            clipboard.clear(QClipboard.Mode.Clipboard)
        self._digest = None
        self.cleared.emit()
