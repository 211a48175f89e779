"""Printed checklists: mode, owner, pause points, room to write, one page where it fits."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from binder.content.checklists import Checklist, ChecklistItem, PausePoint, builtin_checklists
from binder.pdf.checklist import render_checklist
from binder.pdf.sections import PrintOptions
from tests.pdf.conftest import AS_OF, CLASSIFICATION, ORG, flat_text, page_texts


def options(page_size: str = "A4") -> PrintOptions:
    return PrintOptions(ORG, CLASSIFICATION, AS_OF, page_size)


def get(checklist_id: str) -> Checklist:
    return next(c for c in builtin_checklists() if c.id == checklist_id)


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_states_mode_owner_version_and_headers(tmp_path: Path) -> None:
    checklist = get("first_24_hours")
    text = flat_text(render_checklist(checklist, options()), tmp_path)
    assert "DO-CONFIRM" in text
    assert "Owner: Incident commander" in text
    assert f"Checklist version {checklist.version}, as of {checklist.as_of}" in text
    for header in ("Done", "Item", "Who", "Time", "Initials", "Incident ref", "Run by"):
        assert header in text


def test_every_item_and_pause_point_is_printed(tmp_path: Path) -> None:
    checklist = get("first_hour")
    text = flat_text(render_checklist(checklist, options()), tmp_path)
    total = len(checklist.pause_points)
    for number, point in enumerate(checklist.pause_points, start=1):
        assert f"Pause point {number} of {total} · {point.name}" in text
        for item in point.items:
            assert " ".join(item.text.split()[:4]) in text, item.id


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_short_checklists_fit_on_one_page(page_size: str) -> None:
    for checklist in builtin_checklists():
        if len(checklist.items) <= 12:  # every scenario playbook
            assert pages(render_checklist(checklist, options(page_size))) == 1, checklist.id


def test_three_pause_point_lists_fit_one_a4_page_when_they_can() -> None:
    for checklist_id in ("first_24_hours", "first_72_hours", "recovery", "post_incident_review"):
        assert pages(render_checklist(get(checklist_id), options())) == 1, checklist_id


def test_a_long_checklist_never_splits_a_pause_point(tmp_path: Path) -> None:
    checklist = get("first_hour")  # 18 items with notes: more than one page
    texts = page_texts(render_checklist(checklist, options()), tmp_path)
    assert len(texts) == 2
    total = len(checklist.pause_points)
    for number, point in enumerate(checklist.pause_points, start=1):
        title = f"Pause point {number} of {total}"
        page = next(t for t in texts if title in t)
        assert point.items[-1].text.split()[0] in page
        if number > 1:  # a block that may open a page says which list it belongs to
            assert "First hour · READ-DO · Owner: Incident commander" in page


def test_user_text_is_escaped(tmp_path: Path) -> None:
    items = tuple(ChecklistItem(id=f"i{n}", text=f'Call <b>Bob & "Co"</b> #{n}', owner="legal",
                                note="Use <font> tags? & never") for n in range(5))
    checklist = Checklist(id="custom", title="Custom <list> & more", owner="legal",
                          mode="READ-DO", description="A <i>custom</i> list.", version="2",
                          as_of="2026-11-01", scenario="insider",
                          pause_points=(PausePoint(id="p", name="Start & <go>", items=items),))
    text = flat_text(render_checklist(checklist, options()), tmp_path)
    assert 'Call <b>Bob & "Co"</b> #0' in text
    assert "Custom <list> & more" in text
    assert "Pause point 1 of 1 · Start & <go>" in text
    assert "Use <font> tags? & never" in text
