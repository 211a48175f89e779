"""The review: keeping every person, organisation, regulator entry and template current.

A record is due when it was never confirmed, when its last confirmation is
older than the review interval for its kind, or when it was flagged after
its last confirmation (missing from an imported list, a phone check that did
not get through). Flags live in ``binder_meta`` and clear themselves once the
record is confirmed again. Phone checks are history entries (action "call").
A refresh round starts with the first review action and lasts one interval;
its summary (confirmed, changed, added, removed, still due) is what the
printed binder's cover states as its "as of".
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, cast

from binder.errors import BinderError
from binder.models import (ROLES, ChangeSet, Contact, FieldChange, HistoryEntry, Kind,
                           Organization, Record, Regulator, TemplateRecord)
from binder.services import records as _records
from binder.services.importer import Importer, ImportPlan
from binder.services.records import RecordService, is_stale, review_interval
from binder.services.team_copy import json_meta, parse_utc, utc_iso
from binder.storage import connection
from binder.storage.meta_repo import MetaRepo

REVIEWED_KINDS = (Kind.CONTACT, Kind.ORGANIZATION, Kind.REGULATOR, Kind.TEMPLATE)
FLAGS_KEY = "review_flags"
ROUND_KEY = "review_round_started_at"
NOTICE_KEY = "review_notice_on"


def _now(now: datetime | None) -> datetime:
    # The records' own clock, so review times and record stamps always agree.
    return (now or parse_utc(_records.utc_now())).astimezone(timezone.utc).replace(microsecond=0)


@dataclass(frozen=True)
class RecordRef:
    id: str
    kind: str
    title: str

    @classmethod
    def of(cls, record: Record) -> RecordRef:
        return cls(record.id, record.kind.value, record.title)


@dataclass(frozen=True)
class ReviewItem:
    record: Record
    reason: str  # why it is due, in words
    flagged: bool
    phone: str | None  # the number a phone check calls

    def to_dict(self) -> dict[str, Any]:
        r = self.record
        return {"id": r.id, "kind": r.kind.value, "title": r.title, "reason": self.reason,
                "flagged": self.flagged, "verified_at": r.verified_at,
                "verified_by": r.verified_by, "phone": self.phone}


@dataclass(frozen=True)
class Progress:
    done: int  # reviewed this round (confirmed, changed or removed)
    remaining: int

    @property
    def total(self) -> int:
        return self.done + self.remaining


@dataclass(frozen=True)
class RefreshSummary:
    since: str | None  # the round's start; None: no review yet
    as_of: str | None  # the latest review activity in the round
    confirmed: tuple[RecordRef, ...] = ()
    changed: tuple[RecordRef, ...] = ()
    added: tuple[RecordRef, ...] = ()
    removed: tuple[RecordRef, ...] = ()
    calls_reached: int = 0
    calls_not_reached: int = 0
    still_due: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"cover_line": self.cover_line()}

    def cover_line(self) -> str:
        """The sentence the printed binder's cover carries."""
        if self.as_of is None:
            return f"Not reviewed yet; {self.still_due} entries are due for review."
        return (f"Reviewed as of {self.as_of[:10]}: {len(self.confirmed)} confirmed, "
                f"{len(self.changed)} changed, {len(self.added)} added, {len(self.removed)} "
                f"removed; {self.still_due} still due.")


def contact_number(record: Record) -> str | None:
    if isinstance(record, Contact):
        best = record.best_phone()
        return best.number if best else None
    if isinstance(record, Organization):
        return record.hotline or (record.phones[0].number if record.phones else None)
    return None


