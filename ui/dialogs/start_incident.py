"""Start incident / exercise: the facts the legal clocks need, nothing more.

Awareness defaults to now in the user's zone, with the offset written out,
because the deadlines count from that moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (QCheckBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QSpinBox,
                               QVBoxLayout, QWidget)

from binder.incident_models import DATA_TYPES, Incident
from ui.i18n import tr
from ui.models.incident_columns import offset_text, zone_of
from ui.widgets import InlineMessage, named

DATA_TYPE_WORDS = {"any_personal": "Any personal data", "health": "Health",
                   "payment_card": "Payment cards", "credentials": "Log-in credentials",
                   "ssn_licence": "SSN / licence numbers", "financial_account": "Financial accounts",
                   "biometric": "Biometric", "special_category": "Special category (GDPR art. 9)"}


def system_zone() -> str:
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode() or "UTC"
    return name if zone_of(name).key == name else "UTC"


def checked(widget: QListWidget) -> tuple[str, ...]:
    return tuple(widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                 if widget.item(i).checkState() == Qt.CheckState.Checked)


def check_list(name: str, items: Iterable[tuple[str, str]]) -> QListWidget:
    widget = named(QListWidget(), name, tr("Space ticks or unticks the item."))
    for key, label in items:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                      | Qt.ItemFlag.ItemIsSelectable)
        item.setCheckState(Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


class StartIncidentDialog(QDialog):
    def __init__(self, jurisdictions: Iterable[str], parent: QWidget | None = None,
                 zone: str | None = None, now: datetime | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Start incident / exercise"))
        self.setAccessibleName(tr("Start incident / exercise"))
        self.zone = zone or system_zone()
        form = QFormLayout()
        self.title_edit = named(QLineEdit(), tr("Title"))
        self.title_edit.setPlaceholderText(tr("What happened, in a few words"))
        self.aware = named(QDateTimeEdit(), tr("Aware at"),
                           tr("The moment you had a reasonable degree of certainty; legal clocks "
                              "start here."))
        self.aware.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.aware.setCalendarPopup(True)
        self.aware.setTimeZone(QTimeZone(self.zone.encode()))
        self.offset = named(QLabel(), tr("Time zone of the awareness time"))
        self.aware.dateTimeChanged.connect(lambda _v: self._show_offset())
        self.set_aware(now or datetime.now(timezone.utc))
        self.reason = named(QLineEdit(), tr("Why this counts as awareness"))
        self.reason.setPlaceholderText(tr("e.g. the SOC confirmed exfiltration at this time"))
        self.search = named(QLineEdit(), tr("Search jurisdictions"))
        self.search.setPlaceholderText(tr("Search codes, e.g. EU or US-CA"))
        self.search.setClearButtonEnabled(True)
        self.places = check_list(tr("Jurisdictions"), ((c, c) for c in sorted(set(jurisdictions))))
        self.search.textChanged.connect(self._filter)
        self.types = check_list(tr("Data types"), ((t, tr(DATA_TYPE_WORDS.get(t, t)))
                                                   for t in DATA_TYPES))
        self.confirmed = named(QSpinBox(), tr("People confirmed affected"))
        self.possible = named(QSpinBox(), tr("People possibly affected"))
        for spin in (self.confirmed, self.possible):
            spin.setRange(0, 2_000_000_000)
            spin.setGroupSeparatorShown(True)
        self.exercise = named(QCheckBox(tr("This is an exercise (nothing is sent)")),
                              tr("This is an exercise"))
        form.addRow(tr("&Title"), self.title_edit)
        form.addRow(tr("&Aware at"), self.aware)
        form.addRow("", self.offset)
        form.addRow(tr("&Why then"), self.reason)
        form.addRow(tr("&Jurisdictions"), self.search)
        form.addRow("", self.places)
        form.addRow(tr("&Data types"), self.types)
        form.addRow(tr("&Confirmed affected"), self.confirmed)
        form.addRow(tr("&Possibly affected"), self.possible)
        form.addRow("", self.exercise)
        for n in range(form.rowCount()):
            label = form.itemAt(n, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(n, QFormLayout.ItemRole.FieldRole)
            if label and field and isinstance(label.widget(), QLabel):
                label.widget().setBuddy(field.widget())
        self.error = InlineMessage(tr("Problem"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Start"))
        self.ok_button.setAccessibleName(tr("Start"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(tr("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def set_zone(self, name: str) -> None:
        """Show (and record) times in ``name``; the moment shown stays the same."""
        moment = self.aware_at()
        self.zone = zone_of(name).key
        self.aware.setTimeZone(QTimeZone(self.zone.encode()))
        self.set_aware(moment)

    def set_aware(self, moment: datetime) -> None:
        here = moment.astimezone(zone_of(self.zone))
        self.aware.setDateTime(QDateTime.fromSecsSinceEpoch(int(here.timestamp()),
                                                            QTimeZone(self.zone.encode())))
        self._show_offset()

    def aware_at(self) -> datetime:
        return datetime.fromtimestamp(self.aware.dateTime().toSecsSinceEpoch(),
                                      zone_of(self.zone))

    def _show_offset(self) -> None:
        moment = self.aware_at()
        self.offset.setText(tr("{zone}, {offset}").format(zone=self.zone, offset=offset_text(moment)))

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.places.count()):
            item = self.places.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def tick(self, widget: QListWidget, keys: Iterable[str]) -> None:
        wanted = set(keys)
        for i in range(widget.count()):
            item = widget.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in wanted:
                item.setCheckState(Qt.CheckState.Checked)

    def incident(self) -> Incident:
        counts = {"confirmed": {}, "possible": {}}
        if self.confirmed.value():
            counts["confirmed"]["*"] = self.confirmed.value()
        if self.possible.value():
            counts["possible"]["*"] = self.possible.value()
        return Incident(id="", title=self.title_edit.text().strip(),
                        aware_at=self.aware_at().isoformat(), awareness_reason=self.reason.text(),
                        data_types=checked(self.types), jurisdictions=checked(self.places),
                        confirmed=counts["confirmed"], possible=counts["possible"],
                        time_zone=self.zone, exercise=self.exercise.isChecked())

    def _accept(self) -> None:
        if not self.title_edit.text().strip():
            self.error.show_message(tr("Give the incident a title."), "error")
            self.title_edit.setFocus()
            return
        if not checked(self.places):
            self.error.show_message(tr("Tick at least one jurisdiction: the duties come from "
                                       "there."), "error")
            self.search.setFocus()
            return
        self.accept()
