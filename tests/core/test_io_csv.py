"""CSV import (Google, Outlook, our own), CSV export, limits and format detection."""

from __future__ import annotations

import codecs
import csv
import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import pytest

from binder.errors import ImportFormatError, NotFoundError
from binder.io import ParseProblem, ParseResult, detect_format, parse_csv, read_limited, write_csv
from binder.io import csv_contacts, limits
from binder.io.csv_contacts import BINDER_COLUMNS
from binder.models import Contact, Email, Phone

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
HEADER = ",".join(BINDER_COLUMNS).encode() + b"\r\n"
P = ParamSpec("P")
T = TypeVar("T")


def phones(c: Contact) -> list[tuple[str, str]]:
    return [(p.label, p.number) for p in c.phones]


def emails(c: Contact) -> list[tuple[str, str]]:
    return [(e.label, e.address) for e in c.emails]


def only(result: ParseResult) -> Contact:
    assert result.problems == (), [str(p) for p in result.problems]
    assert len(result.contacts) == 1
    return result.contacts[0].contact


def problems(result: ParseResult) -> list[str]:
    return [str(p) for p in result.problems]


def quick(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    start = time.perf_counter()
    try:
        return fn(*args, **kwargs)
    finally:
        assert time.perf_counter() - start < 10, "took too long"


# --- fixtures written by hand --------------------------------------------------


def test_google_contacts_export() -> None:
    result = parse_csv((DATA / "google_contacts.csv").read_bytes())
    assert result.format == "csv-google"
    assert result.problems == ()
    jane, asa, forensics, rafael = (p.contact for p in result.contacts)
    assert [p.line for p in result.contacts] == [2, 6, 7, 8]  # Jane's row spans 4 lines
    assert jane.name == "Jane Quinn Doe"
    assert (jane.organization, jane.job_title) == ("Example Corp",
                                                   "Chief Information Security Officer")
    assert phones(jane) == [("mobile", "+1 555-555-0101"), ("work", "+1 555-555-0102"),
                            ("work", "+1 555-555-0103")]
    assert emails(jane) == [("work", "jane.doe@example.com"),
                            ("personal", "jane.q.doe@example.com")]
    assert jane.notes == "Incident commander on call.\nDeputy: Rafael, then Åsa."
    assert jane.id == "" and all(p.e164 == "" for p in jane.phones)
    assert result.contacts[0].source_fields["Labels"] == "* myContacts ::: Crisis Team"
    assert asa.name == "Åsa Öberg"
    assert phones(asa) == [("signal", "+46 70 555 01 04"), ("mobile", "+46 70 555 01 05")]
    assert forensics.name == "Example Forensics LLC"  # no person name: the organisation
    assert phones(forensics) == [("work", "+1 555-555-0199")]
    assert forensics.notes == "24/7 retainer; quote retainer number RT-5555."
    assert rafael.name == "Rafael Núñez Jr."
    assert phones(rafael) == [("whatsapp", "+1 555-555-0104"), ("fax", "+1 555-555-0105"),
                              ("home", "(555) 555-0106")]
    assert emails(rafael) == [("work", "rafael.nunez@example.com"),
                              ("other", "rnunez@example.com")]


def test_google_contacts_legacy_export() -> None:
    result = parse_csv((DATA / "google_contacts_legacy.csv").read_bytes())
    assert result.format == "csv-google" and result.problems == ()
    priya, tomasz = (p.contact for p in result.contacts)
    assert (priya.name, priya.organization, priya.job_title) == (
        "Priya Raman", "Example Corp", "Press Officer")
    assert phones(priya) == [("mobile", "+1 555-555-0121"), ("work", "+1 555-555-0122")]
    assert emails(tomasz) == [("personal", "tomasz.nowak@example.com")]
    assert phones(tomasz) == [("home", "+48 555 010 123")]


def test_outlook_export() -> None:
    result = parse_csv((DATA / "outlook_contacts.csv").read_bytes())
    assert result.format == "csv-outlook" and result.problems == ()
    marcus, chloe, insurer = (p.contact for p in result.contacts)
    assert [p.line for p in result.contacts] == [2, 3, 5]
    assert marcus.name == "Marcus Webb"  # "Title" (Mr.) is a courtesy title, not a job
    assert (marcus.job_title, marcus.organization) == ("Head of Communications",
                                                       "Example Corp")
    assert phones(marcus) == [("mobile", "+1 555-555-0113"), ("work", "+1 555-555-0112"),
                              ("home", "+1 555-555-0111"), ("fax", "+1 555-555-0114")]
    assert emails(marcus) == [("work", "marcus.webb@example.com"),
                              ("other", "m.webb@example.com")]
    assert chloe.name == "Chloé Dubois"
    assert chloe.notes == "Parle français; speaks English.\nBureau à Paris."  # CRLF -> \n
    assert insurer.name == "Example Cyber Insurance"
    assert phones(insurer) == [("work", "+1 555-555-0130")]


OUTLOOK_DESKTOP = ('"First Name","Last Name","E-mail Address","E-mail Type",'
                   '"E-mail Display Name","Mobile Phone"\r\n')


def test_outlook_exchange_address_uses_the_smtp_address_or_is_a_problem() -> None:
    data = (OUTLOOK_DESKTOP
            + '"Ines","Vidal","/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients'
              '/cn=ines","EX","Ines Vidal (ines.vidal@example.com)","+1 555 555 0140"\r\n'
            + '"Omar","Haddad","/o=ExchangeLabs/cn=Recipients/cn=omar","EX","Omar Haddad",'
              '""\r\n')
    result = parse_csv(data.encode())
    assert emails(result.contacts[0].contact) == [("work", "ines.vidal@example.com")]
    assert problems(result) == [
        "line 3, field 'E-mail Address': '/o=ExchangeLabs/cn=Recipients/cn=omar' is an "
        "internal Exchange address, not an email address; export the contact with its "
        "SMTP address"]


def test_semicolon_separated_excel_export() -> None:
    data = "First Name;Last Name;Mobile Phone\r\nLea;Kühn;+49 151 5550 1000\r\n"
    assert only(parse_csv(data.encode())).name == "Lea Kühn"


# --- labels and values --------------------------------------------------------------

GOOGLE_HEADER = "First Name,Last Name,Phone 1 - Label,Phone 1 - Value,E-mail 1 - Label,E-mail 1 - Value\n"


@pytest.mark.parametrize(("label", "expected"), [
    ("Mobile", "mobile"), ("* Mobile", "mobile"), ("Work", "work"), ("Business", "work"),
    ("Home", "home"), ("Signal", "signal"), ("WhatsApp", "whatsapp"), ("Home Fax", "fax"),
    ("Work Mobile", "mobile"), ("Pager", "other"), ("Google Voice", "other"), ("", "other"),
    ("Satellite", "satellite"), ("Iridium", "satellite"), ("Personal", "personal"),
])
def test_google_phone_labels(label: str, expected: str) -> None:
    data = GOOGLE_HEADER + f"Ann,Lee,{label},+1 555 555 0100,,\n"
    assert phones(only(parse_csv(data.encode()))) == [(expected, "+1 555 555 0100")]


def test_every_problem_is_reported_with_line_field_and_reason() -> None:
    data = (GOOGLE_HEADER
            + "Ann,Lee,Mobile,555-01,Work,ann@\n"
            + "Bo,Ek,Mobile,+1 555 555 0100,Work,bo@example.com\n"
            + "Cy,Ng,Work,call me,Home,cy@example.com ::: not-an-email\n"
            + ",,Mobile,+1 555 555 0101,,\n")
    result = parse_csv(data.encode())
    assert problems(result) == [
        "line 2, field 'Phone 1 - Value': '555-01' is not a phone number: it has too few "
        "digits",
        "line 2, field 'E-mail 1 - Value': 'ann@' is not an email address: There must be "
        "something after the @-sign.",
        "line 4, field 'Phone 1 - Value': 'call me' is not a phone number: it has no digits",
        "line 4, field 'E-mail 1 - Value': 'not-an-email' is not an email address: An email "
        "address must have an @-sign.",
        "line 5, field 'First Name': this contact has no name (First Name, Last Name and the "
        "email addresses are all empty); add a name",
    ]
    assert result.problems[0].to_dict() == {
        "line": 2, "column": "Phone 1 - Value",
        "reason": "'555-01' is not a phone number: it has too few digits"}


@pytest.mark.parametrize(("number", "ok"), [
    ("+1 555 555 0100", True), ("(555) 555-0100", True), ("1-800-FLOWERS", True),
    ("+44 20 7946 0958 ext. 12", True), ("+١ ٥٥٥ ٥٥٥ ٠١٠٠", True), ("555–555–0100", True),
    ("", False), ("abc", False), ("555", False), ("x1234", False),
    ("jane@example.com", False), ("1" * 20, False), ("+1 555 555 0100 <b>", False),
])
def test_phone_plausibility(number: str, ok: bool) -> None:
    data = b"name,phones\r\nAnn," + f"mobile:{number}".encode() + b"\r\n"
    assert parse_csv(data).ok is ok


# --- our own CSV -------------------------------------------------------------------

ADA = Contact(id="3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e", name='Ada "Ace" Lovelace, Jr.',
              job_title="Head of Legal; EMEA", organization="Example, Ltd",
              roles=("legal", "privacy"),
              phones=(Phone(number="+44 20 5555 0100", label="mobile"),
                      Phone(number="+44 20 5555 0101;ext=2", label="signal"),
                      Phone(number="+1 555 555 0102 x9", label="satellite")),
              emails=(Email(address="ada@example.com", label="work"),
                      Email(address="ada.l@example.com", label="personal")),
              may_speak_publicly=True, time_zone="Europe/London",
              notes="=SUM(A1)\nline two, with a comma\n- bullet",
              verified_at="2026-11-27T05:00:00Z")


def test_own_csv_round_trips_and_is_excel_friendly() -> None:
    data = write_csv([ADA, Contact(name="Bo")])
    assert data.startswith(codecs.BOM_UTF8 + HEADER)
    rows = list(csv.reader(io.StringIO(data[3:].decode(), newline="")))
    assert rows[1][BINDER_COLUMNS.index("notes")].startswith("'=SUM")  # no formula
    assert rows[1][BINDER_COLUMNS.index("phones")] == (
        "mobile:+44 20 5555 0100; signal:+44 20 5555 0101\\;ext=2; satellite:+1 555 555 0102 x9")
    result = parse_csv(data)
    assert result.format == "csv-binder" and result.problems == ()
    assert [p.contact for p in result.contacts] == [ADA, Contact(name="Bo")]


def test_list_cells_escape_semicolons_and_backslashes() -> None:
    items = [("work", "a;b"), ("home", "c\\d;"), ("other", "e")]
    joined = csv_contacts._join_items(items)
    assert joined == "work:a\\;b; home:c\\\\d\\;; other:e"
    assert csv_contacts._split_items(joined) == ["work:a;b", "home:c\\d;", "other:e"]


def test_own_csv_accepts_hand_edits() -> None:
    data = (b"name,roles,phones,emails,may_speak_publicly\r\n"
            b"Cy,Incident commander; scribe,+1 555 555 0100,cy@example.com,Yes\r\n")
    c = only(parse_csv(data))
    assert c.roles == ("incident_commander", "scribe") and c.may_speak_publicly
    assert phones(c) == [("work", "+1 555 555 0100")] and emails(c) == [("work", "cy@example.com")]


def test_own_csv_problems() -> None:
    data = HEADER + (
        b"not-a-uuid,,,,boss,cell:+1 555 555 0100,home:x@example.com,perhaps,Mars/Olympus,,"
        b"yesterday\r\n").replace(b",,,,", b",,,,")
    result = parse_csv(data)
    assert problems(result) == [
        "line 2, field 'phones': 'cell' in 'cell:+1 555 555 0100' is not a label; use one of "
        "work, mobile, personal, home, signal, whatsapp, satellite, hotline, fax, other",
        "line 2, field 'emails': 'home' in 'home:x@example.com' is not a label; use one of "
        "work, personal, other",
        "line 2, field 'id': 'not-a-uuid' is not a Crisis Binder id (a UUID like "
        "00000000-0000-0000-0000-000000000000)",
        "line 2, field 'roles': 'boss' is not a role; use one of incident_commander, "
        "deputy_ic, scribe, spokesperson, legal, privacy, communications, finance, hr, "
        "it_security, safety, executive, board",
        "line 2, field 'may_speak_publicly': 'perhaps' is not yes or no",
        "line 2, field 'time_zone': 'Mars/Olympus' is not a time zone (write it like "
        "Europe/London)",
        "line 2, field 'verified_at': 'yesterday' is not a date and time (write it like "
        "2026-11-27T05:00:00Z)",
        "line 2, field 'name': the name is empty",
    ]


def test_own_csv_unknown_column_is_a_problem() -> None:
    result = parse_csv(b"name,phones,shoe_size\r\nAnn,,42\r\n")
    assert problems(result)[0].startswith("line 1, field 'shoe_size': unknown column")


# --- broken and hostile files ---------------------------------------------------------


def test_unbalanced_quote_is_refused_with_its_line() -> None:
    data = b"name,phones\r\nAnn,mobile:+1 555 555 0100\r\n\"Bo,mobile:+1 555 555 0101\r\n" + (
        b"Cy,mobile:+1 555 555 0102\r\n" * 50)
    with pytest.raises(ImportFormatError) as err:
        parse_csv(data, path="people.csv")
    assert err.value.line == 3 and err.value.path == "people.csv"
    assert "never closed" in str(err.value) and str(err.value).startswith("people.csv, line 3")


def test_unbalanced_quote_in_a_big_file_is_refused_quickly() -> None:
    data = b"name,phones\r\n\"Ann," + b"Bo,mobile:+1 555 555 0100\r\n" * 400_000
    with pytest.raises(ImportFormatError, match="never closed") as err:
        quick(parse_csv, data)
    assert err.value.line == 2


def test_text_after_a_closing_quote_is_refused() -> None:
    with pytest.raises(ImportFormatError, match="two double quotes") as err:
        parse_csv(b'name,notes\r\nAnn,"said "hi" twice"\r\n')
    assert err.value.line == 2


def test_row_with_more_fields_than_the_header() -> None:
    result = parse_csv(b"name,phones\r\nAnn,+1 555 555 0100,oops\r\nBo,\r\n")
    assert problems(result) == ["line 2, column 3: this row has 3 fields but the header has 2;"
                                " put double quotes around a value that contains a comma"]
    assert [p.contact.name for p in result.contacts] == ["Bo"]


def test_a_100000_column_row() -> None:
    data = b"name,phones\r\n" + b",".join([b"x"] * 100_000) + b"\r\n"
    result = quick(parse_csv, data)
    assert problems(result) == ["line 2: this row has 100,000 fields; the limit is 500 "
                                "(MAX_COLUMNS)"]


def test_a_header_with_too_many_columns() -> None:
    with pytest.raises(ImportFormatError, match="MAX_COLUMNS"):
        parse_csv(b",".join(b"c%d" % i for i in range(600)) + b"\r\n")


def test_a_10_mb_line() -> None:
    with pytest.raises(ImportFormatError, match="MAX_LINE_CHARS"):
        quick(parse_csv, b"name,notes\r\nAnn," + b"a," * (5 * 2**20) + b"\r\n")


def test_a_long_value_is_a_problem() -> None:
    result = parse_csv(b"name,notes\r\nAnn," + b"a" * (limits.MAX_FIELD_CHARS + 1) + b"\r\n")
    assert "MAX_FIELD_CHARS" in problems(result)[0]


def test_file_above_the_size_limit_is_refused_before_parsing() -> None:
    with pytest.raises(ImportFormatError, match="MAX_FILE_BYTES"):
        quick(parse_csv, b"a" * (limits.MAX_FILE_BYTES + 1))


def test_too_many_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImportFormatError, match="MAX_LINES"):
        parse_csv(b"\n" * (limits.MAX_LINES + 1))


