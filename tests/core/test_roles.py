"""Crisis roles: one list (ROLES), one normaliser, the same refusal everywhere."""

from __future__ import annotations

import json

import pytest

from binder import demo_content
from binder.errors import BinderError, ValidationErrors
from binder.io import parse_csv, parse_vcard
from binder.models import (ROLE_ALIASES, ROLES, ChecklistRecord, Contact, Deputy, Kind,
                           normalise_role)
from binder.roster import ROLE_ORDER
from binder.services.importer import Importer
from binder.services.records import RecordService


@pytest.fixture
def svc(session) -> RecordService:
    return RecordService(session.db, "tester")


# --- the normaliser ----------------------------------------------------------------


@pytest.mark.parametrize("text, key", [
    ("deputy_ic", "deputy_ic"),
    ("Deputy-IC", "deputy_ic"),
    ("DEPUTY IC", "deputy_ic"),
    ("Deputy incident commander", "deputy_ic"),
    ("deputy incident commander", "deputy_ic"),
    ("deputy_incident_commander", "deputy_ic"),
    ("  Incident Commander ", "incident_commander"),
    ("IC", "incident_commander"),
    ("ic", "incident_commander"),
    ("Privacy / DPO", "privacy"),
    ("DPO", "privacy"),
    ("IT / security", "it_security"),
    ("it-security", "it_security"),
    ("HR", "hr"),
    ("Board", "board"),
])
def test_key_label_and_alias_give_the_key(text: str, key: str) -> None:
    assert normalise_role(text) == key


@pytest.mark.parametrize("text", ["CEO", "ceo", "boss", "PR", "press", "", "  ", "_", "legal2",
                                  "deputy", "incident"])
def test_anything_else_is_not_a_role(text: str) -> None:
    assert normalise_role(text) is None


def test_every_key_and_label_round_trips_and_aliases_point_at_roles() -> None:
    for key, label in ROLES.items():
        assert normalise_role(key) == key
        assert normalise_role(label) == key
        assert normalise_role(label.upper()) == key
    assert set(ROLE_ALIASES.values()) <= set(ROLES)
    assert len(ROLE_ALIASES) <= 4  # few on purpose: see the comment at ROLE_ALIASES


def test_first_hour_order_covers_exactly_the_roles() -> None:
    assert sorted(ROLE_ORDER) == sorted(ROLES) and len(ROLE_ORDER) == len(ROLES)


def test_demo_content_uses_only_known_roles() -> None:
    used = {r for person in demo_content.PEOPLE for r in person[2]}
    used |= {role for _person, role, _deputy in demo_content.DEPUTIES}
    assert used <= set(ROLES), used - set(ROLES)


# --- record validation (every entry point goes through it) -------------------------


def test_roles_are_stored_as_keys(svc) -> None:
    c, _ = svc.add(Contact(name="Marcus Oduya",
                           roles=("Deputy incident commander", "IC", "legal", "Legal",
                                  "deputy-ic")))
    assert c.roles == ("deputy_ic", "incident_commander", "legal")
    assert svc.get(c.id).roles == ("deputy_ic", "incident_commander", "legal")


def test_unknown_role_names_the_field_and_lists_the_roles(svc) -> None:
    with pytest.raises(ValidationErrors) as err:
        svc.add(Contact(name="Samuel Okafor", roles=("executive", "CEO")))
    [problem] = err.value.errors
    assert problem.field == "roles[2]" and problem.code == "role"
    assert problem.message.startswith("'CEO' is not a crisis role; use one of "
                                      "incident_commander, deputy_ic, scribe, ")
    assert all(key in problem.message for key in ROLES)
    assert "job_title" in problem.message
    assert "roles[2]: 'CEO' is not a crisis role" in str(err.value)
    assert svc.list(Kind.CONTACT) == []


def test_an_edit_with_an_unknown_role_changes_nothing(svc) -> None:
    c, _ = svc.add(Contact(name="Dana Reyes", roles=("incident_commander",)))
    with pytest.raises(ValidationErrors) as err:
        svc.update(c.id, roles=["incident_commander", "ceo"])
    assert [e.field for e in err.value.errors] == ["roles[2]"]
    assert svc.get(c.id).roles == ("incident_commander",)


