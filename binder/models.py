"""Records as frozen dataclasses. No I/O here.

Every record has the same envelope (stable UUID, timestamps, tombstone,
verified at/by, version); the kind-specific fields follow. Timestamps are ISO
8601 strings in UTC ("2026-11-27T05:00:00Z").
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, TypeVar


class Kind(StrEnum):
    CONTACT = "contact"
    ORGANIZATION = "organization"
    REGULATOR = "regulator"
    TEMPLATE = "template"
    CHECKLIST = "checklist"


KIND_ALIASES = {
    "contact": Kind.CONTACT, "contacts": Kind.CONTACT, "people": Kind.CONTACT,
    "person": Kind.CONTACT,
    "organization": Kind.ORGANIZATION, "organizations": Kind.ORGANIZATION,
    "organisation": Kind.ORGANIZATION, "organisations": Kind.ORGANIZATION,
    "orgs": Kind.ORGANIZATION, "org": Kind.ORGANIZATION,
    "regulator": Kind.REGULATOR, "regulators": Kind.REGULATOR,
    "template": Kind.TEMPLATE, "templates": Kind.TEMPLATE,
    "checklist": Kind.CHECKLIST, "checklists": Kind.CHECKLIST,
}

ROLES: dict[str, str] = {
    "incident_commander": "Incident commander",
    "deputy_ic": "Deputy incident commander",
    "scribe": "Scribe",
    "spokesperson": "Spokesperson",
    "legal": "Legal",
    "privacy": "Privacy / DPO",
    "communications": "Communications",
    "finance": "Finance",
    "hr": "HR",
    "it_security": "IT / security",
    "safety": "Safety",
    "executive": "Executive",
    "board": "Board",
}

#: Short names people use for a role, besides its key and its label (both of which
#: are always accepted). Few on purpose: each must mean exactly one role to anyone
#: reading it at 5 a.m. Keys here are already in normal form (see normalise_role).
ROLE_ALIASES: dict[str, str] = {
    "ic": "incident_commander",
    "dpo": "privacy",
}


def _role_token(text: str) -> str:
    """Case, spaces, hyphens, slashes and underscores ignored: "Deputy-IC" -> "deputy_ic"."""
    out, gap = [], False
    for ch in text.strip().casefold():
        if ch.isalnum():
            if gap and out:
                out.append("_")
            out.append(ch)
            gap = False
        else:
            gap = True
    return "".join(out)


_ROLE_BY_TOKEN: dict[str, str] = {
    **ROLE_ALIASES,
    **{_role_token(label): key for key, label in ROLES.items()},
    **{key: key for key in ROLES},
}


def normalise_role(text: str) -> str | None:
    """The ROLES key for a role given as its key, its label or an alias in ROLE_ALIASES.

    Case does not matter and spaces, hyphens, underscores and slashes are the
    same: "deputy_ic", "Deputy-IC", "Deputy incident commander" and
    "DEPUTY INCIDENT COMMANDER" all give "deputy_ic". Anything else (including
    an empty text) gives None: there are no custom roles.
    """
    if text in ROLES:  # the common case: stored and exported data
        return text
    return _ROLE_BY_TOKEN.get(_role_token(text))


def role_choices() -> str:
    """The valid role keys, for an error message or help text."""
    return ", ".join(ROLES)

ORG_KINDS: dict[str, str] = {
    "pr_firm": "PR firm",
    "breach_coach": "Breach coach",
    "cyber_insurer": "Cyber insurer",
    "outside_counsel": "Outside counsel",
    "forensics": "Forensics / DFIR",
    "law_enforcement": "Law enforcement",
    "bank": "Bank",
    "cloud_provider": "Cloud / IT provider",
    "key_customer": "Key customer",
    "identity_protection": "Identity protection / call centre",
    "other": "Other",
}

PHONE_LABELS = ("work", "mobile", "personal", "home", "signal", "whatsapp", "satellite",
                "hotline", "fax", "other")
OUT_OF_BAND_LABELS = frozenset({"personal", "home", "signal", "whatsapp", "satellite"})
EMAIL_LABELS = ("work", "personal", "other")
TEMPLATE_STATUSES = ("draft", "approved", "retired")


@dataclass(frozen=True, kw_only=True)
class Phone:
    number: str  # as the user typed it, for display
    label: str = "work"
    e164: str = ""  # normalised by the service

    @property
    def out_of_band(self) -> bool:
        return self.label in OUT_OF_BAND_LABELS


@dataclass(frozen=True, kw_only=True)
class Email:
    address: str
    label: str = "work"


@dataclass(frozen=True, kw_only=True)
class Deputy:
    role: str
    person_id: str


@dataclass(frozen=True, kw_only=True)
class Record:
    """The envelope every record shares."""

    kind: ClassVar[Kind]
    id: str = ""
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None
    verified_at: str | None = None
    verified_by: str | None = None
    version: int = 0

    ENVELOPE: ClassVar[tuple[str, ...]] = ("id", "created_at", "updated_at", "deleted_at",
                                           "verified_at", "verified_by", "version")

    @property
    def title(self) -> str:
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind.value}
        out.update(_plain(self))
        return out

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        """Build from a dict (stored body + envelope, or an export); unknown keys are ignored."""
        names = _field_names(cls)
        values = dict(data) if names.issuperset(data) else \
            {k: v for k, v in data.items() if k in names}
        return cls.from_owned(values)

    @classmethod
    def from_owned(cls: type[R], values: dict[str, Any]) -> R:
        """Like from_dict for a dict the caller gives away (a freshly decoded stored
        row): no copy, and no filtering when every key is a field."""
        if not _field_names(cls).issuperset(values):
            return cls.from_dict(values)
        for key, convert in _nested_of(cls):
            if key in values:
                values[key] = convert(values[key])
        return _build(cls, values)

    def body(self) -> dict[str, Any]:
        """The kind-specific fields only (what is stored as the record body)."""
        data = self.to_dict()
        for key in (*self.ENVELOPE, "kind"):
            data.pop(key, None)
        return data


def _plain(value: Any) -> Any:
    # A hand-rolled asdict: dataclasses.asdict deep-copies every value and was
    # the largest cost of a bulk import.
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value):
        return {k: _plain(v) for k, v in vars(value).items()}
    return value


@dataclass(frozen=True, kw_only=True)
class Contact(Record):
    kind: ClassVar[Kind] = Kind.CONTACT
    name: str
    job_title: str = ""
    organization: str = ""
    organization_id: str | None = None
    roles: tuple[str, ...] = ()
    phones: tuple[Phone, ...] = ()
    emails: tuple[Email, ...] = ()
    deputies: tuple[Deputy, ...] = ()
    may_speak_publicly: bool = False
    time_zone: str = ""
    notes: str = ""

    @property
    def title(self) -> str:
        return self.name

    def best_phone(self) -> Phone | None:
        """The number to try first in a crisis: a mobile, then anything but fax."""
        order = ("mobile", "work", "personal", "signal", "whatsapp", "home", "satellite",
                 "hotline", "other")
        ranked = sorted((p for p in self.phones if p.label != "fax"),
                        key=lambda p: order.index(p.label) if p.label in order else 99)
        return ranked[0] if ranked else None


@dataclass(frozen=True, kw_only=True)
class Organization(Record):
    kind: ClassVar[Kind] = Kind.ORGANIZATION
    name: str
    org_kind: str = "other"
    hotline: str = ""
    hotline_e164: str = ""
    phones: tuple[Phone, ...] = ()
    emails: tuple[Email, ...] = ()
    website: str = ""
    policy_number: str = ""
    contract_number: str = ""
    retainer_number: str = ""
    coverage_limit: str = ""
    people: tuple[str, ...] = ()  # contact ids
    notes: str = ""

    @property
    def title(self) -> str:
        return self.name


@dataclass(frozen=True, kw_only=True)
class Regulator(Record):
    kind: ClassVar[Kind] = Kind.REGULATOR
    duty_id: str
    jurisdiction: str
    regime: str = ""
    citation: str = ""
    authority: str = ""
    audience: str = "regulator"
    notify_how: str = ""
    deadline_text: str = ""
    deadline_unit: str = "none"
    deadline_amount: int | None = None
    clock_start: str = "awareness"
    threshold: str = ""
    individual_notice: str = ""
    source_url: str = ""
    source_as_of: str = ""
    confidence: str = "unverified"
    in_force: bool = True
    applies_to_us: bool = False
    user_edited: bool = False
    dataset_as_of: str = ""
    notes: str = ""
    details: dict[str, Any] = field(default_factory=dict)  # the full dataset row

    @property
    def title(self) -> str:
        return f"{self.jurisdiction} · {self.regime} · {self.authority}".strip(" ·")


@dataclass(frozen=True, kw_only=True)
class TemplateRecord(Record):
    kind: ClassVar[Kind] = Kind.TEMPLATE
    template_id: str
    name: str
    template_kind: str = ""
    audience: str = ""
    channel: str = ""
    description: str = ""
    source: str = ""  # the template text (TOML as shipped, or as edited)
    status: str = "draft"
    approved_by: str | None = None
    approved_at: str | None = None
    revision: int = 1
    waivers: tuple[dict[str, Any], ...] = ()

    @property
    def title(self) -> str:
        return self.name


@dataclass(frozen=True, kw_only=True)
class ChecklistRecord(Record):
    kind: ClassVar[Kind] = Kind.CHECKLIST
    checklist_id: str
    name: str
    phase: str = ""
    owner_role: str = ""
    mode: str = "READ-DO"
    source: str = ""  # the checklist text (TOML as shipped, or as edited)
    status: str = "approved"

    @property
    def title(self) -> str:
        return self.name


@functools.cache
def _field_names(cls: type[Any]) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


@functools.cache
def _shape(cls: type[Any]) -> tuple[dict[str, Any], dict[str, Any], frozenset[str]]:
    """(plain defaults, default factories, required names) of a dataclass."""
    plain, factories, required = {}, {}, set()
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            plain[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            factories[f.name] = f.default_factory
        else:
            required.add(f.name)
    return plain, factories, frozenset(required)


def _build(cls: type[Any], values: dict[str, Any]) -> Any:
    """Make a frozen dataclass from values of the right types without running its
    generated __init__ (one object.__setattr__ per field): decoding 10,000 stored
    records is the largest part of unlocking a big binder."""
    plain, factories, required = _shape(cls)
    if not required <= values.keys():
        return cls(**values)  # raises the usual TypeError naming what is missing
    obj = object.__new__(cls)
    state = obj.__dict__
    state.update(plain)
    if factories:
        for key, make in factories.items():
            if key not in values:
                state[key] = make()
    state.update(values)
    return obj


def _tuple_of(kind: type[Any]) -> Any:
    names = _field_names(kind)
    plain, factories, required = _shape(kind)
    new = object.__new__

    def one(item: Any) -> Any:
        if isinstance(item, kind):
            return item
        if factories or not (required <= item.keys() and names.issuperset(item)):
            return _build(kind, item) if names.issuperset(item) else kind(**item)
        # The common case, inlined: a 10,000-person binder has ~30,000 of these.
        obj = new(kind)
        state = obj.__dict__
        state.update(plain)
        state.update(item)
        return obj

    def convert(items: Any) -> tuple[Any, ...]:
        return tuple(map(one, items)) if items else ()
    return convert


_NESTED: dict[str, Any] = {
    "phones": _tuple_of(Phone),
    "emails": _tuple_of(Email),
    "deputies": _tuple_of(Deputy),
    "roles": lambda v: tuple(v or ()),
    "people": lambda v: tuple(v or ()),
    "waivers": lambda v: tuple(dict(w) for w in (v or ())),
    "details": lambda v: dict(v or {}),
}



@functools.cache
def _nested_of(cls: type[Any]) -> tuple[tuple[str, Any], ...]:
    """(field, converter) for the fields of ``cls`` that hold nested values."""
    return tuple((name, _NESTED[name]) for name in sorted(_field_names(cls) & _NESTED.keys()))


MODEL_FOR: dict[Kind, type[Record]] = {
    Kind.CONTACT: Contact, Kind.ORGANIZATION: Organization, Kind.REGULATOR: Regulator,
    Kind.TEMPLATE: TemplateRecord, Kind.CHECKLIST: ChecklistRecord,
}

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class HistoryEntry:
    record_id: str
    at: str
    by: str
    action: str  # create | update | delete | restore | verify | merge | import
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class ChangeSet:
    """What a mutation touched; the UI re-queries the kinds listed."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    kinds: frozenset[Kind] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.deleted)


@dataclass(frozen=True)
class SearchHit:
    kind: str
    id: str
    title: str
    snippet: str
    rank: float


@dataclass(frozen=True)
class Settings:
    organisation: str = ""
    classification: str = "TLP:AMBER"
    review_interval_days: int = 90
    idle_lock_minutes: int = 5
    page_size: str = "A4"
    review_overrides: dict[str, int] = field(default_factory=dict)
