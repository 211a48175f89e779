"""The template text editor: lint as you type, parse errors in place, save, approve, render."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from binder.models import Kind
from tests.ui.helpers import goto, record_named
from ui.views.template_editor import template_service

TEMPLATE = "Staff holding note"


@pytest.fixture
def text_editor(opened, qtbot):
    page = goto(opened, qtbot, "templates")
    record = next(r for r in opened.ctx.records().list(Kind.TEMPLATE)
                  if r.template_id == "staff_holding")
    assert page.open_record(record.id)
    editor = page.show_text()
    assert editor.record is not None and editor.record.id == record.id
    qtbot.waitUntil(lambda: not editor.timer.isActive(), timeout=2000)
    return page, editor


def _in_first_body(source: str, words: str) -> str:
    at = source.index("body = '''") + len("body = '''")
    if source[at] == "\n":
        at += 1
    return source[:at] + words + " " + source[at:]


def test_typing_a_cliche_shows_the_finding_after_the_debounce(text_editor, qtbot):
    _page, editor = text_editor
    assert not any(f.rule == "cliche-take-seriously" for f in editor.findings)
    editor.text.setPlainText(_in_first_body(editor.text.toPlainText(),
                                            "We take your privacy seriously."))
    assert editor.timer.isActive()  # not checked on every key press: after a pause
    qtbot.waitUntil(lambda: any(f.rule == "cliche-take-seriously" for f in editor.findings),
                    timeout=2000)
    texts = [editor.findings_list.item(i).text() for i in range(editor.findings_list.count())]
    text = next(t for t in texts if "cliche-take-seriously" in t)
    assert text.startswith("Warning · cliche-take-seriously")
    assert "Why:" in text and "Fix:" in text
    assert editor.dirty and editor.record.source != editor.text.toPlainText()


def test_typing_into_the_editor_is_debounced(text_editor, qtbot):
    _page, editor = text_editor
    editor.text.setFocus()
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.text, "# a comment")
    assert editor.timer.isActive()
    qtbot.waitUntil(lambda: not editor.timer.isActive(), timeout=2000)
    assert editor.parse_error == ""


def test_broken_toml_shows_its_line_inline(text_editor, qtbot):
    _page, editor = text_editor
    source = editor.text.toPlainText()
    lines = source.splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("title ="))
    lines[n] = 'title = "Unclosed'
    editor.text.setPlainText("\n".join(lines) + "\n")
    qtbot.waitUntil(lambda: editor.parse_error != "", timeout=2000)
    assert editor.problem.isVisibleTo(editor)
    assert f"Line {n + 1}" in editor.problem.text()
    assert "column" in editor.problem.text()
    assert editor.findings == [] and editor.template is None


def test_save_text_updates_the_record(text_editor, qtbot, opened):
    page, editor = text_editor
    edited = _in_first_body(editor.text.toPlainText(), "Thank you for your patience.")
    editor.text.setPlainText(edited)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = template_service(opened.ctx).get("staff_holding")
    assert saved.source == edited
    assert not editor.dirty and editor.message.text() == "Saved."
    assert opened.ctx.undo.next_label  # Ctrl+Z takes it back


def test_saving_an_approved_template_says_back_to_draft(text_editor, qtbot, opened):
    from ui.dialogs.seams import Ask

    page, editor = text_editor
    Ask.set_next_text("Dana Reyes")
    qtbot.mouseClick(editor.approve_button, Qt.MouseButton.LeftButton)
    assert template_service(opened.ctx).get("staff_holding").status == "approved", \
        editor.message.text()
    editor.text.setPlainText(_in_first_body(editor.text.toPlainText(), "Thanks."))
    opened.trigger("save_text")
    saved = template_service(opened.ctx).get("staff_holding")
    assert saved.status == "draft" and "back to draft" in editor.message.text()


def test_approving_with_a_lint_error_shows_it_and_stays_draft(text_editor, qtbot, opened):
    from ui.dialogs.seams import Ask

    _page, editor = text_editor
    editor.text.setPlainText(_in_first_body(editor.text.toPlainText(), "No comment."))
    qtbot.waitUntil(lambda: any(f.rule == "no-comment" for f in editor.findings), timeout=2000)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    Ask.set_next_text("Dana Reyes")
    qtbot.mouseClick(editor.approve_button, Qt.MouseButton.LeftButton)
    assert "Cannot approve" in editor.message.text() and "no-comment" in editor.message.text()
    assert editor.message.isVisibleTo(editor)
    assert template_service(opened.ctx).get("staff_holding").status == "draft"
    # Waiving the selected finding lets it through.
    row = next(i for i, f in enumerate(editor.findings) if f.rule == "no-comment")
    editor.findings_list.setCurrentRow(row)
    Ask.set_next_text("Counsel asked for a holding line")
    qtbot.mouseClick(editor.waive_button, Qt.MouseButton.LeftButton)
    assert not any(f.rule == "no-comment" for f in editor.findings)
    Ask.set_next_text("Dana Reyes")
    qtbot.mouseClick(editor.approve_button, Qt.MouseButton.LeftButton)
    assert template_service(opened.ctx).get("staff_holding").status == "approved"


def test_render_lists_a_missing_field_then_renders(text_editor, qtbot, opened, tmp_path):
    from ui.dialogs.seams import FileDialog

    page, editor = text_editor
    opened.trigger("render_template")
    dialog = editor.render_dialog
    assert dialog is not None and dialog.isVisible()
    template = editor.template
    for field in template.fields:
        edit = dialog.values[field.name]
        assert edit.toolTip() == field.description and edit.placeholderText() == field.example
        edit.setText(field.example or field.name)
    dialog.values["known"].clear()
    qtbot.mouseClick(dialog.render_button, Qt.MouseButton.LeftButton)
    assert "known" in dialog.missing and "known" in dialog.message.text()
    assert not dialog.copy_button.isEnabled()
    dialog.values["known"].setText("The file server is encrypted.")
    qtbot.mouseClick(dialog.render_button, Qt.MouseButton.LeftButton)
    assert "The file server is encrypted." in dialog.output.toPlainText()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    from PySide6.QtGui import QGuiApplication
    assert "The file server is encrypted." in QGuiApplication.clipboard().text()
    FileDialog.set_next_file_name(str(tmp_path / "note"))
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "note.pdf").read_bytes().startswith(b"%PDF")
    dialog.close()


def test_leaving_with_unsaved_text_asks(text_editor, qtbot, opened):
    from ui.dialogs.seams import Button, MessageBox

    page, editor = text_editor
    editor.text.setPlainText(editor.text.toPlainText() + "\n# note\n")
    MessageBox.set_next_answer(Button.Cancel)
    assert not page.confirm_leave()
    MessageBox.set_next_answer(Button.Discard)
    assert page.confirm_leave() and not editor.dirty
    assert record_named(opened, Kind.TEMPLATE, editor.record.title).source == \
        editor.text.toPlainText()


def test_template_editor_controls_are_named(text_editor, qtbot):
    from tests.ui.test_accessibility import unnamed_controls

    page, editor = text_editor
    assert unnamed_controls(page) == []
    page.render_template()
    dialog = editor.render_dialog
    assert unnamed_controls(dialog) == []
    dialog.close()
