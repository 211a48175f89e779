"""Templates in the binder: parse, lint, render, approve, waive.

A template record keeps its TOML source; editing the source of an approved
template sends it back to draft, because the approval was for other words.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from binder.content.templates import loads_toml, template_from_dict
from binder.errors import BinderError, ValidationError
from binder.lint import Finding, LintContext, Waiver, lint, partition_waivers
from binder.models import ChangeSet, Kind, TemplateRecord
from binder.services.incidents import IncidentService
from binder.services.records import RecordService, parse_time, utc_now
from binder.services.settings import SettingsService
from binder.storage.connection import Database
from binder.templating import RenderedDocument, Template, render


def parse_source(source: str, where: str = "template") -> Template:
    return template_from_dict(loads_toml(source, where), source=where)


class TemplateService:
    def __init__(self, db: Database, actor: str = "unknown") -> None:
        self.db = db
        self.records = RecordService(db, actor)
        self.actor = actor

    def get(self, ref: str) -> TemplateRecord:
        """By record id (or its prefix) or by template id such as "staff_holding"."""
        for rid in self.records.repo.ids_by_key("template", ref):
            record = self.records.get(rid)
            if isinstance(record, TemplateRecord):
                return record
        record = self.records.get(ref, Kind.TEMPLATE)
        assert isinstance(record, TemplateRecord)
        return record

    def template(self, record: TemplateRecord) -> Template:
        return parse_source(record.source, record.template_id)

    def lint(self, record: TemplateRecord, *, variant: str | None = None,
             values: Mapping[str, str] | None = None,
             context: LintContext | None = None
             ) -> tuple[list[Finding], list[tuple[Finding, Waiver]]]:
        """(open findings, [(waived finding, its waiver)]) for the template filled with its
        examples (or the given values): placeholders are expected in a template."""
        template = self.template(record)
        filled = {f.name: f.example or f.name.replace("_", " ") for f in template.fields}
        filled.update(values or {})
        doc = render(template, filled, variant=variant, strict=False)
        findings = lint(doc.text, kind=record.template_kind or None,
                        jurisdiction=doc.variant if doc.variant and "-" in doc.variant else None,
                        context=context)
        waivers = [Waiver(rule=w["rule"], reason=w["reason"], by=w["by"],
                          at=parse_time(w["at"]), match=w.get("match"))
                   for w in record.waivers]
        open_, waived = partition_waivers(findings, waivers, doc.text)
        return open_, waived

    def render(self, record: TemplateRecord, values: Mapping[str, str], *,
               variant: str | None = None, incident_id: str | None = None) -> RenderedDocument:
        """Fill merge fields from the binder, the incident, then explicit values."""
        merged = self.binder_values()
        if incident_id:
            merged.update(self.incident_values(incident_id))
        merged.update(values)
        template = self.template(record)
        declared = set(template.field_names)
        automatic = {k: v for k, v in merged.items() if k in declared or k in values}
        return render(template, automatic, variant=variant)

    def binder_values(self) -> dict[str, str]:
        settings = SettingsService(self.db).get()
        return {"org": settings.organisation, "organisation": settings.organisation}

    def incident_values(self, incident_id: str) -> dict[str, str]:
        incident = IncidentService(self.db, self.actor).get(incident_id)
        local = datetime.now(timezone.utc).astimezone(ZoneInfo(incident.time_zone))
        return {"incident_ref": incident.codename or incident.id[:8].upper(),
                "as_of": local.strftime("%d %B %Y, %H:%M %Z")}

    def save_source(self, ref: str, source: str) -> tuple[TemplateRecord, ChangeSet]:
        record = self.get(ref)
        parsed = parse_source(source, record.template_id)
        if parsed.id != record.template_id:
            raise ValidationError("id", "changed", f"The template id must stay "
                                  f"'{record.template_id}'.")
        changes: dict[str, Any] = {"source": source, "name": parsed.title,
                                   "description": parsed.description}
        if record.status == "approved" and source != record.source:
            changes.update(status="draft", approved_by=None, approved_at=None,
                           revision=record.revision + 1)
        updated, change = self.records.update(record.id, **changes)
        assert isinstance(updated, TemplateRecord)
        return updated, change

    def approve(self, ref: str, by: str) -> tuple[TemplateRecord, ChangeSet]:
        record = self.get(ref)
        if not by.strip():
            raise ValidationError("approved_by", "required", "Say who approves the template.")
        open_findings, _ = self.lint(record)
        errors = [f for f in open_findings if f.severity.value == "error"]
        if errors:
            raise BinderError(f"Cannot approve: {len(errors)} lint error(s), first: "
                              f"{errors[0].rule}: {errors[0].message} Fix or waive them first.")
        updated, change = self.records.update(record.id, status="approved",
                                              approved_by=by.strip(), approved_at=utc_now(),
                                              action="approve")
        assert isinstance(updated, TemplateRecord)
        return updated, change

    def waive(self, ref: str, rule: str, reason: str, *, match: str | None = None,
              by: str | None = None) -> tuple[TemplateRecord, ChangeSet]:
        record = self.get(ref)
        waiver = Waiver(rule=rule, reason=reason, by=by or self.actor,
                        at=datetime.now(timezone.utc), match=match)
        entry = {"rule": waiver.rule, "reason": waiver.reason, "by": waiver.by,
                 "at": utc_now(), "match": match}
        waivers = tuple(w for w in record.waivers if not (w["rule"] == rule and
                                                          w.get("match") == match)) + (entry,)
        updated, change = self.records.update(record.id, waivers=waivers)
        assert isinstance(updated, TemplateRecord)
        return updated, change


