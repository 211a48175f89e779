"""RecordService: add, edit, delete (tombstone), restore, verify, history.

Every mutation runs in one transaction, writes field-level history, keeps the
search index and match keys in step, and returns a ChangeSet for the UI.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

from binder.errors import BinderError, NotFoundError, ValidationError, ValidationErrors
from binder.models import (ChangeSet, Contact, FieldChange, HistoryEntry, Kind, Organization,
                           Record, Settings)
from binder.services import indexing
from binder.services.settings import SettingsService
from binder.services.validation import Validator
from binder.storage.connection import Database
from binder.storage.records_repo import RecordsRepo

log = logging.getLogger(__name__)

_VOLATILE = {"updated_at", "version"}


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def diff(before: Record | None, after: Record) -> tuple[FieldChange, ...]:
    old = before.to_dict() if before else {}
    new = after.to_dict()
    return tuple(FieldChange(k, old.get(k), new.get(k)) for k in new
                 if k not in _VOLATILE and k != "kind" and old.get(k) != new.get(k))


def review_interval(settings: Settings, kind: Kind) -> int:
    return int(settings.review_overrides.get(kind.value, settings.review_interval_days))


def is_stale(record: Record, settings: Settings, now: datetime | None = None) -> bool:
    """Never verified, or verified longer ago than the review interval for its kind."""
    if record.verified_at is None:
        return True
    now = now or datetime.now(timezone.utc)
    return parse_time(record.verified_at) + timedelta(days=review_interval(settings, record.kind)) < now


class RecordService:
    def __init__(self, db: Database, actor: str = "unknown") -> None:
        self.db = db
        self.repo = RecordsRepo(db)
        self.settings = SettingsService(db)
        self.actor = actor

    # --- reading ------------------------------------------------------------

    def list(self, kind: Kind | None = None, *, include_deleted: bool = False,
             stale_only: bool = False, now: datetime | None = None) -> list[Record]:
        records = self.repo.list(kind, include_deleted=include_deleted)
        if stale_only:
            settings = self.settings.get()
            records = [r for r in records if is_stale(r, settings, now)]
        return records

    def get(self, record_id: str, kind: Kind | None = None) -> Record:
        record = self.repo.get(record_id)
        if record is None and len(record_id) >= 4:
            matches = self.repo.find_prefix(record_id)
            if len(matches) == 1:
                record = self.repo.get(matches[0])
            elif len(matches) > 1:
                raise NotFoundError(f"'{record_id}' matches several records; give more of the id.")
        if record is None or (kind is not None and record.kind != kind):
            what = kind.value if kind else "record"
            raise NotFoundError(f"There is no {what} with id '{record_id}'.")
        return record

    def history(self, record_id: str) -> list[HistoryEntry]:
        return self.repo.history(self.get(record_id).id)

    # --- writing --------------------------------------------------------------

    def _validator(self) -> Validator:
        def exists(rid: str, kind: Kind) -> bool:
            rec = self.repo.get(rid)
            return rec is not None and rec.kind == kind and rec.deleted_at is None
        return Validator(self.settings.phone_region(), exists)

    def _store(self, before: Record | None, record: Record, action: str,
               when: str | None = None) -> None:
        self.repo.put(record, keys=indexing.match_keys(record), links=indexing.links(record),
                      search_text=indexing.search_text(record))
        self.repo.add_history(HistoryEntry(record.id, when or record.updated_at, self.actor,
                                           action, diff(before, record)))

    def add(self, record: Record, *, action: str = "create",
            validated: bool = False) -> tuple[Record, ChangeSet]:
        """Add a record. ``validated``: the caller (an import plan) already ran the
        same validation on this exact record, so it is not repeated."""
        now = utc_now()
        # Whoever enters a record has just checked it: it counts as verified now.
        record = dataclasses.replace(record, id=record.id or str(uuid.uuid4()),
                                     created_at=record.created_at or now, updated_at=now,
                                     version=1, deleted_at=None,
                                     verified_at=record.verified_at or now,
                                     verified_by=record.verified_by or self._verifier(action))
        if self.repo.get(record.id) is not None:
            raise ValidationError("id", "duplicate", f"A record with id {record.id} exists.")
        if not validated:
            record = self._validator().check(record)
        with self.db.atomic():
            self._store(None, record, action)
        return record, ChangeSet(added=(record.id,), kinds=frozenset({record.kind}))

    def update(self, record_id: str, *, action: str = "update",
               **changes: Any) -> tuple[Record, ChangeSet]:
        current = self.get(record_id)
        return self.replace(dataclasses.replace(
            current, **_coerce(type(current), changes)), action=action)

    def replace(self, record: Record, *, action: str = "update",
                validated: bool = False) -> tuple[Record, ChangeSet]:
        """Save an edited copy of an existing record (the editor's Save)."""
        current = self.get(record.id, record.kind)
        if current.deleted_at is not None:
            raise BinderError("This record was deleted; restore it before editing.")
        now = utc_now()
        record = dataclasses.replace(record, created_at=current.created_at,
                                     deleted_at=None, version=current.version + 1,
                                     updated_at=now)
        if record.verified_at == current.verified_at and action != "dataset-update":
            # An edit is a fresh look at the record (unless the caller set the stamp).
            record = dataclasses.replace(record, verified_at=now,
                                         verified_by=self._verifier(action))
        if not validated:
            record = self._validator().check(record)
        if not diff(current, record):
            return current, ChangeSet()
        with self.db.atomic():
            self._store(current, record, action)
        return record, ChangeSet(updated=(record.id,), kinds=frozenset({record.kind}))

    def _verifier(self, action: str) -> str:
        if action == "seed":
            return "Crisis Binder (shipped content)"
        if action == "import":
            return f"{self.actor} (import)"
        return self.actor

    def dependents(self, record_id: str) -> list[tuple[Record, str]]:
        return [(self.get(fid), rel) for fid, rel in self.repo.linked_from(record_id)]

    def delete(self, record_id: str, *, force: bool = False) -> ChangeSet:
        """Tombstone a record. Records that point at it block the delete unless
        ``force``, which removes those references (recorded in their history)."""
        current = self.get(record_id)
        if current.deleted_at is not None:
            return ChangeSet()
        deps = self.dependents(current.id)
        if deps and not force:
            names = "; ".join(f"{r.title} ({rel.replace(':', ' for ')})" for r, rel in deps)
            raise BinderError(f"{current.title} is still referenced: {names}. Change those "
                              "first, or delete with force to remove the references.")
        now = utc_now()
        touched = []
        with self.db.atomic():
            for dep, _rel in deps:
                cleaned = _without_reference(dep, current.id)
                cleaned = dataclasses.replace(cleaned, version=dep.version + 1, updated_at=now)
                self._store(dep, cleaned, "update")
                touched.append(dep.id)
            gone = dataclasses.replace(current, deleted_at=now, updated_at=now,
                                       version=current.version + 1)
            self._store(current, gone, "delete")
        kinds = {current.kind} | ({Kind.CONTACT, Kind.ORGANIZATION} if touched else set())
        return ChangeSet(updated=tuple(touched), deleted=(current.id,), kinds=frozenset(kinds))

    def restore(self, record_id: str) -> ChangeSet:
        current = self.get(record_id)
        if current.deleted_at is None:
            return ChangeSet()
        restored = dataclasses.replace(current, deleted_at=None, updated_at=utc_now(),
                                       version=current.version + 1)
        restored = self._validator().check(restored)
        with self.db.atomic():
            self._store(current, restored, "restore")
        return ChangeSet(added=(restored.id,), kinds=frozenset({restored.kind}))

    def verify(self, record_ids: Iterable[str], *, by: str | None = None,
               note: str | None = None) -> ChangeSet:
        """Confirm records unchanged: stamps verified at/by, nothing else changes."""
        now = utc_now()
        done, kinds = [], set()
        with self.db.atomic():
            for rid in record_ids:
                current = self.get(rid)
                stamped = dataclasses.replace(current, verified_at=now,
                                              verified_by=by or self.actor,
                                              version=current.version + 1)
                self.repo.put(stamped, keys=indexing.match_keys(stamped),
                              links=indexing.links(stamped),
                              search_text=indexing.search_text(stamped))
                changes = diff(current, stamped)
                if note:
                    changes += (FieldChange("note", None, note),)
                self.repo.add_history(HistoryEntry(stamped.id, now, self.actor, "verify",
                                                   changes))
                done.append(stamped.id)
                kinds.add(stamped.kind)
        return ChangeSet(updated=tuple(done), kinds=frozenset(kinds))

    def put_exact(self, record: Record, *, action: str) -> None:
        """Store a record exactly as given (ids, timestamps): JSON import and merge.
        The caller has validated it (against the whole incoming set) and holds
        the transaction."""
        before = self.repo.get(record.id)
        self._store(before, record, action, when=utc_now())


def _without_reference(record: Record, target: str) -> Record:
    if isinstance(record, Contact):
        return dataclasses.replace(
            record, deputies=tuple(d for d in record.deputies if d.person_id != target),
            organization_id=None if record.organization_id == target else record.organization_id)
    if isinstance(record, Organization):
        return dataclasses.replace(record, people=tuple(p for p in record.people if p != target))
    return record


def _coerce(model: type[Record], changes: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(model)}
    unknown = sorted(set(changes) - names)
    if unknown:
        raise ValidationErrors([ValidationError(k, "unknown", f"'{k}' is not a field of a "
                                                f"{model.kind.value}.") for k in unknown])
    protected = sorted(set(changes) & {"id", "created_at", "updated_at", "version", "deleted_at"})
    if protected:
        raise ValidationErrors([ValidationError(k, "read_only", f"'{k}' cannot be edited.")
                                for k in protected])
    converted = _partial(model, changes)
    return {k: getattr(converted, k) for k in changes}


def _partial(model: type[Record], changes: dict[str, Any]) -> Record:
    # Build a throwaway instance so nested values (phones as dicts) get converted.
    base: dict[str, Any] = {f.name: f.default for f in dataclasses.fields(model)
                            if f.default is not dataclasses.MISSING}
    required = {f.name: "" for f in dataclasses.fields(model)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}  # type: ignore[misc]
    return model.from_dict({**required, **base, **changes})