def test_too_many_records(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_contacts, "MAX_RECORDS", 3)
    with pytest.raises(ImportFormatError, match="more than 3 contacts") as err:
        parse_csv(b"name\r\n" + b"Ann\r\n" * 4)
    assert err.value.line == 5


def test_problems_stop_at_the_limit() -> None:
    result = quick(parse_csv, b"name,phones\r\n" + b"Ann,mobile:abc\r\n" * 5000)
    assert len(result.problems) == limits.MAX_PROBLEMS + 1
    assert "Stopped reading after 1,000 problems" in result.problems[-1].reason


@pytest.mark.parametrize("junk", [b"name,phones\r\nAnn\x00,\r\n", b"\x00\x01\x02" * 1000,
                                  b"PK\x03\x04 rest of a zip", b"%PDF-1.7\n"])
def test_binary_junk_is_refused(junk: bytes) -> None:
    with pytest.raises(ImportFormatError):
        parse_csv(junk)


def test_nul_byte_is_reported_with_its_line() -> None:
    with pytest.raises(ImportFormatError, match="NUL") as err:
        parse_csv(b"name\r\nAnn\r\nB\x00o\r\n")
    assert err.value.line == 3


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-32"])
def test_unicode_encodings_with_a_byte_order_mark(encoding: str) -> None:
    data = "name,phones\r\nÅsa Öberg,mobile:+46 70 555 01 04\r\n".encode(encoding)
    assert only(parse_csv(data)).name == "Åsa Öberg"


