"""Records: validation, history, tombstones, links, staleness."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from binder.errors import BinderError, NotFoundError, ValidationErrors
from binder.models import Contact, Deputy, Email, Kind, Organization, Phone
from binder.services.records import RecordService, is_stale
from binder.services.search import SearchService
from binder.services.settings import SettingsService


@pytest.fixture
def svc(session) -> RecordService:
    return RecordService(session.db, "tester")


def _person(name: str, **kw) -> Contact:
    return Contact(name=name, **kw)


def test_phone_is_normalised_and_typed_form_kept(svc) -> None:
    c, _ = svc.add(_person("Åsa Öberg", phones=(Phone(number="070-555 01 23", label="mobile"),)))
    # Default region is US; a Swedish number needs +46 or a region setting.
    assert c.phones[0].number == "070-555 01 23"
    SettingsService(svc.db).update(phone_region="SE")
    d, _ = svc.add(_person("Øystein Berg", phones=(Phone(number="070-555 01 23", label="mobile"),)))
    assert d.phones[0].e164 == "+46705550123"


def test_every_invalid_field_is_reported_at_once(svc) -> None:
    with pytest.raises(ValidationErrors) as err:
        svc.add(_person("  ", phones=(Phone(number="12"), Phone(number="+1 555 555 0101", label="pager")),
                        emails=(Email(address="not-an-email"),), time_zone="Mars/Olympus"))
    fields = sorted(e.field for e in err.value.errors)
    assert fields == ["emails[1]", "name", "phones[1]", "phones[2]", "time_zone"]
    assert svc.list(Kind.CONTACT) == []


def test_self_deputy_and_dangling_links_refused(svc) -> None:
    a, _ = svc.add(_person("Dana Reyes", roles=("incident_commander",)))
    with pytest.raises(ValidationErrors, match="own deputy"):
        svc.update(a.id, deputies=[{"role": "incident_commander", "person_id": a.id}])
    with pytest.raises(ValidationErrors, match="not a person in this binder"):
        svc.update(a.id, deputies=[{"role": "incident_commander", "person_id": "nope"}])
    with pytest.raises(ValidationErrors, match="does not hold"):
        b, _ = svc.add(_person("Marcus Oduya"))
        svc.update(a.id, deputies=[{"role": "spokesperson", "person_id": b.id}])


def test_history_records_field_level_before_and_after(svc) -> None:
    c, _ = svc.add(_person("Priya Raman", job_title="VP Comms"))
    svc.update(c.id, job_title="VP Communications", may_speak_publicly=True)
    history = svc.history(c.id)
    assert [h.action for h in history] == ["create", "update"]
    changes = {ch.field: (ch.before, ch.after) for ch in history[1].changes}
    assert changes == {"job_title": ("VP Comms", "VP Communications"),
                       "may_speak_publicly": (False, True)}
    assert history[1].by == "tester"


def test_delete_is_a_tombstone_and_restore_brings_it_back(svc) -> None:
    c, _ = svc.add(_person("Leila Haddad", emails=(Email(address="leila@example.com"),)))
    svc.delete(c.id)
    assert svc.list(Kind.CONTACT) == []
    assert svc.get(c.id).deleted_at is not None
    assert [r.id for r in svc.list(Kind.CONTACT, include_deleted=True)] == [c.id]
    assert svc.repo.ids_by_key("email", "leila@example.com") == []
    svc.restore(c.id)
    assert [r.title for r in svc.list(Kind.CONTACT)] == ["Leila Haddad"]
    assert [h.action for h in svc.history(c.id)] == ["create", "delete", "restore"]


def test_deleting_a_deputy_is_blocked_then_forced(svc) -> None:
    dep, _ = svc.add(_person("Mei Tanaka"))
    boss, _ = svc.add(_person("Grace Whitfield", roles=("legal",),
                              deputies=(Deputy(role="legal", person_id=dep.id),)))
    with pytest.raises(BinderError, match="still referenced"):
        svc.delete(dep.id)
    changes = svc.delete(dep.id, force=True)
    assert boss.id in changes.updated
    assert svc.get(boss.id).deputies == ()


def test_organisation_hotline_and_people(svc) -> None:
    p, _ = svc.add(_person("Ana Ruiz"))
    o, _ = svc.add(Organization(name="Harbor Breach Advisors", org_kind="breach_coach",
                                hotline="+1 800 555 0120", people=(p.id,),
                                policy_number="CY-2026-0042"))
    assert o.hotline_e164 == "+18005550120"
    with pytest.raises(ValidationErrors, match="not one of"):
        svc.add(Organization(name="X", org_kind="astrologer"))


def test_short_id_prefix_and_not_found(svc) -> None:
    c, _ = svc.add(_person("Samuel Okafor"))
    assert svc.get(c.id[:8]).id == c.id
    with pytest.raises(NotFoundError):
        svc.get("ffffffff-0000")
    with pytest.raises(NotFoundError):
        svc.get(c.id, Kind.ORGANIZATION)


def test_staleness_follows_interval_and_overrides(svc) -> None:
    c, _ = svc.add(_person("Henrik Lund"))
    settings = SettingsService(svc.db).get()
    assert svc.get(c.id).verified_by == "tester"  # entering a record verifies it
    svc.verify([c.id])
    now = datetime.now(timezone.utc)
    fresh = svc.get(c.id)
    assert not is_stale(fresh, settings, now)
    assert is_stale(fresh, settings, now + timedelta(days=91))
    settings, _ = SettingsService(svc.db).update(review_overrides={"contact": 180})
    assert not is_stale(fresh, settings, now + timedelta(days=91))
    assert [r.id for r in svc.list(Kind.CONTACT, stale_only=True,
                                   now=now + timedelta(days=181))] == [c.id]


def test_unknown_and_read_only_fields_refused(svc) -> None:
    c, _ = svc.add(_person("Tomás Herrera"))
    with pytest.raises(ValidationErrors, match="not a field"):
        svc.update(c.id, shoe_size=44)
    with pytest.raises(ValidationErrors, match="cannot be edited"):
        svc.update(c.id, created_at="2020-01-01T00:00:00Z")


def test_settings_validation(session) -> None:
    service = SettingsService(session.db)
    with pytest.raises(ValidationErrors) as err:
        service.update(classification="tlp amber", idle_lock_minutes=0, page_size="A3")
    assert {e.field for e in err.value.errors} == {"classification", "idle_lock_minutes",
                                                  "page_size"}
    settings, _ = service.update(classification="TLP:RED", page_size="Letter")
    assert (settings.classification, settings.page_size) == ("TLP:RED", "Letter")
    assert service.get().classification == "TLP:RED"


def test_new_binder_is_seeded_with_builtin_content(svc) -> None:
    kinds = {k: len(svc.list(k)) for k in (Kind.TEMPLATE, Kind.CHECKLIST, Kind.REGULATOR)}
    assert kinds[Kind.TEMPLATE] >= 11 and kinds[Kind.CHECKLIST] >= 12
    assert kinds[Kind.REGULATOR] >= 100


def _found(svc: RecordService, text: str) -> list[str]:
    return [h.id for h in SearchService(svc.db).search(text)]


def _index_state(svc: RecordService, record_id: str) -> tuple[list, list]:
    keys = svc.db.execute("SELECT rowid, key_type, value FROM record_keys WHERE record_id = ? "
                          "ORDER BY rowid", [record_id]).fetchall()
    links = svc.db.execute("SELECT rowid, to_id, rel FROM record_links WHERE from_id = ? "
                           "ORDER BY rowid", [record_id]).fetchall()
    return keys, links


def test_an_edit_rewrites_only_the_keys_links_and_text_that_changed(svc) -> None:
    deputy, _ = svc.add(_person("Grace Whitfield"))
    c, _ = svc.add(_person("Dana Reyes", phones=(Phone(number="+1 212 555 0142", label="mobile"),),
                           emails=(Email(address="dana@fictional-corp.example.com"),), roles=("incident_commander",),
                           deputies=(Deputy(role="incident_commander", person_id=deputy.id),), notes="Lives near Quillbrook"))
    keys, links = _index_state(svc, c.id)
    assert keys and links
    svc.update(c.id, notes="Moved to the harbour office")
    assert _index_state(svc, c.id) == (keys, links)  # same rows, not deleted and re-added
    assert _found(svc, "harbour") == [c.id]
    assert _found(svc, "Quillbrook") == []
    svc.update(c.id, phones=(Phone(number="+1 212 555 0199", label="mobile"),), deputies=())
    new_keys, new_links = _index_state(svc, c.id)
    assert new_links == []
    assert [k for k in new_keys if k[1] == "email"] == [k for k in keys if k[1] == "email"]
    assert {k[2] for k in new_keys if k[1] == "phone"} == {"+12125550199"}
    assert _found(svc, "5550199") == [c.id]
    assert _found(svc, "5550142") == []
    svc.delete(c.id)
    assert _index_state(svc, c.id)[0] == [] and _found(svc, "harbour") == []
    svc.restore(c.id)
    assert _found(svc, "harbour") == [c.id]
