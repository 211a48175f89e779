"""The contact sheet: sorted for stress, deputies named, out-of-band channels in words."""

from __future__ import annotations

from pathlib import Path

from binder.models import Contact, Deputy, Organization
from binder.pdf.contacts import (
    KIND_ORDER,
    NO_ROLE_LABEL,
    ROLE_ORDER,
    ContactSheetData,
    parties_by_kind,
    people_by_role,
    render_contact_sheet,
)
from binder.pdf.sections import ranked_phones
from tests.pdf.conftest import (
    AS_OF,
    CLASSIFICATION,
    MARKUP_NAME,
    ORG,
    SAMPLE_NAMES,
    contact,
    flat_text,
    organization,
    page_texts,
    phone,
    sample_contacts,
    sample_organizations,
)


def sheet(contacts: tuple[Contact, ...], orgs: tuple[Organization, ...] = ()) -> bytes:
    return render_contact_sheet(ContactSheetData(ORG, CLASSIFICATION, AS_OF, contacts, orgs))


def test_groups_follow_first_hour_order_and_skip_deleted() -> None:
    groups = people_by_role(sample_contacts())
    roles = [g.role for g in groups]
    assert roles[:3] == ["incident_commander", "deputy_ic", "spokesperson"]
    known = [r for r in roles if r is not None]
    assert known == sorted(known, key=ROLE_ORDER.index)
    assert roles[-1] is None and groups[-1].label == NO_ROLE_LABEL
    names = {c.name for g in groups for c in g.people}
    assert "Departed Person" not in names


def test_principal_before_deputy_and_people_in_every_role_they_hold() -> None:
    groups = {g.role: [c.name for c in g.people] for g in people_by_role(sample_contacts())}
    assert groups["incident_commander"] == ["Åsa Öberg", "Zoë Çelik"]  # Zoë is Åsa's deputy
    assert "Zoë Çelik" in groups["deputy_ic"]
    assert "Øystein Nilsen" in groups["communications"]


def test_names_sort_ignoring_accents_and_case() -> None:
    people = (contact("zed Last", phones=()), contact("Ödön Middle"), contact("adam First"))
    rest = people_by_role(people)[-1]
    assert [c.name for c in rest.people] == ["adam First", "Ödön Middle", "zed Last"]


def test_best_phone_first_then_out_of_band() -> None:
    asa = sample_contacts()[0]
    assert [p.label for p in ranked_phones(asa.phones)] == ["mobile", "work", "signal"]


def test_parties_grouped_by_kind_in_first_hour_order() -> None:
    kinds = [g.kind for g in parties_by_kind(sample_organizations())]
    assert kinds[:3] == ["breach_coach", "cyber_insurer", "outside_counsel"]
    assert kinds == sorted(kinds, key=KIND_ORDER.index)


def test_sheet_reads_back_with_names_numbers_and_words(tmp_path: Path) -> None:
    pdf = sheet(sample_contacts(), sample_organizations())
    text = flat_text(pdf, tmp_path)
    for name in SAMPLE_NAMES:
        assert name in text, name
    assert MARKUP_NAME in text  # printed literally, not as bold markup
    assert "Departed Person" not in text
    assert "+1 202-555-0102 · Signal, out-of-band" in text
    assert "personal mobile, out-of-band" in text
    assert "Deputy for this role" in text
    assert "Zoë Çelik +1 202-555-0110 (mobile)" in text  # Åsa's named deputy
    assert "checked 2026-10-01" in text and "not yet checked" in text
    # outside parties: hotline prominent, policy and contract numbers shown
    for expected in ("+1 800-555-0199", "CYB-2026-0042", "USD 5,000,000", "R-778",
                     "NW-DFIR-17", "Call the hotline before hiring any vendor."):
        assert expected in text


def test_role_headings_appear_in_scan_order(tmp_path: Path) -> None:
    texts = page_texts(sheet(sample_contacts()), tmp_path)
    lines = [line.strip() for t in texts for line in t.splitlines()]
    order = [next(i for i, line in enumerate(lines) if line.startswith(label))
             for label in ("Incident commander (", "Deputy incident commander (",
                           "Spokesperson (", "Legal (", NO_ROLE_LABEL)]
    assert order == sorted(order)


def test_long_addresses_and_names_wrap_instead_of_running_off(tmp_path: Path) -> None:
    long_name = "Maximiliane Alexandra Konstantinopoulou-Wolfeschlegelsteinhausen"
    person = contact(long_name, "legal", phones=(phone("+1 202-555-0188"),),
                     deputies=(Deputy(role="legal", person_id="missing"),))
    pdf = sheet((person,))
    text = flat_text(pdf, tmp_path)
    assert "".join(long_name.split()) in "".join(text.split())  # broken across lines, all there
    assert "Deputy record missing" in text


def test_org_without_numbers_and_escaped_names(tmp_path: Path) -> None:
    org = organization('<Lawyers & "Partners">', "outside_counsel")
    text = flat_text(sheet((), (org,)), tmp_path)
    assert '<Lawyers & "Partners">' in text
    assert "No number on file" in text
    assert "No people are recorded in this binder yet." in text
