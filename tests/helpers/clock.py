"""A controllable clock for record timestamps (records are stamped to the second).

``utc_now`` in binder.services.records (and merge, which imports it) is
replaced by a clock that moves one second per call, so every edit gets its
own, strictly later timestamp; tests move it further with ``advance``. It
starts a day after the real time, after the seeded content of the shared
template binder was stamped.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest



class Clock:
    def __init__(self) -> None:
        self.t = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=1)

    def now(self) -> datetime:
        return self.t

    def stamp(self) -> str:
        text = self.t.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.t += timedelta(seconds=1)
        return text

    def advance(self, **delta: float) -> datetime:
        self.t += timedelta(**delta)
        return self.t


def install_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Stamp records with a new Clock for the rest of the test; returns it."""
    from binder.services import merge, records

    c = Clock()
    monkeypatch.setattr(records, "utc_now", c.stamp)
    monkeypatch.setattr(merge, "utc_now", c.stamp)
    return c
