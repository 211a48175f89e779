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


def _prepare(db: Any) -> tuple[IncidentService, str, int]:
    """Seed the shipped content, start an incident in 60 jurisdictions; (service, id, count)."""
    seed_builtin(RecordService(db, "bench"))
    service = IncidentService(db, "bench")
    codes = tuple(sorted({r.jurisdiction for r in service.rules()}))[:60]
    incident, _ = service.start(Incident(
        id="", title="Bench", aware_at="2026-03-03T09:15:00Z", jurisdictions=codes,
        data_types=("any_personal", "ssn_licence", "health"),
        confirmed={"*": 10_000}, time_zone="America/New_York"))
    return service, incident.id, len(codes)


def _time(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        key = fresh_key()
        enc = open_db(Path(tmp) / "enc.db", encrypted=True, key=key)
        plain = open_db(Path(tmp) / "plain.db", encrypted=False, key=key)
        (enc_service, enc_id, codes), (plain_service, plain_id, _) = _prepare(enc), _prepare(plain)
        duties = len(enc_service.deadlines(enc_id))
        rules, facts = enc_service.rules(), facts_of(enc_service.get(enc_id))
        samples, plain_samples, pure = [], [], []
        for _ in range(100):  # interleaved, so neither file gets the warmer half of the run
            samples.append(_time(lambda: enc_service.deadlines(enc_id)))
            plain_samples.append(_time(lambda: plain_service.deadlines(plain_id)))
            pure.append(_time(lambda: compute(rules, facts, facts.aware_at)))
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
