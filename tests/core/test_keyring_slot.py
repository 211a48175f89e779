"""Remember on this device: safe backends only, timeouts, clean fallback."""

from __future__ import annotations

import threading
import time

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail

from binder.errors import KeyringUnavailable
from binder.keys import keyring_store
from binder.session import BinderSession, unlock_any


class LockedKeyring(keyring.backend.KeyringBackend):
    priority = 5  # type: ignore[assignment]

    def get_password(self, service, username):
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service, username, password):
        raise keyring.errors.KeyringLocked("locked")

    def delete_password(self, service, username):
        raise keyring.errors.KeyringLocked("locked")


class HangingKeyring(keyring.backend.KeyringBackend):
    priority = 5  # type: ignore[assignment]
    release = threading.Event()

    def get_password(self, service, username):
        self.release.wait(30)
        return None

    def set_password(self, service, username, password):
        self.release.wait(30)

    def delete_password(self, service, username):
        self.release.wait(30)


def test_remember_then_unlock_without_typing_then_forget(binder_file, memory_keyring) -> None:
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        s.remember_on_device()
    assert ("crisis-binder", binder_file.binder_id) in memory_keyring.store
    with unlock_any(binder_file.path) as s:
        assert s.unlock_method == "keyring"
        s.forget_on_device()
    assert memory_keyring.store == {}
    s = BinderSession.open(binder_file.path)
    try:
        assert not s.has_keyring_slot
        with pytest.raises(KeyringUnavailable):
            s.unlock_with_keyring()
        s.unlock_with_passphrase(binder_file.passphrase)
    finally:
        s.close()


def test_fail_backend_is_not_offered(binder_file) -> None:
    keyring.set_keyring(fail.Keyring())
    assert not keyring_store.status().usable
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        with pytest.raises(KeyringUnavailable, match="no safe keyring"):
            s.remember_on_device()
        assert not s.has_keyring_slot


def test_plaintext_backend_is_refused(binder_file, tmp_path) -> None:
    from keyrings.alt.file import PlaintextKeyring

    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "plain.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    status = keyring_store.status()
    assert not status.usable and "keyrings.alt" in status.backend
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        with pytest.raises(KeyringUnavailable):
            s.remember_on_device()
    assert not (tmp_path / "plain.cfg").exists()


def test_locked_keyring_falls_back_to_passphrase(binder_file, memory_keyring) -> None:
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        s.remember_on_device()
    keyring.set_keyring(LockedKeyring())
    s = BinderSession.open(binder_file.path)
    try:
        with pytest.raises(KeyringUnavailable, match="locked"):
            s.unlock_with_keyring()
        s.unlock_with_passphrase(binder_file.passphrase)
        assert s.unlocked
    finally:
        s.close()


def test_hanging_keyring_times_out(binder_file, memory_keyring, monkeypatch) -> None:
    assert keyring_store.TIMEOUT_S <= 5
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        s.remember_on_device()
    monkeypatch.setattr(keyring_store, "TIMEOUT_S", 0.3)
    keyring.set_keyring(HangingKeyring())
    s = BinderSession.open(binder_file.path)
    try:
        start = time.monotonic()
        with pytest.raises(KeyringUnavailable, match="did not answer"):
            s.unlock_with_keyring()
        assert time.monotonic() - start < 3
    finally:
        HangingKeyring.release.set()
        s.close()


def test_stale_keyring_entry_is_reported(binder_file, memory_keyring) -> None:
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        s.remember_on_device()
    memory_keyring.store[("crisis-binder", binder_file.binder_id)] = "00" * 32
    s = BinderSession.open(binder_file.path)
    try:
        with pytest.raises(Exception, match="no longer fits"):
            s.unlock_with_keyring()
    finally:
        s.close()
