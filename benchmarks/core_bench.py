"""Core figures: unlock, open, search, one edit, bulk add, at 10,000 people."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path
from typing import Any

import keyring
import keyring.backend

from benchmarks.common import (fresh_key, open_db, organisations, people, percentiles, row,
                               templates, timed)
from binder.keys import kdf, sidecar
from binder.services.records import RecordService
from binder.services.search import SearchService
from binder.session import BinderSession, create_binder
from binder.storage.records_repo import forget_cached

QUERIES = ["breach co", "dana", "Ake", "0142", "5550142", "insur", "Öberg", "director",
           "partner 17", "POL-0001", "signal", "legal", "zo", "herrera 4", "sample person 99"]


class _MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, s: str, u: str) -> str | None:
        return self.data.get((s, u))

    def set_password(self, s: str, u: str, p: str) -> None:
        self.data[(s, u)] = p

    def delete_password(self, s: str, u: str) -> None:
        self.data.pop((s, u), None)


def _fill(db: Any) -> float:
    service = RecordService(db, "bench")
    start = time.perf_counter()
    with db.atomic():
        for record in [*people(10_000), *organisations(2_000), *templates(500)]:
            service.add(record)
    return time.perf_counter() - start


def _search_samples(db: Any) -> list[float]:
    search = SearchService(db)
    samples = []
    for _ in range(20):
        for q in QUERIES:
            start = time.perf_counter()
            search.search(q, limit=20)
            samples.append(time.perf_counter() - start)
    return samples


def _edit(db: Any) -> float:
    service = RecordService(db, "bench")
    ids = [r.id for r in service.list()[:200]]
    rng = random.Random(3)
    samples = []
    for i in range(100):
        rid = rng.choice(ids)
        start = time.perf_counter()
        service.update(rid, notes=f"edited {i}")
        samples.append(time.perf_counter() - start)
    return percentiles(samples)[0]


def run() -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        key = fresh_key()
        enc, plain = open_db(folder / "enc.db", encrypted=True, key=key), \
            open_db(folder / "plain.db", encrypted=False, key=key)
        fill_enc, fill_plain = _fill(enc), _fill(plain)
        rows.append(row("add 12,500 records (10k people, 2k orgs, 500 templates)",
                        fill_enc, "s", fill_plain))
        rows.append(row("records added per second", 12_500 / fill_enc, "rec/s",
                        12_500 / fill_plain))
        s_enc, s_plain = _search_samples(enc), _search_samples(plain)
        (p50e, p95e), (p50p, p95p) = percentiles(s_enc), percentiles(s_plain)
        rows.append(row("search p50 (core, 12,500 records)", p50e * 1000, "ms", p50p * 1000))
        rows.append(row("search p95 (core, 12,500 records)", p95e * 1000, "ms", p95p * 1000,
                        "< 5 ms"))
        rows.append(row("one edit committed (median)", _edit(enc) * 1000, "ms",
                        _edit(plain) * 1000, "< 5 ms"))
        def load(db: Any) -> None:
            forget_cached(db)  # measure decoding, not the per-database cache
            RecordService(db).list()

        list_enc = timed(lambda: load(enc), 3)
        list_plain = timed(lambda: load(plain), 3)
        rows.append(row("load and decode all 12,500 records", list_enc * 1000, "ms",
                        list_plain * 1000))
        rows.append(row("list all 12,500 records again (cached)",
                        timed(lambda: RecordService(enc).list(), 3) * 1000, "ms"))
        enc.close()
        plain.close()
        rows += _unlock_rows(folder)
    return rows


def _unlock_rows(folder: Path) -> list[dict[str, Any]]:
    rows = []
    kdf.set_test_params(None)  # the real, calibrated parameters
    path = folder / "real.db"
    passphrase = "Orchid-Lantern-Ferry-1987!"
    start = time.perf_counter()
    session, recovery_key = create_binder(path, passphrase, "Bench Corp")
    create_s = time.perf_counter() - start
    previous = keyring.get_keyring()
    keyring.set_keyring(_MemoryKeyring())
    try:
        session.remember_on_device()
        slot = session.key_file.slot_of(sidecar.SLOT_PASSPHRASE) if session.key_file else None
        session.close()
        rows.append(row("create binder (calibration + seed)", create_s, "s"))
        if slot and slot.kdf:
            rows.append(row(f"KDF chosen: argon2id m={slot.kdf.memory_kib // 1024} MiB "
                            f"t={slot.kdf.time_cost} p={slot.kdf.parallelism}", 0, "-"))
        for label, unlock, target in (
                ("unlock with passphrase", lambda s: s.unlock_with_passphrase(passphrase),
                 "0.5-1.0 s"),
                ("unlock with recovery key", lambda s: s.unlock_with_recovery_key(recovery_key),
                 "< 100 ms"),
                ("unlock with keyring (in-memory backend)", lambda s: s.unlock_with_keyring(),
                 "< 100 ms")):
            samples = []
            for _ in range(3):
                s = BinderSession.open(path)
                start = time.perf_counter()
                unlock(s)
                samples.append(time.perf_counter() - start)
                s.close()
            rows.append(row(label, min(samples) * 1000, "ms", target=target))
        wrong = BinderSession.open(path)
        start = time.perf_counter()
        try:
            wrong.unlock_with_passphrase("not the passphrase")
        except Exception:
            pass
        rows.append(row("wrong passphrase reported", (time.perf_counter() - start) * 1000, "ms",
                        target="KDF + 100 ms"))
        wrong.close()
    finally:
        keyring.set_keyring(previous)
    return rows


if __name__ == "__main__":
    from benchmarks.report import print_table

    print_table(run())
