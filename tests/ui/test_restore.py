"""Automatic backups from the app, and restore with a preview."""

from __future__ import annotations

from binder.services import backup
from ui.dialogs.restore_dialog import RestoreDialog


def test_unlock_backs_up_and_restore_brings_back_a_deleted_person(opened, qtbot) -> None:
    window = opened
    ctx = window.ctx
    qtbot.waitUntil(lambda: bool(backup.list_backups(ctx.session.path)), timeout=5000)
    people = ctx.records().list()
    victim = next(p for p in people if p.title == "Henrik Lund")
    ctx.records().delete(victim.id, force=True)
    assert ctx.records().get(victim.id).deleted_at is not None
    dialog = RestoreDialog(ctx, window)
    qtbot.addWidget(dialog)
    assert dialog.backups.count() >= 1
    assert "It holds:" in dialog.preview.text() and "now holds" in dialog.preview.text()
    assert dialog.restore_button.isEnabled()
    dialog.restore()
    assert ctx.records().get(victim.id).deleted_at is None
    reasons = {b.reason for b in backup.list_backups(ctx.session.path)}
    assert "before-restore" in reasons


def test_lock_makes_a_closing_backup_after_changes(opened, qtbot) -> None:
    window = opened
    ctx = window.ctx
    qtbot.waitUntil(lambda: bool(backup.list_backups(ctx.session.path)), timeout=5000)
    path = ctx.session.path
    before = len(backup.list_backups(path))
    person = next(p for p in ctx.records().list() if p.title == "Mei Tanaka")
    ctx.records().update(person.id, notes="Changed before locking")
    ctx.lock("test")
    assert len(backup.list_backups(path)) == before + 1
