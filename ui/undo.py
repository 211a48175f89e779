"""Undo of record edits, kept as (before, after) dataclasses.

undo = ``replace(before)`` for an edit, ``delete`` for an add, ``restore``
(plus putting back any references a forced delete removed) for a delete.
The stack lives in memory only and is emptied on lock, so no record data
outlives an unlocked session.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the controller builds its stack before any binder is unlocked
    from binder.models import ChangeSet, Record
    from binder.services.records import RecordService

MAX_DEPTH = 50


@dataclass(frozen=True)
class UndoEntry:
    label: str
    pairs: tuple[tuple[Record | None, Record | None], ...]  # (before, after) per record


def _merge(a: ChangeSet, b: ChangeSet) -> ChangeSet:
    from binder.models import ChangeSet

    return ChangeSet(added=a.added + b.added, updated=a.updated + b.updated,
                     deleted=a.deleted + b.deleted, kinds=a.kinds | b.kinds)


class UndoStack:
    def __init__(self) -> None:
        self._entries: list[UndoEntry] = []

    def push(self, label: str, *pairs: tuple[Record | None, Record | None]) -> None:
        self._entries.append(UndoEntry(label, tuple(pairs)))
        del self._entries[:-MAX_DEPTH]

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def next_label(self) -> str | None:
        return self._entries[-1].label if self._entries else None

    def undo(self, service: RecordService) -> tuple[UndoEntry, ChangeSet] | None:
        """Reverse the last entry. On a BinderError the entry stays on the stack."""
        if not self._entries:
            return None
        from binder.models import ChangeSet

        entry = self._entries[-1]
        result = ChangeSet()
        # Restore deleted records first: references put back below need them alive.
        for before, after in entry.pairs:
            if before is not None and after is not None and after.deleted_at and not before.deleted_at:
                result = _merge(result, service.restore(after.id))
        for before, after in entry.pairs:
            if before is None and after is not None:
                result = _merge(result, service.delete(after.id, force=True))
            elif before is not None:
                current = service.get(before.id)
                wanted = dataclasses.replace(before, deleted_at=None)
                if current.deleted_at is None and _differs(current, wanted):
                    _record, changes = service.replace(wanted)
                    result = _merge(result, changes)
        self._entries.pop()
        return entry, result


def _differs(current: Record, wanted: Record) -> bool:
    return current.body() != wanted.body() or current.verified_at != wanted.verified_at \
        or current.verified_by != wanted.verified_by