class ReviewService:
    def __init__(self, service: RecordService) -> None:
        self.service = service
        self.db = service.db
        self.meta = MetaRepo(service.db)

    # --- what is due ------------------------------------------------------------

    def flags(self) -> dict[str, dict[str, str]]:
        return json_meta(self.db, FLAGS_KEY)

    def _active_flag(self, record: Record, flags: dict[str, dict[str, str]]) -> str | None:
        flag = flags.get(record.id)
        if not flag or record.deleted_at:
            return None
        if record.verified_at and parse_utc(record.verified_at) >= parse_utc(flag["at"]):
            return None  # confirmed since: the flag has done its job
        return flag["reason"]

    def queue(self, now: datetime | None = None) -> list[ReviewItem]:
        """Due records, people first; within a kind flagged, never confirmed, then oldest."""
        now = _now(now)
        settings, flags = self.service.settings.get(), self.flags()
        items = []
        for record in self.service.list():
            if record.kind not in REVIEWED_KINDS:
                continue
            flag = self._active_flag(record, flags)
            if flag is None and not is_stale(record, settings, now):
                continue
            if flag is not None:
                reason = flag
            elif record.verified_at is None:
                reason = "never confirmed"
            else:
                days = (now - parse_utc(record.verified_at)).days
                reason = (f"last confirmed {record.verified_at[:10]} ({days} days ago; "
                          f"due every {review_interval(settings, record.kind)} days)")
            items.append(ReviewItem(record, reason, flag is not None, contact_number(record)))
        items.sort(key=lambda i: (REVIEWED_KINDS.index(i.record.kind), not i.flagged,
                                  i.record.verified_at or "", i.record.title.casefold()))
        return items

    def summary(self, now: datetime | None = None) -> RefreshSummary:
        now = _now(now)
        due = len(self.queue(now))
        started = self.meta.get(ROUND_KEY)
        if not started:
            return RefreshSummary(None, None, still_due=due)
        since = parse_utc(started)

        def after(text: str | None) -> bool:
            return bool(text) and parse_utc(text or "") >= since

        buckets: dict[str, list[Record]] = {"confirmed": [], "changed": [], "added": [],
                                            "removed": []}
        stamps = [since]
        for r in self.service.list(include_deleted=True):
            if r.kind not in REVIEWED_KINDS:
                continue
            bucket = ("removed" if after(r.deleted_at) else None if r.deleted_at else
                      "added" if after(r.created_at) else "changed" if after(r.updated_at) else
                      "confirmed" if after(r.verified_at) else None)
            if bucket:
                buckets[bucket].append(r)
                stamps += [parse_utc(t) for t in (r.updated_at, r.verified_at, r.deleted_at)
                           if t and parse_utc(t) >= since]
        reached = not_reached = 0
        touched = [r for rs in buckets.values() for r in rs] + [
            r for r in (self.service.repo.get(rid) for rid in self.flags()) if r is not None]
        for r in {r.id: r for r in touched}.values():
            # cast: RecordsRepo's method named "list" hides the builtin in its annotations.
            history = cast("Sequence[HistoryEntry]", self.service.repo.history(r.id))
            for entry in history:
                if entry.action == "call" and parse_utc(entry.at) >= since:
                    stamps.append(parse_utc(entry.at))
                    got = next((c.after for c in entry.changes if c.field == "reached"), False)
                    reached, not_reached = reached + bool(got), not_reached + (not got)
        refs = {k: tuple(RecordRef.of(r) for r in v) for k, v in buckets.items()}
        return RefreshSummary(started, utc_iso(max(stamps)), refs["confirmed"], refs["changed"],
                              refs["added"], refs["removed"], reached, not_reached, due)

    def progress(self, now: datetime | None = None) -> Progress:
        s = self.summary(now)
        return Progress(len(s.confirmed) + len(s.changed) + len(s.removed), s.still_due)

    # --- review actions -----------------------------------------------------------

    def _start_round(self, now: datetime) -> None:
        """A round lasts one review interval; the first action after it starts the next."""
        started = self.meta.get(ROUND_KEY)
        days = self.service.settings.get().review_interval_days
        if not started or parse_utc(started) + timedelta(days=days) < now:
            self.meta.set(ROUND_KEY, utc_iso(now))

    def confirm(self, record_ids: Iterable[str], *, by: str | None = None,
                note: str | None = None, now: datetime | None = None) -> ChangeSet:
        """Confirm unchanged: stamps verified at/by."""
        with self.db.atomic():
            self._start_round(_now(now))
            return self.service.verify(list(record_ids), by=by, note=note)

    def edit(self, record_id: str, *, by: str | None = None,
             **changes: Any) -> tuple[Record, ChangeSet]:
        """Correct a record during the review; the corrected record counts as confirmed."""
        with self.db.atomic():
            self._start_round(_now(None))
            record, changed = self.service.update(record_id, **changes)
            self.service.verify([record.id], by=by)
        return self.service.get(record.id), changed

    def remove(self, record_id: str, *, force: bool = False) -> ChangeSet:
        with self.db.atomic():
            self._start_round(_now(None))
            return self.service.delete(record_id, force=force)

    def call(self, record_id: str, *, reached: bool, note: str | None = None,
             number: str | None = None, by: str | None = None,
             now: datetime | None = None) -> ChangeSet:
        """Log a phone check with its time. Reached: the record is confirmed; not
        reached: it is flagged and stays in the queue."""
        moment = _now(now)
        record = self.service.get(record_id)
        number = number or contact_number(record)
        changes = (FieldChange("reached", None, reached), FieldChange("number", None, number),
                   *((FieldChange("note", None, note),) if note else ()))
        with self.db.atomic():
            self._start_round(moment)
            self.service.repo.add_history(HistoryEntry(record.id, utc_iso(moment),
                                                       by or self.service.actor, "call", changes))
            if reached:
                return self.service.verify([record.id], by=by,
                                           note=f"phone check: reached on {number or 'phone'}")
            # The call entry is the record of it; the flag only keeps it in the queue.
            self._flag([record], f"called {utc_iso(moment)[:16].replace('T', ' ')} UTC, "
                                 "not reached", moment, log=False)
        return ChangeSet(updated=(record.id,), kinds=frozenset({record.kind}))

    def flag(self, records: Sequence[Record], reason: str, *,
             now: datetime | None = None) -> None:
        """Put records in the queue with a reason, whatever their last confirmation."""
        with self.db.atomic():
            self._flag(records, reason, _now(now))

    def _flag(self, records: Sequence[Record], reason: str, moment: datetime, *,
              log: bool = True) -> None:
        flags = {rid: f for rid, f in self.flags().items()
                 if (r := self.service.repo.get(rid)) is not None
                 and self._active_flag(r, {rid: f}) is not None}
        for record in records:
            flags[record.id] = {"at": utc_iso(moment), "reason": reason}
            if log:
                self.service.repo.add_history(HistoryEntry(
                    record.id, utc_iso(moment), self.service.actor, "flag",
                    (FieldChange("reason", None, reason),)))
        self.meta.set(FLAGS_KEY, json.dumps(flags, sort_keys=True))
        self._start_round(moment)

    def apply_import(self, importer: Importer, plan: ImportPlan, *,
                     only: Iterable[int] | None = None, source: str = "the imported list",
                     now: datetime | None = None) -> ChangeSet:
        """Apply the chosen items of an import diff; people the list does not
        mention are flagged for review, never deleted."""
        moment = _now(now)
        with self.db.atomic():
            changes = importer.apply(plan, only=only)
            if plan.missing:
                self._flag(plan.missing, f"not in {source} ({utc_iso(moment)[:10]})", moment)
        return changes

    # --- the calm notice at opening ---------------------------------------------

    def opening_notice(self, now: datetime | None = None, *,
                       remember: bool = True) -> str | None:
        """One calm sentence when a review is due; with ``remember``, once a day."""
        moment = _now(now)
        today = moment.date().isoformat()
        if remember and self.meta.get(NOTICE_KEY) == today:
            return None  # checked first: the queue costs a pass over every record
        items = self.queue(moment)
        if not items:
            return None
        if remember:
            try:
                with self.db.atomic():
                    self.meta.set(NOTICE_KEY, today)
            except connection.OperationalError:
                pass  # read-only media: say it again next time rather than fail
        flagged = sum(i.flagged for i in items)
        extra = f" ({flagged} flagged)" if flagged else ""
        return (f"Review due: {len(items)} entries{extra} have not been confirmed within "
                "their review interval. No hurry: go through the review queue when you "
                "have a moment.")


