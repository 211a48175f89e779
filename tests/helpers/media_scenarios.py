"""Full disk and read-only media, run inside a private tmpfs (tests/core/test_failures.py).

Usage: python -m tests.helpers.media_scenarios full|readonly FOLDER [--rlimit]

FOLDER is a small tmpfs mounted for this process alone (unshare -rm), so the
disk can really fill up (ENOSPC) and really be remounted read-only (EROFS,
which root cannot bypass, unlike chmod). With --rlimit (no namespaces on
this machine) the disk is "full" through RLIMIT_FSIZE instead.

Sets up a binder with acknowledged records, a backup and a teammate's copy;
breaks the media; tries every write this helper's caller cares about and
records the message each gave; repairs the media; checks nothing committed
was lost. Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from binder.errors import BinderError
from binder.keys import kdf
from binder.models import Contact
from binder.services import backup
from binder.services.merge import merge_file
from binder.services.records import RecordService
from binder.services.team_copy import copy_for, key_for, open_other
from binder.session import BinderSession, create_binder, unlock_any, user_error
from binder.storage import connection

PASSPHRASE = "Orchid-Lantern-Ferry-1987!"
MATE = "Teammate-Copy-Passphrase-2026!"


def _message(step: Callable[[], object]) -> str:
    """The message a user would see for ``step`` ("ok" if it worked)."""
    try:
        step()
    except Exception as exc:  # noqa: BLE001 - the point is to see what each failure says
        mapped = user_error(exc)
        return mapped.message if mapped is not None else f"UNCLEAR {type(exc).__name__}: {exc}"
    return "ok"


def _fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 64 << 10, 4 << 10, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                continue
    finally:
        os.close(fd)


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


def _break(name: str, folder: Path, rlimit: bool) -> Callable[[], None]:
    """Break the media; return the repair.

    Read-only: a mount with files open for writing cannot be remounted
    read-only, so read-only bind mounts stand in for read-only media: the
    backups folder over itself, and the whole folder seen again at ./ro/.
    """
    if name == "readonly":
        backups = backup.backup_dir(folder / "binder.db")
        (folder / "ro").mkdir()
        for source, target in ((backups, backups), (folder, folder / "ro")):
            _mount("--bind", str(source), str(target))
            _mount("-o", "remount,bind,ro", str(target))

        def repair() -> None:
            for target in (folder / "ro", backups):
                subprocess.run(["umount", str(target)], check=True)
        return repair
    if rlimit:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))
        return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    _fill(folder)
    return lambda: (folder / "filler").unlink()


def main() -> None:
    name, folder_text, *flags = sys.argv[1:]
    folder = Path(folder_text)
    kdf.set_test_params(kdf.KdfParams(memory_kib=8 * 1024, time_cost=1, parallelism=1))
    binder = folder / "binder.db"
    session, _recovery = create_binder(binder, PASSPHRASE, "Media Test", seed=False)
    svc = RecordService(session.db, "tester")
    acked = [svc.add(Contact(name=f"Before {i}"))[0].id for i in range(3)]
    old = backup.make_backup(session)
    copy = copy_for(session, folder / "mate.db", MATE)
    with unlock_any(copy.path, passphrase=MATE) as mate:
        RecordService(mate.db, "mate").add(Contact(name="From the copy"))
    key, copy_key = session.data_key, key_for(copy.path, passphrase=MATE)
    backup.auto_backup(session, "open")

    def write() -> None:
        for i in range(3000):
            acked.append(svc.add(Contact(name=f"During {i}", notes="n" * 4000))[0].id)

    def auto() -> None:
        if name == "readonly":  # (a full disk has had its changes already)
            svc.update(acked[0], notes="a change to back up")
        result = backup.auto_backup(session, "close")
        if result.problem:
            raise BinderError(result.problem)

    repair = _break(name, folder, "--rlimit" in flags)
    # On read-only media the copy and the binder are seen through ./ro/.
    media = folder / "ro" if name == "readonly" else folder
    messages = {
        "write": _message(write) if name != "readonly" else "not applicable",
        "backup": _message(lambda: backup.make_backup(session)),
        "auto_backup": _message(auto),
        "copy_for": _message(lambda: copy_for(session, media / "mate2.db", MATE)),
        "merge": _message(lambda: merge_file(session, media / "mate.db", copy_key)),
        "open": _message(lambda: BinderSession.open(media / "mate.db").close()),
    }
    repair()
    session.close()
    print(json.dumps({"messages": messages, "after": _after(binder, key, old, copy.path,
                                                           copy_key, acked)}))


def _after(binder: Path, key: bytes, old: backup.BackupInfo, copy: Path, copy_key: bytes,
           acked: list[str]) -> dict[str, Any]:
    with unlock_any(binder, passphrase=PASSPHRASE) as s:
        repo = RecordService(s.db).repo
        missing = [rid for rid in acked if repo.get(rid) is None]
        problems = connection.integrity_problems(s.db)
        report = merge_file(s, copy, copy_key)
    db = open_other(old.path, key)
    old_ok = connection.quick_check(db)
    db.conn.close()
    leftovers = sorted(p.name for folder in (binder.parent, backup.backup_dir(binder))
                       for p in folder.iterdir()
                       if p.name.endswith((".tmp", ".partial", ".restoring", "-journal"))
                       or p.name.startswith("mate2"))
    return {"integrity": problems, "missing_acked": missing, "acked": len(acked),
            "old_backup_opens": old_ok, "leftovers": leftovers,
            "merge_after_space_freed": report.changes >= 1}


if __name__ == "__main__":
    main()
