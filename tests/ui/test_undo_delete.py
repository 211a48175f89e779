"""Undo of the last edit, of an add, and of a delete (which asks once)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from binder.models import Kind
from tests.ui.helpers import goto, record_named, select
from ui.dialogs.seams import Button, MessageBox

CTRL = Qt.KeyboardModifier.ControlModifier


def test_undo_an_edit(opened, qtbot):
    page = goto(opened, qtbot, "people")
    select(page, "Henrik Lund")
    title = page.editor.fields["job_title"].edit
    title.selectAll()
    qtbot.keyClicks(title, "Interim CFO")
    qtbot.keyClick(title, Qt.Key.Key_S, CTRL)
    assert record_named(opened, Kind.CONTACT, "Henrik Lund").job_title == "Interim CFO"
    assert "Henrik Lund" in opened.actions_["undo"].text()

    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    assert record_named(opened, Kind.CONTACT, "Henrik Lund").job_title == "Chief Financial Officer"
    assert page.editor.fields["job_title"].value() == "Chief Financial Officer"
    assert not opened.actions_["undo"].isEnabled()


def test_undo_an_add(opened, qtbot):
    page = goto(opened, qtbot, "organizations")
    opened.trigger("new_record")
    qtbot.keyClicks(page.editor.fields["name"].edit, "Bright Harbour Forensics")
    opened.trigger("save")
    added = record_named(opened, Kind.ORGANIZATION, "Bright Harbour Forensics")
    assert added.deleted_at is None
    opened.trigger("undo")
    assert record_named(opened, Kind.ORGANIZATION, "Bright Harbour Forensics").deleted_at
    assert page.model.find(lambda r: r.record.id == added.id) == -1


def test_delete_asks_once_then_undo_restores_it_and_its_references(opened, qtbot):
    page = goto(opened, qtbot, "people")
    select(page, "Marcus Oduya")
    dana = record_named(opened, Kind.CONTACT, "Dana Reyes")
    assert [d.person_id for d in dana.deputies] == [record_named(opened, Kind.CONTACT, "Marcus Oduya").id]
    MessageBox.set_next_answer(Button.Yes)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(MessageBox.asked) == 1
    assert "Delete Marcus Oduya?" in MessageBox.asked[0]
    assert "Dana Reyes" in MessageBox.asked[0]  # says what else changes, in the same question
    assert record_named(opened, Kind.CONTACT, "Marcus Oduya").deleted_at
    assert record_named(opened, Kind.CONTACT, "Dana Reyes").deputies == ()
    assert page.model.find(lambda r: r.record.title == "Marcus Oduya") == -1

    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    marcus = record_named(opened, Kind.CONTACT, "Marcus Oduya")
    assert marcus.deleted_at is None
    assert [d.person_id for d in record_named(opened, Kind.CONTACT, "Dana Reyes").deputies] == [marcus.id]
    assert page.model.find(lambda r: r.record.title == "Marcus Oduya") >= 0
    assert len(MessageBox.asked) == 1  # undo asked nothing


def test_declining_the_delete_keeps_the_record(opened, qtbot):
    page = goto(opened, qtbot, "organizations")
    select(page, "Lanternfish PR")
    MessageBox.set_next_answer(Button.No)
    page.delete_button.click()
    assert len(MessageBox.asked) == 1
    assert record_named(opened, Kind.ORGANIZATION, "Lanternfish PR").deleted_at is None
    assert len(opened.ctx.undo) == 0


def test_verify_and_undo_it(opened, qtbot):
    page = goto(opened, qtbot, "people")
    select(page, "Henrik Lund")  # verified 200 days ago: due for review
    before = record_named(opened, Kind.CONTACT, "Henrik Lund").verified_at
    due = opened.review_button.text()
    qtbot.keyClick(page.table, Qt.Key.Key_V, CTRL | Qt.KeyboardModifier.ShiftModifier)
    after = record_named(opened, Kind.CONTACT, "Henrik Lund").verified_at
    assert after != before
    assert opened.review_button.text() != due
    opened.trigger("undo")
    assert record_named(opened, Kind.CONTACT, "Henrik Lund").verified_at == before
    assert opened.review_button.text() == due
