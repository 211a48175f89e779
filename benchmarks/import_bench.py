"""Import of 10,000 contacts (our CSV): parse + plan + apply, encrypted vs plain."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import fresh_key, open_db, people, row
from binder.io.csv_contacts import write_csv
from binder.services.importer import Importer
from binder.services.records import RecordService

N = 10_000


def _import(db: Any, data: bytes) -> tuple[float, float]:
    importer = Importer(RecordService(db, "bench"))
    start = time.perf_counter()
    plan = importer.plan(data, fmt="csv")
    planned = time.perf_counter()
    assert not plan.problems
    importer.apply(plan)
    return planned - start, time.perf_counter() - start


def run() -> list[dict[str, Any]]:
    data = write_csv(people(N))
    with tempfile.TemporaryDirectory() as tmp:
        key = fresh_key()
        enc = open_db(Path(tmp) / "enc.db", encrypted=True, key=key)
        plain = open_db(Path(tmp) / "plain.db", encrypted=False, key=key)
        plan_e, total_e = _import(enc, data)
        plan_p, total_p = _import(plain, data)
        enc.close()
        plain.close()
    return [row(f"import {N:,} contacts (CSV): parse + plan", plan_e, "s", plan_p),
            row(f"import {N:,} contacts (CSV): total", total_e, "s", total_p),
            row("import rate", N / total_e, "rec/s", N / total_p)]


if __name__ == "__main__":
    from benchmarks.report import print_table

    print_table(run())
