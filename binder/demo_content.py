"""Sample content for the demo binder. Every name, number and address is
invented (example.com, 555-01xx numbers, Fictional Corp)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from binder.models import Contact, Deputy, Email, Organization, Phone
from binder.services.records import RecordService
from binder.services.settings import SettingsService
from binder.session import BinderSession

# name, job title, roles, mobile, out-of-band (label, number), email, may speak, tz, days since verified
PEOPLE = [
    ("Dana Reyes", "Chief Information Security Officer", ("incident_commander",),
     "+1 212 555 0101", ("signal", "+1 212 555 0151"), "dana.reyes", False, "America/New_York", 20),
    ("Marcus Oduya", "Head of IT Operations", ("deputy_ic", "it_security"),
     "+1 212 555 0102", ("personal", "+1 917 555 0152"), "marcus.oduya", False, "America/New_York", 40),
    ("Åsa Öberg", "Security Analyst", ("scribe",),
     "+46 70 555 01 03", ("signal", "+46 70 555 01 53"), "asa.oberg", False, "Europe/Stockholm", 130),
    ("Priya Raman", "VP Communications", ("spokesperson", "communications"),
     "+1 212 555 0104", ("whatsapp", "+1 917 555 0154"), "priya.raman", True, "America/New_York", 10),
    ("Tomás Herrera", "Press Officer", ("communications",),
     "+1 212 555 0105", ("personal", "+1 917 555 0155"), "tomas.herrera", True, "America/New_York", 95),
    ("Grace Whitfield", "General Counsel", ("legal",),
     "+1 212 555 0106", ("signal", "+1 917 555 0156"), "grace.whitfield", False, "America/New_York", 30),
    ("Zoë Çelik", "Data Protection Officer", ("privacy", "legal"),
     "+49 30 555 0107", ("signal", "+49 151 555 0157"), "zoe.celik", False, "Europe/Berlin", 60),
    ("Henrik Lund", "Chief Financial Officer", ("finance", "executive"),
     "+1 212 555 0108", ("personal", "+1 917 555 0158"), "henrik.lund", False, "America/New_York", 200),
    ("Leila Haddad", "HR Director", ("hr",),
     "+1 212 555 0109", ("personal", "+1 917 555 0159"), "leila.haddad", False, "America/New_York", 15),
    ("Samuel Okafor", "Chief Executive Officer", ("executive", "spokesperson"),
     "+1 212 555 0110", ("signal", "+1 917 555 0160"), "samuel.okafor", True, "America/New_York", 45),
    ("Katarzyna Nowak", "Board Chair", ("board",),
     "+44 20 5550 0111", ("personal", "+44 7700 900111"), "k.nowak", False, "Europe/London", 100),
    ("Øystein Berg", "Cloud Platform Lead", ("it_security",),
     "+47 22 55 50 12", ("signal", "+47 41 55 50 62"), "oystein.berg", False, "Europe/Oslo", 70),
    ("Nikos Papadakis", "Facilities and Safety Manager", ("safety",),
     "+30 21 0555 0113", ("personal", "+30 69 5550 0163"), "nikos.papadakis", False, "Europe/Athens", 25),
    ("Mei Tanaka", "Deputy General Counsel", ("legal",),
     "+1 212 555 0114", ("signal", "+1 917 555 0164"), "mei.tanaka", False, "America/New_York", 5),
    ("Łukasz Zieliński", "SOC Team Lead", ("it_security", "scribe"),
     "+48 22 555 01 15", ("signal", "+48 600 555 165"), "lukasz.zielinski", False, "Europe/Warsaw", 92),
]

# (person, role, deputy)
DEPUTIES = [
    ("Dana Reyes", "incident_commander", "Marcus Oduya"),
    ("Priya Raman", "spokesperson", "Samuel Okafor"),
    ("Grace Whitfield", "legal", "Mei Tanaka"),
    ("Åsa Öberg", "scribe", "Łukasz Zieliński"),
    ("Marcus Oduya", "it_security", "Øystein Berg"),
]

ORGS = [
    ("Harbor Breach Advisors LLP", "breach_coach", "+1 800 555 0120", "Policy CY-2026-004217 panel counsel",
     {"retainer_number": "RET-HBA-2291"}, 35),
    ("Meridian Cyber Insurance", "cyber_insurer", "+1 800 555 0121", "Claims hotline 24/7; quote the policy number",
     {"policy_number": "CY-2026-004217", "coverage_limit": "USD 10m aggregate, USD 250k retention"}, 60),
    ("Calder & Finch LLP", "outside_counsel", "+1 212 555 0122", "Privacy and incident response partner group",
     {"contract_number": "ENG-2025-118"}, 120),
    ("Ironclad Forensics", "forensics", "+1 888 555 0123", "Engage through counsel to keep privilege",
     {"retainer_number": "IR-RET-7730", "contract_number": "MSA-2024-061"}, 20),
    ("Lanternfish PR", "pr_firm", "+1 646 555 0124", "Crisis desk answers 24/7",
     {"contract_number": "PR-2026-09"}, 45),
    ("Metro Police Cyber Crime Unit", "law_enforcement", "+1 212 555 0125", "Non-emergency reporting line; ask for the duty officer",
     {}, 150),
    ("First Fictional Bank", "bank", "+1 800 555 0126", "Fraud desk for payment-change verification",
     {"contract_number": "ACC-REL-5521"}, 80),
    ("Nimbus Cloud Services", "cloud_provider", "+1 888 555 0127", "Premium support; severity 1 cases by phone",
     {"contract_number": "ENT-88213"}, 30),
    ("Shieldline Identity Services", "identity_protection", "+1 877 555 0128", "Credit monitoring and call centre, 72 h to stand up",
     {"contract_number": "IDP-2026-02"}, 200),
]


def fill(session: BinderSession) -> None:
    service = RecordService(session.db, "demo")
    SettingsService(session.db).update(classification="TLP:AMBER")
    now = datetime.now(timezone.utc)
    ids: dict[str, str] = {}
    with session.db.atomic():
        for (name, title, roles, mobile, oob, mail, speaks, tz, days) in PEOPLE:
            contact = Contact(
                name=name, job_title=title, organization="Fictional Corp", roles=roles,
                phones=(Phone(number=mobile, label="mobile"), Phone(number=oob[1], label=oob[0])),
                emails=(Email(address=f"{mail}@fictional-corp.example.com"),
                        Email(address=f"{mail.split('.')[0]}.home@example.com", label="personal")),
                may_speak_publicly=speaks, time_zone=tz)
            record, _ = service.add(contact)
            verified = (now - timedelta(days=days)).isoformat(timespec="seconds")
            service.update(record.id, verified_at=verified.replace("+00:00", "Z"),
                           verified_by="Dana Reyes", action="verify")
            ids[name] = record.id
        for person, role, deputy in DEPUTIES:
            current = service.get(ids[person])
            deputies = tuple(current.deputies) + (Deputy(role=role, person_id=ids[deputy]),)  # type: ignore[attr-defined]
            service.update(ids[person], deputies=deputies)
        for (name, kind, hotline, notes, numbers, days) in ORGS:
            slug = name.split()[0].lower().strip(",&")
            org = Organization(name=name, org_kind=kind, hotline=hotline, notes=notes,
                               emails=(Email(address=f"incidents@{slug}.example.com"),),
                               website=f"https://{slug}.example.com", **numbers)
            record, _ = service.add(org)
            verified = (now - timedelta(days=days)).isoformat(timespec="seconds")
            service.update(record.id, verified_at=verified.replace("+00:00", "Z"),
                           verified_by="Dana Reyes", action="verify")
