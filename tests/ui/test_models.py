"""qtmodeltester on every model: filled, emptied, and refilled."""

from __future__ import annotations

import pytest

from binder.incident_models import Incident
from binder.models import Kind, SearchHit
from binder.services.review import ReviewItem
from binder.services.records import RecordService
from ui.models.columns import (RecordRow, call_model, incident_model, record_model, review_model,
                               search_model)
from binder.pdf.wallet_card import first_hour_numbers


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


def test_search_model(qtmodeltester):
    hits = [SearchHit("contact", "1", "Dana Reyes", "[dana].reyes@example.com", -2.0),
            SearchHit("incident", "2", "Outage", "no [brackets", -1.0)]
    _check(qtmodeltester, search_model(), hits)


def test_call_model(qtmodeltester, demo_records):
    lines = first_hour_numbers(demo_records[Kind.CONTACT], demo_records[Kind.ORGANIZATION])
    _check(qtmodeltester, call_model(), lines)


def test_call_model_with_nobody_assigned(qtmodeltester):
    _check(qtmodeltester, call_model(), first_hour_numbers([], []))


def test_review_model(qtmodeltester, demo_records):
    rows = [ReviewItem(r, "never confirmed", n % 3 == 0, None if n % 2 else "+1 212 555 0101")
            for n, r in enumerate(demo_records[Kind.CONTACT] + demo_records[Kind.REGULATOR])]
    _check(qtmodeltester, review_model(), rows)


def test_incident_model(qtmodeltester):
    rows = [Incident(id="1", title="Ransomware on file server", aware_at="2026-11-20T03:10:00Z"),
            Incident(id="2", title="Tabletop", aware_at="2026-10-01T09:00:00Z", exercise=True,
                     status="closed", closed_at="2026-10-01T12:00:00Z")]
    _check(qtmodeltester, incident_model(), rows)


def test_shortcut_model(qtmodeltester, window):
    from ui.dialogs.shortcuts_dialog import shortcut_model, shortcut_rows

    rows = shortcut_rows([(m.title(), m.actions()) for m in window._menus()])
    _check(qtmodeltester, shortcut_model(), rows)


def test_every_live_model_of_the_window(qtmodeltester, opened):
    opened.trigger("search")
    opened.search_dialog.box.setText("a")
    models = opened.workspace.models() + opened.search_dialog.models()
    assert len(models) == 9
    for model in models:
        qtmodeltester.check(model, force_py=True)
    assert sum(m.rowCount() for m in models) > 200
    # The testers keep watching through a lock (every model reset) and an unlock.
    opened.trigger("lock")
    assert sum(m.rowCount() for m in models) == 0
    opened.unlock_page.passphrase.setText("Orchid-Lantern-Ferry-1987!")
    assert opened.unlock_page.unlock("passphrase")
    assert opened.workspace.pages["people"].model.rowCount() == 15
