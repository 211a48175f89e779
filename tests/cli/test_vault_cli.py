from __future__ import annotations

import sqlcipher3

from binder.keys import recovery

PASS = "Orchid-Lantern-Ferry-1987!"


def test_init_json_then_info(run, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CRISIS_BINDER_PASSPHRASE", PASS)
    binder = tmp_path / "b.db"
    res = run("--binder", str(binder), "init", "--org", "Fictional Corp", "--json")
    assert res.code == 0, res.err
    data = res.json()
    assert set(data) == {"binder", "binder_id", "recovery_key"}
    recovery.decode(data["recovery_key"])
    info = run("--binder", str(binder), "info", "--json")
    assert info.code == 0
    assert info.json()["binder_id"] == data["binder_id"]
    assert info.json()["organisation"] == "Fictional Corp"
    assert info.json()["key_slots"][0]["type"] == "passphrase"


def test_exit_codes_and_messages(run, binder_file, monkeypatch, tmp_path) -> None:
    b = str(binder_file.path)
    monkeypatch.setenv("CRISIS_BINDER_PASSPHRASE", "not the passphrase")
    res = run("--binder", b, "info")
    assert (res.code, res.err.strip()) == (3, "Error: Wrong passphrase.")
    monkeypatch.delenv("CRISIS_BINDER_PASSPHRASE")
    res = run("--binder", b, "info")  # no TTY, nothing given
    assert res.code == 3 and "--passphrase-file" in res.err
    res = run("--binder", str(tmp_path / "nope.db"), "--recovery-key",
              binder_file.recovery_key, "info")
    assert res.code == 1 and "no binder" in res.err.lower()
    res = run("--binder", b, "no-such-command")
    assert res.code == 2
    bad = binder_file.recovery_key[:-1] + ("0" if binder_file.recovery_key[-1] != "0" else "1")
    res = run("--binder", b, "--recovery-key", bad, "info")
    assert res.code == 3 and "typo" in res.err
    assert "Traceback" not in res.err


def test_passphrase_file_and_recovery_key_env(run, binder_file, tmp_path, monkeypatch) -> None:
    pf = tmp_path / "pass.txt"
    pf.write_text(binder_file.passphrase + "\n")
    assert run("--binder", str(binder_file.path), "--passphrase-file", str(pf), "info").code == 0
    monkeypatch.setenv("CRISIS_BINDER_RECOVERY_KEY", binder_file.recovery_key)
    assert run("--binder", str(binder_file.path), "info", "--json").code == 0


def test_recovery_key_decode_needs_no_binder_and_opens_with_plain_sqlcipher(
        run, binder_file) -> None:
    res = run("recovery-key", "decode", binder_file.recovery_key)
    assert res.code == 0
    hex_key = res.out.strip()
    assert len(hex_key) == 64
    # Break-glass: a plain sqlcipher3 connection, not the project's code.
    con = sqlcipher3.connect(str(binder_file.path))
    con.execute(f"PRAGMA key = \"x'{hex_key}'\"")
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert {"binder_meta", "settings"} <= names


def test_sidecar_deleted_recovery_key_still_opens(run, binder_file) -> None:
    for suffix in (".keys", ".keys.bak"):
        (binder_file.path.parent / (binder_file.path.name + suffix)).unlink()
    res = run("--binder", str(binder_file.path), "--recovery-key", binder_file.recovery_key,
              "info", "--json")
    assert res.code == 0 and res.json()["binder_id"] == binder_file.binder_id
    assert "without a key file" in res.err


def test_passphrase_change_remember_forget(run, binder_file, monkeypatch, memory_keyring) -> None:
    b = str(binder_file.path)
    monkeypatch.setenv("CRISIS_BINDER_PASSPHRASE", binder_file.passphrase)
    monkeypatch.setenv("CRISIS_BINDER_NEW_PASSPHRASE", "password")
    res = run("--binder", b, "passphrase", "change")
    assert res.code == 1 and "weak" in res.err
    monkeypatch.setenv("CRISIS_BINDER_NEW_PASSPHRASE", "Granite-Harbour-Violet-2031?")
    assert run("--binder", b, "passphrase", "change").code == 0
    assert run("--binder", b, "info").code == 3
    monkeypatch.setenv("CRISIS_BINDER_PASSPHRASE", "Granite-Harbour-Violet-2031?")
    assert run("--binder", b, "remember").code == 0
    monkeypatch.delenv("CRISIS_BINDER_PASSPHRASE")
    res = run("--binder", b, "info", "--json")
    assert res.code == 0 and res.json()["remembered_here"] is True
    assert run("--binder", b, "forget").code == 0
    assert run("--binder", b, "info").code == 3


def test_rotate_recovery_key_writes_new_kit(run, binder_file, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CRISIS_BINDER_PASSPHRASE", binder_file.passphrase)
    kit = tmp_path / "kit.pdf"
    res = run("--binder", str(binder_file.path), "recovery-key", "rotate", "--kit", str(kit),
              "--json")
    assert res.code == 0
    new_key = res.json()["recovery_key"]
    assert new_key != binder_file.recovery_key and kit.read_bytes().startswith(b"%PDF")
    monkeypatch.delenv("CRISIS_BINDER_PASSPHRASE")
    assert run("--binder", str(binder_file.path), "--recovery-key", binder_file.recovery_key,
               "info").code == 3
    assert run("--binder", str(binder_file.path), "--recovery-key", new_key, "info").code == 0


def test_emergency_kit_pdf_reads_back(run, tmp_path, monkeypatch) -> None:
    from pypdf import PdfReader

    monkeypatch.setenv("CRISIS_BINDER_PASSPHRASE", PASS)
    kit = tmp_path / "kit.pdf"
    res = run("--binder", str(tmp_path / "b.db"), "init", "--org", "Zoë Çelik & Co <b>",
              "--kit", str(kit), "--json")
    assert res.code == 0
    data = res.json()
    text = "\n".join(p.extract_text() for p in PdfReader(kit).pages)
    compact = text.replace(" ", "").replace("\n", "")
    assert data["recovery_key"].replace("-", "") in compact
    assert recovery.to_hex(recovery.decode(data["recovery_key"])) in compact
    assert data["binder_id"] in text and "Zoë Çelik & Co <b>" in text
    assert "TLP:RED" in text and "Page 1 of 1" in text


def test_demo_creates_once_and_opens_with_demo(run, tmp_path) -> None:
    res = run("demo", "--path", str(tmp_path / "d"), "--json")
    assert res.code == 0 and res.json()["created"] is True
    again = run("demo", "--path", str(tmp_path / "d"), "--json")
    assert again.json()["created"] is False
    info = run("--binder", res.json()["binder"], "info", "--json")
    assert info.code == 3  # no passphrase given
    import os

    os.environ["CRISIS_BINDER_PASSPHRASE"] = "demo"
    try:
        info = run("--binder", res.json()["binder"], "info", "--json")
    finally:
        del os.environ["CRISIS_BINDER_PASSPHRASE"]
    assert info.code == 0 and "demo" in info.json()["organisation"]
