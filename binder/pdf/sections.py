"""Shared pieces for printed sections: options, frame sizes, styles, headings.

Every printed section is a function that returns a list of flowables. A
single document (a checklist, the contact sheet) lays out one section; the
whole binder lays out many. Headings made by :func:`heading` carry a
table-of-contents level, which the binder collects for its contents page and
the PDF outline; single documents ignore it.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from binder.models import Record
from binder.pdf.base import DEFAULT_MARGINS_MM, PAGE_SIZES, SANS, DocMeta, esc, styles
from binder.roster import (ORG_PHONE_ORDER, PERSON_PHONE_ORDER, PHONE_WORDS,  # noqa: F401
                           kind_label, live, phone_words, ranked_phones, role_label, sort_key)

#: Margins used by base.build (top, right, bottom, left), in mm.
MARGINS_MM = DEFAULT_MARGINS_MM
#: Platypus frames pad their content by 6 pt on every side.
FRAME_PADDING = 6.0

GRID = colors.black
RecordT = TypeVar("RecordT", bound=Record)


@dataclass(frozen=True)
class PrintOptions:
    """What every printed document needs besides its content.

    ``as_of`` is the printed "version as of" stamp, passed in by the caller:
    renderers never read the clock, so the same input gives the same bytes.
    """

    organisation: str
    classification: str
    as_of: str
    page_size: str = "A4"

    def meta(self, title: str, legal_as_of: str | None = None) -> DocMeta:
        return DocMeta(title=title, organisation=self.organisation or "Crisis Binder",
                       classification=self.classification, as_of=self.as_of,
                       page_size=self.page_size, legal_as_of=legal_as_of)


@dataclass(frozen=True)
class Area:
    """The space a flowable gets inside base.build's frame, in points."""

    width: float
    height: float

    @classmethod
    def for_page(cls, page_size: str) -> Area:
        width, height = PAGE_SIZES.get(page_size, A4)
        top, right, bottom, left = (m * mm for m in MARGINS_MM)
        return cls(width - left - right - 2 * FRAME_PADDING,
                   height - top - bottom - 2 * FRAME_PADDING)

    def columns(self, *fractions: float) -> list[float]:
        """Column widths for a table that fills the width, from relative sizes."""
        total = sum(fractions)
        return [self.width * f / total for f in fractions]


class Heading(Paragraph):
    """A heading that the binder lists in its table of contents and PDF outline."""

    def __init__(self, text: str, style: ParagraphStyle, *, toc_level: int,
                 plain: str, key: str, legal: bool | None = None) -> None:
        super().__init__(text, style)
        self.toc_level = toc_level
        self.toc_text = text  # escaped markup, as the table of contents needs it
        self.plain = plain  # for the PDF outline
        self.toc_key = key
        #: True: legal content starts here; False: it stops here; None: no change.
        self.legal = legal


class Cell(Paragraph):
    """A table-cell paragraph that remembers its line breaks for a given width.

    A table that splits across pages re-measures every cell of both halves;
    a cell's lines only depend on its width, so they are computed once.
    """

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if availWidth == self._wrapped_at:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


#: A run of text in one font: (text, font name, size). A line is a tuple of runs.
Run = tuple[str, str, float]


class Lines(Flowable):
    """Short lines of plain text drawn as they are: a fast table cell.

    Most cells of a long contact list are a few short lines. Measuring each
    line once and drawing it directly skips markup parsing and line breaking;
    when a line is too wide for the cell, it falls back to a wrapping
    Paragraph, so nothing is ever cut off. Text is drawn literally: no markup.
    """

    ASCENT = 0.93  # DejaVu Sans ascent as a share of the font size

    def __init__(self, lines: Iterable[Sequence[Run]], leading: float = 1.24) -> None:
        super().__init__()
        self.lines = [tuple(r for r in line if r[0]) for line in lines]
        self.lines = [line for line in self.lines if line]
        self.leading = leading
        self._fallback: Paragraph | None = None
        self._wrapped_at: float | None = None

    def _markup(self) -> str:
        return "<br/>".join("".join(f"<font name='{f}' size='{z}'>{esc(t)}</font>"
                                    for t, f, z in line) for line in self.lines)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if availWidth == self._wrapped_at:
            return self.width, self.height
        self._wrapped_at = availWidth
        sizes = [max(z for _, _, z in line) for line in self.lines]
        widths = [sum(stringWidth(t, f, z) for t, f, z in line) for line in self.lines]
        if all(w <= availWidth for w in widths):
            self._fallback = None
            self.width, self.height = availWidth, sum(z * self.leading for z in sizes)
        else:
            size = sizes[0] if sizes else 9
            style = ParagraphStyle("lines", fontName=self.lines[0][0][1], fontSize=size,
                                   leading=max(sizes) * self.leading)
            self._fallback = Paragraph(self._markup(), style)
            self.width, self.height = self._fallback.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        if self._fallback is not None:
            self._fallback.drawOn(self.canv, 0, 0)
            return
        text = self.canv.beginText()
        top = self.height
        for line in self.lines:
            size = max(z for _, _, z in line)
            text.setTextOrigin(0, top - size * self.ASCENT)
            for run, font, run_size in line:
                text.setFont(font, run_size)
                text.textOut(run)  # advances along the line by the run's width
            top -= size * self.leading
        self.canv.drawText(text)


