"""Property-based tests: random and mutated files never crash the parsers, and
what the writers write always reads back unchanged."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from email_validator import validate_email
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from binder.errors import ImportFormatError
from binder.io import (
    ParseResult, check_email, check_phone, detect_format, is_plain_email, parse_csv,
    parse_vcard, write_csv, write_vcard,
)
from binder.io.csv_contacts import BINDER_COLUMNS
from binder.models import EMAIL_LABELS, PHONE_LABELS, ROLES, Contact, Email, Phone

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
FIXTURES = {p.name: p.read_bytes() for p in sorted(DATA.iterdir())}
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def survives(data: bytes) -> None:
    """Each entry point returns a result or raises ImportFormatError, nothing else."""
    for parse in (parse_csv, parse_vcard):
        try:
            result = parse(data, path="fuzz")
        except ImportFormatError as exc:
            assert str(exc)
            continue
        assert isinstance(result, ParseResult)
        for problem in result.problems:
            assert problem.line >= 1 and problem.reason
        for parsed in result.contacts:
            assert parsed.line >= 1 and parsed.contact.name
    try:
        assert detect_format(data, "fuzz.dat") in ("csv", "vcard", "json")
    except ImportFormatError:
        pass


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    survives(data)


MUTATION = st.tuples(st.sampled_from(["flip", "insert", "delete", "duplicate", "truncate"]),
                     st.floats(0, 1), st.binary(min_size=1, max_size=8), st.integers(1, 200))


def mutate(data: bytes, kind: str, where: float, junk: bytes, size: int) -> bytes:
    at = int(where * len(data))
    if kind == "flip":
        return data[:at] + junk[:1] + data[at + 1:]
    if kind == "insert":
        return data[:at] + junk + data[at:]
    if kind == "delete":
        return data[:at] + data[at + size:]
    if kind == "duplicate":
        return data[:at] + data[at:at + size] * 3 + data[at:]
    return data[:at]


@FUZZ
@given(st.sampled_from(sorted(FIXTURES)), st.lists(MUTATION, min_size=1, max_size=6))
def test_mutated_fixtures(name: str, mutations: list[tuple[str, float, bytes, int]]) -> None:
    data = FIXTURES[name]
    for mutation in mutations:
        data = mutate(data, *mutation)
    survives(data)


NASTY = st.sampled_from(['"', ",", ";", ":", "\\", "\n", "\r\n", "\t", " ::: ", "=", "'",
                         "@", "+", "é", "Ö", "\u2028", "\ufeff", "BEGIN:VCARD", "END:VCARD",
                         "=C3=", "=\r\n", "item1.", "\r\n ", "TEL;CELL:", "tel:"])
CELL = st.lists(st.one_of(NASTY, st.text(max_size=6)), max_size=6).map("".join)
HEADERS = list(BINDER_COLUMNS) + [
    "First Name", "Last Name", "Phone 1 - Label", "Phone 1 - Value", "E-mail 1 - Value",
    "Organization Name", "Mobile Phone", "E-mail Address", "E-mail Type", "Company", "Notes"]


@FUZZ
@given(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
       st.lists(st.lists(CELL, max_size=10), max_size=8), st.booleans())
def test_structured_csv(header: list[str], rows: list[list[str]], quote_all: bool) -> None:
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerows(
        [header, *rows])
    survives(buf.getvalue().encode("utf-8"))


PROPS = st.sampled_from(["FN", "N", "ORG", "TEL", "EMAIL", "NOTE", "TITLE", "item1.TEL",
                         "item1.X-ABLabel", "X-CRISIS-BINDER-ID", "X-CRISIS-BINDER-ROLES",
                         "TZ", "PHOTO", "VERSION", "AGENT", "BEGIN", "END", "UID"])
PARAMS = st.sampled_from(["", ";TYPE=cell", ";CELL;VOICE", ";TYPE=\"work,voice\"", ";PREF=1",
                          ";ENCODING=QUOTED-PRINTABLE", ";CHARSET=ISO-8859-1",
                          ";CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE", ";ENCODING=b",
                          ";VALUE=uri", ";X-Q=\"a:b\"", ";CHARSET=nope"])
LINE = st.one_of(
    st.tuples(PROPS, PARAMS, CELL).map(lambda t: f"{t[0]}{t[1]}:{t[2]}"),
    st.sampled_from(["BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:4.0", " folded", ""]),
    CELL)


@FUZZ
@given(st.lists(LINE, max_size=30), st.sampled_from(["\r\n", "\n", "\r"]))
def test_structured_vcard(lines: list[str], newline: str) -> None:
    text = newline.join(["BEGIN:VCARD", *lines, "END:VCARD"])
    survives(text.encode("utf-8"))
    survives(text.encode("utf-16"))


# --- round trips ---------------------------------------------------------------------

CHARS = st.one_of(
    st.characters(blacklist_categories=("Cs", "Cc")),
    st.sampled_from(list('",;:\\\n\t=+-@\'') + ["Å", "ö", "ñ", "ç", "ß", "Ø", "ł", "ž", "ı"]))


def text(min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    return st.text(CHARS, min_size=min_size, max_size=max_size).map(str.strip).filter(
        lambda s: len(s) >= min_size)


NUMBERS = st.from_regex(r"\+?[0-9][0-9 ()\-.]{5,14}[0-9]( ext\. [0-9]{1,4})?", fullmatch=True)
PHONES = st.builds(lambda n, lb: Phone(number=n, label=lb),
                   NUMBERS.filter(lambda n: check_phone(n) is None),
                   st.sampled_from(PHONE_LABELS))
EMAILS = st.builds(lambda a, lb: Email(address=a, label=lb),
                   st.emails().filter(lambda a: check_email(a) is None),
                   st.sampled_from(EMAIL_LABELS))
CONTACTS = st.builds(
    lambda **kw: Contact(**kw),
    id=st.one_of(st.just(""), st.uuids().map(str)),
    name=text(min_size=1), job_title=text(), organization=text(),
    roles=st.lists(st.sampled_from(list(ROLES)), unique=True, max_size=4).map(tuple),
    phones=st.lists(PHONES, max_size=4).map(tuple),
    emails=st.lists(EMAILS, max_size=3).map(tuple),
    may_speak_publicly=st.booleans(),
    time_zone=st.sampled_from(["", "UTC", "Europe/London", "America/New_York",
                               "Asia/Kolkata", "America/Argentina/Buenos_Aires"]),
    notes=text(max_size=200),
    verified_at=st.one_of(st.none(), st.sampled_from(["2026-11-27T05:00:00Z",
                                                      "2025-01-31T23:59:59+01:00"])),
)
ROUND_TRIP = settings(max_examples=120, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@ROUND_TRIP
@given(st.lists(CONTACTS, min_size=1, max_size=5))
def test_csv_round_trip(contacts: list[Contact]) -> None:
    result = parse_csv(write_csv(contacts))
    assert result.problems == ()
    assert [p.contact for p in result.contacts] == contacts


@ROUND_TRIP
@given(st.lists(CONTACTS, min_size=1, max_size=5), st.sampled_from(["3.0", "4.0"]))
def test_vcard_round_trip(contacts: list[Contact], version: str) -> None:
    result = parse_vcard(write_vcard(contacts, version))
    assert result.problems == ()
    assert [p.contact for p in result.contacts] == contacts


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.emails(), st.text(max_size=40),
                 st.from_regex(r"[a-z0-9.+_-]{1,20}@[a-z0-9.-]{1,20}\.[a-z]{2,6}",
                               fullmatch=True)))
def test_fast_email_check_agrees_with_email_validator(address: str) -> None:
    assume(is_plain_email(address))
    validate_email(address, check_deliverability=False)  # must not raise
