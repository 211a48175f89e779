"""Failures that must lose nothing committed: kill -9 (a power cut) during backup,
merge and restore; a full disk; read-only media; the binder file deleted or
replaced while it is open."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from binder.keys import recovery, sidecar
from binder.models import Contact, Kind
from binder.services import backup, doctor
from binder.services.records import RecordService
from binder.services.team_copy import copy_for, open_other
from binder.session import unlock_any
from binder.storage import connection

ROOT = Path(__file__).resolve().parents[2]
MERGE_RUNS = 100
RESTORE_RUNS = 15
MATE = "Teammate-Copy-Passphrase-2026!"
posix_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="the fork server needs POSIX")


class ForkServer:
    """Drives tests/helpers/backup_writer.py: one import, a forked worker per run."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.helpers.backup_writer", *args],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, cwd=ROOT)
        assert self._line() == "ready", self.proc.stderr.read() if self.proc.stderr else ""

    def _line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError("fork server died: " + (self.proc.stderr.read()
                                                         if self.proc.stderr else ""))
        return line.strip()

    def run_and_kill(self, run: str, delay: float) -> list[str]:
        """Start a worker, kill -9 it after ``delay`` s; return its acknowledged lines."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"go {run}\n")
        self.proc.stdin.flush()
        lines: list[str] = []
        while not (line := self._line()).startswith("started "):
            lines.append(line)
        time.sleep(delay)
        os.kill(int(line.split()[1]), signal.SIGKILL)
        while (line := self._line()) != "reaped":
            lines.append(line)
        assert not [x for x in lines if x.startswith("error")], lines
        return lines

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)


@pytest.fixture
def copy_of(session, binder_file, tmp_path) -> Iterator[tuple[Path, str]]:
    copy = copy_for(session, tmp_path / "mate.db", MATE)
    backup.make_backup(session)
    session.close()
    yield copy.path, copy.recovery_key


@posix_only
@pytest.mark.slow
def test_kill_9_during_backup_and_merge_leaves_binder_and_newest_backup_openable(
        binder_file, copy_of) -> None:
    copy, copy_key = copy_of
    server = ForkServer("merge", str(binder_file.path), binder_file.recovery_key, str(copy),
                        copy_key)
    rng = random.Random(20261127)
    key = recovery.decode(binder_file.recovery_key)
    acked_merges: list[str] = []
    acked_backups: list[str] = []
    try:
        for run in range(MERGE_RUNS):
            lines = server.run_and_kill(f"run{run}", rng.uniform(0.02, 0.2))
            acked_merges += [x.split()[1] for x in lines if x.startswith("merged ")]
            run_backups = [x.split()[1] for x in lines if x.startswith("backup ")]
            acked_backups += run_backups
            db = connection.connect(binder_file.path, key)
            assert connection.integrity_problems(db) == [], run
            repo = RecordService(db).repo
            assert all(repo.get(rid) is not None for rid in acked_merges), run
            db.conn.close()
            found = backup.list_backups(binder_file.path)
            newest = found[0]
            if run_backups:  # the last acknowledged backup is never lost to the kill
                assert run_backups[-1] in {b.path.name for b in found}, run
            db = open_other(newest.path, key)
            assert connection.quick_check(db), (run, newest.path.name)
            db.conn.close()
            kf = sidecar.read(newest.path)[0]
            assert kf.check_key(key)
            if run % 10 == 9:  # the copy is only appended to; checking it now and then is enough
                with unlock_any(copy, recovery_key=copy_key) as mate:
                    assert connection.quick_check(mate.db)
        with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
            assert connection.quick_check(s.db)
    finally:
        server.close()
    assert len(acked_merges) > MERGE_RUNS // 4 and len(acked_backups) > MERGE_RUNS // 10


@posix_only
@pytest.mark.slow
def test_kill_9_during_restore_leaves_a_whole_binder(session, binder_file) -> None:
    svc = RecordService(session.db)
    svc.add(Contact(name="In the first backup"))
    first = backup.make_backup(session, "one")
    svc.add(Contact(name="Only in the second"))
    second = backup.make_backup(session, "two")
    session.close()
    server = ForkServer("restore", str(binder_file.path), binder_file.recovery_key,
                        str(first.path), str(second.path))
    rng = random.Random(7)
    try:
        for run in range(RESTORE_RUNS):
            server.run_and_kill(f"r{run}", rng.uniform(0.0, 0.25))
            with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
                assert connection.integrity_problems(s.db) == []
                names = {r.title for r in RecordService(s.db).list(Kind.CONTACT)}
                assert names in ({"In the first backup"},
                                 {"In the first backup", "Only in the second"}), run
    finally:
        server.close()


# --- the binder file deleted or replaced under an open session ------------------------

def test_binder_deleted_while_open_is_rescued_with_everything_committed(session,
                                                                         binder_file) -> None:
    backup.auto_backup(session, "open")
    svc = RecordService(session.db)
    svc.add(Contact(name="Before"))
    binder_file.path.unlink()
    svc.add(Contact(name="After the deletion"))  # SQLite does not notice; the watch does
    assert backup.file_problem(session) == "deleted"
    result = backup.auto_backup(session, "change")
    assert result.made is not None and result.made.reason == "rescue"
    assert result.problem and "deleted while it was open" in result.problem
    assert "restore" in result.problem
    again = backup.auto_backup(session, "change")  # said again, not backed up again
    assert again.made is None and again.problem
    session.close()
    doctor.restore(binder_file.path, result.made.path, recovery.decode(binder_file.recovery_key))
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        assert {r.title for r in RecordService(s.db).list(Kind.CONTACT)} == {
            "Before", "After the deletion"}


def test_binder_replaced_while_open_keeps_both_files(session, binder_file, tmp_path) -> None:
    backup.auto_backup(session, "open")  # the app's first call: the watch starts here
    svc = RecordService(session.db)
    svc.add(Contact(name="Mine"))
    older = backup.make_backup(session, target=tmp_path / "older.db")
    # A sync client puts "its" version in place (a rename: a new file at the path).
    shutil.copyfile(older.path, tmp_path / "incoming.db")
    os.replace(tmp_path / "incoming.db", binder_file.path)
    svc.add(Contact(name="Mine, after"))
    result = backup.auto_backup(session, "close")
    assert result.problem and "replaced" in result.problem and result.made is not None
    session.close()
    rescued = open_other(result.made.path, recovery.decode(binder_file.recovery_key))
    assert {r.title for r in RecordService(rescued).list(Kind.CONTACT)} == {"Mine",
                                                                            "Mine, after"}
    rescued.conn.close()
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        assert {r.title for r in RecordService(s.db).list(Kind.CONTACT)} == {"Mine"}
        assert connection.integrity_problems(s.db) == []


# --- full disk and read-only media (a private tmpfs in a user + mount namespace) ------

@cache
def _namespace_tmpfs() -> bool:
    if shutil.which("unshare") is None or sys.platform != "linux":
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c",
                            "mount -t tmpfs -o size=1m tmpfs /tmp && mount -o remount,ro /tmp"],
                           capture_output=True, timeout=20)
    return probe.returncode == 0


def _scenario(name: str, folder: Path, *, rlimit: bool = False) -> dict[str, object]:
    helper = [sys.executable, "-m", "tests.helpers.media_scenarios", name, str(folder)]
    if rlimit:
        cmd = [*helper, "--rlimit"]
    else:
        cmd = ["unshare", "-rm", "sh", "-c",
               'mount -t tmpfs -o size=14m tmpfs "$0" && exec "$@"', str(folder), *helper]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def _assert_nothing_lost(result: dict[str, object]) -> None:
    after = result["after"]
    assert isinstance(after, dict)
    assert after["integrity"] == [] and after["missing_acked"] == []
    assert after["old_backup_opens"] and after["leftovers"] == []


@pytest.mark.parametrize("how", ["tmpfs", "rlimit"])
def test_disk_full_gives_clear_messages_and_loses_nothing(tmp_path, how: str) -> None:
    real = how == "tmpfs"
    if real and not _namespace_tmpfs():
        pytest.skip("needs unshare with user and mount namespaces (a tiny tmpfs)")
    folder = tmp_path / "media"
    folder.mkdir()
    result = _scenario("full", folder, rlimit=not real)
    messages = result["messages"]
    assert isinstance(messages, dict)
    # A real full disk (ENOSPC) is named as such; RLIMIT_FSIZE only gives EFBIG / I/O errors.
    expected = "not enough free space" if real else "could not be written"
    for step in ("backup", "auto_backup", "copy_for", "merge"):
        assert expected in str(messages[step]), (step, messages[step])
        assert "binder itself is unchanged" in str(messages[step])
    assert messages["write"] == ("The disk is full: the last change was not saved." if real else
                                 "The binder file could not be read or written (was it "
                                 "removed or is the drive unplugged?).")
    _assert_nothing_lost(result)
    assert result["after"]["merge_after_space_freed"] is True  # type: ignore[index]


def test_read_only_media_gives_clear_messages_and_loses_nothing(tmp_path) -> None:
    if not _namespace_tmpfs():
        pytest.skip("needs unshare with user and mount namespaces (a read-only mount)")
    folder = tmp_path / "media"
    folder.mkdir()
    result = _scenario("readonly", folder)
    messages = result["messages"]
    assert isinstance(messages, dict)
    for step in ("backup", "auto_backup", "copy_for", "merge"):
        assert "read-only" in str(messages[step]), (step, messages[step])
    _assert_nothing_lost(result)
    assert "read-only" in str(messages["open"])
