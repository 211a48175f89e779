from __future__ import annotations

import pytest

from binder.errors import MissingFieldsError, ValidationError
from binder.incident_models import Incident
from binder.services.incidents import IncidentService
from binder.services.templates import TemplateService


@pytest.fixture
def ts(session) -> TemplateService:
    return TemplateService(session.db, "tester")


def test_lookup_by_template_id_and_record_id(ts) -> None:
    record = ts.get("staff_holding")
    assert ts.get(record.id[:8]).id == record.id


def test_render_fills_from_binder_incident_and_values(ts, session) -> None:
    inc, _ = IncidentService(session.db, "t").start(Incident(
        id="", title="Ransomware", aware_at="2026-03-03T09:15:00Z", codename="HARBOUR",
        time_zone="Europe/London"))
    record = ts.get("staff_holding")
    template = ts.template(record)
    values = {f.name: f.example for f in template.fields
              if f.name not in ("incident_ref", "as_of")}
    doc = ts.render(record, values, incident_id=inc.id)
    assert "HARBOUR" in doc.text and "{{" not in doc.text


def test_render_lists_every_missing_field(ts) -> None:
    record = ts.get("public_holding")
    with pytest.raises(MissingFieldsError) as err:
        ts.render(record, {"facts": "Our order system is down."})
    assert len(err.value.fields) >= 5 and "facts" not in err.value.fields


def test_editing_an_approved_template_returns_it_to_draft(ts) -> None:
    record = ts.get("staff_holding")
    approved, _ = ts.approve(record.id, "Grace Whitfield, General Counsel")
    assert approved.status == "approved" and approved.approved_at
    edited, _ = ts.save_source(record.id, approved.source.replace(
        'title = "Staff holding note"', 'title = "Staff holding note (v2)"'))
    assert edited.status == "draft" and edited.approved_by is None and edited.revision == 2
    with pytest.raises(ValidationError, match="must stay"):
        ts.save_source(record.id, approved.source.replace('id = "staff_holding"', 'id = "x"'))


def test_broken_toml_is_reported_with_its_line(ts) -> None:
    record = ts.get("staff_holding")
    broken = record.source.replace('kind = "staff_holding"', 'kind = "staff_holding')
    with pytest.raises(Exception, match="line 4, column 22"):
        ts.save_source(record.id, broken)
    assert ts.get(record.id).source == record.source


def test_approval_blocked_by_lint_errors_until_waived(ts) -> None:
    record = ts.get("staff_holding")
    open_findings, _ = ts.lint(ts.get(record.id), values={
        "known": "Out of an abundance of caution we guarantee the systems are fully secure."})
    rules = {f.rule for f in open_findings}
    assert rules, "the linter should flag the planted phrases"
    for rule in rules:
        ts.waive(record.id, rule, "Testing the waiver path")
    open_after, waived = ts.lint(ts.get(record.id), values={
        "known": "Out of an abundance of caution we guarantee the systems are fully secure."})
    assert open_after == [] and {f.rule for f, _w in waived} == rules
    assert all(w.reason == "Testing the waiver path" and w.by == "tester" for _f, w in waived)
    with pytest.raises(Exception):
        ts.waive(record.id, "x", "   ")


def test_every_shipped_template_and_variant_lints_without_errors(ts) -> None:
    from binder.models import Kind

    problems = []
    for record in ts.records.list(Kind.TEMPLATE):
        template = ts.template(record)
        for variant in [None, *(v.code for v in template.variants)]:
            findings, _ = ts.lint(record, variant=variant)
            problems += [(record.template_id, variant, f.rule) for f in findings
                         if f.severity.value == "error"]
    assert problems == []
