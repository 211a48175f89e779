"""The deadline engine: which notification duties apply to an incident, and
when each is due. Pure functions: facts and rules in, deadlines out.

Units: hours are exact elapsed time (UTC); calendar days and months keep the
wall-clock time in the incident's time zone (so a DST change does not shift
a "30 days" deadline by an hour); business days skip weekends and the public
holidays of the rule's calendar (the `holidays` package).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo


CLOCK_EVENTS = {
    "awareness": "the time of awareness",
    "discovery": "discovery of the breach",
    "breach_determination": "the determination that a breach occurred",
    "materiality_determination": "the materiality determination",
    "investigation_complete": "completion of the investigation",
    "calendar_year_end": "the end of the calendar year",
    "ransom_payment": "a ransom payment",
}


@dataclass(frozen=True)
class DutyRule:
    id: str
    jurisdiction: str
    regime: str
    authority: str
    audience: str
    deadline_text: str
    unit: str
    amount: int | None
    clock_start: str
    calendar: str | None = None
    phase: str | None = None
    min_affected: int | None = None
    max_affected: int | None = None
    counted: str = ""
    applies_to_data: tuple[str, ...] = ()
    in_force: bool = True
    risk_condition: str | None = None
    notes: str = ""


@dataclass(frozen=True)
class IncidentFacts:
    aware_at: datetime
    jurisdictions: tuple[str, ...]
    data_types: frozenset[str] = frozenset()
    affected: Mapping[str, int] = field(default_factory=dict)  # per code; "*" = overall
    discovered_at: datetime | None = None
    determined_at: datetime | None = None
    materiality_at: datetime | None = None
    investigation_completed_at: datetime | None = None
    ransom_paid_at: datetime | None = None
    time_zone: str = "UTC"


@dataclass(frozen=True)
class DutyState:
    state: str  # done | not_required
    at: datetime | None = None
    how: str = ""
    by: str = ""
    reference: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Deadline:
    duty_id: str
    jurisdiction: str
    regime: str
    authority: str
    audience: str
    phase: str | None
    rule: str
    clock_start: str
    started_at: datetime | None
    due_at: datetime | None
    warn_at: datetime | None  # 80 % of the allowed time
    status: str  # pending | overdue | done | not_required | not_started | no_fixed_clock | not_in_force
    reason: str
    state: DutyState | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"duty_id": self.duty_id, "jurisdiction": self.jurisdiction,
                "regime": self.regime, "authority": self.authority, "audience": self.audience,
                "phase": self.phase, "due_at": iso(self.due_at), "warn_at": iso(self.warn_at),
                "clock_start": self.clock_start, "started_at": iso(self.started_at),
                "rule": self.rule, "status": self.status, "reason": self.reason,
                "done_at": iso(self.state.at) if self.state and self.state.state == "done" else None,
                "how": self.state.how if self.state else "",
                "by": self.state.by if self.state else "",
                "reference": self.state.reference if self.state else ""}


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def rule_from_row(row: Mapping[str, Any]) -> DutyRule:
    """A rule from a regulators dataset row (the JSON shape in resources/content)."""
    threshold = row.get("threshold") or {}
    deadline = row.get("deadline") or {}
    return DutyRule(
        id=row["id"], jurisdiction=row["jurisdiction"], regime=row.get("regime", ""),
        authority=row.get("authority", ""), audience=row.get("audience", ""),
        deadline_text=row.get("deadline_text", ""), unit=deadline.get("unit", "none"),
        amount=deadline.get("amount"), clock_start=row.get("clock_start", "awareness"),
        calendar=row.get("business_day_calendar"), phase=row.get("phase"),
        min_affected=threshold.get("min_affected"), max_affected=threshold.get("max_affected"),
        counted=threshold.get("counted", ""),
        applies_to_data=tuple(row.get("applies_to_data") or ()),
        in_force=bool(row.get("in_force", True)), risk_condition=row.get("risk_condition"),
        notes=row.get("notes") or "")


# --- date arithmetic -------------------------------------------------------

@lru_cache(maxsize=64)
def _holiday_calendar(code: str) -> Any:
    import holidays  # loaded on first use: it is slow to import and rarely needed

    country, _, subdiv = code.partition("-")
    return holidays.country_holidays(country, subdiv=subdiv or None)


def is_business_day(day: date, code: str) -> bool:
    return day.weekday() < 5 and day not in _holiday_calendar(code)


def add_business_days(start: datetime, days: int, code: str) -> datetime:
    """The same wall-clock time on the ``days``-th business day after ``start``'s date."""
    current = start
    counted = 0
    while counted < days:
        current = current + timedelta(days=1)
        if is_business_day(current.date(), code):
            counted += 1
    return current


def add_months(start: datetime, months: int) -> datetime:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day)


