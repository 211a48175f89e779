"""Argon2id for the passphrase slot, with calibration at creation.

The floor is RFC 9106's second recommended profile (64 MiB, t=3, p=4).
Calibration raises memory (then passes) until one derivation takes 0.5-1 s
on this machine. Parameters are stored in the slot, so a binder opened on a
slower laptop still unlocks, only more slowly.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

log = logging.getLogger(__name__)

FLOOR_MEMORY_KIB = 64 * 1024
FLOOR_TIME_COST = 3
PARALLELISM = 4
MAX_MEMORY_KIB = 1024 * 1024
TARGET_LOW_S = 0.5
TARGET_HIGH_S = 1.0


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int
    time_cost: int
    parallelism: int

    def to_dict(self) -> dict[str, object]:
        return {"name": "argon2id", "memory_kib": self.memory_kib,
                "time_cost": self.time_cost, "parallelism": self.parallelism}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> KdfParams:
        if data.get("name") != "argon2id":
            raise ValueError("unknown KDF")
        values = [data.get(k) for k in ("memory_kib", "time_cost", "parallelism")]
        if not all(isinstance(v, int) and v > 0 for v in values):
            raise ValueError("bad KDF parameters")
        mem, t, p = (int(v) for v in values)  # type: ignore[call-overload]
        if mem > 4 * MAX_MEMORY_KIB or t > 64 or p > 64:
            raise ValueError("KDF parameters out of range")
        return cls(mem, t, p)

    @property
    def meets_floor(self) -> bool:
        return (self.memory_kib >= FLOOR_MEMORY_KIB and self.time_cost >= FLOOR_TIME_COST
                and self.parallelism >= 1)


FLOOR = KdfParams(FLOOR_MEMORY_KIB, FLOOR_TIME_COST, PARALLELISM)

# Test-only: the test suite sets this (tests/conftest.py) so that creating a
# binder does not take a second per test. Production code never assigns it,
# and the defaults are not weakened; see test_kdf_defaults_are_not_weakened.
_test_params: KdfParams | None = None


def set_test_params(params: KdfParams | None) -> None:
    global _test_params
    _test_params = params


def derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    # Imported here: the app shows its unlock screen before argon2 is needed.
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(passphrase.encode("utf-8"), salt, time_cost=params.time_cost,
                           memory_cost=params.memory_kib, parallelism=params.parallelism,
                           hash_len=32, type=Type.ID)


def _time_once(params: KdfParams) -> float:
    start = time.perf_counter()
    derive("calibration", b"\0" * 16, params)
    return time.perf_counter() - start


def calibrate() -> KdfParams:
    """Pick parameters taking 0.5-1.0 s here, never below the floor."""
    if _test_params is not None:
        return _test_params
    params = FLOOR
    elapsed = _time_once(params)
    # Time grows about linearly with memory: double memory while the estimate
    # stays under the top of the window, then add passes if memory is capped.
    while elapsed * 2 <= TARGET_HIGH_S and params.memory_kib * 2 <= MAX_MEMORY_KIB \
            and elapsed < TARGET_LOW_S:
        params = KdfParams(params.memory_kib * 2, params.time_cost, params.parallelism)
        elapsed *= 2
    while elapsed < TARGET_LOW_S:
        per_pass = elapsed / params.time_cost
        params = KdfParams(params.memory_kib, params.time_cost + 1, params.parallelism)
        elapsed += per_pass
    log.info("calibrated argon2id: %s (estimated %.2f s)", params, elapsed)
    return params
