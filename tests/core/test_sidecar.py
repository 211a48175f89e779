from dataclasses import replace
from pathlib import Path

import pytest

from binder.errors import KeyFileError, WrongKeyError
from binder.keys import kdf, sidecar
from binder.session import BinderSession, unlock_any


def test_every_byte_flip_is_refused_as_damage(binder_file) -> None:
    raw = sidecar.sidecar_path(binder_file.path).read_bytes()
    for pos in range(len(raw)):
        for mask in (0x01, 0x80):
            damaged = bytearray(raw)
            damaged[pos] ^= mask
            with pytest.raises(ValueError):
                sidecar.parse(bytes(damaged))


def test_damaged_sidecar_without_backup_refuses_cleanly(binder_file) -> None:
    path = sidecar.sidecar_path(binder_file.path)
    Path(str(path) + ".bak").unlink()
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x04
    path.write_bytes(bytes(raw))
    session = BinderSession.open(binder_file.path)
    try:
        with pytest.raises(KeyFileError, match="damaged"):
            session.unlock_with_passphrase(binder_file.passphrase)
        # The recovery key still opens the binder.
        session.unlock_with_recovery_key(binder_file.recovery_key)
        assert session.unlocked
    finally:
        session.close()


def test_damaged_sidecar_falls_back_to_identical_backup(binder_file) -> None:
    path = sidecar.sidecar_path(binder_file.path)
    raw = bytearray(path.read_bytes())
    raw[40] ^= 0x10
    path.write_bytes(bytes(raw))
    s = unlock_any(binder_file.path, passphrase=binder_file.passphrase)
    try:
        assert any("backup copy was used" in w for w in s.warnings)
    finally:
        s.close()


def test_slot_cannot_be_weakened_or_moved(binder_file) -> None:
    key_file, _ = sidecar.read(binder_file.path)
    slot = key_file.slot_of(sidecar.SLOT_PASSPHRASE)
    assert slot is not None and slot.kdf is not None
    weaker = replace(slot, kdf=kdf.KdfParams(slot.kdf.memory_kib // 2, 1, 1))
    with pytest.raises(WrongKeyError):
        sidecar.unlock_passphrase(key_file.with_slot(weaker), binder_file.passphrase)
    moved = replace(key_file, binder_id="00000000-0000-0000-0000-000000000000")
    with pytest.raises(WrongKeyError):
        sidecar.unlock_passphrase(moved, binder_file.passphrase)


def test_sidecar_holds_no_key_material_in_clear(binder_file) -> None:
    s = unlock_any(binder_file.path, recovery_key=binder_file.recovery_key)
    try:
        key = s.data_key
    finally:
        s.close()
    raw = sidecar.sidecar_path(binder_file.path).read_bytes()
    assert key not in raw and key.hex().encode() not in raw
    assert b"Orchid" not in raw