def due_time(rule: DutyRule, start: datetime, tz: ZoneInfo) -> datetime | None:
    if rule.unit == "none" or rule.amount is None:
        return None
    local = start.astimezone(tz)
    if rule.unit == "hours":
        return start + timedelta(hours=rule.amount)
    if rule.unit == "calendar_days":
        # Aware datetime + timedelta keeps the wall-clock time: 30 local days.
        return (local + timedelta(days=rule.amount)).astimezone(timezone.utc)
    if rule.unit == "business_days":
        return add_business_days(local, rule.amount, rule.calendar or "US").astimezone(timezone.utc)
    if rule.unit == "months":
        return add_months(local, rule.amount).astimezone(timezone.utc)
    raise ValueError(f"unknown deadline unit {rule.unit!r}")


# --- applicability -----------------------------------------------------------

def _count(facts: IncidentFacts, code: str) -> int | None:
    if code in facts.affected:
        return facts.affected[code]
    return facts.affected.get("*")


def not_required_reason(rule: DutyRule, facts: IncidentFacts) -> str | None:
    wanted = set(rule.applies_to_data)
    if wanted and "any_personal" not in wanted and not wanted & facts.data_types:
        kinds = ", ".join(sorted(wanted))
        return f"applies only to these data types: {kinds}"
    if wanted and "any_personal" in wanted and not facts.data_types:
        return "applies when personal data is involved; no data types recorded"
    count = _count(facts, rule.jurisdiction)
    if count is not None and rule.min_affected is not None and count < rule.min_affected:
        return (f"below the threshold: {count:,} {rule.counted or 'affected'}, "
                f"duty starts at {rule.min_affected:,}")
    if count is not None and rule.max_affected is not None and count > rule.max_affected:
        return f"above this rule's range ({count:,} > {rule.max_affected:,}); another duty applies"
    return None


def _start_of(rule: DutyRule, facts: IncidentFacts, done: Mapping[str, DutyState],
              tz: ZoneInfo) -> tuple[datetime | None, str]:
    event = rule.clock_start
    if event.startswith("duty:"):
        other = event.split(":", 1)[1]
        state = done.get(other)
        if state and state.state == "done" and state.at:
            return state.at, f"after duty {other} was done"
        return None, f"starts when duty {other} is done"
    if event == "calendar_year_end":
        base = (facts.discovered_at or facts.aware_at).astimezone(tz)
        return datetime(base.year + 1, 1, 1, tzinfo=tz).astimezone(timezone.utc), \
            "from the end of the calendar year"
    moment = {
        "awareness": facts.aware_at,
        "discovery": facts.discovered_at or facts.aware_at,
        "breach_determination": facts.determined_at or facts.aware_at,
        "materiality_determination": facts.materiality_at,
        "investigation_complete": facts.investigation_completed_at,
        "ransom_payment": facts.ransom_paid_at,
    }.get(event, facts.aware_at)
    label = CLOCK_EVENTS.get(event, event)
    if moment is None:
        return None, f"the clock starts at {label} (not recorded yet)"
    return moment, f"from {label}"


def compute(rules: Sequence[DutyRule], facts: IncidentFacts, now: datetime,
            states: Mapping[str, DutyState] | None = None) -> list[Deadline]:
    """Every duty of the incident's jurisdictions with its due time and status,
    soonest first (duties without a due time last)."""
    states = states or {}
    tz = ZoneInfo(facts.time_zone)
    wanted = set(facts.jurisdictions)
    out = []
    for rule in rules:
        if rule.jurisdiction not in wanted:
            continue
        state = states.get(rule.id)
        start, how = _start_of(rule, facts, states, tz)
        due = due_time(rule, start, tz) if start else None
        warn = start + (due - start) * 0.8 if start and due else None
        reason = how
        if not rule.in_force:
            status, reason = "not_in_force", "not in force yet: " + (rule.notes or "no final rule")
        elif state and state.state == "done":
            status, reason = "done", f"done {iso(state.at)}" + (f" via {state.how}" if state.how else "")
        elif state and state.state == "not_required":
            status, reason = "not_required", state.reason or "marked not required"
        elif (why := not_required_reason(rule, facts)) is not None:
            status, reason = "not_required", why
        elif start is None:
            status = "not_started"
        elif due is None:
            status, reason = "no_fixed_clock", "without undue delay (no fixed number of days)"
        else:
            status = "overdue" if now > due else "pending"
        if rule.risk_condition and status in ("pending", "overdue", "no_fixed_clock"):
            reason += f"; condition: {rule.risk_condition}"
        out.append(Deadline(rule.id, rule.jurisdiction, rule.regime, rule.authority,
                            rule.audience, rule.phase, rule.deadline_text, rule.clock_start,
                            start, due, warn, status, reason, state))
    far = datetime.max.replace(tzinfo=timezone.utc)
    out.sort(key=lambda d: (d.due_at or far, d.jurisdiction, d.duty_id))
    return out
