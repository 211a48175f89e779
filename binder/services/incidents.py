"""Incident mode: start, deadlines, the tamper-evident log, duties, cadence, close."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from binder import deadlines, hashchain
from binder.deadlines import Deadline, DutyState, IncidentFacts
from binder.errors import BinderError, LogTamperedError, NotFoundError, ValidationError, \
    ValidationErrors
from binder.incident_models import (AUDIENCES, DATA_TYPES, DEFAULT_CADENCE_HOURS, LOG_KINDS,
                                    CadenceStatus, Incident, LogEntry)
from binder.models import ChangeSet, Kind, Regulator
from binder.services.records import RecordService, parse_time, utc_now
from binder.storage.connection import Database
from binder.storage.incidents_repo import IncidentsRepo
from binder.storage.search_repo import SearchRepo


def parse_moment(text: str, field: str) -> datetime:
    """ISO 8601 with an offset or Z; a time without an offset is refused, because
    guessing the zone of the moment the legal clocks start is not acceptable."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(field, "time", f"'{text}' is not a date and time "
                              "(use ISO 8601, e.g. 2026-03-03T09:15:00+01:00).") from None
    if moment.tzinfo is None:
        raise ValidationError(field, "time_zone", f"'{text}' has no time zone: add Z or an "
                              "offset such as +01:00.")
    return moment.astimezone(timezone.utc)


def iso_utc(moment: datetime) -> str:
    return deadlines.iso(moment) or ""


