"""The whole binder: cover, contents, contacts, outside parties, regulators,
checklists and approved templates in one PDF.

The contents page is reportlab's TableOfContents, filled from the story's
headings before layout; its page numbers are drawn when the pages are
written (like "Page x of y"), so they are the pages where the sections
start, in a single layout pass. Every heading also
becomes a PDF bookmark. The not-legal-advice line is printed at the foot of
the pages that carry legal content (regulators and templates).
"""

from __future__ import annotations

import io
from ast import literal_eval
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)
from reportlab.platypus.tableofcontents import TableOfContents

from binder.content.checklists import Checklist
from binder.models import Contact, Organization, Regulator
from binder.pdf.base import (
    DEFAULT_MARGINS_MM,
    LEGAL_NOTICE,
    PAGE_SIZES,
    SANS,
    SANS_BOLD,
    DocMeta,
    NumberedCanvas,
    esc,
    register_fonts,
)
from binder.pdf.checklist import checklists_section
from binder.pdf.contacts import contact_sheet_section, external_parties_section
from binder.pdf.regulators import legal_as_of_for, regulators_section
from binder.pdf.sections import (
    GRID,
    Area,
    Heading,
    grid_table,
    heading,
    notice_box,
    print_styles,
    role_label,
    table_style,
)
from binder.pdf.templates import PrintTemplate, templates_section
from binder.pdf.wallet_card import first_hour_numbers

TITLE = "Data-breach response binder"


@dataclass(frozen=True)
class BinderDocData:
    """Everything the printed binder holds. ``as_of`` is stamped on every page."""

    organisation: str
    classification: str
    as_of: str
    version: str
    contacts: tuple[Contact, ...] = ()
    organizations: tuple[Organization, ...] = ()
    regulators: tuple[Regulator, ...] = ()
    checklists: tuple[Checklist, ...] = ()
    templates: tuple[PrintTemplate, ...] = ()
    page_size: str = "A4"
    legal_as_of: str | None = None  # default: the oldest as-of of the regulators and templates
    cover_numbers: bool = True  # the eight first-hour numbers on the cover

    @property
    def legal_date(self) -> str | None:
        if self.legal_as_of:
            return self.legal_as_of
        dates = [d for d in (legal_as_of_for(self.regulators),
                             *(t.template.as_of for t in self.templates)) if d]
        return min(dates, default=None)


class _BinderCanvas(NumberedCanvas):
    """Adds bookmarks and the legal line when the deferred pages are finally written."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.marks: dict[int, list[tuple[str, str, int]]] = {}
        self.key_pages: dict[str, int] = {}
        self.legal_pages: set[int] = set()
        self.toc_slots: dict[int, list[_Slot]] = {}

    def _decorate(self, number: int, total: int) -> None:
        meta = self._meta
        if number not in self.legal_pages:
            self._meta = replace(meta, legal_as_of=None)
        super()._decorate(number, total)
        self._meta = meta
        for key, title, level in self.marks.get(number, []):
            self.bookmarkPage(key)
            self.addOutlineEntry(title, key, level=level, closed=False)
        for x, y, key, font, size in self.toc_slots.get(number, []):
            page = str(self.key_pages.get(key, "?"))
            self.setFont(font, size)
            self.drawRightString(x, y, page)
            width = self.stringWidth(page, font, size)
            self.linkRect("", key, (x - width, y, x, y + size), relative=0,
                          name=f"toc-number-{number}-{key}")


class _BinderTemplate(SimpleDocTemplate):
    """Feeds headings to the table of contents; tracks which pages carry legal content."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._legal = False

    def handle_documentBegin(self) -> None:  # noqa: N802 - reportlab's name
        self._legal = False
        super().handle_documentBegin()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        if not isinstance(flowable, Heading):
            return
        canvas: _BinderCanvas = self.canv  # type: ignore[assignment]
        canvas.key_pages[flowable.toc_key] = self.page
        canvas.marks.setdefault(self.page, []).append(
            (flowable.toc_key, flowable.plain, flowable.toc_level))
        if flowable.legal is not None:
            self._legal = flowable.legal
        if self._legal:
            canvas.legal_pages.add(self.page)

    def afterPage(self) -> None:  # noqa: N802
        if self._legal:
            self.canv.legal_pages.add(self.page)  # type: ignore[attr-defined]


_Slot = tuple[float, float, str, str, float]


