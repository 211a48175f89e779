"""The "Who do I call?" page: every first-hour role, copy on Enter, open on Ctrl+Enter.

Which record fills each role is the core's ``first_hour_numbers`` (tested
with the wallet card); these tests cover the page built on it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from binder.first_hour import SLOTS


def test_who_page_lists_every_first_hour_role(opened, qtbot):
    page = opened.workspace.pages["who"]
    assert [line.slot for line in page.model.rows()] == [slot for slot, _label in SLOTS]
    by_slot = {line.slot: line for line in page.model.rows()}
    assert by_slot["incident_commander"].name == "Dana Reyes"
    insurer = by_slot["cyber_insurer"]
    assert insurer.name == "Meridian Cyber Insurance" and insurer.number == "+1 800 555 0121"
    assert "CY-2026-004217" in insurer.reference
    row = page.model.find(lambda line: line.slot == "cyber_insurer")
    assert page.model.data(page.model.index(row, 4)) == insurer.reference  # the Quote column


def test_ctrl_enter_opens_the_record_behind_a_line(opened, qtbot):
    page = opened.workspace.pages["who"]
    row = page.model.find(lambda line: line.slot == "cyber_insurer")
    page.table.setCurrentIndex(page.proxy.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert opened.workspace.current_key() == "organizations"
    assert opened.workspace.current_page().editor.record.title == "Meridian Cyber Insurance"
    opened.workspace.goto("who")
    row = page.model.find(lambda line: line.slot == "spokesperson")
    page.table.setCurrentIndex(page.proxy.index(row, 0))
    opened.trigger("open_current")
    assert opened.workspace.current_page().editor.record.title == "Priya Raman"


def test_a_role_nobody_holds_says_so(opened, qtbot):
    from ui.dialogs.seams import MessageBox

    people = opened.workspace.pages["people"]
    opened.workspace.goto("people")
    for name in ("Priya Raman", "Samuel Okafor"):  # the two spokespeople
        row = people.model.find(lambda r, name=name: r.record.title == name)
        people.open_record(people.model.rows()[row].record.id)
        roles = people.editor.fields["roles"].list
        for i in range(roles.count()):
            roles.item(i).setCheckState(Qt.CheckState.Unchecked)
        deputies = people.editor.fields["deputies"]
        while deputies.rows:
            qtbot.mouseClick(deputies.rows[0][3], Qt.MouseButton.LeftButton)  # Remove
        opened.trigger("save")
        assert not people.editor.dirty, people.editor.summary.text()
    assert MessageBox.asked == []
    opened.workspace.goto("who")
    page = opened.workspace.pages["who"]
    row = page.model.find(lambda line: line.slot == "spokesperson")
    line = page.model.rows()[row]
    assert line.missing and page.model.data(page.model.index(row, 1)) == "nobody assigned"
    page.table.setCurrentIndex(page.proxy.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert "Nobody holds this role" in page.banner.text()


def test_the_page_picks_the_same_people_as_the_wallet_card(opened):
    import dataclasses

    from binder.models import Contact, Deputy, Kind, Phone
    from binder.first_hour import first_hour_numbers
    from ui.views.who_page import candidates

    service = opened.ctx.records()
    orgs = service.list(Kind.ORGANIZATION)
    # Nobody holds the deputy IC role; the IC names a deputy who has no role of their own.
    contacts = [dataclasses.replace(c, roles=tuple(r for r in c.roles if r != "deputy_ic"))
                for c in service.list(Kind.CONTACT)]
    ic = next(n for n, c in enumerate(contacts) if "incident_commander" in c.roles)
    contacts[ic] = dataclasses.replace(contacts[ic],
                                       deputies=(Deputy(role="incident_commander", person_id="x1"),))
    extra = [Contact(id=f"x{n}", name=f"Aaron {n}", phones=(Phone(number="+1 202 555 0100"),))
             for n in range(3)]
    everyone = [*extra, *contacts]
    chosen = candidates(everyone, orgs)
    assert first_hour_numbers(chosen, orgs) == first_hour_numbers(everyone, orgs)
    assert any(line.name == "Aaron 1" for line in first_hour_numbers(chosen, orgs))
    assert len(chosen) < len(everyone)


def test_no_reference_or_number_is_cut_off_at_the_default_size(opened, qtbot):
    opened.resize(1180, 760)
    page = opened.workspace.pages["who"]
    qtbot.wait(10)
    metrics = page.table.fontMetrics()
    for column in (2, 4):  # Best number, Quote: what gets read out over the phone
        widest = max(metrics.horizontalAdvance(str(page.model.data(page.model.index(r, column))))
                     for r in range(page.model.rowCount()))
        assert page.table.columnWidth(column) >= widest
    viewport = page.table.viewport().width()
    assert sum(page.table.columnWidth(c) for c in range(page.model.columnCount())) <= viewport
