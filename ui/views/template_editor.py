"""The template text editor: the TOML source, checked as you type.

A single-shot timer re-parses and lints the edited text a moment after the
last key press: a parse error is shown in place with its line and column,
findings with their rule, severity, why and fix (``ui.views.findings``).
Save text, Approve…, Waive… and Render… act on the selected template.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QSplitter,
                               QVBoxLayout, QWidget)

from binder.errors import BinderError, ImportFormatError, LockedError, ValidationErrors
from binder.lint import Finding
from binder.models import TemplateRecord
from binder.services.templates import TemplateService, parse_source
from binder.templating import Template, render
from ui.controller import AppController
from ui.dialogs.seams import Ask
from ui.i18n import tr
from ui.views.findings import FindingsList
from ui.widgets import InlineMessage, button, mono_font, named

LINT_DELAY_MS = 300


def template_service(ctx: AppController) -> TemplateService:
    if not ctx.unlocked or ctx.session is None:
        raise LockedError("The binder is locked. Unlock it first.")
    return TemplateService(ctx.session.db, ctx.session.actor)


def linted_text(template: Template, variant: str | None) -> str:
    """The text the lint saw: the template filled with its examples (as the service does)."""
    filled = {f.name: f.example or f.name.replace("_", " ") for f in template.fields}
    try:
        return render(template, filled, variant=variant, strict=False).text
    except BinderError:
        return ""


def parse_problem(error: BinderError) -> str:
    """A parse error in words, with its line and column when known."""
    if isinstance(error, ImportFormatError) and error.line is not None:
        where = tr("Line {line}, column {column}").format(line=error.line, column=error.column) \
            if error.column is not None else tr("Line {line}").format(line=error.line)
        return f"{where}: {error.reason}"
    if isinstance(error, ValidationErrors):
        return "\n".join(e.message for e in error.errors)
    return error.message


class TemplateTextEditor(QWidget):
    """Edit one template's source; ``saved`` carries (before, after) records."""

    saved = Signal(object, object)

    def __init__(self, ctx: AppController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record: TemplateRecord | None = None
        self.template: Template | None = None  # the edited text, parsed (None if it does not)
        self.findings: list[Finding] = []
        self.waived: list[Finding] = []
        self.parse_error = ""
        self._variant_key: tuple[object, ...] = ()
        self._linted = ""
        self.can_save: Callable[[], str] = lambda: ""  # the page: a reason not to save, or ""
        self.render_dialog: QWidget | None = None
        self._loading = False
        self._build()
        self.clear()

    def _build(self) -> None:
        self.status = named(QLabel(), tr("Template status"))
        self.variant = named(QComboBox(), tr("Variant to check"),
                             tr("The findings are for the document this variant produces."))
        variant_label = QLabel(tr("&Variant"))
        variant_label.setBuddy(self.variant)
        self.variant.currentIndexChanged.connect(lambda _i: self._variant_changed())
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(variant_label)
        top.addWidget(self.variant)

        self.text = named(QPlainTextEdit(), tr("Template text"),
                          tr("The template's TOML source; it is checked as you type."))
        self.text.setFont(mono_font())
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(self._text_changed)
        self.problem = InlineMessage(tr("Template text problem"))
        self.findings_list = FindingsList(tr("Template check"))
        self.findings_list.span_requested.connect(self._select_span)
        self.message = InlineMessage(tr("Template result"))

        self.save_button = button(tr("Save text"), tr("Save template text"), tr("Ctrl+Shift+S"))
        self.approve_button = button(tr("Approve…"), tr("Approve template"), tr("Ctrl+Shift+A"))
        self.waive_button = button(tr("Waive…"), tr("Waive the selected finding"),
                                   tr("Ctrl+Shift+W"))
        self.render_button = button(tr("Render…"), tr("Render template"), tr("Ctrl+Shift+R"))
        self.save_button.clicked.connect(self.save_text)
        self.approve_button.clicked.connect(self.approve)
        self.waive_button.clicked.connect(self.waive)
        self.render_button.clicked.connect(self.render)
        buttons = QHBoxLayout()
        for b in (self.save_button, self.approve_button, self.waive_button, self.render_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(LINT_DELAY_MS)
        self.timer.timeout.connect(self.check)

        top_half = QWidget()
        tbox = QVBoxLayout(top_half)
        tbox.setContentsMargins(0, 0, 0, 0)
        tbox.addWidget(self.text, 1)
        tbox.addWidget(self.problem)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top_half)
        split.addWidget(self.findings_list)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.variant, self.text)
        QWidget.setTabOrder(self.text, self.findings_list)
        QWidget.setTabOrder(self.findings_list, self.save_button)
        QWidget.setTabOrder(self.save_button, self.approve_button)
        QWidget.setTabOrder(self.approve_button, self.waive_button)
        QWidget.setTabOrder(self.waive_button, self.render_button)

    # --- state ------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.record is not None and self.text.toPlainText() != self.record.source

    def load(self, record: TemplateRecord | None) -> None:
        """Show ``record``; edits to the same template's text are kept (e.g. after a waiver)."""
        same = record is not None and self.record is not None and record.id == self.record.id
        keep = same and self.dirty
        self.record = record
        self._update_status()
        if record is None:
            self.clear()
            return
        if not keep:
            self._loading = True
            self.text.setPlainText(record.source)
            self._loading = False
            if not same:
                self.message.clear_message()
        self.setEnabled(True)
        self.timer.start()

    def revert(self) -> None:
        """Drop the edits to the text: back to the saved source."""
        if self.record is not None:
            self._loading = True
            self.text.setPlainText(self.record.source)
            self._loading = False
            self.timer.start()

    def clear(self) -> None:
        self.timer.stop()
        self.record = None
        self.template = None
        self._loading = True
        self.text.setPlainText("")
        self._loading = False
        self.variant.clear()
        self._variant_key = ()
        self.findings = []
        self.waived = []
        self.findings_list.clear()
        self.problem.clear_message()
        self.message.clear_message()
        self._update_status()
        self.setEnabled(False)

    def _update_status(self) -> None:
        r = self.record
        if r is None:
            self.status.setText(tr("No template selected."))
        elif r.status == "approved":
            self.status.setText(tr("Approved by {by} (revision {n}).").format(
                by=r.approved_by or "?", n=r.revision))
        else:
            self.status.setText(tr("{status}, revision {n}: not approved yet.").format(
                status=tr(r.status.capitalize()), n=r.revision))
        self.status.setAccessibleDescription(self.status.text())

    def _text_changed(self) -> None:
        if not self._loading:
            self.timer.start()

    def _variant_changed(self) -> None:
        if not self._loading and self.record is not None:
            self.timer.start()

    def edited_record(self) -> TemplateRecord | None:
        if self.record is None:
            return None
        return dataclasses.replace(self.record, source=self.text.toPlainText())

    def current_variant(self) -> str | None:
        return self.variant.currentData()

    def _fill_variants(self, template: Template) -> None:
        wanted = self.variant.currentData() if self.variant.count() else None
        codes = template.variant_codes
        self._loading = True
        self.variant.clear()
        if not codes:
            self.variant.addItem(tr("No variants"), None)
        labels = {v.code: v.label for v in template.variants}
        for code in codes:
            suffix = tr(" (default)") if code == template.default_variant else ""
            self.variant.addItem(f"{code}{suffix} — {labels[code]}", code)
        keep = self.variant.findData(wanted) if wanted in codes else \
            self.variant.findData(template.default_variant) if template.default_variant else 0
        self.variant.setCurrentIndex(max(0, keep))
        self.variant.setEnabled(bool(codes))
        self._variant_key = (codes, template.default_variant)
        self._loading = False

    def check(self) -> list[Finding]:
        """Parse and lint the text as typed; returns the open findings."""
        self.timer.stop()
        copy = self.edited_record()
        if copy is None:
            return []
        try:
            template = parse_source(copy.source, copy.template_id)
        except BinderError as error:
            self.template = None
            self.parse_error = parse_problem(error)
            self.problem.show_message(self.parse_error, "error")
            self.findings, self.waived = [], []
            self.findings_list.clear()
            return []
        self.template = template
        self.parse_error = ""
        self.problem.clear_message()
        if (template.variant_codes, template.default_variant) != self._variant_key:
            self._fill_variants(template)
        self._linted = linted_text(template, self.current_variant())
        try:
            open_, waived = template_service(self.ctx).lint(copy, variant=self.current_variant())
        except BinderError as error:
            self.problem.show_message(parse_problem(error), "error")
            self.findings, self.waived = [], []
            self.findings_list.clear()
            return []
        self.findings = open_
        self.waived = [f for f, _w in waived]
        reasons = {w.rule: w.reason for _f, w in waived}
        self.findings_list.show_findings(open_ + self.waived, reasons)
        return open_

    def _select_span(self, start: int, end: int) -> None:
        """The findings are for the filled-in text, so find the same words in the source."""
        words = self._linted[start:end]
        source = self.text.toPlainText()
        at = source.find(words) if words else -1
        if at < 0:
            return
        cursor = self.text.textCursor()
        cursor.setPosition(at)
        cursor.setPosition(at + len(words), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.setFocus()

    def selected_finding(self) -> Finding | None:
        item = self.findings_list.currentItem()
        n = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        all_findings = self.findings + self.waived
        return all_findings[n] if n is not None and n < len(all_findings) else None

    # --- actions ----------------------------------------------------------------

    def _error(self, error: BinderError) -> None:
        if isinstance(error, (ImportFormatError, ValidationErrors)):
            self.message.show_message(parse_problem(error), "error")
        else:
            self.message.show_message(error.message, "error")

    def save_text(self) -> bool:
        record = self.record
        if record is None:
            return False
        if not self.dirty:
            self.message.show_message(tr("No changes to the text to save."), "info")
            return True
        reason = self.can_save()
        if reason:
            self.message.show_message(reason, "warning")
            return False
        source = self.text.toPlainText()
        service = template_service(self.ctx)
        self.message.clear_message()
        ok, result = self.ctx.run(lambda: service.save_source(record.id, source), self._error)
        if not ok or result is None:
            return False
        saved, _changes = result
        self.saved.emit(record, saved)
        self.load(saved)
        if record.status == "approved" and saved.status != "approved":
            self.message.show_message(tr("Saved. The text changed, so the template is back to "
                                         "draft: approve it again before use."), "warning")
        else:
            self.message.show_message(tr("Saved."), "success")
        return True

    def _needs_saved(self) -> bool:
        if self.record is None:
            return False
        if self.dirty:
            self.message.show_message(tr("Save the text first: this acts on the saved template."),
                                      "warning")
            return False
        return True

    def approve(self) -> None:
        record = self.record
        if not self._needs_saved() or record is None:
            return
        by = Ask.text(self, tr("Approve template"),
                      tr("Who approves {title}? (your name)").format(title=record.title))
        if by is None:
            return
        service = template_service(self.ctx)
        self.message.clear_message()
        ok, result = self.ctx.run(lambda: service.approve(record.id, by), self._error)
        if ok and result is not None:
            saved, _changes = result
            self.saved.emit(record, saved)
            self.load(saved)
            self.message.show_message(tr("Approved by {by}.").format(by=saved.approved_by),
                                      "success")

    def waive(self) -> None:
        record = self.record
        if record is None:
            return
        finding = self.selected_finding()
        if finding is None:
            self.message.show_message(tr("Select a finding to waive first."), "warning")
            return
        reason = Ask.text(self, tr("Waive {rule}").format(rule=finding.rule),
                          tr("Why is {rule} acceptable in this template?").format(
                              rule=finding.rule))
        if reason is None:
            return
        if not reason.strip():
            self.message.show_message(tr("A waiver needs a reason."), "warning")
            return
        service = template_service(self.ctx)
        ok, result = self.ctx.run(lambda: service.waive(record.id, finding.rule, reason.strip()),
                                  self._error)
        if ok and result is not None:
            saved, _changes = result
            self.saved.emit(record, saved)
            self.load(saved)
            self.check()
            self.message.show_message(tr("Waived {rule}.").format(rule=finding.rule), "success")

    def render(self) -> None:
        from ui.dialogs.render_dialog import RenderDialog

        copy = self.edited_record()
        if copy is None:
            return
        self.check()
        if self.template is None:
            self.message.show_message(tr("Fix the text first: {problem}").format(
                problem=self.parse_error), "error")
            return
        dialog = RenderDialog(self.ctx, copy, self.template, self.current_variant(), self)
        self.render_dialog = dialog
        dialog.open()
