"""The linter's API, the good-text guarantee, readability, and the offline / no-Qt promises."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binder.errors import ValidationError
from binder.lint import DATA_TYPES, KINDS, RULES, Finding, LintContext, Severity, lint
from binder.lint.readability import fk_grade

ROOT = Path(__file__).resolve().parents[2]
GOOD = ("We found on 3 March that an attacker used a stolen password to copy names and emails "
        "of 12,400 customers.")


def test_the_plain_honest_sentence_gives_no_findings() -> None:
    assert lint(GOOD) == []
    for kind in (None, "public_holding", "media_qa", "partner_warning"):
        assert not [f for f in lint(GOOD, kind=kind) if RULES[f.rule].family == "phrase"]


@pytest.mark.parametrize("text", [
    "You may call us on 1-800-555-0142 at any time.",
    "In May 2026 we moved our records to a new server.",
    "May we ask you to check your statements?",
    "You may want to change passwords you reused elsewhere.",
    "We cannot guarantee that no other files were copied.",
    "No system is 100% secure, so we added a second login step.",
    "Staff must never say \"no comment\"; send callers to the press office.",
    "The attack was not sophisticated: the attacker reused a leaked password.",
    "Payment card numbers were not accessed.",
    "If your account was accessed, we will call you by 10 March.",
])
def test_non_issues_are_not_flagged(text: str) -> None:
    assert lint(text) == [], [f.rule for f in lint(text)]


def test_finding_shape_and_json() -> None:
    text = "We take your privacy very seriously. Call 1-800-555-XXXX."
    findings = lint(text)
    assert [f.rule for f in findings] == ["cliche-take-seriously", "placeholder-unfilled"]
    f = findings[0]
    assert isinstance(f, Finding) and f.severity is Severity.WARNING
    assert "seriously" in text[f.start:f.end]
    d = f.to_dict()
    assert list(d) == ["rule", "severity", "message", "start", "end", "hint", "why"]
    assert d["severity"] == "warning"
    assert json.loads(json.dumps(d)) == d
    with pytest.raises(AttributeError):
        f.rule = "other"  # type: ignore[misc]
    assert findings[1].severity is Severity.ERROR
    assert {s.value for s in Severity} == {"error", "warning", "info"}


def test_findings_are_sorted_and_within_the_text() -> None:
    text = ("Dear {{name}}, we recently discovered that an unauthorized party accessed our systems. "
            "Your information may have been affected. We apologise for any inconvenience.")
    findings = lint(text)
    assert findings == sorted(findings, key=lambda f: (f.start, f.end, f.rule))
    assert all(0 <= f.start <= f.end <= len(text) for f in findings)
    assert len({f.rule for f in findings}) >= 5


def test_unknown_kind_and_data_type_are_refused() -> None:
    with pytest.raises(ValidationError) as err:
        lint("text", kind="press_release")
    assert err.value.field == "kind"
    with pytest.raises(ValidationError) as err2:
        LintContext(data_types=frozenset({"shoe_size"}))
    assert err2.value.field == "data_types"
    assert LintContext(data_types={"health"}).data_types == frozenset({"health"})  # type: ignore[arg-type]


def test_rule_registry() -> None:
    assert len(RULES) >= 25
    families = {info.family for info in RULES.values()}
    assert {"phrase", "structure", "readability", "placeholder"} <= families
    for rule_id, info in RULES.items():
        assert rule_id == info.id and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", rule_id)
        assert info.description and info.why and info.hint
        assert set(info.to_dict()) >= {"id", "severity", "family", "description", "why", "hint"}
    with pytest.raises(TypeError):
        RULES["x"] = RULES["no-comment"]  # type: ignore[index]
    assert len(KINDS) == 12 and "ssn_licence" in DATA_TYPES


def test_docs_list_every_rule() -> None:
    doc = (ROOT / "docs" / "LINT_RULES.md").read_text(encoding="utf-8")
    for rule_id in RULES:
        assert f"`{rule_id}`" in doc, rule_id


# -- readability -----------------------------------------------------------------
HARD = ("Notwithstanding comprehensive organizational safeguards, unauthorized exfiltration of personally "
        "identifiable information occurred. Subsequent investigation substantiated acquisition of demographic "
        "information. Identification credentials necessitate immediate reinitialization.")
MEDIUM = ("We are writing because someone obtained information about your account. The information included "
          "your name and address. Please review your statements regularly.")  # grade about 9.3
PLAIN = "A thief took a laptop from our van. It held names and phone numbers. We told the police the same day."


def _grade_findings(text: str, kind: str | None = None) -> list[Finding]:
    return [f for f in lint(text, kind=kind) if f.rule == "readability-grade"]


def test_readability_thresholds() -> None:
    assert _grade_findings(PLAIN) == []
    hard = _grade_findings(HARD)
    assert len(hard) == 1 and hard[0].severity is Severity.ERROR and hard[0].whole_document
    grade = float(re.search(r"grade (\d+\.\d)", hard[0].message).group(1))  # type: ignore[union-attr]
    assert grade > 10
    medium = _grade_findings(MEDIUM)
    assert medium and medium[0].severity is Severity.WARNING
    assert 8 < float(re.search(r"grade (\d+\.\d)", medium[0].message).group(1)) <= 10  # type: ignore[union-attr]


def test_readability_skips_short_texts_headings_and_placeholders() -> None:
    assert _grade_findings(HARD.split(". ")[0] + ".") == []  # one sentence: not scored
    headings = "\n\n".join(["Comprehensive Organizational Notification Regarding Unauthorized Exfiltration",
                            PLAIN, "Supplementary Identification Reinitialization Recommendations",
                            "{{organizational_identification_information}}", "[INSTITUTIONAL_DESIGNATION]"])
    assert _grade_findings(headings) == []
    assert _grade_findings(HARD, kind="gdpr_art33") == []  # written for the authority
    assert _grade_findings(HARD, kind="gdpr_art34")


def test_grade_matches_textstat_on_its_pyphen_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Same formula and syllable estimate as textstat when textstat falls back to pyphen."""
    textstat = pytest.importorskip("textstat")
    nltk = pytest.importorskip("nltk")
    counts = pytest.importorskip("textstat.backend.counts._count_syllables")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("nltk.download called")
    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(counts, "get_cmudict", lambda lang: None)
    sentences = ["An attacker copied the customer list on Monday.",
                 "The list held names and home addresses.",
                 "We changed every staff password the same evening."]
    ours = fk_grade(sentences)
    theirs = textstat.flesch_kincaid_grade(" ".join(sentences))
    assert ours == pytest.approx(theirs, abs=1e-9)


