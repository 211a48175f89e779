"""Size and shape limits for import files, and the byte-level work before parsing.

Every import goes through :func:`check_size` (or :func:`read_limited`, which
refuses an oversized file from its size on disk without reading it) before
any parsing, then :func:`to_utf8` (byte-order marks, UTF-16/32, NUL bytes).
Each refusal is an :class:`~binder.errors.ImportFormatError` whose message
names the limit, so a user knows what to change.

The limits are generous for real exports (a 10,000-person company directory
with photos is a few MB) and small enough that a hostile or broken file is
refused within seconds and bounded memory:

=====================  ============  ==========================================
limit                  value         what it bounds
=====================  ============  ==========================================
MAX_FILE_BYTES         50 MiB        the whole file
MAX_LINES              2,500,000     physical lines in the file
MAX_RECORDS            200,000       contacts (CSV rows or vCards)
MAX_COLUMNS            500           columns in a CSV row, properties in a vCard
MAX_FIELD_CHARS        65,536        one text value (CSV cell, vCard value)
MAX_LINE_CHARS         4 MiB         one CSV record or one unfolded vCard
                                     property (an embedded photo fits)
MAX_ITEMS              100           phones or emails on one contact
MAX_VCARD_DEPTH        4             vCards nested inside vCards (AGENT)
MAX_PROBLEMS           1,000         problems reported before parsing stops
=====================  ============  ==========================================
"""

from __future__ import annotations

import binascii
import codecs
import logging
import os
from collections.abc import Callable
from pathlib import Path

from binder.errors import ImportFormatError, NotFoundError

log = logging.getLogger(__name__)

__all__ = [
    "MAX_COLUMNS", "MAX_FIELD_CHARS", "MAX_FILE_BYTES", "MAX_ITEMS", "MAX_LINES",
    "MAX_LINE_CHARS", "MAX_PROBLEMS", "MAX_RECORDS", "MAX_VCARD_DEPTH",
    "check_size", "decode_lines", "decode_value", "describe_bytes", "read_limited", "to_utf8",
]

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_LINES = 2_500_000
MAX_RECORDS = 200_000
MAX_COLUMNS = 500
MAX_FIELD_CHARS = 64 * 1024
MAX_LINE_CHARS = 4 * 1024 * 1024
MAX_ITEMS = 100
MAX_VCARD_DEPTH = 4
MAX_PROBLEMS = 1000

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Formats people pick by mistake, recognised by their first bytes.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (an .xlsx or .docx file is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.xls/.doc)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3", "an SQLite database"), (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"), (b"\x7fELF", "a program"), (b"MZ", "a Windows program"),
)


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB"