# --- the paper review sheet ---------------------------------------------------------

@dataclass(frozen=True)
class SheetRow:
    short_id: str  # what is typed afterwards: 'review confirm <short ids>'
    record_id: str
    kind: str
    name: str
    detail: str
    numbers: tuple[str, ...]
    last_confirmed: str


@dataclass(frozen=True)
class SheetGroup:
    key: str
    label: str
    rows: tuple[SheetRow, ...]


@dataclass(frozen=True)
class ReviewSheetData:
    organisation: str
    classification: str
    as_of: str
    page_size: str
    groups: tuple[SheetGroup, ...]


def _group_of(record: Record) -> tuple[str, str]:
    if isinstance(record, Contact):
        role = next((r for r in ROLES if r in record.roles), None)
        return (role, ROLES[role]) if role else ("no-role", "People without a crisis role")
    return {Kind.ORGANIZATION: ("outside-parties", "Outside parties"),
            Kind.REGULATOR: ("regulators", "Regulators"),
            Kind.TEMPLATE: ("templates", "Templates")}[record.kind]


def _row(record: Record) -> SheetRow:
    numbers: tuple[str, ...] = ()
    detail = ""
    if isinstance(record, Contact):
        best = record.best_phone()
        ordered = ([best] if best else []) + [p for p in record.phones if p is not best]
        numbers = tuple(f"{p.number} ({p.label})" for p in ordered)
        detail = " · ".join(x for x in (record.job_title, record.organization) if x)
    elif isinstance(record, Organization):
        numbers = tuple(([f"{record.hotline} (hotline)"] if record.hotline else []) +
                        [f"{p.number} ({p.label})" for p in record.phones])
        detail = record.org_kind.replace("_", " ")
    elif isinstance(record, Regulator):
        detail = record.notify_how  # the title already names regime and authority
    elif isinstance(record, TemplateRecord):
        detail = f"status: {record.status}"
    return SheetRow(record.id[:8], record.id, record.kind.value, record.title, detail, numbers,
                    (record.verified_at or "never")[:10])


