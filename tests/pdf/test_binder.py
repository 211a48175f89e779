"""The whole binder, read back: contents page numbers, stamps on every page, fonts."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import PageBreak, Paragraph

from binder.content.checklists import builtin_checklists
from binder.content.templates import builtin_templates
from binder.pdf.binder_doc import BinderDocData, DeferredTOC, build_with_contents, render_binder
from binder.pdf.contacts import contact_sheet_section
from binder.pdf.regulators import regulators_section
from binder.pdf.sections import Area, PrintOptions, heading, print_styles
from binder.pdf.templates import PrintTemplate
from tests.pdf.conftest import (
    AS_OF,
    CLASSIFICATION,
    MARKUP_NAME,
    ORG,
    SAMPLE_NAMES,
    flat_text,
    font_rows,
    page_texts,
    sample_contacts,
    sample_organizations,
    sample_regulators,
    sample_templates,
)

LEGAL_LINE = "Information, not legal advice."


def binder_data(page_size: str = "A4") -> BinderDocData:
    return BinderDocData(organisation=ORG, classification=CLASSIFICATION, as_of=AS_OF,
                         version="Binder revision 14", contacts=sample_contacts(),
                         organizations=sample_organizations(), regulators=sample_regulators(),
                         checklists=builtin_checklists(), templates=sample_templates(),
                         page_size=page_size)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_binder(binder_data())


@pytest.fixture(scope="module")
def texts(pdf: bytes, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return page_texts(pdf, tmp_path_factory.mktemp("binder"))


def toc_titles(data: BinderDocData) -> list[str]:
    return ["Contact sheet", "External parties", "Regulators and deadlines", "Checklists",
            *(c.title for c in data.checklists), "Approved templates",
            *(t.template.title for t in data.templates)]


def toc_numbers(texts: list[str], titles: list[str]) -> dict[str, int]:
    """Page numbers printed in the contents, which may run over several pages."""
    start = next(i for i, t in enumerate(texts)
                 if any(line.strip() == "Contents" for line in t.splitlines()))
    end = next(i for i in range(start, len(texts))
               if any(line.strip() == titles[0] for line in texts[i].splitlines()))
    contents = "\n".join(texts[start:end])
    found: dict[str, int] = {}
    for title in titles:
        pattern = re.compile(rf"^\s*{re.escape(title)}[\s.]*?(\d+)\s*$", re.MULTILINE)
        match = pattern.search(contents)
        assert match, f"{title!r} missing from the contents page"
        found[title] = int(match.group(1))
    return found


def heading_page(texts: list[str], title: str, after: int) -> int:
    """1-based number of the first page after ``after`` with a line that is just ``title``."""
    for index in range(after, len(texts)):
        if any(line.strip() == title for line in texts[index].splitlines()):
            return index + 1
    raise AssertionError(f"no page has the heading {title!r}")


def test_contents_page_numbers_are_the_pages_where_sections_start(texts: list[str]) -> None:
    data = binder_data()
    titles = toc_titles(data)
    numbers = toc_numbers(texts, titles)
    pages = {title: heading_page(texts, title, after=2) for title in titles}
    assert numbers == pages
    assert list(numbers.values()) == sorted(numbers.values())  # sections in binder order


def test_contents_running_over_two_pages_on_letter(tmp_path: Path) -> None:
    people = tuple(replace(c, id=f"{c.id}-{n}", name=f"{c.name} {n}")
                   for n in range(40) for c in sample_contacts())
    data = replace(binder_data("Letter"), contacts=people,
                   templates=tuple(PrintTemplate(t, "Łukasz Nowak", "2026-11-20")
                                   for t in builtin_templates()))
    texts = page_texts(render_binder(data), tmp_path)
    titles = toc_titles(data)
    first_section = heading_page(texts, titles[0], after=2)
    assert first_section == 4  # cover, two pages of contents
    numbers = toc_numbers(texts, titles)
    assert numbers == {title: heading_page(texts, title, after=3) for title in titles}


def test_every_page_has_stamp_classification_and_page_x_of_y(texts: list[str]) -> None:
    total = len(texts)
    assert total > 20
    for number, text in enumerate(texts, start=1):
        assert f"Version as of {AS_OF}" in text, number
        assert text.count(CLASSIFICATION) >= 2, number
        assert f"Page {number} of {total}" in text, number


def test_cover_names_organisation_version_date_and_classification(texts: list[str]) -> None:
    cover = texts[0]
    for expected in (ORG, "Binder revision 14", AS_OF, CLASSIFICATION,
                     "Data-breach response binder", "First hour: who to call",
                     "+1 800-555-0199"):
        assert expected in cover


def test_legal_notice_where_legal_content_appears(texts: list[str]) -> None:
    regulators = heading_page(texts, "Regulators and deadlines", after=2)
    checklists = heading_page(texts, "Checklists", after=2)
    templates = heading_page(texts, "Approved templates", after=2)
    assert LEGAL_LINE in texts[0]  # the cover says it once, boxed
    for number in range(regulators, checklists):
        assert LEGAL_LINE in texts[number - 1] and "Legal content as of" in texts[number - 1]
    for number in range(templates, len(texts) + 1):
        assert "Legal content as of" in texts[number - 1]
    for number in range(checklists, templates):
        assert "Legal content as of" not in texts[number - 1]
    assert "Legal content as of" not in texts[2]  # contact sheet


def test_names_print_in_every_script_and_markup_prints_literally(pdf: bytes,
                                                                  tmp_path: Path) -> None:
    everything = flat_text(pdf, tmp_path)
    for name in SAMPLE_NAMES:
        assert name in everything, name
    assert MARKUP_NAME in everything
    assert "<i>CEO</i> & founder" in everything
    assert "Departed Person" not in everything


def test_fonts_are_all_embedded(pdf: bytes, tmp_path: Path) -> None:
    rows = font_rows(pdf, tmp_path)
    assert rows
    for row in rows:
        # name type encoding emb sub uni object ID: "emb" is the 4th column from the right
        assert row[-5] == "yes", row
    assert not any("Helvetica" in row[0] for row in rows)


def test_same_input_same_bytes(pdf: bytes) -> None:
    assert render_binder(binder_data()) == pdf


def test_letter_and_a4_page_sizes(pdf: bytes) -> None:
    a4 = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    letter = PdfReader(io.BytesIO(render_binder(binder_data("Letter")))).pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)


def test_outline_bookmarks_point_at_the_section_pages(pdf: bytes, texts: list[str]) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    flat: list[object] = []
    stack: list[object] = list(reader.outline)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[0:0] = item
        else:
            flat.append(item)
    marks = {item.title: reader.get_destination_page_number(item) + 1  # type: ignore[attr-defined]
             for item in flat}
    assert marks["Contact sheet"] == heading_page(texts, "Contact sheet", after=2)
    assert marks["First hour"] == heading_page(texts, "First hour", after=2)


def test_empty_binder_still_prints_every_part(tmp_path: Path) -> None:
    data = BinderDocData(organisation=ORG, classification="TLP:RED", as_of=AS_OF,
                         version="1")
    texts = page_texts(render_binder(data), tmp_path)
    joined = "\n".join(texts)
    for expected in ("No people are recorded", "No outside parties", "No notification duties",
                     "No checklists in this binder", "No template has been approved"):
        assert expected in joined
    assert all("TLP:RED" in t for t in texts)


def test_sections_compose_into_another_document(tmp_path: Path) -> None:
    """The incident report and others reuse the parts: the docs/printing.md example."""
    area = Area.for_page("A4")
    options = PrintOptions(ORG, CLASSIFICATION, AS_OF)
    st = print_styles()
    story = [heading("Incident report", 0, st), Paragraph("Contents", st["h2"]), DeferredTOC(),
             PageBreak(), *contact_sheet_section(sample_contacts(), area, level=1),
             *regulators_section(sample_regulators(), area, level=1)]
    pdf = build_with_contents(story, options.meta("Incident report", legal_as_of="2026-11-27"))
    texts = page_texts(pdf, tmp_path)
    numbers = toc_numbers(texts, ["Contact sheet", "Regulators and deadlines"])
    assert numbers == {"Contact sheet": 2, "Regulators and deadlines":
                       heading_page(texts, "Regulators and deadlines", after=1)}
    assert "Legal content as of" not in texts[0]
    assert "Legal content as of" in texts[-1]
