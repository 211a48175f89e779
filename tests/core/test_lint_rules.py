"""Each rule fires on a positive and stays quiet on its near miss; spans point
at the offending words; structure rules depend on kind and jurisdiction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import pytest

from binder.lint import RULES, Finding, LintContext, lint

LATE = LintContext(aware_at=datetime(2026, 3, 3, 9, tzinfo=timezone.utc),
                   sent_at=datetime(2026, 3, 7, 15, tzinfo=timezone.utc))
SSN = LintContext(data_types=frozenset({"ssn_licence"}))


@dataclass(frozen=True)
class Case:
    rule: str
    positive: str
    near_miss: str
    words: str = ""  # must lie inside text[start:end] of the positive's finding
    kind: str | None = None
    jurisdiction: str | None = None
    context: LintContext | None = None
    near_context: LintContext | None = None


# -- documents for structure rules -------------------------------------------------
CA_SECTIONS = {
    "What Happened": "On 2 June 2026 we found that someone had guessed a staff password and read our order list.",
    "What Information Was Involved": "Your name and delivery address.",
    "What We Are Doing": "We locked the account the same day and added a second login step.",
    "What You Can Do": "Be careful with emails that mention your orders.",
    "For More Information": "Call 1-800-555-0101 or email help@example.com.",
}
BUREAUS = ("Equifax, Experian and TransUnion can place a fraud alert for you. "
           "The Federal Trade Commission explains your options at IdentityTheft.gov.")


def ca_letter(*, title: bool = True, drop: str = "", info: str = "", extra: str = "") -> str:
    parts = ["Notice of Data Breach"] if title else []
    for heading, body in CA_SECTIONS.items():
        if heading == drop:
            continue
        if heading == "What Information Was Involved" and info:
            body = info
        if heading == "What You Can Do" and extra:
            body += " " + extra
        parts.append(f"{heading}\n{body}")
    return "\n\n".join(parts)


MA_OK = ("Dear Customer,\n\nAn incident involved your name and account number.\n\n"
         "You have the right to obtain a police report about this incident.\n\n"
         "You may place a security freeze on your credit report at no charge.\n\nCall 1-800-555-0102 with questions.")

G33 = {
    "nature": "Nature of the breach: on 5 May 2026 an attacker copied our booking table. Data: names and phone numbers.",
    "numbers": "Approximate numbers: 1,200 customers and 1,200 records.",
    "contact": "Contact point: our data protection officer, dpo@example.com.",
    "consequences": "Likely consequences: nuisance calls and phishing.",
    "measures": "Measures taken: we closed the flaw on 5 May and told customers on 6 May.",
}


def g33(drop: str = "", extra: str = "") -> str:
    return "\n\n".join([v for k, v in G33.items() if k != drop] + ([extra] if extra else []))


HIPAA = {
    "happened": "What happened: On 1 May 2026 a box of files was lost in the post. We learned of the loss on 4 May 2026.",
    "info": "What information was involved: your name, date of birth and diagnosis.",
    "you": "What you can do: check the statements from your health insurer.",
    "we": "What we are doing: we now send files only by tracked courier.",
    "contact": "Call toll-free 1-800-555-0103 or email privacy@example.org.",
}


def hipaa(drop: str = "", replace: tuple[str, str] = ("", "")) -> str:
    text = "\n\n".join(v for k, v in HIPAA.items() if k != drop)
    return text.replace(*replace) if replace[0] else text


HOLDING = ("Statement, 09:00, 2 June 2026\n\nOur website is offline after a cyber attack. Stores are open. "
           "We are sorry for the trouble. Our next update will be at 15:00 today.")
SEC = ("Item 1.05 Material Cybersecurity Incidents\n\nOn 1 June 2026 Fictional Corp found that an attacker had encrypted "
       "servers in its logistics business. The company has not yet determined whether the incident is reasonably "
       "likely to materially impact its financial condition.")
LONG = ("We want to let you know that on the evening of 3 March an outside person was able to use a password that "
        "belonged to one of our staff to look at some customer files.")
HARD = ("Notwithstanding comprehensive organizational safeguards, unauthorized exfiltration of personally identifiable "
        "information occurred. Subsequent investigation substantiated acquisition of demographic information. "
        "Identification credentials necessitate immediate reinitialization.")
PLAIN = "A thief took a laptop from our van. It held names and phone numbers. We told the police the same day."

CASES = [
    Case("cliche-take-seriously", "We take the privacy of our customers very seriously.",
         "Please take any unexpected password reset email seriously.", "seriously"),
    Case("cliche-top-priority", "Keeping your data safe is our top priority.",
         "Our top priority today is reopening the warehouse.", "top priority"),
    Case("hedge-may-be-affected", "Your information may have been affected.",
         "You may call us at any time, and in May 2026 we will write again.", "may have been affected"),
    Case("no-evidence-of-misuse", "There is no evidence that your data has been misused.",
         "There is no evidence that the attacker reached the backup server.", "no evidence"),
    Case("abundance-of-caution", "Out of an abundance of caution, we reset all passwords.",
         "As a precaution, we reset all passwords on 4 March.", "abundance of caution"),
    Case("sorry-inconvenience", "We apologise for any inconvenience.",
         "We are sorry for the worry this has caused you.", "inconvenience"),
    Case("no-comment", "We have no comment on the ransom note.",
         'Never answer a reporter with "no comment"; refer them to the press office.', "no comment"),
    Case("absolute-guarantee", "Your account is now completely secure.",
         "We cannot guarantee that no other files were copied.", "completely secure"),
    Case("cliche-sophisticated-attack", "We were hit by a highly sophisticated cyberattack.",
         "The attack was not sophisticated; the attacker reused a leaked password.", "sophisticated"),
    Case("attribution-unsourced", "The intrusion was the work of a nation-state.",
         "The FBI told us on 6 March that a state-backed group carried out the intrusion.", "nation-state"),
    Case("unauthorized-party-vague", "An unauthorized third party accessed our network.",
         "An unauthorized third party used a stolen staff password to get into our network.",
         "unauthorized third party"),
    Case("mistakes-were-made", "Mistakes were made.", "We made a mistake when we left the server open.",
         "Mistakes were made"),
    Case("passive-no-actor", "Customer records were exposed.",
         "Customer records were exposed by an attacker who guessed a password.", "were exposed"),
    Case("blame-shifting", "The breach was caused by a rogue employee.",
         "The breach happened at our payroll supplier, and we chose that supplier.", "rogue employee"),
    Case("recently-undated", "We recently discovered suspicious activity.",
         "We discovered suspicious activity on 3 March 2026.", "recently discovered"),
    Case("limited-number-no-figure", "A limited number of customers were affected.",
         "A limited number of customers, 212 in all, were affected.", "limited number of"),
    Case("guessed-fix-time", "The website will be back online within 24 hours.",
         "We do not yet know when the website will be back online.", "within 24 hours"),
    Case("placeholder-unfilled", "Dear {{first_name}}, thank you.",
         "Email security[at]example.com or see note [1].", "{{first_name}}"),
    Case("sentence-too-long", LONG, "We found the problem on 3 March and fixed it the same day.", "outside person"),
    Case("readability-grade", HARD, PLAIN),
    Case("ca-title-missing", ca_letter(title=False), ca_letter(), kind="us_consumer_notice", jurisdiction="US-CA"),
    Case("ca-heading-missing", ca_letter(drop="What You Can Do"), ca_letter(),
         kind="us_consumer_notice", jurisdiction="US-CA"),
    Case("ma-nature-described", MA_OK.replace("An incident", "A hacker broke into our server. An incident"), MA_OK,
         "hacker", kind="us_consumer_notice", jurisdiction="US-MA"),
    Case("resident-count-given", ca_letter(extra="This affected 1,240 Illinois residents."),
         ca_letter(extra="The attacker was in the system for 2 days."), "1,240 Illinois residents",
         kind="us_consumer_notice", jurisdiction="US-IL"),
    Case("ma-police-report-missing", MA_OK.replace("You have the right to obtain a police report about this incident.", ""),
         MA_OK, kind="us_consumer_notice", jurisdiction="US-MA"),
    Case("ma-security-freeze-missing", MA_OK.replace("security freeze", "fraud alert"), MA_OK,
         kind="us_consumer_notice", jurisdiction="US-MA"),
    Case("credit-bureau-block-missing", ca_letter(info="Your name and Social Security number."),
         ca_letter(info="Your name and Social Security number.", extra=BUREAUS),
         kind="us_consumer_notice", jurisdiction="US-CA", context=SSN, near_context=SSN),
    Case("gdpr-nature-missing", g33(drop="nature"), g33(), kind="gdpr_art33", jurisdiction="EU"),
    Case("gdpr33-numbers-missing", g33(drop="numbers"), g33(), kind="gdpr_art33", jurisdiction="EU"),
    Case("gdpr-contact-missing", g33(drop="contact"), g33(), kind="gdpr_art33", jurisdiction="EU"),
    Case("gdpr-consequences-missing", g33(drop="consequences"), g33(), kind="gdpr_art33", jurisdiction="EU"),
    Case("gdpr-measures-missing", g33(drop="measures"), g33(), kind="gdpr_art33", jurisdiction="EU"),
    Case("gdpr33-late-no-reason", g33(), g33(extra="Reasons for the delay: the archive was encrypted until 7 March."),
         kind="gdpr_art33", jurisdiction="EU", context=LATE, near_context=LATE),
    Case("hipaa-dates-missing", hipaa(replace=(" We learned of the loss on 4 May 2026.", "")), hipaa(),
         kind="hipaa_individual"),
    Case("hipaa-phi-types-missing", hipaa(drop="info"), hipaa(), kind="hipaa_individual"),
    Case("hipaa-steps-missing", hipaa(drop="you"), hipaa(), kind="hipaa_individual"),
    Case("hipaa-entity-actions-missing", hipaa(drop="we"), hipaa(), kind="hipaa_individual"),
    Case("hipaa-contact-missing", hipaa(replace=("toll-free 1-800-555-0103", "555-0103")), hipaa(), kind="hipaa_media"),
    Case("next-update-missing", HOLDING.replace(" Our next update will be at 15:00 today.", ""), HOLDING,
         kind="public_holding"),
    Case("sec8k-element-missing", SEC.split(" The company has not yet")[0], SEC, kind="sec_8k"),
    Case("sec8k-hypothetical-risk", SEC + " If a breach were to occur, it could harm our reputation.",
         SEC + " Incidents like this one could occur again.", "If a breach were to occur", kind="sec_8k"),
]


def _of(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_every_rule_has_a_case() -> None:
    assert {c.rule for c in CASES} == set(RULES)


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_rule_fires_on_positive(case: Case) -> None:
    found = _of(lint(case.positive, kind=case.kind, jurisdiction=case.jurisdiction, context=case.context), case.rule)
    assert found, f"{case.rule} did not fire"
    info = RULES[case.rule]
    for f in found:
        assert f.hint == info.hint and f.why == info.why and f.message
        assert 0 <= f.start <= f.end <= len(case.positive)
    if case.words:
        assert any(case.words in case.positive[f.start:f.end] for f in found), \
            [case.positive[f.start:f.end] for f in found]
    elif info.family == "structure" or case.rule == "readability-grade":
        assert all(f.whole_document for f in found)


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_rule_quiet_on_near_miss(case: Case) -> None:
    findings = lint(case.near_miss, kind=case.kind, jurisdiction=case.jurisdiction, context=case.near_context)
    assert not _of(findings, case.rule), [f.message for f in _of(findings, case.rule)]


def test_structure_rules_need_their_kind() -> None:
    letter = ca_letter(title=False, drop="What Happened")
    as_free_text = {f.rule for f in lint(letter)}
    assert not any(RULES[r].family == "structure" for r in as_free_text)
    as_notice = {f.rule for f in lint(letter, kind="us_consumer_notice", jurisdiction="US-CA")}
    assert {"ca-title-missing", "ca-heading-missing"} <= as_notice


def test_california_rules_follow_jurisdiction() -> None:
    letter = ca_letter(title=False)
    for jur in ("US-CA", "us-ca", None, "US"):
        assert _of(lint(letter, kind="us_consumer_notice", jurisdiction=jur), "ca-title-missing"), jur
    for jur in ("US-MA", "US-IL", "US-TX"):
        assert not _of(lint(letter, kind="us_consumer_notice", jurisdiction=jur), "ca-title-missing"), jur


def test_each_missing_heading_is_named() -> None:
    text = ca_letter(drop="What We Are Doing").replace("For More Information\n", "")
    messages = [f.message for f in _of(lint(text, kind="us_consumer_notice", jurisdiction="US-CA"), "ca-heading-missing")]
    assert len(messages) == 2
    assert any("What We Are Doing" in m for m in messages)
    assert any("For More Information" in m for m in messages)


def test_run_in_and_markdown_headings_count() -> None:
    run_in = "Notice of Data Breach\n\n" + "\n\n".join(f"{h}: {b}" for h, b in CA_SECTIONS.items())
    markdown = "# Notice of Data Breach\n\n" + "\n\n".join(f"## **{h}**\n{b}" for h, b in CA_SECTIONS.items())
    for text in (run_in, markdown):
        rules = {f.rule for f in lint(text, kind="us_consumer_notice", jurisdiction="US-CA")}
        assert not rules & {"ca-title-missing", "ca-heading-missing"}


def test_massachusetts_does_not_get_california_structure_but_gets_its_own() -> None:
    rules = {f.rule for f in lint(ca_letter(), kind="us_consumer_notice", jurisdiction="US-MA")}
    assert "ca-heading-missing" not in rules
    assert {"ma-nature-described", "ma-police-report-missing", "ma-security-freeze-missing"} <= rules
    ma_heading = _of(lint(ca_letter(), kind="us_consumer_notice", jurisdiction="US-MA"), "ma-nature-described")
    assert any("What Happened" in ca_letter()[f.start:f.end] for f in ma_heading)


def test_resident_count_applies_to_massachusetts_and_illinois_only() -> None:
    text = ca_letter(extra="About 3,000 customers were affected.")
    for jur in ("US-MA", "US-IL"):
        assert _of(lint(text, kind="us_consumer_notice", jurisdiction=jur), "resident-count-given")
    assert not _of(lint(text, kind="us_consumer_notice", jurisdiction="US-CA"), "resident-count-given")


def test_credit_bureau_block_from_context_or_text() -> None:
    plain = ca_letter()
    # context says SSNs were involved even though the text does not say so
    assert _of(lint(plain, kind="us_consumer_notice", jurisdiction="US-CA", context=SSN), "credit-bureau-block-missing")
    # context given without SSNs: trust it over the text
    ctx = LintContext(data_types=frozenset({"any_personal"}))
    ssn_text = ca_letter(info="Your driver's license number.")
    assert not _of(lint(ssn_text, kind="us_consumer_notice", context=ctx), "credit-bureau-block-missing")
    # no context: the text decides, and a negated mention does not count
    assert _of(lint(ssn_text, kind="us_consumer_notice"), "credit-bureau-block-missing")
    negated = ca_letter(info="Your name. Your Social Security number was not involved.")
    assert not _of(lint(negated, kind="us_consumer_notice"), "credit-bureau-block-missing")
    missing_ftc = ca_letter(extra="Equifax, Experian and TransUnion can help.")
    found = _of(lint(missing_ftc, kind="us_consumer_notice", context=SSN), "credit-bureau-block-missing")
    assert found and "Federal Trade Commission" in found[0].message


def test_gdpr_late_rule_uses_now_and_naive_datetimes() -> None:
    old = LintContext(aware_at=datetime(2020, 1, 1, 9, 0))  # naive, long ago; sent_at defaults to now
    assert _of(lint(g33(), kind="gdpr_art33", context=old), "gdpr33-late-no-reason")
    within = LintContext(aware_at=datetime(2026, 3, 3, 9, 0), sent_at=datetime(2026, 3, 6, 8, 59))
    assert not _of(lint(g33(), kind="gdpr_art33", context=within), "gdpr33-late-no-reason")
    mixed = LintContext(aware_at=datetime(2026, 3, 3, 9, 0), sent_at=datetime(2026, 3, 7, 9, 0, tzinfo=timezone.utc))
    assert _of(lint(g33(), kind="gdpr_art33", context=mixed), "gdpr33-late-no-reason")
    assert not _of(lint(g33(), kind="gdpr_art33"), "gdpr33-late-no-reason")  # no context, no clock


def test_art34_does_not_need_numbers() -> None:
    letter = g33(drop="numbers")
    assert not _of(lint(letter, kind="gdpr_art34"), "gdpr33-numbers-missing")
    assert _of(lint(letter, kind="gdpr_art33"), "gdpr33-numbers-missing")


def test_sec_element_messages_name_the_element() -> None:
    found = _of(lint("Item 1.05\n\nFictional Corp is aware of an incident.", kind="sec_8k"), "sec8k-element-missing")
    text = " ".join(f.message for f in found)
    for element in ("nature", "scope", "timing", "material impact"):
        assert element in text
