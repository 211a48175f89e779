"""Printed checklists: one block per pause point, tick boxes, time and initials.

The mode (READ-DO or DO-CONFIRM), the owner role and the checklist's own
version and as-of date are stated at the top. A checklist is laid out on one
page when it fits at any of three densities (never below 10 pt for items);
otherwise it flows, and no pause point is split across pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from binder.content.checklists import MODE_HELP, MODES, Checklist, PausePoint, context_label
from binder.pdf.base import build, esc
from binder.pdf.sections import (
    GRID,
    Area,
    Cell,
    PrintOptions,
    flowables_height,
    grid_table,
    heading,
    print_styles,
    role_label,
    table_style,
)


@dataclass(frozen=True)
class Density:
    """How tightly a checklist is set: item and note sizes, room to write, sources shown."""

    item_size: float
    note_size: float
    write_mm: float
    sources: bool = True
    compact: bool = False


DENSITIES: tuple[Density, ...] = (
    Density(11, 9.5, 9.0),
    Density(10.5, 9, 7.5),
    Density(10, 8.5, 6.5),
    Density(10, 8.5, 6.5, sources=False),
    Density(10, 8.5, 5.5, sources=False, compact=True),
)


class TickBox(Flowable):
    """An empty square to tick by hand."""

    def __init__(self, size: float = 4.6 * mm) -> None:
        super().__init__()
        self.size = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(GRID)
        self.canv.setLineWidth(1.1)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def _header(checklist: Checklist, st: dict[str, ParagraphStyle], area: Area,
            compact: bool) -> list[Flowable]:
    pad = 2.5 if compact else 4.5
    mode = checklist.mode
    mode_style = ParagraphStyle("mode", parent=st["h2"], fontSize=14, leading=17,
                                spaceBefore=0, spaceAfter=0, keepWithNext=0)
    box = max(stringWidth(m, mode_style.fontName, 14) for m in (*MODES, mode)) + 14
    facts = " · ".join(p for p in (
        f"Owner: <b>{esc(role_label(checklist.owner))}</b>", esc(context_label(checklist)),
        f"Checklist version {esc(checklist.version)}, as of {esc(checklist.as_of)}") if p)
    mode_table = Table(
        [[Paragraph(esc(mode), mode_style),
          Paragraph(esc(MODE_HELP.get(mode, "Run this list item by item.")), st["cell"])]],
        colWidths=[box, area.width - box],
        style=table_style([("BOX", (0, 0), (0, 0), 1.6, GRID), ("BOX", (1, 0), (1, 0), 0.5, GRID),
                          ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("TOPPADDING", (0, 0), (-1, -1), pad),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 0.5)]))
    write_in = Table(
        [[Paragraph("Incident ref", st["cell_small"]), "", Paragraph("Date", st["cell_small"]), "",
          Paragraph("Run by", st["cell_small"]), ""]],
        colWidths=area.columns(13, 30, 7, 22, 10, 30),
        style=table_style([("LINEBELOW", (1, 0), (1, 0), 0.6, GRID),
                          ("LINEBELOW", (3, 0), (3, 0), 0.6, GRID),
                          ("LINEBELOW", (5, 0), (5, 0), 0.6, GRID),
                          ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                          ("TOPPADDING", (0, 0), (-1, -1), pad + 2),
                          ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
    return [mode_table, Spacer(1, 2 * mm), Paragraph(facts, st["small"]), Spacer(1, 1.2 * mm),
            Paragraph(esc(checklist.description), st["body"]), write_in, Spacer(1, 1 * mm)]


def _pause_point(point: PausePoint, number: int, checklist: Checklist,
                 st: dict[str, ParagraphStyle], area: Area, density: Density,
                 one_page: bool) -> KeepTogether:
    item_style = ParagraphStyle("item", parent=st["body"], fontSize=density.item_size,
                                leading=density.item_size * 1.22)
    note_style = ParagraphStyle("note", parent=st["body"], fontSize=density.note_size,
                                leading=density.note_size * 1.2)
    who_style = ParagraphStyle("who", parent=st["body"], fontSize=8.5, leading=10.2)
    head = st["cell_head"]
    rows: list[list[object]] = [[Paragraph("Done", head), Paragraph("Item", head),
                                 Paragraph("Who", head), Paragraph("Time", head),
                                 Paragraph("Initials", head)]]
    for index, item in enumerate(point.items, start=1):
        cell: list[Flowable] = [Cell(f"<b>{index}.</b> {esc(item.text)}", item_style)]
        if item.note:
            cell.append(Cell(esc(item.note), note_style))
        rows.append([TickBox(), cell, Cell(esc(role_label(item.owner)), who_style),
                     Spacer(1, density.write_mm * mm), ""])
    widths = [11 * mm, 0.0, 35 * mm, 15 * mm, 16 * mm]
    widths[1] = area.width - sum(widths)
    pad = 1.6 if density.compact else 2.5
    table = grid_table(rows, widths, header_rows=1,
                       extra=[("VALIGN", (0, 1), (0, -1), "MIDDLE"),
                              ("ALIGN", (0, 0), (0, -1), "CENTER"),
                              ("LEFTPADDING", (0, 0), (0, -1), 2),
                              ("RIGHTPADDING", (0, 0), (0, -1), 2),
                              ("TOPPADDING", (0, 1), (-1, -1), pad),
                              ("BOTTOMPADDING", (0, 1), (-1, -1), pad + 0.5)])
    title_style = ParagraphStyle("pause", parent=st["h3"], spaceBefore=3 if density.compact else 6)
    total = len(checklist.pause_points)
    title = Paragraph(f"Pause point {number} of {total} · {esc(point.name)}", title_style)
    block: list[Flowable] = [title]
    if not one_page and number > 1:  # this block may open a page: say which list it belongs to
        block.append(Paragraph(f"{esc(checklist.title)} · <b>{esc(checklist.mode)}</b> · "
                               f"Owner: {esc(role_label(checklist.owner))}", st["cell_small"]))
        block.append(Spacer(1, 1.5 * mm))
    block.append(table)
    return KeepTogether(block)


def _sources(checklist: Checklist, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    if not checklist.sources:
        return []
    text = " ".join(f"[{n}] {esc(s)}" for n, s in enumerate(checklist.sources, start=1))
    return [Spacer(1, 2 * mm), Paragraph(f"<b>Sources.</b> {text}", st["cell_small"])]


def _layout(checklist: Checklist, st: dict[str, ParagraphStyle], area: Area, density: Density,
            level: int, key: str | None, one_page: bool = True) -> list[Flowable]:
    story: list[Flowable] = [heading(checklist.title, level, st, key=key)]
    story += _header(checklist, st, area, density.compact)
    for number, point in enumerate(checklist.pause_points, start=1):
        story.append(_pause_point(point, number, checklist, st, area, density, one_page))
    if density.sources:
        story += _sources(checklist, st)
    return story


def checklist_section(checklist: Checklist, area: Area, *, level: int = 0,
                      key: str | None = None) -> list[Flowable]:
    """The flowables for one checklist, set to fit on one page of ``area`` when it can.

    Start it on a fresh page: the fit is measured for a whole frame.
    """
    st = print_styles()
    tried: dict[int, list[Flowable] | None] = {}

    def fits(index: int) -> list[Flowable] | None:
        if index not in tried:
            story = _layout(checklist, st, area, DENSITIES[index], level, key)
            tried[index] = story if flowables_height(story, area) <= area.height - 2 else None
        return tried[index]

    roomiest = fits(0)
    if roomiest is not None:
        return roomiest
    last = len(DENSITIES) - 1
    if fits(last) is None:  # not even the tightest fits: flow over pages, roomy
        return _layout(checklist, st, area, DENSITIES[0], level, key, one_page=False)
    low, high = 0, last  # DENSITIES grow tighter: low does not fit, high does; bisect
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle) is None:
            low = middle
        else:
            high = middle
    story = fits(high)
    assert story is not None
    return story


def checklists_section(checklists: Sequence[Checklist], area: Area, *, level: int = 0
                       ) -> list[Flowable]:
    """Several checklists, each starting on a new page."""
    story: list[Flowable] = []
    for index, checklist in enumerate(checklists):
        if index:
            story.append(PageBreak())
        story += checklist_section(checklist, area, level=level, key=f"checklist-{checklist.id}")
    return story


def render_checklist(checklist: Checklist, options: PrintOptions) -> bytes:
    """One checklist as a PDF."""
    area = Area.for_page(options.page_size)
    return build(checklist_section(checklist, area), options.meta(f"Checklist: {checklist.title}"))


def render_checklists(checklists: Sequence[Checklist], options: PrintOptions) -> bytes:
    """Several checklists in one PDF, one (or more) pages each."""
    area = Area.for_page(options.page_size)
    return build(checklists_section(checklists, area), options.meta("Checklists"))