def test_utf16_without_a_byte_order_mark() -> None:
    data = "name,phones\r\nZoë Park,mobile:+1 555 555 0100\r\n".encode("utf-16-le")
    assert only(parse_csv(data)).name == "Zoë Park"


def test_undecodable_bytes_are_reported_with_their_line() -> None:
    lines = [b"name,notes"] + ["Jos\u00e9 {},ok".format(i).encode("cp1252") for i in range(15)]
    result = parse_csv(b"\r\n".join(lines) + b"\r\n")
    assert problems(result)[0] == (
        "line 2: the bytes 0xE9 are not valid UTF-8 (in Windows-1252 they would be 'é'). Save "
        "the file as UTF-8 (in Excel: 'CSV UTF-8') and import it again.")
    assert [p.line for p in result.problems[:10]] == list(range(2, 12))
    assert problems(result)[10] == "line 1: 5 more lines are not valid UTF-8."


def test_empty_and_header_only_files() -> None:
    with pytest.raises(ImportFormatError, match="empty"):
        parse_csv(b"\r\n\r\n")
    result = parse_csv(HEADER)
    assert result.contacts == () and result.problems == ()


def test_unknown_header_is_refused_on_line_1() -> None:
    with pytest.raises(ImportFormatError, match="not a header Crisis Binder knows") as err:
        parse_csv(b"colour,size\r\nred,9\r\n")
    assert err.value.line == 1


