"""Subprocess used by crash tests: writes acknowledged rows until killed.

Prints one line per committed write ("ack N") only after the commit returned,
so every printed number is an acknowledged record.
"""

from __future__ import annotations

import sys

from binder.session import unlock_any
from binder.storage.meta_repo import MetaRepo


def main() -> None:
    path, recovery_key, canary, mode = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    session = unlock_any(__import__("pathlib").Path(path), recovery_key=recovery_key)
    if mode == "delete":
        session.db.execute("PRAGMA journal_mode = DELETE")
    print("ready", flush=True)
    meta = MetaRepo(session.db)
    i = 0
    while True:
        with session.db.atomic():
            meta.set(f"crash-{i}", f"{canary} {i} " + "x" * 500, table="settings")
        print(f"ack {i}", flush=True)
        i += 1


if __name__ == "__main__":
    main()
