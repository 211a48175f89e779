"""Bringing a binder's regulators up to a newer shipped dataset.

Rows the user never edited are updated. Rows the user edited are left as
they are and reported field by field (theirs and the newly shipped value),
so nothing of theirs is overwritten. New duties are added.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from binder.content.regulators import RegulatorDataset, load_regulators
from binder.content.regulators_seed import duty_to_record, row_to_record
from binder.models import ChangeSet, Kind, Regulator
from binder.services.records import RecordService

_EDITABLE = tuple(f.name for f in dataclasses.fields(Regulator)
                  if f.name not in Regulator.ENVELOPE and f.name not in (
                      "details", "dataset_as_of", "applies_to_us", "user_edited", "notes"))


@dataclass(frozen=True)
class FieldDiff:
    field: str
    yours: Any
    shipped: Any


@dataclass
class DatasetUpdate:
    dataset_as_of: str
    added: list[Regulator] = field(default_factory=list)
    updated: list[tuple[Regulator, Regulator]] = field(default_factory=list)  # (before, after)
    kept: list[tuple[Regulator, list[FieldDiff]]] = field(default_factory=list)  # user-edited
    unchanged: int = 0

    def summary(self) -> dict[str, Any]:
        return {"dataset_as_of": self.dataset_as_of, "added": [r.duty_id for r in self.added],
                "updated": [a.duty_id for _b, a in self.updated], "unchanged": self.unchanged,
                "kept_your_edits": [{"duty_id": r.duty_id, "fields": [vars(d) for d in diffs]}
                                    for r, diffs in self.kept]}


def _fields(reg: Regulator) -> dict[str, Any]:
    return {name: getattr(reg, name) for name in _EDITABLE}


def user_edits(record: Regulator) -> list[str]:
    """Fields where the record differs from the shipped row it came from."""
    if not record.details.get("id"):
        return list(_EDITABLE)
    shipped = row_to_record(record.details, record.dataset_as_of)
    return [name for name in _EDITABLE if getattr(record, name) != getattr(shipped, name)]


def plan(service: RecordService, dataset: RegulatorDataset | None = None) -> DatasetUpdate:
    data = dataset or load_regulators()
    as_of = data.as_of.isoformat()
    current = {r.duty_id: r for r in service.list(Kind.REGULATOR) if isinstance(r, Regulator)}
    update = DatasetUpdate(as_of)
    for duty in data.duties:
        new = duty_to_record(duty, as_of)
        old = current.get(duty.id)
        if old is None:
            update.added.append(new)
        elif old.details == new.details:
            update.unchanged += 1
        elif user_edits(old):
            diffs = [FieldDiff(n, getattr(old, n), getattr(new, n)) for n in _EDITABLE
                     if getattr(old, n) != getattr(new, n)]
            update.kept.append((old, diffs))
        else:
            after = dataclasses.replace(old, **_fields(new), details=new.details,
                                        dataset_as_of=as_of)
            update.updated.append((old, after))
    return update


def apply(service: RecordService, update: DatasetUpdate) -> ChangeSet:
    added, changed = [], []
    with service.db.atomic():
        for record in update.added:
            stored, _ = service.add(record, action="dataset-update")
            added.append(stored.id)
        for _before, after in update.updated:
            stored, _ = service.replace(after, action="dataset-update")
            changed.append(stored.id)
    return ChangeSet(added=tuple(added), updated=tuple(changed),
                     kinds=frozenset({Kind.REGULATOR}))
