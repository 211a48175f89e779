"""The incident dashboard's tabs: duties, the log (with statements), checklists, updates.

Each panel reads the incident from its host page and changes it through
``host.act(fn)``, which shows a refusal in the page's banner and refreshes.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget)

from binder.content.checklists import Checklist, checklist_from_dict
from binder.deadlines import Deadline
from binder.errors import BinderError
from binder.incident_models import AUDIENCES, CadenceStatus, LogEntry
from binder.lint import Finding, lint
from binder.models import ChecklistRecord, Kind
from ui.dialogs.seams import Ask
from ui.i18n import tr
from ui.models.incident_columns import cadence_model, duty_model, log_model
from ui.views.findings import FindingsList, blocking
from ui.views.page import fit_columns, make_table
from ui.widgets import InlineMessage, button, named

if TYPE_CHECKING:
    from ui.views.incident_page import IncidentPage

LOG_KIND_WORDS = {"note": "Note", "decision": "Decision", "notification": "Notification sent",
                  "statement": "Statement (checked before sending)", "contact": "Call or contact",
                  "status": "Status"}
LINT_DELAY_MS = 300


class DutiesPanel(QWidget):
    def __init__(self, host: IncidentPage) -> None:
        super().__init__()
        self.host = host
        self.model = duty_model(lambda: host.clock(), host.zone)
        self.table, self.proxy = make_table(self.model, tr("Notification duties"), sortable=False)
        self.done_button = button(tr("Mark done…"), tr("Mark the duty done"))
        self.not_required_button = button(tr("Not required…"), tr("Mark the duty not required"))
        self.done_button.clicked.connect(self.mark_done)
        self.not_required_button.clicked.connect(self.mark_not_required)
        row = QHBoxLayout()
        row.addWidget(self.done_button)
        row.addWidget(self.not_required_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def fill(self, items: list[Deadline]) -> None:
        first = self.model.rowCount() == 0
        self.model.set_rows(items)
        if first:
            fit_columns(self.table, 300)

    def current(self) -> Deadline | None:
        index = self.table.currentIndex()
        return self.model.row_data(self.proxy.mapToSource(index).row()) if index.isValid() else None

    def mark_done(self) -> None:
        duty, incident = self.current(), self.host.incident
        if duty is None or incident is None:
            return
        how = Ask.text(self, tr("Mark done"), tr("How was {who} told (channel, reference)? "
                                                  "Done now.").format(who=duty.authority))
        if how is not None:
            self.host.act(lambda: self.host.ctx.incidents().mark_duty(
                incident.id, duty.duty_id, how=how.strip()))

    def mark_not_required(self) -> None:
        duty, incident = self.current(), self.host.incident
        if duty is None or incident is None:
            return
        reason = Ask.text(self, tr("Not required"),
                          tr("Why is notifying {who} not required?").format(who=duty.authority))
        if reason is not None:
            self.host.act(lambda: self.host.ctx.incidents().mark_duty(
                incident.id, duty.duty_id, not_required=reason))


class EntryEdit(QPlainTextEdit):
    """Ctrl+Enter logs the text (it wins over the window's Ctrl+Enter while typing here)."""

    def __init__(self, submit: Callable[[], None]) -> None:
        super().__init__()
        self._submit = submit

    @staticmethod
    def _is_submit(event: QKeyEvent) -> bool:
        return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
            and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and self._is_submit(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if self._is_submit(event):
            self._submit()
            return
        super().keyPressEvent(event)


class LogPanel(QWidget):
    def __init__(self, host: IncidentPage) -> None:
        super().__init__()
        self.host = host
        self.waivers: dict[str, str] = {}
        self.findings: list[Finding] = []
        self.model = log_model(host.zone)
        self.table, self.proxy = make_table(self.model, tr("Incident log"), sortable=False)
        self.entry = named(EntryEdit(self.submit), tr("New log entry"),
                           tr("Ctrl+Enter logs it with the time and your name."))
        self.entry.setPlaceholderText(tr("Type what happened or what was decided; Ctrl+Enter logs it."))
        self.entry.setMaximumHeight(110)
        self.kind = named(QComboBox(), tr("Kind of entry"))
        for key, words in LOG_KIND_WORDS.items():
            self.kind.addItem(tr(words), key)
        self.audience = named(QComboBox(), tr("Audience of the statement"))
        for audience in AUDIENCES:
            self.audience.addItem(audience, audience)
        self.submit_button = button(tr("Log"), tooltip=tr("Ctrl+Enter"))
        self.waive_button = button(tr("Waive…"), tr("Record a waiver with a reason"))
        self.correct_button = button(tr("Correct…"), tr("Correct the selected entry"))
        self.findings_list = FindingsList(tr("Statement check"))
        self.findings_list.span_requested.connect(self._select_span)
        self.message = InlineMessage(tr("Statement check result"))
        self.submit_button.clicked.connect(self.submit)
        self.waive_button.clicked.connect(self.waive)
        self.correct_button.clicked.connect(self.correct)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._lint_timer = QTimer(self)
        self._lint_timer.setSingleShot(True)
        self._lint_timer.setInterval(LINT_DELAY_MS)
        self._lint_timer.timeout.connect(self.check_statement)
        self.entry.textChanged.connect(self._text_changed)
        row = QHBoxLayout()
        for widget in (self.kind, self.audience, self.submit_button, self.waive_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.correct_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.entry)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.findings_list)
        self._kind_changed()

    def fill(self, entries: list[LogEntry]) -> None:
        first = self.model.rowCount() == 0
        self.model.set_rows(entries)
        if first:
            fit_columns(self.table, 240)
        if entries:
            self.table.scrollToBottom()

    def is_statement(self) -> bool:
        return self.kind.currentData() == "statement"

    def _kind_changed(self) -> None:
        statement = self.is_statement()
        self.audience.setVisible(statement)
        self.waive_button.setVisible(statement)
        self.findings_list.setVisible(statement)
        self.submit_button.setText(tr("Mark as sent") if statement else tr("Log"))
        self.submit_button.setAccessibleName(tr("Mark as sent") if statement else tr("Log"))
        self.message.clear_message()
        if statement:
            self.check_statement()

    def _text_changed(self) -> None:
        if self.is_statement():
            self._lint_timer.start()

    def check_statement(self) -> list[Finding]:
        """Lint the statement as typed; returns the errors that still block sending."""
        text = self.entry.toPlainText()
        self.findings = lint(text) if text.strip() else []
        self.findings_list.show_findings(self.findings, self.waivers)
        return blocking(self.findings, self.waivers)

    def _select_span(self, start: int, end: int) -> None:
        cursor = self.entry.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
        self.entry.setTextCursor(cursor)
        self.entry.setFocus()

    def waive(self) -> None:
        for finding in self.check_statement():
            reason = Ask.text(self, tr("Waive {rule}").format(rule=finding.rule),
                              tr("Why is this acceptable here? ({message})").format(
                                  message=finding.message))
            if not reason or not reason.strip():
                break
            self.waivers[finding.rule] = reason.strip()
        self.check_statement()

    def submit(self) -> None:
        incident, text = self.host.incident, self.entry.toPlainText().strip()
        if incident is None or not text:
            return
        kind, data = self.kind.currentData(), {}
        if kind == "statement":
            self._lint_timer.stop()
            errors = self.check_statement()
            if errors:
                self.message.show_message(tr(
                    "{n} error(s) stop this statement going out. Fix the text, or record a "
                    "waiver with a reason (Waive…).").format(n=len(errors)), "error")
                return
            data = {"audience": self.audience.currentData(),
                    "lint": [f.to_dict() for f in self.findings], "waivers": dict(self.waivers)}
        if self.host.act(lambda: self.host.ctx.incidents().log(incident.id, text, kind=kind,
                                                               data=data)):
            self.entry.clear()
            self.waivers.clear()
            self.findings_list.show_findings([])
            self.message.show_message(tr("Logged as entry {n}.").format(
                n=self.model.rowCount()), "success")
            self.entry.setFocus()

    def correct(self) -> None:
        index, incident = self.table.currentIndex(), self.host.incident
        entry = self.model.row_data(self.proxy.mapToSource(index).row()) if index.isValid() else None
        if entry is None or incident is None:
            self.message.show_message(tr("Select the entry to correct first."), "warning")
            return
        text = Ask.text(self, tr("Correct entry {n}").format(n=entry.number),
                        tr("The corrected text (the original stays in the log):"), entry.text)
        if text and text.strip():
            self.host.act(lambda: self.host.ctx.incidents().log(incident.id, text,
                                                                corrects=entry.number))


class ChecklistPanel(QWidget):
    def __init__(self, host: IncidentPage) -> None:
        super().__init__()
        self.host = host
        self.checklists: list[Checklist] = []
        self.ticked: dict[str, dict[str, str]] = {}  # checklist id -> item id -> initials
        self.picker = named(QComboBox(), tr("Checklist"))
        self.picker.currentIndexChanged.connect(lambda _i: self._show_items())
        self.progress = named(QLabel(), tr("Checklist progress"))
        self.items = named(QListWidget(), tr("Checklist items"),
                           tr("Pick an item, type your initials, then Tick."))
        self.items.setWordWrap(True)
        self.initials = named(QLineEdit(), tr("Your initials"))
        self.initials.setMaxLength(8)
        self.initials.setPlaceholderText(tr("Initials"))
        self.initials.setMaximumWidth(110)
        self.tick_button = button(tr("Tick item"), tooltip=tr("Logs the item with time and initials"))
        self.tick_button.clicked.connect(self.tick)
        self.items.itemActivated.connect(lambda _i: self.tick())
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.progress)
        row = QHBoxLayout()
        row.addWidget(self.initials)
        row.addWidget(self.tick_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.items, 1)
        layout.addLayout(row)

    def fill(self, entries: list[LogEntry]) -> None:
        if not self.checklists:
            self.checklists = self._load()
            self.picker.blockSignals(True)
            self.picker.clear()
            for c in self.checklists:
                self.picker.addItem(c.title, c.id)
            self.picker.blockSignals(False)
        self.ticked = {}
        for e in entries:
            if e.kind == "checklist":
                self.ticked.setdefault(e.data.get("checklist_id", ""), {})[
                    e.data.get("item_id", "")] = e.data.get("initials", "")
        self._show_items()

    def _load(self) -> list[Checklist]:
        out = []
        for record in self.host.ctx.records().list(Kind.CHECKLIST):
            if isinstance(record, ChecklistRecord):
                try:
                    out.append(checklist_from_dict(tomllib.loads(record.source),
                                                   source=record.checklist_id))
                except (tomllib.TOMLDecodeError, BinderError):
                    continue  # a checklist being edited into shape is not offered here
        return out

    def select(self, checklist_id: str) -> None:
        index = self.picker.findData(checklist_id)
        if index >= 0:
            self.picker.setCurrentIndex(index)

    def current(self) -> Checklist | None:
        return next((c for c in self.checklists if c.id == self.picker.currentData()), None)

    def _show_items(self) -> None:
        checklist = self.current()
        row = self.items.currentRow()
        self.items.clear()
        if checklist is None:
            self.progress.setText("")
            return
        done = self.ticked.get(checklist.id, {})
        for item in checklist.items:
            initials = done.get(item.id)
            mark = f"[✓ {initials}] " if initials is not None else "[  ] "
            entry = QListWidgetItem(mark + item.text + (f"  ({item.owner})" if item.owner else ""))
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            entry.setData(Qt.ItemDataRole.AccessibleTextRole,
                          (tr("done: ") if initials is not None else tr("open: ")) + item.text)
            self.items.addItem(entry)
        self.progress.setText(tr("{done} of {total} done").format(done=len(done),
                                                                  total=len(checklist.items)))
        if self.items.count():
            self.items.setCurrentRow(min(max(row, 0), self.items.count() - 1))

    def tick(self) -> None:
        checklist, incident, item = self.current(), self.host.incident, self.items.currentItem()
        if checklist is None or incident is None or item is None:
            return
        if not self.initials.text().strip():
            self.host.banner.show_message(tr("Type your initials first."), "warning")
            self.initials.setFocus()
            return
        item_id = item.data(Qt.ItemDataRole.UserRole)
        if item_id in self.ticked.get(checklist.id, {}):
            return
        self.host.act(lambda: self.host.ctx.incidents().tick(
            incident.id, checklist.id, item_id, initials=self.initials.text()))


