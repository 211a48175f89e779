"""The wallet card: eight first-hour numbers, card-sized, nothing under 8 pt."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from binder.models import Contact, Deputy, Organization
from binder.pdf.wallet_card import (
    CARD_HEIGHT,
    CARD_WIDTH,
    SLOTS,
    WALLET_CARD_SIZE,
    WalletCardData,
    first_hour_numbers,
    render_wallet_card,
)
from tests.pdf.conftest import (
    AS_OF,
    CLASSIFICATION,
    ORG,
    contact,
    flat_text,
    organization,
    phone,
    sample_contacts,
    sample_organizations,
)


def card(contacts: tuple[Contact, ...], orgs: tuple[Organization, ...] = ()) -> bytes:
    return render_wallet_card(WalletCardData(ORG, CLASSIFICATION, AS_OF, contacts, orgs))


def font_sizes(pdf: bytes) -> list[float]:
    """Every size set with Tf on every page (nothing on the card is scaled)."""
    reader = PdfReader(io.BytesIO(pdf))
    sizes = []
    for page in reader.pages:
        stream = ContentStream(page.get_contents(), reader)
        sizes += [float(operands[1]) for operands, op in stream.operations if op == b"Tf"]
    return sizes


def page_size(pdf: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return float(box.width), float(box.height)


def test_eight_slots_in_calling_order_with_best_number_and_backup() -> None:
    lines = first_hour_numbers(sample_contacts(), sample_organizations())
    assert [line.slot for line in lines] == [slot for slot, _ in SLOTS]
    by_slot = {line.slot: line for line in lines}
    ic = by_slot["incident_commander"]
    assert (ic.name, ic.number, ic.number_label) == ("Åsa Öberg", "+1 202-555-0100", "mobile")
    assert (ic.backup, ic.backup_label) == ("+1 202-555-0102", "Signal")  # out-of-band first
    assert by_slot["deputy_ic"].name == "Zoë Çelik"
    assert by_slot["legal"].name == "Example Law LLP"  # outside counsel before in-house
    insurer = by_slot["cyber_insurer"]
    assert (insurer.number, insurer.reference) == ("+1 800-555-0199", "Policy CYB-2026-0042")
    coach = by_slot["breach_coach"]
    assert coach.backup_label == "Łukasz Nowak, mobile"  # a named person at the firm
    assert not any(line.missing for line in lines)


def test_missing_slots_and_fallbacks() -> None:
    ic = contact("Ana Silva", "incident_commander", id="ic",
                 phones=(phone("+1 202-555-0141"),),
                 deputies=(Deputy(role="incident_commander", person_id="dep"),))
    deputy = contact("Omar Haddad", id="dep", phones=(phone("+1 202-555-0142", "work"),))
    counsel = contact("Ines Dubois", "legal", id="law", phones=(phone("+1 202-555-0143"),))
    lines = {line.slot: line for line in first_hour_numbers((ic, deputy, counsel))}
    assert lines["deputy_ic"].name == "Omar Haddad"  # the IC's named deputy
    assert lines["incident_commander"].backup_label == "deputy Omar Haddad, work"
    assert lines["legal"].name == "Ines Dubois"  # in-house when there is no outside counsel
    assert lines["breach_coach"].missing and lines["forensics"].missing


def test_card_page_size_and_minimum_type(tmp_path: Path) -> None:
    pdf = card(sample_contacts(), sample_organizations())
    width, height = page_size(pdf)
    assert width == pytest.approx(WALLET_CARD_SIZE[0], abs=0.01)
    assert height == pytest.approx(WALLET_CARD_SIZE[1], abs=0.01)
    assert width == pytest.approx(85.6 * 72 / 25.4, abs=0.01)
    assert min(font_sizes(pdf)) >= 8
    text = flat_text(pdf, tmp_path)
    for expected in ("Åsa Öberg", "+1 202-555-0100", "Policy CYB-2026-0042", "fold",
                     CLASSIFICATION, AS_OF):
        assert expected in text


def test_long_names_add_a_face_instead_of_shrinking(tmp_path: Path) -> None:
    long = "Representative of the Extremely Long Named Incident Response Partnership"
    people = tuple(contact(f"{long} {n}", role, phones=(phone(f"+1 202-555-01{n:02d}"),
                                                        phone(f"+1 202-555-02{n:02d}", "signal")))
                   for n, (role, _) in enumerate(SLOTS))
    orgs = tuple(organization(f"{long} {kind}", kind, hotline="+1 800-555-0100",
                              policy_number="POLICY-0000-1111-2222")
                 for kind in ("breach_coach", "cyber_insurer", "pr_firm", "forensics",
                              "outside_counsel"))
    pdf = card(people, orgs)
    width, height = page_size(pdf)
    assert width == pytest.approx(CARD_WIDTH, abs=0.01)
    assert height > 2 * CARD_HEIGHT + 1
    assert round(height / CARD_HEIGHT, 3) == int(round(height / CARD_HEIGHT))
    assert min(font_sizes(pdf)) >= 8
    assert "".join(f"{long} 0".split()) in "".join(flat_text(pdf, tmp_path).split())


def test_empty_card_prints_write_in_lines(tmp_path: Path) -> None:
    text = flat_text(card(()), tmp_path)
    assert text.count("not set: write it here") == 8
