"""Structure rules for the US consumer letter and its state variants."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from binder.lint.findings import RuleInfo, Severity
from binder.lint.patterns import NEGATION, NUMBER_WORDS
from binder.lint.registry import US_NOTICE, Hit, Rule, for_kind_and_jurisdictions, hit, quote
from binder.lint.text import Document

log = logging.getLogger(__name__)

E = Severity.ERROR
FAMILY = "structure"
CA_CODE = "California Civ. Code 1798.82(d)"
CA_HEADINGS = ("What Happened", "What Information Was Involved", "What We Are Doing", "What You Can Do",
               "For More Information")


def _heading_line(title: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in title.split())
    return re.compile(rf"^[ \t]*+(?:#{{1,6}}[ \t]*+)?(?:\*\*|__)?[ \t]*+{words}[ \t]*+(?:\*\*|__)?[ \t]*+(?::|$)",
                      re.I | re.M)


_TITLE = _heading_line("Notice of Data Breach")
_HEADINGS = {h: _heading_line(h) for h in CA_HEADINGS}


def _ca_title(doc: Document) -> Iterator[Hit]:
    if not _TITLE.search(doc.text):
        yield Hit(0, 0, 'The title "Notice of Data Breach" is missing.')


def _ca_headings(doc: Document) -> Iterator[Hit]:
    for heading, rx in _HEADINGS.items():
        if not rx.search(doc.text):
            yield Hit(0, 0, f'The heading "{heading}" is missing.')


# -- Massachusetts --------------------------------------------------------------
_NATURE = re.compile(
    r"\b(?:attack(?:s|ed|ers?)?|cyber-?attacks?|hack(?:ed|ers?|ing)?|phish\w*|ransomware|malware|virus|intrusion"
    r"|intruders?|broke\s+into|break-?in|stole|stolen\s+(?:\w+\s+)?(?:passwords?|credentials|laptops?|devices?|files"
    r"|data)|misconfigur\w*|exploit\w*|vulnerabilit\w+|criminals?|gained\s+access|got\s+into|unauthori[sz]ed"
    r"\s+(?:access|part(?:y|ies)|persons?|individuals?|users?)|left\s+open|(?:was|were)\s+lost|lost\s+(?:an?|the)"
    r"\s+\w+|sent\s+(?:to\s+)?the\s+wrong|wrong\s+address|mis-?directed|mailed\s+to\s+the\s+wrong)\b", re.I)
_RIGHTS = re.compile(r"\bpolice\s+report\b|\b(?:security|credit)\s+freeze\b|\bfraud\s+alert\b", re.I)
_POLICE = re.compile(r"\bpolice\s+report\b", re.I)
_FREEZE = re.compile(r"\b(?:security|credit)\s+freezes?\b", re.I)
_WHAT_HAPPENED = _heading_line("What Happened")


def _ma_nature(doc: Document) -> Iterator[Hit]:
    m = _WHAT_HAPPENED.search(doc.text)
    if m:
        yield Hit(m.start(), m.end(), 'A "What Happened" section describes the breach.')
    for unit in doc.units:
        if _RIGHTS.search(unit.text):
            continue
        found = _NATURE.search(unit.text)
        if found:
            yield hit(unit, found, f'"{quote(found.group(0))}" describes the nature of the breach.')


_COUNT = re.compile(
    rf"(?:(?<![\d,.])\d[\d,.]*+|\b{NUMBER_WORDS}(?:\s+of)?)\s+(?:(?:Massachusetts|Illinois|state|affected|impacted|of\s+our)\s+)?"
    r"(?:residents|individuals|people|persons|customers|consumers|patients|employees|members|account\s+holders"
    r"|clients|users|households)\b", re.I)
_STATE_NAME = {"US-MA": "Massachusetts", "US-IL": "Illinois"}


def _resident_count(doc: Document) -> Iterator[Hit]:
    state = _STATE_NAME.get(doc.jurisdiction or "", "this state")
    for unit in doc.units:
        for m in _COUNT.finditer(unit.text):
            yield hit(unit, m, f'"{quote(m.group(0))}" gives a count; {state} letters must not.')


def _ma_police(doc: Document) -> Iterator[Hit]:
    if not _POLICE.search(doc.text):
        yield Hit(0, 0, "No mention of the right to obtain a police report.")


def _ma_freeze(doc: Document) -> Iterator[Hit]:
    if not _FREEZE.search(doc.text):
        yield Hit(0, 0, "No mention of the right to a free security freeze.")


# -- credit bureaus and FTC ------------------------------------------------------
_SSN = re.compile(
    r"\b(?:social\s+security\s+(?:numbers?|nos?\.?)|SSNs?|driver['\u2019]?s?\s+licen[cs]es?(?:\s+numbers?)?"
    r"|state\s+(?:ID|identification)\s+(?:card\s+)?numbers?)\b", re.I)
_NOT_AFTER = re.compile(r"^[^.;]{0,40}?\b(?:was|were|is|are)\s+not\b|^[^.;]{0,40}?\b(?:wasn|weren)['\u2019]t\b", re.I)
_BUREAUS = ("Equifax", "Experian", "TransUnion")
_FTC = re.compile(r"\bFederal\s+Trade\s+Commission\b|\bFTC\b|identitytheft\.gov", re.I)


def _mentions_ssn(doc: Document) -> bool:
    for unit in doc.units:
        for m in _SSN.finditer(unit.text):
            window = " ".join(unit.text[max(0, m.start() - 60): m.start()].split()[-5:])
            if NEGATION.search(window) or _NOT_AFTER.search(unit.text[m.end(): m.end() + 60]):
                continue
            return True
    return False


def _credit_bureaus(doc: Document) -> Iterator[Hit]:
    ctx = doc.context
    involved = ("ssn_licence" in ctx.data_types) if ctx is not None else _mentions_ssn(doc)
    if not involved:
        return
    missing = [b for b in _BUREAUS if not re.search(rf"\b{b}\b", doc.text, re.I)]
    if not _FTC.search(doc.text):
        missing.append("the Federal Trade Commission")
    if missing:
        yield Hit(0, 0, "Social Security or licence numbers are involved, but the letter does not name "
                        + ", ".join(missing) + ".")


def _ca_applies(kind: str | None, jurisdiction: str | None) -> bool:
    return kind == US_NOTICE and jurisdiction in (None, "US", "US-CA")


def _us_letter(kind: str | None, jurisdiction: str | None) -> bool:
    return kind in (US_NOTICE, "hipaa_individual") and (jurisdiction is None or jurisdiction.startswith("US"))


_ma = for_kind_and_jurisdictions(US_NOTICE, "US-MA")
_ma_il = for_kind_and_jurisdictions(US_NOTICE, "US-MA", "US-IL")
_US = "us_consumer_notice with jurisdiction"

RULES: tuple[Rule, ...] = (
    Rule(RuleInfo(
        "ca-title-missing", E, FAMILY,
        'The California-format letter has no line titled "Notice of Data Breach".',
        f"{CA_CODE} requires that title.", 'Put "Notice of Data Breach" as the first line.',
        applies_to=f"{_US} US-CA, US or none"), _ca_title, _ca_applies),
    Rule(RuleInfo(
        "ca-heading-missing", E, FAMILY,
        "One finding per missing heading: What Happened / What Information Was Involved / What We Are Doing "
        "/ What You Can Do / For More Information (as a line of its own, or run in before a colon).",
        f"{CA_CODE} requires these headings.", "Add the heading with its section, worded exactly.",
        applies_to=f"{_US} US-CA, US or none"), _ca_headings, _ca_applies),
    Rule(RuleInfo(
        "ma-nature-described", E, FAMILY,
        'The Massachusetts letter describes how the breach happened (a "What Happened" section, attackers, '
        "phishing, ransomware, a lost device, a misdirected letter ...).",
        "Massachusetts (M.G.L. c. 93H s. 3) forbids describing the nature of the breach in the letter to residents.",
        "Drop the description; keep what information was involved and what the reader can do.",
        applies_to=f"{_US} US-MA"), _ma_nature, _ma),
    Rule(RuleInfo(
        "resident-count-given", E, FAMILY,
        'The Massachusetts or Illinois letter states how many people were affected ("412 residents", '
        '"about 3,000 customers").',
        "Massachusetts (M.G.L. c. 93H s. 3) and Illinois (815 ILCS 530/10) letters must not give the number of "
        "residents affected.", "Remove the count from this variant; it belongs in the regulator notice.",
        applies_to=f"{_US} US-MA or US-IL"), _resident_count, _ma_il),
    Rule(RuleInfo(
        "ma-police-report-missing", E, FAMILY,
        'The Massachusetts letter does not mention the right to a "police report".',
        "Massachusetts (M.G.L. c. 93H s. 3) requires telling residents of their right to obtain a police report.",
        "Add: \"You have the right to obtain a police report about this incident.\"",
        applies_to=f"{_US} US-MA"), _ma_police, _ma),
    Rule(RuleInfo(
        "ma-security-freeze-missing", E, FAMILY,
        'The Massachusetts letter does not mention a "security freeze" (or "credit freeze").',
        "Massachusetts (M.G.L. c. 93H s. 3) requires explaining how to place a security freeze, free of charge.",
        "Add how to place a free security freeze with each credit bureau.",
        applies_to=f"{_US} US-MA"), _ma_freeze, _ma),
    Rule(RuleInfo(
        "credit-bureau-block-missing", E, FAMILY,
        "Social Security or driver's licence numbers are involved (from the context's data types, or when no "
        "context is given, named in the text and not negated) but the letter does not name all of Equifax, "
        "Experian, TransUnion and the FTC.",
        f"{CA_CODE} requires the credit bureaus' contact details when these numbers are involved; the FTC "
        "runs IdentityTheft.gov.", "Add the block with the three bureaus and the FTC (phone, web, postal address).",
        applies_to="us_consumer_notice and hipaa_individual, US jurisdictions"), _credit_bureaus, _us_letter),
)
