"""The Checklists page shows a checklist as it reads; its TOML only on the Text tab.
The Templates page likewise keeps the template source off its Fields tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from binder.models import Kind
from tests.ui.helpers import goto
from tests.ui.test_accessibility import unnamed_controls

CTRL = Qt.KeyboardModifier.ControlModifier
RAW = ('id = "', "[[pause_points", "owner = \"", "first_24_hours", "incident_commander")


def _open(window, qtbot, checklist_id: str):
    page = goto(window, qtbot, "checklists")
    row = page.model.find(lambda r: r.record.checklist_id == checklist_id)
    assert row >= 0, checklist_id
    assert page.open_record(page.model.rows()[row].record.id)
    return page


def _shown_text(root: QWidget) -> str:
    """Everything a user can read on screen under ``root`` (hidden tabs left out)."""
    out = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if isinstance(w, QLineEdit):
            out.append(w.text())
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            out.append(w.toPlainText())
        elif isinstance(w, QLabel):
            out.append(w.text())
    return "\n".join(out)


def _numbered_items(view) -> list[tuple[int, str]]:
    """(number, text) of each numbered line in the view's document."""
    out = []
    block = view.document().begin()
    while block.isValid():
        if block.textList() is not None:
            out.append((block.textList().itemNumber(block) + 1, block.text()))
        block = block.next()
    return out


def _set_source(editor, qtbot, text: str) -> None:
    edit = editor.fields["source"].edit
    editor.show_text()
    edit.setFocus()
    edit.selectAll()
    edit.insertPlainText(text)  # typed, as far as the editor is concerned
    qtbot.waitUntil(lambda: not editor._live.isActive(), timeout=3000)


def test_the_first_thing_shown_is_the_checklist_in_words(opened, qtbot):
    page = _open(opened, qtbot, "first_24_hours")
    editor = page.editor
    assert editor.tabs.currentWidget() is editor.view
    assert editor.view.isVisible() and not editor.fields["source"].isVisible()
    shown = _shown_text(page.editor)
    for raw in RAW:
        assert raw not in shown, raw
    text = editor.view.toPlainText()
    assert "First 24 hours" in text
    assert "Phase: First 24 hours" in text and "Owner: Incident commander" in text
    assert "DO-CONFIRM: Do the work from memory" in text  # the printed list's words
    assert "Pause point 1 of" in text
    assert "Who: Legal" in text or "Who: Privacy / DPO" in text
    assert unnamed_controls(page) == []


def test_steps_are_numbered_within_each_pause_point_with_their_notes(opened, qtbot):
    page = _open(opened, qtbot, "first_hour")
    view = page.editor.view
    from binder.content.checklists import get_checklist

    checklist = get_checklist("first_hour")
    items = _numbered_items(view)
    expected = [(n, item.text) for point in checklist.pause_points
                for n, item in enumerate(point.items, start=1)]
    assert [(n, text.split("\u2028")[0]) for n, text in items] == expected
    text = view.toPlainText()
    for point in checklist.pause_points:
        assert point.name in text
    assert "Write both names at the top of the log." in text  # an item's note
    assert "Sources." in text


def test_the_phase_column_is_in_words_and_in_response_order(opened, qtbot):
    page = goto(opened, qtbot, "checklists")
    phase = [c.header for c in page.model.columns()].index("Phase")
    values = [page.proxy.index(r, phase).data() for r in range(page.proxy.rowCount())]
    assert "First 24 hours" in values and "Post-incident review" in values
    assert not any("_" in v for v in values)
    ransomware = page.model.find(lambda r: r.record.checklist_id == "ransomware")
    cell = page.model.index(ransomware, phase)
    assert cell.data() == "Scenario"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "Scenario: Ransomware"
    page.table.sortByColumn(phase, Qt.SortOrder.AscendingOrder)
    ordered = [page.proxy.index(r, phase).data() for r in range(6)]
    assert ordered == ["First hour", "First 24 hours", "First 72 hours", "Recovery",
                       "Post-incident review", "Scenario"]


