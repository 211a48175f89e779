"""Who is who, in the order a person scans under stress: people by crisis
role, outside parties by kind, phones in the order to try them.

Pure functions over record dataclasses, shared by the printed sheets, the
wallet card and the app's "Who do I call?" page (which must not pay for
loading reportlab).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from binder.models import ORG_KINDS, ROLES, Contact, Organization, Phone, Record

RecordT = TypeVar("RecordT", bound=Record)

PHONE_WORDS: dict[str, str] = {
    "work": "work", "mobile": "mobile", "personal": "personal mobile", "home": "home",
    "signal": "Signal", "whatsapp": "WhatsApp", "satellite": "satellite phone",
    "hotline": "hotline", "fax": "fax", "other": "other",
}
#: Order in which a person's numbers are tried (Contact.best_phone's order, fax last).
PERSON_PHONE_ORDER = ("mobile", "work", "personal", "signal", "whatsapp", "home", "satellite",
                      "hotline", "other", "fax")
#: Order for an organisation's numbers: its hotline first.
ORG_PHONE_ORDER = ("hotline", "work", "mobile", "other", "signal", "whatsapp", "satellite",
                   "personal", "home", "fax")

#: Crisis roles in the order they are needed in the first hour.
ROLE_ORDER: tuple[str, ...] = (
    "incident_commander", "deputy_ic", "spokesperson", "legal", "privacy", "communications",
    "it_security", "executive", "scribe", "finance", "hr", "safety", "board",
)
#: Kinds of outside party in the order they are called.
KIND_ORDER: tuple[str, ...] = (
    "breach_coach", "cyber_insurer", "outside_counsel", "forensics", "pr_firm",
    "law_enforcement", "identity_protection", "cloud_provider", "bank", "key_customer", "other",
)
NO_ROLE_LABEL = "Everyone else, A to Z"


# The combining diacritics of Latin names (U+0300-U+036F), removed in one C-level
# pass; sorting 10,000 names is part of showing "Who do I call?" after unlock.
_COMMON_MARKS = dict.fromkeys(range(0x300, 0x370))


def sort_key(text: str) -> tuple[str, str]:
    """Sort names the way a reader scans them: accents and case ignored, then exact."""
    if text.isascii():  # most names: nothing to fold, and NFKD is the slow part
        return text.casefold().strip(), text
    base = unicodedata.normalize("NFKD", text).translate(_COMMON_MARKS)
    if not base.isascii():  # other scripts, rarer marks: the general (slower) test
        base = "".join(ch for ch in base if not unicodedata.combining(ch))
    base = base.casefold()
    return base.strip(), text


def live(records: Iterable[RecordT]) -> list[RecordT]:
    """Records that are not deleted (tombstones never print)."""
    return [r for r in records if r.deleted_at is None]


def role_label(role: str) -> str:
    return ROLES.get(role, role.replace("_", " ").capitalize())


def kind_label(kind: str) -> str:
    return ORG_KINDS.get(kind, kind.replace("_", " ").capitalize())


def phone_words(phone: Phone) -> str:
    """The phone's label in words, with "out-of-band" spelled out where it applies."""
    words = PHONE_WORDS.get(phone.label, phone.label)
    return f"{words}, out-of-band" if phone.out_of_band else words


def ranked_phones(phones: Iterable[Phone], order: tuple[str, ...] = PERSON_PHONE_ORDER
                  ) -> list[Phone]:
    """Phones in the order to try them; duplicates of the same number dropped."""
    ranked = sorted(phones, key=lambda p: order.index(p.label) if p.label in order else 99)
    seen: set[str] = set()
    out: list[Phone] = []
    for p in ranked:
        ident = p.e164 or "".join(ch for ch in p.number if ch.isdigit() or ch == "+")
        if ident and ident in seen:
            continue
        seen.add(ident)
        out.append(p)
    return out


@dataclass(frozen=True)
class RoleGroup:
    role: str | None  # None: people with no crisis role
    label: str
    people: tuple[Contact, ...]


@dataclass(frozen=True)
class PartyGroup:
    kind: str
    label: str
    parties: tuple[Organization, ...]


def _rank(order: Sequence[str], value: str) -> tuple[int, str]:
    return (order.index(value), "") if value in order else (len(order), value)


def people_by_role(contacts: Iterable[Contact],
                   roles: Collection[str] | None = None) -> list[RoleGroup]:
    """Live contacts grouped by role in first-hour order, then everyone without a role.

    A person with two roles appears in both groups. Within a role, people who
    are someone else's deputy for it come after the principals; then by name.
    With ``roles``, only those groups (no "everyone else"): the first-hour
    numbers need four roles, and names are the costly part to sort.
    """
    people = live(contacts)
    deputies: set[tuple[str, str]] = {(d.role, d.person_id) for c in people for d in c.deputies}
    members_of: dict[str, list[Contact]] = {}
    for c in people:
        for r in c.roles:
            if roles is None or r in roles:
                members_of.setdefault(r, []).append(c)
    rest = [c for c in people if not c.roles] if roles is None else []
    names = {id(c): sort_key(c.name)  # once per person, not per role
             for group in (*members_of.values(), rest) for c in group}
    groups = []
    for role in sorted(members_of, key=lambda r: _rank(ROLE_ORDER, r)):
        members = members_of[role]
        members.sort(key=lambda c: ((role, c.id) in deputies, names[id(c)], c.id))
        groups.append(RoleGroup(role, role_label(role), tuple(members)))
    if rest:
        rest.sort(key=lambda c: (names[id(c)], c.id))
        groups.append(RoleGroup(None, NO_ROLE_LABEL, tuple(rest)))
    return groups


def parties_by_kind(organizations: Iterable[Organization]) -> list[PartyGroup]:
    """Live organisations grouped by kind in first-hour order, by name within a kind."""
    orgs = live(organizations)
    kinds = sorted({o.org_kind for o in orgs}, key=lambda k: _rank(KIND_ORDER, k))
    return [PartyGroup(k, kind_label(k),
                       tuple(sorted((o for o in orgs if o.org_kind == k),
                                    key=lambda o: (sort_key(o.name), o.id))))
            for k in kinds]
