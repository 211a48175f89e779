"""Copy-and-clear, auto-lock with a short timeout, and lock clearing every view."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.ui.helpers import goto, select, visible_texts
from ui.clipboard import PASSWORD_HINT

SECRETS = ("Dana Reyes", "+1 212 555 0101", "Marcus Oduya", "Meridian Cyber Insurance")


def clipboard_text() -> str:
    return QGuiApplication.clipboard().text()


def test_enter_on_who_page_copies_and_clears(opened, qtbot):
    opened.ctx.clipboard.clear_after_ms = 150
    page = opened.workspace.current_page()
    assert opened.workspace.current_key() == "who"
    assert page.model.rows()[0].name == "Dana Reyes"
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert clipboard_text() == "+1 212 555 0101"
    mime = QGuiApplication.clipboard().mimeData()
    if sys.platform.startswith("linux"):
        assert bytes(mime.data(PASSWORD_HINT)) == b"secret"
    assert "Copied +1 212 555 0101. It clears from the clipboard" in opened.statusBar().currentMessage()
    qtbot.waitUntil(lambda: clipboard_text() == "", timeout=2000)


def test_backup_number_and_a_later_copy_is_left_alone(opened, qtbot):
    opened.ctx.clipboard.clear_after_ms = 150
    page = opened.workspace.current_page()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert clipboard_text() == "+1 212 555 0151"  # Dana's out-of-band (Signal) number
    QGuiApplication.clipboard().setText("something the user copied")
    qtbot.wait(300)
    assert clipboard_text() == "something the user copied"


def test_copy_from_a_person_and_clear_on_lock(opened, qtbot):
    page = goto(opened, qtbot, "people")
    select(page, "Priya Raman")
    opened.trigger("copy_best")
    assert clipboard_text() == "+1 212 555 0104"
    opened.trigger("copy_backup")
    assert clipboard_text() == "+1 917 555 0154"  # the out-of-band number comes next
    opened.trigger("lock")
    assert clipboard_text() == ""


def test_copy_on_a_record_without_a_number_says_so(opened, qtbot):
    page = goto(opened, qtbot, "templates")
    page.focus_main()
    opened.trigger("copy_best")
    assert page.banner.isVisible() and "no phone number" in page.banner.text()


def test_lock_clears_every_view_and_closes_the_database(opened, qtbot):
    window = opened
    page = goto(window, qtbot, "people")
    select(page, "Dana Reyes")
    window.trigger("search")
    qtbot.keyClicks(window.search_dialog.box, "dana")
    window.ctx.push_undo("test", (None, page.editor.record))
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert not window.ctx.unlocked and window.ctx.session.unlocked is False
    assert window.stack.currentWidget() is window.unlock_page
    assert all(model.rowCount() == 0 for model in window.workspace.models())
    assert window.search_dialog.model.rowCount() == 0 and not window.search_dialog.isVisible()
    assert len(window.ctx.undo) == 0
    texts = "\n".join(visible_texts(window) + visible_texts(window.search_dialog))
    for secret in SECRETS:
        assert secret not in texts
    for name, action in window.actions_.items():
        if window.specs[name].needs_unlocked:
            assert not action.isEnabled(), name

    qtbot.keyClicks(window.unlock_page.passphrase, "Orchid-Lantern-Ferry-1987!")
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    assert window.ctx.unlocked
    window.workspace.goto("people")
    assert window.workspace.pages["people"].model.rowCount() == 15


def test_auto_lock_after_a_short_idle_time(opened, qtbot):
    window = opened
    window.ctx.autolock.set_timeout(300)
    # Activity keeps it open...
    for _ in range(4):
        qtbot.wait(120)
        qtbot.keyClick(window.workspace.nav, Qt.Key.Key_Down)
    assert window.ctx.unlocked
    # ...idleness locks it.
    qtbot.waitUntil(lambda: not window.ctx.unlocked, timeout=3000)
    assert window.stack.currentWidget() is window.unlock_page
    assert "without activity" in window.unlock_page.notice.text()
    assert all(model.rowCount() == 0 for model in window.workspace.models())


def test_idle_minutes_come_from_the_binder_settings(opened):
    assert opened.ctx.autolock.timeout_ms == 5 * 60_000
    assert "5 min" in opened.lock_label.text()


def test_suspend_is_caught_by_the_wall_clock(qtbot):
    from ui.autolock import AutoLock

    now = [1000.0]
    lock = AutoLock(clock=lambda: now[0])
    lock.set_timeout(60_000)
    lock.arm()
    reasons = []
    lock.timed_out.connect(reasons.append)
    now[0] += 30
    lock.check_wall_clock()
    assert reasons == []
    now[0] += 3600  # the laptop slept for an hour; the monotonic timer did not count it
    lock.check_wall_clock()
    assert reasons == ["suspend"] and not lock.armed


def test_application_suspended_state_locks(qtbot):
    from ui.autolock import AutoLock

    lock = AutoLock()
    lock.arm()
    reasons = []
    lock.timed_out.connect(reasons.append)
    lock._on_state(Qt.ApplicationState.ApplicationInactive)  # switching windows: no lock
    assert reasons == []
    lock._on_state(Qt.ApplicationState.ApplicationSuspended)
    assert reasons == ["application state"]
