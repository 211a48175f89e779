"""The recovery key: the 256-bit data key in a form a person can type.

Crockford base32 (no I, L, O, U; case-insensitive; I/L read as 1, O as 0) in
13 groups of four data characters, each followed by Crockford's mod-37 check
symbol. A typo is caught by the group's check symbol and reported with the
group number before any unlock is tried. The same key is printed as 64 hex
digits for SQLCipher tools (the break-glass path).
"""

from __future__ import annotations

from binder.errors import RecoveryKeyTypoError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_SYMBOLS = ALPHABET + "*~$=U"
GROUP = 4
KEY_BYTES = 32
DATA_CHARS = 52  # ceil(256 / 5); the last 4 bits are zero padding
GROUPS = DATA_CHARS // GROUP
_DECODE = {c: i for i, c in enumerate(ALPHABET)}
_DECODE.update({"O": 0, "I": 1, "L": 1})
_CHECK_DECODE = {c: i for i, c in enumerate(CHECK_SYMBOLS)}
_CHECK_DECODE.update({"O": 0, "I": 1, "L": 1})


def _check_symbol(chars: str) -> str:
    value = 0
    for c in chars:
        value = value * 32 + _DECODE[c]
    return CHECK_SYMBOLS[value % 37]


def encode(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("a data key is 32 bytes")
    bits = int.from_bytes(key, "big") << 4
    chars = "".join(ALPHABET[(bits >> (5 * (DATA_CHARS - 1 - i))) & 31] for i in range(DATA_CHARS))
    groups = [chars[i:i + GROUP] for i in range(0, DATA_CHARS, GROUP)]
    return "-".join(g + _check_symbol(g) for g in groups)


def decode(text: str) -> bytes:
    """Parse a typed recovery key; raise RecoveryKeyTypoError naming what is wrong."""
    cleaned = "".join(ch for ch in text.strip().upper() if ch not in " -\t\n")
    expected = GROUPS * (GROUP + 1)
    if len(cleaned) != expected:
        raise RecoveryKeyTypoError(
            f"A recovery key has {expected} characters (13 groups of 5); "
            f"this one has {len(cleaned)}. Check for a missing or extra group.")
    data = []
    for n in range(GROUPS):
        chunk = cleaned[n * (GROUP + 1):(n + 1) * (GROUP + 1)]
        body, check = chunk[:GROUP], chunk[GROUP]
        bad = [c for c in body if c not in _DECODE]
        if bad or check not in _CHECK_DECODE:
            shown = bad[0] if bad else check
            raise RecoveryKeyTypoError(
                f"Group {n + 1} of the recovery key ('{chunk}') contains "
                f"'{shown}', which is not a recovery-key character.")
        normal = "".join(ALPHABET[_DECODE[c]] for c in body)
        if CHECK_SYMBOLS[_CHECK_DECODE[check]] != _check_symbol(normal):
            raise RecoveryKeyTypoError(
                f"Group {n + 1} of the recovery key ('{chunk}') does not match its "
                "check character: there is a typo in that group.")
        data.append(normal)
    bits = 0
    for c in "".join(data):
        bits = bits * 32 + _DECODE[c]
    if bits & 0xF:
        raise RecoveryKeyTypoError("The last group of the recovery key is not valid: check it.")
    return (bits >> 4).to_bytes(KEY_BYTES, "big")


def to_hex(key: bytes) -> str:
    return key.hex()


def looks_like_recovery_key(text: str) -> bool:
    """True when the text has the shape of a recovery key (used to tell it from a passphrase)."""
    cleaned = "".join(ch for ch in text.strip() if ch not in " -")
    return len(cleaned) == GROUPS * (GROUP + 1) and text.count("-") >= GROUPS - 1
