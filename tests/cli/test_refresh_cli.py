"""CLI: review, backup, restore, doctor, copy-for, merge."""

from __future__ import annotations

from pathlib import Path

import pytest

import binder.cli.refresh_cmds  # noqa: F401  (registers the commands)
from tests.helpers.clock import Clock, install_clock

MATE = "Teammate-Copy-Passphrase-2026!"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return install_clock(monkeypatch)


@pytest.fixture
def b(binder_file, monkeypatch, clock: Clock) -> str:
    monkeypatch.setenv("CRISIS_BINDER_PASSPHRASE", binder_file.passphrase)
    return str(binder_file.path)


def _add(run, b: str, name: str) -> str:
    # Last confirmed long ago, so it is due for review.
    res = run("--binder", b, "add", "contacts", "--name", name, "--role", "legal",
              "--phone", "mobile:+1 212 555 0142", "--set", "verified_at=2025-01-02T03:04:05Z",
              "--json")
    assert res.code == 0, res.err
    return str(res.json()["id"])


def test_review_confirm_call_and_sheet(run, b, tmp_path) -> None:
    pid = _add(run, b, "Lee Legal")
    res = run("--binder", b, "review", "--json")
    assert res.code == 0, res.err
    data = res.json()
    mine = [i for i in data["items"] if i["id"] == pid]
    assert mine and mine[0]["reason"].startswith("last confirmed 2025-01-02")
    assert mine[0]["phone"] == "+1 212 555 0142"
    assert data["progress"]["remaining"] == len(data["items"])
    res = run("--binder", b, "review", "confirm", pid[:8], "--by", "Dana")
    assert res.code == 0 and "Confirmed 1" in res.err
    assert pid not in {i["id"] for i in run("--binder", b, "review", "--json").json()["items"]}
    res = run("--binder", b, "review", "call", pid[:8], "--not-reached", "--note", "no answer")
    assert res.code == 0 and "stays in the review queue" in res.err
    flagged = [i for i in run("--binder", b, "review", "--json").json()["items"]
               if i["id"] == pid]
    assert flagged and flagged[0]["flagged"] and "not reached" in flagged[0]["reason"]
    assert run("--binder", b, "review", "call", pid, "--reached").code == 0
    assert pid not in {i["id"] for i in run("--binder", b, "review", "--json").json()["items"]}
    assert run("--binder", b, "review", "call", pid).code == 2  # reached or not: required
    sheet = tmp_path / "sheet.pdf"
    res = run("--binder", b, "review", "sheet", "-o", str(sheet), "--group", "regulators", "--all")
    assert res.code == 0 and sheet.read_bytes().startswith(b"%PDF") and "not encrypted" in res.err
    plain = run("--binder", b, "review")
    assert plain.code == 0 and "reviewed this round" in plain.err


def test_backup_and_restore_with_preview(run, b, binder_file) -> None:
    res = run("--binder", b, "backup", "--json")
    assert res.code == 0, res.err
    made = res.json()
    assert made["has_keys"] and Path(made["path"]).parent.name == "binder-backups"
    pid = _add(run, b, "Added later")
    res = run("--binder", b, "restore", made["path"], "--dry-run", "--json")
    assert res.code == 0, res.err
    shown = res.json()
    assert shown["dry_run"] and not shown["restored"]
    assert shown["preview"]["same_binder"] and shown["preview"]["healthy"]
    assert shown["preview"]["current_counts"]["contact"] == 1
    assert shown["preview"]["record_counts"].get("contact", 0) == 0
    assert run("--binder", b, "show", "contact", pid, "--json").code == 0  # unchanged
    res = run("--binder", b, "restore", made["path"])
    assert res.code == 0 and "kept as" in res.err and "Restored" in res.err
    assert run("--binder", b, "show", "contact", pid, "--json").code == 1
    listed = run("--binder", b, "backup", "--list", "--json").json()
    assert {x["reason"] for x in listed} >= {"manual", "before-restore"}


def test_doctor_exit_codes_and_restoring_a_damaged_binder(run, b, binder_file) -> None:
    # Opening the binder made its first automatic backup, so all is well.
    first = run("--binder", b, "doctor", "--json")
    assert first.code == 0 and first.json()["ok"], first.out
    newest = run("--binder", b, "backup", "--json").json()["path"]
    res = run("--binder", b, "doctor", "--json")
    assert res.code == 0 and res.json()["ok"], res.out
    binder_file.path.write_bytes(b"\0" * 8192)
    res = run("--binder", b, "doctor", "--json")
    assert res.code == 4
    report = res.json()
    assert [f["name"] for f in report["findings"]] == ["binder"]
    assert any(Path(newest).name in c["message"] for c in report["checks"])  # a way back
    text = run("--binder", b, "doctor")
    assert text.code == 4 and "PROBLEM" in text.out and "Traceback" not in text.err
    res = run("--binder", b, "restore", newest)
    assert res.code == 0, res.err
    assert run("--binder", b, "doctor").code == 0


def test_copy_for_and_merge(run, b, tmp_path, clock, monkeypatch) -> None:
    pid = _add(run, b, "Pat Person")
    pw = tmp_path / "mate.txt"
    pw.write_text(MATE + "\n")
    copy, kit = tmp_path / "mate.db", tmp_path / "mate-kit.pdf"
    res = run("--binder", b, "copy-for", str(copy), "--new-passphrase-file", str(pw),
              "--kit", str(kit), "--json")
    assert res.code == 0, res.err
    made = res.json()
    assert made["recovery_key"].count("-") == 12 and kit.read_bytes().startswith(b"%PDF")
    clock.advance(minutes=5)
    res = run("--binder", str(copy), "--passphrase-file", str(pw), "edit", "contacts", pid,
              "--set", "job_title=General Counsel")
    assert res.code == 0, res.err
    res = run("--binder", b, "merge", str(copy), "--copy-passphrase-file", str(pw),
              "--dry-run", "--json")
    assert res.code == 0, res.err
    assert res.json()["dry_run"] and [u["id"] for u in res.json()["updated"]] == [pid]
    assert run("--binder", b, "show", "contact", pid, "--json").json()["job_title"] == ""
    res = run("--binder", b, "merge", str(copy), "--copy-recovery-key", made["recovery_key"],
              "--json")
    assert res.code == 0 and res.json()["changes"] == 1 and res.json()["conflicts"] == []
    assert run("--binder", b, "show", "contact", pid, "--json").json()["job_title"] == \
        "General Counsel"
    monkeypatch.setenv("CRISIS_BINDER_COPY_PASSPHRASE", MATE)
    again = run("--binder", b, "merge", str(copy))
    assert again.code == 0 and "Merged 0 change(s)" in again.err
    monkeypatch.delenv("CRISIS_BINDER_COPY_PASSPHRASE")
    res = run("--binder", b, "merge", str(copy))
    assert res.code == 3 and "--copy-passphrase-file" in res.err
    res = run("--binder", b, "copy-for", str(tmp_path / "other.db"))
    assert res.code == 1 and "--new-passphrase-file" in res.err
