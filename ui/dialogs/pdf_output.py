"""PDF out of the app: preview, save, print (QtPdf renders the pages for the printer).

One path for every document: the Emergency Kit, File > Print…, incident reports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
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


def save_pdf(parent: QWidget | None, pdf: bytes, suggested: str, caption: str) -> Path | None:
    name = FileDialog.save_file_name(parent, caption, suggested, tr("PDF files (*.pdf)"))
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    path.write_bytes(pdf)
    return path


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
