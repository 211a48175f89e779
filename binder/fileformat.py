"""What a binder file looks like from outside, without opening it (no SQLCipher
import: the app checks a file before its unlock screen, see binder/session.py)."""

from __future__ import annotations

from pathlib import Path

PAGE_SIZE = 4096
# The first 16 bytes of every unencrypted SQLite 3 file.
SQLITE_HEADER = b"SQLite format 3\x00"


def looks_plaintext_sqlite(path: Path) -> bool:
    """True for an unencrypted SQLite file (a binder's first page is ciphertext)."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False
