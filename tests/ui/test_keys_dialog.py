"""File > Change passphrase and File > New recovery key, driven like a user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from binder.errors import WrongKeyError
from binder.keys import recovery
from binder.session import BinderSession
from ui.dialogs.keys_dialog import ChangePassphraseDialog, NewRecoveryKeyDialog
from ui.dialogs.seams import FileDialog

NEW = "Harbour-Kettle-Violet-2031!"


def _dialog(window, cls):
    window.trigger("change_passphrase" if cls is ChangePassphraseDialog else "new_recovery_key")
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def _unlocks(path, **secret) -> bool:
    session = BinderSession.open(path)
    try:
        if "passphrase" in secret:
            session.unlock_with_passphrase(secret["passphrase"])
        else:
            session.unlock_with_recovery_key(secret["recovery_key"])
        return session.unlocked
    except WrongKeyError:
        return False
    finally:
        session.close()


def test_change_passphrase(opened, filled_binder, qtbot):
    dialog = _dialog(opened, ChangePassphraseDialog)
    assert not dialog.action.isEnabled()
    qtbot.keyClicks(dialog.current, "not the passphrase")
    qtbot.keyClicks(dialog.fields.passphrase, "password1")
    qtbot.keyClicks(dialog.fields.confirm, "password1")
    assert not dialog.action.isEnabled()  # too weak: the button stays off
    dialog.fields.clear()
    qtbot.keyClicks(dialog.fields.passphrase, NEW)
    qtbot.keyClicks(dialog.fields.confirm, NEW[:-1])
    assert not dialog.action.isEnabled() and "differ" in dialog.error.text()
    qtbot.keyClicks(dialog.fields.confirm, NEW[-1])
    assert dialog.action.isEnabled()
    qtbot.mouseClick(dialog.action, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Wrong passphrase" in dialog.error.text()
    assert opened.ctx.unlocked  # a wrong current passphrase changes nothing
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, filled_binder.passphrase)
    qtbot.keyClick(dialog.current, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert "Passphrase changed" in opened.statusBar().currentMessage()
    opened.ctx.close()
    assert _unlocks(filled_binder.path, passphrase=NEW)
    assert not _unlocks(filled_binder.path, passphrase=filled_binder.passphrase)
    assert _unlocks(filled_binder.path, recovery_key=filled_binder.recovery_key)


def test_new_recovery_key_must_be_saved_before_closing(opened, filled_binder, qtbot, tmp_path):
    people_before = len(opened.ctx.records().list())
    dialog = _dialog(opened, NewRecoveryKeyDialog)
    assert not dialog.action.isEnabled() and not dialog.panel.isVisible()
    qtbot.keyClicks(dialog.current, "wrong")
    qtbot.mouseClick(dialog.action, Qt.MouseButton.LeftButton)
    assert "Wrong passphrase" in dialog.error.text() and not dialog.recovery_key
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, filled_binder.passphrase)
    qtbot.mouseClick(dialog.action, Qt.MouseButton.LeftButton)
    key = "-".join(dialog.panel.key.text().split())
    assert recovery.decode(key) == opened.ctx.session.data_key
    assert dialog.panel.isVisible() and not dialog.panel.preview.pixmap().isNull()
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert not close.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # refused: the only copy of the new key
    assert dialog.isVisible() and "Emergency Kit first" in dialog.panel.message.text()
    kit = tmp_path / "kit.pdf"
    FileDialog.set_next_file_name(str(kit))
    qtbot.mouseClick(dialog.panel.save_button, Qt.MouseButton.LeftButton)
    assert kit.read_bytes().startswith(b"%PDF") and close.isEnabled()
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert len(opened.ctx.records().list()) == people_before  # the same binder, re-keyed
    opened.ctx.close()
    assert not _unlocks(filled_binder.path, recovery_key=filled_binder.recovery_key)
    assert _unlocks(filled_binder.path, recovery_key=key)
    assert _unlocks(filled_binder.path, passphrase=filled_binder.passphrase)


@pytest.mark.parametrize("name", ["change_passphrase", "new_recovery_key"])
def test_key_actions_need_an_unlocked_binder(window, name):
    assert not window.actions_[name].isEnabled()
