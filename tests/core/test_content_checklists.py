"""The shipped checklists: structure, roles, modes and the content.md coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from binder.content.checklists import (
    MAX_ITEMS,
    MIN_ITEMS,
    MODES,
    PHASES,
    ROLES,
    SCENARIOS,
    Checklist,
    builtin_checklists,
    get_checklist,
    load_checklists,
)
from binder.errors import NotFoundError, ValidationErrors

CHECKLISTS = builtin_checklists()
BY_ID = {c.id: c for c in CHECKLISTS}


def all_text(c: Checklist) -> str:
    return " | ".join(f"{i.text} {i.note}" for i in c.items).lower()


# --------------------------------------------------------------------------- coverage


def test_every_phase_and_scenario_is_present() -> None:
    assert [c.phase for c in CHECKLISTS if c.phase] == list(PHASES)
    assert [c.scenario for c in CHECKLISTS if c.scenario] == list(SCENARIOS)
    assert len(CHECKLISTS) == 12
    assert set(PHASES.values()) == {"First hour", "First 24 hours", "First 72 hours",
                                    "Recovery", "Post-incident review"}
    assert set(SCENARIOS) == {"ransomware", "account_takeover", "lost_device", "vendor_breach",
                              "insider", "misdirected_data", "extortion"}


def test_phases_come_first_in_order() -> None:
    kinds = [c.kind for c in CHECKLISTS]
    assert kinds == ["phase"] * 5 + ["scenario"] * 7
    assert CHECKLISTS[0].id == "first_hour"


def test_modes_and_owners_match_content_md() -> None:
    assert BY_ID["first_hour"].mode == "READ-DO"
    assert BY_ID["first_hour"].owner == "incident_commander"
    assert BY_ID["first_24_hours"].mode == "DO-CONFIRM"
    owners_24h = {i.owner for i in BY_ID["first_24_hours"].items}
    assert {"legal", "communications", "it_security"} <= owners_24h


# Keywords from content.md's "Starter checklists", each of which must appear.
EXPECTED = {
    "first_hour": ["declare", "scribe", "log", "out-of-band", "do not power them off",
                   "counsel", "insurer", "became aware", "spokesperson", "holding statement",
                   "law enforcement", "ceo", "board chair"],
    "first_24_hours": ["scope", "memory images", "logs", "forensics through counsel",
                       "materiality", "daily update time", "media q&a", "partners",
                       "ofac", "reset of credentials"],
    "first_72_hours": ["art. 33", "reason for delay", "each jurisdiction", "identity-protection",
                       "call-centre script", "faq", "item 1.05", "item 8.01",
                       "every public statement", "linter"],
    "recovery": ["attacker is out", "backups are clean", "agreed order", "deadlines",
                 "attorneys general", "hhs", "amend the 8-k", "root cause"],
    "post_incident_review": ["timeline", "what we said with what we knew", "contacts",
                             "templates", "reprint", "tabletop"],
}


@pytest.mark.parametrize("checklist_id", sorted(EXPECTED))
def test_phase_checklists_cover_content_md(checklist_id: str) -> None:
    text = all_text(BY_ID[checklist_id])
    for keyword in EXPECTED[checklist_id]:
        assert keyword in text, f"{checklist_id}: '{keyword}'"


def test_get_checklist() -> None:
    assert get_checklist("ransomware") is BY_ID["ransomware"]
    with pytest.raises(NotFoundError):
        get_checklist("alien_invasion")


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize("checklist", CHECKLISTS, ids=lambda c: c.id)
def test_checklist_structure(checklist: Checklist) -> None:
    assert checklist.mode in MODES
    assert checklist.owner in ROLES
    assert checklist.as_of == "2026-11-27"
    assert checklist.version
    assert checklist.sources
    assert (checklist.phase is None) != (checklist.scenario is None)
    assert checklist.pause_points
    for p in checklist.pause_points:
        assert p.name.strip()
        assert MIN_ITEMS <= len(p.items) <= MAX_ITEMS, p.id
    item_ids = [i.id for i in checklist.items]
    assert len(item_ids) == len(set(item_ids))
    pause_ids = [p.id for p in checklist.pause_points]
    assert len(pause_ids) == len(set(pause_ids))


@pytest.mark.parametrize("checklist", CHECKLISTS, ids=lambda c: c.id)
def test_items_are_short_imperatives_with_known_roles(checklist: Checklist) -> None:
    for item in checklist.items:
        assert item.owner in ROLES
        assert 0 < len(item.text) <= 90 and "\n" not in item.text
        assert item.text[0].isupper()
        assert not item.text.endswith(".")
        first = item.text.split()[0].lower()
        # Imperative: "Declare", not "Declared" or "Declaring".
        assert not first.endswith("ed") and (first in {"bring"} or not first.endswith("ing")), \
            item.text


def test_checklist_ids_are_unique() -> None:
    ids = [c.id for c in CHECKLISTS]
    assert len(ids) == len(set(ids))


# --------------------------------------------------------------------------- loader errors


def item(n: int, owner: str = "scribe") -> str:
    return f'\n[[pause_points.items]]\nid = "item_{n}"\ntext = "Do thing {n}"\nowner = "{owner}"\n'


def checklist_toml(cid: str, *, items: int = 5, mode: str = "READ-DO",
                   head_extra: str = "", owner: str = "scribe") -> str:
    head = (f'id = "{cid}"\ntitle = "Test"\nphase = "recovery"\nowner = "incident_commander"\n'
            f'mode = "{mode}"\nversion = "1"\nas_of = "2026-11-27"\n'
            f'description = "A test list."\nsources = ["Test"]\n{head_extra}\n'
            '[[pause_points]]\nid = "only"\nname = "Only pause"\n')
    return head + "".join(item(n, owner) for n in range(items))


def write(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / f"{name}.toml").write_text(text, encoding="utf-8")


def test_loader_accepts_a_good_file(tmp_path: Path) -> None:
    write(tmp_path, "good", checklist_toml("good"))
    (c,) = load_checklists(tmp_path)
    assert [i.id for i in c.items] == [f"item_{n}" for n in range(5)]


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"items": 4}, "item_count"),
    ({"items": 10}, "item_count"),
    ({"mode": "DO-READ"}, "unknown_mode"),
    ({"owner": "janitor"}, "unknown_role"),
    ({"head_extra": 'scenario = "ransomware"'}, "phase_or_scenario"),
    ({"head_extra": "colour = 'red'"}, "unknown_key"),
])
def test_loader_rejects_bad_checklists(tmp_path: Path, kwargs: dict[str, object], code: str) -> None:
    write(tmp_path, "bad", checklist_toml("bad", **kwargs))  # type: ignore[arg-type]
    with pytest.raises(ValidationErrors) as info:
        load_checklists(tmp_path)
    assert code in {e.code for e in info.value.errors}


def test_loader_rejects_duplicate_and_mismatched_ids(tmp_path: Path) -> None:
    write(tmp_path, "a", checklist_toml("a"))
    write(tmp_path, "b", checklist_toml("a"))
    text = checklist_toml("c").replace('id = "item_1"', 'id = "item_0"')
    write(tmp_path, "c", text)
    with pytest.raises(ValidationErrors) as info:
        load_checklists(tmp_path)
    codes = sorted(e.code for e in info.value.errors)
    assert codes == ["duplicate", "duplicate", "id_mismatch"]


def test_every_checklist_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "CONTENT.md").read_text(encoding="utf-8")
    for c in CHECKLISTS:
        assert f"| `{c.id}` | {c.title} |" in doc, c.id
    for role in ROLES:
        assert f"`{role}`" in doc, role
