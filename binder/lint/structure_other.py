"""Structure rules for HIPAA notices, holding statements and updates, and SEC 8-K drafts."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from binder.lint.findings import RuleInfo, Severity
from binder.lint.patterns import DATE, EMAIL, POSTAL, RELATIVE_DAY, TIME, TOLL_FREE, URL, WEEKDAY
from binder.lint.registry import Hit, Rule, for_kinds, hit, quote, scan
from binder.lint.text import Document

log = logging.getLogger(__name__)

E = Severity.ERROR
W = Severity.WARNING
FAMILY = "structure"
HIPAA = "HIPAA 45 CFR 164.404(c)(1)"

# -- HIPAA ------------------------------------------------------------------------
_DISCOVERY = re.compile(
    r"\b(?:discover\w*|learn\w*|found|find\s+out|became\s+aware|identified|detected|noticed|reali[sz]ed"
    r"|(?:told|informed|alerted|notified)\s+us|reported\s+(?:it|this|the\s+\w+)\s+to\s+us)\b", re.I)
_PHI_LABEL = re.compile(
    r"\b(?:what|which)\s+information\s+was\s+involved\b|\binformation\s+(?:that\s+was\s+)?involved\s*:"
    r"|\btypes?\s+of\s+(?:protected\s+health\s+)?information\b|\bPHI\s+involved\b", re.I)
_PHI_NOUN = re.compile(
    r"\b(?:names?|dates?\s+of\s+birth|birth\s*dates?|addresses|social\s+security|diagnos\w+|treatments?"
    r"|procedure\s+codes?|medical\s+record\s+numbers?|medications?|prescriptions?|(?:lab(?:oratory)?|test)\s+results"
    r"|health\s+insurance\s+(?:numbers?|information|details)|insurance\s+(?:numbers?|ID)|member\s+ID"
    r"|account\s+numbers?|conditions?|dates?\s+of\s+(?:service|visit|treatment|your\s+visit))\b", re.I)
_INVOLVED = re.compile(r"\b(?:involved|included|held|contained|showed|exposed|copied|accessed|viewed|taken|listed)\b",
                       re.I)
_STEPS_LABEL = re.compile(
    r"\bwhat\s+you\s+(?:can|should)\s+do\b|\bsteps\s+you\s+(?:can|should)\s+take\b|\bwhat\s+to\s+do\b"
    r"|\bhow\s+to\s+protect\s+yourself\b", re.I)
_STEP_VERBS = r"(?:check|review|call|contact|watch|monitor|change|report|place|sign\s+up|enrol+|ask|request|get|look)"
_STEPS = re.compile(rf"\b(?:you|patients|customers|individuals|members|people|recipients|those\s+affected)\s+"
                    rf"(?:should|can|may\s+want\s+to|might\s+want\s+to|are\s+(?:encouraged|advised|urged)\s+to)\s+"
                    rf"(?:also\s+)?{_STEP_VERBS}\b"
                    rf"|\b(?:recommend|suggest|encourage|urge|advise)\s+(?:that\s+)?(?:you|patients|customers|members)\s+"
                    rf"(?:to\s+)?{_STEP_VERBS}\b"
                    r"|\bif\s+you\s+(?:see|get|notice|receive|find|spot)\b[^.]{0,80}\b(?:tell|call|contact|report|let)\b"
                    r"|^\W*(?:please\s+)?(?:check|review|watch|monitor|change|report|place|sign\s+up|enrol+|look|freeze|reset"
                    r"|be\s+(?:alert|careful|wary))\b|^\W*(?:please\s+)?(?:call|contact|ask|tell)\s+your\b", re.I)
_ACTIONS_LABEL = re.compile(
    r"\bwhat\s+(?:we|[\w .'&-]{1,50}?\s+(?:is|are))\s+(?:are\s+)?(?:doing|have\s+done|did|will\s+do)\b"
    r"|\bsteps\s+(?:we|it|the\s+\w+)\s+(?:are|is|has|have)\s+tak\w+", re.I)
_ACTIONS = re.compile(  # "we have encrypted", "the clinic reported", "it now encrypts"
    r"\b(?:we|it|the\s+(?:clinic|hospital|practice|company|organi[sz]ation|plan|pharmacy|group|firm))\s+"
    r"(?:have\s+|has\s+|are\s+|is\s+|now\s+|also\s+|will\s+)*(?:reported|encrypt\w*|investigat\w*|train\w*|chang\w*|reset"
    r"|added|review\w*|notified|secur\w*|improv\w*|fixed|asked|wiped|blocked|disabled|removed|contacted|hired"
    r"|engaged|offer\w*|install\w*|updated|strengthen\w*|retrain\w*|destroy\w*)\b", re.I)


def _hipaa_dates(doc: Document) -> Iterator[Hit]:
    dates = [m for u in doc.sentences for m in DATE.finditer(u.text)]
    discovery = any(DATE.search(u.text) and _DISCOVERY.search(u.text) for u in doc.sentences)
    if not discovery:
        yield Hit(0, 0, "No date of discovery of the breach.")
    if len(dates) < 2 and not (discovery and len(dates) == 1 and re.search(r"\bsame\s+day\b", doc.text, re.I)):
        yield Hit(0, 0, "No date of the breach itself (when it happened).")


def _hipaa_phi(doc: Document) -> Iterator[Hit]:
    if _PHI_LABEL.search(doc.text):
        return
    if any(_INVOLVED.search(u.text) and _PHI_NOUN.search(u.text) for u in doc.sentences):
        return
    yield Hit(0, 0, "The types of health information involved are not listed.")


def _hipaa_steps(doc: Document) -> Iterator[Hit]:
    if _STEPS_LABEL.search(doc.text) or any(_STEPS.search(u.text) for u in doc.sentences):
        return
    yield Hit(0, 0, "No steps that individuals should take to protect themselves.")


def _hipaa_actions(doc: Document) -> Iterator[Hit]:
    if _ACTIONS_LABEL.search(doc.text) or _ACTIONS.search(doc.text):
        return
    yield Hit(0, 0, "Nothing on what the organisation is doing to investigate, mitigate and prevent it.")


def _hipaa_contact(doc: Document) -> Iterator[Hit]:
    if not TOLL_FREE.search(doc.text):
        yield Hit(0, 0, "No toll-free telephone number.")
    if not (EMAIL.search(doc.text) or URL.search(doc.text) or POSTAL.search(doc.text)):
        yield Hit(0, 0, "No email address, website or postal address besides the phone number.")


# -- next update ------------------------------------------------------------------
_WHEN = re.compile(
    rf"{TIME.pattern}|{DATE.pattern}|\b(?:tomorrow|tonight|today|this\s+(?:afternoon|evening)|{WEEKDAY})\b", re.I)
_NEXT = re.compile(
    r"\bnext\s+(?:update|briefing|bulletin|statement|call|webcast|press\s+(?:conference|briefing)|report|message"
    r"|note)\b|\b(?:we\s+will|we['\u2019]ll|I\s+will)\s+(?:\w+\s+){0,3}?(?:update|brief|report\s+back|post|publish"
    r"|share)\b|\b(?:updates?|briefings?)\s+(?:will\s+be\s+(?:posted|given|published)\s+)?(?:every|each|daily"
    r"|twice|hourly)\b", re.I)


def _next_update(doc: Document) -> Iterator[Hit]:
    mentioned = False
    for unit in doc.units:
        if _NEXT.search(unit.text):
            mentioned = True
            if _WHEN.search(unit.text) or RELATIVE_DAY.search(unit.text):
                return
    if mentioned:
        yield Hit(0, 0, "A next update is promised, but with no time.")
    else:
        yield Hit(0, 0, "No time for the next update.")


# -- SEC 8-K ------------------------------------------------------------------------
_SEC_NATURE = re.compile(
    r"\b(?:threat\s+actor|attacker|unauthori[sz]ed|ransomware|malware|intrusion|gained\s+access|encrypted|phish\w*"
    r"|breach|compromis\w*|exfiltrat\w*|fake\s+invoices|impersonat\w*|denial[- ]of[- ]service|hack\w*|stole"
    r"|stolen|copied|accessed)\b", re.I)
_SEC_SCOPE = re.compile(
    r"\b(?:systems?|servers?|network|data|operations|applications?|environment|business|store|warehouses?"
    r"|customers?|employees?|records|accounts?|domain)\b", re.I)
_SEC_IMPACT = re.compile(
    r"\bmaterial(?:ly)?\s+(?:impact|affect|effect)\w*|\bmaterially\b|\bfinancial\s+condition\b"
    r"|\bresults\s+of\s+operations\b|\bnot\s+(?:yet\s+)?determined\s+(?:whether|the)\b|\brevenue\b", re.I)
_HYPOTHETICAL = re.compile(
    r"\b(?:could|may|might)\s+(?:\w+\s+){0,2}?(?:experience|suffer|be\s+(?:subject\s+to|the\s+(?:target|victim)\s+of"
    r"|affected\s+by|targeted\s+by)|face|incur)\s+(?:\w+\s+){0,3}?(?:incidents?|attacks?|breach\w*|intrusions?"
    r"|cyberattacks?)\b"
    r"|\b(?:if|should)\s+(?:a|an|any)\s+(?:\w+\s+){0,2}?(?:breach|incident|attack|intrusion|cyberattack)\s+"
    r"(?:were\s+to|was\s+to|should|to)\s+occur\b"
    r"|\b(?:cyber\w*\s+)?(?:incidents?|attacks?|breach(?:es)?)\s+(?:could|may|might)\s+(?:occur|happen)\b"
    r"|\b(?:face|faces|facing|(?:is|are)\s+subject\s+to)\s+(?:the\s+)?risks?\s+of\s+(?:\w+\s+){0,2}?(?:cyber\w*|attacks?"
    r"|breach\w*|incidents?|intrusions?)", re.I)
_ACTUAL = re.compile(r"\bthis\s+(?:one|incident)\b|\bthe\s+incident\b|\bagain\b|\banother\b|\bfurther\b"
                     r"|\badditional\b|\bfuture\b|\bsimilar\b|\blike\s+this\b", re.I)


def _sec_elements(doc: Document) -> Iterator[Hit]:
    prose = doc.prose_text
    checks = (("nature", _SEC_NATURE.search(prose)), ("scope", _SEC_SCOPE.search(prose)),
              ("timing (dates)", DATE.search(prose)), ("material impact", _SEC_IMPACT.search(prose)))
    for name, ok in checks:
        if not ok:
            yield Hit(0, 0, f"The draft does not state the incident's {name}.")


def _sec_hypothetical(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _HYPOTHETICAL, headings=False):
        if not doc.any_near(unit, _ACTUAL, 0, 0):
            yield hit(unit, m, f'"{quote(m.group(0))}" frames an incident that happened as a mere risk.')


_HIPAA_KINDS = for_kinds("hipaa_individual", "hipaa_media")
_H = "hipaa_individual, hipaa_media"

RULES: tuple[Rule, ...] = (
    Rule(RuleInfo("hipaa-dates-missing", E, FAMILY,
                  "No date of the breach, or no date of its discovery (a dated sentence saying when you "
                  "found, learned or were told).", f"{HIPAA}(A).", "Give both dates.", applies_to=_H),
         _hipaa_dates, _HIPAA_KINDS),
    Rule(RuleInfo("hipaa-phi-types-missing", E, FAMILY,
                  'The types of health information involved are not listed (no "What information was involved" '
                  "section and no sentence naming names, dates of birth, diagnoses, treatment ...).",
                  f"{HIPAA}(B).", "List each type of information involved.", applies_to=_H),
         _hipaa_phi, _HIPAA_KINDS),
    Rule(RuleInfo("hipaa-steps-missing", E, FAMILY,
                  "No steps the individual should take to protect themselves.", f"{HIPAA}(C).",
                  'Add a "What you can do" section with concrete steps.', applies_to=_H),
         _hipaa_steps, _HIPAA_KINDS),
    Rule(RuleInfo("hipaa-entity-actions-missing", E, FAMILY,
                  "Nothing on what the covered entity is doing to investigate, limit the harm and prevent a repeat.",
                  f"{HIPAA}(D).", 'Add a "What we are doing" section.', applies_to=_H),
         _hipaa_actions, _HIPAA_KINDS),
    Rule(RuleInfo("hipaa-contact-missing", E, FAMILY,
                  "No toll-free phone number, or no email address, website or postal address.",
                  f"{HIPAA}(E): a toll-free number plus an email address, website or postal address.",
                  "Add a toll-free number and one more way to reach you.", applies_to=_H),
         _hipaa_contact, _HIPAA_KINDS),
    Rule(RuleInfo("next-update-missing", W, FAMILY,
                  'No time for the next update (e.g. "Next update: 16:00 today", "we will update this page '
                  'every day at 10:00"). "In due course" or "soon" does not count.',
                  "CDC crisis communication (CERC) and the content guide: a holding statement says when the next "
                  "update comes; Norsk Hydro held daily briefings.",
                  "End with the time and channel of the next update.",
                  applies_to="staff_holding, public_holding, update_bulletin"),
         _next_update, for_kinds("staff_holding", "public_holding", "update_bulletin")),
    Rule(RuleInfo("sec8k-element-missing", E, FAMILY,
                  "An Item 1.05 draft that does not state the incident's nature, scope, timing (a date) or its "
                  "material impact (or that the impact is not yet determined). One finding per missing element.",
                  "SEC Form 8-K Item 1.05: the material aspects of nature, scope and timing, and the material "
                  "impact or reasonably likely impact; amend as facts emerge.",
                  "Add the missing element, or say it is not yet determined and that you will amend.",
                  applies_to="sec_8k"), _sec_elements, for_kinds("sec_8k")),
    Rule(RuleInfo("sec8k-hypothetical-risk", E, FAMILY,
                  'Generic "we could experience a cyber incident" or "if a breach were to occur" wording in a '
                  "filing about an incident that happened. Sentences tied to this incident or to future ones pass.",
                  "The SEC's October 2024 settled actions faulted companies that described intrusions that had "
                  "happened as hypothetical risks (content guide).",
                  "Describe the actual incident and its effects instead.", applies_to="sec_8k"),
         _sec_hypothetical, for_kinds("sec_8k")),
)