def print_styles() -> dict[str, ParagraphStyle]:
    """base.styles() plus the table and heading styles the printed sections share."""
    st = styles()
    body = st["body"]
    extra = {
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12),
        "cell_small": ParagraphStyle("cell_small", parent=body, fontSize=8.5, leading=10.5),
        "cell_head": ParagraphStyle("cell_head", parent=body, fontName=st["h3"].fontName,
                                    fontSize=9, leading=11),
        "hotline": ParagraphStyle("hotline", parent=body, fontName=st["h3"].fontName,
                                  fontSize=12.5, leading=15.5),
        "group_row": ParagraphStyle("group_row", parent=st["h3"], fontSize=11.5, leading=14.5,
                                    spaceBefore=0, spaceAfter=0),
    }
    for name in ("h1", "h2", "h3"):
        st[name] = ParagraphStyle(f"{name}_kwn", parent=st[name], keepWithNext=1)
    st.update(extra)
    return st


def slug(text: str) -> str:
    """A bookmark key made of ASCII letters, digits and dashes."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in plain)
    return "-".join(part for part in out.split("-") if part) or "section"


def heading(text: str, level: int, st: dict[str, ParagraphStyle], *,
            key: str | None = None, legal: bool | None = None) -> Heading:
    """A section heading: level 0 is a part of the binder, 1 a document within it.

    ``legal`` marks where legal content starts (True) or stops (False), so the
    binder prints the not-legal-advice notice on exactly those pages.
    """
    style = st["h1"] if level == 0 else st["h2"]
    return Heading(esc(text), style, toc_level=level, plain=text,
                   key=key or f"{level}-{slug(text)}", legal=legal)


def table_style(commands: Iterable[tuple[Any, ...]]) -> TableStyle:
    """A TableStyle in the embedded font: reportlab's default (Helvetica) is never embedded."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS), *commands])


def grid_table(rows: list[list[Any]], widths: list[float], *, header_rows: int = 0,
               extra: Iterable[tuple[Any, ...]] = ()) -> Table:
    """A black-on-white grid table with top-aligned cells; header rows repeat on page breaks."""
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 1.2, GRID))
    commands.extend(extra)
    return Table(rows, colWidths=widths, repeatRows=header_rows, style=TableStyle(commands))


#: Rows per table: a long group is cut into tables of this many rows, because
#: reportlab re-measures the whole rest of a table at every page break.
CHUNK = 16


def _cell_commands(first_row: int) -> list[tuple[Any, ...]]:
    return [("FONTNAME", (0, 0), (-1, -1), SANS),
            ("GRID", (0, first_row), (-1, -1), 0.5, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]


def titled_table(title: str, header: Sequence[str], rows: list[list[Any]], widths: list[float],
                 st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A group's title (escaped markup), column headers and rows, as tables.

    The title can never be left alone at the foot of a page: the first table
    only splits after the title, the headers and at least one row, and repeats
    title and headers on the next page. Long groups continue in plain tables.
    """
    title_row: list[Any] = [Cell(title, st["group_row"])] + [""] * (len(widths) - 1)
    head = [title_row, [Cell(h, st["cell_head"]) for h in header]]
    first = Table([*head, *rows[:CHUNK]], colWidths=widths, repeatRows=2, style=TableStyle([
        *_cell_commands(1), ("SPAN", (0, 0), (-1, 0)),
        ("LINEBELOW", (0, 1), (-1, 1), 1.2, GRID),
        ("LEFTPADDING", (0, 0), (0, 0), 0), ("TOPPADDING", (0, 0), (0, 0), 9)]))
    rest = [Table(rows[start:start + CHUNK], colWidths=widths,
                  style=TableStyle(_cell_commands(0)))
            for start in range(CHUNK, len(rows), CHUNK)]
    return [first, *rest]


def notice_box(text_markup: str, st: dict[str, ParagraphStyle]) -> Paragraph:
    """A boxed paragraph (already-escaped markup), e.g. the not-legal-advice notice."""
    return Paragraph(text_markup, st["notice"])


def flowables_height(flowables: Iterable[Flowable], area: Area) -> float:
    """Total height the flowables need in one column of ``area`` (space before/after included)."""
    canv = rl_canvas.Canvas(io.BytesIO())
    total = 0.0
    previous_after = 0.0
    for index, f in enumerate(flowables):
        _, h = f.wrapOn(canv, area.width, area.height * 50)
        if isinstance(f, KeepTogether):  # it reports a huge height to force a split
            h = float(getattr(f, "_H", h))
        before = f.getSpaceBefore() if index else 0.0
        total += h + max(before, previous_after)
        previous_after = f.getSpaceAfter()
    return total
