"""Shared benchmark helpers: timing, data generation, encrypted vs plain files.

The plain baseline runs the same service code on an unkeyed SQLite file (an
sqlcipher3 connection with no key is ordinary SQLite), so the ratio shows
what encryption and our layers cost.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from binder.storage import connection, migrations  # first: aliases the driver for sqlite-utils

import sqlcipher3  # noqa: E402
import sqlite_utils  # noqa: E402

from binder.models import Contact, Email, Organization, Phone, TemplateRecord  # noqa: E402

FIRST = ["Dana", "Marcus", "Åsa", "Priya", "Tomás", "Grace", "Zoë", "Henrik", "Leila", "Samuel",
         "Katarzyna", "Øystein", "Nikos", "Mei", "Łukasz", "Ana", "Jonas", "Fatima", "Kenji", "Olu"]
LAST = ["Reyes", "Oduya", "Öberg", "Raman", "Herrera", "Whitfield", "Çelik", "Lund", "Haddad",
        "Okafor", "Nowak", "Berg", "Papadakis", "Tanaka", "Zieliński", "Ruiz", "Vogel", "Sato"]
ROLES = ["incident_commander", "deputy_ic", "scribe", "spokesperson", "legal", "finance", "hr",
         "it_security", "communications", "executive"]


def row(name: str, value: float, unit: str, baseline: float | None = None,
        target: str = "") -> dict[str, Any]:
    return {"name": name, "value": value, "unit": unit, "baseline": baseline,
            "ratio": (value / baseline) if baseline else None, "target": target}


def timed(fn: Callable[[], Any], repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return p50, p95


def open_db(path: Path, *, encrypted: bool, key: bytes) -> sqlite_utils.Database:
    if encrypted:
        db = connection.connect(path, key, create=True)
    else:
        conn = sqlcipher3.connect(str(path), isolation_level=None)
        for pragma in ("temp_store = MEMORY", "foreign_keys = ON", "journal_mode = WAL",
                       "synchronous = FULL", "secure_delete = ON",
                       f"cache_size = -{connection.PAGE_CACHE_KIB}"):
            conn.execute(f"PRAGMA {pragma}")
        db = sqlite_utils.Database(conn)
    migrations.migrations.apply(db)
    return db


def people(n: int, seed: int = 7) -> list[Contact]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        out.append(Contact(
            name=f"{first} {last} {i}", job_title=rng.choice(["Analyst", "Director", "Lead"]),
            organization="Fictional Corp", roles=(rng.choice(ROLES),),
            phones=(Phone(number=f"+1 212 555 {i % 10000:04d}", label="mobile"),
                    Phone(number=f"+1 917 555 {(i * 7) % 10000:04d}", label="signal")),
            emails=(Email(address=f"person{i}@fictional-corp.example.com"),),
            notes=f"Sample person {i} for the benchmark."))
    return out


def organisations(n: int) -> list[Organization]:
    kinds = ["pr_firm", "breach_coach", "cyber_insurer", "outside_counsel", "forensics", "bank"]
    return [Organization(name=f"Sample Partner {i}", org_kind=kinds[i % len(kinds)],
                         hotline=f"+1 800 555 {i % 10000:04d}", policy_number=f"POL-{i:06d}")
            for i in range(n)]


def templates(n: int) -> list[TemplateRecord]:
    return [TemplateRecord(template_id=f"bench_{i}", name=f"Benchmark template {i}",
                           description="Holding statement for customers after an outage.",
                           source=f"Plain words about incident {i} and what we are doing.")
            for i in range(n)]


def fresh_key() -> bytes:
    return os.urandom(32)
