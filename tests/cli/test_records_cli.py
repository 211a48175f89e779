from __future__ import annotations

import json

import pytest


@pytest.fixture
def b(binder_file, monkeypatch):
    monkeypatch.setenv("CRISIS_BINDER_PASSPHRASE", binder_file.passphrase)
    return str(binder_file.path)


def test_add_list_show_edit_delete_restore(run, b) -> None:
    res = run("--binder", b, "add", "contacts", "--name", "Åsa Öberg", "--role", "Scribe",
              "--phone", "signal:+46 70 555 01 23", "--email", "asa@example.com", "--json")
    assert res.code == 0, res.err
    pid = res.json()["id"]
    listed = run("--binder", b, "list", "contacts", "--json").json()
    assert [(r["id"], r["kind"], r["title"]) for r in listed] == [(pid, "contact", "Åsa Öberg")]
    shown = run("--binder", b, "show", "contact", pid[:8], "--json").json()
    assert shown["phones"] == [{"e164": "+46705550123", "label": "signal",
                                "number": "+46 70 555 01 23"}]
    assert shown["roles"] == ["scribe"] and shown["stale"] is False  # entering it verified it
    assert run("--binder", b, "edit", "contacts", pid, "--set", "may_speak_publicly=true").code == 0
    hist = run("--binder", b, "show", "contacts", pid, "--history", "--json").json()["history"]
    # The edit is also a fresh look: verified_at moves too when the add and the
    # edit fall in different seconds.
    changes = [c for c in hist[-1]["changes"] if c["field"] not in ("verified_at", "verified_by")]
    assert changes == [{"field": "may_speak_publicly", "before": False, "after": True}]
    assert run("--binder", b, "delete", "contacts", pid).code == 0
    assert run("--binder", b, "list", "contacts", "--json").json() == []
    assert run("--binder", b, "undelete", "contacts", pid).code == 0
    assert len(run("--binder", b, "list", "contacts", "--json").json()) == 1


def test_invalid_input_names_each_field_and_changes_nothing(run, b) -> None:
    res = run("--binder", b, "add", "contacts", "--name", "X", "--phone", "12",
              "--email", "nope")
    assert res.code == 1
    assert "phones[1]" in res.err and "emails[1]" in res.err and "Traceback" not in res.err
    assert run("--binder", b, "list", "contacts", "--json").json() == []
    res = run("--binder", b, "add", "organizations", "--name", "Y", "--set", "org_kind=wizard")
    assert res.code == 1 and "org_kind" in res.err


def test_from_json_file_errors_point_at_the_line(run, b, tmp_path) -> None:
    f = tmp_path / "org.json"
    f.write_text('{\n  "name": "Meridian",\n  "org_kind": "cyber_insurer",\n  oops\n}')
    res = run("--binder", b, "add", "organizations", "--from-json", str(f))
    assert res.code == 1 and "line 4" in res.err
    f.write_text(json.dumps({"name": "Meridian Cyber Insurance", "org_kind": "cyber_insurer",
                             "hotline": "+1 800 555 0121", "policy_number": "CY-1"}))
    res = run("--binder", b, "add", "organizations", "--from-json", str(f), "--json")
    assert res.code == 0 and res.json()["hotline_e164"] == "+18005550121"


def test_search_json_shape(run, b) -> None:
    run("--binder", b, "add", "organizations", "--name", "Harbor Advisors",
        "--set", "org_kind=breach_coach", "--set", "hotline=+1 800 555 0120")
    hits = run("--binder", b, "search", "breach co", "--json").json()
    assert set(hits[0]) == {"kind", "id", "title", "snippet"}
    assert hits[0]["title"] == "Harbor Advisors"


def test_export_warns_and_json_round_trips_through_cli(run, b, tmp_path, monkeypatch,
                                                       binder_file) -> None:
    run("--binder", b, "add", "contacts", "--name", "Zoë Çelik", "--phone", "+49 30 555 0107")
    out = tmp_path / "all.json"
    res = run("--binder", b, "export", "all", "--format", "json", "-o", str(out))
    assert res.code == 0 and "NOT encrypted" in res.err
    data = json.loads(out.read_text())
    assert any(r.get("name") == "Zoë Çelik" for r in data["records"])
    new = str(tmp_path / "new.db")
    assert run("--binder", new, "init", "--org", "Other").code == 0
    dry = run("--binder", new, "import", str(out), "--dry-run", "--json").json()
    assert dry["errors"] == [] and dry["added"] >= 1 and dry["applied"] is False
    assert run("--binder", new, "import", str(out), "--json").json()["applied"] is True
    again = tmp_path / "again.json"
    run("--binder", new, "export", "all", "--format", "json", "-o", str(again))
    assert again.read_bytes() == out.read_bytes()


def test_settings_show_and_set(run, b) -> None:
    assert run("--binder", b, "settings", "set", "classification=TLP:RED",
               "review_interval_days=60").code == 0
    shown = run("--binder", b, "settings", "show", "--json").json()
    assert shown["classification"] == "TLP:RED" and shown["review_interval_days"] == 60
    res = run("--binder", b, "settings", "set", "idle_lock_minutes=0")
    assert res.code == 1 and "idle_lock_minutes" in res.err
