"""Print benchmark rows as one table and write docs/PERFORMANCE.md."""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import Any


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if value < 10 else f"{value:.1f}"


def table(rows: list[dict[str, Any]]) -> str:
    lines = ["| measure | value | unit | plain baseline | ratio | target |",
             "|---|---:|---|---:|---:|---|"]
    for r in rows:
        ratio = f"{r['ratio']:.2f}" if r.get("ratio") else ""
        lines.append(f"| {r['name']} | {_fmt(r['value']) if r['unit'] != '-' else ''} | "
                     f"{r['unit'] if r['unit'] != '-' else ''} | {_fmt(r.get('baseline'))} | "
                     f"{ratio} | {r.get('target', '')} |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}")


def print_table(rows: list[dict[str, Any]]) -> None:
    print(table(rows))


def write_doc(rows: list[dict[str, Any]], path: Path, when: str) -> None:
    text = (f"# Performance\n\nMeasured by `make bench` on {when}.\n\nMachine: {machine()}.\n\n"
            "Each figure is the best or median of several runs. *Plain baseline* is the same "
            "work in the same run on an unencrypted SQLite file (same service code), or "
            "reportlab's own time to lay out the same flowables with a plain document "
            "template (for the PDF rows; see benchmarks/pdf_binder.py); *ratio* = ours / "
            "baseline.\n\n"
            + table(rows) + "\n")
    path.write_text(text, encoding="utf-8")
