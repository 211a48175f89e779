"""Columns for the incident dashboard: duties with live time left, the log, update cadence.

Times are shown in the incident's zone with the UTC offset written out; a
status is always a word, its colour only repeats it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from binder.deadlines import Deadline
from binder.incident_models import CadenceStatus, LogEntry
from ui.i18n import tr
from ui.models.rows_model import Column, RowsModel

Clock = Callable[[], datetime]

STATUS_WORDS = {"pending": "due", "overdue": "OVERDUE", "done": "done",
                "not_required": "not required", "not_started": "clock not started",
                "no_fixed_clock": "no fixed deadline", "not_in_force": "not in force"}
OPEN_STATUSES = ("pending", "overdue")


def zone_of(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def offset_text(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def local_time(moment: datetime | str | None, zone: str) -> str:
    """``2026-03-05 09:15 (UTC+01:00)`` in ``zone``; "" for no time."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    here = moment.astimezone(zone_of(zone))
    return f"{here:%Y-%m-%d %H:%M} ({offset_text(here)})"


def duration_text(delta: timedelta) -> str:
    seconds = int(abs(delta.total_seconds()))
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return tr("{d} d {clock}").format(d=days, clock=clock) if days else clock


def time_left(d: Deadline, now: datetime) -> str:
    if d.status not in OPEN_STATUSES or d.due_at is None:
        return ""
    delta = d.due_at - now
    if delta.total_seconds() < 0:
        return tr("overdue by {t}").format(t=duration_text(delta))
    return tr("{t} left").format(t=duration_text(delta))


def live_status(d: Deadline, now: datetime) -> str:
    """The duty's status as of ``now`` (pending turns overdue without recomputing)."""
    if d.status in OPEN_STATUSES and d.due_at is not None:
        if now >= d.due_at:
            return "overdue"
        if d.warn_at is not None and now >= d.warn_at:
            return "due_soon"
        return "pending"
    return d.status


def status_text(d: Deadline, now: datetime) -> str:
    status = live_status(d, now)
    if status == "due_soon":
        return tr("due soon")
    return tr(STATUS_WORDS.get(status, status.replace("_", " ")))


def status_tone(d: Deadline, now: datetime) -> str:
    return {"overdue": "error", "due_soon": "warning", "done": "success"}.get(
        live_status(d, now), "")


def next_due(items: list[Deadline]) -> Deadline | None:
    """The open duty whose clock runs out first."""
    open_items = [d for d in items if d.status in OPEN_STATUSES and d.due_at is not None]
    return min(open_items, key=lambda d: d.due_at) if open_items else None  # type: ignore[arg-type,return-value]


TIME_LEFT_COLUMN, STATUS_COLUMN = 4, 5


def duty_model(clock: Clock, zone: Callable[[], str]) -> RowsModel[Deadline]:
    return RowsModel([Column(tr("Where"), lambda d: d.jurisdiction),
                      Column(tr("Notify"), lambda d: d.authority,
                             tooltip=lambda d: f"{d.regime}\n{d.rule}\n{d.reason}".strip()),
                      Column(tr("Audience"), lambda d: d.audience),
                      Column(tr("Due"), lambda d: local_time(d.due_at, zone())),
                      Column(tr("Time left"), lambda d: time_left(d, clock())),
                      Column(tr("Status"), lambda d: status_text(d, clock()),
                             tooltip=lambda d: d.reason or status_text(d, clock()))],
                     tone=lambda d: status_tone(d, clock()))


def log_model(zone: Callable[[], str]) -> RowsModel[LogEntry]:
    return RowsModel([Column(tr("No."), lambda e: str(e.number), sort_key=lambda e: f"{e.number:08d}"),
                      Column(tr("When"), lambda e: local_time(e.at, zone())),
                      Column(tr("Kind"), lambda e: e.kind + (f" of {e.corrects}" if e.corrects
                                                            else "")),
                      Column(tr("By"), lambda e: e.actor),
                      Column(tr("Entry"), lambda e: " ".join(e.text.split()),
                             tooltip=lambda e: e.text)])


def cadence_model(clock: Clock, zone: Callable[[], str]) -> RowsModel[CadenceStatus]:
    def overdue(c: CadenceStatus) -> bool:
        return clock() > datetime.fromisoformat(c.next_due_at.replace("Z", "+00:00"))

    return RowsModel([Column(tr("Audience"), lambda c: c.audience),
                      Column(tr("Every"), lambda c: tr("{h} h").format(h=c.every_hours)),
                      Column(tr("Last update"), lambda c: local_time(c.last_at, zone())
                             or tr("none yet")),
                      Column(tr("Next update due"), lambda c: local_time(c.next_due_at, zone())),
                      Column(tr("Status"), lambda c: tr("update overdue") if overdue(c)
                             else tr("on schedule"))],
                     tone=lambda c: "error" if overdue(c) else "")
