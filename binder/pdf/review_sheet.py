"""The review sheet: entries due for review, on paper, one table per role or kind.

For people who review on paper. Each row has three boxes to tick,
"confirmed", "changed" and "left", and room for the new number. The short
id printed on each row is what is typed afterwards
('review confirm <short ids>'), so the results go in quickly.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from binder.pdf.base import build, esc
from binder.pdf.sections import Area, PrintOptions, grid_table, heading, print_styles
from binder.services.review import ReviewSheetData, SheetRow

BOX = "\u2610"  # BALLOT BOX, in DejaVu Sans
BOX_HEADS = ("Confirmed", "Changed", "Left")
HOW_TO = ("Tick one box per row. <b>Confirmed</b>: the entry is right as printed. "
          "<b>Changed</b>: write the new number or correction in the last column. "
          "<b>Left</b>: the person or party is gone. Entering the results afterwards: "
          "<font name='CB-Mono'>review confirm ID ID ...</font> with the short ids of the "
          "confirmed rows; edit the changed ones, delete those that left "
          "(or use the review queue in the app).")


def _entry(row: SheetRow, st: dict[str, ParagraphStyle]) -> Paragraph:
    parts = [f"<b>{esc(row.name)}</b>"]
    if row.detail:
        parts.append(esc(row.detail))
    parts.append(f"<font name='CB-Mono'>{esc(row.short_id)}</font> · last confirmed "
                 f"{esc(row.last_confirmed)}")
    return Paragraph("<br/>".join(parts), st["cell"])


def review_sheet_story(data: ReviewSheetData) -> list[Flowable]:
    st = print_styles()
    # A heading kept with a long table would push the whole table to a new page.
    st["h2"] = st["h2"].clone("h2_free", keepWithNext=0)
    head = st["cell_head"]
    boxes = [stringWidth(h, head.fontName, head.fontSize) + 9 for h in BOX_HEADS]
    rest = Area.for_page(data.page_size).width - sum(boxes)
    widths = [rest * 0.45, rest * 0.28, *boxes, rest * 0.27]
    story: list[Flowable] = [heading("Review sheet", 0, st), Paragraph(HOW_TO, st["notice"])]
    if not data.groups:
        story.append(Paragraph("Nothing is due for review.", st["body"]))
    box = st["hotline"].clone("box", alignment=1)
    for group in data.groups:
        story += [CondPageBreak(45 * mm), heading(f"{group.label} ({len(group.rows)})", 1, st)]
        rows: list[list[object]] = [[Paragraph(esc(h), head) for h in (
            "Entry", "On file", *BOX_HEADS, "New number or correction")]]
        for row in group.rows:
            numbers = "<br/>".join(esc(n) for n in row.numbers) or "—"
            rows.append([_entry(row, st), Paragraph(numbers, st["cell"]),
                         *(Paragraph(BOX, box) for _ in BOX_HEADS), ""])
        # Room to write a new number by hand under people and outside parties.
        room = 9 * mm if group.rows and group.rows[0].kind in ("contact", "organization") \
            else 2 * mm
        story.append(grid_table(rows, widths, header_rows=1,
                                extra=[("BOTTOMPADDING", (0, 1), (-1, -1), room)]))
    return story


def render_review_sheet(data: ReviewSheetData) -> bytes:
    options = PrintOptions(data.organisation, data.classification, data.as_of, data.page_size)
    return build(review_sheet_story(data), options.meta("Review sheet"))
