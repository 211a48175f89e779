"""The Templates page: the generic list and fields, plus a Text tab with the
template's source checked as you type (``ui.views.template_editor``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from binder.models import Kind, Record, TemplateRecord
from ui.controller import AppController
from ui.dialogs.seams import Button, MessageBox
from ui.i18n import tr
from ui.views.editor import RecordEditor
from ui.views.record_page import RecordPage
from ui.views.template_editor import TemplateTextEditor
from ui.widgets import named


class TemplateFieldsEditor(RecordEditor):
    """The generic editor, telling the page which template it shows."""

    shown = Signal(object)  # the record, or None

    def load(self, record: Record, *, is_new: bool = False) -> None:
        super().load(record, is_new=is_new)
        self.shown.emit(None if is_new else record)

    def clear(self) -> None:
        super().clear()
        self.shown.emit(None)


class TemplatePage(RecordPage):
    def __init__(self, ctx: AppController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, Kind.TEMPLATE, parent)
        self.tabs: QTabWidget | None = None
        self.text_editor = TemplateTextEditor(ctx)
        self.text_editor.can_save = self._can_save_text
        self.text_editor.saved.connect(self._text_saved)

    def make_editor(self) -> RecordEditor:
        editor = TemplateFieldsEditor(self.kind)
        editor.shown.connect(self._shown)
        return editor

    @property
    def editor(self) -> RecordEditor:
        if self.tabs is None:
            editor = RecordPage.editor.fget(self)  # type: ignore[attr-defined]
            self._rbox.removeWidget(editor)
            self.tabs = named(QTabWidget(), tr("Template views"))
            self.tabs.addTab(editor, tr("&Fields"))
            self.tabs.addTab(self.text_editor, tr("Te&xt"))
            self._rbox.addWidget(self.tabs, 1)
            self.tabs.show()
            QWidget.setTabOrder(self.delete_button, self.tabs)
            QWidget.setTabOrder(self.tabs, editor.focus_chain()[0])
            if editor.record is not None and not editor.is_new:
                self._shown(editor.record)
        assert self._editor is not None
        return self._editor

    def _shown(self, record: Record | None) -> None:
        self.text_editor.load(record if isinstance(record, TemplateRecord) else None)

    def _can_save_text(self) -> str:
        if self._editor is not None and self._editor.dirty:
            return tr("Save or discard the changes on the Fields tab first.")
        return ""

    def _text_saved(self, before: Record, after: Record) -> None:
        self.ctx.push_undo(tr("Edit {title}").format(title=after.title), (before, after))
        self.ctx.bus.status.emit(tr("Saved {title}. Ctrl+Z undoes.").format(title=after.title))

    def clear(self) -> None:
        super().clear()
        self.text_editor.clear()

    def confirm_leave(self) -> bool:
        if self.text_editor.dirty:
            answer = MessageBox.save_discard_cancel(
                self, tr("Unsaved changes"),
                tr("Save your changes to the text of {title}?").format(
                    title=self.text_editor.record.title if self.text_editor.record else ""))
            if answer == Button.Save:
                if not self.text_editor.save_text():
                    return False
            elif answer == Button.Discard:
                self.text_editor.revert()
            else:
                return False
        return super().confirm_leave()

    # --- actions (Record menu) ----------------------------------------------------

    def show_text(self) -> TemplateTextEditor:
        _ = self.editor
        assert self.tabs is not None
        self.tabs.setCurrentWidget(self.text_editor)
        return self.text_editor

    def save_text(self) -> None:
        self.show_text().save_text()

    def approve_template(self) -> None:
        self.show_text().approve()

    def waive_finding(self) -> None:
        self.show_text().waive()

    def render_template(self) -> None:
        self.show_text().render()
