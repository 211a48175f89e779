"""Contact files in and out: parsers for CSV and vCard, writers for both.

Pure functions over bytes, no database. A parser returns a :class:`ParseResult`
holding every contact it could read and *every* problem it found (each with
a line, a column or field name, and a reason a person understands); the
caller imports nothing when there is any problem. A file that cannot be read
at all (too big, binary, a broken CSV quote) raises
:class:`~binder.errors.ImportFormatError` instead. Limits: :mod:`binder.io.limits`.

Phones keep the number as typed (``e164`` is left empty for the service to
fill); only clearly impossible values are problems here. Emails get an
offline syntax check. Labels from other apps map onto ours with
:func:`phone_label` and :func:`email_label`.

A phone number is a problem when it is empty, has no digits, fewer than 6
(letters count in 1-800-FLOWERS style numbers) or more than 17 digits before
an extension, or a character no number has (``@``, ``<`` ...). Our own ids
must be canonical UUIDs (they are returned in lower case). Leading and
trailing whitespace of every value is dropped; line breaks become ``\\n``.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID
from zoneinfo import available_timezones

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

from binder.io.limits import MAX_FIELD_CHARS, MAX_ITEMS, MAX_PROBLEMS
from binder.models import Contact, Email, Phone, normalise_role, role_choices

log = logging.getLogger(__name__)

__all__ = [
    "Draft", "ParseProblem", "ParseResult", "ParsedContact", "Problems", "TooManyProblems",
    "check_email", "check_own_field", "check_phone", "detect_format", "email_label",
    "email_label_of", "is_plain_email", "parse_csv", "parse_vcard", "phone_label",
    "phone_label_of", "read_limited", "write_csv", "write_vcard",
]


@dataclass(frozen=True)
class ParseProblem:
    """One thing wrong at one place in an import file."""

    line: int
    column: str | int | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "reason": self.reason}

    def __str__(self) -> str:
        where = f"line {self.line}"
        if isinstance(self.column, int):
            where += f", column {self.column}"
        elif self.column:
            where += f", field '{self.column}'"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class ParsedContact:
    """A contact read from a file; ``contact.id`` is "" unless the file carried our id."""

    contact: Contact
    line: int  # 1-based line where the record starts
    source_fields: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ParseResult:
    contacts: tuple[ParsedContact, ...]
    problems: tuple[ParseProblem, ...]
    format: str  # csv-google | csv-outlook | csv-binder | vcard

    @property
    def ok(self) -> bool:
        return not self.problems


class TooManyProblems(Exception):
    """Internal: MAX_PROBLEMS reached; the parser stops and says so."""


class Problems:
    """Collects problems; raises TooManyProblems once MAX_PROBLEMS are held."""

    def __init__(self) -> None:
        self.items: list[ParseProblem] = []

    def add(self, line: int, column: str | int | None, reason: str) -> None:
        self.items.append(ParseProblem(line, column, reason))
        if len(self.items) >= MAX_PROBLEMS:
            raise TooManyProblems

    def stopped(self, line: int) -> None:
        self.items.append(ParseProblem(line, None, f"Stopped reading after {MAX_PROBLEMS:,} "
                                       "problems (MAX_PROBLEMS); fix these and import again."))

    def __len__(self) -> int:
        return len(self.items)


def show(value: str, width: int = 40) -> str:
    """A value quoted for a message, shortened and on one line."""
    flat = " ".join(value.split())
    if len(flat) > width:
        flat = flat[:width - 1] + "…"
    return f"'{flat}'"


def clean(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


# --- labels -----------------------------------------------------------------

_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")


def _norm_label(text: str) -> str:
    t = text.strip().lstrip("*").strip()
    m = _APPLE_LABEL.match(t)
    return (m.group(1) if m else t).casefold()


def phone_label(text: str) -> str:
    """Another app's phone label (Google, Outlook, vCard TYPE, Apple) as one of PHONE_LABELS."""
    t = _norm_label(text)
    rules = (("fax", "fax"), ("signal", "signal"), ("whatsapp", "whatsapp"),
             ("whats app", "whatsapp"), ("satellite", "satellite"), ("iridium", "satellite"),
             ("inmarsat", "satellite"), ("thuraya", "satellite"), ("hotline", "hotline"),
             ("mobile", "mobile"), ("cell", "mobile"), ("iphone", "mobile"),
             ("handy", "mobile"), ("home", "home"), ("personal", "personal"),
             ("private", "personal"), ("work", "work"), ("business", "work"),
             ("office", "work"), ("main", "work"), ("company", "work"))
    for needle, label in rules:
        if needle in t:
            return label
    return "other"


