from __future__ import annotations

import pytest

from binder.models import Contact, Organization, Phone
from binder.services.records import RecordService
from binder.services.search import SearchService


@pytest.fixture
def filled(session):
    svc = RecordService(session.db, "tester")
    people = {
        "ake": svc.add(Contact(name="Åke Lindqvist", roles=("incident_commander",),
                               phones=(Phone(number="(212) 555-0142", label="mobile"),)))[0],
        "zoe": svc.add(Contact(name="Zoë Çelik", job_title="Data Protection Officer"))[0],
    }
    coach, _ = svc.add(Organization(name="Harbor Advisors", org_kind="breach_coach",
                                    hotline="+1 800 555 0120"))
    insurer, _ = svc.add(Organization(name="Meridian Cyber Insurance", org_kind="cyber_insurer",
                                      policy_number="CY-2026-004217"))
    return SearchService(session.db), people, coach, insurer


def test_breach_co_finds_the_breach_coach_first(filled) -> None:
    search, _, coach, _ = filled
    hits = search.search("breach co")
    assert hits[0].id == coach.id
    assert "[Breach coach]" in hits[0].snippet or "[Breach]" in hits[0].snippet


def test_diacritics_are_ignored_both_ways(filled) -> None:
    search, people, _, _ = filled
    assert search.search("Ake")[0].id == people["ake"].id
    assert search.search("zoe celik")[0].id == people["zoe"].id
    assert search.search("Çelik")[0].id == people["zoe"].id


@pytest.mark.parametrize("fragment", ["0142", "5550142", "2125550142", "555-0142"])
def test_phone_fragment_finds_its_owner(filled, fragment) -> None:
    search, people, _, _ = filled
    assert search.search(fragment, kind="contacts")[0].id == people["ake"].id


def test_policy_number_and_kind_filter(filled) -> None:
    search, _, _, insurer = filled
    assert search.search("CY-2026-0042")[0].id == insurer.id
    assert all(h.kind == "organization" for h in search.search("insur", kind="organization"))


def test_deleted_records_leave_the_index(filled, session) -> None:
    search, people, _, _ = filled
    RecordService(session.db).delete(people["zoe"].id)
    assert search.search("Çelik") == []


def test_hostile_queries_are_harmless(filled) -> None:
    search, _, _, _ = filled
    for q in ['"', "AND OR NOT", "*", "NEAR(", "a\"b*c", "", "   ", "😀", "x" * 5000]:
        assert isinstance(search.search(q), list)
