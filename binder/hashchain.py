"""The incident log's hash chain.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's
canonical JSON (sorted keys, no whitespace, UTF-8). Changing, removing or
reordering any entry breaks every hash after it; the incident keeps the head
hash and count, so cutting entries off the end shows too. A paper copy of
the final hash (it is printed on the incident report) anchors the chain
against someone who holds the key and rewrites it all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


def genesis(incident_id: str) -> str:
    return hashlib.sha256(f"crisis-binder incident log v1:{incident_id}".encode()).hexdigest()


def canonical(entry: Mapping[str, Any]) -> bytes:
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def link(prev_hash: str, entry: Mapping[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + canonical(entry)).hexdigest()


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    entries: int
    head: str
    first_broken: int | None = None  # entry number (1-based)
    problem: str = ""


def verify(incident_id: str, rows: Sequence[tuple[int, Mapping[str, Any], str, str]],
           expected_head: str | None, expected_count: int | None) -> ChainCheck:
    """``rows``: (entry number, canonical fields, stored prev_hash, stored hash) in order."""
    prev = genesis(incident_id)
    for position, (number, fields, stored_prev, stored_hash) in enumerate(rows, start=1):
        if number != position:
            return ChainCheck(False, len(rows), prev, position,
                              f"entry {position} is missing (found entry {number} in its place)")
        if stored_prev != prev:
            return ChainCheck(False, len(rows), prev, number,
                              f"entry {number} does not follow entry {number - 1}")
        if link(prev, fields) != stored_hash:
            return ChainCheck(False, len(rows), prev, number,
                              f"entry {number} was changed after it was written")
        prev = stored_hash
    if expected_count is not None and expected_count != len(rows):
        return ChainCheck(False, len(rows), prev, len(rows) + 1 if expected_count > len(rows)
                          else expected_count + 1,
                          f"the log should have {expected_count} entries, it has {len(rows)}")
    if expected_head is not None and expected_head != prev:
        return ChainCheck(False, len(rows), prev, len(rows),
                          "the last entry does not match the recorded head of the log")
    return ChainCheck(True, len(rows), prev)