def test_deputy_roles_are_normalised_and_checked(svc) -> None:
    deputy, _ = svc.add(Contact(name="Mei Tanaka"))
    boss, _ = svc.add(Contact(name="Grace Whitfield", roles=("Legal",),
                              deputies=(Deputy(role="LEGAL", person_id=deputy.id),)))
    assert boss.deputies[0].role == "legal"
    with pytest.raises(ValidationErrors) as err:
        svc.update(boss.id, deputies=[{"role": "general counsel", "person_id": deputy.id}])
    [problem] = err.value.errors
    assert problem.field == "deputies[1]"
    assert "'general counsel' is not a crisis role; use one of incident_commander" in \
        problem.message


def test_checklist_owner_role_is_a_known_role(svc) -> None:
    c, _ = svc.add(ChecklistRecord(checklist_id="own", name="Own", owner_role="Scribe"))
    assert c.owner_role == "scribe"
    with pytest.raises(ValidationErrors) as err:
        svc.update(c.id, owner_role="Chief of staff")
    [problem] = err.value.errors
    assert problem.field == "owner_role" and "'Chief of staff' is not a crisis role" in \
        problem.message


# --- files ----------------------------------------------------------------------------


def test_csv_accepts_labels_and_aliases() -> None:
    data = b"name,roles\r\nMarcus,Deputy-IC; IC\r\nZoe,privacy / dpo\r\n"
    result = parse_csv(data)
    assert not result.problems
    assert [p.contact.roles for p in result.contacts] == [("deputy_ic", "incident_commander"),
                                                          ("privacy",)]


def test_vcard_roles_accept_labels_and_aliases() -> None:
    card = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Marcus Oduya\r\n"
            b"X-CRISIS-BINDER-ROLES:Deputy incident commander\\,IC\r\nEND:VCARD\r\n")
    result = parse_vcard(card)
    assert not result.problems
    assert result.contacts[0].contact.roles == ("deputy_ic", "incident_commander")


def test_csv_import_with_an_unknown_role_on_line_3_imports_nothing(svc) -> None:
    imp = Importer(svc)
    data = (b"name,roles,phones\r\n"
            b"Marcus Oduya,Deputy-IC,mobile:+1 212 555 0102\r\n"
            b"Samuel Okafor,executive; CEO,mobile:+1 212 555 0110\r\n"
            b"Grace Whitfield,legal,mobile:+1 212 555 0106\r\n")
    plan = imp.plan(data, fmt="csv", path="people.csv")
    assert [(p.line, p.field) for p in plan.problems] == [(3, "roles")]
    assert str(plan.problems[0]).startswith(
        "line 3, field roles: 'CEO' is not a role; use one of incident_commander, deputy_ic,")
    assert all(key in plan.problems[0].reason for key in ROLES)
    with pytest.raises(BinderError, match="Nothing was imported: 1 problem"):
        imp.apply(plan)
    assert svc.list(Kind.CONTACT) == []


def _export(*records: dict) -> bytes:
    stamp = "2026-01-01T00:00:00Z"
    return json.dumps({"format": "crisis-binder-export", "records": [
        {**r, "kind": "contact", "created_at": stamp, "updated_at": stamp} for r in records
    ]}, indent=1).encode()


def test_json_import_with_an_unknown_role_imports_nothing(svc) -> None:
    imp = Importer(svc)
    data = _export({"id": "p1", "name": "Marcus Oduya", "roles": ["Deputy-IC"]},
                   {"id": "p2", "name": "Samuel Okafor", "roles": ["executive", "ceo"]})
    plan = imp.plan(data, fmt="json")
    assert [p.field for p in plan.problems] == ["roles[2]"]
    problem = plan.problems[0]
    assert problem.line is not None and '"p2"' in data.decode().splitlines()[problem.line]
    assert problem.reason.startswith("'ceo' is not a crisis role; use one of incident_commander")
    with pytest.raises(BinderError, match="Nothing was imported"):
        imp.apply(plan)
    assert svc.list(Kind.CONTACT) == []


def test_json_import_stores_role_keys(svc) -> None:
    imp = Importer(svc)
    imp.apply(imp.plan(_export({"id": "p1", "name": "Marcus Oduya",
                                "roles": ["Deputy incident commander"]}), fmt="json"))
    assert svc.get("p1").roles == ("deputy_ic",)
