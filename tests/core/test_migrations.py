from __future__ import annotations

import pytest

from binder.errors import SchemaTooNewError
from binder.session import unlock_any
from binder.storage import migrations, schema


def test_new_binder_has_every_migration(session) -> None:
    assert migrations.applied_names(session.db) == [s.__name__ for s in schema.STEPS]
    assert migrations.schema_version(session.db) == len(schema.STEPS)


def test_newer_schema_is_refused_and_left_alone(binder_file) -> None:
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        s.db["_sqlite_migrations"].insert({"migration_set": migrations.MIGRATION_SET,
                                           "name": "m999_from_the_future",
                                           "applied_at": "2030-01-01"})
        s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = binder_file.path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer version"):
        unlock_any(binder_file.path, passphrase=binder_file.passphrase)
    assert binder_file.path.read_bytes() == before


def test_pending_migration_backs_up_first(binder_file) -> None:
    if len(schema.STEPS) < 2:
        pytest.skip("needs two migrations")
    last = schema.STEPS[-1].__name__
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        s.db.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [last])
        for table in schema.TABLES_BY_STEP.get(last, ()):
            s.db.execute(f"DROP TABLE IF EXISTS [{table}]")
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        assert last in migrations.applied_names(s.db)
    backups = list(binder_file.path.parent.glob("*.before-schema-*"))
    assert len(backups) == 1
    assert not backups[0].read_bytes().startswith(b"SQLite format 3")
    # Read the backup directly: opening it as a binder would migrate it.
    from binder.keys import recovery
    from binder.storage import connection

    db = connection.connect(backups[0], recovery.decode(binder_file.recovery_key))
    try:
        assert last not in migrations.applied_names(db)
    finally:
        db.close()
