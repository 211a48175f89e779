"""An organisation's People field: the linked people, ticked, first; a name search adds
someone; never a row for every person in the binder."""

from __future__ import annotations

from PySide6.QtCore import Qt

from binder.models import Kind, Organization
from tests.ui.helpers import goto, record_named, select
from tests.ui.test_accessibility import unnamed_controls
from ui.views.editor import RecordEditor
from ui.views.people_field import MATCH_LIMIT


def _rows(field) -> list[tuple[str, bool]]:
    return [(field.list.item(i).text(), field.list.item(i).checkState() == Qt.CheckState.Checked)
            for i in range(field.list.count())]


def _big_editor(qtbot, people: int = 10_000) -> tuple[RecordEditor, dict[str, str]]:
    editor = RecordEditor(Kind.ORGANIZATION)
    qtbot.addWidget(editor)
    names = {f"p{n:05d}": f"Person {n:05d}" for n in range(people)}
    names["p-asa"] = "Åsa Öberg"
    editor.set_lookups({"contacts": names, "organizations": {}})
    return editor, names


def test_ten_thousand_people_are_never_all_listed(qtbot):
    editor, _names = _big_editor(qtbot)
    field = editor.fields["people"]
    editor.load(Organization(id="org-1", name="Big Law LLP", people=("p00007", "p09999")))
    assert _rows(field) == [("Person 00007", True), ("Person 09999", True)]
    assert field.value() == ("p00007", "p09999")
    assert "2 linked" in field.status.text()

    field.search.setText("person 00")  # 1,000 people match
    assert field.list.count() == 2 + MATCH_LIMIT
    assert all(not ticked for _text, ticked in _rows(field)[2:])
    assert f"first {MATCH_LIMIT} of 999" in field.status.text()  # one of them is linked
    field.search.setText("person 0012")
    assert [text for text, _t in _rows(field)[2:]] == [f"Person 0012{d}" for d in range(10)]
    field.search.setText("ASA")  # case and accents ignored
    assert _rows(field)[2:] == [("Åsa Öberg", False)]
    field.search.setText("")
    assert field.list.count() == 2


def test_ticking_a_match_adds_and_unticking_removes(qtbot):
    editor, _names = _big_editor(qtbot, 300)
    field = editor.fields["people"]
    editor.load(Organization(id="org-1", name="Big Law LLP", people=("p00007",)))
    field.search.setText("person 00250")
    field.list.item(1).setCheckState(Qt.CheckState.Checked)
    assert editor.dirty and field.value() == ("p00007", "p00250")
    field.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert field.value() == ("p00250",)
    field.search.setText("")
    assert _rows(field) == [("Person 00007", False), ("Person 00250", True)]  # a slip can be undone

    field.search.setText("person 0012")  # several match: Enter goes to the first of them
    qtbot.keyClick(field.search, Qt.Key.Key_Return)
    assert field.list.currentRow() == 2 and field.value() == ("p00250",)
    field.search.setText("person 00120")  # one matches: Enter adds them
    qtbot.keyClick(field.search, Qt.Key.Key_Return)
    assert field.value() == ("p00250", "p00120")
    assert field.search.text() == "" and "Added Person 00120" in field.status.text()


def test_an_organisation_links_a_person_found_by_name(opened, qtbot):
    page = goto(opened, qtbot, "organizations")
    select(page, "Calder & Finch LLP")
    field = page.editor.fields["people"]
    assert field.list.count() == 0 and not field.list.isVisible()  # nobody linked: no list
    assert "Nobody linked yet" in field.status.text()
    assert unnamed_controls(page) == []
    qtbot.keyClicks(field.search, "grace")
    assert _rows(field) == [("Grace Whitfield", False)]
    qtbot.keyClick(field.search, Qt.Key.Key_Return)
    assert _rows(field) == [("Grace Whitfield", True)]
    assert page.save()
    grace = record_named(opened, Kind.CONTACT, "Grace Whitfield")
    assert record_named(opened, Kind.ORGANIZATION, "Calder & Finch LLP").people == (grace.id,)

    select(page, "Lanternfish PR")
    assert page.editor.fields["people"].list.count() == 0
    select(page, "Calder & Finch LLP")
    assert _rows(page.editor.fields["people"]) == [("Grace Whitfield", True)]