class IncidentService:
    def __init__(self, db: Database, actor: str = "unknown") -> None:
        self.db = db
        self.repo = IncidentsRepo(db)
        self.actor = actor

    # --- incidents --------------------------------------------------------------

    def start(self, incident: Incident) -> tuple[Incident, ChangeSet]:
        incident = self._validate(dataclasses.replace(
            incident, id=incident.id or str(uuid.uuid4()), created_at=utc_now(),
            status="open"))
        with self.db.atomic():
            self.repo.put(incident)
            self._index(incident)
            self._append(incident.id, "status",
                         f"{'Exercise' if incident.exercise else 'Incident'} opened: "
                         f"{incident.title}. Aware at {incident.aware_at}"
                         + (f" ({incident.awareness_reason})" if incident.awareness_reason else ""),
                         {"facts": incident.to_dict()})
        return incident, ChangeSet(added=(incident.id,))

    def get(self, incident_id: str) -> Incident:
        incident = self.repo.get(incident_id)
        if incident is None and len(incident_id) >= 4:
            matches = self.repo.find_prefix(incident_id)
            if len(matches) == 1:
                incident = self.repo.get(matches[0])
        if incident is None:
            raise NotFoundError(f"There is no incident with id '{incident_id}'.")
        return incident

    def list(self, *, exercises: bool | None = None) -> list[Incident]:
        items = self.repo.list()
        return [i for i in items if exercises is None or i.exercise == exercises]

    def update(self, incident_id: str, **changes: Any) -> Incident:
        current = self._open(incident_id)
        updated = self._validate(dataclasses.replace(current, **changes))
        changed = {k: v for k, v in changes.items() if getattr(current, k) != getattr(updated, k)}
        if not changed:
            return current
        with self.db.atomic():
            self.repo.put(updated)
            self._index(updated)
            self._append(current.id, "status", "Facts updated: " + ", ".join(sorted(changed)),
                         {"changes": {k: _plain(v) for k, v in changed.items()}})
        return updated

    def close(self, incident_id: str, summary: str = "") -> Incident:
        current = self._open(incident_id)
        closed = dataclasses.replace(current, status="closed", closed_at=utc_now())
        with self.db.atomic():
            self.repo.put(closed)
            self._append(current.id, "status", "Closed." + (f" {summary}" if summary else ""), {})
        return closed

    def _open(self, incident_id: str) -> Incident:
        incident = self.get(incident_id)
        if incident.status == "closed":
            raise BinderError("This incident is closed; its log can be read but not changed.")
        return incident

    def _validate(self, incident: Incident) -> Incident:
        problems: list[ValidationError] = []
        if not incident.title.strip():
            problems.append(ValidationError("title", "required", "A title is required."))
        times = {}
        for name in ("aware_at", "discovered_at", "determined_at", "materiality_at",
                     "investigation_completed_at", "ransom_paid_at"):
            value = getattr(incident, name)
            if value:
                try:
                    times[name] = iso_utc(parse_moment(value, name))
                except ValidationError as exc:
                    problems.append(exc)
        if not incident.aware_at:
            problems.append(ValidationError("aware_at", "required",
                                            "The time of awareness is required: legal clocks "
                                            "start there."))
        bad = [d for d in incident.data_types if d not in DATA_TYPES]
        if bad:
            problems.append(ValidationError("data_types", "unknown", f"Unknown data type(s) "
                                            f"{', '.join(bad)}; use {', '.join(DATA_TYPES)}."))
        try:
            ZoneInfo(incident.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(ValidationError("time_zone", "time_zone",
                                            f"'{incident.time_zone}' is not a time zone."))
        for name in ("confirmed", "possible"):
            for code, n in getattr(incident, name).items():
                if not isinstance(n, int) or n < 0:
                    problems.append(ValidationError(name, "count",
                                                    f"{code}: counts are whole numbers >= 0."))
        for audience, hours in incident.cadence_hours.items():
            if audience not in AUDIENCES or not isinstance(hours, int) or not 1 <= hours <= 720:
                problems.append(ValidationError("cadence_hours", "cadence",
                                                f"{audience}: {hours} is not a valid cadence."))
        if problems:
            raise ValidationErrors(problems)
        return dataclasses.replace(incident, title=incident.title.strip(),
                                   jurisdictions=tuple(dict.fromkeys(
                                       j.strip().upper() for j in incident.jurisdictions)),
                                   **times)

    def _index(self, incident: Incident) -> None:
        SearchRepo(self.db).put(incident.id, "incident", incident.title,
                                " · ".join([incident.codename, incident.awareness_reason,
                                            " ".join(incident.jurisdictions)]))

    # --- the log ------------------------------------------------------------------

    def _append(self, incident_id: str, kind: str, text: str, data: dict[str, Any],
                corrects: int | None = None) -> LogEntry:
        head, count = self.repo.head(incident_id)
        prev = head or hashchain.genesis(incident_id)
        entry = LogEntry(incident_id, count + 1, utc_now(), kind, self.actor, text, data,
                         corrects, prev)
        entry = dataclasses.replace(entry, hash=hashchain.link(prev, entry.chain_fields()))
        self.repo.append(entry)
        return entry

    def log(self, incident_id: str, text: str, *, kind: str = "note",
            data: dict[str, Any] | None = None, corrects: int | None = None) -> LogEntry:
        incident = self._open(incident_id)
        if kind not in LOG_KINDS:
            raise ValidationError("kind", "kind", f"Log kinds are {', '.join(LOG_KINDS)}.")
        if not text.strip():
            raise ValidationError("text", "required", "A log entry needs text.")
        if corrects is not None and not 1 <= corrects <= self.repo.head(incident.id)[1]:
            raise ValidationError("corrects", "missing", f"There is no entry {corrects} to correct.")
        with self.db.atomic():
            return self._append(incident.id, "correction" if corrects else kind, text.strip(),
                                data or {}, corrects)

    def entries(self, incident_id: str) -> list[LogEntry]:
        return self.repo.log(self.get(incident_id).id)

    def verify(self, incident_id: str) -> hashchain.ChainCheck:
        incident = self.get(incident_id)
        head, count = self.repo.head(incident.id)
        rows = [(e.number, e.chain_fields(), e.prev_hash, e.hash)
                for e in self.repo.log(incident.id)]
        return hashchain.verify(incident.id, rows, head, count)

    def require_intact(self, incident_id: str) -> hashchain.ChainCheck:
        check = self.verify(incident_id)
        if not check.ok:
            raise LogTamperedError(f"The incident log is broken at entry {check.first_broken}: "
                                   f"{check.problem}.")
        return check

    # --- duties -----------------------------------------------------------------

    def rules(self) -> list[deadlines.DutyRule]:
        regs = RecordService(self.db).list(Kind.REGULATOR)
        return [rule_from_regulator(r) for r in regs if isinstance(r, Regulator)]

    def states(self, incident_id: str) -> dict[str, DutyState]:
        out = {}
        for duty_id, state, at, how, by, ref, reason in self.repo.duties(incident_id):
            out[duty_id] = DutyState(state, parse_time(at) if at else None, how, by, ref, reason)
        return out

    def deadlines(self, incident_id: str, now: datetime | None = None) -> list[Deadline]:
        incident = self.get(incident_id)
        return deadlines.compute(self.rules(), facts_of(incident),
                                 now or datetime.now(timezone.utc), self.states(incident.id))

    def mark_duty(self, incident_id: str, duty_id: str, *, done_at: str | None = None,
                  how: str = "", reference: str = "", not_required: str | None = None) -> None:
        incident = self._open(incident_id)
        known = {d.duty_id for d in self.deadlines(incident.id)}
        if duty_id not in known:
            raise NotFoundError(f"Duty '{duty_id}' is not among this incident's duties.")
        if not_required is not None:
            if not not_required.strip():
                raise ValidationError("reason", "required", "Say why the duty is not required.")
            state = DutyState("not_required", None, by=self.actor, reason=not_required.strip())
            text = f"Duty {duty_id} marked not required: {not_required.strip()}"
        else:
            at = parse_moment(done_at, "done_at") if done_at else datetime.now(timezone.utc)
            state = DutyState("done", at, how, self.actor, reference)
            text = f"Duty {duty_id} done at {iso_utc(at)}" + (f" via {how}" if how else "") + \
                (f", reference {reference}" if reference else "")
        with self.db.atomic():
            self.repo.set_duty(incident.id, duty_id, state, iso_utc(state.at) if state.at else None)
            self._append(incident.id, "notification" if state.state == "done" else "decision",
                         text, {"duty_id": duty_id, "state": state.state})

    # --- checklist runs -------------------------------------------------------------

    def tick(self, incident_id: str, checklist_ref: str, item_id: str, *, initials: str,
             done_at: str | None = None, note: str = "") -> LogEntry:
        """Tick a checklist item with time and initials (a log entry, so it is chained)."""
        checklist = self._checklist(checklist_ref)
        try:
            item = checklist.item(item_id)
        except KeyError:
            raise NotFoundError(f"Checklist '{checklist.id}' has no item '{item_id}'.") from None
        if not initials.strip() or len(initials.strip()) > 8:
            raise ValidationError("initials", "initials", "Initials are 1 to 8 characters.")
        at = iso_utc(parse_moment(done_at, "done_at")) if done_at else utc_now()
        return self.log(incident_id, f"[{checklist.title}] {item.text}" +
                        (f" — {note.strip()}" if note.strip() else ""), kind="checklist",
                        data={"checklist_id": checklist.id, "item_id": item.id,
                              "initials": initials.strip().upper(), "done_at": at})

    def checklist_progress(self, incident_id: str) -> dict[str, tuple[int, int, list[str]]]:
        """checklist id -> (ticked, total, open item texts) for checklists in use."""
        ticked: dict[str, set[str]] = {}
        for entry in self.repo.log(self.get(incident_id).id):
            if entry.kind == "checklist":
                ticked.setdefault(entry.data["checklist_id"], set()).add(entry.data["item_id"])
        out = {}
        for checklist_id, done in ticked.items():
            checklist = self._checklist(checklist_id)
            open_items = [i.text for i in checklist.items if i.id not in done]
            out[checklist_id] = (len(done), len(checklist.items), open_items)
        return out

    def _checklist(self, ref: str) -> Any:
        from binder.content.checklists import checklist_from_dict
        from binder.models import ChecklistRecord

        records = RecordService(self.db)
        for rid in records.repo.ids_by_key("checklist", ref):
            record = records.get(rid)
            if isinstance(record, ChecklistRecord):
                import tomllib

                return checklist_from_dict(tomllib.loads(record.source), source=record.checklist_id)
        raise NotFoundError(f"There is no checklist '{ref}' in this binder.")

    # --- cadence ------------------------------------------------------------------

    def cadence(self, incident_id: str, now: datetime | None = None) -> list[CadenceStatus]:
        incident = self.get(incident_id)
        now = now or datetime.now(timezone.utc)
        last: dict[str, str] = {}
        for entry in self.repo.log(incident.id):
            if entry.kind == "statement" and entry.data.get("audience"):
                last[entry.data["audience"]] = entry.at
        out = []
        for audience in AUDIENCES:
            hours = incident.cadence_hours.get(audience, DEFAULT_CADENCE_HOURS[audience])
            base = parse_time(last.get(audience) or incident.created_at)
            due = base + timedelta(hours=hours)
            out.append(CadenceStatus(audience, hours, last.get(audience), iso_utc(due), now > due))
        return out


def rule_from_regulator(reg: Regulator) -> deadlines.DutyRule:
    """The dataset row, with the fields a user may have edited in the binder on top."""
    base = deadlines.rule_from_row(reg.details) if reg.details.get("id") else None
    fields = dict(id=reg.duty_id, jurisdiction=reg.jurisdiction, regime=reg.regime,
                  authority=reg.authority, audience=reg.audience,
                  deadline_text=reg.deadline_text, unit=reg.deadline_unit,
                  amount=reg.deadline_amount, clock_start=reg.clock_start,
                  in_force=reg.in_force)
    if base is None:
        return deadlines.DutyRule(**fields)  # type: ignore[arg-type]
    return dataclasses.replace(base, **fields)  # type: ignore[arg-type]


def facts_of(incident: Incident) -> IncidentFacts:
    def moment(value: str | None) -> datetime | None:
        return parse_time(value) if value else None

    return IncidentFacts(
        aware_at=parse_time(incident.aware_at), jurisdictions=incident.jurisdictions,
        data_types=frozenset(incident.data_types), affected=incident.affected,
        discovered_at=moment(incident.discovered_at), determined_at=moment(incident.determined_at),
        materiality_at=moment(incident.materiality_at),
        investigation_completed_at=moment(incident.investigation_completed_at),
        ransom_paid_at=moment(incident.ransom_paid_at), time_zone=incident.time_zone)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def summary_counts(items: Sequence[Deadline]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for d in items:
        counts[d.status] = counts.get(d.status, 0) + 1
    return counts
