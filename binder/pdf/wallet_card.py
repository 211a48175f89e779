"""The wallet card: the eight numbers that matter in the first hour.

The page is one credit-card face (ISO/IEC 7810 ID-1, 85.6 x 54 mm) wide and
two faces tall, with a dashed fold line between them: print at actual size,
cut along the outline, fold. Nothing on it is smaller than 8 pt; when long
names do not fit two faces at 8 pt, the card grows a third (or fourth) face
rather than shrinking or cutting text.

:func:`first_hour_numbers` is pure and is meant to be reused by a
"Who do I call?" page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Paragraph, Table

from binder.first_hour import SLOTS, WalletLine, first_hour_numbers  # noqa: F401 (re-exported)
from binder.models import Contact, Organization
from binder.pdf.base import SANS, SANS_BOLD, esc, register_fonts
from binder.pdf.sections import table_style

CARD_WIDTH = 85.6 * mm
CARD_HEIGHT = 53.98 * mm
#: Page size of the printed card: one face wide, two faces tall (fold in the middle).
WALLET_CARD_SIZE = (CARD_WIDTH, 2 * CARD_HEIGHT)
MIN_FONT = 8.0
FONT_SIZES = (9.0, 8.5, 8.0)
INSET = 3.0 * mm
HEADER = MIN_FONT * 1.55
#: Height left for the entries on a face below its header line.
ENTRY_ROOM = CARD_HEIGHT - 2 * INSET - HEADER

@dataclass(frozen=True)
class WalletCardData:
    """Input for :func:`render_wallet_card`."""

    organisation: str
    classification: str
    as_of: str
    contacts: tuple[Contact, ...]
    organizations: tuple[Organization, ...] = ()


CARD_LABELS = {"deputy_ic": "Deputy IC", "legal": "Legal / counsel",
               "cyber_insurer": "Insurer hotline"}


def _entry(line: WalletLine, size: float) -> list[Paragraph]:
    """[who, numbers] for one slot: two cells of a face's table."""
    style = ParagraphStyle("card", fontName=SANS, fontSize=size, leading=size * 1.16)
    who = [f"<b>{esc(CARD_LABELS.get(line.slot, line.label))}</b>"]
    if line.name:
        who.append(esc(line.name))
    if line.reference:
        who.append(esc(line.reference))
    if line.missing:
        numbers = "not set: write it here<br/>&nbsp;"  # the rule below is the line to write on
    else:
        numbers = f"<b>{esc(line.number)}</b> {esc(line.number_label)}"
        if line.backup:
            numbers += f"<br/>{esc(line.backup)} {esc(line.backup_label)}"
    return [Paragraph("<br/>".join(who), style), Paragraph(numbers, style)]


def _face_table(lines: Sequence[WalletLine], size: float) -> Table:
    width = CARD_WIDTH - 2 * INSET
    return Table([_entry(line, size) for line in lines], colWidths=[width * 0.44, width * 0.56],
                 style=table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                                   ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.black)]))


def _faces(lines: Sequence[WalletLine], size: float, faces: int) -> list[Table] | None:
    """Entries split evenly over ``faces``, or None if any face overflows at ``size``."""
    per_face = -(-len(lines) // faces)
    measure = rl_canvas.Canvas(io.BytesIO())
    out: list[Table] = []
    for start in range(0, len(lines), per_face):
        table = _face_table(lines[start:start + per_face], size)
        _, used = table.wrapOn(measure, CARD_WIDTH - 2 * INSET, CARD_HEIGHT)
        if used > ENTRY_ROOM:
            return None
        out.append(table)
    return out


def _layout(lines: Sequence[WalletLine]) -> list[Table]:
    for faces in (2, 3, 4, 8):
        for size in FONT_SIZES:
            result = _faces(lines, size, faces)
            if result is not None:
                return result
    raise ValueError("the wallet card entries do not fit even one per face")


def _fit(c: rl_canvas.Canvas, text: str, font: str, room: float) -> str:
    """Drop leading " · " parts (the organisation) rather than overlap another string."""
    while c.stringWidth(text, font, MIN_FONT) > room and " · " in text:
        text = text.split(" · ", 1)[1]
    return text


def render_wallet_card(data: WalletCardData) -> bytes:
    """The wallet card PDF: one card-sized page, faces stacked with fold lines between."""
    register_fonts()
    rl_config.invariant = 1
    faces = _layout(first_hour_numbers(data.contacts, data.organizations))
    height = CARD_HEIGHT * len(faces)
    buf = io.BytesIO()
    # Start every page in the embedded font (reportlab's default is Helvetica, not embedded).
    c = rl_canvas.Canvas(buf, pagesize=(CARD_WIDTH, height),
                         initialFontName=SANS,  # type: ignore[arg-type]  # stub says float
                         initialFontSize=MIN_FONT)
    c.setTitle("Wallet card: first-hour numbers")
    c.setAuthor("Crisis Binder")
    c.setCreator("Crisis Binder")
    c.setSubject(data.classification)
    c.setLineWidth(0.4)
    c.rect(0.4 * mm, 0.4 * mm, CARD_WIDTH - 0.8 * mm, height - 0.8 * mm)  # cut line
    width = CARD_WIDTH - 2 * INSET
    stamp = f"As of {data.as_of}"
    for index, table in enumerate(faces):
        top = height - index * CARD_HEIGHT - INSET
        c.setFont(SANS_BOLD, MIN_FONT)
        c.drawString(INSET, top - MIN_FONT, data.classification)
        room = width - c.stringWidth(data.classification, SANS_BOLD, MIN_FONT) - 8
        c.setFont(SANS, MIN_FONT)
        c.drawRightString(CARD_WIDTH - INSET, top - MIN_FONT, _fit(c, stamp, SANS, room))
        _, h = table.wrapOn(c, width, CARD_HEIGHT)
        table.drawOn(c, INSET, top - HEADER - h)
        if index:
            _fold_line(c, height - index * CARD_HEIGHT)
    c.showPage()
    c.save()
    return buf.getvalue()


def _fold_line(c: rl_canvas.Canvas, y: float) -> None:
    c.saveState()
    c.setDash(2, 2)
    c.setLineWidth(0.5)
    c.line(0, y, CARD_WIDTH, y)
    c.setDash()
    c.setFillColorRGB(1, 1, 1)
    label_width = c.stringWidth("fold", SANS, MIN_FONT) + 4
    c.rect(CARD_WIDTH / 2 - label_width / 2, y - MIN_FONT / 2 - 1, label_width, MIN_FONT + 1,
           stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(SANS, MIN_FONT)
    c.drawCentredString(CARD_WIDTH / 2, y - MIN_FONT / 2 + 1, "fold")
    c.restoreState()
