"""Shared PDF machinery: fonts, styles, escaping, page decorations.

Every page carries the classification label, the as-of stamp and "Page x of
y". Output is deterministic for the same input (reportlab invariant mode),
black on white, sans-serif, so pages survive a photocopier.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

SANS = "CB-Sans"
SANS_BOLD = "CB-Sans-Bold"
MONO = "CB-Mono"
PAGE_SIZES = {"A4": A4, "Letter": LETTER}
LEGAL_NOTICE = ("Information, not legal advice. Laws change: check the cited sources "
                "and ask counsel before relying on any deadline.")

_fonts_done = False


def register_fonts() -> None:
    """Embed DejaVu Sans (shipped in resources/fonts, licence beside it)."""
    global _fonts_done
    if _fonts_done:
        return
    folder = resources.files("resources.fonts")
    for name, filename in ((SANS, "DejaVuSans.ttf"), (SANS_BOLD, "DejaVuSans-Bold.ttf"),
                           (MONO, "DejaVuSansMono.ttf")):
        with resources.as_file(folder / filename) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS,
                                  boldItalic=SANS_BOLD)
    _fonts_done = True


def esc(text: object) -> str:
    """Escape user text for reportlab Paragraph markup; keep line breaks."""
    if text is None:
        return ""
    cleaned = "".join(ch for ch in str(text) if ch in "\n\t" or ord(ch) >= 32)
    return escape(cleaned, {'"': "&quot;"}).replace("\n", "<br/>")


@dataclass(frozen=True)
class DocMeta:
    title: str
    organisation: str
    classification: str
    as_of: str
    page_size: str = "A4"
    legal_as_of: str | None = None  # set when the document carries legal content
    author: str = "Crisis Binder"


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=SANS, fontSize=10.5, leading=14,
                          textColor=colors.black, alignment=TA_LEFT)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=11.5),
        "h1": ParagraphStyle("h1", parent=base, fontName=SANS_BOLD, fontSize=18, leading=22,
                             spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base, fontName=SANS_BOLD, fontSize=13.5, leading=17,
                             spaceBefore=10, spaceAfter=5),
        "h3": ParagraphStyle("h3", parent=base, fontName=SANS_BOLD, fontSize=11, leading=14,
                             spaceBefore=6, spaceAfter=3),
        "mono": ParagraphStyle("mono", parent=base, fontName=MONO, fontSize=11, leading=15),
        "notice": ParagraphStyle("notice", parent=base, fontSize=9, leading=11.5,
                                 borderWidth=0.8, borderColor=colors.black, borderPadding=5,
                                 spaceBefore=6, spaceAfter=10),
    }


class _NumberedCanvas(rl_canvas.Canvas):
    """Defers page output so every page can say "Page x of y"."""

    def __init__(self, *args: Any, meta: DocMeta, **kwargs: Any) -> None:
        register_fonts()
        # Otherwise every page starts in Helvetica, a font the PDF does not embed.
        kwargs["initialFontName"] = SANS
        kwargs["initialFontSize"] = 10
        super().__init__(*args, **kwargs)
        self._meta = meta
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for number, state in enumerate(self._saved, start=1):
            self.__dict__.update(state)
            self._decorate(number, total)
            super().showPage()
        super().save()

    def _decorate(self, number: int, total: int) -> None:
        width, height = self._pagesize
        meta = self._meta
        self.saveState()
        self.setFillColor(colors.black)
        self.setFont(SANS_BOLD, 9)
        self.drawString(15 * mm, height - 11 * mm, meta.classification)
        self.drawRightString(width - 15 * mm, height - 11 * mm, meta.classification)
        self.setFont(SANS, 8.5)
        self.drawString(15 * mm, height - 15 * mm, f"{meta.organisation} · {meta.title}"[:110])
        self.setLineWidth(0.5)
        self.line(15 * mm, height - 17 * mm, width - 15 * mm, height - 17 * mm)
        self.line(15 * mm, 15 * mm, width - 15 * mm, 15 * mm)
        self.drawString(15 * mm, 10.5 * mm, f"Version as of {meta.as_of}")
        self.drawCentredString(width / 2, 10.5 * mm, meta.classification)
        self.drawRightString(width - 15 * mm, 10.5 * mm, f"Page {number} of {total}")
        if meta.legal_as_of:
            self.setFont(SANS, 7)
            self.drawString(15 * mm, 6.5 * mm,
                            f"{LEGAL_NOTICE} Legal content as of {meta.legal_as_of}.")
        self.restoreState()


def build(story: Sequence[Flowable], meta: DocMeta, *,
          pagesize: tuple[float, float] | None = None,
          margins_mm: tuple[float, float, float, float] = (22, 15, 20, 15)) -> bytes:
    """Lay out ``story`` and return PDF bytes. Margins: top, right, bottom, left."""
    register_fonts()
    rl_config.invariant = 1  # same input, same bytes: tests can compare output
    buf = io.BytesIO()
    top, right, bottom, left = (m * mm for m in margins_mm)
    doc = SimpleDocTemplate(buf, pagesize=pagesize or PAGE_SIZES.get(meta.page_size, A4),
                            topMargin=top, rightMargin=right, bottomMargin=bottom,
                            leftMargin=left, title=meta.title, author=meta.author,
                            subject=meta.classification, creator="Crisis Binder")

    def make_canvas(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        return _NumberedCanvas(*args, meta=meta, **kwargs)

    doc.build(list(story), canvasmaker=make_canvas)
    return buf.getvalue()


# Helpers for documents built outside build(), e.g. the binder with its table of
# contents (binder_doc.py). Same decorations, same margins as build().

NumberedCanvas = _NumberedCanvas
DEFAULT_MARGINS_MM = (22, 15, 20, 15)
