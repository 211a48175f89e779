"""The review queue (keyboard-driven) and Import updated list (the diff, applied selectively)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from binder.models import Kind
from tests.ui.helpers import record_named


def _review(opened):
    opened.workspace.goto("review")
    page = opened.workspace.current_page()
    assert page.item is not None
    return page


def test_the_opening_notice_is_inline_and_calm(opened):
    page = _review(opened)
    assert page.notice.isVisible() and "No hurry" in page.notice.text()
    assert page.notice.kind == "info"


def test_c_confirms_the_record_and_moves_on(opened, qtbot):
    page = _review(opened)
    first = page.item.record
    total = len(page.queue)
    assert page.progress.text() == f"0 of {total} reviewed"
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_C)
    after = opened.ctx.records().get(first.id)
    assert after.verified_at and after.verified_at != first.verified_at
    assert page.item.record.id != first.id
    assert page.progress.text() == f"1 of {total} reviewed"
    assert f"{total - 1} records need review" == opened.review_button.text()


def test_not_reached_keeps_the_record_flagged(opened, qtbot):
    page = _review(opened)
    item = next(i for i in page.queue if i.phone)
    while page.item.record.id != item.record.id:
        qtbot.keyClick(page, Qt.Key.Key_S)
    qtbot.keyClick(page, Qt.Key.Key_N)
    queued = {i.record.id: i for i in opened.ctx.review_queue()}
    assert item.record.id in queued and queued[item.record.id].flagged
    assert "not reached" in queued[item.record.id].reason
    assert page.item.record.id != item.record.id  # on to the next one
    target = next(i for i in page.queue if i.phone and not i.flagged)
    while page.item.record.id != target.record.id:
        qtbot.keyClick(page, Qt.Key.Key_S)
    qtbot.keyClick(page, Qt.Key.Key_Y)  # reached: confirmed, off the queue
    assert target.record.id not in {i.record.id for i in opened.ctx.review_queue()}


def test_e_opens_the_editor_and_r_asks_once(opened, qtbot):
    from ui.dialogs.seams import Button, MessageBox

    page = _review(opened)
    record = page.item.record
    qtbot.keyClick(page, Qt.Key.Key_E)
    assert opened.workspace.current_page().editor.record.id == record.id
    page = _review(opened)
    record = page.item.record
    MessageBox.set_next_answer(Button.Yes)
    qtbot.keyClick(page, Qt.Key.Key_R)
    assert len(MessageBox.asked) == 1
    assert opened.ctx.records().get(record.id).deleted_at


def _write(tmp_path, text):
    path = tmp_path / "hr.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_shows_the_diff_and_applies_only_the_ticked_items(opened, qtbot, tmp_path):
    from ui.dialogs.seams import FileDialog

    csv = ("name,job_title,phones\r\n"
           "Dana Reyes,Chief Security Officer,mobile:+1 212 555 0101\r\n"
           "Dan Diaz,,mobile:+1 212 555 0199\r\n")
    FileDialog.set_next_file_name(str(_write(tmp_path, csv)))
    opened.trigger("import_list")
    dialog = opened.import_dialog
    assert dialog.isVisible() and "1 to add, 1 to update" in dialog.summary.text()
    texts = [dialog.items.item(i).text() for i in range(dialog.items.count())]
    assert any("Update Dana Reyes" in t and "Chief Security Officer" in t for t in texts)
    add = next(i for i in range(dialog.items.count()) if "Add Dan Diaz" in texts[i])
    dialog.items.item(add).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert record_named(opened, Kind.CONTACT, "Dana Reyes").job_title == "Chief Security Officer"
    assert all(r.title != "Dan Diaz" for r in opened.ctx.records().list(Kind.CONTACT))
    # People the list does not mention are flagged for review, not deleted.
    flagged = [i for i in opened.ctx.review_queue() if i.flagged]
    assert flagged and all("not in hr.csv" in i.reason for i in flagged)


def test_an_import_with_problems_applies_nothing(opened, qtbot, tmp_path):
    from ui.dialogs.seams import FileDialog

    csv = "name,phones\r\n,mobile:+1 212 555 0101\r\nDan Diaz,mobile:not a number\r\n"
    FileDialog.set_next_file_name(str(_write(tmp_path, csv)))
    opened.trigger("import_list")
    dialog = opened.import_dialog
    assert dialog.problems.count() >= 1 and not dialog.apply_button.isEnabled()
    assert "line" in dialog.problems.item(0).text()
    assert dialog.apply() is False
    assert all(r.title != "Dan Diaz" for r in opened.ctx.records().list(Kind.CONTACT))
    dialog.reject()
