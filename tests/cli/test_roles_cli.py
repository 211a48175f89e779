"""--role takes a crisis role by key, name or alias, stores the key, refuses the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from binder.models import ROLE_ALIASES, ROLES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "CLI.md"


@pytest.fixture
def b(binder_file, monkeypatch):
    monkeypatch.setenv("CRISIS_BINDER_PASSPHRASE", binder_file.passphrase)
    return str(binder_file.path)


def test_name_and_alias_are_stored_as_keys(run, b) -> None:
    res = run("--binder", b, "add", "contact", "--name", "Marcus Oduya",
              "--role", "Deputy incident commander", "--role", "IT / security", "--json")
    assert res.code == 0, res.err
    assert res.json()["roles"] == ["deputy_ic", "it_security"]
    pid = res.json()["id"]
    res = run("--binder", b, "edit", "contact", pid, "--role", "deputy_incident_commander",
              "--role", "IC", "--json")
    assert res.code == 0, res.err
    shown = run("--binder", b, "show", "contact", pid, "--json").json()
    assert shown["roles"] == ["deputy_ic", "incident_commander"]


def test_unknown_role_is_refused_listing_the_roles_and_nothing_is_written(run, b) -> None:
    res = run("--binder", b, "add", "contact", "--name", "Samuel Okafor", "--role", "CEO")
    assert res.code == 2
    assert "--role" in res.err and "'CEO' is not a crisis role; use one of" in res.err
    assert all(key in res.err for key in ROLES)
    assert "Traceback" not in res.err
    assert run("--binder", b, "list", "contacts", "--json").json() == []


def test_unknown_role_in_an_edit_changes_nothing(run, b) -> None:
    pid = run("--binder", b, "add", "contact", "--name", "Dana Reyes", "--role", "ic",
              "--json").json()["id"]
    res = run("--binder", b, "edit", "contact", pid, "--role", "boss")
    assert res.code == 2 and "'boss' is not a crisis role" in res.err
    res = run("--binder", b, "edit", "contact", pid, "--set", 'roles=["legal", "board member"]')
    assert res.code == 1
    assert "roles[2]: 'board member' is not a crisis role; use one of incident_commander" \
        in res.err
    history = run("--binder", b, "show", "contact", pid, "--history", "--json").json()
    assert history["roles"] == ["incident_commander"] and len(history["history"]) == 1


def test_from_json_roles_go_through_the_same_check(run, b, tmp_path) -> None:
    f = tmp_path / "person.json"
    f.write_text(json.dumps({"name": "Priya Raman", "roles": ["Spokesperson", "PR"]}))
    res = run("--binder", b, "add", "contact", "--from-json", str(f))
    assert res.code == 1 and "roles[2]: 'PR' is not a crisis role" in res.err
    assert run("--binder", b, "list", "contacts", "--json").json() == []


def test_help_and_docs_list_every_role(run) -> None:
    res = run("add", "--help")
    assert res.code == 0
    text = " ".join(res.out.split())
    assert all(key in text for key in ROLES), text
    assert "Deputy incident commander" in text
    docs = DOCS.read_text(encoding="utf-8")
    assert all(f"`{key}`" in docs for key in ROLES)
    assert all(f"`{alias.upper()}` ({key})" in docs for alias, key in ROLE_ALIASES.items())
