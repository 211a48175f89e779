"""The incident dashboard: start, live countdowns, duties, the log, statements, checklists."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from ui.models.incident_columns import TIME_LEFT_COLUMN

PARIS = ZoneInfo("Europe/Paris")
AWARE = datetime(2026, 3, 2, 9, 15, tzinfo=PARIS)


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now.astimezone(timezone.utc)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def dashboard(opened, qtbot):
    opened.workspace.goto("incidents")
    page = opened.workspace.current_page()
    page.clock = FakeClock(AWARE + timedelta(hours=1))
    dialog = page.start_incident()
    dialog.title_edit.setText("Ransomware on the file server")
    dialog.set_zone("Europe/Paris")
    dialog.set_aware(AWARE)
    dialog.reason.setText("SOC confirmed encryption")
    dialog.search.setText("eu")
    shown = [dialog.places.item(i).text() for i in range(dialog.places.count())
             if not dialog.places.item(i).isHidden()]
    assert shown and all("EU" in code for code in shown)
    dialog.tick(dialog.places, ["EU"])
    dialog.tick(dialog.types, ["any_personal"])
    dialog.confirmed.setValue(1200)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.incident is not None, page.banner.text()
    return page


def _duty_row(page, duty_id):
    return page.duties.model.find(lambda d: d.duty_id == duty_id)


def test_start_shows_the_gdpr_72_hour_deadline_in_the_incident_zone(dashboard):
    page = dashboard
    assert page.incident.time_zone == "Europe/Paris" and page.incident.jurisdictions == ("EU",)
    row = _duty_row(page, "eu-gdpr-33")
    model = page.duties.model
    assert model.data(model.index(row, 3)) == "2026-03-05 09:15 (UTC+01:00)"
    assert model.data(model.index(row, TIME_LEFT_COLUMN)) == "2 d 23:00:00 left"
    assert model.data(model.index(row, 5)) == "due"
    assert "Due next" in page.due_next.text() and "2026-03-05 09:15" in page.due_next.text()
    assert "UTC+01:00" in page.facts.text() and not page.exercise_banner.isVisibleTo(page)


def test_the_countdown_follows_the_clock_without_recomputing(dashboard, monkeypatch):
    page = dashboard
    calls = []
    service = type(page.ctx.incidents())
    original = service.deadlines
    monkeypatch.setattr(service, "deadlines", lambda *a, **k: calls.append(1) or original(*a, **k))
    row = _duty_row(page, "eu-gdpr-33")
    model = page.duties.model
    page.clock.now += timedelta(hours=71, seconds=-5)
    page.tick_clock()
    assert model.data(model.index(row, TIME_LEFT_COLUMN)) == "00:00:05 left"
    assert model.data(model.index(row, 5)) == "due soon"
    assert model.data(model.index(row, 5), Qt.ItemDataRole.ForegroundRole) is not None
    page.clock.now += timedelta(seconds=65)
    page.tick_clock()
    assert model.data(model.index(row, TIME_LEFT_COLUMN)) == "overdue by 00:01:00"
    assert model.data(model.index(row, 5)) == "OVERDUE"
    assert "OVERDUE" in page.due_next.text()
    assert calls == []  # the ticker never recomputes the deadlines
    assert page._ticker.isActive() and page._ticker.interval() == 1000


def test_mark_a_duty_done(dashboard, qtbot):
    from ui.dialogs.seams import Ask

    page = dashboard
    row = _duty_row(page, "eu-gdpr-33")
    page.duties.table.setCurrentIndex(page.duties.proxy.index(row, 0))
    Ask.set_next_text("CNIL portal, ref 2026-0042")
    qtbot.mouseClick(page.duties.done_button, Qt.MouseButton.LeftButton)
    row = _duty_row(page, "eu-gdpr-33")
    assert page.duties.model.data(page.duties.model.index(row, 5)) == "done"
    assert "CNIL portal" in page.log.model.rows()[-1].text


def test_ctrl_enter_logs_the_typed_text(dashboard, qtbot):
    page = dashboard
    page.tabs.setCurrentWidget(page.log)
    n = page.log.model.rowCount()
    page.log.entry.setFocus()
    qtbot.keyClicks(page.log.entry, "Isolated FS01 from the network")
    qtbot.keyClick(page.log.entry, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.log.model.rowCount() == n + 1
    assert page.log.model.rows()[-1].text == "Isolated FS01 from the network"
    assert page.log.entry.toPlainText() == ""
    assert page.ctx.unlocked  # Ctrl+Enter did not go to the window's "open record"


def test_a_statement_with_a_lint_error_is_blocked_until_waived(dashboard, qtbot):
    from ui.dialogs.seams import Ask

    page = dashboard
    log = page.log
    log.kind.setCurrentIndex(log.kind.findData("statement"))
    assert log.submit_button.text() == "Mark as sent"
    log.entry.setPlainText("No comment. We will update you on 4 March.")
    qtbot.waitUntil(lambda: any(f.rule == "no-comment" for f in log.findings), timeout=2000)
    n = log.model.rowCount()
    qtbot.mouseClick(log.submit_button, Qt.MouseButton.LeftButton)
    assert log.model.rowCount() == n and "stop this statement" in log.message.text()
    text = log.findings_list.item(0).text()
    assert text.startswith("Error · no-comment") and "Why:" in text and "Fix:" in text
    Ask.set_next_text("Counsel asked for a holding line")
    qtbot.mouseClick(log.waive_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(log.submit_button, Qt.MouseButton.LeftButton)
    entry = log.model.rows()[-1]
    assert entry.kind == "statement" and entry.data["audience"] == "staff"
    assert entry.data["waivers"] == {"no-comment": "Counsel asked for a holding line"}
    assert any(f["rule"] == "no-comment" for f in entry.data["lint"])


def test_tick_a_checklist_item_with_initials(dashboard, qtbot):
    page = dashboard
    panel = page.checklists
    panel.select("first_hour")
    total = panel.items.count()
    panel.items.setCurrentRow(0)
    panel.initials.setText("dr")
    qtbot.mouseClick(panel.tick_button, Qt.MouseButton.LeftButton)
    assert panel.progress.text() == f"1 of {total} done"
    assert panel.items.item(0).text().startswith("[✓ DR]")
    assert page.log.model.rows()[-1].kind == "checklist"


def test_verify_log_says_intact(dashboard, qtbot):
    page = dashboard
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    assert page.verify_result.text().startswith("Log intact: 1 entries")


def test_correct_an_entry_and_close(dashboard, qtbot):
    from ui.dialogs.seams import Ask, Button, MessageBox

    page = dashboard
    page.log.table.setCurrentIndex(page.log.proxy.index(0, 0))
    Ask.set_next_text("Opened by the duty manager")
    qtbot.mouseClick(page.log.correct_button, Qt.MouseButton.LeftButton)
    last = page.log.model.rows()[-1]
    assert last.kind == "correction" and last.corrects == 1
    MessageBox.set_next_answer(Button.Yes)
    Ask.set_next_text("Contained; notifications done")
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert page.incident.status == "closed" and not page.log.submit_button.isEnabled()


def test_an_exercise_says_so_in_words(opened, qtbot):
    opened.trigger("start_incident")
    page = opened.workspace.current_page()
    dialog = page.start_dialog
    dialog.title_edit.setText("Tabletop")
    dialog.tick(dialog.places, ["EU"])
    dialog.exercise.setChecked(True)
    dialog.ok_button.click()
    assert page.exercise_banner.isVisibleTo(page) and "EXERCISE" in page.exercise_banner.text()


def test_start_refuses_without_a_jurisdiction(opened, qtbot):
    opened.trigger("start_incident")
    dialog = opened.workspace.current_page().start_dialog
    dialog.title_edit.setText("Something")
    dialog.ok_button.click()
    assert dialog.isVisible() and "jurisdiction" in dialog.error.text()
    dialog.reject()


def test_incident_models(qtmodeltester, dashboard):
    for model in dashboard.models():
        qtmodeltester.check(model, force_py=True)
        rows = model.rows()
        model.clear()
        model.set_rows(rows)
    assert dashboard.cadence.model.rowCount() == 5


def test_save_the_incident_report(dashboard, tmp_path, qtbot):
    from ui.dialogs.seams import FileDialog

    FileDialog.set_next_file_name(str(tmp_path / "report"))
    qtbot.mouseClick(dashboard.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
