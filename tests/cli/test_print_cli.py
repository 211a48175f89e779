"""print: every document from a filled binder, read back as text."""

from __future__ import annotations

import subprocess

import pytest
from pypdf import PdfReader

from binder.demo_content import fill
from binder.session import unlock_any


@pytest.fixture
def demo(binder_file, monkeypatch):
    with unlock_any(binder_file.path, passphrase=binder_file.passphrase) as s:
        fill(s)
    monkeypatch.setenv("CRISIS_BINDER_PASSPHRASE", binder_file.passphrase)
    return str(binder_file.path)


def _text(path) -> list[str]:
    return [p.extract_text() for p in PdfReader(str(path)).pages]


def _fonts_embedded(path) -> bool:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    return bool(rows) and all(" yes " in row for row in rows)


@pytest.mark.parametrize("doc, ref, expect", [
    ("contacts", None, "Åsa Öberg"),
    ("wallet-card", None, "Dana Reyes"),
    ("checklist", "first_hour", "READ-DO"),
    ("regulators", None, "72 hours"),
    ("template", "public_holding", "[org]"),
    ("emergency-kit", None, "Recovery key"),
])
def test_each_document_prints_and_reads_back(run, demo, tmp_path, doc, ref, expect) -> None:
    out = tmp_path / f"{doc}.pdf"
    args = ["--binder", demo, "print", doc] + ([ref] if ref else []) + ["-o", str(out),
                                                                      "--as-of", "2026-11-27"]
    res = run(*args)
    assert res.code == 0, res.err
    pages = _text(out)
    assert any(expect in p for p in pages), (doc, pages[0][:300])
    if doc == "emergency-kit":  # always TLP:RED: it holds the key
        assert all("TLP:RED" in p for p in pages)
    elif doc != "wallet-card":
        assert all("2026-11-27" in p and "TLP:AMBER" in p for p in pages)
    if subprocess.run(["which", "pdffonts"], capture_output=True).returncode == 0:
        assert _fonts_embedded(out)


def test_incident_report_carries_duties_log_and_final_hash(run, demo, tmp_path) -> None:
    iid = run("--binder", demo, "incident", "start", "--title", "Ransomware <b>&</b>",
              "--aware-at", "2026-11-20T09:00:00Z", "--jurisdiction", "EU",
              "--exercise", "--json").json()["id"]
    run("--binder", demo, "incident", "log", iid, "Isolated FS1.", "--kind", "decision")
    run("--binder", demo, "incident", "duty", iid, "eu-gdpr-33", "--how", "portal",
        "--reference", "DPA-77")
    head = run("--binder", demo, "incident", "verify", iid, "--json").json()["head"]
    out = tmp_path / "incident.pdf"
    assert run("--binder", demo, "print", "incident", iid, "-o", str(out)).code == 0
    text = "\n".join(_text(out))
    assert "Ransomware <b>&</b>" in text  # escaped, printed literally
    assert "DPA-77" in text and "Isolated FS1." in text
    assert head in text.replace("\n", "")
    assert "EXERCISE" in text and "not legal advice" in text.lower()


def test_unknown_checklist_lists_the_ids(run, demo, tmp_path) -> None:
    res = run("--binder", demo, "print", "checklist", "nope", "-o", str(tmp_path / "x.pdf"))
    assert res.code == 1 and "first_hour" in res.err
    assert not (tmp_path / "x.pdf").exists()
