"""Value types of the linter: severities, findings, rule metadata and context.

Everything here is a frozen dataclass or an enum with no I/O, so findings can
be handed to the UI, written to JSON by the CLI, or stored next to a waiver.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from binder.errors import ValidationError

log = logging.getLogger(__name__)

#: Template kinds the linter knows. ``None`` (free text) is also accepted.
KINDS: frozenset[str] = frozenset({
    "staff_holding", "public_holding", "media_qa", "us_consumer_notice",
    "gdpr_art33", "gdpr_art34", "hipaa_individual", "hipaa_media", "sec_8k",
    "update_bulletin", "partner_warning", "researcher_ack",
})

#: Data types an incident can involve (the incident's ``--data-type`` values).
DATA_TYPES: frozenset[str] = frozenset({
    "any_personal", "health", "payment_card", "credentials", "ssn_licence",
    "financial_account", "biometric", "special_category",
})


class Severity(str, Enum):
    """How bad a finding is. ERROR blocks sending (CLI exit 4)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One problem in a text.

    ``start``/``end`` are character offsets into the linted text; a finding
    about the document as a whole (a missing heading) has ``start == end == 0``.
    """

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    hint: str
    why: str

    @property
    def whole_document(self) -> bool:
        return self.start == 0 and self.end == 0

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "hint": self.hint,
            "why": self.why,
        }


@dataclass(frozen=True)
class RuleInfo:
    """Metadata of one rule, for documentation, the UI and waivers."""

    id: str
    severity: Severity
    family: str
    description: str
    why: str
    hint: str
    applies_to: str = "all texts"

    def to_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "severity": self.severity.value,
            "family": self.family,
            "description": self.description,
            "why": self.why,
            "hint": self.hint,
            "applies_to": self.applies_to,
        }


@dataclass(frozen=True)
class LintContext:
    """Facts about the incident that the text alone cannot tell.

    ``aware_at``/``sent_at`` feed the GDPR 72-hour check (``sent_at`` defaults
    to now). Naive datetimes are taken as UTC. ``data_types`` uses the values
    in :data:`DATA_TYPES`.
    """

    aware_at: datetime | None = None
    sent_at: datetime | None = None
    data_types: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        types = frozenset(self.data_types)
        unknown = sorted(types - DATA_TYPES)
        if unknown:
            raise ValidationError(
                "data_types", "unknown_data_type",
                f"Unknown data type {', '.join(unknown)}; use one of {', '.join(sorted(DATA_TYPES))}.")
        object.__setattr__(self, "data_types", types)
