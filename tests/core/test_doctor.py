"""doctor: integrity, key file (repaired from its twin), keyring slot, fresh openable backups."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from binder.keys import keyring_store, sidecar
from binder.models import Contact
from binder.services import backup, doctor
from binder.services.records import RecordService
from binder.services.team_copy import key_for


def _by_name(report: doctor.DoctorReport) -> dict[str, list[doctor.Check]]:
    out: dict[str, list[doctor.Check]] = {}
    for c in report.checks:
        out.setdefault(c.name, []).append(c)
    return out


def test_healthy_binder_passes_every_check(session) -> None:
    backup.make_backup(session)
    report = doctor.diagnose(session)
    assert report.ok, report.to_dict()
    assert [c.name for c in report.checks] == ["integrity", "key file", "keyring", "backups"]
    assert report.to_dict()["findings"] == []


def test_no_backup_is_a_finding(session) -> None:
    report = doctor.diagnose(session)
    assert not report.ok
    (finding,) = report.to_dict()["findings"]
    assert finding["name"] == "backups" and finding["fix"] == "Run 'backup'."


def test_damaged_key_file_is_repaired_from_its_verified_twin(session, binder_file) -> None:
    backup.make_backup(session)
    keys = sidecar.sidecar_path(binder_file.path)
    raw = bytearray(keys.read_bytes())
    raw[40] ^= 0x01
    keys.write_bytes(bytes(raw))
    report = doctor.diagnose(session)
    checks = _by_name(report)
    assert report.ok and checks["key file"][0].repaired
    assert keys.read_bytes() == keys.with_name(keys.name + ".bak").read_bytes()
    assert sidecar.read(binder_file.path)[1] == []  # no more warnings
    assert not any(c.repaired for c in doctor.diagnose(session).checks)


def test_keyring_slot_that_no_longer_opens_is_a_finding(session, memory_keyring) -> None:
    backup.make_backup(session)
    session.remember_on_device()
    assert doctor.diagnose(session).ok
    keyring_store.delete(session.binder_id)
    checks = _by_name(doctor.diagnose(session))
    assert not checks["keyring"][0].ok and "forget" in checks["keyring"][0].fix


def test_stale_or_unopenable_newest_backup_is_a_finding(session) -> None:
    long_ago = datetime.now(timezone.utc) - timedelta(days=3)
    backup.make_backup(session, now=long_ago)
    RecordService(session.db).add(Contact(name="Changed since"))
    checks = _by_name(doctor.diagnose(session))
    assert not checks["backups"][-1].ok and "misses changes" in checks["backups"][-1].message
    newest = backup.make_backup(session)
    newest.path.write_bytes(b"\0" * 8192)
    checks = _by_name(doctor.diagnose(session))
    assert not checks["backups"][-1].ok and "does not open" in checks["backups"][-1].message


def test_binder_that_does_not_open_points_at_a_backup(session, binder_file) -> None:
    info = backup.make_backup(session)
    session.close()
    binder_file.path.write_bytes(b"\0" * 8192)
    key = key_for(info.path, passphrase=binder_file.passphrase)
    report = doctor.diagnose_unopened(binder_file.path, "damaged", key)
    checks = _by_name(report)
    assert not report.ok and not checks["binder"][0].ok
    assert checks["backups"][-1].ok and info.path.name in checks["backups"][-1].message

