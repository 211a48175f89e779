"""Every user-visible string goes through :func:`tr`, so the app can be translated.

One translation context keeps lupdate simple; a translator file, when one
ships, is installed by :func:`install_translator`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "CrisisBinder"
_translators: list[QTranslator] = []


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, text, disambiguation, n)


def install_translator(folder: str) -> bool:
    """Load ``crisis_binder_<locale>.qm`` from ``folder`` if there is one."""
    translator = QTranslator()
    if translator.load(QLocale(), "crisis_binder", "_", folder):
        QCoreApplication.installTranslator(translator)
        _translators.append(translator)
        return True
    return False
