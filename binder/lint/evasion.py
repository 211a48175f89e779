"""Phrase rules about responsibility: who did it, how, and who is to blame."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from binder.lint.findings import RuleInfo, Severity
from binder.lint.patterns import NEGATION
from binder.lint.registry import Hit, Rule, hit, quote, scan
from binder.lint.text import Document

log = logging.getLogger(__name__)

W = Severity.WARNING
FAMILY = "phrase"

# -- "highly sophisticated attack" ----------------------------------------------
_ATTACK = (r"(?:cyber[- ]?attacks?|cyber[- ]?criminals?|attacks?|attackers?|threat\s+actors?|actors?|criminals?"
           r"|hackers?|hacking|groups?|gangs?|threats?|intrusions?|campaigns?|operations?|malware|ransomware"
           r"|adversar(?:y|ies)|phishing|schemes?|techniques|tactics|methods|tools|cyber\w*|breach(?:es)?"
           r"|incidents?|scams?|emails?)")
_SOPHISTICATED = re.compile(
    rf"\b(?:(?:highly|extremely|very|increasingly|exceptionally|unusually|particularly)\s+)?sophisticated,?\s+"
    rf"(?:[\w-]+,?\s+){{0,2}}?{_ATTACK}\b"
    rf"|\b{_ATTACK}\s+(?:[\w-]+\s+){{0,4}}?(?:was|were|is|are|appears?\s+to\s+be|seems?\s+to\s+be|has\s+been|have\s+been)"
    rf"\s+(?:becoming\s+|getting\s+|growing\s+)?(?:[\w-]+\s+){{0,2}}?sophisticated\b"
    rf"|\b(?:high|unprecedented|unusual|considerable|significant|great)\s+(?:level\s+of\s+|degree\s+of\s+)?sophistication\b"
    rf"|\badvanced\s+(?!persistent\s+threat)(?:[\w-]+\s+)??(?:attacks?|attackers?|threats?|actors?|adversar\w+"
    rf"|hackers?|techniques|tactics|tools|malware|cyber[\w-]*|criminals?|intrusions?|methods)\b"
    rf"|\b(?:(?:highly|extremely|very|exceptionally)\s+(?:skilled|organi[sz]ed|capable|resourced)|well[- ]"
    rf"(?:resourced|funded|organi[sz]ed)|complex|professional)\s+(?:(?:and|,)\s+)?(?:[\w-]+\s+){{0,3}}?{_ATTACK}\b", re.I)


def _sophisticated(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _SOPHISTICATED, skip_negated=True):
        if NEGATION.search(m.group(0)):
            continue  # "the attack was not sophisticated"
        yield hit(unit, m, f'"{quote(m.group(0))}" shifts attention to the attacker\'s skill.')


# -- unsourced attribution ------------------------------------------------------
_ATTRIBUTION = re.compile(
    r"(?i:\bnation[- ]states?\b|\bstate[- ](?:sponsored|backed|linked|affiliated|aligned|directed)\b"
    r"|\badvanced\s+persistent\s+threats?\b|\bforeign\s+(?:government|intelligence|state)\b"
    r"|\b(?:hostile|foreign|enemy|rogue)\s+(?:states?|nations?|powers?|governments?)\b)"
    r"|\bAPT(?:[- ]?\d+)?\b")
_SOURCE = re.compile(
    r"(?i:\baccording\s+to\b|\b(?:attributed|assessed|identified|named|confirmed|reported|linked|published"
    r"|tracked)\s+by\b|\b(?:police|law\s+enforcement|government|authorities|agency|advisory|bulletin)\b"
    r"|\bresearchers?\s+(?:at|from)\b|\binvestigators?\s+(?:at|from)\b"
    r"|\bforensic\s+(?:firm|investigators?|team|report|experts?)\b|\breport\s+(?:by|dated|of)\b|\bsource:"
    r"|\b(?:centre|center|ministry|department|bureau|commission|directorate)\b)"
    r"|\b(?:FBI|CISA|NCSC|NSA|Europol|Interpol|BSI|ANSSI|CERT[\w-]*|CSIRT)\b")


def _attribution(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _ATTRIBUTION, skip_questions=True, skip_negated=True):
        rest = unit.text[max(0, m.start() - 240): m.start()] + " " + unit.text[m.end(): m.end() + 240]  # minus the match
        nxt = [u.text for u in doc.neighbours(unit, before=0, after=1) if u is not unit]
        if any(_SOURCE.search(t) for t in [rest, *nxt]):
            continue
        yield hit(unit, m, f'"{m.group(0)}" attribution with no source for it.')


# -- "unauthorized third party" -------------------------------------------------
_UNAUTHORIZED = re.compile(
    r"\bunauthori[sz]ed\s+(?:third[- ])?(?:part(?:y|ies)|individuals?|persons?|people|actors?|users?"
    r"|entit(?:y|ies)|outsiders?|someone)\b|\bunknown\s+(?:third[- ])?part(?:y|ies)\b"
    r"|\b(?:third[- ])?(?:part(?:y|ies)|individuals?|persons?|someone|actors?)\s+(?:without|with\s+no)\s+"
    r"(?:authori[sz]ation|permission)\b|\b(?:gained|obtained|had|got|gaining|obtaining)\s+unauthori[sz]ed\s+access\b", re.I)
_HOW = re.compile(
    r"\b(?:used|uses|using|utili[sz]\w+|stole|stolen|phish\w*|passwords?|credentials?|log(?:ged|s)?\s+in|logins?"
    r"|sign(?:ed|s)?\s+in|vulnerabilit\w+|exploit\w*|flaw|bug|misconfigur\w*|left\s+open|malware|ransomware"
    r"|virus|via|through|trick\w*|guess\w*|brute|reused|unpatched|weakness|attachment|link|laptop|phone|device"
    r"|fake|impersonat\w*|broke\s+into|break-in|spoof\w*|look-alike)\b", re.I)


def _unauthorized(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _UNAUTHORIZED, skip_negated=True):
        if doc.any_near(unit, _HOW):
            continue
        yield hit(unit, m, f'"{m.group(0)}" with no word on how they got in.')


# -- "mistakes were made" -------------------------------------------------------
_MISTAKES = re.compile(
    r"\b(?:mistakes|errors|missteps|oversights)\s+(?:were|have\s+been|had\s+been)\s+made\b"
    r"|\b(?:an?\s+)?(?:mistake|error|misstep|oversight)\s+(?:was|has\s+been|had\s+been)\s+made\b", re.I)


def _mistakes(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _MISTAKES):
        if re.match(r"\s+by\b", unit.text[m.end(): m.end() + 8]):
            continue
        yield hit(unit, m, f'"{quote(m.group(0))}" says nobody made them.')


# -- agentless passive ----------------------------------------------------------
_PASSIVE = re.compile(
    r"\b(?:was|were|has\s+been|have\s+been|had\s+been|is\s+being|are\s+being|got)\s+"
    r"(?!(?:potentially|possibly|probably|likely|allegedly|reportedly|apparently)\b)(?:\w+ly\s+)?"
    r"(?:accessed|exposed|compromised|disclosed|leaked|exfiltrated|acquired|obtained|viewed|copied|downloaded"
    r"|posted|breached|made\s+(?:public|available))\b", re.I)
_MODAL = re.compile(r"\b(?:may|might|could|would|should|must)\b", re.I)
_EMBEDDED = re.compile(r"\b(?:if|whether|unless|whose|which|where)\b", re.I)
_ACTOR = re.compile(
    r"\b(?:attackers?|hackers?|criminals?|intruders?|thie(?:f|ves)|someone|somebody|gangs?|threat\s+actors?"
    r"|actors?|part(?:y|ies)|employees?|staff|contractors?|vendors?|suppliers?|insiders?|person|scammers?)\b"
    r"|\b(?:because|after|when|since)\s+(?:we|our|an?|the)\b", re.I)
_AGENT_BY = re.compile(
    r"\bby\s+(?!\d|(?:the\s+)?(?:end|close|mid|early|late|noon|midday|tomorrow|today|tonight|mistake|error"
    r"|accident|post|email|phone)\b)(?:an?|the|our|their|one|some|someone|somebody|people|[A-Z]\w+)\b")


def _passive(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _PASSIVE, skip_questions=True):
        start = unit.start + m.start()
        lead = doc.clause_before(unit, start)
        if doc.negated(unit, start, words=6) or NEGATION.search(m.group(0)):
            continue
        if _MODAL.search(" ".join(lead.split()[-2:])) or _EMBEDDED.search(lead):
            continue  # hedging is its own rule; "if your account was accessed" is conditional
        if _AGENT_BY.search(unit.text[m.end(): m.end() + 160]):
            continue
        if doc.any_near(unit, _ACTOR, before=1, after=0):
            continue
        yield hit(unit, m, f'"{quote(m.group(0))}" does not say who did it.')


# -- blaming a vendor or employee -----------------------------------------------
_WHO = (r"(?:vendors?|suppliers?|contractors?|sub-?contractors?|third[- ]part(?:y|ies)(?:\s+(?:providers?|vendors?"
        r"|suppliers?))?|partners?|(?:service\s+)?providers?|employees?|staff(?:\s+members?)?|members?\s+of\s+staff"
        r"|workers?|interns?|temps?|insiders?|administrators?)")
_FAULT = r"(?:errors?|mistakes?|negligence|failures?|oversights?|carelessness|fault|misconduct|wrongdoing|lapses?)"
_BLAME = re.compile(
    rf"\b{_WHO}['\u2019]s?\s+(?:own\s+)?(?:\w+\s+)?{_FAULT}\b"
    rf"|\b{_FAULT}\s+(?:by|of|on\s+the\s+part\s+of|at|from)\s+(?:an?|one|the|our|their|its|a\s+single)\s+"
    rf"(?:\w+\s+){{0,3}}?{_WHO}\b"
    rf"|\b(?:rogue|disgruntled|careless|negligent|errant)\s+(?:\w+\s+)?(?:employees?|insiders?|contractors?|members?\s+of\s+(?:our\s+)?staff"
    rf"|staff(?:\s+members?)?|workers?|administrators?|individuals?|vendors?|suppliers?)\b"
    rf"|\b(?:human|employee|staff|vendor|supplier|contractor|third[- ]party|individual)\s+(?:error|mistake|negligence)\b"
    rf"|\b(?:fault|responsibility)\s+of\s+(?:an?|one|the|our|its)\s+(?:\w+\s+){{0,2}}?{_WHO}\b"
    rf"|\b{_WHO}\s+(?:\w+\s+){{0,2}}?(?:is|was|are|were)\s+(?:solely\s+|entirely\s+|fully\s+)?"
    rf"(?:responsible|to\s+blame|at\s+fault)\b"
    rf"|\b(?:because|after|when|as)\s+(?:a|an|one\s+of\s+our|our|the|its)\s+(?:[\w-]+\s+)?{_WHO}\s+"
    rf"(?:failed|neglected|forgot|ignored|disregarded|bypassed|breached|violated|did\s+not|didn['\u2019]t)\b", re.I)
_DENIAL_AFTER = re.compile(r"^\W*(?:was|is|were|are)\s+not\b|^\W*(?:wasn|isn|weren|aren)['\u2019]t\b", re.I)


def _blame(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _BLAME, skip_negated=True):
        if _DENIAL_AFTER.search(unit.text[m.end(): m.end() + 40]):
            continue  # "our vendor's error was not the cause"
        yield hit(unit, m, f'"{quote(m.group(0))}" puts the blame on someone else.')


RULES: tuple[Rule, ...] = (
    Rule(RuleInfo(
        "cliche-sophisticated-attack", W, FAMILY,
        'Flags "(highly) sophisticated attack/actor/criminals", "criminals are becoming ever more '
        'sophisticated", "advanced attack/techniques", "highly skilled/organised", "well-resourced" and '
        '"complex attack". Negated forms ("the attack was not sophisticated") and "advanced encryption" pass.',
        "Deflects blame onto the attacker's skill, while most breaches have simple causes (the seed "
        "article's warning, in the content guide).",
        "Say how the attacker got in, in plain words (\"used a password leaked from another site\")."),
        _sophisticated),
    Rule(RuleInfo(
        "attribution-unsourced", W, FAMILY,
        'Flags "nation-state", "state-sponsored/backed", "hostile/foreign state or government", "APT" and '
        '"advanced persistent threat" when neither that sentence nor the next names who made the attribution '
        "(a government agency or centre, police, researchers at a named firm, a report). Questions and denials "
        "pass.",
        "Attribution is easy to get wrong and hard to take back; CDC CERC: be right, say only what is confirmed.",
        "Name the source of the attribution and its date, or leave the attribution out."), _attribution),
    Rule(RuleInfo(
        "unauthorized-party-vague", W, FAMILY,
        'Flags "unauthorized (third) party/individual/actor", "a third party without authorisation" and '
        '"gained unauthorized access" when neither that sentence nor its neighbours say how they got in (a '
        "stolen password, a flaw, phishing, a lost device ...).",
        "A faceless intruder with no method reads as evasion (content guide, template linter grounds).",
        "Add one sentence on how it happened: \"... used a staff password stolen in a fake login page\"."),
        _unauthorized),
    Rule(RuleInfo(
        "mistakes-were-made", W, FAMILY,
        'Flags "mistakes/errors were made" and "an error was made" with no "by ..." after it.',
        "The classic non-apology: a passive with no actor (content guide).",
        "Say who made the mistake, starting with \"we\": \"We left the server open\"."), _mistakes),
    Rule(RuleInfo(
        "passive-no-actor", Severity.INFO, FAMILY,
        'Flags passives such as "was accessed", "were exposed", "have been copied" when no "by ..." follows and '
        "no actor (attacker, employee, vendor ...) is named in that sentence or the one before. Negated, "
        'conditional ("if your account was accessed"), relative ("whose data was copied") and hedged '
        "(\"may have been accessed\", left to the hedging rule) forms pass.",
        "Agentless passive hides who did what (content guide: \"passive voice with no actor\").",
        "Name the actor: \"An attacker copied ...\" or \"We exposed ... by mistake\"."), _passive),
    Rule(RuleInfo(
        "blame-shifting", W, FAMILY,
        'Flags blame on others: "a vendor\'s error", "error on the part of a supplier", "a rogue/disgruntled/'
        'careless employee", "human error", "the fault of a third party", "because a supplier failed to / '
        'ignored ...". A factual mention of a vendor\'s breach, or a denial ("our vendor\'s error was not the '
        'cause"), passes.',
        "Holding statements carry no blame (content guide); readers hold the organisation they trusted responsible.",
        "Own it: say what happened at the vendor or with the employee, and what you will change."), _blame),
)
