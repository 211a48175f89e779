"""Regulators with their deadlines, and templates as print sections, read back."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from binder import models
from binder.content.templates import templates_dir
from binder.pdf.regulators import (
    RegulatorsPrintData,
    deadline_hours,
    deadline_summary,
    legal_as_of_for,
    regulator_groups,
    render_regulators,
)
from binder.pdf.templates import (
    PrintTemplate,
    TemplatesPrintData,
    approved_templates,
    render_templates,
)
from tests.pdf.conftest import (
    AS_OF,
    CLASSIFICATION,
    ORG,
    flat_text,
    page_texts,
    sample_regulators,
    sample_templates,
)


def test_deadline_words_and_hours() -> None:
    gdpr, sec, california, circia = sample_regulators()
    assert deadline_summary(gdpr) == "72 hours" and deadline_hours(gdpr) == 72
    assert deadline_summary(sec) == "4 business days"
    assert deadline_hours(sec) > deadline_hours(gdpr)
    assert deadline_summary(california) == "No fixed clock"
    assert math.isinf(deadline_hours(california))
    assert legal_as_of_for(sample_regulators()) == "2026-11-27"


def test_our_duties_first_shortest_clock_first() -> None:
    groups = regulator_groups(sample_regulators())
    assert [title.split(",")[0] for title, _ in groups] == [
        "Duties marked as applying to us", "Other duties on file"]
    assert [r.duty_id for r in groups[0][1]] == ["eu-gdpr-art33", "us-sec-8k"]
    deleted = replace(sample_regulators()[0], deleted_at="2026-11-01T00:00:00Z")
    assert regulator_groups([deleted]) == []


def test_regulators_print_with_notice_on_every_page(tmp_path: Path) -> None:
    pdf = render_regulators(RegulatorsPrintData(ORG, CLASSIFICATION, AS_OF, sample_regulators()))
    for text in page_texts(pdf, tmp_path):
        assert "Information, not legal advice." in text
        assert "Legal content as of 2026-11-27" in text
    text = flat_text(pdf, tmp_path)
    for expected in ("72 hours", "from becoming aware", "4 business days",
                     "from the materiality determination", "NOT IN FORCE",
                     ">= 500 residents for the AG sample copy", "Read in the statute",
                     "Unverified: check before relying on it"):
        assert expected in text


def test_template_prints_fields_as_gaps_with_variant_marks(tmp_path: Path) -> None:
    pdf = render_templates(TemplatesPrintData(ORG, CLASSIFICATION, AS_OF, sample_templates()))
    text = flat_text(pdf, tmp_path)
    for expected in ("US consumer notice (California format)", "Notice of Data Breach",
                     "Dear [recipient_name],", "[affected_count]", "What Happened",
                     "Leave out for: Massachusetts residents (US-MA)",
                     "Only for: Massachusetts residents (US-MA)",
                     "Approved by Łukasz Nowak on 2026-11-20", "revision 2",
                     "Information, not legal advice.", "Fill in", "What to write"):
        assert expected in text, expected
    assert "{{" not in text


def test_unapproved_template_says_so(tmp_path: Path) -> None:
    draft = PrintTemplate(template=sample_templates()[0].template)
    pdf = render_templates(TemplatesPrintData(ORG, CLASSIFICATION, AS_OF, (draft,)))
    assert "NOT APPROVED: draft wording, do not send" in flat_text(pdf, tmp_path)


def test_approved_records_are_parsed_and_drafts_left_out() -> None:
    source = (templates_dir() / "staff_holding.toml").read_text(encoding="utf-8")
    approved = models.TemplateRecord(id="t1", template_id="staff_holding",
                                     name="Staff holding note", source=source,
                                     status="approved", approved_by="Jordan Lee",
                                     approved_at="2026-11-20", revision=3)
    draft = replace(approved, id="t2", status="draft")
    gone = replace(approved, id="t3", deleted_at="2026-11-21T00:00:00Z")
    printed = approved_templates([draft, approved, gone])
    assert len(printed) == 1
    assert printed[0].template.id == "staff_holding"
    assert (printed[0].approved_by, printed[0].revision) == ("Jordan Lee", 3)
    assert printed[0].approved
