"""Recorded waivers: a reason is required; only the covered findings go away."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from binder.errors import ValidationError
from binder.lint import Waiver, apply_waivers, lint, partition_waivers

AT = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)
TEXT = ("We take your privacy seriously. Customer records were exposed. "
        "Payroll files were copied. Call 1-800-555-XXXX.")


def test_waiver_removes_only_its_rule() -> None:
    findings = lint(TEXT)
    assert {f.rule for f in findings} == {"cliche-take-seriously", "passive-no-actor", "placeholder-unfilled"}
    kept = apply_waivers(findings, [Waiver("cliche-take-seriously", "Quote from the CEO, approved", "Sam Roe", AT)], TEXT)
    assert {f.rule for f in kept} == {"passive-no-actor", "placeholder-unfilled"}


def test_waiver_with_match_covers_only_matching_words() -> None:
    findings = lint(TEXT)
    waiver = Waiver("passive-no-actor", "Actor named in the next paragraph", "Alex Doe", AT, match="were  EXPOSED")
    kept = apply_waivers(findings, [waiver], TEXT)
    passive = [TEXT[f.start:f.end] for f in kept if f.rule == "passive-no-actor"]
    assert passive == ["were copied"]


def test_waiver_match_on_whole_document_finding_uses_the_message() -> None:
    text = "Notice of Data Breach\n\nWhat Happened\nOn 2 June 2026 someone guessed a password."
    findings = [f for f in lint(text, kind="us_consumer_notice", jurisdiction="US-CA") if f.rule == "ca-heading-missing"]
    assert len(findings) == 4
    waiver = Waiver("ca-heading-missing", "Sent as a postcard with a link", "Legal", AT, match="For More Information")
    kept, waived = partition_waivers(findings, [waiver], text)
    assert len(kept) == 3 and len(waived) == 1
    assert "For More Information" in waived[0][0].message and waived[0][1] is waiver


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_waiver_without_reason_is_refused(reason: str) -> None:
    with pytest.raises(ValidationError) as err:
        Waiver("no-comment", reason, "Sam Roe", AT)
    assert err.value.field == "reason" and err.value.message


def test_apply_waivers_rechecks_reasons() -> None:
    sneaky = object.__new__(Waiver)
    for name, value in (("rule", "no-comment"), ("reason", ""), ("by", "x"), ("at", AT), ("match", None)):
        object.__setattr__(sneaky, name, value)
    with pytest.raises(ValidationError):
        apply_waivers(lint("No comment."), [sneaky], "No comment.")


def test_waiver_for_unknown_rule_is_harmless(caplog: pytest.LogCaptureFixture) -> None:
    findings = lint(TEXT)
    assert apply_waivers(findings, [Waiver("renamed-rule", "old waiver", "x", AT)], TEXT) == findings
    assert "renamed-rule" in caplog.text


def test_waiver_is_frozen() -> None:
    w = Waiver("no-comment", "reason", "by", AT)
    with pytest.raises(AttributeError):
        w.reason = ""  # type: ignore[misc]
