"""Contacts from CSV (Google Contacts, Outlook, Crisis Binder) and to our own CSV.

The kind of CSV is recognised from its header row (case does not matter):

* **Google Contacts** – current export (``First Name``, ``Last Name``,
  ``Organization Name``, ``Organization Title``, ``E-mail 1 - Label``,
  ``E-mail 1 - Value``, ``Phone 1 - Label``, ``Phone 1 - Value`` ...) and the
  older one (``Name``, ``Given Name``, ``Family Name``, ``Organization 1 -
  Name``, ``Phone 1 - Type`` ...). Several values in one cell are separated
  by ``" ::: "``; the cell's label applies to each of them.
* **Outlook** – ``First Name``, ``Middle Name``, ``Last Name``, ``Suffix``,
  ``E-mail Address``, ``E-mail 2 Address``, ``Mobile Phone``, ``Business
  Phone``, ``Home Phone``, ``Company``, ``Job Title``, ``Notes`` ... The first
  email is labelled work, the others other. An internal Exchange address
  (``/o=...``) is replaced by the SMTP address in ``E-mail Display Name``
  when there is one.
* **Crisis Binder** (what :func:`write_csv` writes), UTF-8 with a byte-order
  mark (so Excel shows accents correctly), CRLF line ends, RFC 4180 quoting,
  this header::

    id,name,job_title,organization,roles,phones,emails,may_speak_publicly,time_zone,notes,verified_at

  ``id`` is our UUID (empty for a new person); ``roles`` is role keys joined
  by ``;`` (labels and the aliases of ROLE_ALIASES are accepted too; any
  other role is a problem); ``phones`` is
  ``label:number; label:number`` with labels from PHONE_LABELS, ``emails`` is
  ``label:address; ...`` with labels from EMAIL_LABELS (a ``;`` or ``\\``
  inside a number or address is written ``\\;`` / ``\\\\``);
  ``may_speak_publicly`` is ``yes`` or ``no``; ``time_zone`` an IANA name;
  ``verified_at`` an ISO 8601 time. Columns may come in any order; only
  ``name`` is required. A cell that would start with ``= + - @`` (a
  spreadsheet formula) or ``'`` is written with a leading ``'``, which the
  parser removes again. Deputies, organisation links and history are not in
  the CSV (they are links inside one binder).

A CSV that is not even CSV (a quote that is never closed, a record longer
than MAX_LINE_CHARS) raises ImportFormatError; everything else is a problem.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
from collections.abc import Callable, Iterator, Sequence

from binder.errors import ImportFormatError
from binder.io import (
    Draft, ParsedContact, ParseResult, Problems, TooManyProblems, check_own_field, clean,
    email_label, parse_roles, parse_yes_no, phone_label, show,
)
from binder.io.limits import (
    MAX_COLUMNS, MAX_FIELD_CHARS, MAX_LINE_CHARS, MAX_RECORDS, check_size, decode_lines, to_utf8,
)
from binder.models import EMAIL_LABELS, PHONE_LABELS, Contact

log = logging.getLogger(__name__)

__all__ = ["BINDER_COLUMNS", "parse_csv", "write_csv"]

BINDER_COLUMNS = ("id", "name", "job_title", "organization", "roles", "phones", "emails",
                  "may_speak_publicly", "time_zone", "notes", "verified_at")
_GOOGLE_MULTI = re.compile(r"^(e-mail|email|phone) (\d+) - (label|type|value)$")
_OUTLOOK_PHONES = {
    "mobile phone": "mobile", "business phone": "work", "business phone 2": "work",
    "company main phone": "work", "home phone": "home", "home phone 2": "home",
    "business fax": "fax", "home fax": "fax", "other fax": "fax", "primary phone": "other",
    "other phone": "other", "car phone": "other", "pager": "other", "callback": "other",
    "radio phone": "other", "assistant's phone": "other", "isdn": "other",
    "tty/tdd phone": "other", "telex": "other",
}
_OUTLOOK_EMAILS = (("e-mail address", "e-mail type", "e-mail display name", "work"),
                   ("e-mail 2 address", "e-mail 2 type", "e-mail 2 display name", "other"),
                   ("e-mail 3 address", "e-mail 3 type", "e-mail 3 display name", "other"))
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


class _Row:
    """One record's non-empty cells by casefolded header, and the headers as written."""

    def __init__(self, names: dict[str, str]) -> None:
        self.values: dict[str, str] = {}
        self.names = names

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    def col(self, key: str) -> str:
        return self.names.get(key, key)