def test_parse_problem_text() -> None:
    assert str(ParseProblem(14, "Phone 1 - Value", "'555-01' is not a phone number")) == (
        "line 14, field 'Phone 1 - Value': '555-01' is not a phone number")
    assert str(ParseProblem(3, 7, "x")) == "line 3, column 7: x"


# --- read_limited -----------------------------------------------------------------------


def test_read_limited_refuses_a_1_gb_file_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.csv"
    with big.open("wb") as fh:
        fh.truncate(2**30)  # sparse: nothing is written
    with pytest.raises(ImportFormatError, match="MAX_FILE_BYTES") as err:
        quick(read_limited, big)
    assert err.value.path == str(big)


def test_read_limited_reads_small_files_and_explains_others(tmp_path: Path) -> None:
    f = tmp_path / "a.csv"
    f.write_bytes(HEADER)
    assert read_limited(f) == HEADER
    with pytest.raises(NotFoundError):
        read_limited(tmp_path / "missing.csv")
    with pytest.raises(ImportFormatError, match="not a file"):
        read_limited(tmp_path)


# --- detect_format ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("google_contacts.csv", "csv"), ("outlook_contacts.csv", "csv"),
    ("rfc2426_examples.vcf", "vcard"), ("vcard21_quoted_printable.vcf", "vcard"),
])
def test_detect_fixtures(name: str, expected: str) -> None:
    assert detect_format((DATA / name).read_bytes(), name) == expected


