"""Unlock: right, wrong, recovery key (typo and right), remembered key, bad files."""

from __future__ import annotations

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

from binder.session import BinderSession


def _no_popups() -> bool:
    return not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()]


def test_wrong_then_right_passphrase(window, filled_binder, qtbot):
    assert window.open_path(filled_binder.path)
    page = window.unlock_page
    assert window.stack.currentWidget() is page
    assert page.passphrase.hasFocus()
    qtbot.keyClicks(page.passphrase, "not the passphrase")
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert page.error.isVisible()
    assert page.error.text() == "Wrong passphrase."
    assert not window.ctx.unlocked
    assert _no_popups()
    assert page.passphrase.selectedText() == "not the passphrase"  # ready to retype

    qtbot.keyClicks(page.passphrase, filled_binder.passphrase)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert window.ctx.unlocked
    assert window.stack.currentWidget() is window.workspace
    assert window.workspace.current_key() == "who"
    assert page.passphrase.text() == ""


def test_empty_passphrase_is_reported_inline(window, filled_binder, qtbot):
    window.open_path(filled_binder.path)
    qtbot.mouseClick(window.unlock_page.unlock_button, Qt.MouseButton.LeftButton)
    assert "passphrase" in window.unlock_page.error.text().lower()
    assert not window.ctx.unlocked


def test_recovery_key_typo_then_right(window, filled_binder, qtbot):
    window.open_path(filled_binder.path)
    page = window.unlock_page
    qtbot.mouseClick(page.switch_button, Qt.MouseButton.LeftButton)
    assert page.recovery.hasFocus()
    key = filled_binder.recovery_key
    typo = key[:3] + ("A" if key[3] != "A" else "B") + key[4:]
    qtbot.keyClicks(page.recovery, typo)
    qtbot.keyClick(page.recovery, Qt.Key.Key_Return)
    assert "typo" in page.error.text()
    assert "Group 1" in page.error.text()
    assert not window.ctx.unlocked
    page.recovery.clear()
    qtbot.keyClicks(page.recovery, key.lower())
    qtbot.keyClick(page.recovery, Qt.Key.Key_Return)
    assert window.ctx.unlocked
    assert window.ctx.session.unlock_method == "recovery key"


def test_remembered_key_unlocks_without_typing(window, filled_binder, qtbot):
    session = BinderSession.open(filled_binder.path)
    session.unlock_with_passphrase(filled_binder.passphrase)
    session.remember_on_device()
    session.close()
    assert window.open_path(filled_binder.path)
    assert window.ctx.unlocked
    assert window.ctx.session.unlock_method == "keyring"
    # After a lock the remembered key is one key press away, never automatic.
    window.trigger("lock")
    assert not window.ctx.unlocked
    page = window.unlock_page
    assert page.keyring_button.isVisible() and page.keyring_button.hasFocus()
    qtbot.keyClick(page.keyring_button, Qt.Key.Key_Space)
    assert window.ctx.unlocked


def test_forgotten_keyring_entry_falls_back_to_passphrase(window, filled_binder, memory_keyring):
    session = BinderSession.open(filled_binder.path)
    session.unlock_with_passphrase(filled_binder.passphrase)
    session.remember_on_device()
    session.close()
    memory_keyring.store.clear()
    assert not window.open_path(filled_binder.path)
    assert window.stack.currentWidget() is window.unlock_page
    assert "passphrase" in window.unlock_page.error.text()
    assert window.unlock_page.passphrase.hasFocus()


def test_not_a_binder_is_reported_on_the_welcome_screen(window, tmp_path):
    junk = tmp_path / "holiday.db"
    junk.write_bytes(b"\x13" * 5000)
    assert not window.open_path(junk)
    assert window.stack.currentWidget() is window.welcome
    assert "not a binder or is damaged" in window.welcome.message.text()
    assert _no_popups()


def _damage(path, start: int, length: int) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(start, start + length):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def _unlock_by_typing(window, binder, qtbot) -> None:
    assert window.open_path(binder.path)
    qtbot.keyClicks(window.unlock_page.passphrase, binder.passphrase)
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)


def test_damaged_binder_is_reported_under_the_field(window, filled_binder, qtbot):
    _damage(filled_binder.path, 4096 * 3 + 100, 300)  # a page unlocking reads
    _unlock_by_typing(window, filled_binder, qtbot)
    assert not window.ctx.unlocked
    assert "damaged" in window.unlock_page.error.text()
    assert _no_popups()


def test_open_in_another_window_is_reported(window, filled_binder):
    holder = BinderSession.open(filled_binder.path)
    try:
        assert not window.open_path(filled_binder.path)
        assert "open elsewhere" in window.welcome.message.text()
    finally:
        holder.close()


def test_open_binder_through_the_file_dialog(window, filled_binder, qtbot):
    from ui.dialogs.seams import FileDialog

    FileDialog.set_next_file_name(str(filled_binder.path))
    qtbot.mouseClick(window.welcome.open_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.unlock_page
    assert filled_binder.path.name in window.unlock_page.title.text()


def test_opening_the_open_binder_again_is_harmless(opened, filled_binder):
    assert opened.open_path(filled_binder.path)
    assert opened.ctx.unlocked and opened.stack.currentWidget() is opened.workspace
    opened.trigger("lock")
    assert opened.open_path(filled_binder.path)
    assert opened.stack.currentWidget() is opened.unlock_page
    assert "open elsewhere" not in opened.unlock_page.error.text()


def test_damage_unlock_does_not_read_is_found_after_unlock(window, filled_binder, qtbot):
    _damage(filled_binder.path, filled_binder.path.stat().st_size - 4096 + 200, 400)
    _unlock_by_typing(window, filled_binder, qtbot)
    # The binder opens at once (what can be read is readable)...
    assert window.ctx.unlocked
    assert window.stack.currentWidget() is window.workspace
    # ...and the whole-file check on the worker reports the damage above the page.
    qtbot.waitUntil(lambda: window.alert.isVisibleTo(window), timeout=10_000)
    assert "damaged" in window.alert.text() and "Restore from backup" in window.alert.text()
    window.trigger("lock")
    assert not window.alert.isVisibleTo(window)
    assert _no_popups()


def test_a_sound_binder_raises_no_alert(window, filled_binder, qtbot):
    _unlock_by_typing(window, filled_binder, qtbot)
    assert window.ctx.unlocked
    assert QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)  # the queued result reaches the GUI thread
    assert not window.alert.isVisibleTo(window)
