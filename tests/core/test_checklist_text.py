"""A checklist's text as the app reads it: phases in words, TOML mistakes placed,
the record fields taken from the text, and the starting text for a new checklist."""

from __future__ import annotations

import pytest

from binder.content.checklists import (NEW_CHECKLIST_SOURCE, PHASES, SCENARIOS, builtin_checklists,
                                       checklists_dir, context_label, parse_checklist,
                                       phase_label, phase_order, record_values)
from binder.errors import ImportFormatError, ValidationErrors


def test_every_phase_and_scenario_has_words() -> None:
    assert phase_label("first_24_hours") == "First 24 hours"
    assert phase_label("ransomware") == "Scenario: Ransomware"
    assert phase_label("ransomware", brief=True) == "Scenario"
    assert phase_label("tabletop_drill") == "Tabletop drill"  # a value we do not know
    for value in (*PHASES, *SCENARIOS):
        assert "_" not in phase_label(value)
    assert sorted((*SCENARIOS, *PHASES), key=phase_order) == [*PHASES, *SCENARIOS]


def test_the_shipped_text_gives_the_shipped_record_fields() -> None:
    for checklist in builtin_checklists():
        source = checklists_dir().joinpath(f"{checklist.id}.toml").read_text(encoding="utf-8")
        parsed = parse_checklist(source, checklist.id)
        assert parsed == checklist
        values = record_values(parsed)
        assert values["checklist_id"] == checklist.id and values["name"] == checklist.title
        assert values["phase"] == (checklist.phase or checklist.scenario)
        assert context_label(parsed).startswith(("Phase: ", "Scenario: "))


def test_a_toml_mistake_says_where() -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_checklist('id = "x"\ntitle = "a\n', "mine")
    assert caught.value.line == 2 and caught.value.column is not None


def test_the_new_checklist_text_is_valid_and_short_enough_to_read() -> None:
    checklist = parse_checklist(NEW_CHECKLIST_SOURCE)
    assert checklist.id == "new_checklist" and len(checklist.items) == 5
    assert max(len(line) for line in NEW_CHECKLIST_SOURCE.splitlines()) <= 72
    with pytest.raises(ValidationErrors):
        parse_checklist(NEW_CHECKLIST_SOURCE.replace('owner = "scribe"', 'owner = "janitor"'))