def review_sheet_data(service: RecordService, *, group: str | None = None,
                      include_all: bool = False, now: datetime | None = None) -> ReviewSheetData:
    """Rows to tick on paper, one table per crisis role or kind; ``group`` picks one."""
    moment = _now(now)
    records = ([r for r in service.list() if r.kind in REVIEWED_KINDS] if include_all
               else [i.record for i in ReviewService(service).queue(moment)])
    order = [*ROLES, "no-role", "outside-parties", "regulators", "templates"]
    grouped: dict[str, tuple[str, list[SheetRow]]] = {}
    for record in records:
        key, label = _group_of(record)
        grouped.setdefault(key, (label, []))[1].append(_row(record))
    if group is not None:
        wanted = group.strip().casefold()
        grouped = {k: v for k, v in grouped.items()
                   if wanted in (k.casefold(), v[0].casefold())}
        if not grouped:
            raise BinderError(f"No entries due for '{group}'. Groups: "
                              + ", ".join(k for k in order if k in {
                                  _group_of(r)[0] for r in records}) + ".")
    settings = service.settings.get()
    return ReviewSheetData(
        settings.organisation, settings.classification, moment.date().isoformat(),
        settings.page_size,
        tuple(SheetGroup(k, grouped[k][0], tuple(sorted(grouped[k][1],
                                                        key=lambda r: r.name.casefold())))
              for k in order if k in grouped))