class CadencePanel(QWidget):
    def __init__(self, host: IncidentPage) -> None:
        super().__init__()
        self.host = host
        self.model = cadence_model(lambda: host.clock(), host.zone)
        self.table, self.proxy = make_table(self.model, tr("Update cadence"), sortable=False)
        self.change_button = button(tr("Change cadence…"), tr("Change how often this audience "
                                                              "hears from you"))
        self.change_button.clicked.connect(self.change)
        note = named(QLabel(tr("A statement logged for an audience restarts its clock.")),
                     tr("About update cadence"))
        note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(note, 1)
        row.addWidget(self.change_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def fill(self, items: list[CadenceStatus]) -> None:
        self.model.set_rows(items)
        fit_columns(self.table, 260)

    def change(self) -> None:
        index, incident = self.table.currentIndex(), self.host.incident
        row = self.model.row_data(self.proxy.mapToSource(index).row()) if index.isValid() else None
        if row is None or incident is None:
            return
        text = Ask.text(self, tr("Update cadence"), tr("Update {audience} every how many hours "
                                                      "(1-720)?").format(audience=row.audience),
                        str(row.every_hours))
        if text is None:
            return
        try:
            hours = int(text.strip())
        except ValueError:
            self.host.banner.show_message(tr("Hours are a whole number, e.g. 4."), "error")
            return
        self.host.act(lambda: self.host.ctx.incidents().update(
            incident.id, cadence_hours={**incident.cadence_hours, row.audience: hours}))

