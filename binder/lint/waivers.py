"""Recorded waivers: a person accepts a finding, with a reason, at a time."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from binder.errors import ValidationError
from binder.lint.findings import Finding

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Waiver:
    """Accept the findings of ``rule`` (only those whose flagged words, or whose
    message for whole-document findings, contain ``match`` when it is given)."""

    rule: str
    reason: str
    by: str
    at: datetime
    match: str | None = None

    def __post_init__(self) -> None:
        _validate(self)

    def covers(self, finding: Finding, text: str) -> bool:
        if finding.rule != self.rule:
            return False
        if not self.match:
            return True
        needle = " ".join(self.match.split()).casefold()
        if finding.whole_document:
            haystack = finding.message
        else:
            haystack = text[max(0, finding.start): max(0, finding.end)]
        return needle in " ".join(haystack.split()).casefold()


def _validate(waiver: Waiver) -> None:
    if not isinstance(waiver.reason, str) or not waiver.reason.strip():
        raise ValidationError("reason", "waiver_reason_required",
                              "A waiver needs a reason: say why this finding is acceptable here.")
    if not isinstance(waiver.rule, str) or not waiver.rule.strip():
        raise ValidationError("rule", "waiver_rule_required", "A waiver must name the rule it waives.")


def partition_waivers(findings: Iterable[Finding], waivers: Sequence[Waiver],
                      text: str) -> tuple[list[Finding], list[tuple[Finding, Waiver]]]:
    """Split findings into (kept, [(waived finding, the waiver that covers it)])."""
    from binder.lint.engine import RULES  # late import: engine imports this module's users

    for w in waivers:
        _validate(w)
        if w.rule not in RULES:
            log.warning("waiver for unknown lint rule %r (renamed or removed?)", w.rule)
    kept: list[Finding] = []
    waived: list[tuple[Finding, Waiver]] = []
    for f in findings:
        cover = next((w for w in waivers if w.covers(f, text)), None)
        if cover is None:
            kept.append(f)
        else:
            waived.append((f, cover))
    return kept, waived


def apply_waivers(findings: Iterable[Finding], waivers: Sequence[Waiver], text: str) -> list[Finding]:
    """The findings that no waiver covers. A waiver without a reason raises ValidationError."""
    return partition_waivers(findings, waivers, text)[0]
