"""What every printed document promises: embedded fonts, stamps on every page, same bytes."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from binder.content.checklists import builtin_checklists
from binder.pdf.checklist import render_checklist, render_checklists
from binder.pdf.contacts import ContactSheetData, render_contact_sheet
from binder.pdf.regulators import RegulatorsPrintData, render_regulators
from binder.pdf.sections import PrintOptions
from binder.pdf.templates import TemplatesPrintData, render_templates
from binder.pdf.wallet_card import WalletCardData, render_wallet_card
from tests.pdf.conftest import (
    AS_OF,
    CLASSIFICATION,
    ORG,
    font_rows,
    page_texts,
    sample_contacts,
    sample_organizations,
    sample_regulators,
    sample_templates,
)

OPTIONS = PrintOptions(ORG, CLASSIFICATION, AS_OF)

RENDERERS: dict[str, Callable[[], bytes]] = {
    "checklist": lambda: render_checklist(builtin_checklists()[0], OPTIONS),
    "checklists": lambda: render_checklists(builtin_checklists(), OPTIONS),
    "contact_sheet": lambda: render_contact_sheet(ContactSheetData(
        ORG, CLASSIFICATION, AS_OF, sample_contacts(), sample_organizations())),
    "wallet_card": lambda: render_wallet_card(WalletCardData(
        ORG, CLASSIFICATION, AS_OF, sample_contacts(), sample_organizations())),
    "regulators": lambda: render_regulators(RegulatorsPrintData(
        ORG, CLASSIFICATION, AS_OF, sample_regulators())),
    "templates": lambda: render_templates(TemplatesPrintData(
        ORG, CLASSIFICATION, AS_OF, sample_templates())),
}


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_every_font_is_embedded(name: str, tmp_path: Path) -> None:
    rows = font_rows(RENDERERS[name](), tmp_path)
    assert rows, "pdffonts listed no fonts"
    for row in rows:
        assert row[-5] == "yes", f"{name}: font not embedded: {row}"


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_same_input_gives_identical_bytes(name: str) -> None:
    assert RENDERERS[name]() == RENDERERS[name]()


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_every_page_carries_as_of_and_classification(name: str, tmp_path: Path) -> None:
    texts = page_texts(RENDERERS[name](), tmp_path)
    for number, text in enumerate(texts, start=1):
        assert AS_OF in text, (name, number)
        assert CLASSIFICATION in text, (name, number)
        if name != "wallet_card":  # one card-sized page: no room to waste on "Page 1 of 1"
            assert f"Page {number} of {len(texts)}" in text, (name, number)


def test_letter_paper(tmp_path: Path) -> None:
    pdf = render_checklist(builtin_checklists()[0], PrintOptions(ORG, CLASSIFICATION, AS_OF,
                                                                 "Letter"))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
