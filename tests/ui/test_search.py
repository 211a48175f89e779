"""Ctrl+K: results as you type, arrows choose, Enter opens the record."""

from __future__ import annotations

from PySide6.QtCore import Qt

from binder.models import Kind


def test_search_to_open_a_person(opened, qtbot):
    window = opened
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.search_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.box.hasFocus, timeout=2000)
    qtbot.keyClicks(dialog.box, "odu")
    titles = [hit.title for hit in dialog.model.rows()]
    assert titles and titles[0] == "Marcus Oduya"
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.workspace.current_key() == "people"
    page = window.workspace.current_page()
    assert page.editor.record.title == "Marcus Oduya"
    assert page.editor.fields["name"].value() == "Marcus Oduya"
    assert window.focusWidget() is page.table  # focus returns here when the dialog closes


def test_search_by_number_and_arrow_keys(opened, qtbot):
    window = opened
    window.trigger("search")
    dialog = window.search_dialog
    qtbot.keyClicks(dialog.box, "insurance")
    assert dialog.model.rowCount() >= 1
    qtbot.keyClicks(dialog.box, "\b" * len("insurance"))
    qtbot.keyClicks(dialog.box, "555 0121")
    hits = dialog.model.rows()
    assert hits[0].title == "Meridian Cyber Insurance"
    qtbot.keyClick(dialog.box, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.box, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.box, Qt.Key.Key_Enter)
    assert window.workspace.current_key() == "organizations"
    assert window.workspace.current_page().editor.record.kind == Kind.ORGANIZATION
    assert window.workspace.current_page().editor.record.title == "Meridian Cyber Insurance"


def test_search_with_no_match_says_so(opened, qtbot):
    opened.trigger("search")
    dialog = opened.search_dialog
    qtbot.keyClicks(dialog.box, "zzqxv")
    assert dialog.model.rowCount() == 0
    assert "Nothing matches" in dialog.message.text()
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)  # nothing to open: stays
    assert dialog.isVisible()
    qtbot.keyClick(dialog.box, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_search_opens_a_regulator(opened, qtbot):
    opened.trigger("search")
    dialog = opened.search_dialog
    qtbot.keyClicks(dialog.box, "ICO")
    assert dialog.model.rowCount() >= 1
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert opened.workspace.current_key() == "regulators"
    assert opened.workspace.current_page().editor.record is not None
