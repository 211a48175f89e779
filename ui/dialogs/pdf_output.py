"""PDF out of the app: preview, save, print (QtPdf renders the pages for the printer).

One path for every document: the Emergency Kit, File > Print…, incident reports."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QStandardPaths
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ui.dialogs.seams import FileDialog
from ui.i18n import tr


def _document(pdf: bytes) -> tuple[QPdfDocument, QBuffer]:
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    return document, buffer


def render_pages(pdf: bytes, width_px: int) -> list[QImage]:
    """Each page of ``pdf`` as an image ``width_px`` wide."""
    document, buffer = _document(pdf)
    images = []
    for n in range(document.pageCount()):
        size = document.pagePointSize(n)
        height = int(width_px * size.height() / max(1.0, size.width()))
        images.append(document.render(n, QSize(width_px, height)))
    document.close()
    buffer.close()
    return images


_last_folder: list[Path] = []  # where a PDF was last saved in this run (memory only)


def start_folder() -> Path:
    """Where the save dialog opens: the last folder used, else Documents, else home
    (never the folder the app happened to be started from)."""
    if _last_folder and _last_folder[-1].is_dir():
        return _last_folder[-1]
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def file_name(*parts: str) -> str:
    """A file name from words: "Fictional Corp - Contact sheet - 2026-11-27.pdf"."""
    words = " - ".join(p.strip() for p in parts if p and p.strip())
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", words) + ".pdf"


def dated_name(organisation: str, what: str) -> str:
    """"Fictional Corp - Contact sheet - 2026-11-27.pdf": who, what and when, so a
    folder of printouts sorts itself and an old one is recognised as old."""
    return file_name(organisation, what, date.today().isoformat())


def save_pdf(parent: QWidget | None, pdf: bytes, suggested: str, caption: str) -> Path | None:
    start = Path(suggested) if Path(suggested).is_absolute() else start_folder() / suggested
    name = FileDialog.save_file_name(parent, caption, str(start), tr("PDF files (*.pdf)"))
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    path.write_bytes(pdf)
    _last_folder.append(path.parent)
    return path


def saved_message(path: Path) -> str:
    return tr("Saved {path}. It is not encrypted: keep it like paper.").format(path=path)


def print_pdf(parent: QWidget | None, pdf: bytes, title: str) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    paint_pdf(printer, pdf)
    return True


def paint_pdf(printer: QPrinter, pdf: bytes) -> None:
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        page_rect = printer.pageRect(QPrinter.Unit.DevicePixel)
        images = render_pages(pdf, int(page_rect.width()))
        for n, image in enumerate(images):
            if n:
                printer.newPage()
            scaled = QRectF(0, 0, page_rect.width(), page_rect.width() * image.height() / image.width())
            painter.drawImage(scaled, image)
    finally:
        painter.end()
