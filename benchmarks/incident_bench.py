"""Incident deadlines for 60 jurisdictions, through the service, on an encrypted
binder and on a plain SQLite file seeded with the same shipped content."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import fresh_key, open_db, percentiles, row
from binder.content.seed import seed_builtin
from binder.deadlines import compute
from binder.incident_models import Incident
from binder.services.incidents import IncidentService, facts_of
from binder.services.records import RecordService


def _samples(db: Any) -> tuple[list[float], list[float], int, int]:
    """(service samples, pure-computation samples, jurisdictions, duties)."""
    seed_builtin(RecordService(db, "bench"))
    service = IncidentService(db, "bench")
    rules = service.rules()
    codes = tuple(sorted({r.jurisdiction for r in rules}))[:60]
    incident, _ = service.start(Incident(
        id="", title="Bench", aware_at="2026-03-03T09:15:00Z", jurisdictions=codes,
        data_types=("any_personal", "ssn_licence", "health"),
        confirmed={"*": 10_000}, time_zone="America/New_York"))
    samples, items = [], []
    for _ in range(30):
        start = time.perf_counter()
        items = service.deadlines(incident.id)
        samples.append(time.perf_counter() - start)
    facts = facts_of(incident)
    pure = []
    for _ in range(30):
        start = time.perf_counter()
        compute(rules, facts, facts.aware_at)
        pure.append(time.perf_counter() - start)
    return samples, pure, len(codes), len(items)


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        key = fresh_key()
        enc = open_db(Path(tmp) / "enc.db", encrypted=True, key=key)
        plain = open_db(Path(tmp) / "plain.db", encrypted=False, key=key)
        samples, pure, codes, duties = _samples(enc)
        plain_samples, _, _, _ = _samples(plain)
        enc.close()
        plain.close()
    (p50, p95), (pp50, pp95) = percentiles(samples), percentiles(plain_samples)
    return [row(f"incident deadlines, {codes} jurisdictions ({duties} duties), p50",
                p50 * 1000, "ms", pp50 * 1000),
            row("incident deadlines, p95", p95 * 1000, "ms", pp95 * 1000),
            row("incident deadlines: the rules alone, no database (reference), p50",
                percentiles(pure)[0] * 1000, "ms")]


if __name__ == "__main__":
    from benchmarks.report import print_table

    print_table(run())
