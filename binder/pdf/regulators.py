"""Regulators and their deadlines, printed with the not-legal-advice notice.

Duties marked as applying to us come first, shortest clock first: under
stress the question is "what is due next". The rest follow by jurisdiction.
Each row says what starts the clock and how sure the entry is.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from binder.models import Regulator
from binder.pdf.base import LEGAL_NOTICE, build, esc
from binder.pdf.sections import (
    Area,
    Cell,
    PrintOptions,
    heading,
    live,
    notice_box,
    print_styles,
    sort_key,
    titled_table,
)

CLOCK_WORDS: dict[str, str] = {
    "awareness": "from becoming aware",
    "discovery": "from discovery",
    "breach_determination": "from deciding a breach occurred",
    "materiality_determination": "from the materiality determination",
    "investigation_complete": "from the end of the investigation",
    "ransom_payment": "from paying a ransom",
    "calendar_year_end": "from the end of the calendar year",
}
AUDIENCE_WORDS: dict[str, str] = {
    "regulator": "the regulator", "individuals": "affected individuals", "media": "the media",
    "consumer_reporting_agencies": "consumer reporting agencies", "other": "others",
}
CONFIDENCE_WORDS: dict[str, str] = {
    "statute": "Read in the statute",
    "regulator": "Read on the regulator's page",
    "secondary": "From a secondary chart: verify",
    "unverified": "Unverified: check before relying on it",
}
HOURS_PER_UNIT: dict[str, float] = {"hours": 1, "calendar_days": 24,
                                    "business_days": 24 * 7 / 5, "months": 24 * 30.4}


@dataclass(frozen=True)
class RegulatorsPrintData:
    """Input for :func:`render_regulators`."""

    organisation: str
    classification: str
    as_of: str
    regulators: tuple[Regulator, ...]
    page_size: str = "A4"
    legal_as_of: str | None = None


def deadline_summary(r: Regulator) -> str:
    """"72 hours", "4 business days", "No fixed clock"."""
    amount = r.deadline_amount
    if r.deadline_unit not in HOURS_PER_UNIT or amount is None:
        return "No fixed clock"
    unit = {"hours": "hour", "calendar_days": "day", "business_days": "business day",
            "months": "month"}[r.deadline_unit]
    return f"{amount} {unit}{'' if amount == 1 else 's'}"


def deadline_hours(r: Regulator) -> float:
    """The clock in hours (business days counted as 7/5 days), or infinity when none."""
    if r.deadline_unit not in HOURS_PER_UNIT or r.deadline_amount is None:
        return math.inf
    return r.deadline_amount * HOURS_PER_UNIT[r.deadline_unit]


def clock_words(clock_start: str) -> str:
    if clock_start.startswith("duty:"):
        return f"after the {clock_start[5:]} notice"
    return CLOCK_WORDS.get(clock_start, f"from {clock_start.replace('_', ' ')}")


def legal_as_of_for(regulators: Iterable[Regulator]) -> str | None:
    """The as-of date to print for the regulator content: the oldest one given."""
    dates = [r.dataset_as_of or r.source_as_of for r in regulators]
    return min((d for d in dates if d), default=None)


def _by_urgency(r: Regulator) -> tuple[object, ...]:
    return (not r.in_force, deadline_hours(r), sort_key(r.jurisdiction), r.audience, r.duty_id)


def _by_place(r: Regulator) -> tuple[object, ...]:
    return (sort_key(r.jurisdiction), r.audience != "regulator", r.duty_id)


def regulator_groups(regulators: Iterable[Regulator]) -> list[tuple[str, list[Regulator]]]:
    """(title, duties): ours shortest clock first, then the rest by jurisdiction."""
    duties = live(regulators)
    ours = sorted((r for r in duties if r.applies_to_us), key=_by_urgency)
    rest = sorted((r for r in duties if not r.applies_to_us), key=_by_place)
    if not ours:
        return [("All duties on file, by jurisdiction", rest)] if rest else []
    groups = [("Duties marked as applying to us, shortest clock first", ours)]
    if rest:
        groups.append(("Other duties on file, by jurisdiction", rest))
    return groups


def _row(r: Regulator, st: dict[str, ParagraphStyle]) -> list[Cell]:
    cell, small = st["cell"], st["cell_small"]
    who = [f"<b>{esc(r.jurisdiction)}</b> · {esc(r.regime)}", esc(r.authority),
           f"<font size='8'>{esc(r.citation)}</font>" if r.citation else "",
           f"Notify: {esc(AUDIENCE_WORDS.get(r.audience, r.audience))}"]
    when = [f"<b>{esc(deadline_summary(r))}</b>", esc(clock_words(r.clock_start))]
    phase = r.details.get("phase") if isinstance(r.details, dict) else None
    if isinstance(phase, str) and phase:
        when.insert(0, f"Stage: {esc(phase.replace('_', ' '))}")
    if not r.in_force:
        when.insert(0, "<b>NOT IN FORCE</b>")
    when.append(f"<font size='8.5'>{esc(r.deadline_text)}</font>")
    how = [f"<b>How:</b> {esc(r.notify_how)}" if r.notify_how else "",
           f"<b>Threshold:</b> {esc(r.threshold)}" if r.threshold else "",
           f"<b>Individuals:</b> {esc(r.individual_notice)}" if r.individual_notice else "",
           esc(r.notes)]
    source = [esc(CONFIDENCE_WORDS.get(r.confidence, r.confidence)),
              f"as of {esc(r.source_as_of)}" if r.source_as_of else "",
              esc(r.source_url)]
    if r.user_edited:
        source.insert(0, "<b>Edited in this binder</b>")
    return [Cell("<br/>".join(p for p in who if p), cell),
            Cell("<br/>".join(p for p in when if p), cell),
            Cell("<br/>".join(p for p in how if p) or "Not recorded", small),
            Cell("<br/>".join(p for p in source if p), small)]


def regulators_section(regulators: Sequence[Regulator], area: Area, *, level: int = 0,
                       title: str = "Regulators and deadlines") -> list[Flowable]:
    """The notice, then a table per group of duties."""
    st = print_styles()
    as_of = legal_as_of_for(live(regulators))
    stamp = f" This list is as of {esc(as_of)}." if as_of else ""
    story: list[Flowable] = [heading(title, level, st, key="regulators", legal=True),
                             notice_box(f"<b>{esc(LEGAL_NOTICE)}</b>{stamp} Clocks often start "
                                        "when you become aware, not when you are sure.", st)]
    groups = regulator_groups(regulators)
    if not groups:
        story.append(Paragraph("No notification duties are recorded in this binder.", st["body"]))
    header = ("Where and whom", "Deadline", "How, threshold, individuals", "Source")
    widths = area.columns(27, 24, 31, 18)
    for group_title, duties in groups:
        title = f"{esc(group_title)} <font size='9'>({len(duties)})</font>"
        story += titled_table(title, header, [_row(r, st) for r in duties], widths, st)
    return story


def render_regulators(data: RegulatorsPrintData) -> bytes:
    """Regulators and deadlines as one PDF; every page carries the legal notice."""
    area = Area.for_page(data.page_size)
    options = PrintOptions(data.organisation, data.classification, data.as_of, data.page_size)
    legal = data.legal_as_of or legal_as_of_for(data.regulators) or data.as_of
    return build(regulators_section(data.regulators, area),
                 options.meta("Regulators and deadlines", legal_as_of=legal))