@pytest.mark.parametrize(("data", "filename", "expected"), [
    (b"BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n", "contacts.txt", "vcard"),
    (b"\xef\xbb\xbf  begin:vcard\r\n", "", "vcard"),
    (b'{"format": "crisis-binder-export"}', "export.json", "json"),
    (b"[]", "x", "json"),
    (b"name,phones\r\n", "export.dat", "csv"),
    (b"name\r\nAnn\r\n", "people.csv", "csv"),
    ("name\tphones\n".encode("utf-16"), "x.tsv", "csv"),
])
def test_detect_by_content_then_extension(data: bytes, filename: str, expected: str) -> None:
    assert detect_format(data, filename) == expected


def test_detect_reads_past_64_kb_without_splitting_a_character() -> None:
    data = ("name,notes\nZoë," + "😀" * 40_000 + "\n").encode("utf-16")
    assert detect_format(data, "x.csv") == "csv"


@pytest.mark.parametrize(("data", "filename", "message"), [
    (b"", "x.csv", "empty"), (b"  \r\n", "x.vcf", "empty"),
    (b"PK\x03\x04\x14\x00", "contacts.xlsx", "ZIP"),
    (b"\x89PNG\r\n\x1a\n", "a.csv", "PNG"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 10, "a.csv", "not a text file"),
    (b"hello world\n", "notes.vcf", "vCard"), (b"hello\n", "a.json", "JSON"),
    (b"just some words\n", "readme", "Cannot tell"),
])
def test_detect_refuses(data: bytes, filename: str, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        detect_format(data, filename)
