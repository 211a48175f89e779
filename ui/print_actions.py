"""File > Print… and File > Save as PDF…: pick a document, get its PDF from the core
(binder.printing, the same bytes the CLI prints), save it or send it to a printer.

binder.printing.prepare gathers the document's data on the GUI thread (the
connection never crosses threads); rendering, a second or two for the whole
binder, runs on a worker while the window keeps painting.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QVBoxLayout, QWidget)

from binder.errors import BinderError
from binder.models import Kind
from binder.session import user_error
from ui.controller import AppController
from ui.dialogs import pdf_output
from ui.i18n import tr
from ui.widgets import InlineMessage, named
from ui.workers import run_in_worker

DOCUMENT_WORDS = {"binder": "The whole binder", "checklist": "A checklist",
                  "contacts": "Contact sheet", "wallet-card": "Wallet card",
                  "emergency-kit": "Emergency Kit (recovery key)",
                  "review-sheet": "Review sheet", "incident": "Incident report",
                  "template": "A notice template", "regulators": "Regulators and deadlines"}
NEEDS_REF = {"checklist", "incident", "template"}


def make_pdf(ctx: AppController, doc: str, ref: str | None) -> bytes:
    from binder.printing import prepare
    if ctx.session is None or not ctx.unlocked:
        raise BinderError("The binder is locked. Unlock it first.")
    QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        render, data = prepare(ctx.session, doc, ref)
    finally:
        QGuiApplication.restoreOverrideCursor()
    return run_in_worker(lambda: render(data))


def output_document(parent: QWidget, ctx: AppController, doc: str, ref: str | None, *,
                    save: bool, suggested: str = "",
                    on_error: Callable[[BinderError], None] | None = None) -> bool:
    """Render ``doc`` and save it (file dialog) or print it (print dialog)."""
    try:
        pdf = make_pdf(ctx, doc, ref)
    except Exception as exc:
        error = user_error(exc)
        if error is None:
            raise
        (on_error or (lambda e: ctx.bus.status.emit(e.message)))(error)
        return False
    title = tr(DOCUMENT_WORDS.get(doc, doc))
    if save:
        path = pdf_output.save_pdf(parent, pdf, pdf_output.dated_name(ctx.organisation(), suggested or title),
                                   tr("Save {document} as PDF").format(document=title))
        if path is not None:
            ctx.bus.status.emit(pdf_output.saved_message(path))
        return path is not None
    return pdf_output.print_pdf(parent, pdf, tr("Print {document}").format(document=title))


class DocumentDialog(QDialog):
    """Which document (and which checklist, incident or template) to print or save."""

    def __init__(self, ctx: AppController, parent: QWidget | None = None, *,
                 save: bool) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.save = save
        title = tr("Save as PDF") if save else tr("Print")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.document = named(QComboBox(), tr("Document"))
        for key, words in DOCUMENT_WORDS.items():
            self.document.addItem(tr(words), key)
        self.which = named(QComboBox(), tr("Which one"))
        self.which_label = QLabel(tr("&Which one"))
        self.which_label.setBuddy(self.which)
        self.document.currentIndexChanged.connect(lambda _i: self._document_changed())
        form = QFormLayout()
        label = QLabel(tr("&Document"))
        label.setBuddy(self.document)
        form.addRow(label, self.document)
        form.addRow(self.which_label, self.which)
        self.error = InlineMessage(tr("Problem"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("Save…") if save else tr("Print…"))
        ok.setAccessibleName(tr("Save") if save else tr("Print"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(tr("Cancel"))
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self._document_changed()

    def choose(self, doc: str, ref: str | None = None) -> None:
        self.document.setCurrentIndex(self.document.findData(doc))
        if ref is not None:
            self.which.setCurrentIndex(max(0, self.which.findData(ref)))

    def _choices(self, doc: str) -> list[tuple[str, str]]:
        if doc == "incident":
            return [(i.id, i.title + (tr(" (exercise)") if i.exercise else ""))
                    for i in sorted(self.ctx.incidents().list(), key=lambda i: i.aware_at,
                                    reverse=True)]
        kind = Kind.CHECKLIST if doc == "checklist" else Kind.TEMPLATE
        out = [] if doc == "template" else [("", tr("All checklists"))]
        for record in self.ctx.records().list(kind):
            ref = getattr(record, "checklist_id", "") if doc == "checklist" else record.id
            out.append((ref, record.title))
        return out

    def _document_changed(self) -> None:
        doc = self.document.currentData()
        needs = doc in NEEDS_REF
        self.which.clear()
        if needs:
            for ref, label in self._choices(doc):
                self.which.addItem(label, ref)
        self.which.setVisible(needs)
        self.which_label.setVisible(needs)
        self.error.clear_message()

    def run(self) -> None:
        doc = self.document.currentData()
        ref = self.which.currentData() if doc in NEEDS_REF else None
        if doc in ("incident", "template") and not ref:
            self.error.show_message(tr("There is nothing of that kind to print yet."), "error")
            return
        suggested = self.which.currentText() if ref else self.document.currentText()
        if output_document(self, self.ctx, doc, ref or None, save=self.save, suggested=suggested,
                           on_error=lambda e: self.error.show_message(e.message, "error")):
            self.accept()
