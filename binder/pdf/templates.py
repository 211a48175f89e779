"""Communication templates as printed sections.

Each template prints with who approved it and when, what every merge field
needs, and its full text with the fields shown as bold ``[field_name]`` gaps
to fill in by hand. Sections that belong to some variants only are marked
in words ("Only for ...", "Leave out for ...").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from binder import models
from binder.content.templates import template_from_dict
from binder.pdf.base import LEGAL_NOTICE, build, esc
from binder.pdf.sections import (
    Area,
    PrintOptions,
    grid_table,
    heading,
    notice_box,
    print_styles,
)
from binder.templating import Template, render_text

#: Private-use characters mark where a field goes until the text is escaped.
_OPEN, _CLOSE = "\ue000", "\ue001"
_FIELD = re.compile(f"{_OPEN}([a-z0-9_]+){_CLOSE}")


@dataclass(frozen=True)
class PrintTemplate:
    """A template with its approval, as kept in a binder."""

    template: Template
    approved_by: str = ""
    approved_at: str = ""
    revision: int = 1

    @property
    def approved(self) -> bool:
        return bool(self.approved_by and self.approved_at)


@dataclass(frozen=True)
class TemplatesPrintData:
    """Input for :func:`render_templates`."""

    organisation: str
    classification: str
    as_of: str
    templates: tuple[PrintTemplate, ...]
    page_size: str = "A4"
    legal_as_of: str | None = None


def print_template_from_record(record: models.TemplateRecord) -> PrintTemplate:
    """Parse a stored template record (its TOML source) into a printable template."""
    template = template_from_dict(tomllib.loads(record.source), source=record.template_id)
    return PrintTemplate(template=template, approved_by=record.approved_by or "",
                         approved_at=record.approved_at or "", revision=record.revision)


def approved_templates(records: Iterable[models.TemplateRecord]) -> list[PrintTemplate]:
    """The approved, live template records, parsed, in name order."""
    chosen = [r for r in records if r.status == "approved" and r.deleted_at is None]
    chosen.sort(key=lambda r: (r.name.casefold(), r.template_id))
    return [print_template_from_record(r) for r in chosen]


def _marked(text: str, template: Template) -> str:
    """Escaped markup of ``text`` with each merge field as a bold [name] gap."""
    values = {name: f"{_OPEN}{name}{_CLOSE}" for name in template.field_names}
    filled = render_text(text.replace(_OPEN, "").replace(_CLOSE, ""), values, strict=False)
    return _FIELD.sub(r"<b>[\1]</b>", esc(filled))


def _paragraphs(text: str, template: Template, style: ParagraphStyle) -> list[Flowable]:
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]
    return [Paragraph(_marked(b, template), style) for b in blocks]


def _variant_note(codes: Sequence[str], template: Template) -> str:
    labels = {v.code: v.label for v in template.variants}
    return ", ".join(f"{labels.get(c, c)} ({c})" for c in codes)


def _approval_line(pt: PrintTemplate) -> str:
    t = pt.template
    parts = []
    if pt.approved:
        parts.append(f"Approved by <b>{esc(pt.approved_by)}</b> on {esc(pt.approved_at)}")
    else:
        parts.append("<b>NOT APPROVED: draft wording, do not send</b>")
    parts.append(f"revision {pt.revision}")
    parts.append(f"to {esc(t.audience)} by {esc(t.channel.replace('_', ' '))}")
    if t.as_of:
        parts.append(f"wording as of {esc(t.as_of)}")
    return " · ".join(parts)


def _fields_table(t: Template, st: dict[str, ParagraphStyle], area: Area) -> Flowable:
    rows: list[list[object]] = [[Paragraph("Fill in", st["cell_head"]),
                                 Paragraph("What to write", st["cell_head"])]]
    for f in t.fields:
        rows.append([Paragraph(f"<b>[{esc(f.name)}]</b>", st["cell_small"]),
                     Paragraph(esc(f.description), st["cell_small"])])
    return grid_table(rows, area.columns(28, 72), header_rows=1)


def template_section(pt: PrintTemplate, area: Area, *, level: int = 0) -> list[Flowable]:
    """One template: approval, fields to fill, then its full text."""
    st = print_styles()
    t = pt.template
    body = ParagraphStyle("letter", parent=st["body"], spaceAfter=5)
    story: list[Flowable] = [heading(t.title, level, st, key=f"template-{t.id}"),
                             Paragraph(_approval_line(pt), st["small"]), Spacer(1, 1.5 * mm),
                             Paragraph(esc(t.description), st["body"])]
    if t.variants:
        default = f" Default: {esc(t.default_variant)}." if t.default_variant else ""
        story.append(Paragraph(f"<b>Variants:</b> {esc(_variant_note(t.variant_codes, t))}."
                               f"{default}", st["small"]))
    if t.fields:
        story += [Spacer(1, 2 * mm), _fields_table(t, st, area)]
    story.append(Paragraph("Text", st["h3"]))
    story.append(Paragraph(_marked(t.document_title, t), st["h2"]))
    mark = ParagraphStyle("mark", parent=st["cell_small"], keepWithNext=1, spaceBefore=4)
    for section in t.sections:
        # Marks and headings keep with the text that follows: none is left alone at a foot.
        if section.only_in:
            story.append(Paragraph(f"<b>Only for:</b> {esc(_variant_note(section.only_in, t))}",
                                   mark))
        if section.omit_in:
            story.append(Paragraph(f"<b>Leave out for:</b> "
                                   f"{esc(_variant_note(section.omit_in, t))}", mark))
        if section.heading:
            story.append(Paragraph(_marked(section.heading, t), st["h3"]))
        story += _paragraphs(section.body, t, body)
    if t.sources:
        text = " ".join(f"[{n}] {esc(s)}" for n, s in enumerate(t.sources, start=1))
        story += [Spacer(1, 2 * mm), Paragraph(f"<b>Sources.</b> {text}", st["cell_small"])]
    return story


def templates_section(templates: Sequence[PrintTemplate], area: Area, *, level: int = 0,
                      title: str = "Approved templates", template_level: int | None = None
                      ) -> list[Flowable]:
    """A part listing the templates, then each template on a new page."""
    st = print_styles()
    story: list[Flowable] = [heading(title, level, st, key="templates", legal=True),
                             notice_box(esc(LEGAL_NOTICE) + " Check every notice with counsel "
                                        "and against the current law before sending it.", st)]
    if not templates:
        story.append(Paragraph("No template has been approved yet. Approve templates in the "
                               "app, then print the binder again.", st["body"]))
    if templates:
        rows: list[list[object]] = [[Paragraph(h, st["cell_head"]) for h in
                                     ("Template", "For", "Approved by", "On", "Rev.")]]
        for pt in templates:
            t = pt.template
            rows.append([Paragraph(f"<b>{esc(t.title)}</b>", st["cell"]),
                         Paragraph(f"{esc(t.audience)}, {esc(t.channel.replace('_', ' '))}",
                                   st["cell_small"]),
                         Paragraph(esc(pt.approved_by) or "<b>not approved</b>", st["cell"]),
                         Paragraph(esc(pt.approved_at), st["cell"]),
                         Paragraph(str(pt.revision), st["cell"])])
        story.append(grid_table(rows, area.columns(40, 17, 21, 13, 9), header_rows=1))
    for pt in templates:
        story.append(PageBreak())
        story += template_section(pt, area, level=level + 1 if template_level is None
                                  else template_level)
    return story


def render_templates(data: TemplatesPrintData) -> bytes:
    """Templates as one PDF, each on its own pages, with the not-legal-advice notice."""
    area = Area.for_page(data.page_size)
    options = PrintOptions(data.organisation, data.classification, data.as_of, data.page_size)
    legal = data.legal_as_of or min((pt.template.as_of for pt in data.templates
                                     if pt.template.as_of), default=None)
    if not data.templates:
        return build(templates_section((), area), options.meta("Templates", legal_as_of=legal))
    story: list[Flowable] = []
    for index, pt in enumerate(data.templates):
        if index:
            story.append(PageBreak())
        section = template_section(pt, area)
        if index == 0:
            section.insert(1, notice_box(esc(LEGAL_NOTICE), print_styles()))
        story += section
    return build(story, options.meta("Templates", legal_as_of=legal))
