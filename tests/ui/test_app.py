"""The entry point, the demo, build_main_window, Review / Incidents pages, settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from binder import paths
from binder.models import Kind
from binder.session import unlock_any
from tests.ui.helpers import record_named


def test_main_with_demo_opens_the_demo_binder(qtbot, monkeypatch):
    from ui import app as app_module

    seen = {}

    def fake_exec(self):
        window = next(w for w in QApplication.topLevelWidgets()
                      if type(w).__name__ == "MainWindow" and w.isVisible())
        seen["unlocked"] = window.ctx.unlocked
        seen["people"] = window.workspace.pages["people"].model.rowCount()
        seen["title"] = window.windowTitle()
        window.ctx.close()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert app_module.main(["--demo"]) == 0
    assert seen == {"unlocked": True, "people": 15, "title": "Crisis Binder — Fictional Corp (demo)"}
    assert (paths.resolve().demo_dir / "demo-binder.db").exists()


def test_build_main_window_for_a_session(qtbot, filled_binder):
    from ui.app import build_main_window

    session = unlock_any(filled_binder.path, passphrase=filled_binder.passphrase)
    window = build_main_window(session)
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.workspace
    assert window.workspace.pages["organizations"].model.rowCount() == 9
    assert "need review" in window.review_button.text()
    window.ctx.close()


def test_review_page_opens_a_record_with_enter(opened, qtbot):
    qtbot.keyClick(opened, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    page = opened.workspace.current_page()
    assert opened.workspace.current_key() == "review"
    n = page.model.rowCount()
    assert n > 0 and f"{n} records need review" == opened.review_button.text()
    row = page.model.find(lambda r: r.record.title == "Henrik Lund")
    index = page.proxy.mapFromSource(page.model.index(row, 0))
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.workspace.current_key() == "people"
    assert opened.workspace.current_page().editor.record.title == "Henrik Lund"


def test_incidents_page_points_to_the_first_hour_checklist(opened, qtbot):
    opened.workspace.goto("incidents")
    page = opened.workspace.current_page()
    assert page.model.rowCount() == 0 and page.empty.isVisible()
    button = next(b for b in page.findChildren(type(opened.review_button))
                  if "First hour" in b.text())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened.workspace.current_key() == "checklists"
    assert opened.workspace.current_page().editor.record.checklist_id == "first_hour"


def test_incidents_page_lists_logged_incidents(opened, qtbot):
    from binder.incident_models import Incident

    errors = []
    ok, _ = opened.ctx.run(lambda: opened.ctx.incidents().start(
        Incident(id="", title="Phishing wave", aware_at="2026-11-20T03:10:00Z")), errors.append)
    assert ok and errors == []
    opened.workspace.goto("incidents")
    page = opened.workspace.current_page()
    assert page.model.rowCount() == 1 and page.table.isVisible() and not page.empty.isVisible()
    assert page.model.data(page.model.index(0, 1)) == "Phishing wave"
    assert page.model.data(page.model.index(0, 2)) == "open"


def test_settings_change_the_idle_lock(opened, qtbot):
    from ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(opened.ctx, opened)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.idle.setValue(2)
    dialog.classification.setText("bad label!")
    assert not dialog.save()
    assert dialog.errors["classification"].isVisible()
    dialog.classification.setText("TLP:RED")
    assert dialog.save()
    assert opened.ctx.settings().idle_lock_minutes == 2
    assert opened.ctx.autolock.timeout_ms == 120_000
    assert "2 min" in opened.lock_label.text()


def test_shortcut_help_lists_every_action(opened, qtbot):
    from ui.dialogs.shortcuts_dialog import ShortcutsDialog

    opened.trigger("shortcuts")
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, ShortcutsDialog) and w.isVisible())
    keys = {row.action: row.keys for row in dialog.model.rows()}
    assert keys["Find anything"] == "Ctrl+K" and keys["Lock"] == "Ctrl+L"
    assert all(keys.values())
    dialog.close()


def test_navigation_keys_reach_every_section(opened, qtbot):
    for n, key in enumerate(("who", "people", "organizations", "regulators", "templates",
                             "checklists", "incidents", "review"), start=1):
        qtbot.keyClick(opened, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.ControlModifier)
        assert opened.workspace.current_key() == key
    assert record_named(opened, Kind.CONTACT, "Dana Reyes")