Mapper = Callable[[_Row, Draft], Contact | None]


class _TooLong(Exception):
    pass


class _Feed:
    """Lines for csv.reader, counting them and bounding one record's size."""

    def __init__(self, text: str) -> None:
        self._lines = iter(io.StringIO(text, newline=""))
        self.line = 0
        self.record_start = 1
        self._chars = 0

    def start_record(self) -> None:
        self.record_start = self.line + 1
        self._chars = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        text = next(self._lines)
        self.line += 1
        self._chars += len(text)
        if self._chars > MAX_LINE_CHARS:
            raise _TooLong
        return text


def _csv_error(exc: Exception) -> str:
    text = str(exc)
    unclosed = "; often a double quote (\") opens a value here and is never closed"
    if isinstance(exc, _TooLong):
        return f"this record is longer than {MAX_LINE_CHARS // 2**20} MB (MAX_LINE_CHARS)" + (
            unclosed)
    if "field limit" in text:
        return (f"a value in this record is longer than {csv.field_size_limit():,} characters "
                f"(the limit is {MAX_FIELD_CHARS:,}, MAX_FIELD_CHARS)" + unclosed)
    if "unexpected end of data" in text:
        return ("a double quote (\") opens a value in this record and is never closed, so "
                "the rest of the file would be read as one value")
    if "expected after" in text:
        return ("a quoted value is followed by more text before the next comma; inside "
                "quotes, write a double quote as two double quotes (\"\")")
    return f"this record is not valid CSV ({text})"


def _split_items(text: str) -> list[str]:
    """'a; b\\; c' -> ['a', 'b; c'] (backslash escapes ; and itself)."""
    if "\\" not in text:
        return [i.strip() for i in text.split(";") if i.strip()]
    items: list[str] = []
    cur: list[str] = []
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            cur.append(next(chars, "\\"))
        elif ch == ";":
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur))
    return [i.strip() for i in items if i.strip()]


def _join_items(items: Sequence[tuple[str, str]]) -> str:
    return "; ".join(f"{label}:" + value.replace("\\", "\\\\").replace(";", "\\;")
                     for label, value in items)


def _unguard(value: str) -> str:
    if len(value) > 1 and value[0] == "'" and value[1] in _FORMULA_START:
        return value[1:]
    return value


