"""Running the rules over a text."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from binder.errors import ValidationError
from binder.lint import evasion, facts, phrases, placeholders, readability, structure_eu, structure_other, structure_us
from binder.lint.findings import KINDS, Finding, LintContext, RuleInfo
from binder.lint.registry import Hit, Rule
from binder.lint.text import Document

log = logging.getLogger(__name__)

ALL_RULES: tuple[Rule, ...] = (
    phrases.RULES + evasion.RULES + facts.RULES + placeholders.RULES + readability.RULES
    + structure_us.RULES + structure_eu.RULES + structure_other.RULES
)

#: Rule id -> metadata, in a stable order (for docs, the UI and waivers).
RULES: Mapping[str, RuleInfo] = MappingProxyType({r.info.id: r.info for r in ALL_RULES})
assert len(RULES) == len(ALL_RULES), "duplicate rule id"


def _dedupe(hits: Iterable[Hit]) -> list[Hit]:
    """Drop hits of one rule that overlap an earlier one (two patterns, same words)."""
    kept: list[Hit] = []
    seen_messages: set[str] = set()
    for h in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if h.start == h.end == 0:
            if h.message not in seen_messages:
                seen_messages.add(h.message)
                kept.append(h)
            continue
        if any(k.start < h.end and h.start < k.end for k in kept if k.end > k.start):
            continue
        kept.append(h)
    return kept


def lint(text: str, *, kind: str | None = None, jurisdiction: str | None = None,
         context: LintContext | None = None) -> list[Finding]:
    """Lint ``text`` and return findings sorted by position.

    ``kind`` None means free text: only phrase, placeholder and readability rules
    run. Structure rules run for their kinds (and jurisdictions).
    """
    if kind is not None and kind not in KINDS:
        raise ValidationError("kind", "unknown_kind",
                              f"Unknown template kind {kind!r}; use one of {', '.join(sorted(KINDS))}.")
    jur = jurisdiction.strip().upper() if jurisdiction and jurisdiction.strip() else None
    doc = Document(text, kind, jur, context)
    findings: list[Finding] = []
    for rule in ALL_RULES:
        if not rule.applies(kind, jur):
            continue
        info = rule.info
        for h in _dedupe(rule.check(doc)):
            findings.append(Finding(info.id, h.severity or info.severity, h.message, h.start, h.end,
                                    info.hint, info.why))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    log.debug("lint kind=%s jurisdiction=%s: %d findings", kind, jur, len(findings))
    return findings
