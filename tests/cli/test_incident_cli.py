from __future__ import annotations

import sqlcipher3

from binder.keys import recovery


def test_incident_flow_and_verify_exit_codes(run, binder_file, monkeypatch) -> None:
    monkeypatch.setenv("CRISIS_BINDER_PASSPHRASE", binder_file.passphrase)
    b = str(binder_file.path)
    res = run("--binder", b, "incident", "start", "--title", "Stolen laptop",
              "--aware-at", "2026-03-03T09:15:00Z", "--jurisdiction", "EU",
              "--jurisdiction", "US-CO", "--data-type", "ssn_licence", "--affected", "US-CO=499",
              "--json")
    assert res.code == 0, res.err
    iid = res.json()["id"]
    deadlines = run("--binder", b, "incident", "deadlines", iid, "--json").json()
    gdpr = next(d for d in deadlines if d["duty_id"] == "eu-gdpr-33")
    assert gdpr["due_at"] == "2026-03-06T09:15:00Z" and gdpr["jurisdiction"] == "EU"
    assert {"jurisdiction", "authority", "due_at", "rule", "status"} <= set(gdpr)
    assert next(d for d in deadlines if d["duty_id"] == "us-co-ag")["status"] == "not_required"
    bad = run("--binder", b, "incident", "log", iid,
              "Out of an abundance of caution, we are sorry for any inconvenience {{x}}.",
              "--kind", "statement", "--audience", "customers")
    assert bad.code == 1 and "lint error" in bad.err
    assert run("--binder", b, "incident", "log", iid, "Decided to call law enforcement.",
               "--kind", "decision").code == 0
    ok = run("--binder", b, "incident", "verify", iid)
    assert ok.code == 0 and "Intact: 2 entries" in ok.out
    con = sqlcipher3.connect(b)
    con.execute(f"PRAGMA key = \"x'{recovery.decode(binder_file.recovery_key).hex()}'\"")
    con.execute("UPDATE incident_log SET text = 'Decided not to call.' WHERE number = 2")
    con.commit()
    con.close()
    broken = run("--binder", b, "incident", "verify", iid)
    assert broken.code == 4 and "entry 2" in broken.err


def test_list_and_show_incidents(run, binder_file, monkeypatch) -> None:
    monkeypatch.setenv("CRISIS_BINDER_PASSPHRASE", binder_file.passphrase)
    b = str(binder_file.path)
    iid = run("--binder", b, "incident", "start", "--title", "Tabletop", "--aware-at",
              "2026-03-03T09:15:00Z", "--exercise", "--json").json()["id"]
    listed = run("--binder", b, "list", "incidents", "--json").json()
    assert [(i["id"], i["kind"], i["title"]) for i in listed] == [(iid, "incident", "Tabletop")]
    assert listed[0]["exercise"] is True
    assert run("--binder", b, "incident", "close", iid).code == 0
    shown = run("--binder", b, "incident", "show", iid, "--json").json()
    assert shown["status"] == "closed" and shown["log"][-1]["text"].startswith("Closed")
