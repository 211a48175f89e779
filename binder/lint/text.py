"""Turning a text into lines, headings, sentences and quotations with offsets.

Rules never re-split the text themselves: they ask the :class:`Document` for
sentences (with their offsets into the original text) and for helpers such as
"is this match negated" or "is this phrase only being quoted".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cached_property

from binder.lint.findings import LintContext
from binder.lint.patterns import CLAUSE_BREAK, MENTION_CUE, NEGATION

log = logging.getLogger(__name__)

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25aa]|\d{1,2}[.)])\s+")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)[^*_]+(?:\*\*|__)\s*:?\s*$")
_TERMINAL = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*")
# Company suffixes (Inc., Ltd., Corp.) are left out: they often end a sentence,
# and mid-sentence they are followed by a lower-case word, which never splits.
_ABBREVIATIONS = frozenset({
    "e.g", "i.e", "mr", "mrs", "ms", "dr", "st", "no", "vs", "art", "civ", "sec", "approx", "u.s", "dept",
    "fig", "nos", "para", "cf", "jr", "sr",
})
#: "Credit Bureau One: 1-800-...", "Media contact: ..." - a labelled line is an item of its own.
_LABEL_LINE = re.compile(r"^\s*[A-Z][\w.'&/-]*(?:\s+[\w.'&/-]+){0,4}:\s+\S")
LOOK_BEHIND = 240
_NEXT_STARTS = re.compile("\\s*+(?:[A-Z0-9\"'\u201c\u2018(\\[]|$)")
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s|$)")
_QUOTE = re.compile(
    "\u201c[^\u201d\\n]{1,300}\u201d|\"[^\"\\n]{1,300}\"|\u2018[^\u2019\\n]{1,120}\u2019"
    "|(?<![\\w'])'[^'\\n]{1,120}'(?![\\w])")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class Unit:
    """A sentence (or a heading line) with its offsets into the text."""

    start: int
    end: int
    text: str
    index: int
    heading: bool
    paragraph: int

    @property
    def question(self) -> bool:
        return self.text.rstrip().rstrip("\"'\u201d\u2019)").endswith("?")

    @property
    def words(self) -> int:
        return count_words(self.text)


@dataclass
class Document:
    """A text prepared for the rules."""

    text: str
    kind: str | None = None
    jurisdiction: str | None = None
    context: LintContext | None = None
    units: list[Unit] = field(default_factory=list)
    _near_cache: dict[str, dict[int, bool]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.units:
            self.units = list(_split(self.text))

    # -- views -------------------------------------------------------------
    @cached_property
    def sentences(self) -> list[Unit]:
        """Prose units: sentences, bullet items, run-in paragraphs (no headings)."""
        return [u for u in self.units if not u.heading]

    @cached_property
    def headings(self) -> list[Unit]:
        return [u for u in self.units if u.heading]

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in _QUOTE.finditer(self.text)]

    @cached_property
    def prose_text(self) -> str:
        return "\n".join(u.text for u in self.sentences)

    def any_near(self, unit: Unit, rx: re.Pattern[str], before: int = 1, after: int = 1) -> bool:
        """Does ``rx`` match in the unit or its paragraph neighbours? (cached per unit)"""
        cache = self._near_cache.setdefault(rx.pattern, {})
        for u in self.neighbours(unit, before, after):
            if u.index not in cache:
                cache[u.index] = bool(rx.search(u.text))
            if cache[u.index]:
                return True
        return False

    def neighbours(self, unit: Unit, before: int = 1, after: int = 1) -> list[Unit]:
        """The unit plus up to ``before``/``after`` units of the same paragraph."""
        out = []
        for u in self.units[max(0, unit.index - before): unit.index + after + 1]:
            if u.paragraph == unit.paragraph and not u.heading:
                out.append(u)
        return out or [unit]

    # -- helpers used by rules ----------------------------------------------
    def clause_before(self, unit: Unit, pos: int, limit: int = LOOK_BEHIND) -> str:
        """Text of the unit from the start of the clause that holds ``pos``
        (at most ``limit`` characters, so huge run-on texts stay linear)."""
        before = self.text[max(unit.start, pos - limit):pos]
        cut = 0
        for m in CLAUSE_BREAK.finditer(before):
            cut = m.end()
        return before[cut:]

    def negated(self, unit: Unit, pos: int, words: int = 4) -> bool:
        """True when a negation word stands in the ``words`` words before ``pos``
        in the same clause ("not sophisticated", "cannot guarantee")."""
        window = " ".join(self.clause_before(unit, pos).split()[-words:])
        return bool(NEGATION.search(window))

    def mentioned(self, unit: Unit, start: int, end: int) -> bool:
        """True when the match sits in a short quotation that is introduced as an
        example to avoid ("never say 'no comment'", "phrases like 'top priority'")."""
        for q_start, q_end in self.quotes:
            if q_start <= start and end <= q_end:
                if count_words(self.text[q_start:q_end]) > 8:
                    return False
                lead = self.text[max(unit.start, q_start - 80):q_start]
                return bool(MENTION_CUE.search(" ".join(lead.split()[-6:])))
        return False


# -- splitting ----------------------------------------------------------------

def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if _MD_HEADING.match(line) or _BOLD_LINE.match(line):
        return True
    if _BULLET.match(line):
        return False
    words = count_words(stripped)
    if stripped.endswith(":") and words <= 8:
        return True
    if stripped.endswith(","):
        return words <= 6  # "Dear Customer," / "Sincerely,"
    return words <= 10 and not _TERMINAL.search(stripped) and ":" not in stripped[:-1] and "?" not in stripped


def _regions(text: str) -> list[tuple[int, int, bool, int]]:
    """Split into (start, end, is_heading, paragraph) regions of whole lines."""
    regions: list[tuple[int, int, bool, int]] = []
    paragraph = 0
    cur_start: int | None = None
    cur_end = 0
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        start, end = pos, pos + len(line)
        pos += len(raw)
        if not line.strip():
            if cur_start is not None:
                regions.append((cur_start, cur_end, False, paragraph))
                cur_start = None
            paragraph += 1
            continue
        lead = len(line) - len(line.lstrip())
        start += lead
        if _is_heading(line):
            if cur_start is not None:
                regions.append((cur_start, cur_end, False, paragraph))
                cur_start = None
            regions.append((start, end, True, paragraph))
            paragraph += 1
            continue
        if (_BULLET.match(line) or _LABEL_LINE.match(line)) and cur_start is not None:
            regions.append((cur_start, cur_end, False, paragraph))
            cur_start = None
        if cur_start is None:
            cur_start = start
        cur_end = end
    if cur_start is not None:
        regions.append((cur_start, cur_end, False, paragraph))
    return regions


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    chunk = text[start:end]
    s = 0
    for m in _BOUNDARY.finditer(chunk):
        words = chunk[max(s, m.start() - 24):m.start()].split()
        last = words[-1].lower().lstrip("(\"'\u201c\u2018") if words else ""
        if m.group(0).startswith(".") and (last in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last)):
            continue
        if not _NEXT_STARTS.match(chunk, m.end()):
            continue
        spans.append((start + s, start + m.end()))
        s = m.end()
        while s < len(chunk) and chunk[s].isspace():
            s += 1
    if chunk[s:].strip():
        tail = chunk[s:]
        spans.append((start + s, start + s + len(tail.rstrip())))
    return spans


def _split(text: str) -> list[Unit]:
    units: list[Unit] = []
    for r_start, r_end, heading, paragraph in _regions(text):
        if heading:
            units.append(Unit(r_start, r_end, text[r_start:r_end], len(units), True, paragraph))
            continue
        for s_start, s_end in _sentence_spans(text, r_start, r_end):
            units.append(Unit(s_start, s_end, text[s_start:s_end], len(units), False, paragraph))
    return units
