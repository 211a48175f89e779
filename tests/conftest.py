"""Shared fixtures: offscreen Qt, an in-memory keyring, redirected paths,
no network, cheap KDF parameters, and one template binder copied per test."""

from __future__ import annotations

import os

# Must be set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
import socket  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import keyring  # noqa: E402
import keyring.backend  # noqa: E402
import pytest  # noqa: E402

from binder.keys import kdf  # noqa: E402

PASSPHRASE = "Orchid-Lantern-Ferry-1987!"
# Test-only KDF cost (explicit, never the defaults): 8 MiB, one pass.
CHEAP_KDF = kdf.KdfParams(memory_kib=8 * 1024, time_cost=1, parallelism=1)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in this process only, so no test touches the user's."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            import keyring.errors

            raise keyring.errors.PasswordDeleteError("not found")
        del self.store[(service, username)]


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("CRISIS_BINDER_HOME", str(home))
    for var in ("CRISIS_BINDER_PATH", "CRISIS_BINDER_PASSPHRASE", "CRISIS_BINDER_RECOVERY_KEY",
                "CRISIS_BINDER_NEW_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    return home


_real_socket_init = socket.socket.__init__


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test whose code creates an internet socket (unix sockets are local IPC)."""

    def guarded(self: socket.socket, family: int = -1, *args: object, **kwargs: object) -> None:
        if family in (socket.AF_INET, socket.AF_INET6) or family == -1:
            raise AssertionError("network socket created: Crisis Binder must never use the network")
        _real_socket_init(self, family, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "__init__", guarded)


@pytest.fixture(autouse=True, scope="session")
def cheap_kdf() -> Iterator[None]:
    kdf.set_test_params(CHEAP_KDF)
    yield
    kdf.set_test_params(None)


@dataclass
class BinderFixture:
    path: Path
    passphrase: str
    recovery_key: str
    binder_id: str


def make_template_binder(folder: Path, fill: Callable[[Any], None] | None = None
                         ) -> BinderFixture:
    """Create a binder once per test session (the KDF and seeding run once), optionally
    filled by ``fill(session)``; tests get copies through :func:`copy_binder`."""
    from binder.session import create_binder

    path = folder / "binder.db"
    session, recovery_key = create_binder(path, PASSPHRASE, "Fictional Corp")
    with session:
        if fill is not None:
            fill(session)
        binder_id = session.binder_id
        session.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return BinderFixture(path, PASSPHRASE, recovery_key, binder_id)


def copy_binder(template: BinderFixture, folder: Path) -> BinderFixture:
    """A fresh copy of a template binder (file + key sidecar and its twin)."""
    folder.mkdir()
    target = folder / "binder.db"
    for suffix in ("", ".keys", ".keys.bak"):
        source = template.path.with_name(template.path.name + suffix)
        if source.exists():
            shutil.copy2(source, target.with_name(target.name + suffix))
    return BinderFixture(target, template.passphrase, template.recovery_key, template.binder_id)


@pytest.fixture(scope="session")
def _template_binder(tmp_path_factory: pytest.TempPathFactory, cheap_kdf: None) -> BinderFixture:
    return make_template_binder(tmp_path_factory.mktemp("template"))


@pytest.fixture
def binder_file(_template_binder: BinderFixture, tmp_path: Path) -> BinderFixture:
    """A fresh copy of a created binder (file + key sidecar) for this test."""
    return copy_binder(_template_binder, tmp_path / "binders")


@pytest.fixture
def session(binder_file: BinderFixture) -> Iterator["object"]:
    from binder.session import unlock_any

    s = unlock_any(binder_file.path, passphrase=binder_file.passphrase)
    yield s
    s.close()
