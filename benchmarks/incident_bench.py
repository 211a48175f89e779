"""Incident deadlines for 60 jurisdictions, through the service on a real binder."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import percentiles, row
from binder.deadlines import compute
from binder.incident_models import Incident
from binder.keys import kdf
from binder.services.incidents import IncidentService, facts_of
from binder.session import create_binder


def run() -> list[dict[str, Any]]:
    kdf.set_test_params(kdf.KdfParams(8 * 1024, 1, 1))  # the KDF is not what is measured here
    try:
        with tempfile.TemporaryDirectory() as tmp:
            session, _ = create_binder(Path(tmp) / "b.db", "Orchid-Lantern-Ferry-1987!",
                                       "Bench Corp")
            with session:
                service = IncidentService(session.db, "bench")
                rules = service.rules()
                codes = tuple(sorted({r.jurisdiction for r in rules}))[:60]
                incident, _ = service.start(Incident(
                    id="", title="Bench", aware_at="2026-03-03T09:15:00Z", jurisdictions=codes,
                    data_types=("any_personal", "ssn_licence", "health"),
                    confirmed={"*": 10_000}, time_zone="America/New_York"))
                samples = []
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
    finally:
        kdf.set_test_params(None)
    p50, p95 = percentiles(samples)
    return [row(f"incident deadlines, {len(codes)} jurisdictions ({len(items)} duties), p50",
                p50 * 1000, "ms", percentiles(pure)[0] * 1000),
            row("incident deadlines, p95", p95 * 1000, "ms")]


if __name__ == "__main__":
    from benchmarks.report import print_table

    print_table(run())