def _guard(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _name(row: _Row, parts: Sequence[str], fallbacks: Sequence[str], d: Draft) -> str:
    name = " ".join(" ".join(row.get(p).split()) for p in parts if row.get(p))
    for key in fallbacks:
        name = name or row.get(key).split(":::")[0].strip()
    name = name or (d.emails[0].address if d.emails else "")
    if not name:
        tried = ", ".join(row.col(k) for k in (*parts, *fallbacks) if k in row.names)
        d.fail(row.col(parts[0]), f"this contact has no name ({tried} and the email "
               "addresses are all empty); add a name")
    return name


# --- Google -------------------------------------------------------------------


def _google(header: Sequence[str]) -> Mapper:
    groups: dict[tuple[str, str], dict[str, str]] = {}
    for h in header:
        m = _GOOGLE_MULTI.match(h)
        if m:
            kind = "phone" if m.group(1) == "phone" else "email"
            role = "value" if m.group(3) == "value" else "label"
            groups.setdefault((kind, m.group(2)), {})[role] = h
    multi = [(k, g["value"], g.get("label", "")) for (k, _), g in groups.items() if "value" in g]
    names = ("first name", "given name", "middle name", "additional name", "last name",
             "family name", "name suffix")

    def contact(row: _Row, d: Draft) -> Contact | None:
        for kind, value_col, label_col in multi:
            label = row.get(label_col)
            for value in row.get(value_col).split(":::"):
                if not value.strip():
                    continue
                if kind == "phone":
                    d.phone(value, phone_label(label), row.col(value_col))
                else:
                    d.email(value, email_label(label), row.col(value_col))
        org_col = "organization name" if row.get("organization name") else "organization 1 - name"
        title_col = ("organization title" if row.get("organization title")
                     else "organization 1 - title")
        name = row.get("name") or _name(
            row, names, ("nickname", "file as", "organization name", "organization 1 - name"), d)
        if not name:
            return None
        return Contact(name=name, job_title=row.get(title_col).split(":::")[0].strip(),
                       organization=row.get(org_col).split(":::")[0].strip(),
                       phones=tuple(d.phones), emails=tuple(d.emails), notes=row.get("notes"))
    return contact


# --- Outlook ------------------------------------------------------------------

_EMAIL_IN_TEXT = re.compile(r"[^\s()<>\"']+@[^\s()<>\"']+\.[^\s()<>\"']+")


def _outlook(row: _Row, d: Draft) -> Contact | None:
    for column, label in _OUTLOOK_PHONES.items():
        if row.get(column):
            d.phone(row.get(column), label, row.col(column))
    for column, type_col, display_col, label in _OUTLOOK_EMAILS:
        address = row.get(column)
        if address and (address.startswith(("/o=", "/O=")) or row.get(type_col).upper() == "EX"):
            found = _EMAIL_IN_TEXT.search(row.get(display_col))
            if not found:
                d.fail(row.col(column), f"{show(address)} is an internal Exchange address, not "
                       "an email address; export the contact with its SMTP address")
                continue
            address = found.group()
        if address:
            d.email(address, label, row.col(column))
    name = _name(row, ("first name", "middle name", "last name", "suffix"),
                 ("nickname", "company"), d)
    if not name:
        return None
    return Contact(name=name, job_title=row.get("job title"), organization=row.get("company"),
                   phones=tuple(d.phones), emails=tuple(d.emails), notes=row.get("notes"))


# --- Crisis Binder --------------------------------------------------------------


def _binder(row: _Row, d: Draft) -> Contact | None:
    for column, add, labels, default in (("phones", d.phone, PHONE_LABELS, "work"),
                                         ("emails", d.email, EMAIL_LABELS, "work")):
        for item in _split_items(row.get(column)):
            label, sep, value = item.partition(":")
            label = label.strip().casefold()
            if not sep:
                label, value = default, item
            if label not in labels:
                d.fail(column, f"{show(label)} in {show(item)} is not a label; use one of "
                       + ", ".join(labels))
                continue
            add(value, label, column)
    for column in ("id", "roles", "may_speak_publicly", "time_zone", "verified_at"):
        reason = check_own_field(column, row.get(column))
        if reason:
            d.fail(column, reason)
    if not row.get("name"):
        d.fail("name", "the name is empty")
        return None
    return Contact(id=row.get("id").lower(), name=row.get("name"), job_title=row.get("job_title"),
                   organization=row.get("organization"), roles=parse_roles(row.get("roles"))[0],
                   phones=tuple(d.phones), emails=tuple(d.emails),
                   may_speak_publicly=bool(parse_yes_no(row.get("may_speak_publicly"))),
                   time_zone=row.get("time_zone"), notes=row.get("notes"),
                   verified_at=row.get("verified_at") or None)


# --- parse --------------------------------------------------------------------

def _classify(header: list[str], line: int, problems: Problems,
              path: str) -> tuple[str, Mapper]:
    keys = {h.casefold() for h in header}
    if "name" in keys and (keys <= set(BINDER_COLUMNS) or keys & {
            "id", "phones", "emails", "roles", "may_speak_publicly"}):
        for h in header:
            if h.casefold() not in BINDER_COLUMNS:
                problems.add(line, h, f"unknown column {show(h)}; the columns are "
                             + ",".join(BINDER_COLUMNS))
        return "csv-binder", _binder
    if any(_GOOGLE_MULTI.match(k) for k in keys) or keys & {
            "given name", "family name", "organization name", "file as"}:
        return "csv-google", _google([h.casefold() for h in header])
    if keys & {"e-mail address", "first name", "last name", "company", *_OUTLOOK_PHONES}:
        return "csv-outlook", _outlook
    raise ImportFormatError(
        f"The first row ({show(','.join(header), 60)}) is not a header Crisis Binder knows. "
        "Import a Google Contacts or Outlook CSV export, or a Crisis Binder CSV whose first "
        "row is " + ",".join(BINDER_COLUMNS) + ".", line=line, path=path or None)


def parse_csv(data: bytes, *, path: str = "") -> ParseResult:
    """Every contact and every problem in a Google, Outlook or Crisis Binder CSV file."""
    check_size(data, path)
    problems = Problems()
    text = decode_lines(to_utf8(data, path), lambda line, why: problems.add(line, None, why))
    first = text.split("\n", 1)[0]
    delimiter = "," if "," in first else "\t" if "\t" in first else ";" if ";" in first else ","
    feed = _Feed(text)
    reader = csv.reader(feed, delimiter=delimiter, strict=True)
    where = path or None

    def next_row() -> list[str] | None:
        feed.start_record()
        try:
            return next(reader)
        except StopIteration:
            return None
        except (csv.Error, _TooLong) as exc:
            raise ImportFormatError(_csv_error(exc), line=feed.record_start, path=where) from None

    header: list[str] | None = []
    while header == []:
        header = next_row()
    if not header:
        raise ImportFormatError("The file is empty: there is no header row.", path=where)
    if len(header) > MAX_COLUMNS:
        raise ImportFormatError(f"The header has {len(header):,} columns; the limit is "
                                f"{MAX_COLUMNS} (MAX_COLUMNS).", line=feed.record_start,
                                path=where)
    header = [h.strip() for h in header]
    names = {h.casefold(): h for h in reversed(header)}
    contacts: list[ParsedContact] = []
    kind = "csv"
    try:
        kind, mapper = _classify(header, feed.record_start, problems, path)
        guard = kind == "csv-binder"
        while (row := next_row()) is not None:
            line = feed.record_start
            if not any(cell.strip() for cell in row):
                continue
            if len(contacts) >= MAX_RECORDS:
                raise ImportFormatError(f"The file has more than {MAX_RECORDS:,} contacts "
                                        "(MAX_RECORDS). Split it.", line=line, path=where)
            if len(row) > MAX_COLUMNS:
                problems.add(line, None, f"this row has {len(row):,} fields; the limit is "
                             f"{MAX_COLUMNS} (MAX_COLUMNS)")
                continue
            if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
                problems.add(line, len(header) + 1, f"this row has {len(row)} fields but the "
                             f"header has {len(header)}; put double quotes around a value "
                             "that contains a comma")
                continue
            cells = _Row(names)
            source: dict[str, str] = {}
            for h, raw in zip(header, row):
                value = clean(_unguard(raw) if guard else raw)
                if value and h.casefold() not in cells.values:
                    if len(value) > MAX_FIELD_CHARS:
                        problems.add(line, h, f"the value is {len(value):,} characters long; "
                                     f"the limit is {MAX_FIELD_CHARS:,} (MAX_FIELD_CHARS)")
                        value = value[:MAX_FIELD_CHARS]
                    cells.values[h.casefold()] = value
                    source[h] = value
            contact = mapper(cells, Draft(problems, line))
            if contact is not None:
                contacts.append(ParsedContact(contact, line, source))
    except TooManyProblems:
        problems.stopped(feed.line)
    log.info("parsed %s: %d contacts, %d problems", kind, len(contacts), len(problems))
    return ParseResult(tuple(contacts), tuple(problems.items), kind)


# --- write --------------------------------------------------------------------


def write_csv(contacts: Sequence[Contact]) -> bytes:
    """Crisis Binder CSV (see the module docstring); parse_csv reads it back unchanged."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(BINDER_COLUMNS)
    for c in contacts:
        row = (c.id, c.name, c.job_title, c.organization, ";".join(c.roles),
               _join_items([(p.label, p.number) for p in c.phones]),
               _join_items([(e.label, e.address) for e in c.emails]),
               "yes" if c.may_speak_publicly else "no", c.time_zone, c.notes,
               c.verified_at or "")
        writer.writerow([_guard(v) for v in row])
    return codecs.BOM_UTF8 + buf.getvalue().encode("utf-8")
