"""`make bench`: run every benchmark module, print one table, write docs/PERFORMANCE.md."""

from __future__ import annotations

import importlib
import resource
import sys
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.report import print_table, write_doc

MODULES = ["benchmarks.core_bench", "benchmarks.import_bench", "benchmarks.pdf_binder",
           "benchmarks.incident_bench", "benchmarks.ui_bench"]


def main() -> int:
    rows = []
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            print(f"(skipped {name}: not present)", file=sys.stderr)
            continue
        print(f"running {name} ...", file=sys.stderr)
        rows += module.run()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append({"name": "peak memory of the benchmark process", "value": peak_mib,
                 "unit": "MiB", "baseline": None, "ratio": None, "target": ""})
    print_table(rows)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    write_doc(rows, Path(__file__).resolve().parents[1] / "docs" / "PERFORMANCE.md", when)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
