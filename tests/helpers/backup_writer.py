"""Fork server for the kill -9 tests of backup, merge and restore.

Started once (imports are the slow part); for every "go" line on stdin it
forks a worker that opens the binder and loops until it is killed. A worker
prints a line only after the step it names has returned, so every printed
line is acknowledged:

* mode "merge": add a record to the teammate's copy, merge the copy into the
  binder ("merged ID"), back the binder up ("backup NAME").
* mode "restore": restore the binder from the backups it is given, in turn
  ("restored NAME").

After the worker dies the server prints "reaped" and waits for the next "go".
Usage: python -m tests.helpers.backup_writer MODE BINDER RECOVERY_KEY [COPY COPY_KEY | BACKUP...]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from binder.keys import recovery
from binder.models import Contact
from binder.services import backup, doctor
from binder.services.merge import merge
from binder.services.records import RecordService
from binder.session import unlock_any


def _merge_loop(binder: Path, key: str, copy: Path, copy_key: str, run: str) -> None:
    session = unlock_any(binder, recovery_key=key)
    mate = unlock_any(copy, recovery_key=copy_key)
    theirs = RecordService(mate.db, "mate")
    print(f"started {os.getpid()}", flush=True)
    i = 0
    while True:
        record, _ = theirs.add(Contact(name=f"{run} {i}", notes="x" * 200))
        merge(session, mate.db, copy_file=copy.name, backup_first=False)
        print(f"merged {record.id}", flush=True)
        info = backup.make_backup(session, "change")
        print(f"backup {info.path.name}", flush=True)
        i += 1


def _restore_loop(binder: Path, key: str, sources: list[Path]) -> None:
    data_key = recovery.decode(key)
    print(f"started {os.getpid()}", flush=True)
    i = 0
    while True:
        source = sources[i % len(sources)]
        doctor.restore(binder, source, data_key)
        print(f"restored {source.name}", flush=True)
        i += 1


def main() -> None:
    mode, binder, key, *rest = sys.argv[1:]
    print("ready", flush=True)
    for line in sys.stdin:
        run = line.split()[1] if len(line.split()) > 1 else "run"
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                if mode == "merge":
                    _merge_loop(Path(binder), key, Path(rest[0]), rest[1], run)
                else:
                    _restore_loop(Path(binder), key, [Path(p) for p in rest])
            except BaseException as exc:  # a worker must never return into the server loop
                print(f"error {type(exc).__name__}: {exc}", flush=True)
            finally:
                os._exit(1)
        os.waitpid(pid, 0)
        print("reaped", flush=True)


if __name__ == "__main__":
    main()
