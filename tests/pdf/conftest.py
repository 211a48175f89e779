"""Factories for fictional sample data used by the PDF tests.

Everything is invented: Fictional Corp, example.com addresses, 555 numbers.
The names with diacritics, Greek and Cyrillic letters are obvious samples
that check the embedded font prints every script the binder may hold.
"""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from binder.content.checklists import Checklist, builtin_checklists
from binder.content.templates import builtin_templates
from binder.models import Contact, Deputy, Email, Organization, Phone, Regulator
from binder.pdf.templates import PrintTemplate

AS_OF = "2026-11-27 09:00 UTC"
CLASSIFICATION = "TLP:AMBER"
ORG = "Fictional Corp"
MARKUP_NAME = '<b>Bob & "Co"</b>'
SAMPLE_NAMES = ("Åsa Öberg", "Zoë Çelik", "Øystein Nilsen", "Łukasz Nowak",
                "Γιώργος Παπαδόπουλος", "Дмитрий Иванов")

_ids = itertools.count(1)


def phone(number: str, label: str = "mobile") -> Phone:
    return Phone(number=number, label=label)


def contact(name: str, *roles: str, phones: tuple[Phone, ...] = (), id: str | None = None,
            **kwargs: object) -> Contact:
    cid = id or f"c{next(_ids):04d}"
    slug = "".join(ch for ch in name.lower() if ch.isascii() and ch.isalnum()) or cid
    return Contact(id=cid, name=name, roles=tuple(roles), phones=phones,
                   emails=(Email(address=f"{slug}@fictional-corp.example.com"),),
                   created_at="2026-01-05T10:00:00Z", updated_at="2026-01-05T10:00:00Z",
                   **kwargs)  # type: ignore[arg-type]


def organization(name: str, kind: str, **kwargs: object) -> Organization:
    return Organization(id=f"o{next(_ids):04d}", name=name, org_kind=kind,
                        created_at="2026-01-05T10:00:00Z", **kwargs)  # type: ignore[arg-type]


def sample_contacts() -> tuple[Contact, ...]:
    """A small crisis team with deputies, out-of-band channels and awkward names."""
    return (
        contact("Åsa Öberg", "incident_commander", id="p-asa", job_title="Chief Operating Officer",
                phones=(phone("+1 202-555-0101", "work"), phone("+1 202-555-0100", "mobile"),
                        phone("+1 202-555-0102", "signal")),
                deputies=(Deputy(role="incident_commander", person_id="p-zoe"),),
                time_zone="Europe/Stockholm", verified_at="2026-10-01T08:00:00Z"),
        contact("Zoë Çelik", "deputy_ic", "incident_commander", id="p-zoe",
                job_title="Head of Risk",
                phones=(phone("+1 202-555-0110"), phone("+1 202-555-0111", "personal"))),
        contact("Øystein Nilsen", "spokesperson", "communications", id="p-oys",
                job_title="Director of Communications", may_speak_publicly=True,
                phones=(phone("+1 202-555-0120"), phone("+1 202-555-0121", "whatsapp")),
                deputies=(Deputy(role="spokesperson", person_id="p-pri"),)),
        contact("Łukasz Nowak", "legal", id="p-luk", job_title="General Counsel",
                phones=(phone("+1 202-555-0130"), phone("+1 202-555-0131", "home"))),
        contact("Γιώργος Παπαδόπουλος", "privacy", id="p-gio", job_title="Data Protection Officer",
                phones=(phone("+30 21 5550 1400", "work"),)),
        contact("Дмитрий Иванов", "it_security", id="p-dmi", job_title="Security Lead",
                phones=(phone("+1 202-555-0150"), phone("+1 202-555-0151", "satellite"))),
        contact(MARKUP_NAME, "executive", id="p-bob", job_title="<i>CEO</i> & founder",
                phones=(phone("+1 202-555-0160"),)),
        contact("Priya Raman", "scribe", "communications", id="p-pri",
                phones=(phone("+1 202-555-0170"),)),
        contact("Alex Morgan", id="p-ale", job_title="Facilities",
                phones=(phone("+1 202-555-0180", "work"),)),
        contact("Departed Person", "legal", id="p-gone", deleted_at="2026-06-01T00:00:00Z",
                phones=(phone("+1 202-555-0199"),)),
    )


