"""First run: the create wizard, start to finish, driven from the keyboard and mouse."""

from __future__ import annotations

import re

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from binder.session import BinderSession
from ui.dialogs.seams import FileDialog

STRONG = "Copper-Walrus-Sings-At-Dawn-42"


def _next(wizard, qtbot):
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_create_a_binder_and_save_the_kit(window, qtbot, tmp_path, memory_keyring):
    target = tmp_path / "usb" / "acme.db"
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    wizard = window.wizard
    assert wizard is not None and wizard.isVisible()
    first = wizard.organisation_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClicks(first.organisation, "Acme Widgets")
    first.location.clear()
    qtbot.keyClicks(first.location, str(target))
    _next(wizard, qtbot)

    page = wizard.passphrase_page
    assert wizard.currentPage() is page
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.keyClicks(page.passphrase, "acme2024")
    assert page.meter.value() <= 1 and not commit.isEnabled()
    assert "Very weak" in page.verdict.text() or "Weak" in page.verdict.text()
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, STRONG)
    assert page.meter.value() >= 3 and page.strength().acceptable
    qtbot.keyClicks(page.confirm, STRONG[:-1] + "3")
    assert not commit.isEnabled() and "differ" in page.error.text()
    qtbot.keyClick(page.confirm, Qt.Key.Key_Backspace)
    qtbot.keyClicks(page.confirm, "2")
    assert commit.isEnabled()
    assert page.remember.isVisible()  # the in-memory keyring counts as safe
    page.remember.setChecked(True)
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)

    kit_page = wizard.kit_page
    assert wizard.currentPage() is kit_page
    assert target.exists()
    key = "-".join(kit_page.key.text().split())  # shown in groups of five, five a line
    assert re.fullmatch(r"[0-9A-Z*~$=]{5}(-[0-9A-Z*~$=]{5}){12}", key)
    assert kit_page.preview.pixmap() is not None and not kit_page.preview.pixmap().isNull()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    wizard.reject()  # Escape: refused while the kit is unsaved
    assert wizard.isVisible() and "Emergency Kit first" in kit_page.message.text()

    kit_file = tmp_path / "kit.pdf"
    FileDialog.set_next_file_name(str(kit_file))
    qtbot.mouseClick(kit_page.save_button, Qt.MouseButton.LeftButton)
    assert kit_file.read_bytes().startswith(b"%PDF")
    assert kit_page.done.isChecked() and finish.isEnabled()
    assert wizard.focusWidget() is finish  # Enter now finishes instead of opening the save dialog again
    assert wizard.height() <= 700  # fits a 768-pixel laptop screen with a taskbar
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    assert window.wizard is None
    assert window.ctx.unlocked and window.stack.currentWidget() is window.workspace
    assert window.ctx.settings().organisation == "Acme Widgets"
    assert window.ctx.session.has_keyring_slot
    assert "Acme Widgets" in window.binder_label.text()
    # The recovery key shown on the kit page opens the binder.
    window.ctx.close()
    session = BinderSession.open(target)
    session.unlock_with_recovery_key(key)
    session.close()


def test_remember_is_not_offered_without_a_safe_keyring(window, qtbot, tmp_path):
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    window.create_binder()
    wizard = window.wizard
    qtbot.keyClicks(wizard.organisation_page.organisation, "Acme")
    wizard.organisation_page.location.setText(str(tmp_path / "b.db"))
    _next(wizard, qtbot)
    page = wizard.passphrase_page
    assert not page.remember.isVisible()
    assert "No safe system keyring" in page.keyring_note.text()
    wizard.reject()
    assert window.stack.currentWidget() is window.welcome
    assert not (tmp_path / "b.db").exists()


def test_an_existing_file_is_refused_on_the_first_page(window, qtbot, tmp_path):
    existing = tmp_path / "taken.db"
    existing.write_bytes(b"")
    window.create_binder()
    wizard = window.wizard
    qtbot.keyClicks(wizard.organisation_page.organisation, "Acme")
    wizard.organisation_page.location.setText(str(existing))
    _next(wizard, qtbot)
    assert wizard.currentPage() is wizard.organisation_page
    assert "already exists" in wizard.organisation_page.error.text()
    wizard.reject()


@pytest.mark.parametrize("width", [300])
def test_kit_pages_render_for_printing(width, filled_binder):
    from binder.kit import kit_data
    from binder.pdf.emergency_kit import render
    from ui.dialogs.kit import render_pages

    session = BinderSession.open(filled_binder.path)
    session.unlock_with_passphrase(filled_binder.passphrase)
    pdf = render(kit_data(session, filled_binder.recovery_key))
    session.close()
    pages = render_pages(pdf, width)
    assert pages and pages[0].width() == width and not pages[0].isNull()


def test_the_suggested_location_is_enough_to_go_on(window, qtbot):
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    wizard = window.wizard
    first = wizard.organisation_page
    suggested = first.location.text()
    assert suggested.endswith(".db")
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.keyClicks(first.organisation, "Fictional Corp")
    assert next_button.isEnabled()  # the suggested file, untouched
    first.location.clear()
    assert not next_button.isEnabled()  # but not no file at all
    qtbot.keyClicks(first.location, suggested)
    _next(wizard, qtbot)
    assert wizard.currentPage() is wizard.passphrase_page
    assert wizard.field("location") == suggested
    wizard.reject()