def test_editing_the_text_previews_then_saves_and_the_list_follows(opened, qtbot):
    page = _open(opened, qtbot, "first_hour")
    editor = page.editor
    source = editor.record.source
    edited = source.replace('title = "First hour"', 'title = "First hour (ours)"') \
        .replace('owner = "incident_commander"\nmode', 'owner = "deputy_ic"\nmode', 1)
    _set_source(editor, qtbot, edited)
    editor.tabs.setCurrentIndex(0)
    assert "First hour (ours)" in editor.view.toPlainText()
    assert "Not saved yet" in editor.view.toPlainText()
    qtbot.keyClick(editor.view, Qt.Key.Key_S, CTRL)
    assert not editor.dirty
    stored = next(r for r in opened.ctx.records().list(Kind.CHECKLIST)
                  if r.checklist_id == "first_hour")
    assert stored.name == "First hour (ours)" and stored.owner_role == "deputy_ic"
    assert stored.source == edited
    row = page.model.find(lambda r: r.record.checklist_id == "first_hour")
    assert page.model.index(row, 0).data() == "First hour (ours)"
    assert page.model.index(row, 2).data() == "Deputy incident commander"
    assert "Not saved yet" not in editor.view.toPlainText()


def test_text_that_cannot_be_read_is_not_saved(opened, qtbot):
    page = _open(opened, qtbot, "first_hour")
    editor = page.editor
    before = editor.record
    _set_source(editor, qtbot, before.source.replace('title = "First hour"', "title = "))
    assert editor.errors["source"].isVisible()
    assert "Line 3" in editor.errors["source"].text()
    assert not page.save()
    assert "1 problem" in editor.summary.text()
    stored = opened.ctx.records().get(before.id)
    assert stored.source == before.source and stored.version == before.version
    editor.tabs.setCurrentIndex(0)
    text = editor.view.toPlainText()
    assert "last version that could be read" in text and "First hour" in text

    _set_source(editor, qtbot, before.source.replace('owner = "scribe"', 'owner = "janitor"', 1))
    assert "unknown owner 'janitor'" in editor.errors["source"].text()
    assert not page.save()


def test_the_checklist_id_cannot_change_under_the_incident_logs(opened, qtbot):
    page = _open(opened, qtbot, "first_hour")
    editor = page.editor
    _set_source(editor, qtbot, editor.record.source.replace('id = "first_hour"', 'id = "hour_one"'))
    assert not page.save()
    assert 'must stay "first_hour"' in editor.errors["source"].text()


def test_a_new_checklist_starts_from_valid_text_and_ids_stay_unique(opened, qtbot):
    page = goto(opened, qtbot, "checklists")
    page.new_record()
    editor = page.editor
    assert editor.is_new and editor.tabs.currentIndex() == 1
    assert editor.fields["source"].edit.hasFocus()
    assert unnamed_controls(page) == []
    assert page.save()
    added = next(r for r in opened.ctx.records().list(Kind.CHECKLIST)
                 if r.checklist_id == "new_checklist")
    assert added.name == "New checklist" and added.phase == "first_hour"
    assert editor.tabs.currentIndex() == 0 and "The first thing to do" in editor.view.toPlainText()

    page.new_record()
    assert not page.save()
    assert "already has the id" in page.editor.errors["source"].text()
    page.revert()


def test_the_template_fields_tab_does_not_show_the_source(opened, qtbot):
    page = goto(opened, qtbot, "templates")
    record = next(r for r in opened.ctx.records().list(Kind.TEMPLATE)
                  if r.template_id == "staff_holding")
    assert page.open_record(record.id)
    assert page.tabs.currentWidget() is page.editor
    assert "source" not in page.editor.fields
    shown = _shown_text(page.editor)
    assert 'id = "staff_holding"' not in shown and "[[sections]]" not in shown
    assert page.show_text().text.toPlainText() == record.source
