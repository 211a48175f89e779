from __future__ import annotations

from pathlib import Path

import pytest

from binder import paths
from binder.keys import kdf


def test_kdf_defaults_are_not_weakened() -> None:
    assert kdf.FLOOR == kdf.KdfParams(64 * 1024, 3, 4)
    assert (kdf.TARGET_LOW_S, kdf.TARGET_HIGH_S) == (0.5, 1.0)


def test_real_calibration_never_goes_below_the_floor() -> None:
    kdf.set_test_params(None)
    try:
        params = kdf.calibrate()
    finally:
        from tests.conftest import CHEAP_KDF

        kdf.set_test_params(CHEAP_KDF)
    assert params.meets_floor
    assert params.memory_kib >= 64 * 1024 and params.time_cost >= 3


@pytest.mark.parametrize("bad", [
    {"name": "scrypt", "memory_kib": 1, "time_cost": 1, "parallelism": 1},
    {"name": "argon2id", "memory_kib": -1, "time_cost": 3, "parallelism": 4},
    {"name": "argon2id", "memory_kib": 10 ** 9, "time_cost": 3, "parallelism": 4},
    {"name": "argon2id", "memory_kib": "65536", "time_cost": 3, "parallelism": 4},
])
def test_kdf_params_from_file_are_checked(bad) -> None:
    with pytest.raises(ValueError):
        kdf.KdfParams.from_dict(bad)


def test_paths_precedence(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CRISIS_BINDER_HOME", str(tmp_path / "env"))
    assert paths.resolve(tmp_path / "explicit").data == tmp_path / "explicit" / "data"
    assert paths.resolve().data == tmp_path / "env" / "data"
    monkeypatch.delenv("CRISIS_BINDER_HOME")
    exe = tmp_path / "usb"
    exe.mkdir()
    assert not paths.resolve(exe_dir=exe).portable
    (exe / ".portable").touch()
    portable = paths.resolve(exe_dir=exe)
    assert portable.portable and portable.data.parent == exe / "crisis-binder-data"
    assert portable.logs.is_relative_to(exe)


def test_binder_path_precedence(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CRISIS_BINDER_PATH", str(tmp_path / "env.db"))
    assert paths.binder_path(str(tmp_path / "arg.db")) == tmp_path / "arg.db"
    assert paths.binder_path() == tmp_path / "env.db"
    monkeypatch.delenv("CRISIS_BINDER_PATH")
    assert paths.binder_path().name == "binder.db"