def sample_organizations() -> tuple[Organization, ...]:
    return (
        organization("Fictional Mutual Cyber", "cyber_insurer", hotline="+1 800-555-0199",
                     policy_number="CYB-2026-0042", coverage_limit="USD 5,000,000",
                     notes="Call the hotline before hiring any vendor."),
        organization("Harbor Breach Coaching LLP", "breach_coach", hotline="+1 800-555-0190",
                     retainer_number="R-778", people=("p-luk",)),
        organization("Example Law LLP", "outside_counsel",
                     phones=(phone("+1 202-555-0140", "work"),
                             phone("+1 202-555-0141", "mobile")),
                     contract_number="EL-2026-3", website="https://law.example.com"),
        organization("Northwind Forensics", "forensics", hotline="+1 800-555-0177",
                     contract_number="NW-DFIR-17"),
        organization("Brightline PR", "pr_firm", phones=(phone("+1 202-555-0188", "work"),)),
        organization("Metro Police Cyber Unit", "law_enforcement",
                     phones=(phone("+1 202-555-0112", "work"),)),
    )


def sample_regulators() -> tuple[Regulator, ...]:
    common: dict[str, Any] = {"source_as_of": "2026-11-27", "dataset_as_of": "2026-11-27",
                              "created_at": "2026-01-05T10:00:00Z"}
    return (
        Regulator(id="r1", duty_id="eu-gdpr-art33", jurisdiction="EU",
                  regime="GDPR", citation="Regulation (EU) 2016/679, Art. 33",
                  authority="Lead supervisory authority", notify_how="online form",
                  deadline_text="Without undue delay and, where feasible, within 72 hours.",
                  deadline_unit="hours", deadline_amount=72, clock_start="awareness",
                  confidence="statute", applies_to_us=True,
                  source_url="https://eur-lex.europa.eu/eli/reg/2016/679/oj", **common),
        Regulator(id="r2", duty_id="us-sec-8k", jurisdiction="US",
                  regime="SEC Form 8-K Item 1.05", citation="17 CFR 229.106",
                  authority="US SEC", notify_how="EDGAR filing",
                  deadline_text="Four business days after the materiality determination.",
                  deadline_unit="business_days", deadline_amount=4,
                  clock_start="materiality_determination", confidence="regulator",
                  applies_to_us=True, **common),
        Regulator(id="r3", duty_id="us-ca-individuals", jurisdiction="US-CA",
                  regime="California Civ. Code 1798.82", authority="Affected residents",
                  audience="individuals", deadline_text="In the most expedient time possible.",
                  threshold=">= 500 residents for the AG sample copy", **common),
        Regulator(id="r4", duty_id="us-circia", jurisdiction="US", regime="CIRCIA",
                  authority="CISA", deadline_text="72 hours (proposed rule).",
                  deadline_unit="hours", deadline_amount=72, in_force=False,
                  confidence="unverified", **common),
    )


def sample_templates() -> tuple[PrintTemplate, ...]:
    chosen = {"staff_holding", "us_consumer_notice"}
    return tuple(PrintTemplate(template=t, approved_by="Łukasz Nowak",
                               approved_at="2026-11-20", revision=2)
                 for t in builtin_templates() if t.id in chosen)


@pytest.fixture
def contacts() -> tuple[Contact, ...]:
    return sample_contacts()


@pytest.fixture
def organizations() -> tuple[Organization, ...]:
    return sample_organizations()


@pytest.fixture
def regulators() -> tuple[Regulator, ...]:
    return sample_regulators()


@pytest.fixture
def checklists() -> tuple[Checklist, ...]:
    return builtin_checklists()


# ------------------------------------------------------------------ reading PDFs back


def page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """Text of each page, by pdftotext (keeps reading order and layout)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    pages = len(PdfReader(path).pages)
    out = []
    for number in range(1, pages + 1):
        proc = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(number),
                               "-l", str(number), str(path), "-"],
                              capture_output=True, check=True)
        out.append(proc.stdout.decode("utf-8"))
    return out


def flat_text(pdf: bytes, tmp_path: Path) -> str:
    """All the text in reading order with runs of whitespace collapsed (wrapped lines join)."""
    path = tmp_path / "flat.pdf"
    path.write_bytes(pdf)
    proc = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          check=True)
    return " ".join(proc.stdout.decode("utf-8").split())


def font_rows(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    """pdffonts rows, split on whitespace (header lines dropped)."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    proc = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split() for line in proc.stdout.splitlines()[2:] if line.strip()]
