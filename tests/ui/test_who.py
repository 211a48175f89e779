"""The "Who do I call?" selection (pure) and its page."""

from __future__ import annotations

from PySide6.QtCore import Qt

from binder.models import Contact, Deputy, Organization, Phone
from ui.who import first_hour_lines


def _person(pid, name, roles, *phones, deputies=()):
    return Contact(id=pid, name=name, roles=roles, deputies=deputies,
                   phones=tuple(Phone(number=n, label=label) for label, n in phones))


def _line(lines, key):
    return next(line for line in lines if line.key == key)


def test_deputy_then_second_holder_then_out_of_band():
    ic = _person("1", "Ann", ("incident_commander",), ("work", "+1 1"), ("mobile", "+1 2"),
                 deputies=(Deputy(role="incident_commander", person_id="2"),))
    dep = _person("2", "Bo", ("deputy_ic",), ("mobile", "+1 3"))
    sp1 = _person("3", "Cy", ("spokesperson",), ("mobile", "+1 4"))
    sp2 = _person("4", "Di", ("spokesperson",), ("work", "+1 5"))
    lawyer = _person("5", "Ed", ("legal",), ("work", "+1 6"), ("fax", "+1 7"), ("signal", "+1 8"))
    lines = first_hour_lines([ic, dep, sp1, sp2, lawyer], [])
    assert (_line(lines, "incident_commander").number, _line(lines, "incident_commander").backup_name) \
        == ("+1 2", "Bo")  # mobile first; the deputy for the role is the backup
    assert _line(lines, "spokesperson").backup_number == "+1 5"
    legal = _line(lines, "legal")
    assert legal.backup_number == "+1 8" and "signal" in legal.backup_name  # never the fax
    assert not _line(lines, "pr_firm").assigned


def test_organisations_hotline_then_other_phone_or_person():
    insurer = Organization(id="o1", name="Insure", org_kind="cyber_insurer", hotline="+1 800",
                           phones=(Phone(number="+1 801", label="work"),))
    coach = Organization(id="o2", name="Coach", org_kind="breach_coach", hotline="+1 900",
                         people=("p1",))
    person = _person("p1", "Fay", (), ("mobile", "+1 901"))
    gone = Organization(id="o3", name="Old PR", org_kind="pr_firm", hotline="+1 1",
                        deleted_at="2026-01-01T00:00:00Z")
    lines = first_hour_lines([person], [insurer, coach, gone])
    assert (_line(lines, "cyber_insurer").number, _line(lines, "cyber_insurer").backup_number) \
        == ("+1 800", "+1 801")
    assert _line(lines, "breach_coach").backup_name == "Fay"
    assert not _line(lines, "pr_firm").assigned  # deleted records never show


def test_who_page_lists_every_first_hour_role(opened, qtbot):
    page = opened.workspace.pages["who"]
    roles = [line.role for line in page.model.rows()]
    assert roles[:3] == ["Incident commander", "Deputy incident commander", "Spokesperson"]
    assert {"Breach coach", "Insurer hotline", "PR firm", "Forensics"} <= set(roles)
    insurer = next(line for line in page.model.rows() if line.key == "cyber_insurer")
    assert insurer.name == "Meridian Cyber Insurance" and insurer.number == "+1 800 555 0121"
    # Ctrl+Enter opens the record behind a line.
    page.table.setCurrentIndex(page.proxy.index(roles.index("Insurer hotline"), 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert opened.workspace.current_key() == "organizations"
    assert opened.workspace.current_page().editor.record.title == "Meridian Cyber Insurance"
