"""The merge-field engine: parsing, rendering, variants, escaping, errors."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binder.errors import MissingFieldsError, ValidationError
from binder.templating import (
    MergeField,
    PlaceholderSyntaxError,
    Section,
    Template,
    Variant,
    check_template,
    escape,
    fields,
    render,
    render_text,
    template_problems,
)


def make_template(**overrides: object) -> Template:
    base = Template(
        id="sample",
        title="Sample notice",
        kind="us_consumer_notice",
        audience="customers",
        channel="letter",
        description="A small template for tests.",
        document_title="Notice from {{org}}",
        fields=(
            MergeField("org", "Our name", "Fictional Corp"),
            MergeField("what_happened", "What happened", "An attacker copied a file."),
            MergeField("count", "How many people", "12"),
            MergeField("contact", "Who to call", "555-0100"),
        ),
        sections=(
            Section("intro", "Dear customer,\n\n{{org}} had a breach."),
            Section("what", "{{what_happened}}", heading="What Happened", omit_in=("US-MA",)),
            Section("count", "It involved {{count}} people.", omit_in=("US-MA", "US-IL")),
            Section("ma", "You can get a police report.", heading="Massachusetts",
                    only_in=("US-MA",)),
            Section("more", "Call {{contact}}. {{org}} is sorry.", heading="For More Information"),
        ),
        variants=(Variant("US-CA", "California"), Variant("US-MA", "Massachusetts"),
                  Variant("US-IL", "Illinois")),
        default_variant="US-CA",
    )
    return dataclasses.replace(base, **overrides)  # type: ignore[arg-type]


VALUES = {"org": "Fictional Corp", "what_happened": "An attacker copied a file.",
          "count": "12", "contact": "555-0100"}


# --------------------------------------------------------------------------- fields()


def test_fields_in_order_of_first_use_without_repeats() -> None:
    text = "{{b}} and {{a}}, then {{b}} again and {{c_2}}."
    assert fields(text) == ["b", "a", "c_2"]


def test_fields_ignores_escaped_braces_and_lone_braces() -> None:
    assert fields(r"Write \{{name}} to show a field. { } }} {x}") == []


def test_fields_of_plain_text_is_empty() -> None:
    assert fields("No fields here.") == []


@pytest.mark.parametrize("bad", ["{{ bad name}}", "{{}}", "{{Org}}", "{{ org }}",
                                 "{{org", "{{9lives}}", "{{{org}}}"])
def test_fields_rejects_malformed_placeholders(bad: str) -> None:
    with pytest.raises(PlaceholderSyntaxError) as info:
        fields(f"Hello {bad} there")
    assert isinstance(info.value, ValidationError)
    assert info.value.code == "malformed_placeholder"
    assert info.value.line == 1


def test_unclosed_placeholder_does_not_run_onto_the_next_line() -> None:
    with pytest.raises(PlaceholderSyntaxError) as info:
        fields("line one {{org\nline two }}")
    assert "no closing" in info.value.reason


# --------------------------------------------------------------------------- render()


def test_render_with_all_fields_leaves_no_placeholder() -> None:
    doc = render(make_template(), VALUES)
    assert "{{" not in doc.text
    assert doc.title == "Notice from Fictional Corp"
    assert doc.variant == "US-CA"
    assert doc.missing == ()
    assert "It involved 12 people." in doc.text


def test_text_layout_title_then_headings_above_bodies() -> None:
    doc = render(make_template(), VALUES)
    assert doc.text.startswith("Notice from Fictional Corp\n\nDear customer,")
    assert "\n\nWhat Happened\nAn attacker copied a file.\n\n" in doc.text
    assert doc.headings == ["What Happened", "For More Information"]
    assert doc.text.endswith("Fictional Corp is sorry.\n")


def test_missing_fields_are_all_listed_at_once() -> None:
    with pytest.raises(MissingFieldsError) as info:
        render(make_template(), {"org": "Fictional Corp"})
    assert info.value.fields == ["contact", "count", "what_happened"]
    assert info.value.unknown == []
    assert "contact, count, what_happened" in str(info.value)


@pytest.mark.parametrize("empty", ["", "   ", "\n\t"])
def test_empty_or_blank_value_counts_as_missing(empty: str) -> None:
    with pytest.raises(MissingFieldsError) as info:
        render(make_template(), {**VALUES, "count": empty})
    assert info.value.fields == ["count"]


def test_unknown_value_is_an_error() -> None:
    with pytest.raises(MissingFieldsError) as info:
        render(make_template(), {**VALUES, "ceo_name": "Jordan Lee"})
    assert info.value.fields == []
    assert info.value.unknown == ["ceo_name"]


def test_undeclared_placeholder_in_body_is_reported_as_unknown() -> None:
    t = make_template(sections=(Section("intro", "{{org}} and {{mystery}}"),),
                      fields=(MergeField("org", "Our name"),))
    with pytest.raises(MissingFieldsError) as info:
        render(t, {"org": "Fictional Corp"})
    assert info.value.unknown == ["mystery"]


def test_missing_and_unknown_come_in_one_error() -> None:
    with pytest.raises(MissingFieldsError) as info:
        render(make_template(), {"org": "Fictional Corp", "typo_feild": "x"})
    assert info.value.fields == ["contact", "count", "what_happened"]
    assert info.value.unknown == ["typo_feild"]


def test_value_with_braces_is_inserted_literally() -> None:
    values = {**VALUES, "what_happened": "A note said {{org}} and \\{{count}}."}
    doc = render(make_template(), values)
    assert "A note said {{org}} and \\{{count}}." in doc.text


def test_values_are_stripped() -> None:
    doc = render(make_template(), {**VALUES, "count": "  12\n"})
    assert "It involved 12 people." in doc.text


def test_backslash_escape_writes_literal_braces() -> None:
    t = make_template(sections=(Section("intro", r"Type \{{org}} to insert {{org}}."),),
                      fields=(MergeField("org", "Our name"),),
                      document_title="Help")
    doc = render(t, {"org": "Fictional Corp"})
    assert doc.sections[0].body == "Type {{org}} to insert Fictional Corp."


def test_render_text_for_free_text() -> None:
    assert render_text("Hi {{name}}!", {"name": "Alex"}) == "Hi Alex!"
    with pytest.raises(MissingFieldsError) as info:
        render_text("{{a}} {{b}}", {})
    assert info.value.fields == ["a", "b"]
    assert render_text("{{a}} {{b}}", {"a": "x"}, strict=False) == "x {{b}}"


@given(st.text())
def test_escape_round_trips_any_text(text: str) -> None:
    assert render_text(escape(text), {}) == text
    assert fields(escape(text)) == []


# --------------------------------------------------------------------------- variants


def test_default_variant_is_used_when_none_given() -> None:
    assert render(make_template(), VALUES).variant == "US-CA"
    no_default = make_template(default_variant=None)
    doc = render(no_default, VALUES)
    assert doc.variant is None
    assert "police report" not in doc.text  # only_in sections need a named variant
    assert "What Happened" in doc.headings


def test_omit_in_and_only_in() -> None:
    ma = render(make_template(), VALUES, variant="US-MA")
    assert "An attacker copied a file." not in ma.text
    assert "12 people" not in ma.text
    assert "police report" in ma.text
    il = render(make_template(), VALUES, variant="US-IL")
    assert "An attacker copied a file." in il.text
    assert "12 people" not in il.text
    assert "police report" not in il.text


def test_variant_code_matches_case_insensitively() -> None:
    assert render(make_template(), VALUES, variant="us-ma").variant == "US-MA"


def test_variant_only_requires_the_fields_it_uses() -> None:
    doc = render(make_template(), {"org": "Fictional Corp", "contact": "555-0100"},
                 variant="US-MA")
    assert "{{" not in doc.text


def test_unknown_variant_is_a_validation_error() -> None:
    with pytest.raises(ValidationError) as info:
        render(make_template(), VALUES, variant="US-TX")
    assert info.value.code == "unknown_variant"
    assert "US-MA" in str(info.value)


# --------------------------------------------------------------------------- non-strict


def test_non_strict_keeps_gaps_visible_and_lists_them() -> None:
    doc = render(make_template(), {"org": "Fictional Corp", "extra": "ignored"}, strict=False)
    assert "{{what_happened}}" in doc.text
    assert doc.missing == ("what_happened", "count", "contact")
    assert "ignored" not in doc.text


# --------------------------------------------------------------------------- malformed


def test_malformed_placeholder_names_template_section_and_line() -> None:
    t = make_template(sections=(
        Section("intro", "{{org}}"),
        Section("details", "First line.\nSecond line.\nThird {{ bad name here."),
    ))
    with pytest.raises(PlaceholderSyntaxError) as info:
        render(t, VALUES)
    err = info.value
    assert isinstance(err, ValidationError)
    assert (err.template_id, err.section, err.line, err.column) == ("sample", "details", 3, 7)
    message = str(err)
    assert "'sample'" in message and "'details'" in message and "line 3" in message
    assert err.field == "sample.details.body"


def test_empty_placeholder_in_heading_is_reported_as_heading() -> None:
    t = make_template(sections=(Section("intro", "{{org}}", heading="About {{}}"),))
    with pytest.raises(PlaceholderSyntaxError) as info:
        check_template(t)
    assert info.value.part == "heading"
    assert info.value.section == "intro"


def test_malformed_placeholder_in_title() -> None:
    t = make_template(document_title="Notice {{Org}}")
    with pytest.raises(PlaceholderSyntaxError) as info:
        render(t, VALUES)
    assert info.value.part == "title"


# --------------------------------------------------------------------------- checks


def test_sound_template_has_no_problems() -> None:
    assert template_problems(make_template()) == []
    check_template(make_template())


def test_unused_and_undeclared_fields_are_problems() -> None:
    t = make_template(
        fields=(MergeField("org", "Our name"), MergeField("spare", "Never used")),
        sections=(Section("intro", "{{org}} {{ghost}}"),),
    )
    codes = {(p.code, p.field) for p in template_problems(t)}
    assert ("unused_field", "sample.fields.spare") in codes
    assert ("undeclared_field", "sample.fields.ghost") in codes


def test_structural_problems_are_found() -> None:
    t = make_template(
        kind="novel",
        sections=(
            Section("intro", "{{org}} {{what_happened}} {{count}} {{contact}}",
                    only_in=("US-MA",), omit_in=("US-IL",)),
            Section("intro", "Again", only_in=("US-ZZ",)),
        ),
        default_variant="XX",
    )
    codes = {p.code for p in template_problems(t)}
    assert {"unknown_kind", "only_and_omit", "duplicate", "unknown_variant"} <= codes
    with pytest.raises(ValidationError):
        check_template(t)
