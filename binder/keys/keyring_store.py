"""The "remember on this device" slot key, kept in the OS keyring.

Only backends with priority >= 1 count: keyrings.alt's PlaintextKeyring
(priority 0.5) writes secrets as base64 on disk and must never be used.
Every keyring call runs with a timeout, because a locked or absent Secret
Service can block; failure means "use the passphrase", never plaintext.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar


from binder.errors import KeyringUnavailable

log = logging.getLogger(__name__)

SERVICE = "crisis-binder"
TIMEOUT_S = 5.0
_REFUSED_MODULES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")
T = TypeVar("T")


@dataclass(frozen=True)
class KeyringStatus:
    usable: bool
    backend: str
    reason: str


def _name(backend: Any) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _acceptable(backend: Any) -> bool:
    try:
        priority = float(backend.priority)
    except Exception:  # a backend whose priority property raises is not viable
        return False
    return priority >= 1 and not _name(backend).startswith(_REFUSED_MODULES)


def _safe_backend() -> tuple[Any | None, str]:
    import keyring  # 40 ms to import: loaded when a keyring is first asked about

    current = keyring.get_keyring()
    candidates = list(getattr(current, "backends", None) or [current])
    candidates.sort(key=lambda b: getattr(b, "priority", 0), reverse=True)
    for backend in candidates:
        if _acceptable(backend):
            return backend, _name(backend)
    return None, _name(current)


def _with_timeout(fn: Callable[[], T], what: str) -> T:
    result: list[T] = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            result.append(fn())
        except BaseException as exc:  # handed back to the calling thread
            error.append(exc)

    worker = threading.Thread(target=run, name="keyring-call", daemon=True)
    worker.start()
    worker.join(TIMEOUT_S)
    if worker.is_alive():
        raise KeyringUnavailable(
            f"The system keyring did not answer within {TIMEOUT_S:.0f} s ({what}). "
            "Use your passphrase.")
    if error:
        exc = error[0]
        import keyring.errors

        if isinstance(exc, keyring.errors.KeyringLocked):
            raise KeyringUnavailable("The system keyring is locked. Use your passphrase.")
        if isinstance(exc, keyring.errors.KeyringError):
            raise KeyringUnavailable(f"The system keyring refused ({what}). Use your passphrase.")
        raise KeyringUnavailable(
            f"The system keyring failed ({type(exc).__name__}). Use your passphrase.")
    return result[0]


def status() -> KeyringStatus:
    backend, name = _safe_backend()
    if backend is None:
        return KeyringStatus(False, name, "No safe system keyring on this device (one that "
                                          "keeps secrets encrypted), so you will type the "
                                          "passphrase each time.")
    return KeyringStatus(True, name, f"Kept in the system keyring ({type(backend).__name__}).")


def _require() -> Any:
    backend, name = _safe_backend()
    if backend is None:
        raise KeyringUnavailable(
            "This device has no safe keyring, so the binder cannot be remembered here. "
            "Use your passphrase.")
    return backend


def store(binder_id: str, secret_hex: str) -> None:
    backend = _require()
    _with_timeout(lambda: backend.set_password(SERVICE, binder_id, secret_hex), "saving")


def load(binder_id: str) -> str | None:
    backend = _require()
    value = _with_timeout(lambda: backend.get_password(SERVICE, binder_id), "reading")
    return value if isinstance(value, str) else None


def delete(binder_id: str) -> None:
    backend = _require()

    import keyring.errors

    def remove() -> None:
        try:
            backend.delete_password(SERVICE, binder_id)
        except keyring.errors.PasswordDeleteError:
            log.info("no keyring entry to delete")

    _with_timeout(remove, "forgetting")
