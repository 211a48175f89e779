"""vCard 2.1 / 3.0 / 4.0 import, vCard export, and hostile vCard files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import vobject

from binder.errors import ImportFormatError
from binder.io import ParseResult, parse_vcard, write_vcard
from binder.io import limits
from binder.models import Contact, Email, Phone

DATA = Path(__file__).resolve().parents[1] / "data" / "import"


def phones(c: Contact) -> list[tuple[str, str]]:
    return [(p.label, p.number) for p in c.phones]


def emails(c: Contact) -> list[tuple[str, str]]:
    return [(e.label, e.address) for e in c.emails]


def problems(result: ParseResult) -> list[str]:
    return [str(p) for p in result.problems]


def card(*lines: str, version: str = "3.0") -> bytes:
    return "\r\n".join(("BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", "")).encode()


def only(data: bytes) -> Contact:
    result = parse_vcard(data)
    assert result.problems == (), problems(result)
    assert len(result.contacts) == 1
    return result.contacts[0].contact


# --- fixtures written by hand ----------------------------------------------------------


def test_rfc2426_examples() -> None:
    result = parse_vcard((DATA / "rfc2426_examples.vcf").read_bytes())
    assert result.format == "vcard" and result.problems == ()
    vale, hollis, public = (p.contact for p in result.contacts)
    assert [p.line for p in result.contacts] == [1, 14, 25]
    assert (vale.name, vale.organization) == ("Morgan Vale", "Example Development Corporation")
    assert phones(vale) == [("work", "+1-555-555-0161"), ("fax", "+1-555-555-0162")]
    assert emails(vale) == [("other", "Morgan_Vale@example.com"), ("other", "mvale@example.com")]
    assert phones(hollis) == [("work", "+1-555-555-0163"), ("fax", "+1-555-555-0164")]
    assert public.name == "Mr. Jordan Q. Public, Esq."  # escaped comma
    assert public.organization == "ABC, Inc."  # first ORG component, unescaped
    assert public.job_title == "Director, Research and Development"
    assert phones(public) == [("work", "+1-555-555-1234"), ("mobile", "+1-555-555-1235")]
    assert public.notes == ("This fax number is operational 0800 to 1715 EST, Mon-Fri.\n"
                            "Ask for the duty officer; no voicemail.")  # folded + escapes
    assert public.id == ""  # a foreign UID is not our id ...
    assert result.contacts[2].source_fields["UID"] == "19950401-080045-40000F192713-0052"
    assert "ADR" in result.contacts[0].source_fields  # ... but everything is kept


def test_rfc6350_examples() -> None:
    result = parse_vcard((DATA / "rfc6350_examples.vcf").read_bytes())
    assert result.problems == ()
    camille, robin = (p.contact for p in result.contacts)
    assert (camille.name, camille.organization) == ("Camille Fontaine", "Example Labs")
    assert phones(camille) == [("work", "+1-555-555-0170 ext. 102"),  # tel: URI, ext
                               ("mobile", "+1-555-555-0171")]
    assert emails(camille) == [("work", "camille.fontaine@example.com")]
    assert camille.time_zone == ""  # TZ:-0500 is an offset, not a zone name
    assert robin.name == "Mr. Robin Q. Stevenson, Esq."
    assert robin.job_title == "Research Scientist"
    assert phones(robin) == [("home", "+1-555-555-5555 ext. 5555"),  # PREF=1 first
                             ("home", "+33-01-55-55-01-80")]
    assert emails(robin) == [("work", "robin.stevenson@example.com"),
                             ("other", "robin_s@example.com")]
    assert robin.time_zone == "America/New_York"
    assert result.contacts[1].line == 22


def test_apple_grouped_labels() -> None:
    result = parse_vcard((DATA / "apple_contacts.vcf").read_bytes())
    assert result.problems == ()
    nneka, forensics = (p.contact for p in result.contacts)
    assert (nneka.name, nneka.organization, nneka.job_title) == (
        "Nneka Okafor", "Example Insurance Co.", "Claims Manager")
    assert phones(nneka) == [("mobile", "+1 (555) 555-0150"),  # type=pref first, in order
                             ("whatsapp", "+1 (555) 555-0154"),
                             ("work", "+1 (555) 555-0151"),
                             ("signal", "+1 (555) 555-0152"),  # item2.X-ABLabel:Signal
                             ("other", "+1 (555) 555-0153")]  # _$!<Other>!$_
    assert emails(nneka) == [("work", "nneka.okafor@example.com"),
                             ("personal", "nneka@example.com")]  # _$!<Home>!$_
    assert nneka.notes == "Breach coach hotline is staffed 24/7.\nAsk for the cyber desk."
    assert result.contacts[0].source_fields["PHOTO"].endswith("bytes>")
    assert forensics.name == "Example Forensics LLC"
    assert phones(forensics) == [("hotline", "+1 (555) 555-0199")]


def test_vcard21_quoted_printable_and_charsets() -> None:
    result = parse_vcard((DATA / "vcard21_quoted_printable.vcf").read_bytes())
    assert result.problems == ()
    asa, jurgen = (p.contact for p in result.contacts)
    assert asa.name == "Åsa Öberg"  # UTF-8 quoted-printable with a soft line break
    assert asa.organization == "Exempel AB"
    assert phones(asa) == [("mobile", "+46705550104"), ("work", "+46 8 555 010 00")]
    assert emails(asa) == [("personal", "asa.oberg@example.com")]
    assert asa.notes == ("Första kontakt vid dataintrång. Ring först mobilen, sedan jobbet.\n"
                         "Reserv: Jörgen.")
    assert jurgen.name == "Jürgen Müller"  # ISO-8859-1 quoted-printable
    assert jurgen.job_title == "Datenschutzbeauftragter – Konzern"  # windows-1252 en dash
    assert phones(jurgen) == [("mobile", "+49 151 5550 1234"), ("fax", "+49 30 5550 1235")]
    assert emails(jurgen) == [("work", "juergen.mueller@example.com")]
    assert result.contacts[1].line == 13


def test_vcard21_raw_8bit_charset() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1:J\xfcrgen M\xfcller\r\nEND:VCARD\r\n"
    assert only(data).name == "Jürgen Müller"


def test_name_from_n_nickname_org_or_email() -> None:
    assert only(card("N:Stevenson;Robin;Philip,Paul;Dr.;Jr.")).name == (
        "Robin Philip Paul Stevenson Jr.")
    assert only(card("NICKNAME:Robbie")).name == "Robbie"
    assert only(card("ORG:Example Bank;Fraud")).name == "Example Bank"
    assert only(card("EMAIL:duty@example.com")).name == "duty@example.com"
    result = parse_vcard(card("TEL:+1 555 555 0100"))
    assert problems(result) == ["line 1, field 'FN': this vCard has no name (FN, N, ORG and "
                                "EMAIL are empty); add a name"]


def test_types_and_params() -> None:
    c = only(card("FN:A", "TEL;TYPE=work;TYPE=voice:+1 555 555 0100",
                  'TEL;TYPE="home,fax":+1 555 555 0101', "TEL;type=PAGER:+1 555 555 0102",
                  "TEL:+1 555 555 0103", "EMAIL;TYPE=internet;TYPE=home:a@example.com",
                  "EMAIL;X-FOO=\"a:b;c\";TYPE=work:b@example.com",
                  "EMAIL:mailto:c@example.com"))
    assert phones(c) == [("work", "+1 555 555 0100"), ("fax", "+1 555 555 0101"),
                         ("other", "+1 555 555 0102"), ("other", "+1 555 555 0103")]
    assert emails(c) == [("personal", "a@example.com"), ("work", "b@example.com"),
                         ("other", "c@example.com")]


def test_lf_only_and_cr_only_line_ends() -> None:
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\n Lee\nEND:VCARD\n"
    assert only(text.encode()).name == "AnnLee"
    assert only(text.replace("\n", "\r").encode()).name == "AnnLee"


def test_our_id_is_read_in_lower_case_and_must_be_canonical() -> None:
    c = only(card("FN:A", "X-CRISIS-BINDER-ID:3F2B8C1E-4D5A-4B6C-8D7E-9F0A1B2C3D4E"))
    assert c.id == "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e"
    result = parse_vcard(card("FN:A", "X-CRISIS-BINDER-ID:urn:uuid:3f2b8c1e-4d5a-4b6c-8d7e-"
                              "9f0a1b2c3d4e"))
    assert "is not a Crisis Binder id" in problems(result)[0]


def test_utf16_vcard() -> None:
    assert only(card("FN:Zoë Park").decode().encode("utf-16")).name == "Zoë Park"


# --- problems with their lines ------------------------------------------------------------


def test_property_problems_carry_the_property_line_and_name() -> None:
    data = card("FN:Ann Lee", "TEL;TYPE=cell:555-01", "item1.EMAIL:ann@",
                "item1.X-ABLabel:Work", "X-CRISIS-BINDER-ID:nope")
    assert problems(parse_vcard(data)) == [
        "line 5, field 'item1.EMAIL': 'ann@' is not an email address: There must be something "
        "after the @-sign.",
        "line 7, field 'X-CRISIS-BINDER-ID': 'nope' is not a Crisis Binder id (a UUID like "
        "00000000-0000-0000-0000-000000000000)",
        "line 4, field 'TEL': '555-01' is not a phone number: it has too few digits",
    ]


def test_structure_problems_are_all_collected() -> None:
    data = (b"stray text\r\n" + card("FN:Ann") + b"END:VCARD\r\n"
            + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo\r\nthis line lost its leading space\r\n"
            + b"BEGIN:VCARD\r\nVERSION:5.0\r\nFN:Cy\r\nEND:VCARD\r\n"
            + b"BEGIN:VCARD\r\nFN:Di\r\n")
    result = parse_vcard(data)
    assert problems(result) == [
        "line 1: 'stray text' is outside a vCard (not between BEGIN:VCARD and END:VCARD)",
        "line 6: END:VCARD without a BEGIN:VCARD before it",
        "line 10: 'this line lost its leading space' is not a vCard property (a line that "
        "continues the one before must start with a space)",
        "line 7: this vCard has no END:VCARD (a new BEGIN:VCARD starts on line 11)",
        "line 12, field 'VERSION': vCard version '5.0' is not supported; use 2.1, 3.0 or 4.0",
        "line 15: this vCard has no END:VCARD; the file ends first",
    ]
    assert [p.contact.name for p in result.contacts] == ["Ann", "Cy"]


def test_encoding_problems() -> None:
    data = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=KLINGON:x\r\n"
            b"NOTE:caf\xe9\r\nORG;CHARSET=zlib_codec:x\r\nTITLE;ENCODING=BASE64:!!!\r\n"
            b"END:VCARD\r\n")
    assert problems(parse_vcard(data)) == [
        "line 3, field 'FN': 'KLINGON' is not a character set this app knows",
        "line 4, field 'NOTE': the bytes 0xE9 are not valid UTF-8; save the file as UTF-8 or "
        "fix its CHARSET",
        "line 5, field 'ORG': 'zlib_codec' is not a character set this app knows",
        "line 6, field 'TITLE': the base64 value is damaged",
    ]


def test_agent_vcard_inside_a_vcard_is_skipped() -> None:
    data = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\n"
            b"FN:Her Assistant\r\nEND:VCARD\r\nTEL;CELL:+1 555 555 0100\r\nEND:VCARD\r\n")
    c = only(data)
    assert c.name == "Ann" and phones(c) == [("mobile", "+1 555 555 0100")]


def test_deep_nesting_is_refused() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nAGENT:\r\n" * 20 + b"END:VCARD\r\n" * 20
    with pytest.raises(ImportFormatError, match="MAX_VCARD_DEPTH"):
        parse_vcard(data)


def test_not_a_vcard_is_refused() -> None:
    with pytest.raises(ImportFormatError, match="no BEGIN:VCARD"):
        parse_vcard(b"name,phones\r\nAnn,+1 555 555 0100\r\n", path="x.vcf")


def test_hostile_vcards_are_refused_quickly() -> None:
    cases = [
        b"BEGIN:VCARD\r\nFN:" + b"a" * (10 * 2**20) + b"\r\nEND:VCARD\r\n",  # 10 MB line
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE:="  # endless soft
        + b"\r\n" + b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=\r\n" * 300_000 + b"END:VCARD\r\n",
        b"BEGIN:VCARD\r\nNOTE:x" + b"\r\n " + b"a" * 1000 * 5000,  # 5 MB of folding
        b"\x00\x01BEGIN:VCARD",
    ]
    for data in cases:
        start = time.perf_counter()
        with pytest.raises(ImportFormatError):
            parse_vcard(data)
        assert time.perf_counter() - start < 10


def test_hostile_vcards_become_problems_quickly() -> None:
    start = time.perf_counter()
    unterminated = parse_vcard(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\n" * 100_000)
    many = parse_vcard(card("FN:x", *["TEL:+1 555 555 0100"] * 200_000))
    quotes = parse_vcard(b"BEGIN:VCARD\r\n" + b'X;A="' + b"b" * 100_000 + b"\r\nEND:VCARD\r\n")
    long_value = parse_vcard(card("FN:x", "NOTE:" + "a" * (limits.MAX_FIELD_CHARS + 1)))
    assert time.perf_counter() - start < 20
    assert len(unterminated.problems) == limits.MAX_PROBLEMS + 1
    assert problems(many)[0] == "line 502: this vCard has more than 500 properties (MAX_COLUMNS)"
    assert "is not a vCard property" in problems(quotes)[0]
    assert problems(long_value) == ["line 4, field 'NOTE': the value is longer than 65,536 "
                                    "characters (MAX_FIELD_CHARS)"]


def test_too_many_cards(monkeypatch: pytest.MonkeyPatch) -> None:
    from binder.io import vcard

    monkeypatch.setattr(vcard, "MAX_RECORDS", 2)
    with pytest.raises(ImportFormatError, match="MAX_RECORDS"):
        parse_vcard(card("FN:a") * 3)


# --- writing ----------------------------------------------------------------------------

ADA = Contact(id="3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e", name="Åsa Öberg-Lovelace, Jr.",
              job_title="Head of Legal; EMEA", organization="Example, Ltd; Legal",
              roles=("legal", "spokesperson"),
              phones=(Phone(number="+46 70 555 01 04", label="mobile"),
                      Phone(number="+1-555-555-0100", label="signal"),
                      Phone(number="(555) 555-0101", label="work"),
                      Phone(number="+1 555 555 0102", label="personal"),
                      Phone(number="+1 555 555 0103", label="fax"),
                      Phone(number="+1 555 555 0104", label="hotline"),
                      Phone(number="+1 555 555 0105", label="other")),
              emails=(Email(address="asa@example.com", label="work"),
                      Email(address="asa@example.org", label="personal"),
                      Email(address="a@example.net", label="other")),
              may_speak_publicly=True, time_zone="Europe/Stockholm",
              notes="Call first; text second.\nBackslash \\ and comma, fine. " + "ö" * 80,
              verified_at="2026-11-27T05:00:00Z")


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_write_vcard_round_trips(version: str) -> None:
    data = write_vcard([ADA, Contact(name="Bo")], version)
    assert data.endswith(b"END:VCARD\r\n")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # folding never splits a character
    result = parse_vcard(data)
    assert result.problems == ()
    assert [p.contact for p in result.contacts] == [ADA, Contact(name="Bo")]


def test_write_vcard_4_uses_tel_uris_when_it_can() -> None:
    text = write_vcard([ADA], "4.0").decode()
    assert "item2.TEL;VALUE=uri;TYPE=cell:tel:+1-555-555-0100\r\n" in text
    assert "item2.X-ABLabel:Signal\r\n" in text
    assert 'TEL;VALUE=text;TYPE="work,voice":(555) 555-0101\r\n' in text
    assert "UID:urn:uuid:3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e\r\n" in text


def test_vobject_reads_what_we_write() -> None:
    parsed = vobject.readOne(write_vcard([ADA], "3.0").decode())
    assert parsed.fn.value == ADA.name
    assert parsed.org.value[0] == "Example, Ltd; Legal"
    assert parsed.title.value == ADA.job_title
    assert parsed.note.value == ADA.notes
    assert [t.value for t in parsed.tel_list] == [p.number for p in ADA.phones]
    assert [e.value for e in parsed.email_list] == [e.address for e in ADA.emails]
    labels = {c.group: c.value for c in parsed.getChildren() if c.name == "X-ABLABEL"}
    assert labels == {"item2": "Signal", "item4": "Personal", "item6": "Hotline"}
    assert parsed.contents["x-crisis-binder-id"][0].value == ADA.id


def test_write_vcard_refuses_other_versions() -> None:
    with pytest.raises(ValueError):
        write_vcard([ADA], "2.1")