def check_size(data: bytes, path: str = "") -> None:
    """Refuse data above MAX_FILE_BYTES or with more than MAX_LINES lines."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFormatError(
            f"The file is {_mib(len(data))}; the import limit is {_mib(MAX_FILE_BYTES)} "
            "(MAX_FILE_BYTES). Split it into smaller files.", path=path or None)
    lines = data.count(b"\n") or data.count(b"\r")
    if lines > MAX_LINES:
        raise ImportFormatError(
            f"The file has {lines:,} lines; the import limit is {MAX_LINES:,} lines "
            "(MAX_LINES). Split it into smaller files.", path=path or None)


def read_limited(path: str | os.PathLike[str]) -> bytes:
    """Read a whole import file, refusing one above MAX_FILE_BYTES before reading it."""
    p = Path(path)
    name = str(p)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise ImportFormatError("This is not a file (a folder or a device?).", path=name)
        if size > MAX_FILE_BYTES:
            raise ImportFormatError(
                f"The file is {_mib(size)}; the import limit is {_mib(MAX_FILE_BYTES)} "
                "(MAX_FILE_BYTES). Split it into smaller files.", path=name)
        with p.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise NotFoundError(f"{name}: the file does not exist.") from None
    except OSError as exc:
        raise ImportFormatError(f"The file cannot be read: {exc.strerror or exc}.",
                                path=name) from None
    if len(data) > MAX_FILE_BYTES:  # it grew while we looked
        raise ImportFormatError(f"The file is larger than the import limit of "
                                f"{_mib(MAX_FILE_BYTES)} (MAX_FILE_BYTES).", path=name)
    log.debug("read %d bytes from %s", len(data), name)
    return data


def describe_bytes(raw: bytes) -> str:
    """'0xE9 0x72' for an error message (at most 8 bytes shown)."""
    shown = " ".join(f"0x{b:02X}" for b in raw[:8])
    return shown + (" ..." if len(raw) > 8 else "")


def _bom_encoding(data: bytes) -> tuple[str | None, int]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    head = data[:512]
    if len(head) >= 8 and head.count(0) >= len(head) // 3:
        # UTF-16 without a byte-order mark: ASCII text with a NUL in every other byte.
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if odd >= len(head) // 2 - 2 and even == 0:
            return "utf-16-le", 0
        if even >= len(head) // 2 - 2 and odd == 0:
            return "utf-16-be", 0
    return None, 0


def to_utf8(data: bytes, path: str = "") -> bytes:
    """The file's bytes as UTF-8 (or the 8-bit bytes it had), without any byte-order mark.

    UTF-16 and UTF-32 (with a byte-order mark, or UTF-16 recognised by its NUL
    pattern) are decoded and re-encoded as UTF-8. Files that are not text
    (known binary signatures, NUL bytes) are refused with the line of the
    first NUL. Invalid UTF-8 is left for the parser, which reports each line.
    """
    where = path or None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ImportFormatError(f"This is {what}, not a contacts file. Export the "
                                    "contacts as CSV or vCard (.vcf) and import that.",
                                    path=where)
    encoding, skip = _bom_encoding(data)
    if encoding is not None and encoding != "utf-8":
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError as exc:
            line = data[skip:exc.start].decode(encoding, "replace").count("\n") + 1
            raise ImportFormatError(
                f"The file says it is {encoding.upper()} but the bytes "
                f"{describe_bytes(exc.object[exc.start:exc.end])} are not valid "
                f"{encoding.upper()}. Save it again as UTF-8.", line=line, path=where) from None
        data = text.encode("utf-8")
        skip = 0
    body = data[skip:]
    nul = body.find(b"\x00")
    if nul >= 0:
        line = body.count(b"\n", 0, nul) + 1
        raise ImportFormatError("The file contains NUL bytes, so it is not a text file "
                                "(a binary file, or text in an encoding that was not "
                                "recognised). Export the contacts as CSV or vCard.",
                                line=line, path=where)
    return body


def decode_lines(body: bytes, report: Callable[[int, str], None], most: int = 10) -> str:
    """UTF-8 text; each line with invalid bytes is reported (the first ``most`` of them)."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    out: list[str] = []
    bad = 0
    for n, raw in enumerate(body.split(b"\n"), start=1):
        try:
            out.append(raw.decode("utf-8"))
            continue
        except UnicodeDecodeError as exc:
            bad += 1
            if bad <= most:
                chunk = raw[exc.start:exc.end]
                report(n, f"the bytes {describe_bytes(chunk)} are not valid UTF-8 (in "
                       f"Windows-1252 they would be '{chunk.decode('cp1252', 'replace')}'). "
                       "Save the file as UTF-8 (in Excel: 'CSV UTF-8') and import it again.")
        out.append(raw.decode("utf-8", "replace"))
    if bad > most:
        report(1, f"{bad - most:,} more lines are not valid UTF-8.")
    return "\n".join(out)


def decode_value(raw: bytes, encoding: str = "", charset: str = "") -> tuple[str, str | None]:
    """A vCard value's text from its ENCODING and CHARSET: (text, why it is damaged or None)."""
    encoding = encoding.upper()
    try:
        if encoding in ("QUOTED-PRINTABLE", "QP"):
            raw = binascii.a2b_qp(raw)
        elif encoding in ("B", "BASE64"):
            raw = binascii.a2b_base64(b"".join(raw.split()), strict_mode=True)
    except binascii.Error:
        return "", "the base64 value is damaged"
    name, problem = "utf-8", None
    if charset:
        try:
            info = codecs.lookup(charset)
            if not getattr(info, "_is_text_encoding", True):
                raise LookupError(charset)
            name = info.name
        except LookupError:
            problem = f"'{charset[:40]}' is not a character set this app knows"
    try:
        return raw.decode(name), problem
    except (UnicodeError, ValueError) as exc:
        bad = raw[exc.start:exc.end] if isinstance(exc, UnicodeDecodeError) else raw
        return raw.decode("utf-8", "replace"), (
            f"the bytes {describe_bytes(bad)} are not valid {charset or 'UTF-8'}; save the "
            "file as UTF-8 or fix its CHARSET")
