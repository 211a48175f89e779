"""Gather a binder's data and print one of its documents to PDF bytes.

The CLI's `print` and the app's Print / Save as PDF both come through here,
so a document looks the same from either.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from binder.content.checklists import Checklist, checklist_from_dict
from binder.errors import NotFoundError, ValidationError
from binder.models import (ChecklistRecord, Contact, Kind, Organization, Regulator,
                           TemplateRecord)
from binder.pdf.sections import PrintOptions
from binder.services.records import RecordService
from binder.services.settings import SettingsService
from binder.session import BinderSession
from binder.templating import RenderedDocument

DOCUMENTS = ("binder", "checklist", "contacts", "wallet-card", "emergency-kit",
             "review-sheet", "incident", "template", "regulators")


def today() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d")


def options(session: BinderSession, as_of: str | None = None,
            classification: str | None = None) -> PrintOptions:
    settings = SettingsService(session.db).get()
    return PrintOptions(organisation=settings.organisation,
                        classification=classification or settings.classification,
                        as_of=as_of or today(), page_size=settings.page_size)


def _live(session: BinderSession, kind: Kind) -> list[Any]:
    return RecordService(session.db, session.actor).list(kind)


def checklists(session: BinderSession) -> list[Checklist]:
    out = []
    for record in _live(session, Kind.CHECKLIST):
        assert isinstance(record, ChecklistRecord)
        out.append(checklist_from_dict(tomllib.loads(record.source), source=record.checklist_id))
    order = {"phase": 0, "scenario": 1}
    return sorted(out, key=lambda c: (order.get(c.kind, 2), _PHASES.get(c.phase or "", 9), c.title))


_PHASES = {"first_hour": 0, "first_24_hours": 1, "first_72_hours": 2, "recovery": 3,
           "post_incident_review": 4}


def regulators_for_print(session: BinderSession) -> list[Regulator]:
    """The regulators marked "applies to us", or all of them when none is marked."""
    regs = [r for r in _live(session, Kind.REGULATOR) if isinstance(r, Regulator)]
    chosen = [r for r in regs if r.applies_to_us]
    return chosen or regs


def print_document(session: BinderSession, doc: str, ref: str | None = None, *,
                   as_of: str | None = None) -> bytes:
    """PDF bytes of ``doc`` (one of DOCUMENTS); ``ref`` picks the checklist,
    incident or template."""
    render, data = prepare(session, doc, ref, as_of=as_of)
    return render(data)


Renderer = Callable[[Any], bytes]


def prepare(session: BinderSession, doc: str, ref: str | None = None, *,
            as_of: str | None = None) -> tuple[Renderer, Any]:
    """Gather everything ``doc`` needs into plain dataclasses (on the thread that owns
    the connection) and return (render function, data). Rendering touches no
    database, so the app can run it on a worker thread."""
    if doc not in DOCUMENTS:
        raise ValidationError("doc", "unknown", f"Unknown document '{doc}'; choose one of "
                              + ", ".join(DOCUMENTS) + ".")
    opts = options(session, as_of)
    people = tuple(r for r in _live(session, Kind.CONTACT) if isinstance(r, Contact))
    orgs = tuple(r for r in _live(session, Kind.ORGANIZATION) if isinstance(r, Organization))
    if doc == "binder":
        from binder.pdf.binder_doc import BinderDocData, render_binder
        from binder.pdf.templates import approved_templates

        from binder import __version__

        templates = [r for r in _live(session, Kind.TEMPLATE) if isinstance(r, TemplateRecord)]
        return render_binder, BinderDocData(
            organisation=opts.organisation, classification=opts.classification,
            as_of=opts.as_of, version=__version__, contacts=people, organizations=orgs,
            regulators=tuple(regulators_for_print(session)),
            checklists=tuple(checklists(session)),
            templates=tuple(approved_templates(templates)), page_size=opts.page_size)
    if doc == "checklist":
        from binder.pdf.checklist import render_checklist, render_checklists

        items = checklists(session)
        if ref is None:
            return (lambda data: render_checklists(data, opts)), items
        chosen = [c for c in items if c.id == ref]
        if not chosen:
            raise NotFoundError(f"There is no checklist '{ref}'; ids: "
                                + ", ".join(c.id for c in items) + ".")
        return (lambda data: render_checklist(data, opts)), chosen[0]
    if doc == "contacts":
        from binder.pdf.contacts import ContactSheetData, render_contact_sheet

        return render_contact_sheet, ContactSheetData(
            opts.organisation, opts.classification, opts.as_of, people, orgs, opts.page_size)
    if doc == "wallet-card":
        from binder.pdf.wallet_card import WalletCardData, render_wallet_card

        return render_wallet_card, WalletCardData(opts.organisation, opts.classification,
                                                  opts.as_of, people, orgs)
    if doc == "emergency-kit":
        from binder.keys import recovery
        from binder.kit import kit_data
        from binder.pdf.emergency_kit import render

        return render, kit_data(session, recovery.encode(session.data_key))
    if doc == "regulators":
        from binder.pdf.regulators import RegulatorsPrintData, render_regulators

        return render_regulators, RegulatorsPrintData(
            opts.organisation, opts.classification, opts.as_of,
            tuple(regulators_for_print(session)), opts.page_size)
    if doc == "template":
        return _template(session, opts, ref)
    if doc == "review-sheet":
        from binder.pdf.review_sheet import render_review_sheet
        from binder.services.review import review_sheet_data

        return render_review_sheet, review_sheet_data(
            RecordService(session.db, session.actor), group=ref)
    return incident_report(session, opts, ref)


def _template(session: BinderSession, opts: PrintOptions,
              ref: str | None) -> tuple[Renderer, Any]:
    from binder.pdf.templates import TemplatesPrintData, print_template_from_record, \
        render_templates
    from binder.services.templates import TemplateService

    if not ref:
        raise ValidationError("id", "required", "Say which template to print.")
    record = TemplateService(session.db, session.actor).get(ref)
    return render_templates, TemplatesPrintData(
        opts.organisation, opts.classification, opts.as_of,
        (print_template_from_record(record),), opts.page_size)


def incident_report(session: BinderSession, opts: PrintOptions,
                    ref: str | None) -> tuple[Renderer, Any]:
    from binder.content.regulators import load_regulators
    from binder.pdf.incident_report import IncidentReportData, render_incident_report
    from binder.services.incidents import IncidentService

    if not ref:
        raise ValidationError("id", "required", "Say which incident to report on.")
    service = IncidentService(session.db, session.actor)
    incident = service.get(ref)
    check = service.verify(incident.id)
    progress = service.checklist_progress(incident.id)
    titles = {c.id: c.title for c in checklists(session)}
    classification = opts.classification + (" · EXERCISE" if incident.exercise else "")
    data = IncidentReportData(
        options=PrintOptions(opts.organisation, classification, opts.as_of, opts.page_size),
        incident=incident, duties=tuple(service.deadlines(incident.id)),
        log=tuple(service.entries(incident.id)), chain_ok=check.ok, chain_problem=check.problem,
        final_hash=check.head, checklists=progress, checklist_titles=titles,
        cadence=tuple(service.cadence(incident.id)),
        legal_as_of=load_regulators().as_of.isoformat())
    return render_incident_report, data


def template_pdf(session: BinderSession, record: TemplateRecord, doc: RenderedDocument) -> bytes:
    """A filled-in notice, ready to send or file."""
    from reportlab.platypus import Paragraph, Spacer

    from binder.pdf.base import build, esc
    from binder.pdf.sections import print_styles

    opts = options(session)
    st = print_styles()
    story: list[Any] = [Paragraph(esc(doc.title), st["h1"])]
    for section in doc.sections:
        if section.heading:
            story.append(Paragraph(esc(section.heading), st["h2"]))
        for para in section.body.split("\n\n"):
            story += [Paragraph(esc(para), st["body"]), Spacer(1, 5)]
    return build(story, opts.meta(record.name))
