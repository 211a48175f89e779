"""qtmodeltester on every model: filled, emptied, and refilled."""

from __future__ import annotations

import pytest

from binder.models import Kind, SearchHit
from binder.services.records import RecordService
from ui.models.columns import (RecordRow, call_model, record_model,
                               search_model)
from binder.first_hour import first_hour_numbers


@pytest.fixture
def demo_records(filled_binder):
    from binder.session import unlock_any

    session = unlock_any(filled_binder.path, passphrase=filled_binder.passphrase)
    service = RecordService(session.db)
    records = {kind: service.list(kind) for kind in Kind}
    session.close()
    return records


def _check(qtmodeltester, model, rows):
    """Check the filled model; the tester keeps watching while it is emptied and refilled."""
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(rows)
    model.clear()
    assert model.rowCount() == 0
    model.set_rows(rows)
    assert model.rowCount() == len(rows)


@pytest.mark.parametrize("kind", list(Kind))
def test_record_models(qtmodeltester, demo_records, kind):
    rows = [RecordRow(r, n % 2 == 0) for n, r in enumerate(demo_records[kind])]
    _check(qtmodeltester, record_model(kind), rows)


def test_sorting_and_filtering_go_through_the_model(qtmodeltester, demo_records, qtbot):
    from PySide6.QtCore import Qt

    from ui.views.page import make_table

    model = record_model(Kind.CONTACT)
    table, proxy = make_table(model, "people")
    qtbot.addWidget(table)
    qtmodeltester.check(proxy, force_py=True)
    model.set_rows([RecordRow(r) for r in demo_records[Kind.CONTACT]])
    names = [proxy.index(n, 0).data() for n in range(proxy.rowCount())]
    assert names == sorted(names, key=str.casefold)
    table.setCurrentIndex(proxy.index(0, 0))
    first = table.currentIndex().data()
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data() == names[-1]
    assert table.currentIndex().data() == first  # the selection follows its row
    proxy.set_needle("REYES")
    assert [proxy.index(n, 0).data() for n in range(proxy.rowCount())] == ["Dana Reyes"]
    proxy.set_needle("")
    assert proxy.rowCount() == len(names)


def test_search_model(qtmodeltester):
    hits = [SearchHit("contact", "1", "Dana Reyes", "[dana].reyes@example.com", -2.0),
            SearchHit("incident", "2", "Outage", "no [brackets", -1.0)]
    _check(qtmodeltester, search_model(), hits)


def test_call_model(qtmodeltester, demo_records):
    lines = first_hour_numbers(demo_records[Kind.CONTACT], demo_records[Kind.ORGANIZATION])
    _check(qtmodeltester, call_model(), lines)


def test_call_model_with_nobody_assigned(qtmodeltester):
    _check(qtmodeltester, call_model(), first_hour_numbers([], []))


def test_shortcut_model(qtmodeltester, window):
    from ui.dialogs.shortcuts_dialog import shortcut_model, shortcut_rows

    rows = shortcut_rows([(m.title(), m.actions()) for m in window._menus()])
    _check(qtmodeltester, shortcut_model(), rows)


def test_every_live_model_of_the_window(qtmodeltester, opened):
    for key in opened.workspace.pages:  # pages fill when first shown
        opened.workspace.goto(key)
    opened.trigger("search")
    opened.search_dialog.box.setText("a")
    models = opened.workspace.models() + opened.search_dialog.models()
    assert len(models) == 10
    for model in models:
        qtmodeltester.check(model, force_py=True)
    assert sum(m.rowCount() for m in models) > 200
    # The testers keep watching through a lock (every model reset) and an unlock.
    opened.trigger("lock")
    assert sum(m.rowCount() for m in models) == 0
    opened.unlock_page.passphrase.setText("Orchid-Lantern-Ferry-1987!")
    assert opened.unlock_page.unlock("passphrase")
    opened.workspace.goto("people")
    assert opened.workspace.pages["people"].model.rowCount() == 15
