"""Subprocess used by crash tests: writes acknowledged records until killed.

Prints one line per committed write ("ack ID") only after the commit
returned, so every printed id is an acknowledged record. Names and notes
carry the canary, so the search index holds it too.
"""

from __future__ import annotations

import sys
from pathlib import Path

from binder.models import Contact, Phone
from binder.services.records import RecordService
from binder.session import unlock_any


def main() -> None:
    path, recovery_key, canary, mode = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    session = unlock_any(Path(path), recovery_key=recovery_key)
    if mode == "delete":
        session.db.execute("PRAGMA journal_mode = DELETE")
    service = RecordService(session.db, "crash-test")
    print("ready", flush=True)
    i = 0
    while True:
        record, _ = service.add(Contact(
            name=f"{canary} {i}", notes=f"{canary} notes " + "x" * 300,
            phones=(Phone(number=f"+1 212 555 {i % 10000:04d}", label="mobile"),)))
        print(f"ack {record.id}", flush=True)
        i += 1


if __name__ == "__main__":
    main()
