"""Integration with a real Secret Service daemon (gnome-keyring).

`make test` runs this under dbus-run-session with an unlocked gnome-keyring
when both are installed; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import os

import keyring
import pytest

from binder.keys import keyring_store
from binder.session import unlock_any

pytestmark = pytest.mark.secretservice


@pytest.fixture
def secret_service():
    if not os.environ.get("CRISIS_BINDER_SECRETSERVICE_TEST"):
        pytest.skip("no Secret Service session (make test starts one when gnome-keyring exists)")
    from keyring.backends import SecretService

    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    return backend


def test_remember_and_unlock_through_gnome_keyring(binder_file, secret_service) -> None:
    assert keyring_store.status().usable
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        s.remember_on_device()
    assert secret_service.get_password("crisis-binder", binder_file.binder_id)
    with unlock_any(binder_file.path) as s:
        assert s.unlock_method == "keyring"
        s.forget_on_device()
    assert secret_service.get_password("crisis-binder", binder_file.binder_id) is None
