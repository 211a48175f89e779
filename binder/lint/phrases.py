"""Phrase rules about tone: boilerplate, hedging, false reassurance, apologies,
refusals and absolute promises. They run on every text, including free text."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from binder.lint.findings import RuleInfo, Severity
from binder.lint.registry import Hit, Rule, hit, quote, scan
from binder.lint.text import Document

log = logging.getLogger(__name__)

W = Severity.WARNING
E = Severity.ERROR
FAMILY = "phrase"
CAL_AG = ("Boilerplate: about a third of 285 breach notices filed with the California Attorney "
          "General use it (figure from the project's content guide).")
ZOU = "Zou et al., CHI 2019, 161 breach notices"

# -- "take ... seriously" -------------------------------------------------------
_TAKE = re.compile(
    r"\b(?:take|takes|taking|took|taken|treat|treats|treated|treating)\b(?:\s+[\w'\u2019-]+){0,8}?\s+"
    r"(?:very\s+|extremely\s+|incredibly\s+|most\s+|so\s+|really\s+|deeply\s+)?seriously\b"
    r"|\bwith\s+(?:the\s+)?(?:utmost\s+|greatest\s+|highest\s+|deepest\s+|great\s+|due\s+|full\s+)?seriousness\b",
    re.I)
_ADDRESSEE = re.compile(r"\b(?:you|please|staff|everyone|customers|partners|should)\b", re.I)


def _take_seriously(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _TAKE, skip_negated=True):
        lead = re.sub(r"[^\w\s'\u2019]", " ", unit.text[max(0, m.start() - 60): m.start()]).split()
        if m.start() > 60:
            lead = ["\u2026", *lead]  # not at the sentence start
        if not lead or _ADDRESSEE.search(" ".join(lead[-3:])):
            continue  # an instruction to the reader ("Take ...", "Please take ... seriously")
        yield hit(unit, m, f'"{quote(m.group(0))}" is boilerplate that readers skip.')


# -- "our top priority" ---------------------------------------------------------
_PRIORITY = re.compile(
    r"\b(?:top|highest|number[- ]one|first|utmost|absolute|overriding)\s+priority\b"
    r"|\b(?:of\s+(?:the\s+)?)?(?:utmost|paramount|highest|greatest)\s+importance\b|\b(?:is|remains)\s+paramount\b"
    r"|\bnothing\s+(?:matters|is)\s+more\s+(?:important\s+)?(?:to\s+us\s+)?than\b"
    r"|\bour\s+(?:main|key|core|greatest|overriding)\s+(?:priority|concern|commitment)\b"
    r"|\bat\s+the\s+(?:heart|core|centre|center)\s+of\s+(?:everything|all\s+(?:that\s+)?|what)\s*we\s+do\b", re.I)
_PRIORITY_TOPIC = re.compile(
    r"\b(?:secur\w*|privacy|protect\w*|safe\w*|data|information|trust|confidential\w*)\b", re.I)


def _top_priority(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _PRIORITY, skip_negated=True):
        if doc.any_near(unit, _PRIORITY_TOPIC, before=0, after=0):
            yield hit(unit, m, f'"{quote(m.group(0))}" about security is boilerplate.')


# -- hedging --------------------------------------------------------------------
_HEDGE_PERFECT = re.compile(
    r"\b(?:may|might|could)\s+(?:also\s+|possibly\s+|potentially\s+)?have\s+(?:been\s+(?:\w+ly\s+)?"
    r"(?:affected|impacted|involved|compromised|exposed|accessed|acquired|viewed|obtained|stolen|taken|copied"
    r"|included|breached)|(?:accessed|acquired|viewed|obtained|exposed|copied|taken|downloaded|seen|stolen))\b",
    re.I)
_HEDGE_PRESENT = re.compile(
    r"\b(?:may|might|could)\s+(?:be|become)\s+(?:affected|impacted|involved|compromised|exposed)\b"
    r"(?!\s+(?:by\s+the|during|while|until|when))", re.I)
_HEDGE_ADVERB = re.compile(
    r"\b(?:potentially|possibly)\s+(?:be(?:en)?\s+)?(?:affected|impacted|involved|compromised|exposed|accessed)\b",
    re.I)
_HEDGE_OTHER = re.compile(
    r"\b(?:it\s+is|it['\u2019]s)\s+(?:possible|conceivable)\s+that\b|\bthere\s+is\s+a\s+(?:chance|possibility)\s+that\b"
    r"|\b(?:may|might|could)\s+(?:also\s+)?(?:involve|affect|impact|include)\s+(?:you\b|your\b|some\s+of\s+your\b)"
    r"|\b(?:you|your\s+\w+)\s+(?:may|might|could)\s+(?:be|have\s+been)\s+(?:one\s+of|among)\b",
    re.I)
_CONDITIONAL = re.compile(r"\b(?:if|whether|worried|concerned|unsure|wonder\w*)\b", re.I)
_PERSONAL = re.compile(
    r"\b(?:you|your|data|information|details|records?|accounts?|customers?|individuals|patients|people|"
    r"employees|personal|files)\b", re.I)


def _hedge(doc: Document) -> Iterator[Hit]:
    msg = "Hedged wording leaves readers unsure whether they were affected."
    for unit, m in scan(doc, _HEDGE_PERFECT):
        yield hit(unit, m, msg)
    for unit, m in scan(doc, _HEDGE_ADVERB):
        yield hit(unit, m, msg)
    for rx in (_HEDGE_PRESENT, _HEDGE_OTHER):
        for unit, m in scan(doc, rx):
            if not doc.any_near(unit, _PERSONAL, 0, 0) or _CONDITIONAL.search(doc.clause_before(unit, unit.start + m.start())):
                continue  # "if you are worried your account may be affected" is not hedging
            yield hit(unit, m, msg)


# -- "no evidence of misuse" ----------------------------------------------------
_NO_EVIDENCE = re.compile(
    r"\b(?:no|not\s+(?:found|seen|identified|detected|observed|received)\s+any"
    r"|n['\u2019]t\s+(?:found|seen|identified|detected|observed|received)\s+any|without\s+any|not\s+aware\s+of\s+any)\s+"
    r"(?:\w+\s+){0,2}?(?:evidence|indications?|signs?|reports?|suggestion|reason\s+to\s+(?:believe|think|suspect))\b"
    r"[^.!?;]{0,80}?"
    r"\b(?:misus\w*|fraud\w*|used|exploited|abused|identity\s+theft|sold|published|leaked|further\s+(?:use|harm))\b"
    r"|\bnot\s+aware\s+of\s+any\s+(?:\w+\s+){0,2}?(?:misuse|fraud\w*|identity\s+theft|abuse)\b"
    r"|\b(?:not|n['\u2019]t|found\s+no|seen\s+no|detected\s+no)\s+(?:(?:found|seen|identified|detected|observed)\s+any\s+)?"
    r"(?:\w+\s+){0,1}?(?:fraud\w*|misuse|suspicious\s+activity|unusual\s+activity)\b"
    r"|\b(?:seen|found|detected|identified)\s+nothing\s+(?:to\s+suggest|that\s+suggests|to\s+indicate|indicating)\b"
    r"[^.!?;]{0,80}?\b(?:misus\w*|fraud\w*|used|exploited|abused|sold|published|leaked)\b"
    r"|\bnone\s+of\s+(?:the|your)\s+(?:\w+\s+){0,2}?(?:has|have|had|was|were)\s+(?:been\s+)?(?:misused|used|exploited"
    r"|published|sold|abused)\b|\b(?:has|have|had)\s+not\s+been\s+(?:misused|abused|exploited|used\s+(?:for\s+fraud"
    r"|fraudulently))\b", re.I)
_QUALIFIED = re.compile(
    r"\bdo(?:es)?\s*(?:not|n['\u2019]t)\s+mean\b|\bnot\s+(?:a\s+)?proof\b|\b(?:cannot|can['\u2019]t|does\s+not|do\s+not)"
    r"\s+rule\s+out\b|\beven\s+so\b|\bstill\s+(?:recommend|urge|ask|advise)\b", re.I)


def _no_evidence(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _NO_EVIDENCE):
        if doc.any_near(unit, _QUALIFIED, before=0, after=1):
            continue
        yield hit(unit, m, '"No evidence of misuse" reads as "no risk" to most readers.')


# -- "out of an abundance of caution" -------------------------------------------
_CAUTION = re.compile(
    r"\b(?:out\s+of|in|with)\s+(?:an?\s+)?(?:abundance|excess|surplus|overabundance)\s+of\s+(?:caution|care|prudence)\b"
    r"|\b(?:purely|solely|simply|merely|only)\s+(?:out\s+of|as\s+a\s+matter\s+of)\s+(?:caution|prudence)\b"
    r"|\b(?:purely|solely|simply|merely|only)\s+as\s+a\s+precaution(?:ary\s+measure)?\b|\bpurely\s+precautionary\b"
    r"|\bprecaution(?:ary\s+(?:measure|step))?\s+only\b",
    re.I)


def _caution(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _CAUTION):
        yield hit(unit, m, f'"{quote(m.group(0))}" plays the incident down.')


# -- "sorry for any inconvenience" ----------------------------------------------
_APOLOGY = r"\b(?:sorry|apologi[sz]e[sd]?|apologies|regret\w*)\b"
_SORRY_ANY = re.compile(
    _APOLOGY + r"[^.!?]{0,60}?\bany\s+(?:\w+\s+)?(?:concern|confusion|trouble|frustration|disruption|difficult\w*"
    r"|worry|anxiety|distress|inconvenience)\b", re.I)
_SORRY_INCONVENIENCE = re.compile(_APOLOGY + r"[^.!?]{0,80}?\binconvenien(?:ce|ces|t)\b", re.I)


def _sorry(doc: Document) -> Iterator[Hit]:
    for rx in (_SORRY_ANY, _SORRY_INCONVENIENCE):
        for unit, m in scan(doc, rx):
            yield hit(unit, m, "A conditional apology for \u201cinconvenience\u201d belittles the harm.")


# -- "no comment" ---------------------------------------------------------------
_NO_COMMENT = re.compile(r"\bno\s+comment\b(?!\s+(?:can|could|will|would|is|was|should|may|might)\b)", re.I)
_REFUSAL = re.compile(
    r"\b(?:declin\w+|refus\w+)\s+to\s+comment\b|\b(?:we|I)(?:\s+are|['\u2019]re|\s+am|['\u2019]m)?\s+(?:will\s+not"
    r"|won['\u2019]t|cannot|can['\u2019]t|can\s+not|do\s+not|don['\u2019]t|not\s+able\s+to|unable\s+to"
    r"|not\s+in\s+a\s+position\s+to)\s+(?:be\s+)?comment(?:ing)?\b|\bnot\s+(?:be\s+)?commenting\b", re.I)


def _no_comment(doc: Document) -> Iterator[Hit]:
    msg = "A refusal to comment sounds like hiding something."
    for unit, m in scan(doc, _NO_COMMENT, skip_negated=True):
        yield hit(unit, m, msg)
    for unit, m in scan(doc, _REFUSAL):
        yield hit(unit, m, msg)


# -- guarantees and absolutes ---------------------------------------------------
_GUARANTEE = re.compile(
    r"\bguarantee(?:s|d)?\b|\bguaranteeing\b"
    r"|\b(?:fully|completely|totally|entirely|perfectly|absolutely|100\s?%|one\s+hundred\s+per\s?cent)\s+"
    r"(?:secured?|safe|protected|safeguarded)\b"
    r"|\b(?:unhackable|impenetrable|hack-?proof|bullet-?proof)\b|\bcannot\s+be\s+hacked\b"
    r"|\b(?:never|not)\s+(?:ever\s+)?happens?\s+again\b"
    r"|\b(?:your|all|customer|our)\s+(?:\w+\s+){0,2}?(?:data|information|details|accounts?|money|funds|systems?)\s+"
    r"(?:is|are|remains?)\s+(?:now\s+)?(?:completely\s+|totally\s+|fully\s+|perfectly\s+)?(?:safe|secure)\b"
    r"(?!\s+(?:to|from|for)\b)", re.I)


def _guarantee(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _GUARANTEE):
        if doc.negated(unit, unit.start + m.start(), words=40):
            continue  # "we cannot say the system is completely secure": negated anywhere in the clause
        yield hit(unit, m, f'"{quote(m.group(0))}" promises what no one can promise.')


RULES: tuple[Rule, ...] = (
    Rule(RuleInfo(
        "cliche-take-seriously", W, FAMILY,
        'Flags "we take ... seriously" and "with the (utmost) seriousness (it deserves)". Instructions to the '
        'reader ("please take this email seriously") and negated admissions ("we did not take the alert '
        'seriously") pass.',
        CAL_AG,
        "Delete it and show seriousness with a fact: what you did, and when."), _take_seriously),
    Rule(RuleInfo(
        "cliche-top-priority", W, FAMILY,
        'Flags "our top/highest/number-one priority", "of the utmost importance", "is paramount", "nothing '
        'matters more to us than" and "at the heart of everything we do" in a sentence about security, privacy, '
        "data or trust. A concrete operational priority (\"our top priority today is reopening the warehouse\") "
        "passes.",
        CAL_AG,
        "Replace the claim with the concrete steps you took."), _top_priority),
    Rule(RuleInfo(
        "hedge-may-be-affected", W, FAMILY,
        'Flags "may/might/could have been affected/accessed/exposed", "potentially/possibly affected", '
        '"may be affected" and "may involve your ..." about people or data, "it is possible that ..." and '
        '"you may be one of those affected". Other uses of "may" (permission, the month, questions) and '
        "conditionals addressed to the reader pass.",
        f"{ZOU}: hedging in 70% of them, and readers could not tell whether they were at risk.",
        "Say what you know, what you do not know yet, and when you will know."), _hedge),
    Rule(RuleInfo(
        "no-evidence-of-misuse", W, FAMILY,
        'Flags "no evidence/indication/sign/reason to believe ... misused/used/fraud/published", "not aware of '
        'any misuse", "not detected any fraudulent activity", "seen nothing to suggest ... misused" and "none of '
        'the data has been misused", unless the same or next sentence says what that does not mean ("this does '
        'not mean your data is safe"). "No evidence the attacker reached the backups" (not about misuse) passes.',
        f"{ZOU}: used in 40% of them; readers take it to mean there is no risk.",
        "Say what you checked and what it cannot rule out, then tell readers what to watch for."),
        _no_evidence),
    Rule(RuleInfo(
        "abundance-of-caution", W, FAMILY,
        'Flags "out of an abundance/excess of caution (or care)", "purely as a precaution", "purely out of '
        'caution" and "as a precautionary measure only". A plain "As a precaution, we ..." passes.',
        "Plays the incident down (the content guide's inference; no direct study measured it).",
        "Drop the phrase; say what you are doing and why the reader should care."), _caution),
    Rule(RuleInfo(
        "sorry-inconvenience", W, FAMILY,
        'Flags an apology for "inconvenience" and apologies for "any concern/trouble/worry". A direct apology '
        '("We are sorry for the worry this has caused") passes.',
        "A breach is a harm, not an inconvenience; CDC crisis communication (CERC) asks for real empathy.",
        'Apologise plainly for what happened: "We are sorry. We should have ..."'), _sorry),
    Rule(RuleInfo(
        "no-comment", E, FAMILY,
        'Flags "no comment", "declined to comment", "we cannot/will not/are unable to comment" and "is not '
        'commenting", but not instructions that forbid it ("never say \'no comment\'", "please do not comment '
        'on social media") or "no comment can make up for ...".',
        "Crisis practice in the content guide: never say \"no comment\"; only named spokespeople speak, "
        "and they say what is known and when more will come.",
        "Say what you can confirm, what you cannot yet, and when the next update comes."), _no_comment),
    Rule(RuleInfo(
        "absolute-guarantee", W, FAMILY,
        'Flags "guarantee(d)", "fully/completely/100% secure/safe/protected", "unhackable", "never happen '
        'again" and "your data is (now) safe/secure". Negated forms ("we cannot guarantee", "no system is 100% '
        'secure") pass: they state honest uncertainty, not a promise.',
        "No organisation can promise security; the next incident disproves the claim (content guide).",
        "Describe the specific protections you added instead of promising an outcome."), _guarantee),
)
