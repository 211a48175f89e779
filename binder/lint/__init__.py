"""Template linter for breach notices and crisis statements.

Pure, offline and Qt-free::

    from binder.lint import lint, LintContext
    findings = lint(text, kind="us_consumer_notice", jurisdiction="US-CA",
                    context=LintContext(data_types=frozenset({"ssn_licence"})))

Each rule, its grounds and its measured precision/recall are in docs/LINT_RULES.md.
"""

from __future__ import annotations

from binder.lint.engine import RULES, lint
from binder.lint.findings import DATA_TYPES, KINDS, Finding, LintContext, RuleInfo, Severity
from binder.lint.waivers import Waiver, apply_waivers, partition_waivers

__all__ = [
    "DATA_TYPES", "KINDS", "RULES", "Finding", "LintContext", "RuleInfo", "Severity", "Waiver",
    "apply_waivers", "lint", "partition_waivers",
]
