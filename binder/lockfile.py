"""One writer per binder: an OS lock on ``<binder>.lock``, held while open.

The OS drops the lock when the process dies (kill -9 included), so a stale
lock file never blocks anyone. The file holds only the pid and host name, to
say where the binder is open.
"""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path
from typing import IO

from binder.errors import LockedError, StorageError

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
else:
    import fcntl

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


def lock_path(binder: Path) -> Path:
    return binder.with_name(binder.name + ".lock")


class BinderLock:
    def __init__(self, binder: Path) -> None:
        self.path = lock_path(binder)
        self._fh: IO[bytes] | None = None

    def acquire(self) -> None:
        try:
            fh = open(self.path, "a+b")  # noqa: SIM115 - held open while locked
        except OSError as exc:
            if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise StorageError(f"Cannot create the lock file {self.path.name}: "
                                   f"{exc.strerror}.") from None
            raise StorageError(
                f"Cannot write beside {self.path.parent} (read-only media?). "
                "Copy the binder and its .keys file to a writable folder.") from None
        if not _try_lock(fh):
            fh.seek(0)
            holder = fh.read(200).decode("utf-8", "replace").strip()
            fh.close()
            where = f" ({holder})" if holder else ""
            raise LockedError(
                f"This binder is open elsewhere{where}. Close it there first; "
                "two writers at once could lose edits.")
        fh.truncate(0)
        fh.write(f"process {os.getpid()} on {socket.gethostname()}".encode())
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None
