"""The eight numbers that matter in the first hour, in calling order.

Pure: used by the wallet card and by the app's "Who do I call?" page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from binder.models import Contact, Organization, Phone
from binder.roster import (ORG_PHONE_ORDER, PHONE_WORDS, live, parties_by_kind, people_by_role,
                           ranked_phones)

#: The eight first-hour slots, in the order they are called.
SLOTS: tuple[tuple[str, str], ...] = (
    ("incident_commander", "Incident commander"),
    ("deputy_ic", "Deputy incident commander"),
    ("spokesperson", "Spokesperson"),
    ("legal", "Legal / outside counsel"),
    ("breach_coach", "Breach coach"),
    ("cyber_insurer", "Insurer breach hotline"),
    ("pr_firm", "PR firm"),
    ("forensics", "Forensics / DFIR"),
)

_SLOT_ROLES = frozenset(slot for slot, _label in SLOTS)


@dataclass(frozen=True)
class WalletLine:
    """One first-hour number: who, the best number, a backup, a reference to quote."""

    slot: str
    label: str
    name: str = ""
    number: str = ""
    number_label: str = ""
    backup: str = ""
    backup_label: str = ""
    reference: str = ""
    record_id: str = ""

    @property
    def missing(self) -> bool:
        """True when there is no number to call for this slot."""
        return not self.number


def _words(phone: Phone) -> str:
    return PHONE_WORDS.get(phone.label, phone.label)


def _backup_phone(phones: Sequence[Phone]) -> Phone | None:
    """After the best number: an out-of-band one if there is one, else the next."""
    rest = list(phones[1:])
    for phone in rest:
        if phone.out_of_band:
            return phone
    return rest[0] if rest else None


def _person_line(slot: str, label: str, person: Contact, by_id: dict[str, Contact],
                 role: str) -> WalletLine:
    phones = ranked_phones(person.phones)
    best = phones[0] if phones else None
    backup = _backup_phone(phones)
    backup_number, backup_label = (backup.number, _words(backup)) if backup else ("", "")
    if backup is None:
        for d in person.deputies:
            deputy = by_id.get(d.person_id)
            deputy_phones = ranked_phones(deputy.phones) if deputy else []
            if d.role == role and deputy is not None and deputy_phones:
                backup_number = deputy_phones[0].number
                backup_label = f"deputy {deputy.name}, {_words(deputy_phones[0])}"
                break
    return WalletLine(slot=slot, label=label, name=person.name,
                      number=best.number if best else "",
                      number_label=_words(best) if best else "",
                      backup=backup_number, backup_label=backup_label, record_id=person.id)


def _org_line(slot: str, label: str, org: Organization, contacts: Sequence[Contact],
              fallback: Contact | None = None) -> WalletLine:
    phones = ranked_phones(org.phones, ORG_PHONE_ORDER)
    if org.hotline:
        digits = "".join(ch for ch in org.hotline if ch.isdigit())
        phones = [Phone(number=org.hotline, label="hotline"),
                  *(p for p in phones if "".join(ch for ch in p.number if ch.isdigit()) != digits)]
    best = phones[0] if phones else None
    backup, backup_label = (phones[1].number, _words(phones[1])) if len(phones) > 1 else ("", "")
    if not backup:
        ids = set(org.people) | {c.id for c in contacts if org.id and c.organization_id == org.id}
        people = [c for c in contacts if c.id in ids and c.phones]
        if fallback is not None and fallback.phones:
            people.append(fallback)
        if people:
            phone = ranked_phones(people[0].phones)[0]
            backup, backup_label = phone.number, f"{people[0].name}, {_words(phone)}"
    refs = (("Policy", org.policy_number), ("Contract", org.contract_number),
            ("Retainer", org.retainer_number))
    reference = next((f"{name} {value}" for name, value in refs if value), "")
    return WalletLine(slot=slot, label=label, name=org.name,
                      number=best.number if best else "",
                      number_label=_words(best) if best else "", backup=backup,
                      backup_label=backup_label, reference=reference, record_id=org.id)


def _first_with_number(records: Sequence[Contact] | Sequence[Organization]
                       ) -> Contact | Organization | None:
    for record in records:
        if record.phones or (isinstance(record, Organization) and record.hotline):
            return record
    return records[0] if records else None


def first_hour_numbers(contacts: Iterable[Contact],
                       organizations: Iterable[Organization] = ()) -> list[WalletLine]:
    """The eight first-hour numbers, in calling order; a slot with no record is ``missing``.

    People are chosen by role (principals before deputies, then by name), the
    deputy IC falls back to the incident commander's named deputy, legal
    prefers outside counsel with in-house legal as the backup, and outside
    parties are chosen by kind (hotline first; policy or contract number as
    the reference to quote).
    """
    people = live(contacts)
    by_id = {c.id: c for c in people if c.id}
    by_role = {g.role: list(g.people) for g in people_by_role(people, _SLOT_ROLES) if g.role}
    by_kind = {g.kind: list(g.parties) for g in parties_by_kind(organizations)}
    lines: list[WalletLine] = []
    for slot, label in SLOTS:
        person = _first_with_number(by_role.get(slot, []))
        if slot == "deputy_ic" and person is None:
            for ic in by_role.get("incident_commander", []):
                named = [by_id[d.person_id] for d in ic.deputies
                         if d.role == "incident_commander" and d.person_id in by_id]
                if named:
                    person = named[0]
                    break
        kind = "outside_counsel" if slot == "legal" else slot
        org = _first_with_number(by_kind.get(kind, []))
        if isinstance(org, Organization):
            fallback = person if isinstance(person, Contact) else None
            lines.append(_org_line(slot, label, org, people, fallback))
        elif isinstance(person, Contact):
            lines.append(_person_line(slot, label, person, by_id, slot))
        else:
            lines.append(WalletLine(slot=slot, label=label))
    return lines
