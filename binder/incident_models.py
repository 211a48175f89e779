"""Incident mode dataclasses. No I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LOG_KINDS = ("note", "decision", "notification", "statement", "contact", "checklist",
             "correction", "status")
AUDIENCES = ("staff", "customers", "regulators", "media", "partners")
DATA_TYPES = ("any_personal", "health", "payment_card", "credentials", "ssn_licence",
              "financial_account", "biometric", "special_category")
DEFAULT_CADENCE_HOURS = {"staff": 4, "customers": 24, "regulators": 72, "media": 24,
                         "partners": 24}


@dataclass(frozen=True)
class Incident:
    id: str
    title: str
    aware_at: str
    codename: str = ""
    awareness_reason: str = ""
    discovered_at: str | None = None
    determined_at: str | None = None
    materiality_at: str | None = None
    investigation_completed_at: str | None = None
    ransom_paid_at: str | None = None
    data_types: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    confirmed: dict[str, int] = field(default_factory=dict)  # per code; "*" = overall
    possible: dict[str, int] = field(default_factory=dict)
    time_zone: str = "UTC"
    exercise: bool = False
    status: str = "open"  # open | closed
    cadence_hours: dict[str, int] = field(default_factory=dict)
    created_at: str = ""
    closed_at: str | None = None

    @property
    def affected(self) -> dict[str, int]:
        """Notices default to the higher of confirmed and possible counts."""
        codes = set(self.confirmed) | set(self.possible)
        return {c: max(self.confirmed.get(c, 0), self.possible.get(c, 0)) for c in codes}

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "incident"} | {k: (list(v) if isinstance(v, tuple) else v)
                                       for k, v in vars(self).items()}


@dataclass(frozen=True)
class LogEntry:
    incident_id: str
    number: int
    at: str
    kind: str
    actor: str
    text: str
    data: dict[str, Any] = field(default_factory=dict)
    corrects: int | None = None
    prev_hash: str = ""
    hash: str = ""

    def chain_fields(self) -> dict[str, Any]:
        """What the hash covers: everything but the hashes themselves."""
        return {"incident_id": self.incident_id, "number": self.number, "at": self.at,
                "kind": self.kind, "actor": self.actor, "text": self.text, "data": self.data,
                "corrects": self.corrects}

    def to_dict(self) -> dict[str, Any]:
        return self.chain_fields() | {"prev_hash": self.prev_hash, "hash": self.hash}


@dataclass(frozen=True)
class CadenceStatus:
    audience: str
    every_hours: int
    last_at: str | None
    next_due_at: str
    overdue: bool
