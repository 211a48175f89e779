"""Acceptance criterion 1: canary strings never reach the disk in plaintext."""

from __future__ import annotations

import uuid

from binder.models import Contact
from binder.services.exporter import export_document
from binder.services.records import RecordService
from binder.services.search import SearchService
from binder.session import unlock_any
from binder.storage.meta_repo import MetaRepo
from tests.helpers.scan import canary_forms, files_containing, places


def test_canaries_written_through_the_core_never_hit_disk(binder_file, isolated_paths) -> None:
    canary = "CANARY" + uuid.uuid4().hex
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        meta = MetaRepo(s.db)
        with s.db.atomic():
            meta.set("canary-ascii", canary * 3, table="settings")
            meta.set("canary-utf16", canary.encode("utf-16-le").decode("latin-1"), table="settings")
        service = RecordService(s.db, "tester")
        service.add(Contact(name=f"{canary} Person", notes=f"notes {canary}",
                            job_title=canary.encode("utf-16-le").decode("latin-1")))
        assert SearchService(s.db).search(canary)  # the FTS index holds it
        export_document(s.db)  # building an export in memory writes nothing
        # Sorting a big result would spill to a temp file if temp_store were FILE.
        s.db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<50000) "
                     "SELECT ? || i AS v FROM n ORDER BY v DESC", [canary]).fetchall()
        hits_open = files_containing(canary, places(binder_file.path.parent, isolated_paths))
    hits_closed = files_containing(canary, places(binder_file.path.parent, isolated_paths))
    assert hits_open == [] and hits_closed == []


def test_scanner_finds_a_planted_canary(tmp_path) -> None:
    # The scan itself must be able to fail.
    canary = "CANARY" + uuid.uuid4().hex
    (tmp_path / "plain.txt").write_bytes(b"xx" + canary_forms(canary)[1] + b"yy")
    assert files_containing(canary, [tmp_path]) == [tmp_path / "plain.txt"]
