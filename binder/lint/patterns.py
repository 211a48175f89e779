"""Regular expressions shared by several rule families (dates, times, numbers,
contact details, negation)."""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

#: An absolute calendar date: "3 March 2026", "March 3, 2026", "2026-03-03", "03/03/2026".
DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\.?(?:,?\s+\d{{4}})?\b"
    rf"|\b{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"
    rf"|\b{MONTH}\s+\d{{4}}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.I,
)
#: Days named relative to today, which also date an event.
RELATIVE_DAY = re.compile(
    rf"\b(?:yesterday|today|tonight|this\s+morning|last\s+night|on\s+{WEEKDAY})\b", re.I)
#: A clock time: "17:00", "9 a.m.", "noon".
TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}\b(?:\s?(?:am|pm|a\.m\.|p\.m\.))?"
    r"|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)"
    r"|\b(?:noon|midday|midnight)\b",
    re.I,
)
PHONE = re.compile(r"(?<![\w-])\+?\(?\d[\d\s().-]{5,18}\d(?![\w-])")
TOLL_FREE = re.compile(r"(?<!\d)(?:\+?1[-.\s]?)?\(?8(?:00|33|44|55|66|77|88)\)?[-.\s]?\d{3}[-.\s]?\d{4}(?!\d)")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"\b(?:https?://|www\.)\S+|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|us|info|io)\b(?:/\S*)?",
                 re.I)
POSTAL = re.compile(
    r"\b\d+\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|Lane|Ln\.?"
    r"|Drive|Dr\.?|Way|Court|Place|Plaza|Square)(?![a-z])|\bP\.?\s?O\.?\s+Box\s+\d+")
REFERENCE = re.compile(r"\b[A-Z]{2,}[-/]?\d[\w-]*\b")

NUMBER_WORDS = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
                r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
                r"|hundreds?|thousands?|dozens?|millions?)")
FIGURE = re.compile(rf"\d|\b{NUMBER_WORDS}\b|%", re.I)

#: Words that negate what follows them in the same clause.
NEGATION = re.compile(
    r"\b(?:not|never|no|none|nor|neither|without|cannot|hardly|avoid|avoiding|nothing)\b|n['’]t\b", re.I)
#: Words before a quoted phrase that show the phrase is mentioned, not used.
MENTION_CUE = re.compile(
    r"\b(?:not|never|no|avoid|avoiding|instead\s+of|rather\s+than|such\s+as|like|phrases?|words?|wording"
    r"|terms?|boilerplate|clich[eé]s?)\b|n['’]t\b", re.I)
CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\bbut\b|\band\b|\bbecause\b|\bso\b", re.I)


def strip_non_figures(text: str) -> str:
    """Blank out dates, times, phone numbers and reference codes, so that
    what is left only has digits where a count or amount is given."""
    for rx in (DATE, TIME, PHONE, REFERENCE, EMAIL, URL):
        text = rx.sub(lambda m: " " * len(m.group(0)), text)
    return text