def test_long_sentence_span_is_the_sentence() -> None:
    long = ("We want to let you know that on the evening of 3 March an outside person was able to use a "
            "password that belonged to one of our staff to look at some customer files.")
    text = "Hello. " + long + " Thank you."
    found = [f for f in lint(text) if f.rule == "sentence-too-long"]
    assert len(found) == 1 and text[found[0].start:found[0].end] == long


# -- offline, no Qt, robust --------------------------------------------------------
def test_lint_imports_no_qt_textstat_or_nltk() -> None:
    code = ("import sys; from binder.lint import lint; "
            "lint(open(sys.argv[1], encoding='utf-8').read() * 3, kind='public_holding'); "
            "bad = [m for m in ('PySide6', 'textstat', 'nltk') if m in sys.modules]; "
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "tests" / "data" / "lint_corpus.jsonl")],
                         capture_output=True, text=True, cwd=ROOT, check=True, timeout=120)
    assert out.stdout.strip() == ""


def test_lint_opens_no_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for kind in (None, *sorted(KINDS)):
        lint(HARD + " " + MEDIUM + " " + PLAIN, kind=kind)


def test_adversarial_inputs_stay_fast() -> None:
    words = "we may have been affected by a vendor error take this seriously data was accessed 1,2,3 [X] ".split()
    texts = [" ".join(words[i % len(words)] for i in range(15000)), " " * 50000, "a" * 50000, "1," * 25000,
             "-".join(["word"] * 15000), "\n".join(["Heading"] * 5000), '"' * 20000]
    for text in texts:
        start = time.perf_counter()
        lint(text, kind="us_consumer_notice", jurisdiction="US-MA")
        lint(text, kind="gdpr_art33")
        assert time.perf_counter() - start < 10, text[:30]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
       st.sampled_from([None, *sorted(KINDS)]), st.sampled_from([None, "US-CA", "US-MA", "US-IL", "EU"]))
def test_any_text_lints_without_error(text: str, kind: str | None, jurisdiction: str | None) -> None:
    for f in lint(text, kind=kind, jurisdiction=jurisdiction):
        assert f.rule in RULES and 0 <= f.start <= f.end <= len(text)
