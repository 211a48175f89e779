"""The Regulators list: the deadline readable beside the place at the default window
width, and the duties marked "applies to us" first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from binder.models import Kind
from tests.ui.helpers import goto
from ui.models.columns import deadline_text


def _mark_ours(window, *duty_ids: str) -> None:
    service = window.ctx.records()
    for record in service.list(Kind.REGULATOR):
        if record.duty_id in duty_ids:
            service.update(record.id, applies_to_us=True)


def _column(page, header: str) -> int:
    return [c.header for c in page.model.columns()].index(header)


def _shown(page, column: int) -> list[str]:
    return [page.proxy.index(r, column).data() for r in range(page.proxy.rowCount())]


def test_every_column_fits_and_the_deadline_reads_whole_at_1180_px(opened, qtbot):
    assert opened.width() == 1180  # the default window
    page = goto(opened, qtbot, "regulators")
    QApplication.processEvents()
    header = page.table.horizontalHeader()
    headers = [c.header for c in page.model.columns()]
    assert headers[:2] == ["Jurisdiction", "Deadline"] and "Authority" in headers
    assert page.table.horizontalScrollBar().maximum() == 0  # nothing pushed out of sight
    width = page.table.viewport().width()
    for column in range(header.count()):
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= width
        assert header.sectionSize(column) >= 60, headers[column]
    deadline = _column(page, "Deadline")
    metrics = page.table.fontMetrics()
    widest = max(metrics.horizontalAdvance(text) for text in _shown(page, deadline))
    assert header.sectionSize(deadline) >= widest + 8
    gb = page.model.find(lambda r: r.record.duty_id == "gb-ukgdpr-33")
    cell = page.model.index(gb, deadline)
    assert cell.data() == "72 hours"
    assert "72 hours of becoming aware" in cell.data(Qt.ItemDataRole.ToolTipRole)


def test_the_duties_marked_as_ours_come_first_then_by_jurisdiction(opened, qtbot):
    _mark_ours(opened, "gb-ukgdpr-33", "us-hipaa-hhs-500")
    page = goto(opened, qtbot, "regulators")
    page.reload()
    place = _column(page, "Jurisdiction")
    shown = _shown(page, place)
    assert shown[:2] == ["✓ GB", "✓ US-HIPAA"]
    rest = shown[2:]
    assert rest == sorted(rest, key=str.casefold) and not any("✓" in p for p in rest)
    assert page.model.index(0, place).data(Qt.ItemDataRole.FontRole).bold()
    assert "2 apply to us" in page.count.text()

    deadline = _column(page, "Deadline")
    page.table.sortByColumn(deadline, Qt.SortOrder.DescendingOrder)
    assert _shown(page, place)[:2] == ["✓ US-HIPAA", "✓ GB"]  # ours stay on top
    assert _shown(page, deadline)[:3] == ["60 days", "72 hours", "No fixed clock"]
    page.table.sortByColumn(place, Qt.SortOrder.DescendingOrder)
    assert [p.startswith("✓") for p in _shown(page, place)[:3]] == [True, True, False]


def test_deadline_words_match_the_printed_list():
    from binder.models import Regulator

    def reg(unit: str, amount: int | None) -> Regulator:
        return Regulator(duty_id="x", jurisdiction="X", deadline_unit=unit, deadline_amount=amount)

    assert deadline_text(reg("hours", 72)) == "72 hours"
    assert deadline_text(reg("business_days", 1)) == "1 business day"
    assert deadline_text(reg("calendar_days", 30)) == "30 days"
    assert deadline_text(reg("none", None)) == "No fixed clock"
