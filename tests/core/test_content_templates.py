"""The shipped templates: they load, they are sound, and they follow the notice rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from binder.content.templates import builtin_templates, get_template, load_templates
from binder.errors import ImportFormatError, MissingFieldsError, NotFoundError, ValidationErrors
from binder.templating import (
    AUDIENCES,
    CHANNELS,
    KINDS,
    PlaceholderSyntaxError,
    Template,
    render,
    template_problems,
)

TEMPLATES = builtin_templates()
BY_ID = {t.id: t for t in TEMPLATES}
CASES = [(t.id, v) for t in TEMPLATES for v in (t.variant_codes or (None,))]

CA_HEADINGS = ["What Happened", "What Information Was Involved", "What We Are Doing",
               "What You Can Do", "For More Information"]

# Habits the linter flags (content.md, "Template linter"). Shipped text must avoid them.
BANNED = [
    "seriously", "top priority", "sophisticated", "advanced attack", "nation-state",
    "may have been", "might have been", "potentially", "abundance of caution",
    "mistakes were made", "recently discovered", "limited number", "inconvenience",
    "no comment", "guarantee", "fully secure", "100%", "no evidence",
]


def static_texts(t: Template) -> list[str]:
    texts = [t.document_title]
    for s in t.sections:
        texts.append(s.body)
        if s.heading:
            texts.append(s.heading)
    return texts


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for line in text.splitlines():
        out.extend(s for s in re.split(r"(?<=[.!?])\s+", line) if s.strip())
    return out


# --------------------------------------------------------------------------- catalogue


def test_every_starter_template_is_shipped() -> None:
    assert sorted(BY_ID) == sorted(KINDS)
    assert len(TEMPLATES) == 12
    for t in TEMPLATES:
        assert t.kind == t.id


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.id)
def test_template_catalogue_data(template: Template) -> None:
    assert template.status == "draft"
    assert template.as_of == "2026-11-27"
    assert template.audience in AUDIENCES
    assert template.channel in CHANNELS
    assert template.sources
    assert len(template.description) > 40
    assert template_problems(template) == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.id)
def test_declared_fields_equal_used_fields(template: Template) -> None:
    assert set(template.all_used_fields()) == set(template.field_names)
    for f in template.fields:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", f.name)
        assert f.description.strip(), f.name
        assert f.example.strip(), f.name


def test_content_md_field_lists_are_covered() -> None:
    assert {"incident_ref", "as_of", "known", "unknown", "staff_do", "staff_dont",
            "media_contact", "oob_channel", "next_update_at"} <= set(BY_ID["staff_holding"].field_names)
    assert {"org", "as_of", "facts", "customer_impact", "actions", "workaround",
            "next_update_at", "status_url", "hotline"} <= set(BY_ID["public_holding"].field_names)
    assert {"spokesperson", "key_messages", "approved_facts", "unknowns", "approver",
            "approved_at"} <= set(BY_ID["media_qa"].field_names)


def test_get_template() -> None:
    assert get_template("gdpr_art33") is BY_ID["gdpr_art33"]
    with pytest.raises(NotFoundError):
        get_template("no_such_template")


# --------------------------------------------------------------------------- rendering


@pytest.mark.parametrize(("template_id", "variant"), CASES)
def test_render_with_every_field_leaves_no_placeholder(template_id: str, variant: str | None) -> None:
    t = BY_ID[template_id]
    doc = render(t, t.example_values(), variant=variant)
    assert "{{" not in doc.text and "}}" not in doc.text
    assert doc.missing == ()


@pytest.mark.parametrize(("template_id", "variant"), CASES)
def test_render_without_values_lists_every_field_the_variant_uses(
        template_id: str, variant: str | None) -> None:
    t = BY_ID[template_id]
    with pytest.raises(MissingFieldsError) as info:
        render(t, {}, variant=variant)
    assert info.value.fields == sorted(t.used_fields(variant))
    assert info.value.unknown == []


def test_unknown_field_for_a_shipped_template() -> None:
    t = BY_ID["staff_holding"]
    with pytest.raises(MissingFieldsError) as info:
        render(t, {**t.example_values(), "ransom_amount": "lots"})
    assert info.value.unknown == ["ransom_amount"]


# --------------------------------------------------------------------------- US consumer notice


def ca_like(variant: str) -> str:
    t = BY_ID["us_consumer_notice"]
    return render(t, t.example_values(), variant=variant).text


def test_california_variant_has_title_and_five_headings_in_order() -> None:
    t = BY_ID["us_consumer_notice"]
    doc = render(t, t.example_values(), variant="US-CA")
    assert doc.title == "Notice of Data Breach"
    assert doc.text.startswith("Notice of Data Breach\n")
    assert doc.headings == CA_HEADINGS
    assert render(t, t.example_values()).variant == "US-CA"  # the default


def test_california_variant_gives_dates_count_and_bureau_contacts() -> None:
    t = BY_ID["us_consumer_notice"]
    text = ca_like("US-CA")
    for name in ("what_happened", "breach_dates", "discovery_date", "affected_count",
                 "credit_bureau_contacts", "protection_offer", "contact_phone"):
        assert t.field(name).example in text, name


def test_massachusetts_variant_drops_nature_and_count() -> None:
    t = BY_ID["us_consumer_notice"]
    doc = render(t, t.example_values(), variant="US-MA")
    text = doc.text
    assert t.field("what_happened").example not in text
    assert t.field("affected_count").example not in text
    assert t.field("breach_dates").example not in text
    assert "What Happened" not in doc.headings
    assert "people" not in " ".join(s.body for s in doc.sections if s.heading is None)
    assert not {"what_happened", "affected_count", "breach_dates"} & set(t.used_fields("US-MA"))


def test_massachusetts_variant_gives_police_report_and_free_freeze() -> None:
    text = ca_like("US-MA").lower()
    assert "right to obtain a police report" in text
    assert "security freeze" in text
    assert "placing, lifting and removing a security freeze is free of charge" in text


def test_illinois_variant_drops_count_but_keeps_what_happened() -> None:
    t = BY_ID["us_consumer_notice"]
    doc = render(t, t.example_values(), variant="US-IL")
    assert t.field("affected_count").example not in doc.text
    assert "affected_count" not in t.used_fields("US-IL")
    assert doc.headings == CA_HEADINGS
    assert t.field("what_happened").example in doc.text
    assert t.field("credit_bureau_contacts").example in doc.text
    assert "police report" not in doc.text


# --------------------------------------------------------------------------- other notices


def test_gdpr_art33_has_every_art_33_3_element() -> None:
    t = BY_ID["gdpr_art33"]
    assert {"nature", "subject_categories", "subject_count", "record_categories",
            "record_count", "contact_point", "consequences", "measures_taken",
            "measures_proposed", "pending_information"} <= set(t.used_fields())
    doc = render(t, t.example_values())
    assert {"Nature of the breach", "Likely consequences", "Measures taken or proposed",
            "Controller and contact point", "Information to follow"} <= set(doc.headings)
    assert "Reasons for the delay" not in doc.headings


def test_gdpr_art33_late_variant_adds_delay_reasons() -> None:
    t = BY_ID["gdpr_art33"]
    doc = render(t, t.example_values(), variant="LATE")
    assert "Reasons for the delay" in doc.headings
    assert t.field("delay_reasons").example in doc.text
    assert "delay_reasons" not in t.used_fields("ON-TIME")


def test_gdpr_art34_has_contact_consequences_and_measures() -> None:
    t = BY_ID["gdpr_art34"]
    assert {"contact_point", "consequences", "actions", "what_happened"} <= set(t.used_fields())


def test_hipaa_notices_have_164_404_c_elements() -> None:
    for tid in ("hipaa_individual", "hipaa_media"):
        t = BY_ID[tid]
        used = set(t.used_fields())
        assert {"what_happened", "breach_date", "discovery_date", "phi_types",
                "toll_free_number", "contact_email", "contact_address"} <= used, tid
        text = render(t, t.example_values()).text
        assert "toll-free" in text
    assert BY_ID["hipaa_media"].audience == "media"


def test_sec_8k_variants_use_the_right_item() -> None:
    t = BY_ID["sec_8k"]
    item105 = render(t, t.example_values(), variant="ITEM-1.05")
    item801 = render(t, t.example_values(), variant="ITEM-8.01")
    assert "Item 1.05 Material Cybersecurity Incidents" in item105.headings
    assert "Item 8.01 Other Events" not in item105.headings
    assert "Item 8.01 Other Events" in item801.headings
    assert "determination_date" not in t.used_fields("ITEM-8.01")
    assert "material_impact" in t.used_fields("ITEM-1.05")
    assert "will amend this report" in item105.text


def test_update_bulletin_and_holding_statements_promise_a_next_update() -> None:
    assert "next_update_at" in BY_ID["staff_holding"].field_names
    assert "next_update_at" in BY_ID["public_holding"].field_names
    bulletin = BY_ID["update_bulletin"]
    assert {"update_number", "what_changed", "operations_status", "customer_actions",
            "next_briefing"} <= set(bulletin.field_names)
    assert "Watch out for fake messages" in render(bulletin, bulletin.example_values()).headings


def test_partner_warning_and_researcher_ack() -> None:
    warning = BY_ID["partner_warning"]
    assert {"verify_phone", "bank_change_policy"} <= set(warning.field_names)
    ack = BY_ID["researcher_ack"]
    assert {"security_contact", "security_txt_url"} <= set(ack.field_names)
    assert "security.txt" in render(ack, ack.example_values()).text


# --------------------------------------------------------------------------- style


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.id)
def test_no_linter_habits_in_shipped_text(template: Template) -> None:
    for text in static_texts(template):
        low = text.lower()
        for phrase in BANNED:
            assert phrase not in low, f"{template.id}: '{phrase}' in {text[:60]!r}"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.id)
def test_shipped_sentences_are_under_25_words(template: Template) -> None:
    for text in static_texts(template):
        for sentence in sentences(re.sub(r"\{\{\w+\}\}", "X", text)):
            assert len(sentence.split()) < 25, f"{template.id}: {sentence}"


# Public bodies a notice must name by law (the nationwide credit bureaus and the
# FTC's identity-theft site); every other example address is fictional.
PUBLIC_SITES = {"www.equifax.com", "www.experian.com", "www.transunion.com", "IdentityTheft.gov"}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.id)
def test_examples_are_fictional(template: Template) -> None:
    for f in template.fields:
        for domain in re.findall(r"\b[\w.-]+\.(?:com|org|net|gov|io)\b", f.example):
            assert ".example." in f".{domain}" or domain in PUBLIC_SITES, \
                (template.id, f.name, domain)
        for phone in re.findall(r"\d{3}[- ]\d{4}\b", f.example):
            assert phone.startswith("555"), (template.id, f.name, phone)


# --------------------------------------------------------------------------- loader errors

GOOD = '''
id = "{id}"
title = "Tiny"
kind = "staff_holding"
audience = "staff"
channel = "email"
status = "draft"
as_of = "2026-11-27"
description = "A tiny template."
document_title = "Tiny"
sources = ["Test"]

[[fields]]
name = "org"
description = "Our name"

[[sections]]
id = "intro"
body = """
Hello from {{{{org}}}}.
{extra}
"""
'''


def write(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / f"{name}.toml").write_text(text, encoding="utf-8")


def test_loader_accepts_a_good_file(tmp_path: Path) -> None:
    write(tmp_path, "tiny", GOOD.format(id="tiny", extra=""))
    (loaded,) = load_templates(tmp_path)
    assert loaded.id == "tiny"
    assert loaded.sections[0].body == "Hello from {{org}}."


def test_loader_reports_malformed_placeholder_with_template_section_and_line(tmp_path: Path) -> None:
    write(tmp_path, "tiny", GOOD.format(id="tiny", extra="Second line {{ bad name"))
    with pytest.raises(ValidationErrors) as info:
        load_templates(tmp_path)
    (err,) = info.value.errors
    assert isinstance(err, PlaceholderSyntaxError)
    assert (err.template_id, err.section, err.line) == ("tiny", "intro", 2)


def test_loader_lists_every_problem_across_files(tmp_path: Path) -> None:
    write(tmp_path, "one", GOOD.format(id="wrong_name", extra="{{ghost}}"))
    write(tmp_path, "two", GOOD.format(id="two", extra="").replace('status = "draft"',
                                                                   'status = "approved"\nfoo = 1'))
    with pytest.raises(ValidationErrors) as info:
        load_templates(tmp_path)
    codes = sorted(e.code for e in info.value.errors)
    assert codes == ["id_mismatch", "not_draft", "undeclared_field", "unknown_key"]


def test_loader_reports_bad_toml_with_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "broken", 'id = "broken"\ntitle = \n')
    with pytest.raises(ImportFormatError) as info:
        load_templates(tmp_path)
    assert info.value.path == "broken.toml"
    assert "line 2" in str(info.value)


def test_loader_rejects_wrong_types(tmp_path: Path) -> None:
    text = GOOD.format(id="tiny", extra="").replace(
        'id = "intro"', 'id = "intro"\nonly_in = "US-MA"')
    write(tmp_path, "tiny", text)
    with pytest.raises(ValidationErrors) as info:
        load_templates(tmp_path)
    assert [e.code for e in info.value.errors] == ["not_text_list"]


def test_every_template_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "CONTENT.md").read_text(encoding="utf-8")
    assert "Information, not legal advice" in doc and "2026-11-27" in doc
    for t in TEMPLATES:
        assert f"| `{t.id}` | {t.title} |" in doc, t.id
        for v in t.variants:
            assert f"`{v.code}`" in doc, (t.id, v.code)
