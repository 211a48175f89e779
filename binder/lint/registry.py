"""The rule type, the hit type rules yield, and small helpers for phrase rules."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from binder.lint.findings import RuleInfo, Severity
from binder.lint.text import Document, Unit

log = logging.getLogger(__name__)

#: Kinds that describe the US consumer letter in its state variants.
US_NOTICE = "us_consumer_notice"


class Hit(NamedTuple):
    """What a rule reports; the engine adds severity, hint and why from the RuleInfo."""

    start: int
    end: int
    message: str
    severity: Severity | None = None


Check = Callable[[Document], Iterable[Hit]]
Applies = Callable[[str | None, str | None], bool]


def everywhere(kind: str | None, jurisdiction: str | None) -> bool:
    return True


def for_kinds(*kinds: str) -> Applies:
    wanted = frozenset(kinds)

    def applies(kind: str | None, jurisdiction: str | None) -> bool:
        return kind in wanted
    return applies


def for_kind_and_jurisdictions(kind: str, *codes: str | None) -> Applies:
    wanted = frozenset(codes)

    def applies(k: str | None, jurisdiction: str | None) -> bool:
        return k == kind and jurisdiction in wanted
    return applies


@dataclass(frozen=True)
class Rule:
    info: RuleInfo
    check: Check
    applies: Applies = everywhere


def scan(doc: Document, pattern: re.Pattern[str], *, headings: bool = True,
         skip_questions: bool = False, skip_negated: bool = False,
         skip_mentions: bool = True) -> Iterator[tuple[Unit, re.Match[str]]]:
    """Yield (unit, match) for each match of ``pattern`` inside single units.

    Match offsets are relative to ``unit.text``; use :func:`span` for absolute ones.
    """
    for unit in doc.units:
        if unit.heading and not headings:
            continue
        if skip_questions and unit.question:
            continue
        for m in pattern.finditer(unit.text):
            start = unit.start + m.start()
            if skip_negated and doc.negated(unit, start):
                continue
            if skip_mentions and doc.mentioned(unit, start, unit.start + m.end()):
                continue
            yield unit, m


def span(unit: Unit, m: re.Match[str], group: int | str = 0) -> tuple[int, int]:
    return unit.start + m.start(group), unit.start + m.end(group)


def hit(unit: Unit, m: re.Match[str], message: str) -> Hit:
    start, end = span(unit, m)
    return Hit(start, end, message)


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
