"""Readability: Flesch-Kincaid grade over the prose, and long sentences.

The grade uses textstat's formula (0.39 x words per sentence + 11.8 x syllables
per word - 15.59) and textstat's pyphen syllable estimate. It does not call
textstat itself: textstat 0.7.x counts syllables with the NLTK CMU dictionary
and, when that corpus is not installed, calls ``nltk.download`` - a network
request. This module never imports textstat or nltk; pyphen (a textstat
dependency) ships its hyphenation dictionaries inside the wheel, so the score
is offline and identical on every machine.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Protocol

from binder.lint.findings import RuleInfo, Severity
from binder.lint.patterns import EMAIL, PHONE, URL
from binder.lint.placeholders import PLACEHOLDER
from binder.lint.registry import Hit, Rule
from binder.lint.text import Document, Unit, count_words

log = logging.getLogger(__name__)

GRADE_WARN = 8.0
GRADE_ERROR = 10.0
MIN_SENTENCES = 3
LONG_SENTENCE = 25
#: Kinds written for professionals (a supervisory authority, investors), not the public.
NO_GRADE_KINDS = frozenset({"gdpr_art33", "sec_8k"})

_TERMINAL = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$")
_LABEL = re.compile(r"^\s*+(?:[-*\u2022]|\d{1,2}[.)])?\s*+(?:[A-Z][\w ]{0,30}:)\s*")


class _Hyphenator(Protocol):
    def positions(self, word: str) -> list[int]: ...


@lru_cache(maxsize=1)
def _hyphenator() -> _Hyphenator:
    import pyphen  # type: ignore[import-untyped]  # local data only; lazy to keep `import binder.lint` fast

    h: _Hyphenator = pyphen.Pyphen(lang="en_US")
    return h


def words_of(text: str) -> list[str]:
    """Words the way textstat counts them: punctuation (hyphens included) removed."""
    return re.sub(r"[^\w\s']", "", text).split()


@lru_cache(maxsize=8192)
def syllables(word: str) -> int:
    """textstat's fallback estimate: hyphenation points + 1."""
    return len(_hyphenator().positions(word.lower())) + 1


def fk_grade(sentences: list[str]) -> float:
    """Flesch-Kincaid grade of already split sentences (textstat's formula)."""
    words = [w for s in sentences for w in words_of(s)]
    if not sentences or not words:
        return 0.0
    syl = sum(syllables(w) for w in words)
    return 0.39 * (len(words) / len(sentences)) + 11.8 * (syl / len(words)) - 15.59


def _clean(text: str) -> str:
    for rx in (PLACEHOLDER, URL, EMAIL, PHONE):
        text = rx.sub(" ", text)
    return _LABEL.sub("", text)


def prose_sentences(doc: Document) -> list[Unit]:
    """Sentences that count for readability: not headings, not fragments."""
    out = []
    for unit in doc.sentences:
        n = count_words(_clean(unit.text))
        if n >= 3 and (_TERMINAL.search(unit.text) or n >= 8):
            out.append(unit)
    return out


def _grade(doc: Document) -> Iterator[Hit]:
    if doc.kind in NO_GRADE_KINDS:
        return
    units = prose_sentences(doc)
    if len(units) < MIN_SENTENCES:
        return
    grade = fk_grade([_clean(u.text) for u in units])
    if grade <= GRADE_WARN:
        return
    severity = Severity.ERROR if grade > GRADE_ERROR else Severity.WARNING
    yield Hit(0, 0, f"Flesch-Kincaid grade {grade:.1f}; aim for 8 or lower.", severity)


def _long(doc: Document) -> Iterator[Hit]:
    for unit in doc.sentences:
        n = len(words_of(_clean(unit.text)))
        if n > LONG_SENTENCE:
            yield Hit(unit.start, unit.end, f"Sentence of {n} words; keep sentences under {LONG_SENTENCE + 1}.")


RULES: tuple[Rule, ...] = (
    Rule(RuleInfo(
        "readability-grade", Severity.WARNING, "readability",
        "Flesch-Kincaid grade of the prose (headings, placeholders, addresses and fragments left out) above 8 "
        "is a warning, above 10 an error. Texts with fewer than 3 sentences are not scored; GDPR Art. 33 "
        "notices and SEC 8-K drafts (written for professionals) are not scored.",
        "US adults read at about grade 7-8, and the breach notices that were studied were far harder (content "
        "guide); GDPR Art. 34(2) and HIPAA 164.404(c) ask for clear, plain language.",
        "Use shorter sentences and everyday words: \"use\" not \"utilize\", \"told\" not \"notified\".",
        applies_to="all texts except gdpr_art33 and sec_8k"), _grade),
    Rule(RuleInfo(
        "sentence-too-long", Severity.WARNING, "readability",
        f"Flags each sentence of more than {LONG_SENTENCE} words (words counted as textstat counts them).",
        "Long sentences are the main driver of a high grade and are hard to follow under stress (content guide).",
        "Split it: one fact per sentence."), _long),
)
