"""Structure rules for GDPR Art. 33 (to the supervisory authority) and Art. 34
(to the people affected)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

from binder.lint.findings import RuleInfo, Severity
from binder.lint.patterns import DATE, EMAIL, PHONE
from binder.lint.registry import Hit, Rule, for_kinds
from binder.lint.text import Document

log = logging.getLogger(__name__)

E = Severity.ERROR
FAMILY = "structure"
ART33 = "gdpr_art33"
ART34 = "gdpr_art34"

_NATURE_LABEL = re.compile(
    r"\b(?:nature\s+of\s+the\s+(?:personal\s+data\s+)?breach|what\s+happened|description(?:\s+of\s+the"
    r"\s+(?:breach|incident))?|summary\s+of\s+the\s+(?:breach|incident))\s*(?::|$)", re.I | re.M)
_INCIDENT_VERB = re.compile(
    r"\b(?:used|logged\s+in|accessed|copied|exported|stole|stolen|lost|sent|mailed|emailed|encrypted|broke\s+into"
    r"|gained\s+access|got\s+into|tricked|exposed|published|posted|downloaded|deleted|leaked|phished|hacked"
    r"|misconfigur\w*|(?:been|was|were|left)\s+open|publicly\s+(?:available|accessible)|visible)\b", re.I)
_CATEGORIES = re.compile(
    r"\bcategor(?:y|ies)\s+of\s+(?:personal\s+)?data\b|^\W*(?:personal\s+)?data(?:\s+involved)?\s*:"
    r"|\b(?:names|e-?mail\s+addresses|addresses|phone\s+numbers|dates?\s+of\s+birth|passwords|bank\s+details"
    r"|card\s+numbers|health\s+\w+|ID\s+numbers|salar(?:y|ies))\b", re.I | re.M)
_SUBJECTS = (r"(?:data\s+subjects|individuals|people|persons|customers|clients|employees|staff|patients|users"
             r"|members|pupils|students|parents|children|residents|subscribers|account\s+holders|applicants)")
_RECORDS = r"(?:records|files|documents|rows|entries|e-?mails|messages|tickets|accounts)"
_APPROX = r"(?:about|approximately|around|roughly|some|nearly|over|up\s+to|c\.|~)?\s*"


def _count_of(nouns: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\d,.])\d[\d,.]*+\s+(?:[\w-]+\s+){{0,2}}?{nouns}\b"
        rf"|\b(?:number\s+of\s+)?(?:personal\s+data\s+)?{nouns}(?:\s+(?:affected|concerned|involved))?\s*"
        rf"(?::|is|was|were|are)\s*{_APPROX}\d", re.I)


_SUBJECT_COUNT = _count_of(_SUBJECTS)
_RECORD_COUNT = _count_of(_RECORDS)
_CONTACT = re.compile(r"\bdata\s+protection\s+officer\b|\bDPO\b|\bcontact\s+point\b|\bpoint\s+of\s+contact\b"
                      r"|\bprivacy\s+officer\b", re.I)
_CONTACT_CUE = re.compile(r"\b(?:contact|call|e-?mail|write|questions|reach)\b", re.I)
_CONSEQUENCES = re.compile(
    r"\bconsequences?\b|\bwhat\s+(?:this|it)\s+means\s+for\s+you\b|\blikely\s+(?:effects?|impacts?|risks?)\b"
    r"|\brisks?\s+(?:to|for|of|that)\b|\b(?:could|may|might|can)\s+(?:lead|result|cause|(?:be\s+)?(?:use|used|misuse))\b"
    r"|\bharm\b|\bdistress\b"
    r"|\bembarrass\w*", re.I)
_MEASURES = re.compile(
    r"\bmeasures?\b|\bwhat\s+we\s+(?:have\s+done|are\s+doing|did|will\s+do)\b|\bsteps\s+(?:we|taken|that\s+we)\b"
    r"|\bactions?\s+(?:taken|we)\b|\bmitigat\w+|\bremedia\w+|\bwe\s+(?:have\s+)?(?:since\s+|also\s+|now\s+|already\s+)?"
    r"(?:locked|reset|blocked|changed|reported|encrypted|notified|informed|told|retrained|trained"
    r"|rebuilt|restored|disabled|revoked|removed|contained|isolated|patched|fixed|added|introduced|now\s+(?:use"
    r"|require))\b", re.I)
_DELAY_REASON = re.compile(
    r"\breasons?\s+for\s+(?:the\s+|this\s+|our\s+)?(?:delay|late)|\bdelay(?:ed)?\s+(?:was\s+)?(?:because|due|caused)"
    r"|\b(?:notice|notification|report)\s+(?:is|was)\s+(?:late|delayed)\b|\bwhy\s+(?:this|the|our)\s+"
    r"(?:notice|notification|report)\s+(?:is|was)\s+late\b|\blate\s+because\b|\bcould\s+not\s+(?:notify|report)"
    r"|\bArt(?:icle|\.)?\s*33\s*\(1\)|\b(?:after|beyond|outside)\s+the\s+72[- ]hours?\s+(?:period|deadline|window|limit)"
    r"|\b72\s+hours\b[^.]{0,80}\b(?:because|due\s+to)\b", re.I)
WINDOW = timedelta(hours=72)


def _nature(doc: Document) -> Iterator[Hit]:
    described = bool(_NATURE_LABEL.search(doc.text)) or any(
        DATE.search(u.text) and _INCIDENT_VERB.search(u.text) for u in doc.sentences)
    if not described:
        yield Hit(0, 0, "The notice does not describe the nature of the breach (what happened, and when).")
    elif doc.kind == ART33 and not _CATEGORIES.search(doc.text):
        yield Hit(0, 0, "The notice does not name the categories of personal data involved.")


def _numbers(doc: Document) -> Iterator[Hit]:
    missing = []
    if not _SUBJECT_COUNT.search(doc.prose_text):
        missing.append("data subjects")
    if not _RECORD_COUNT.search(doc.prose_text):
        missing.append("records")
    if missing:
        yield Hit(0, 0, "No approximate number of " + " or of ".join(missing) + ".")


def _contact(doc: Document) -> Iterator[Hit]:
    if _CONTACT.search(doc.text):
        return
    for u in doc.sentences:
        if (EMAIL.search(u.text) or PHONE.search(u.text)) and _CONTACT_CUE.search(u.text):
            return
    yield Hit(0, 0, "No data protection officer or other contact point with contact details.")


def _consequences(doc: Document) -> Iterator[Hit]:
    if not _CONSEQUENCES.search(doc.text):
        yield Hit(0, 0, "The likely consequences of the breach are not described.")


def _measures(doc: Document) -> Iterator[Hit]:
    if not _MEASURES.search(doc.text):
        yield Hit(0, 0, "The measures taken or proposed are not described.")


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _late(doc: Document) -> Iterator[Hit]:
    ctx = doc.context
    if ctx is None or ctx.aware_at is None:
        return
    sent = _utc(ctx.sent_at) if ctx.sent_at is not None else datetime.now(timezone.utc)
    elapsed = sent - _utc(ctx.aware_at)
    if elapsed <= WINDOW or _DELAY_REASON.search(doc.text):
        return
    hours = elapsed.total_seconds() / 3600
    yield Hit(0, 0, f"Sent {hours:.0f} hours after awareness (limit 72) with no reason for the delay.")


_BOTH = for_kinds(ART33, ART34)
_33 = for_kinds(ART33)
_A33 = "GDPR Art. 33(3)"

RULES: tuple[Rule, ...] = (
    Rule(RuleInfo(
        "gdpr-nature-missing", E, FAMILY,
        'No description of the breach: neither a label ("Nature of the breach:", "What happened:", '
        '"Description:") nor a dated sentence saying what was done to the data. For Art. 33 also flags a '
        "missing list of the categories of personal data.",
        f"{_A33}(a) and Art. 34(2).", "Describe what happened, when, and which kinds of data were involved.",
        applies_to="gdpr_art33, gdpr_art34"), _nature, _BOTH),
    Rule(RuleInfo(
        "gdpr33-numbers-missing", E, FAMILY,
        "No approximate number of data subjects, or of personal data records.",
        f"{_A33}(a) asks for approximate numbers of both; they may follow in phases (Art. 33(4)).",
        'Give both, approximate if need be: "about 2,300 customers; about 5,100 records". Waive with a reason '
        "if they follow in a later phase.", applies_to="gdpr_art33"), _numbers, _33),
    Rule(RuleInfo(
        "gdpr-contact-missing", E, FAMILY,
        "No data protection officer or other contact point with an email address or phone number.",
        f"{_A33}(b) and Art. 34(2).", "Name the DPO or contact point and how to reach them.",
        applies_to="gdpr_art33, gdpr_art34"), _contact, _BOTH),
    Rule(RuleInfo(
        "gdpr-consequences-missing", E, FAMILY,
        'No statement of the likely consequences ("Likely consequences:", "What this means for you", risks, harm).',
        f"{_A33}(c) and Art. 34(2).", "Say what could happen to the people affected: fraud, phishing, distress ...",
        applies_to="gdpr_art33, gdpr_art34"), _consequences, _BOTH),
    Rule(RuleInfo(
        "gdpr-measures-missing", E, FAMILY,
        "No measures taken or proposed to deal with the breach and limit its effects.",
        f"{_A33}(d) and Art. 34(2).", "List what you did and what you will do, with dates.",
        applies_to="gdpr_art33, gdpr_art34"), _measures, _BOTH),
    Rule(RuleInfo(
        "gdpr33-late-no-reason", E, FAMILY,
        "The context says the notice goes out more than 72 hours after awareness (sent_at, or now), and the "
        "text gives no reason for the delay.",
        "GDPR Art. 33(1): notify within 72 hours; a later notice must give the reasons for the delay.",
        'Add a "Reasons for the delay" paragraph.', applies_to="gdpr_art33 with aware_at in the context"),
        _late, _33),
)
