"""Bring a teammate's edited copy back into this binder.

Records are matched by id. Each side's changes are judged against the point
where the two diverged: when the copy was made, or the last merge from it
(kept per peer in this binder's ``peers`` entry). A record only the copy
changed since then is taken; one only this binder changed stays. One both
changed is a conflict: the newer edit wins (a deletion is an edit at its
deletion time) and the history keeps the other version, so nothing is lost.
After a merge the divergence point moves on, so merging again changes nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from binder.errors import BinderError, LockedError, StorageError
from binder.lockfile import BinderLock
from binder.models import FieldChange, HistoryEntry, Record
from binder.services import backup
from binder.services.records import RecordService, diff, utc_now
from binder.services.review import RecordRef
from binder.services.team_copy import open_other, parse_utc, peers, set_peer, utc_iso
from binder.session import BinderSession
from binder.storage.connection import Database
from binder.storage.meta_repo import MetaRepo
from binder.storage.records_repo import RecordsRepo

THIS, COPY = "this binder", "the copy"
_VERIFICATION = ("verified_at", "verified_by", "version")


@dataclass(frozen=True)
class Conflict:
    id: str
    kind: str
    title: str
    kept: str  # THIS or COPY
    ours_edited_at: str
    theirs_edited_at: str
    fields: tuple[str, ...]
    note: str = ""


@dataclass
class MergeReport:
    copy_binder_id: str
    copy_file: str
    diverged_at: dict[str, str | None]
    dry_run: bool
    added: list[RecordRef] = field(default_factory=list)
    updated: list[RecordRef] = field(default_factory=list)
    deleted: list[RecordRef] = field(default_factory=list)
    restored: list[RecordRef] = field(default_factory=list)
    verified: list[RecordRef] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: int = 0
    kept_ours: int = 0  # differ, but only this binder changed them (or neither since last merge)
    backup: str | None = None

    @property
    def changes(self) -> int:
        return sum(len(x) for x in (self.added, self.updated, self.deleted, self.restored,
                                    self.verified))

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["changes"] = self.changes
        return data


@dataclass(frozen=True)
class _Step:
    bucket: str  # added | updated | deleted | restored | verified | kept
    record: Record  # what is stored (or, for kept, what stays)
    before: Record | None
    loser: Record | None = None  # set for conflicts
    note: str = ""


def edited_at(record: Record) -> datetime:
    """The record's last edit of any kind: a change, a confirmation or a deletion."""
    stamps = (record.updated_at, record.verified_at, record.deleted_at)
    return max(parse_utc(t) for t in stamps if t)


def _same_content(ours: Record, theirs: Record) -> bool:
    """Equal but for confirmation and version (dataclass equality: no dict building)."""
    return type(ours) is type(theirs) and ours == dataclasses.replace(
        theirs, **{k: getattr(ours, k) for k in _VERIFICATION})


def divergence(ours: Database, theirs: Database) -> tuple[datetime | None, datetime | None]:
    """Since when each side's edits are new to the other (None: unknown, all are)."""
    our_meta, their_meta = MetaRepo(ours).all(), MetaRepo(theirs).all()
    our_id, their_id = our_meta.get("binder_id", ""), their_meta.get("binder_id", "")
    if our_id == their_id:
        raise BinderError("That file is this binder itself (a backup or a plain file copy), "
                          "not a copy made with 'copy-for'. Use 'restore' for backups.")
    peer = peers(ours).get(their_id, {})
    for_ours = [peer.get("merged_at"), peer.get("copied_at")]
    for_theirs = [peer.get("seen_until"), peer.get("copied_at")]
    if their_meta.get("copy_of") == our_id:
        for_ours.append(their_meta.get("copied_at"))
        for_theirs.append(their_meta.get("copied_at"))
    if our_meta.get("copy_of") == their_id:
        for_ours.append(our_meta.get("copied_at"))
        for_theirs.append(our_meta.get("copied_at"))
    return (max((parse_utc(t) for t in for_ours if t), default=None),
            max((parse_utc(t) for t in for_theirs if t), default=None))


def _decide(ours: Record | None, theirs: Record, since_ours: datetime | None,
            since_theirs: datetime | None) -> _Step | None:
    if ours is None:
        return _Step("deleted" if theirs.deleted_at else "added", theirs, None)
    if ours.kind != theirs.kind:
        return _Step("kept", ours, None, theirs, "the copy has another kind of record "
                                                 "with this id; it was not taken")
    if _same_content(ours, theirs):
        if (theirs.verified_at or "") > (ours.verified_at or ""):
            return _Step("verified", dataclasses.replace(
                ours, verified_at=theirs.verified_at, verified_by=theirs.verified_by), ours)
        return None
    t_ours, t_theirs = edited_at(ours), edited_at(theirs)
    if since_theirs is not None and t_theirs <= since_theirs:
        return _Step("kept", ours, None)  # nothing new from the copy
    bucket = ("deleted" if theirs.deleted_at and not ours.deleted_at else
              "restored" if ours.deleted_at and not theirs.deleted_at else "updated")
    if since_ours is not None and t_ours <= since_ours:
        return _Step(bucket, theirs, ours)
    what = ("deleted in the copy" if theirs.deleted_at and not ours.deleted_at else
            "deleted here" if ours.deleted_at and not theirs.deleted_at else "edited on both sides")
    if t_theirs > t_ours:
        return _Step(bucket, theirs, ours, loser=ours, note=what)
    return _Step("kept", ours, None, loser=theirs, note=what)


