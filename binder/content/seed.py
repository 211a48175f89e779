"""Load the shipped content into a binder: templates, checklists, regulators.

A new binder is useful on day one. Each item keeps its shipped id, so a
later app version can tell what it shipped from what the user changed.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterable

from binder.content.checklists import builtin_checklists, checklists_dir, record_values
from binder.content.templates import builtin_templates, templates_dir
from binder.models import ChangeSet, ChecklistRecord, Kind, Record, TemplateRecord
from binder.services.records import RecordService

log = logging.getLogger(__name__)


def template_records() -> list[TemplateRecord]:
    folder = templates_dir()
    out = []
    for t in builtin_templates():
        source = folder.joinpath(f"{t.id}.toml").read_text(encoding="utf-8")
        out.append(TemplateRecord(template_id=t.id, name=t.title, template_kind=t.kind,
                                  audience=t.audience, channel=t.channel,
                                  description=t.description, source=source, status="draft"))
    return out


def checklist_records() -> list[ChecklistRecord]:
    folder = checklists_dir()
    out = []
    for c in builtin_checklists():
        source = folder.joinpath(f"{c.id}.toml").read_text(encoding="utf-8")
        out.append(ChecklistRecord(**record_values(c), source=source, status="approved"))
    return out


def regulator_records() -> list[Record]:
    try:
        from binder.content.regulators_seed import regulator_records as load
    except ImportError:  # pragma: no cover - the dataset module is optional in old builds
        return []
    return list(load())


def seed_builtin(service: RecordService) -> ChangeSet:
    """Add every shipped item that the binder does not hold yet."""
    existing = {(r.kind, _key(r)) for r in service.list(include_deleted=True)}
    added: list[str] = []
    with service.db.atomic():
        for record in _all():
            if (record.kind, _key(record)) in existing:
                continue
            stored, _ = service.add(record, action="seed")
            added.append(stored.id)
    log.info("seeded %d built-in records", len(added))
    return ChangeSet(added=tuple(added), kinds=frozenset({Kind.TEMPLATE, Kind.CHECKLIST,
                                                          Kind.REGULATOR}))


def _all() -> Iterable[Record]:
    yield from template_records()
    yield from checklist_records()
    yield from regulator_records()


def _key(record: Record) -> str:
    return str(getattr(record, "template_id", None) or getattr(record, "checklist_id", None)
               or getattr(record, "duty_id", None) or record.id)


def parse_source(source: str) -> dict[str, object]:
    return tomllib.loads(source)
