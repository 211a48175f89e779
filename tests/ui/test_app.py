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
        window.workspace.goto("people")
        seen["people"] = window.workspace.pages["people"].model.rowCount()
        seen["title"] = window.windowTitle()
        window.ctx.close()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert app_module.main(["--demo"]) == 0
    assert seen == {"unlocked": True, "people": 15, "title": "Fictional Corp (demo)"}
    assert (paths.resolve().demo_dir / "demo-binder.db").exists()


def test_build_main_window_for_a_session(qtbot, filled_binder):
    from ui.app import build_main_window

    session = unlock_any(filled_binder.path, passphrase=filled_binder.passphrase)
    window = build_main_window(session)
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.workspace
    assert window.workspace.pages["who"].model.rowCount() == 8
    window.workspace.goto("organizations")
    assert window.workspace.pages["organizations"].model.rowCount() == 9
    assert "need review" in window.review_button.text()
    window.ctx.close()


def test_only_the_page_on_screen_fills_at_unlock(opened, qtbot):
    pages = opened.workspace.pages
    assert not pages["who"].stale and pages["who"].model.rowCount() == 8
    assert pages["people"].stale and pages["people"].model.rowCount() == 0
    assert pages["people"]._editor is None  # editors are built when first needed
    opened.workspace.goto("people")
    assert not pages["people"].stale and pages["people"].model.rowCount() == 15
    # A change to organisations refills the page on screen now, the hidden one when shown.
    opened.workspace.goto("organizations")
    record = record_named(opened, Kind.CONTACT, "Dana Reyes")
    ok, _ = opened.ctx.run(lambda: opened.ctx.records().update(record.id, job_title="Chief"),
                           lambda e: None)
    assert ok and pages["people"].stale and not pages["organizations"].stale
    opened.workspace.goto("people")
    assert not pages["people"].stale


def test_incidents_page_points_to_the_first_hour_checklist(opened, qtbot):
    opened.workspace.goto("incidents")
    page = opened.workspace.current_page()
    assert page.incident is None and page.empty.isVisible() and not page.body.isVisible()
    qtbot.mouseClick(page.first_hour_button, Qt.MouseButton.LeftButton)
    assert opened.workspace.current_key() == "checklists"
    assert opened.workspace.current_page().editor.record.checklist_id == "first_hour"


def test_incidents_page_shows_a_logged_incident(opened, qtbot):
    from binder.incident_models import Incident

    errors = []
    ok, _ = opened.ctx.run(lambda: opened.ctx.incidents().start(
        Incident(id="", title="Phishing wave", aware_at="2026-11-20T03:10:00Z")), errors.append)
    assert ok and errors == []
    opened.workspace.goto("incidents")
    page = opened.workspace.current_page()
    assert page.incident.title == "Phishing wave" and page.body.isVisible()
    assert not page.empty.isVisible() and page.picker.count() == 1


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
