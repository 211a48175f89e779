"""What each record contributes to search and to import matching."""

from __future__ import annotations

import tomllib

from binder.models import (ORG_KINDS, ROLES, ChecklistRecord, Contact, Organization, Phone,
                           Record, Regulator, TemplateRecord)


def digit_suffixes(e164: str) -> list[str]:
    """Every digit suffix of four or more, so a fragment like "5550142" finds its owner.
    They go in the hidden ``keys`` column, not the snippet text."""
    digits = "".join(ch for ch in e164 if ch.isdigit())
    return [digits[i:] for i in range(0, max(len(digits) - 3, 1))]


def _phones(phones: tuple[Phone, ...]) -> list[str]:
    return [f"{p.label} {p.number}" for p in phones]


def search_text(record: Record) -> tuple[str, str]:
    """(visible text for snippets, hidden match keys)."""
    parts: list[str] = []
    keys: list[str] = []
    for phone in getattr(record, "phones", ()):
        keys += digit_suffixes(phone.e164)
    if isinstance(record, Contact):
        parts += [record.job_title, record.organization, record.notes, record.time_zone]
        parts += [ROLES.get(r, r.replace("_", " ")) for r in record.roles]
        parts += _phones(record.phones) + [e.address for e in record.emails]
        if record.may_speak_publicly:
            parts.append("spokesperson may speak publicly")
    elif isinstance(record, Organization):
        parts += [ORG_KINDS.get(record.org_kind, record.org_kind), "hotline " + record.hotline,
                  record.website, record.policy_number, record.contract_number,
                  record.retainer_number, record.coverage_limit, record.notes]
        keys += digit_suffixes(record.hotline_e164) if record.hotline_e164 else []
        parts += _phones(record.phones) + [e.address for e in record.emails]
    elif isinstance(record, Regulator):
        parts += [record.jurisdiction, record.regime, record.citation, record.authority,
                  record.notify_how, record.deadline_text, record.notes]
    elif isinstance(record, TemplateRecord):
        parts += [record.template_kind, record.audience, record.channel, record.description,
                  record.status, _readable(record.source, "sections", ("heading", "body"))]
    elif isinstance(record, ChecklistRecord):
        parts += [record.phase, record.owner_role, record.mode, _checklist_text(record.source)]
    return " · ".join(p for p in parts if p), " ".join(keys)


def _readable(source: str, table: str, keys: tuple[str, ...]) -> str:
    """The prose of a TOML template (not its syntax), for snippets."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError:
        return source
    return " ".join(str(item.get(k, "")) for item in data.get(table, []) for k in keys
                    if isinstance(item, dict))


def _checklist_text(source: str) -> str:
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError:
        return source
    texts = []
    for pause in data.get("pause_points", []):
        texts.append(str(pause.get("name", "")))
        texts += [str(i.get("text", "")) for i in pause.get("items", []) if isinstance(i, dict)]
    return " · ".join(texts)


def match_keys(record: Record) -> list[tuple[str, str]]:
    keys: list[tuple[str, str]] = []
    if isinstance(record, (Contact, Organization)):
        keys += [("email", e.address.lower()) for e in record.emails]
        keys += [("phone", p.e164) for p in record.phones if p.e164]
    if isinstance(record, Organization) and record.hotline_e164:
        keys.append(("phone", record.hotline_e164))
    if isinstance(record, Regulator):
        keys.append(("duty", record.duty_id))
    if isinstance(record, TemplateRecord):
        keys.append(("template", record.template_id))
    if isinstance(record, ChecklistRecord):
        keys.append(("checklist", record.checklist_id))
    return keys


def links(record: Record) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if isinstance(record, Contact):
        out += [(d.person_id, f"deputy:{d.role}") for d in record.deputies]
        if record.organization_id:
            out.append((record.organization_id, "member_of"))
    if isinstance(record, Organization):
        out += [(pid, "person") for pid in record.people]
    return out
