from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import sqlcipher3

from binder.errors import BinderError, LogTamperedError, ValidationErrors
from binder.incident_models import Incident
from binder.keys import recovery
from binder.services.incidents import IncidentService
from binder.session import unlock_any


@pytest.fixture
def svc(session) -> IncidentService:
    return IncidentService(session.db, "tester")


def _start(svc, **kw):
    base = dict(id="", title="Ransomware on file servers", aware_at="2026-03-03T09:15:00+01:00",
                jurisdictions=("EU", "gb"), data_types=("any_personal",), time_zone="Europe/London")
    base.update(kw)
    return svc.start(Incident(**base))[0]


def test_start_normalises_times_and_codes(svc) -> None:
    inc = _start(svc)
    assert inc.aware_at == "2026-03-03T08:15:00Z" and inc.jurisdictions == ("EU", "GB")
    assert svc.entries(inc.id)[0].kind == "status"
    assert svc.verify(inc.id).ok


def test_bad_facts_are_each_reported(svc) -> None:
    with pytest.raises(ValidationErrors) as err:
        _start(svc, title=" ", aware_at="2026-03-03 09:15", data_types=("gossip",),
               time_zone="Nowhere/City")
    assert {e.field for e in err.value.errors} == {"title", "aware_at", "data_types", "time_zone"}
    assert svc.list() == []


def test_log_chain_and_corrections(svc) -> None:
    inc = _start(svc)
    svc.log(inc.id, "Isolated file servers FS1-FS3.", kind="decision")
    svc.log(inc.id, "Isolated FS1-FS4 (FS4 was missed).", corrects=2)
    entries = svc.entries(inc.id)
    assert [e.kind for e in entries] == ["status", "decision", "correction"]
    assert entries[2].corrects == 2 and entries[2].prev_hash == entries[1].hash
    assert svc.verify(inc.id).ok and svc.verify(inc.id).entries == 3
    with pytest.raises(Exception, match="no entry 9"):
        svc.log(inc.id, "x", corrects=9)


def _raw(binder_file):
    con = sqlcipher3.connect(str(binder_file.path))
    con.execute(f"PRAGMA key = \"x'{recovery.decode(binder_file.recovery_key).hex()}'\"")
    return con


@pytest.mark.parametrize("tamper, broken", [
    ("UPDATE incident_log SET text = 'Nothing happened.' WHERE number = 2", 2),
    ("UPDATE incident_log SET at = '2026-03-03T08:00:00Z' WHERE number = 3", 3),
    ("DELETE FROM incident_log WHERE number = 2", 2),
    ("DELETE FROM incident_log WHERE number = 4", 4),
    ("UPDATE incident_log SET data = '{\"x\": 1}' WHERE number = 1", 1),
])
def test_tampering_with_raw_sql_names_the_entry(binder_file, tamper, broken) -> None:
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        svc = IncidentService(s.db, "tester")
        inc = _start(svc)
        for text in ("Called counsel.", "Called the insurer hotline.", "Holding statement out."):
            svc.log(inc.id, text)
    con = _raw(binder_file)
    con.execute(tamper)
    con.commit()
    con.close()
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        svc = IncidentService(s.db, "tester")
        check = svc.verify(inc.id)
        assert not check.ok and check.first_broken == broken
        with pytest.raises(LogTamperedError, match=f"entry {broken}"):
            svc.require_intact(inc.id)


def test_duties_marked_done_are_logged_and_shown(svc) -> None:
    inc = _start(svc)
    svc.mark_duty(inc.id, "eu-gdpr-33", done_at="2026-03-05T10:00:00Z", how="portal",
                  reference="ICO-123")
    svc.mark_duty(inc.id, "eu-gdpr-34", not_required="data encrypted with keys not taken")
    items = {d.duty_id: d for d in svc.deadlines(inc.id)}
    assert items["eu-gdpr-33"].status == "done" and items["eu-gdpr-33"].state.reference == "ICO-123"
    assert items["eu-gdpr-34"].status == "not_required"
    assert [e.kind for e in svc.entries(inc.id)][-2:] == ["notification", "decision"]
    with pytest.raises(Exception, match="not among"):
        svc.mark_duty(inc.id, "us-sec-8k-105")


def test_cadence_follows_statements(svc) -> None:
    inc = _start(svc)
    svc.update(inc.id, cadence_hours={"customers": 12})
    svc.log(inc.id, "Update 1 to customers.", kind="statement", data={"audience": "customers"})
    customers = next(c for c in svc.cadence(inc.id) if c.audience == "customers")
    sent = datetime.fromisoformat(customers.last_at.replace("Z", "+00:00"))
    assert customers.next_due_at.startswith((sent + timedelta(hours=12)).strftime("%Y-%m-%dT%H"))
    later = datetime.now(timezone.utc) + timedelta(hours=13)
    assert next(c for c in svc.cadence(inc.id, later) if c.audience == "customers").overdue


def test_materiality_update_starts_sec_clock_and_is_logged(svc) -> None:
    inc = _start(svc, jurisdictions=("US-SEC",))
    assert next(d for d in svc.deadlines(inc.id) if d.duty_id == "us-sec-8k-105").status \
        == "not_started"
    svc.update(inc.id, materiality_at="2026-11-25T10:00:00-05:00")
    sec = next(d for d in svc.deadlines(inc.id) if d.duty_id == "us-sec-8k-105")
    assert sec.due_at == datetime(2026, 12, 2, 15, 0, tzinfo=timezone.utc)
    assert "materiality_at" in svc.entries(inc.id)[-1].text


def test_closed_incident_is_read_only(svc) -> None:
    inc = _start(svc)
    svc.close(inc.id, "Contained and notified.")
    with pytest.raises(BinderError, match="closed"):
        svc.log(inc.id, "late note")
    assert svc.verify(inc.id).ok


def test_exercises_are_kept_apart(svc) -> None:
    _start(svc)
    _start(svc, title="Tabletop Q1", exercise=True)
    assert [i.title for i in svc.list(exercises=True)] == ["Tabletop Q1"]
    assert [i.title for i in svc.list(exercises=False)] == ["Ransomware on file servers"]


def test_checklist_ticks_are_chained_and_counted(svc) -> None:
    inc = _start(svc)
    from binder.content.checklists import get_checklist

    first_hour = get_checklist("first_hour")
    items = first_hour.items
    svc.tick(inc.id, "first_hour", items[0].id, initials="dr")
    svc.tick(inc.id, "first_hour", items[1].id, initials="MO", note="bridge 555-0100")
    done, total, open_items = svc.checklist_progress(inc.id)["first_hour"]
    assert (done, total) == (2, len(items)) and items[2].text in open_items
    last = svc.entries(inc.id)[-1]
    assert last.kind == "checklist" and last.data["initials"] == "MO"
    assert svc.verify(inc.id).ok
    with pytest.raises(Exception, match="no item"):
        svc.tick(inc.id, "first_hour", "no-such-item", initials="DR")
    with pytest.raises(Exception, match="Initials"):
        svc.tick(inc.id, "first_hour", items[3].id, initials="  ")
