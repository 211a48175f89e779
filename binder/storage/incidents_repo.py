"""Incidents, their duty states and their hash-chained log."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from binder.deadlines import DutyState
from binder.incident_models import Incident, LogEntry

_FACT_FIELDS = ("aware_at", "codename", "awareness_reason", "discovered_at", "determined_at",
                "materiality_at", "investigation_completed_at", "ransom_paid_at", "data_types",
                "jurisdictions", "confirmed", "possible", "time_zone", "cadence_hours")


def _incident(row: Any) -> Incident:
    rid, title, exercise, status, created_at, closed_at, facts = row
    data = json.loads(facts)
    data["data_types"] = tuple(data.get("data_types", ()))
    data["jurisdictions"] = tuple(data.get("jurisdictions", ()))
    return Incident(id=rid, title=title, exercise=bool(exercise), status=status,
                    created_at=created_at, closed_at=closed_at, **data)


class IncidentsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def put(self, incident: Incident, head_hash: str | None = None) -> None:
        facts = json.dumps({k: getattr(incident, k) for k in _FACT_FIELDS}, sort_keys=True,
                           ensure_ascii=False)
        self.db.execute(
            "INSERT INTO incidents (id, title, exercise, status, created_at, closed_at, facts, "
            "head_hash) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
            "title=excluded.title, exercise=excluded.exercise, status=excluded.status, "
            "closed_at=excluded.closed_at, facts=excluded.facts",
            [incident.id, incident.title, int(incident.exercise), incident.status,
             incident.created_at, incident.closed_at, facts, head_hash or ""])

    def get(self, incident_id: str) -> Incident | None:
        row = self.db.execute("SELECT id, title, exercise, status, created_at, closed_at, facts "
                              "FROM incidents WHERE id = ?", [incident_id]).fetchone()
        return None if row is None else _incident(row)

    def find_prefix(self, prefix: str) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT id FROM incidents WHERE id >= ? AND id < ? LIMIT 3",
            [prefix, prefix + "\uffff"])]

    def list(self) -> list[Incident]:
        rows = self.db.execute("SELECT id, title, exercise, status, created_at, closed_at, facts "
                               "FROM incidents ORDER BY created_at DESC, id")
        return [_incident(r) for r in rows]

    def head(self, incident_id: str) -> tuple[str, int]:
        row = self.db.execute("SELECT head_hash, log_count FROM incidents WHERE id = ?",
                              [incident_id]).fetchone()
        return (str(row[0]), int(row[1])) if row else ("", 0)

    def append(self, entry: LogEntry) -> None:
        self.db.execute(
            "INSERT INTO incident_log (incident_id, number, at, kind, actor, text, data, "
            "corrects, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [entry.incident_id, entry.number, entry.at, entry.kind, entry.actor, entry.text,
             json.dumps(entry.data, sort_keys=True, ensure_ascii=False), entry.corrects,
             entry.prev_hash, entry.hash])
        self.db.execute("UPDATE incidents SET head_hash = ?, log_count = ? WHERE id = ?",
                        [entry.hash, entry.number, entry.incident_id])

    def log(self, incident_id: str) -> list[LogEntry]:
        rows = self.db.execute(
            "SELECT incident_id, number, at, kind, actor, text, data, corrects, prev_hash, hash "
            "FROM incident_log WHERE incident_id = ? ORDER BY number", [incident_id])
        return [LogEntry(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), r[7], r[8], r[9])
                for r in rows]

    def set_duty(self, incident_id: str, duty_id: str, state: DutyState, at: str | None) -> None:
        self.db.execute(
            "INSERT INTO incident_duties (incident_id, duty_id, state, at, how, by, reference, "
            "reason) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(incident_id, duty_id) DO UPDATE SET "
            "state=excluded.state, at=excluded.at, how=excluded.how, by=excluded.by, "
            "reference=excluded.reference, reason=excluded.reason",
            [incident_id, duty_id, state.state, at, state.how, state.by, state.reference,
             state.reason])

    def duties(self, incident_id: str) -> list[tuple[str, str, str | None, str, str, str, str]]:
        return [tuple(r) for r in self.db.execute(  # type: ignore[misc]
            "SELECT duty_id, state, at, how, by, reference, reason FROM incident_duties "
            "WHERE incident_id = ?", [incident_id])]
