"""Editing: invalid input shown beside the field, nothing saved; then a fix saves."""

from __future__ import annotations

from PySide6.QtCore import Qt

from binder.models import Kind
from tests.ui.helpers import goto, record_named, select

CTRL = Qt.KeyboardModifier.ControlModifier


def test_invalid_phone_and_empty_name_are_shown_beside_the_fields(opened, qtbot):
    page = goto(opened, qtbot, "people")
    select(page, "Dana Reyes")
    editor = page.editor
    phones = editor.fields["phones"]
    second = phones.rows[1][2]
    second.selectAll()
    qtbot.keyClicks(second, "12")
    name = editor.fields["name"].edit
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Delete)
    assert editor.dirty and editor.save_button.isEnabled()
    qtbot.keyClick(name, Qt.Key.Key_S, CTRL)

    assert editor.errors["name"].isVisible()
    assert "name is required" in editor.errors["name"].text().lower()
    assert editor.errors["phones"].isVisible()
    assert "wrong number of digits" in editor.errors["phones"].text()
    assert second.property("invalid") is True
    assert phones.rows[0][2].property("invalid") is False
    assert "2 problems" in editor.summary.text()
    assert name.hasFocus() or opened.focusWidget() is name  # the first problem gets the focus
    stored = record_named(opened, Kind.CONTACT, "Dana Reyes")
    assert [p.number for p in stored.phones] == ["+1 212 555 0101", "+1 212 555 0151"]
    assert editor.dirty  # the edit is still there to fix

    qtbot.keyClicks(name, "Dana Reyes-Park")
    second.selectAll()
    qtbot.keyClicks(second, "+1 917 555 0199")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.dirty
    assert not editor.errors["name"].isVisible() and not editor.errors["phones"].isVisible()
    stored = record_named(opened, Kind.CONTACT, "Dana Reyes-Park")
    assert stored.phones[1].number == "+1 917 555 0199"
    assert stored.phones[1].e164 == "+19175550199"
    assert page.model.find(lambda r: r.record.title == "Dana Reyes-Park") >= 0


def test_live_check_flags_a_bad_email_before_save(opened, qtbot):
    page = goto(opened, qtbot, "people")
    select(page, "Priya Raman")
    email = page.editor.fields["emails"].rows[0][2]
    email.selectAll()
    qtbot.keyClicks(email, "priya at example")
    qtbot.waitUntil(page.editor.errors["emails"].isVisible, timeout=2000)
    assert "not an email address" in page.editor.errors["emails"].text()
    assert not page.editor.errors["name"].isVisible()  # untouched fields stay quiet


def test_add_a_person_with_a_phone_and_a_role(opened, qtbot):
    page = goto(opened, qtbot, "people")
    opened.trigger("new_record")
    editor = page.editor
    assert editor.is_new and editor.fields["name"].edit.hasFocus() or \
        opened.focusWidget() is editor.fields["name"].edit
    qtbot.keyClicks(editor.fields["name"].edit, "Robin Vale")
    phones = editor.fields["phones"]
    qtbot.mouseClick(phones.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(phones.rows[0][2], "+44 20 7946 0000")
    roles = editor.fields["roles"].list
    for i in range(roles.count()):
        if roles.item(i).data(Qt.ItemDataRole.UserRole) == "scribe":
            roles.item(i).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClick(editor.fields["name"].edit, Qt.Key.Key_S, CTRL)
    stored = record_named(opened, Kind.CONTACT, "Robin Vale")
    assert stored.roles == ("scribe",)
    assert stored.phones[0].e164 == "+442079460000"
    assert not editor.is_new and editor.record.id == stored.id


def test_unsaved_changes_ask_before_leaving(opened, qtbot):
    from ui.dialogs.seams import Button, MessageBox

    page = goto(opened, qtbot, "people")
    select(page, "Leila Haddad")
    qtbot.keyClicks(page.editor.fields["job_title"].edit, " (acting)")
    MessageBox.set_next_answer(Button.Cancel)
    assert not opened.workspace.goto("who")
    assert opened.workspace.current_key() == "people" and page.editor.dirty
    MessageBox.set_next_answer(Button.Save)
    assert opened.workspace.goto("who")
    assert record_named(opened, Kind.CONTACT, "Leila Haddad").job_title == "HR Director (acting)"


def test_organisation_hotline_is_validated(opened, qtbot):
    page = goto(opened, qtbot, "organizations")
    select(page, "Lanternfish PR")
    hotline = page.editor.fields["hotline"].edit
    hotline.selectAll()
    qtbot.keyClicks(hotline, "call us")
    opened.trigger("save")
    assert "not a phone number" in page.editor.errors["hotline"].text()
    assert record_named(opened, Kind.ORGANIZATION, "Lanternfish PR").hotline == "+1 646 555 0124"
