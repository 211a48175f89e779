"""Importing real-format files into a binder: plan, all-or-nothing, re-import."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from binder.errors import BinderError
from binder.models import Contact, Email, Kind, Phone
from binder.services.importer import Importer
from binder.services.records import RecordService
from tests.helpers.scan import files_containing, places

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
FILES = [("google_contacts.csv", "csv"), ("google_contacts_legacy.csv", "csv"),
         ("outlook_contacts.csv", "csv"), ("rfc2426_examples.vcf", "vcard"),
         ("rfc6350_examples.vcf", "vcard"), ("apple_contacts.vcf", "vcard"),
         ("vcard21_quoted_printable.vcf", "vcard")]


@pytest.fixture
def imp(session) -> Importer:
    return Importer(RecordService(session.db, "tester"))


@pytest.mark.parametrize("name, fmt", FILES)
def test_each_real_format_imports_then_reimport_changes_nothing(imp, name, fmt) -> None:
    data = (DATA / name).read_bytes()
    plan = imp.plan(data, fmt=fmt, path=name)
    assert plan.problems == [], [str(p) for p in plan.problems]
    assert plan.count("add") >= 1
    imp.apply(plan)
    people = imp.service.list(Kind.CONTACT)
    assert len(people) == plan.count("add")
    assert all(p.phones == () or all(ph.e164.startswith("+") for ph in p.phones) for p in people)
    again = imp.plan(data, fmt=fmt, path=name)
    assert (again.count("add"), again.count("update")) == (0, 0)
    assert again.count("unchanged") == plan.count("add")


def test_quoted_printable_names_arrive_intact(imp) -> None:
    imp.apply(imp.plan((DATA / "vcard21_quoted_printable.vcf").read_bytes(), fmt="vcard"))
    assert "Åsa Öberg" in {p.title for p in imp.service.list(Kind.CONTACT)}


def test_match_by_email_then_phone_updates_and_keeps_what_binder_has(imp) -> None:
    svc = imp.service
    existing, _ = svc.add(Contact(name="Dana Reyes", roles=("incident_commander",),
                                  emails=(Email(address="dana@example.com"),),
                                  phones=(Phone(number="+1 917 555 0151", label="signal"),),
                                  notes="Prefers Signal at night."))
    by_phone, _ = svc.add(Contact(name="M. Oduya", phones=(Phone(number="+1 212 555 0102",
                                                                 label="mobile"),)))
    csv_text = ("First Name,Last Name,Organization Title,E-mail 1 - Label,E-mail 1 - Value,"
                "Phone 1 - Label,Phone 1 - Value\n"
                "Dana,Reyes,CISO,Work,DANA@example.com,Work,+1 212 555 0101\n"
                "Marcus,Oduya,Head of IT,,,Mobile,+1 (212) 555-0102\n"
                "Priya,Raman,VP Comms,Work,priya@example.com,Mobile,+1 212 555 0104\n")
    plan = imp.plan(csv_text.encode(), fmt="csv")
    assert plan.problems == []
    actions = {i.record.title: (i.action, i.matched_by) for i in plan.items}
    assert actions == {"Dana Reyes": ("update", "email"), "Marcus Oduya": ("update", "phone"),
                       "Priya Raman": ("add", None)}
    imp.apply(plan)
    dana = svc.get(existing.id)
    assert dana.job_title == "CISO" and dana.notes == "Prefers Signal at night."
    assert {p.label for p in dana.phones} == {"signal", "work"}  # nothing lost
    assert dana.roles == ("incident_commander",)
    assert svc.get(by_phone.id).title == "Marcus Oduya"
    assert len(svc.list(Kind.CONTACT)) == 3


def test_missing_people_are_reported_never_deleted(imp) -> None:
    svc = imp.service
    gone, _ = svc.add(Contact(name="Left Company", emails=(Email(address="left@example.com"),)))
    plan = imp.plan(b"First Name,Last Name,E-mail 1 - Value\nNew,Person,new@example.com\n",
                    fmt="csv")
    assert [r.id for r in plan.missing] == [gone.id]
    imp.apply(plan)
    assert svc.get(gone.id).deleted_at is None


def test_one_bad_line_imports_nothing_and_names_every_problem(imp) -> None:
    csv_text = ("First Name,Last Name,E-mail 1 - Value,Phone 1 - Value\n"
                "Good,Person,good@example.com,+1 212 555 0101\n"
                "Bad,Phone,bad@example.com,555-01\n"
                "Bad,Email,not-an-email,+1 212 555 0103\n"
                "Twin,Person,good@example.com,\n")
    plan = imp.plan(csv_text.encode(), fmt="csv", path="hr.csv")
    lines = sorted(p.line for p in plan.problems)
    assert lines == [3, 4, 5]
    assert any("555-01" in p.reason for p in plan.problems)
    with pytest.raises(BinderError, match="Nothing was imported"):
        imp.apply(plan)
    assert imp.service.list(Kind.CONTACT) == []


def test_selective_apply(imp) -> None:
    csv_text = ("First Name,Last Name,E-mail 1 - Value\nA,One,a@example.com\n"
                "B,Two,b@example.com\nC,Three,c@example.com\n")
    plan = imp.plan(csv_text.encode(), fmt="csv")
    imp.apply(plan, only=[0, 2])
    assert sorted(p.title for p in imp.service.list(Kind.CONTACT)) == ["A One", "C Three"]


def test_imported_canaries_never_reach_disk(imp, binder_file, isolated_paths) -> None:
    canary = "CANARY" + uuid.uuid4().hex[:16]
    vcf = (f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{canary} Person\r\nN:Person;{canary};;;\r\n"
           f"NOTE:{canary} note\r\nEMAIL:canary@example.com\r\nEND:VCARD\r\n").encode()
    imp.apply(imp.plan(vcf, fmt="vcard"))
    assert files_containing(canary, places(binder_file.path.parent, isolated_paths)) == []