def email_label(text: str) -> str:
    """Another app's email label as one of EMAIL_LABELS."""
    t = _norm_label(text)
    if any(w in t for w in ("work", "business", "office")):
        return "work"
    if any(w in t for w in ("home", "personal", "private")):
        return "personal"
    return "other"


def phone_label_of(types: list[str]) -> str:
    """The phone label from vCard TYPE values (["work", "voice"] -> "work")."""
    for wanted, label in (("fax", "fax"), ("cell", "mobile"), ("iphone", "mobile"),
                          ("pager", "other"), ("home", "home"), ("work", "work")):
        if wanted in types:
            return label
    return next((lb for lb in map(phone_label, types) if lb != "other"), "other")


def email_label_of(types: list[str]) -> str:
    """The email label from vCard TYPE values (["internet", "home"] -> "personal")."""
    return next((lb for lb in map(email_label, types) if lb != "other"), "other")


# --- value checks -----------------------------------------------------------

_PHONE_CHARS = re.compile(r"[^\dA-Za-z +\-.()/#*,;~=\u00a0\u2010-\u2015]")
_EXTENSION = re.compile(r"(?i)(;ext=|\bext\b\.?|\bextension\b|\bx(?=\s*\d)|#)")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[A-Za-z]")
# Plain ASCII addresses that email_validator always accepts (checked by a property
# test); anything else goes through email_validator itself, which is ~20x slower.
_PLAIN_EMAIL = re.compile(r"[A-Za-z0-9_%+\-]+(?:\.[A-Za-z0-9_%+\-]+)*@"
                          r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
_SPECIAL_TLDS = frozenset(SPECIAL_USE_DOMAIN_NAMES)


def check_phone(number: str) -> str | None:
    """Why ``number`` cannot be a phone number, or None. The service does the rest."""
    if not number:
        return "the phone number is empty"
    if len(number) > 64:
        return f"{show(number)} is too long for a phone number"
    bad = _PHONE_CHARS.search(number)
    if bad:
        return f"{show(number)} is not a phone number: it contains '{bad.group()}'"
    main = _EXTENSION.split(number, maxsplit=1)[0]
    digits = len(_DIGIT.findall(main))
    if digits == 0:
        return f"{show(number)} is not a phone number: it has no digits"
    letters = len(_LETTER.findall(main)) if digits >= 3 else 0  # 1-800-FLOWERS
    if digits + letters < 6:
        return f"{show(number)} is not a phone number: it has too few digits"
    if digits > 17:
        return f"{show(number)} is not a phone number: it has too many digits"
    return None


def check_email(address: str) -> str | None:
    if not address:
        return "the email address is empty"
    if is_plain_email(address):
        return None
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        return f"{show(address)} is not an email address: {exc}"
    return None


def is_plain_email(address: str) -> bool:
    local, _, domain = address.partition("@")
    return (len(address) <= 254 and len(local) <= 64 and "--" not in domain
            and _PLAIN_EMAIL.fullmatch(address) is not None
            and domain.rpartition(".")[2].lower() not in _SPECIAL_TLDS)


def check_uuid(value: str) -> str | None:
    try:
        if str(UUID(value)) == value.lower():
            return None
    except ValueError:
        pass
    return f"{show(value)} is not a Crisis Binder id (a UUID like {UUID(int=0)})"


def check_timestamp(value: str) -> str | None:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return f"{show(value)} is not a date and time (write it like 2026-11-27T05:00:00Z)"
    return None


@functools.lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_time_zone(value: str) -> str | None:
    zones = _time_zones()
    if zones and value not in zones:  # no tz database on this machine: the service decides
        return f"{show(value)} is not a time zone (write it like Europe/London)"
    return None


def parse_roles(text: str) -> tuple[tuple[str, ...], list[str]]:
    """Role keys from "legal; privacy" (keys, labels or aliases, as
    :func:`binder.models.normalise_role` takes them): (roles, unknown)."""
    roles: list[str] = []
    unknown: list[str] = []
    for part in re.split(r"[;,]", text):
        part = part.strip()
        if not part:
            continue
        role = normalise_role(part)
        if role is None:
            unknown.append(part)
        elif role not in roles:
            roles.append(role)
    return tuple(roles), unknown


_YES = {"yes", "y", "true", "1", "x", "ja", "oui", "si", "sí"}
_NO = {"no", "n", "false", "0", ""}


def parse_yes_no(text: str) -> bool | None:
    t = text.strip().casefold()
    return True if t in _YES else False if t in _NO else None


def check_own_field(name: str, value: str) -> str | None:
    """Why a value of one of our own fields (CSV column, vCard X- property) is wrong."""
    if not value:
        return None
    if name == "id":
        return check_uuid(value)
    if name == "roles":
        unknown = parse_roles(value)[1]
        return (f"{show(unknown[0])} is not a role; use one of " + role_choices()
                if unknown else None)
    if name == "may_speak_publicly":
        return None if parse_yes_no(value) is not None else f"{show(value)} is not yes or no"
    if name == "time_zone":
        return check_time_zone(value)
    if name == "verified_at":
        return check_timestamp(value)
    return None


# --- building one contact -----------------------------------------------------


class Draft:
    """Phones, emails and text values of one record, checked as they are added."""

    def __init__(self, problems: Problems, line: int) -> None:
        self.problems = problems
        self.line = line
        self.phones: list[Phone] = []
        self.emails: list[Email] = []
        self._full: set[str] = set()

    def _room(self, items: list[Any], what: str, column: str | int | None,
              line: int | None) -> bool:
        if len(items) < MAX_ITEMS:
            return True
        if what not in self._full:
            self._full.add(what)
            self.fail(column, f"more than {MAX_ITEMS} {what} on one contact (MAX_ITEMS)", line)
        return False

    def fail(self, column: str | int | None, reason: str, line: int | None = None) -> None:
        self.problems.add(line or self.line, column, reason)

    def text(self, value: str, column: str | int | None, line: int | None = None) -> str:
        value = clean(value)
        if len(value) > MAX_FIELD_CHARS:
            self.fail(column, f"the value is {len(value):,} characters long; the limit is "
                      f"{MAX_FIELD_CHARS:,} characters per field (MAX_FIELD_CHARS)", line)
            return value[:MAX_FIELD_CHARS]
        return value

    def phone(self, number: str, label: str, column: str | int | None,
              line: int | None = None) -> None:
        number = self.text(number, column, line)
        reason = check_phone(number)
        if reason:
            self.fail(column, reason, line)
        elif self._room(self.phones, "phone numbers", column, line):
            self.phones.append(Phone(number=number, label=label))

    def email(self, address: str, label: str, column: str | int | None,
              line: int | None = None) -> None:
        address = self.text(address, column, line)
        reason = check_email(address)
        if reason:
            self.fail(column, reason, line)
        elif self._room(self.emails, "email addresses", column, line):
            self.emails.append(Email(address=address, label=label))


# Re-exported last: these modules import the names above from this package.
from binder.io.csv_contacts import parse_csv, write_csv  # noqa: E402
from binder.io.detect import detect_format  # noqa: E402
from binder.io.limits import read_limited  # noqa: E402
from binder.io.vcard import parse_vcard, write_vcard  # noqa: E402
