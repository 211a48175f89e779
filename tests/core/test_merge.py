"""copy-for and merge: a new key for the teammate; diverged copies merged by id, with
conflicts reported, tombstones carried, both versions kept, and merging twice a no-op."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from binder.errors import BinderError, WrongKeyError
from binder.keys import recovery
from binder.models import Contact, Kind
from binder.services import backup
from binder.services.merge import merge, merge_file
from binder.services.records import RecordService
from binder.services.team_copy import copy_for, key_for, open_other
from binder.session import BinderSession, unlock_any
from binder.storage.meta_repo import MetaRepo
from tests.helpers.clock import Clock, install_clock

MATE = "Teammate-Copy-Passphrase-2026!"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return install_clock(monkeypatch)


@pytest.fixture
def team(session, tmp_path,
         clock: Clock) -> Iterator[tuple[BinderSession, BinderSession, dict[str, str]]]:
    ours = RecordService(session.db, "me")
    ids = {n: ours.add(Contact(name=n))[0].id for n in "ABCDEFGHI" if n != "F"}
    clock.advance(hours=1)
    copy = copy_for(session, tmp_path / "mate.db", MATE)
    mate = unlock_any(copy.path, passphrase=MATE)
    yield session, mate, ids
    mate.close()


def _snapshot(s: BinderSession) -> tuple[str, int]:
    records = [r.to_dict() for r in RecordService(s.db).list(include_deleted=True)]
    history = s.db.execute("SELECT count(*) FROM history").fetchone()[0]
    return json.dumps(records, sort_keys=True), history


def _titles(refs: list) -> list[str]:
    return sorted(r.title for r in refs)


def test_copy_has_its_own_key_id_and_origin(session, binder_file, tmp_path, clock) -> None:
    copy = copy_for(session, tmp_path / "mate.db", MATE, kit=tmp_path / "mate-kit.pdf")
    assert (tmp_path / "mate-kit.pdf").read_bytes().startswith(b"%PDF")
    assert recovery.decode(copy.recovery_key) != session.data_key
    with pytest.raises(WrongKeyError):
        unlock_any(copy.path, passphrase=binder_file.passphrase)
    with pytest.raises(WrongKeyError):
        unlock_any(copy.path, recovery_key=binder_file.recovery_key)
    with unlock_any(copy.path, passphrase=MATE) as mate:
        meta = MetaRepo(mate.db).all()
        assert meta["binder_id"] == copy.binder_id != session.binder_id
        assert meta["copy_of"] == session.binder_id and meta["copied_at"] == copy.copied_at
        assert {r.id for r in RecordService(mate.db).list()} == \
            {r.id for r in RecordService(session.db).list()}
    with unlock_any(copy.path, recovery_key=copy.recovery_key):
        pass
    assert not (tmp_path / "mate.db.partial").exists()
    with pytest.raises(BinderError, match="already exists"):
        copy_for(session, copy.path, MATE)


def test_merge_of_two_diverged_copies(team, clock) -> None:
    session, mate, ids = team
    ours, theirs = RecordService(session.db, "me"), RecordService(mate.db, "mate")
    theirs.update(ids["A"], job_title="General Counsel")          # only the copy: taken
    theirs.delete(ids["B"])                                        # tombstone carried
    added, _ = theirs.add(Contact(name="F"))                       # new in the copy
    ours.update(ids["C"], notes="ours only")                       # only here: stays
    ours.update(ids["D"], notes="D here")
    clock.advance(minutes=5)
    theirs.update(ids["D"], notes="D in the copy")                 # both; the copy is newer
    theirs.update(ids["E"], notes="E in the copy")
    clock.advance(minutes=5)
    ours.update(ids["E"], notes="E here")                          # both; here is newer
    theirs.update(ids["G"], notes="G edited in the copy")
    clock.advance(minutes=5)
    ours.delete(ids["G"])                                          # deletion newer than edit
    theirs.delete(ids["I"])
    clock.advance(minutes=5)
    ours.update(ids["I"], notes="I edited here after")             # edit newer than deletion
    theirs.verify([ids["H"]], by="Mate")                           # a confirmation comes across
    clock.advance(minutes=5)

    report = merge(session, mate.db, copy_file="mate.db")
    assert _titles(report.added) == ["F"] and _titles(report.updated) == ["A", "D"]
    assert _titles(report.deleted) == ["B"] and _titles(report.verified) == ["H"]
    assert report.kept_ours == 1  # C
    conflicts = {c.title: c for c in report.conflicts}
    assert {t: c.kept for t, c in conflicts.items()} == {
        "D": "the copy", "E": "this binder", "G": "this binder", "I": "this binder"}
    assert conflicts["G"].note == "deleted here" and conflicts["I"].note == "deleted in the copy"
    assert conflicts["D"].fields == ("notes",)
    assert report.backup and backup.list_backups(session.path)[0].reason == "before-merge"

    now = {r.title: r for r in ours.list(include_deleted=True)}
    assert now["A"].job_title == "General Counsel" and now["B"].deleted_at is not None
    assert now["F"].id == added.id and now["C"].notes == "ours only"
    assert now["D"].notes == "D in the copy" and now["E"].notes == "E here"
    assert now["G"].deleted_at is not None and now["I"].deleted_at is None
    assert now["H"].verified_by == "Mate"
    # Both versions stay in the history.
    d_merge, d_note = ours.history(ids["D"])[-2:]
    # Both edits also stamped verified at/by (an edit is a fresh look); the content
    # change is the notes.
    assert [(c.field, c.before, c.after) for c in d_merge.changes
            if c.field not in ("verified_at", "verified_by")] == [
        ("notes", "D here", "D in the copy")]
    assert d_note.action == "merge" and d_note.changes[0].field == "conflict"
    e_entry = ours.history(ids["E"])[-1]
    assert e_entry.action == "merge" and ("notes", "E here", "E in the copy") in [
        (c.field, c.before, c.after) for c in e_entry.changes]


def test_merging_twice_changes_nothing_and_later_edits_come_through(team, clock) -> None:
    session, mate, ids = team
    ours, theirs = RecordService(session.db, "me"), RecordService(mate.db, "mate")
    ours.update(ids["C"], notes="here")
    clock.advance(minutes=5)
    theirs.update(ids["C"], notes="copy")
    theirs.update(ids["A"], notes="copy")
    first = merge(session, mate.db)
    assert first.changes == 2 and len(first.conflicts) == 1
    snapshot = _snapshot(session)
    clock.advance(minutes=5)
    again = merge(session, mate.db)
    assert (again.changes, again.conflicts, again.backup) == (0, [], None)
    assert _snapshot(session) == snapshot
    # After a merge the divergence point moves on: a later edit in the copy is
    # simply taken, and an older one here is not a conflict any more.
    clock.advance(minutes=5)
    theirs.update(ids["C"], notes="copy, later")
    third = merge(session, mate.db)
    assert _titles(third.updated) == ["C"] and third.conflicts == []
    assert ours.get(ids["C"]).notes == "copy, later"  # type: ignore[attr-defined]


def test_dry_run_and_file_merge(team, clock, tmp_path) -> None:
    session, mate, ids = team
    RecordService(mate.db, "mate").update(ids["A"], notes="copy")
    path = mate.path
    mate.close()  # the teammate closed the app; merge_file takes the copy's lock
    key = key_for(path, passphrase=MATE)
    snapshot = _snapshot(session)
    preview = merge_file(session, path, key, dry_run=True)
    assert preview.dry_run and _titles(preview.updated) == ["A"]
    assert _snapshot(session) == snapshot and backup.list_backups(session.path) == []
    done = merge_file(session, path, key)
    assert _titles(done.updated) == ["A"]
    assert json.loads(json.dumps(done.to_dict()))["changes"] == 1
    other = open_other(path, key)  # the copy itself is untouched by a merge
    assert RecordService(other).get(ids["A"]).notes == "copy"  # type: ignore[attr-defined]
    other.conn.close()


def test_merge_refuses_the_binder_itself(session, binder_file) -> None:
    info = backup.make_backup(session)
    db = open_other(info.path, session.data_key)
    with pytest.raises(BinderError, match="this binder itself"):
        merge(session, db)
    db.conn.close()
    with pytest.raises(BinderError, match="this binder itself"):
        merge_file(session, binder_file.path, session.data_key)
    assert RecordService(session.db).list(Kind.CONTACT) == []
