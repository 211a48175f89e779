"""Schema migrations (sqlite-utils Migrations), named and transactional.

A binder is backed up before any migration runs on it, and a binder whose
applied migrations include names this app does not know was written by a
newer version: it is refused rather than half-understood.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from binder.errors import SchemaTooNewError
from binder.storage import schema

log = logging.getLogger(__name__)

MIGRATION_SET = "crisis-binder"
migrations = Migrations(MIGRATION_SET)

for _step in schema.STEPS:
    migrations(name=_step.__name__)(_step)


def known_names() -> list[str]:
    return [m.__name__ for m in schema.STEPS]


def applied_names(db: Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


def schema_version(db: Database) -> int:
    return len(applied_names(db))


def apply(db: Database, binder: Path, backup: Callable[[Path], None]) -> list[str]:
    """Apply pending migrations; back up first when the binder already has data.

    ``backup`` writes an encrypted copy to the path it is given.
    """
    applied = applied_names(db)
    unknown = [n for n in applied if n not in known_names()]
    if unknown:
        raise SchemaTooNewError(
            f"{binder.name} was written by a newer version of Crisis Binder "
            f"(schema {len(applied)}, this app knows {len(known_names())}). "
            "Update the app to open it; nothing was changed.")
    pending = [m.name for m in migrations.pending(db)]
    if pending and applied:
        target = binder.with_name(f"{binder.stem}.before-schema-{len(known_names())}{binder.suffix}")
        backup(target)
        log.info("backed up before migrating to %s", target.name)
    migrations.apply(db)
    return pending
