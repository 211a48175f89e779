"""Which importer reads a file: "csv", "vcard" or "json", from its content first.

The content decides: a file whose first text is ``BEGIN:VCARD`` is a vCard
whatever its name, one starting with ``{`` or ``[`` is JSON, and a first line
with a comma, semicolon or tab is CSV. The extension (.csv .tsv .txt .vcf
.vcard .json) only settles what the content leaves open, and a contradiction
(a ``.vcf`` with no BEGIN:VCARD) is refused. Binary files (archives, Office
documents, images, NUL bytes) are refused with what they look like.
"""

from __future__ import annotations

import logging
from pathlib import PurePath

from binder.errors import ImportFormatError
from binder.io.limits import check_size, to_utf8

log = logging.getLogger(__name__)

__all__ = ["detect_format"]

_EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".vcf": "vcard",
               ".vcard": "vcard", ".json": "json"}
_HEAD_BYTES = 64 * 1024
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}


def detect_format(data: bytes, filename: str) -> str:
    """"csv", "vcard" or "json"; ImportFormatError for anything else."""
    name = PurePath(filename).name if filename else ""
    where = filename or None
    check_size(data, filename)
    head = to_utf8(data, filename)[:_HEAD_BYTES]  # whole file: a cut could split a character
    if not head.strip():
        raise ImportFormatError("The file is empty.", path=where)
    controls = sum(1 for b in head[:4096] if b in _CONTROL)
    if controls > 8:
        raise ImportFormatError("This is not a text file (it is full of control characters). "
                                "Import a CSV, vCard (.vcf) or JSON file.", path=where)
    text = head.decode("utf-8", "replace").lstrip()
    by_name = _EXTENSIONS.get(PurePath(name).suffix.lower())
    if text[:11].upper() == "BEGIN:VCARD":
        found = "vcard"
    elif text[:1] in "{[":
        found = "json"
    else:
        first = text.split("\n", 1)[0]
        found = "csv" if any(sep in first for sep in ",;\t") else ""
        if not found and by_name == "csv" and first.strip():
            found = "csv"  # a one-column CSV
    if not found:
        expected = {"vcard": "a vCard (BEGIN:VCARD)", "json": "JSON"}.get(by_name or "")
        what = f"It is named like {expected} but does not start like one. " if expected else ""
        raise ImportFormatError(f"Cannot tell what kind of file this is. {what}Import a CSV, "
                                "vCard (.vcf) or JSON file.", path=where)
    if by_name and by_name != found and by_name != "csv":
        log.info("%s: content says %s, extension says %s; using the content",
                 name, found, by_name)
    return found
