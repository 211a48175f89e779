"""Phrase rules about missing facts: undated discoveries, uncounted numbers,
guessed fix times."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from binder.lint.findings import RuleInfo, Severity
from binder.lint.patterns import DATE, FIGURE, RELATIVE_DAY, strip_non_figures
from binder.lint.registry import Hit, Rule, hit, quote, scan
from binder.lint.text import Document

log = logging.getLogger(__name__)

W = Severity.WARNING
FAMILY = "phrase"

# -- "recently discovered" ------------------------------------------------------
_DISCOVERED = (r"(?:discovered|learned|learnt|became\s+aware|become\s+aware|been\s+made\s+aware|made\s+aware"
               r"|identified|detected|found|determined|uncovered|noticed|confirmed|experienced|suffered"
               r"|(?:was|were|been)\s+(?:informed|notified)|received\s+(?:a\s+)?reports?)")
_RECENTLY = re.compile(
    rf"\b(?:recently|lately|earlier\s+this\s+(?:year|month|week)|in\s+recent\s+(?:days|weeks|months)"
    rf"|a\s+(?:few|couple\s+of)\s+(?:days|weeks|months)\s+ago),?\s+(?:[\w'\u2019-]+\s+){{0,3}}?{_DISCOVERED}\b"
    rf"|\b{_DISCOVERED}\s+(?:\w+\s+){{0,3}}?recently\b"
    r"|\b(?:a|the|this)\s+recent\s+(?:(?:data|security|cyber(?:security)?|privacy|IT)\s+)?(?:incident|breach"
    r"|attack|event|issue|intrusion|compromise|discovery|cyber-?attack)\b", re.I)


def _recently(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _RECENTLY):
        if doc.any_near(unit, DATE, 0, 0) or doc.any_near(unit, RELATIVE_DAY, 0, 0):
            continue
        yield hit(unit, m, f'"{quote(m.group(0))}" with no date.')


# -- "a limited number" ---------------------------------------------------------
_LIMITED = re.compile(
    r"\b(?:(?:very|relatively|extremely)\s+)?(?:limited|small|tiny|minimal|modest|minor)\s+(?:number|subset"
    r"|portion|percentage|fraction|proportion|group|set|share|amount|handful)\s+of\b|\ba\s+handful\s+of\b"
    r"|\ba\s+(?:tiny\s+|small\s+)?fraction\s+of\b", re.I)


def _limited(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _LIMITED):
        if any(FIGURE.search(strip_non_figures(u.text)) for u in doc.neighbours(unit, before=0, after=1)):
            continue
        yield hit(unit, m, f'"{quote(m.group(0))}" with no figure.')


# -- guessed fix times ----------------------------------------------------------
_MONTHS = (r"january|february|march|april|may|june|july|august|september|october|november|december")
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_FUTURE = (r"(?:will|should|shall|expects?|expected|expecting|anticipates?|anticipated|hopes?|hoping|aims?|aiming"
           r"|plans?|planning|intends?|on\s+track|estimated?)")
_RESTORED = (r"(?:resolved|restored|fixed|repaired|recovered|resumed?|back\s+(?:online|up|to\s+normal|in\s+service"
             r"|in\s+operation)|up\s+and\s+running|(?:fully\s+)?operational(?:\s+again)?|available\s+again"
             r"|running\s+again|working\s+again|(?:up|online)\s+again|resolve|restore|fix|repair|recover|resume"
             r"|restoration|recovery|resolution)")
_WHEN = (rf"(?:by\s+(?:the\s+)?(?:end\s+of\s+)?(?:\w+\s+)?(?:\d|{_DAYS}|tomorrow|tonight|noon|midday|midnight"
         rf"|weekend|week|end|close|this|next|mid|early|late|{_MONTHS})"
         r"|within\s+(?:the\s+)?(?:next\s+|coming\s+)?(?:\d+|a|an|one|two|three|four|five|six|seven|few|several)\s*"
         r"(?:-\s*)?(?:hours?|days?|weeks?|minutes?|business\s+days?)"
         r"|in\s+(?:the\s+)?(?:next\s+|coming\s+)?(?:about\s+|around\s+|roughly\s+|under\s+)?(?:\d+|a|an|one|two|three"
         r"|a\s+few|few|several)\s+(?:hours?|days?|weeks?)"
         r"|shortly|soon|imminently|later\s+(?:today|this\s+week)|tonight|tomorrow"
         rf"|this\s+(?:evening|afternoon|weekend|week)|over\s+the\s+weekend|before\s+(?:the\s+)?(?:weekend|end"
         rf"|{_DAYS}|\d)|on\s+(?:{_DAYS}|\d|{_MONTHS})|next\s+(?:week|month|{_DAYS})|later\s+this\s+(?:week|month))")
_GAP = r"(?:[^\s.;!?]+\s+){0,6}?"
_SERVICE = (r"(?:service|services|systems?|website|site|app|e-?mail|network|operations|power|trading|deliveries"
            r"|payments?|phones?|phone\s+lines)")
_FIX_TIME = re.compile(
    rf"\b{_FUTURE}\s+{_GAP}{_RESTORED}\b\s*{_GAP}{_WHEN}\b"
    rf"|\b{_SERVICE}\s+(?:\w+\s+){{0,2}}?(?:will|should|is\s+expected\s+to|are\s+expected\s+to)\s+(?:be\s+back|come\s+back"
    rf"|return)\b\s*{_GAP}{_WHEN}\b"
    r"|\b(?:expected|likely|anticipated|set|should|will)\s+(?:to\s+)?last\s+(?:no\s+more\s+than\s+|up\s+to\s+|about\s+"
    r"|around\s+|only\s+|less\s+than\s+)?(?:a|an|one|two|three|\d+|a\s+few|several)\s+(?:more\s+)?(?:hours?|days?|weeks?)\b",
    re.I)
_UNKNOWN = re.compile(
    r"\b(?:do\s+not|don['\u2019]t|cannot|can['\u2019]t|not)\s+(?:yet\s+)?(?:know|say|tell|estimate|predict|promise)\b"
    r"|\bno\s+(?:estimate|timeline|time\s*frame)\b|\bunable\s+to\s+(?:say|estimate)\b", re.I)


def _fix_time(doc: Document) -> Iterator[Hit]:
    for unit, m in scan(doc, _FIX_TIME, skip_negated=True):
        if _UNKNOWN.search(unit.text[max(0, m.start() - 160): m.start()]):
            continue
        yield hit(unit, m, f'"{quote(m.group(0))}" guesses when it will be fixed.')


RULES: tuple[Rule, ...] = (
    Rule(RuleInfo(
        "recently-undated", W, FAMILY,
        'Flags "recently discovered/learned/became aware", "learned recently", "earlier this year we '
        'identified", "in recent weeks we found" and "a recent incident" when the sentence gives no date.',
        "\"Recently\" hides how long it took to notice and to tell people; HIPAA 45 CFR 164.404(c) asks for the "
        "dates of the breach and of its discovery.",
        "Give the dates: when it happened, when you found it, when you are writing."), _recently),
    Rule(RuleInfo(
        "limited-number-no-figure", W, FAMILY,
        'Flags "a limited/small number/subset/portion/percentage of", "a (small) fraction of" and "a handful of" '
        "when neither that sentence nor the next gives a figure.",
        "Minimising without numbers: the SEC's October 2024 settled actions over breach disclosures faulted "
        "\"limited\" wording that hid the scale (content guide).",
        "Give the number, even if approximate: \"about 2,300 customers\"."), _limited),
    Rule(RuleInfo(
        "guessed-fix-time", W, FAMILY,
        'Flags forecasts of a fix with a time: "will be restored by Friday", "back online within 24 hours", '
        '"resolved shortly", "should resume on Monday", "full service will return by ...", "expected to last no '
        'more than a day". Past fixes, plans without a time and "we do not yet know when" pass.',
        "Guessed fix times that slip cost credibility; the content guide says do not guess fix times (Norsk "
        "Hydro gave daily updates instead of promises).",
        "Say what works now, what does not, and when the next update comes."), _fix_time),
)
