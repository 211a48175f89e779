"""Who do I call? The first-hour roles, each with its best number and a backup.

A pure function over records (no Qt, no SQL) so it can move into the core
(``binder/pdf/wallet_card.py`` is to hold the same selection for the wallet
card). For each role: the first live person holding it, or the first
organisation of that kind; the backup is the person's deputy for that role,
then another holder of the role, then their other (out-of-band) number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from binder.models import Contact, Kind, Organization, Phone

# (key, label, source, match): source "role" matches Contact.roles, "org" Organization.org_kind.
FIRST_HOUR: tuple[tuple[str, str, str, str], ...] = (
    ("incident_commander", "Incident commander", "role", "incident_commander"),
    ("deputy_ic", "Deputy incident commander", "role", "deputy_ic"),
    ("spokesperson", "Spokesperson", "role", "spokesperson"),
    ("legal", "Counsel (in-house)", "role", "legal"),
    ("outside_counsel", "Outside counsel", "org", "outside_counsel"),
    ("breach_coach", "Breach coach", "org", "breach_coach"),
    ("cyber_insurer", "Insurer hotline", "org", "cyber_insurer"),
    ("pr_firm", "PR firm", "org", "pr_firm"),
    ("forensics", "Forensics", "org", "forensics"),
)


@dataclass(frozen=True)
class CallLine:
    key: str
    role: str                 # the role's label (English; the UI translates it)
    name: str = ""            # who: a person or an organisation; "" when nobody holds it
    number: str = ""          # the best number, as typed
    backup_name: str = ""
    backup_number: str = ""
    record_id: str = ""
    kind: Kind | None = None

    @property
    def assigned(self) -> bool:
        return bool(self.name)


def _number(phone: Phone | None) -> str:
    return phone.number if phone else ""


def _other_number(contact: Contact, best: Phone | None) -> Phone | None:
    others = [p for p in contact.phones if p != best and p.label != "fax"]
    others.sort(key=lambda p: not p.out_of_band)  # out-of-band first: it works when email is down
    return others[0] if others else None


def _org_numbers(org: Organization) -> list[str]:
    numbers = [org.hotline] if org.hotline else []
    numbers += [p.number for p in org.phones if p.label != "fax" and p.number not in numbers]
    return numbers


def _person_line(key: str, label: str, role: str, contacts: Sequence[Contact]) -> CallLine:
    holders = [c for c in contacts if role in c.roles]
    if not holders:
        return CallLine(key, label)
    first = holders[0]
    best = first.best_phone()
    by_id = {c.id: c for c in contacts}
    backup: tuple[str, str] | None = None
    for deputy in first.deputies:
        person = by_id.get(deputy.person_id)
        if deputy.role == role and person is not None and person.best_phone():
            backup = (person.name, _number(person.best_phone()))
            break
    if backup is None:
        for other in holders[1:]:
            if other.best_phone():
                backup = (other.name, _number(other.best_phone()))
                break
    if backup is None:
        other_phone = _other_number(first, best)
        if other_phone:
            backup = (f"{first.name} ({other_phone.label})", other_phone.number)
    return CallLine(key, label, first.name, _number(best), *(backup or ("", "")),
                    record_id=first.id, kind=Kind.CONTACT)


def _org_line(key: str, label: str, org_kind: str, orgs: Sequence[Organization],
              contacts: Sequence[Contact]) -> CallLine:
    matches = [o for o in orgs if o.org_kind == org_kind]
    if not matches:
        return CallLine(key, label)
    org = matches[0]
    numbers = _org_numbers(org)
    backup: tuple[str, str] = ("", "")
    if len(numbers) > 1:
        backup = (org.name, numbers[1])
    else:
        by_id = {c.id: c for c in contacts}
        for pid in org.people:
            person = by_id.get(pid)
            if person is not None and person.best_phone():
                backup = (person.name, _number(person.best_phone()))
                break
        else:
            if len(matches) > 1 and _org_numbers(matches[1]):
                backup = (matches[1].name, _org_numbers(matches[1])[0])
    return CallLine(key, label, org.name, numbers[0] if numbers else "", *backup,
                    record_id=org.id, kind=Kind.ORGANIZATION)


def first_hour_lines(contacts: Sequence[Contact],
                     organizations: Sequence[Organization]) -> list[CallLine]:
    """One line per first-hour role, in the order they are needed."""
    live_people = [c for c in contacts if c.deleted_at is None]
    live_orgs = [o for o in organizations if o.deleted_at is None]
    lines = []
    for key, label, source, match in FIRST_HOUR:
        if source == "role":
            lines.append(_person_line(key, label, match, live_people))
        else:
            lines.append(_org_line(key, label, match, live_orgs, live_people))
    return lines
