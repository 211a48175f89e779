"""The Emergency Kit as PDF: preview, save, print (through ui.dialogs.pdf_output)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ui.dialogs import pdf_output
from ui.dialogs.pdf_output import render_pages
from ui.i18n import tr

__all__ = ["print_pdf", "render_pages", "save_pdf"]


def save_pdf(parent: QWidget | None, pdf: bytes, suggested: str) -> Path | None:
    return pdf_output.save_pdf(parent, pdf, suggested, tr("Save the Emergency Kit"))


def print_pdf(parent: QWidget | None, pdf: bytes) -> bool:
    return pdf_output.print_pdf(parent, pdf, tr("Print the Emergency Kit"))
