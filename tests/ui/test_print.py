"""File > Print… / Save as PDF…: the core's documents, saved or sent to a printer."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PySide6.QtCore import Qt


def test_save_the_contact_sheet_as_pdf(opened, qtbot, tmp_path):
    from pypdf import PdfReader

    from ui.dialogs.seams import FileDialog

    opened.trigger("save_pdf")
    dialog = opened.document_dialog
    assert dialog.isVisible() and not dialog.which.isVisibleTo(dialog)
    dialog.choose("contacts")
    FileDialog.set_next_file_name(str(tmp_path / "contacts"))
    dialog.run()
    data = (tmp_path / "contacts.pdf").read_bytes()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Dana Reyes" in text
    assert not dialog.isVisible()
    # Proposed: who, what and when, not in whatever folder the app was started from.
    proposed = Path(FileDialog.suggested[-1])
    assert re.fullmatch(r"Fictional Corp - Contact sheet - \d{4}-\d\d-\d\d\.pdf", proposed.name)
    assert proposed.parent != Path.cwd()
    message = opened.statusBar().currentMessage()
    assert str(tmp_path / "contacts.pdf") in message and "not encrypted" in message
    # The next save starts where this one went.
    opened.trigger("save_pdf")
    FileDialog.set_next_file_name("")
    opened.document_dialog.run()
    assert Path(FileDialog.suggested[-1]).parent == tmp_path


def test_a_checklist_is_chosen_by_name(opened, qtbot, tmp_path):
    from ui.dialogs.seams import FileDialog

    opened.trigger("save_pdf")
    dialog = opened.document_dialog
    dialog.choose("checklist", "first_hour")
    assert dialog.which.isVisibleTo(dialog) and dialog.which.currentData() == "first_hour"
    FileDialog.set_next_file_name(str(tmp_path / "first.pdf"))
    dialog.run()
    assert (tmp_path / "first.pdf").read_bytes().startswith(b"%PDF")


def test_print_paints_every_page_on_the_printer(opened, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from binder.printing import print_document
    from ui.dialogs.pdf_output import paint_pdf, render_pages

    pdf = print_document(opened.ctx.session, "wallet-card")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    paint_pdf(printer, pdf)
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    assert len(render_pages(pdf, 200)) >= 1


def test_nothing_to_print_is_said_in_the_dialog(opened, qtbot):
    opened.trigger("print")
    dialog = opened.document_dialog
    dialog.choose("incident")
    dialog.run()
    assert dialog.isVisible() and "nothing of that kind" in dialog.error.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
