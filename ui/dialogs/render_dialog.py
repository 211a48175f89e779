"""Render a template: one line per merge field, a variant, the filled-in text.

Render shows the text, or lists the fields still missing (in place, not in a
pop-up); Copy puts the text on the clipboard; Save as PDF goes through the
file-dialog seam with the same PDF the command line makes.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget)

from binder.errors import BinderError, MissingFieldsError
from binder.models import TemplateRecord
from binder.session import user_error
from binder.templating import RenderedDocument, Template
from ui.controller import AppController
from ui.dialogs import pdf_output
from ui.i18n import tr
from ui.widgets import InlineMessage, button, mono_font, named


class RenderDialog(QDialog):
    def __init__(self, ctx: AppController, record: TemplateRecord, template: Template,
                 variant: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record = record
        self.template = template
        self.document: RenderedDocument | None = None
        self.missing: list[str] = []
        title = tr("Render {title}").format(title=template.title or record.title)
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        form = QFormLayout()
        self.values: dict[str, QLineEdit] = {}
        for field in template.fields:
            edit = named(QLineEdit(), field.name, field.description)
            edit.setToolTip(field.description)
            edit.setPlaceholderText(field.example)
            label = QLabel(field.name)
            label.setToolTip(field.description)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.values[field.name] = edit
        fields = QWidget()
        fields.setLayout(form)
        scroll = named(QScrollArea(), tr("Merge fields"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(fields)

        self.variant = named(QComboBox(), tr("Variant"))
        if not template.variants:
            self.variant.addItem(tr("No variants"), None)
        for v in template.variants:
            suffix = tr(" (default)") if v.code == template.default_variant else ""
            self.variant.addItem(f"{v.code}{suffix} — {v.label}", v.code)
        wanted = variant or template.default_variant
        self.variant.setCurrentIndex(max(0, self.variant.findData(wanted)) if wanted else 0)
        self.variant.setEnabled(bool(template.variants))
        variant_label = QLabel(tr("&Variant"))
        variant_label.setBuddy(self.variant)
        vrow = QHBoxLayout()
        vrow.addWidget(variant_label)
        vrow.addWidget(self.variant, 1)

        self.message = InlineMessage(tr("Render result"))
        self.output = named(QPlainTextEdit(), tr("Rendered text"))
        self.output.setReadOnly(True)
        self.output.setFont(mono_font())
        self.output.setTabChangesFocus(True)
        self.render_button = button(tr("&Render"), tr("Render"))
        self.copy_button = button(tr("&Copy"), tr("Copy the rendered text"))
        self.pdf_button = button(tr("Save as &PDF…"), tr("Save as PDF"))
        self.close_button = button(tr("Close"))
        self.render_button.clicked.connect(self.render)
        self.copy_button.clicked.connect(self.copy)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        for b in (self.render_button, self.copy_button, self.pdf_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 2)
        layout.addLayout(vrow)
        layout.addWidget(self.message)
        layout.addWidget(self.output, 3)
        layout.addLayout(row)
        self.render_button.setDefault(True)
        self._update_buttons()
        self.resize(640, 640)

    def filled(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.values.items()
                if edit.text().strip()}

    def _update_buttons(self) -> None:
        self.copy_button.setEnabled(self.document is not None)
        self.pdf_button.setEnabled(self.document is not None)

    def _fail(self, error: BinderError) -> None:
        self.document = None
        self.output.clear()
        self.message.show_message(error.message, "error")
        self._update_buttons()

    def render(self) -> RenderedDocument | None:
        from ui.views.template_editor import template_service

        self.message.clear_message()
        self.missing = []
        try:
            doc = template_service(self.ctx).render(self.record, self.filled(),
                                                    variant=self.variant.currentData())
        except MissingFieldsError as error:
            self.missing = list(error.fields)
            self.document = None
            self.output.clear()
            text = tr("Fill in these fields first: {fields}.").format(
                fields=", ".join(error.fields)) if error.fields else error.message
            self.message.show_message(text, "error")
            self._update_buttons()
            if error.fields and error.fields[0] in self.values:
                self.values[error.fields[0]].setFocus()
            return None
        except Exception as exc:  # noqa: BLE001 (user errors shown here; bugs re-raised)
            shown = user_error(exc)
            if shown is None:
                raise
            self._fail(shown)
            return None
        self.document = doc
        self.output.setPlainText(doc.text)
        self.message.show_message(tr("Rendered: check it, then copy or save it."), "success")
        self._update_buttons()
        return doc

    def copy(self) -> None:
        if self.document is None:
            return
        self.ctx.clipboard.copy(self.document.text, secret=False)
        self.message.show_message(tr("Copied the text."), "success")

    def save_pdf(self) -> None:
        from binder.printing import template_pdf

        doc = self.document
        if doc is None or self.ctx.session is None:
            return
        try:
            pdf = template_pdf(self.ctx.session, self.record, doc)
        except Exception as exc:  # noqa: BLE001
            shown = user_error(exc)
            if shown is None:
                raise
            self._fail(shown)
            return
        path = pdf_output.save_pdf(self, pdf, pdf_output.dated_name(self.ctx.organisation(), doc.title),
                                   tr("Save {document} as PDF").format(document=doc.title))
        if path is not None:
            self.message.show_message(pdf_output.saved_message(path), "success")
            self.ctx.bus.status.emit(pdf_output.saved_message(path))
