"""All-or-nothing import with a preview: plan first, then apply.

A plan says, per incoming record, whether it is new, an update (with the
field changes) or unchanged, and which existing people the file does not
mention ("missing": flagged for review, never deleted). Any problem anywhere
(a bad line, a bad phone number, a duplicate) means nothing is imported.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from binder.errors import BinderError, ImportFormatError, ValidationErrors
from binder.models import MODEL_FOR, ChangeSet, Contact, FieldChange, Kind, Record
from binder.services.records import RecordService, diff, utc_now
from binder.services.settings import SettingsService
from binder.services.validation import Validator
from binder.services.exporter import EXPORT_FORMAT

MERGED_LISTS = ("phones", "emails", "roles", "deputies")
_ENVELOPE_EXACT = ("id", "created_at", "updated_at", "deleted_at", "verified_at", "verified_by",
                   "version")


@dataclass(frozen=True)
class Problem:
    line: int | None
    field: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "field": self.field, "reason": self.reason}

    def __str__(self) -> str:
        where = ", ".join(p for p in (f"line {self.line}" if self.line else "",
                                      f"field {self.field}" if self.field else "") if p)
        return f"{where}: {self.reason}" if where else self.reason


@dataclass(frozen=True)
class PlanItem:
    action: str  # add | update | unchanged
    record: Record  # what will be stored
    line: int | None
    existing_id: str | None = None
    changes: tuple[FieldChange, ...] = ()
    matched_by: str | None = None


@dataclass
class ImportPlan:
    format: str
    items: list[PlanItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    missing: list[Record] = field(default_factory=list)
    exact: bool = False  # JSON: ids and timestamps are kept as given
    settings: dict[str, Any] | None = None

    def count(self, action: str) -> int:
        return sum(1 for i in self.items if i.action == action)

    def summary(self) -> dict[str, Any]:
        return {"format": self.format, "added": self.count("add"),
                "updated": self.count("update"), "unchanged": self.count("unchanged"),
                "missing": [{"id": r.id, "title": r.title} for r in self.missing],
                "errors": [p.to_dict() for p in self.problems],
                "changes": [{"line": i.line, "action": i.action, "id": i.record.id,
                             "title": i.record.title, "matched_by": i.matched_by,
                             "fields": [c.field for c in i.changes]}
                            for i in self.items if i.action != "unchanged"]}


class Importer:
    def __init__(self, service: RecordService) -> None:
        self.service = service
        self.db = service.db

    # --- planning -------------------------------------------------------------

    def plan(self, data: bytes, *, fmt: str, path: str = "") -> ImportPlan:
        if fmt == "json":
            return self._plan_json(data, path)
        from binder.io import csv_contacts, vcard

        parsed = (csv_contacts.parse_csv(data, path=path) if fmt == "csv"
                  else vcard.parse_vcard(data, path=path))
        plan = ImportPlan(format=parsed.format)
        plan.problems += [Problem(p.line, None if p.column is None else str(p.column), p.reason)
                          for p in parsed.problems]
        self._plan_contacts(plan, [(pc.contact, pc.line) for pc in parsed.contacts])
        return plan

    def _validator(self, incoming: dict[str, Kind]) -> Validator:
        repo = self.service.repo

        def exists(rid: str, kind: Kind) -> bool:
            if incoming.get(rid) == kind:
                return True
            rec = repo.get(rid)
            return rec is not None and rec.kind == kind and rec.deleted_at is None
        return Validator(self.service.settings.phone_region(), exists)

    def _check(self, validator: Validator, record: Record, line: int | None,
               plan: ImportPlan) -> Record | None:
        try:
            return validator.check(record)
        except ValidationErrors as exc:
            plan.problems += [Problem(line, e.field, e.message) for e in exc.errors]
            return None

    def _plan_contacts(self, plan: ImportPlan, incoming: Sequence[tuple[Contact, int]]) -> None:
        validator = self._validator({})
        claimed: dict[str, int] = {}
        seen_keys: dict[str, int] = {}
        for contact, line in incoming:
            checked = self._check(validator, dataclasses.replace(contact, deputies=()), line, plan)
            if checked is None:
                continue
            assert isinstance(checked, Contact)
            for key in _keys(checked):
                if key in seen_keys:
                    plan.problems.append(Problem(line, None, f"the same person as line "
                                                 f"{seen_keys[key]} ({key.split(':', 1)[1]})"))
                    break
                seen_keys[key] = line
            existing, how = self._match(checked)
            if existing is not None and existing.id in claimed:
                plan.problems.append(Problem(line, None, f"matches the same person as line "
                                             f"{claimed[existing.id]} ({existing.title})"))
                continue
            if existing is None:
                plan.items.append(PlanItem("add", checked, line))
                continue
            claimed[existing.id] = line
            merged = merge_contact(existing, checked)
            changes = diff(existing, merged)
            plan.items.append(PlanItem("update" if changes else "unchanged", merged, line,
                                       existing.id, changes, how))
        mentioned = set(claimed)
        plan.missing = [r for r in self.service.list(Kind.CONTACT) if r.id not in mentioned]

    def _match(self, contact: Contact) -> tuple[Contact | None, str | None]:
        repo = self.service.repo
        if contact.id:
            rec = repo.get(contact.id)
            if isinstance(rec, Contact) and rec.deleted_at is None:
                return rec, "id"
        for key_type, values in (("email", [e.address.lower() for e in contact.emails]),
                                 ("phone", [p.e164 for p in contact.phones if p.e164])):
            for value in values:
                for rid in repo.ids_by_key(key_type, value):
                    rec = repo.get(rid)
                    if isinstance(rec, Contact):
                        return rec, key_type
        return None, None

    def _plan_json(self, data: bytes, path: str) -> ImportPlan:
        plan = ImportPlan(format="json", exact=True)
        try:
            text = data.decode("utf-8-sig")
            document = json.loads(text)
        except UnicodeDecodeError as exc:
            raise ImportFormatError(f"not UTF-8 text (byte {exc.start})", path=path) from None
        except json.JSONDecodeError as exc:
            raise ImportFormatError(exc.msg, line=exc.lineno, column=exc.colno, path=path) from None
        if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
            raise ImportFormatError("not a Crisis Binder JSON export (no \"format\": "
                                    f"\"{EXPORT_FORMAT}\")", line=1, path=path)
        raw_records = document.get("records")
        if not isinstance(raw_records, list):
            raise ImportFormatError("\"records\" must be a list", path=path)
        lines = record_lines(text)
        plan.settings = document.get("settings") if isinstance(document.get("settings"), dict) else None
        records: list[tuple[Record, int | None]] = []
        for n, raw in enumerate(raw_records):
            line = lines[n] if n < len(lines) else None
            record = _record_from_json(raw, n, line, plan)
            if record is not None:
                records.append((record, line))
        incoming = {r.id: r.kind for r, _ in records if r.deleted_at is None}
        validator = self._validator(incoming)
        ids: set[str] = set()
        for record, line in records:
            if record.id in ids:
                plan.problems.append(Problem(line, "id", f"id {record.id} appears twice"))
                continue
            ids.add(record.id)
            checked = record if record.deleted_at else self._check(validator, record, line, plan)
            if checked is None:
                continue
            existing = self.service.repo.get(record.id) or self._natural_match(record)
            if existing is None:
                plan.items.append(PlanItem("add", checked, line))
            elif existing.to_dict() == checked.to_dict():
                plan.items.append(PlanItem("unchanged", checked, line, existing.id))
            else:
                plan.items.append(PlanItem("update", checked, line, existing.id,
                                           diff(existing, checked),
                                           "id" if existing.id == record.id else "key"))
        return plan

    def _natural_match(self, record: Record) -> Record | None:
        from binder.services.indexing import match_keys

        for key_type, value in match_keys(record):
            if key_type in ("template", "checklist", "duty"):
                for rid in self.service.repo.ids_by_key(key_type, value):
                    return self.service.repo.get(rid)
        return None

    # --- applying ---------------------------------------------------------------

    def apply(self, plan: ImportPlan, only: Iterable[int] | None = None) -> ChangeSet:
        """Apply the plan (or only the items at the given indexes) in one transaction."""
        if plan.problems:
            raise BinderError(f"Nothing was imported: {len(plan.problems)} problem(s), first: "
                              f"{plan.problems[0]}.")
        chosen = set(only) if only is not None else None
        added, updated, kinds = [], [], set()
        now = utc_now()
        with self.db.atomic():
            # Records may point at records later in the file (deputies).
            self.db.execute("PRAGMA defer_foreign_keys = ON")
            if plan.settings:
                fields = {k: v for k, v in plan.settings.items()}
                SettingsService(self.db).update(**fields)
            for index, item in enumerate(plan.items):
                if item.action == "unchanged" or (chosen is not None and index not in chosen):
                    continue
                record = item.record
                if plan.exact:
                    if item.existing_id and item.existing_id != record.id:
                        self.service.repo.rename(item.existing_id, record.id)
                    self.service.put_exact(record, action="import")
                elif item.action == "add":
                    record, _ = self.service.add(record, action="import", validated=True)
                else:
                    record = dataclasses.replace(record, updated_at=now)
                    record, _ = self.service.replace(record, action="import", validated=True)
                (added if item.action == "add" else updated).append(record.id)
                kinds.add(record.kind)
        return ChangeSet(added=tuple(added), updated=tuple(updated), kinds=frozenset(kinds))


def _keys(contact: Contact) -> list[str]:
    return ([f"email:{e.address.lower()}" for e in contact.emails] +
            [f"phone:{p.e164}" for p in contact.phones if p.e164])


def merge_contact(existing: Contact, incoming: Contact) -> Contact:
    """The file refreshes what it has; nothing the binder holds is lost.

    Plain fields: a non-empty incoming value replaces. Phones and emails: the
    union, incoming labels winning for the same number or address. Roles:
    the union. Deputies, notes and flags the file does not carry stay.
    """
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Contact):
        if f.name in _ENVELOPE_EXACT or f.name in ("deputies",):
            continue
        new, old = getattr(incoming, f.name), getattr(existing, f.name)
        if f.name == "phones":
            values[f.name] = _union(old, new, lambda p: p.e164 or p.number)
        elif f.name == "emails":
            values[f.name] = _union(old, new, lambda e: e.address.lower())
        elif f.name == "roles":
            values[f.name] = tuple(dict.fromkeys((*old, *new)))
        elif f.name == "may_speak_publicly":
            values[f.name] = old or new
        elif new not in ("", None, ()):
            values[f.name] = new
    return dataclasses.replace(existing, **values)


def _union(old: tuple[Any, ...], new: tuple[Any, ...], key: Any) -> tuple[Any, ...]:
    by_key = {key(x): x for x in old}
    for x in new:
        by_key[key(x)] = x
    return tuple(by_key.values())


def _record_from_json(raw: Any, n: int, line: int | None, plan: ImportPlan) -> Record | None:
    where = f"records[{n}]"
    if not isinstance(raw, dict):
        plan.problems.append(Problem(line, where, "each record must be a JSON object"))
        return None
    try:
        model = MODEL_FOR[Kind(raw.get("kind"))]
    except ValueError:
        plan.problems.append(Problem(line, f"{where}.kind", f"unknown kind {raw.get('kind')!r}"))
        return None
    missing = [k for k in ("id", "created_at", "updated_at") if not raw.get(k)]
    if missing:
        plan.problems.append(Problem(line, where, "missing " + ", ".join(missing)))
        return None
    try:
        return model.from_dict(raw)
    except (TypeError, ValueError) as exc:
        plan.problems.append(Problem(line, where, f"fields do not fit a {model.kind.value}: "
                                     f"{exc}"))
        return None


def record_lines(text: str) -> list[int]:
    """Line numbers where each element of the top-level "records" array starts."""
    decoder = json.JSONDecoder()
    start = text.find('"records"')
    if start < 0:
        return []
    pos = text.find("[", start) + 1
    lines = []
    while pos > 0:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            break
        lines.append(text.count("\n", 0, pos) + 1)
        try:
            _value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            break
    return lines


def as_records(items: Sequence[PlanItem]) -> list[Record]:
    return [i.record for i in items]