def plan(ours: Database, theirs: Database) -> tuple[list[_Step], datetime | None]:
    """One step per record of the copy, and the copy's newest edit (its side's next
    divergence point: the copy's own clock, so a skewed clock cannot hide edits)."""
    since_ours, since_theirs = divergence(ours, theirs)
    mine = {r.id: r for r in RecordsRepo(ours).list(include_deleted=True)}
    steps, newest = [], None
    for record in RecordsRepo(theirs).list(include_deleted=True):
        step = _decide(mine.get(record.id), record, since_ours, since_theirs)
        steps.append(step if step is not None else _Step("unchanged", record, None))
        edited = edited_at(record)
        newest = edited if newest is None or edited > newest else newest
    return steps, newest


def merge(session: BinderSession, theirs: Database, *, copy_file: str = "",
          dry_run: bool = False, backup_first: bool = True) -> MergeReport:
    """Merge ``theirs`` (an open copy) into the session's binder in one transaction."""
    ours = session.db
    their_id = MetaRepo(theirs).get("binder_id") or ""
    since = divergence(ours, theirs)
    report = MergeReport(their_id, copy_file, {"this_binder": _iso(since[0]),
                                               "the_copy": _iso(since[1])}, dry_run)
    steps, seen = plan(ours, theirs)
    for step in steps:
        _report(report, step)
    if dry_run or not (report.changes or report.conflicts):
        return report
    if backup_first:
        report.backup = str(backup.make_backup(session, "before-merge").path)
    service, now = RecordService(ours, session.actor), utc_now()
    with ours.atomic():
        # A record may point at one that arrives later in the same merge.
        ours.execute("PRAGMA defer_foreign_keys = ON")
        for step in steps:
            _apply(service, step, now)
        set_peer(ours, their_id, merged_at=now, file=copy_file,
                 **({"seen_until": _iso(seen) or ""} if seen else {}))
    return report


def _report(report: MergeReport, step: _Step) -> None:
    r = step.record
    ref = RecordRef.of(r)
    if step.bucket == "unchanged":
        report.unchanged += 1
    elif step.bucket == "kept" and step.loser is None:
        report.kept_ours += 1
    elif step.bucket != "kept":
        getattr(report, step.bucket).append(ref)
    if step.loser is not None:
        ours, theirs = (step.record, step.loser) if step.bucket == "kept" else (step.loser,
                                                                               step.record)
        report.conflicts.append(Conflict(
            r.id, r.kind.value, r.title, THIS if step.bucket == "kept" else COPY,
            _iso(edited_at(ours)) or "", _iso(edited_at(theirs)) or "",
            # The review stamps differ whenever both sides edited; name the content.
            tuple(c.field for c in diff(ours, theirs)
                  if c.field not in ("verified_at", "verified_by")), step.note))


def _apply(service: RecordService, step: _Step, now: str) -> None:
    if step.bucket == "unchanged" or (step.bucket == "kept" and step.loser is None):
        return
    repo = service.repo
    if step.bucket != "kept":
        version = max(step.record.version, step.before.version if step.before else 0) + 1
        service.put_exact(dataclasses.replace(step.record, version=version), action="merge")
    if step.loser is None:
        return
    if step.bucket == "kept":
        note = ("kept this binder's version (the newer edit); the copy's version is recorded "
                "here as 'after'")
        changes = (FieldChange("conflict", None, note), *diff(step.record, step.loser))
    else:
        note = ("took the copy's version (the newer edit); this binder's version is the "
                "'before' of the previous entry")
        changes = (FieldChange("conflict", None, note),)
    repo.add_history(HistoryEntry(step.record.id, now, service.actor, "merge", changes))


def _iso(moment: datetime | None) -> str | None:
    return utc_iso(moment) if moment is not None else None


def merge_file(session: BinderSession, path: Path, key: bytes, *,
               dry_run: bool = False) -> MergeReport:
    """Open a teammate's copy read-only and merge it; its lock is held meanwhile so
    nobody writes to it during the merge."""
    path = Path(path)
    if path.resolve() == session.path.resolve():
        raise BinderError("That is this binder itself.")
    lock: BinderLock | None = BinderLock(path)
    try:
        assert lock is not None
        lock.acquire()
    except (StorageError, OSError):
        lock = None  # read-only media: nobody can be writing the copy there either
    except LockedError as exc:
        raise LockedError(f"The copy {path.name} is open elsewhere: close it there first. "
                          f"({exc.message})") from None
    try:
        theirs = open_other(path, key)
        try:
            return merge(session, theirs, copy_file=path.name, dry_run=dry_run)
        finally:
            theirs.conn.close()
    finally:
        if lock is not None:
            lock.release()
