"""The incident dashboard: what is due next, duties with live countdowns, the log,
checklists and update cadence for one incident or exercise.

The deadlines are computed when something changes; a one-second timer only
rewrites the time-left and status text from the page's clock (tests inject one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget)

from binder.deadlines import Deadline
from binder.errors import BinderError
from binder.incident_models import Incident
from binder.models import Kind
from ui.controller import AppController
from ui.dialogs.seams import Ask, MessageBox
from ui.dialogs.start_incident import StartIncidentDialog
from ui.i18n import tr
from ui.models.incident_columns import (STATUS_COLUMN, TIME_LEFT_COLUMN, local_time, next_due,
                                        status_text, time_left)
from ui.views.incident_panels import CadencePanel, ChecklistPanel, DutiesPanel, LogPanel
from ui.views.page import Page
from ui.widgets import InlineMessage, button, heading, named


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class IncidentPage(Page):
    kinds = frozenset({Kind.REGULATOR, Kind.CHECKLIST})  # duties and checklists come from these

    def __init__(self, ctx: AppController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = tr("Incidents")
        self.clock: Callable[[], datetime] = utc_now
        self.incident: Incident | None = None
        self.incidents: list[Incident] = []
        self.deadlines: list[Deadline] = []
        self.start_dialog: StartIncidentDialog | None = None
        self.open_first_hour: Callable[[], None] = lambda: None  # set by the workspace
        self._build()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.tick_clock)

    def zone(self) -> str:
        return self.incident.time_zone if self.incident else "UTC"

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.title, 1.6), 1)
        self.picker = named(QComboBox(), tr("Incident shown"))
        self.picker.currentIndexChanged.connect(lambda _i: self._picked())
        self.start_button = button(tr("Start incident / exercise…"))
        self.start_button.clicked.connect(self.start_incident)
        self.first_hour_button = button(tr("Open the First hour checklist"))
        self.first_hour_button.clicked.connect(lambda: self.open_first_hour())
        for widget in (self.picker, self.start_button, self.first_hour_button):
            top.addWidget(widget)
        layout.addLayout(top)
        self.banner = InlineMessage(tr("Message"))
        layout.addWidget(self.banner)
        self.empty = named(QLabel(tr(
            "No incident is logged in this binder. When something happens, start one here (or "
            "an exercise to practise): the legal clocks start at the time of awareness.")),
            tr("No incident yet"))
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        self.exercise_banner = named(QLabel(tr(
            "EXERCISE — this is a practice run. Nothing here is a real incident or a real "
            "notification.")), tr("Exercise"))
        self.exercise_banner.setWordWrap(True)
        self.exercise_banner.setStyleSheet("font-weight: 700; padding: 6px; border: 2px dashed;")
        self.header = heading("", 1.3)
        self.facts = named(QLabel(), tr("Incident facts"))
        self.facts.setWordWrap(True)
        self.due_next = named(QLabel(), tr("Due next"))
        self.due_next.setWordWrap(True)
        font = self.due_next.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.due_next.setFont(font)
        self.duties = DutiesPanel(self)
        self.log = LogPanel(self)
        self.checklists = ChecklistPanel(self)
        self.cadence = CadencePanel(self)
        self.tabs = named(QTabWidget(), tr("Incident sections"))
        self.tabs.addTab(self.duties, tr("&Duties"))
        self.tabs.addTab(self.log, tr("&Log"))
        self.tabs.addTab(self.checklists, tr("Chec&klists"))
        self.tabs.addTab(self.cadence, tr("&Updates"))
        self.verify_button = button(tr("Verify log"), tooltip=tr("Checks the log's hash chain"))
        self.verify_result = named(QLabel(), tr("Log check result"))
        self.print_button = button(tr("Print report…"))
        self.save_button = button(tr("Save report as PDF…"))
        self.close_button = button(tr("Close incident…"))
        self.verify_button.clicked.connect(self.verify_log)
        self.print_button.clicked.connect(lambda: self.report(save=False))
        self.save_button.clicked.connect(lambda: self.report(save=True))
        self.close_button.clicked.connect(self.close_incident)
        bottom = QHBoxLayout()
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.verify_result, 1)
        for widget in (self.print_button, self.save_button, self.close_button):
            bottom.addWidget(widget)
        for widget in (self.exercise_banner, self.header, self.facts, self.due_next):
            body.addWidget(widget)
        body.addWidget(self.tabs, 1)
        body.addLayout(bottom)
        layout.addWidget(self.body, 1)
        self._show_state()

    def models(self) -> list:  # type: ignore[type-arg]
        return [self.duties.model, self.log.model, self.cadence.model]

    # --- data -------------------------------------------------------------------

    def reload(self) -> None:
        current = self.incident.id if self.incident else None
        self.incidents = sorted(self.ctx.incidents().list(), key=lambda i: i.aware_at, reverse=True)
        self.checklists.checklists = []  # checklists may have been edited: parse again
        self.picker.blockSignals(True)
        self.picker.clear()
        for incident in self.incidents:
            label = incident.title + (tr(" (exercise)") if incident.exercise else "") \
                + (tr(" — closed") if incident.status == "closed" else "")
            self.picker.addItem(label, incident.id)
        self.picker.blockSignals(False)
        index = self.picker.findData(current) if current else 0
        self.picker.setCurrentIndex(max(index, 0))
        self._picked()

    def show_incident(self, incident_id: str) -> bool:
        index = self.picker.findData(incident_id)
        if index >= 0:
            self.picker.setCurrentIndex(index)
        return index >= 0

    def _picked(self) -> None:
        incident_id = self.picker.currentData()
        self.incident = next((i for i in self.incidents if i.id == incident_id), None)
        self.refresh()

    def refresh(self) -> None:
        """Recompute the deadlines and everything shown for the current incident."""
        self._show_state()
        incident = self.incident
        if incident is None:
            self._ticker.stop()
            return
        service = self.ctx.incidents()
        self.incident = incident = service.get(incident.id)
        self.deadlines = service.deadlines(incident.id, self.clock())
        entries = service.entries(incident.id)
        self.exercise_banner.setVisible(incident.exercise)
        self.header.setText(incident.title + (tr(" — closed") if incident.status == "closed" else ""))
        self.header.setAccessibleName(self.header.text())
        places = ", ".join(incident.jurisdictions) or tr("none chosen")
        self.facts.setText(tr("Aware at {at}{why}. Jurisdictions: {places}. Times in {zone}.").format(
            at=local_time(incident.aware_at, incident.time_zone),
            why=f" ({incident.awareness_reason})" if incident.awareness_reason else "",
            places=places, zone=incident.time_zone))
        self.duties.fill(self.deadlines)
        self.log.fill(entries)
        self.checklists.fill(entries)
        self.cadence.fill(service.cadence(incident.id, self.clock()))
        is_open = incident.status == "open"
        for widget in (self.duties.done_button, self.duties.not_required_button,
                       self.log.submit_button, self.log.correct_button, self.log.entry,
                       self.checklists.tick_button, self.cadence.change_button, self.close_button):
            widget.setEnabled(is_open)
        self.tick_clock()
        if self.isVisible():
            self._ticker.start()

    def _show_state(self) -> None:
        has = self.incident is not None
        self.body.setVisible(has)
        self.empty.setVisible(not self.incidents)
        self.picker.setVisible(bool(self.incidents))

    def tick_clock(self) -> None:
        """Once a second: only the time-left text, never the deadlines."""
        now = self.clock()
        self.duties.model.refresh_columns(TIME_LEFT_COLUMN, STATUS_COLUMN)
        self.cadence.model.refresh_columns(4)
        if self.incident is None:
            return
        due = next_due(self.deadlines)
        if due is None:
            self.due_next.setText(tr("Due next: nothing with a running clock."))
        else:
            self.due_next.setText(tr("Due next: {who} ({where}) — {left}, by {at} · {status}").format(
                who=due.authority, where=due.jurisdiction, left=time_left(due, now),
                at=local_time(due.due_at, self.zone()), status=status_text(due, now)))
        self.due_next.setAccessibleDescription(self.due_next.text())

    def clear(self) -> None:
        self._ticker.stop()
        self.incident, self.incidents, self.deadlines = None, [], []
        self.picker.clear()
        for model in self.models():
            model.clear()
        self.checklists.checklists = []
        self.checklists.items.clear()
        self.banner.clear_message()
        self.verify_result.clear()
        self._show_state()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.incident is not None:
            self._ticker.start()

    def hideEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        super().hideEvent(event)
        self._ticker.stop()

    def focus_main(self) -> None:
        (self.duties.table if self.incident else self.start_button).setFocus()

    # --- actions ----------------------------------------------------------------

    def act(self, fn: Callable[[], Any]) -> bool:
        """Run a change to the incident; a refusal shows in the banner. Refreshes on success."""
        self.banner.clear_message()
        ok, _result = self.ctx.run(fn, self._show_error)
        if ok:
            self.refresh()
        return ok

    def _show_error(self, error: BinderError) -> None:
        self.banner.show_message(error.message, "error")

    def _regulator_codes(self) -> list[str]:
        return sorted({getattr(r, "jurisdiction", "") for r in self.ctx.records().list(Kind.REGULATOR)}
                      - {""})

    def start_incident(self) -> StartIncidentDialog:
        dialog = StartIncidentDialog(self._regulator_codes(), self, now=self.clock())
        dialog.accepted.connect(lambda: self._start(dialog))
        self.start_dialog = dialog
        dialog.open()
        return dialog

    def _start(self, dialog: StartIncidentDialog) -> None:
        self.start_dialog = None
        ok, result = self.ctx.run(lambda: self.ctx.incidents().start(dialog.incident()),
                                  self._show_error)
        dialog.deleteLater()
        if ok and result is not None:
            self.incident = result[0]
            self.reload()
            self.ctx.bus.status.emit(tr("Started {title}. The clocks run from the time of "
                                        "awareness.").format(title=result[0].title))

    def verify_log(self) -> None:
        if self.incident is None:
            return
        check = self.ctx.incidents().verify(self.incident.id)
        if check.ok:
            self.verify_result.setText(tr("Log intact: {n} entries, chain head {head}.").format(
                n=check.entries, head=(check.head or "")[:12]))
            self.verify_result.setStyleSheet("")
        else:
            self.verify_result.setText(tr("Log BROKEN at entry {n}: {problem}").format(
                n=check.first_broken, problem=check.problem))
            self.verify_result.setStyleSheet("font-weight: 700;")
        self.verify_result.setAccessibleDescription(self.verify_result.text())

    def close_incident(self) -> None:
        incident = self.incident
        if incident is None:
            return
        if not MessageBox.question(self, tr("Close incident"), tr(
                "Close {title}? Its log can still be read and printed, but not changed.").format(
                title=incident.title), yes_text=tr("Close incident"), no_text=tr("Keep open")):
            return
        summary = Ask.text(self, tr("Close incident"), tr("A one-line summary for the log "
                                                          "(optional):"))
        if summary is not None:
            self.act(lambda: self.ctx.incidents().close(incident.id, summary))

    def report(self, *, save: bool) -> None:
        from ui.print_actions import output_document
        if self.incident is not None:
            output_document(self, self.ctx, "incident", self.incident.id, save=save,
                            suggested=f"Incident report - {self.incident.title}.pdf")