class DeferredTOC(TableOfContents):
    """reportlab's TableOfContents, filled from the story before layout.

    Its entries (and so its height) are known up front; each entry's page
    number is drawn when the deferred pages are written, like "Page x of y".
    One layout pass instead of multiBuild's two or more.
    """

    RESERVE = "0000"  # room kept for the page number at the right

    def __init__(self, entries: Sequence[tuple[int, str, str]] = ()) -> None:
        super().__init__(dotsMinLevel=0, tableStyle=table_style([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        self.levelStyles = [
            ParagraphStyle("toc0", fontName=SANS_BOLD, fontSize=11.5, leading=15,
                           spaceBefore=7, leftIndent=0, firstLineIndent=0,
                           rightIndent=28),
            ParagraphStyle("toc1", fontName=SANS, fontSize=10.5, leading=13.5, leftIndent=16,
                           firstLineIndent=0, rightIndent=28),
        ]
        self.set_entries(entries)

    def set_entries(self, entries: Sequence[tuple[int, str, str]]) -> None:
        """(level, escaped title, bookmark key) of every heading, in order."""
        self._entries = [(level, text, 0, key) for level, text, key in entries]
        self._lastEntries = list(self._entries)

    def beforeBuild(self) -> None:  # noqa: N802 - keep the entries given up front
        pass

    def notify(self, kind: str, stuff: Any) -> None:
        pass

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        size = super().wrap(availWidth, availHeight)
        self.canv.setNamedCB("drawTOCEntryEnd", self._entry_end(availWidth))
        return size

    def _entry_end(self, width: float) -> Any:
        def draw(canvas: _BinderCanvas, kind: str, label: str) -> None:
            parts = label.split(",")
            level, key = int(parts[1]), literal_eval(parts[2])
            style = self.getLevelStyle(level)
            where = getattr(canvas, "_curr_tx_info")  # as reportlab's own TOC reads it
            x, y = where["cur_x"], where["cur_y"]
            font, size = style.fontName, style.fontSize
            reserve = stringWidth(self.RESERVE, font, size)
            dot = " . "
            count = max(0, int((width - x - reserve) / stringWidth(dot, font, size)))
            text = canvas.beginText(width - reserve - count * stringWidth(dot, font, size), y)
            text.setFont(font, size)
            text.textLine(count * dot)
            canvas.drawText(text)
            ax, ay = canvas.absolutePosition(width, y)
            canvas.toc_slots.setdefault(canvas.getPageNumber(), []).append(
                (ax, ay, key, font, size))
        return draw


def _toc_entries(story: Sequence[Flowable]) -> list[tuple[int, str, str]]:
    entries = []
    for f in story:
        if isinstance(f, Heading):
            entries.append((f.toc_level, f.toc_text, f.toc_key))
        elif isinstance(f, KeepTogether):
            entries += _toc_entries(getattr(f, "_content"))
    return entries


def _cover(data: BinderDocData, st: dict[str, ParagraphStyle], area: Area) -> list[Flowable]:
    label = ParagraphStyle("label", parent=st["h1"], fontSize=24, leading=30,
                           alignment=1, keepWithNext=0)
    org = ParagraphStyle("org", parent=st["h1"], fontSize=26, leading=32, spaceBefore=14,
                         keepWithNext=0)
    story: list[Flowable] = [
        Table([[Paragraph(esc(data.classification), label)]], colWidths=[area.width],
              style=table_style([("BOX", (0, 0), (-1, -1), 2.5, GRID),
                                ("TOPPADDING", (0, 0), (-1, -1), 8),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 10)])),
        Paragraph(esc(data.organisation or "Crisis Binder"), org),
        Paragraph(TITLE, ParagraphStyle("sub", parent=st["h2"], fontSize=17, leading=22,
                                        keepWithNext=0)),
        Spacer(1, 4 * mm),
    ]
    facts = [("Version", data.version), ("As of", data.as_of),
             ("Classification", data.classification)]
    if data.legal_date:
        facts.append(("Legal content as of", data.legal_date))
    story.append(grid_table([[Paragraph(f"<b>{esc(k)}</b>", st["body"]),
                              Paragraph(esc(v), st["body"])] for k, v in facts],
                            area.columns(30, 70)))
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(
        "If company systems are down, this printed binder is the plan. Start with the "
        "first-hour checklist; use the out-of-band channels on the contact sheet. "
        "Reprint after every change and destroy old copies.", st["body"]))
    if data.cover_numbers and (data.contacts or data.organizations):
        story += _cover_numbers(data, st, area)
    if data.regulators or data.templates:
        story.append(Spacer(1, 3 * mm))
        story.append(notice_box(f"<b>{esc(LEGAL_NOTICE)}</b>", st))
    return story


def _cover_numbers(data: BinderDocData, st: dict[str, ParagraphStyle],
                   area: Area) -> list[Flowable]:
    rows: list[list[object]] = [[Paragraph(h, st["cell_head"]) for h in
                                 ("Who", "Name", "Best number", "Backup")]]
    for line in first_hour_numbers(data.contacts, data.organizations):
        best = (f"<b>{esc(line.number)}</b> {esc(line.number_label)}" if line.number
                else "not set")
        backup = f"{esc(line.backup)} {esc(line.backup_label)}" if line.backup else ""
        name = esc(line.name) + (f"<br/>{esc(line.reference)}" if line.reference else "")
        rows.append([Paragraph(f"<b>{esc(line.label)}</b>", st["cell"]),
                     Paragraph(name, st["cell"]), Paragraph(best, st["cell"]),
                     Paragraph(backup, st["cell_small"])])
    return [Paragraph("First hour: who to call", st["h3"]),
            grid_table(rows, area.columns(24, 28, 26, 22), header_rows=1)]


def _checklists_part(checklists: Sequence[Checklist], st: dict[str, ParagraphStyle],
                     area: Area) -> list[Flowable]:
    story: list[Flowable] = [
        heading("Checklists", 0, st, key="checklists", legal=False),
        Paragraph("<b>READ-DO</b>: read each item aloud, then do it. <b>DO-CONFIRM</b>: do "
                  "the work from memory, then stop at the pause point and confirm every item. "
                  "Tick, write the time and your initials.", st["body"]),
        Spacer(1, 3 * mm),
    ]
    if not checklists:
        story.append(Paragraph("No checklists in this binder.", st["body"]))
        return story
    rows: list[list[object]] = [[Paragraph(h, st["cell_head"]) for h in
                                 ("Checklist", "Mode", "Owner", "Pause points", "Items")]]
    for c in checklists:
        rows.append([Paragraph(f"<b>{esc(c.title)}</b>", st["cell"]),
                     Paragraph(esc(c.mode), st["cell"]),
                     Paragraph(esc(role_label(c.owner)), st["cell"]),
                     Paragraph(str(len(c.pause_points)), st["cell"]),
                     Paragraph(str(len(c.items)), st["cell"])])
    story.append(grid_table(rows, area.columns(40, 17, 25, 10, 8), header_rows=1))
    story.append(PageBreak())
    story += checklists_section(checklists, area, level=1)
    return story


def binder_story(data: BinderDocData) -> list[Flowable]:
    """The binder's flowables, with an empty contents list that build_with_contents fills."""
    st = print_styles()
    area = Area.for_page(data.page_size)
    story: list[Flowable] = _cover(data, st, area)
    story += [PageBreak(), Paragraph("Contents", st["h1"]), DeferredTOC(), PageBreak()]
    story += contact_sheet_section(data.contacts, area)
    story += [PageBreak(), *external_parties_section(data.organizations, data.contacts, area)]
    story += [PageBreak(), *regulators_section(data.regulators, area)]
    story += [PageBreak(), *_checklists_part(data.checklists, st, area)]
    story += [PageBreak(), *templates_section(data.templates, area)]
    return story


def _unique_keys(story: Sequence[Flowable]) -> None:
    seen: dict[str, int] = {}
    for f in story:
        if isinstance(f, Heading):
            count = seen.get(f.toc_key, 0)
            seen[f.toc_key] = count + 1
            if count:
                f.toc_key = f"{f.toc_key}-{count + 1}"


def build_with_contents(story: Sequence[Flowable], meta: DocMeta) -> bytes:
    """Lay out a story made of sections in one pass and return the PDF bytes.

    Like base.build (same margins and page decorations), plus: every
    :class:`Heading` becomes a bookmark and an entry of each DeferredTOC in the
    story, and the legal line of ``meta.legal_as_of`` is printed only on pages
    inside sections whose heading says ``legal=True``. For the binder, and for
    later documents (an incident report) made of the same sections.
    """
    register_fonts()
    rl_config.invariant = 1  # same input, same bytes
    flowables = list(story)
    _unique_keys(flowables)
    entries = _toc_entries(flowables)
    for f in flowables:
        if isinstance(f, DeferredTOC):
            f.set_entries(entries)
    top, right, bottom, left = (m * mm for m in DEFAULT_MARGINS_MM)
    buf = io.BytesIO()
    doc = _BinderTemplate(buf, pagesize=PAGE_SIZES.get(meta.page_size, A4), topMargin=top,
                          rightMargin=right, bottomMargin=bottom, leftMargin=left,
                          title=meta.title, author=meta.author, subject=meta.classification,
                          creator="Crisis Binder")

    def make_canvas(*args: Any, **kwargs: Any) -> _BinderCanvas:
        return _BinderCanvas(*args, meta=meta, **kwargs)

    doc.build(flowables, canvasmaker=make_canvas)
    return buf.getvalue()


def render_binder(data: BinderDocData) -> bytes:
    """The whole binder as PDF bytes; same input, same bytes."""
    meta = DocMeta(title=TITLE, organisation=data.organisation or "Crisis Binder",
                   classification=data.classification, as_of=data.as_of,
                   page_size=data.page_size, legal_as_of=data.legal_date)
    return build_with_contents(binder_story(data), meta)
