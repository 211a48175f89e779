"""The key sidecar: ``<binder>.keys`` beside the binder file.

It holds key slots, each wrapping the data key with AES-256-GCM. The
associated data binds the binder id, slot id, slot type and KDF parameters,
so a slot cannot be moved to another binder or have its parameters lowered.
The file ends with a SHA-256 over every byte before it, so that accidental
damage (a flipped bit on a USB stick) is reported as damage, not as a wrong
passphrase. A ``.bak`` twin with identical content is written after every
change; it never holds an older slot (an old passphrase must stop working).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

from binder.errors import KeyFileError, WrongKeyError
from binder.keys.kdf import KdfParams, derive

log = logging.getLogger(__name__)

MAGIC = b"crisis-binder-keys v1\n"
SLOT_PASSPHRASE = "passphrase"
SLOT_KEYRING = "keyring"
_CHECK_LABEL = b"crisis-binder key check v1:"


@dataclass(frozen=True)
class Slot:
    slot_id: str
    type: str
    nonce: bytes
    wrapped: bytes
    kdf: KdfParams | None = None
    salt: bytes | None = None
    created_at: str = ""

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"id": self.slot_id, "type": self.type,
                                  "nonce": _b64(self.nonce), "wrapped": _b64(self.wrapped),
                                  "created_at": self.created_at}
        if self.kdf is not None and self.salt is not None:
            out["kdf"] = self.kdf.to_dict()
            out["salt"] = _b64(self.salt)
        return out


@dataclass(frozen=True)
class KeyFile:
    binder_id: str
    key_check: bytes
    slots: tuple[Slot, ...] = field(default_factory=tuple)

    def slot_of(self, slot_type: str) -> Slot | None:
        return next((s for s in self.slots if s.type == slot_type), None)

    def without(self, slot_type: str) -> KeyFile:
        return replace(self, slots=tuple(s for s in self.slots if s.type != slot_type))

    def with_slot(self, slot: Slot) -> KeyFile:
        return replace(self, slots=self.without(slot.type).slots + (slot,))

    def check_key(self, data_key: bytes) -> bool:
        return hmac.compare_digest(key_check_value(data_key, self.binder_id), self.key_check)


def key_check_value(data_key: bytes, binder_id: str) -> bytes:
    """Lets a recovery key be verified against the sidecar without trying the database."""
    return hmac.new(data_key, _CHECK_LABEL + binder_id.encode(), hashlib.sha256).digest()


def sidecar_path(binder: Path) -> Path:
    return binder.with_name(binder.name + ".keys")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _associated_data(binder_id: str, slot_id: str, slot_type: str,
                     kdf: KdfParams | None) -> bytes:
    payload = {"binder_id": binder_id, "slot_id": slot_id, "type": slot_type,
               "kdf": kdf.to_dict() if kdf else None}
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def wrap(binder_id: str, slot_type: str, wrapping_key: bytes, data_key: bytes, *,
         kdf: KdfParams | None = None, salt: bytes | None = None, created_at: str = "") -> Slot:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    slot_id = secrets.token_hex(8)
    nonce = os.urandom(12)
    ad = _associated_data(binder_id, slot_id, slot_type, kdf)
    wrapped = AESGCM(wrapping_key).encrypt(nonce, data_key, ad)
    return Slot(slot_id, slot_type, nonce, wrapped, kdf, salt, created_at)


def unwrap(key_file: KeyFile, slot: Slot, wrapping_key: bytes) -> bytes:
    # cryptography is imported on first use: reading the slots (to show the
    # unlock screen) does not need it.
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    ad = _associated_data(key_file.binder_id, slot.slot_id, slot.type, slot.kdf)
    try:
        data_key = AESGCM(wrapping_key).decrypt(slot.nonce, slot.wrapped, ad)
    except InvalidTag:
        raise WrongKeyError("Wrong passphrase." if slot.type == SLOT_PASSPHRASE
                            else "The key remembered on this device no longer fits this binder.") from None
    if not key_file.check_key(data_key):
        raise KeyFileError("The key file does not match this binder.")
    return data_key


def passphrase_slot(key_file_binder_id: str, passphrase: str, data_key: bytes,
                    params: KdfParams, created_at: str) -> Slot:
    salt = os.urandom(16)
    wrapping = derive(passphrase, salt, params)
    return wrap(key_file_binder_id, SLOT_PASSPHRASE, wrapping, data_key,
                kdf=params, salt=salt, created_at=created_at)


def unlock_passphrase(key_file: KeyFile, passphrase: str) -> bytes:
    slot = key_file.slot_of(SLOT_PASSPHRASE)
    if slot is None or slot.kdf is None or slot.salt is None:
        raise KeyFileError("This binder has no passphrase slot: unlock it with the recovery key.")
    return unwrap(key_file, slot, derive(passphrase, slot.salt, slot.kdf))


# --- reading and writing -------------------------------------------------

def serialise(key_file: KeyFile) -> bytes:
    body = {"binder_id": key_file.binder_id, "key_check": _b64(key_file.key_check),
            "slots": [s.to_dict() for s in key_file.slots]}
    text = MAGIC + json.dumps(body, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    return text + b"sha256:" + hashlib.sha256(text).hexdigest().encode() + b"\n"


def parse(raw: bytes) -> KeyFile:
    """Parse sidecar bytes; ValueError on any damage."""
    if not raw.startswith(MAGIC):
        raise ValueError("not a Crisis Binder key file")
    head, sep, tail = raw.rpartition(b"sha256:")
    if not sep or not tail.endswith(b"\n"):
        raise ValueError("checksum missing")
    if not hmac.compare_digest(hashlib.sha256(head).hexdigest().encode(), tail[:-1]):
        raise ValueError("checksum mismatch")
    body = json.loads(head[len(MAGIC):].decode("utf-8"))
    slots = []
    for s in body["slots"]:
        kdf = KdfParams.from_dict(s["kdf"]) if "kdf" in s else None
        slots.append(Slot(str(s["id"]), str(s["type"]), _unb64(s["nonce"]), _unb64(s["wrapped"]),
                          kdf, _unb64(s["salt"]) if "salt" in s else None,
                          str(s.get("created_at", ""))))
    return KeyFile(str(body["binder_id"]), _unb64(body["key_check"]), tuple(slots))


def read(binder: Path) -> tuple[KeyFile, list[str]]:
    """Read the sidecar, falling back to its .bak twin when damaged.

    Returns the key file and warnings for the user.
    """
    path = sidecar_path(binder)
    bak = path.with_name(path.name + ".bak")
    warnings: list[str] = []
    if not path.exists() and not bak.exists():
        raise KeyFileError(
            f"The key file {path.name} is missing beside {binder.name}. "
            "Unlock with your recovery key (it does not need the key file).")
    try:
        return parse(path.read_bytes()), warnings
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("key file unreadable: %s", type(exc).__name__)
        problem = "missing" if not path.exists() else "damaged"
    try:
        key_file = parse(bak.read_bytes())
    except (OSError, ValueError, KeyError, TypeError):
        raise KeyFileError(
            f"The key file {path.name} is {problem} and its backup copy cannot be used. "
            "Unlock with your recovery key; the binder itself is not affected.") from None
    warnings.append(f"The key file {path.name} was {problem}; its backup copy was used. "
                    "Run 'doctor' to repair it.")
    return key_file, warnings


def write(binder: Path, key_file: KeyFile) -> None:
    """Atomically replace the sidecar, then its .bak twin, with the same bytes."""
    data = serialise(key_file)
    path = sidecar_path(binder)
    for target in (path, path.with_name(path.name + ".bak")):
        _atomic_write(target, data)


def _atomic_write(target: Path, data: bytes) -> None:
    tmp = target.with_name(target.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
