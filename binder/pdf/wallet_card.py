"""The wallet card: the eight numbers that matter in the first hour.

The page is one credit-card face (ISO/IEC 7810 ID-1, 85.6 x 54 mm) wide and
two faces tall, with a dashed fold line between them: print at actual size,
cut along the outline, fold. Nothing on it is smaller than 8 pt; when long
names do not fit two faces at 8 pt, the card grows a third (or fourth) face
rather than shrinking or cutting text.

:func:`first_hour_numbers` is pure and is meant to be reused by a
"Who do I call?" page.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Paragraph, Table

from binder.models import Contact, Organization, Phone
from binder.pdf.base import SANS, SANS_BOLD, esc, register_fonts
from binder.pdf.contacts import parties_by_kind, people_by_role
from binder.pdf.sections import (
    ORG_PHONE_ORDER,
    PHONE_WORDS,
    live,
    ranked_phones,
    table_style,
)

CARD_WIDTH = 85.6 * mm
CARD_HEIGHT = 53.98 * mm
#: Page size of the printed card: one face wide, two faces tall (fold in the middle).
WALLET_CARD_SIZE = (CARD_WIDTH, 2 * CARD_HEIGHT)
MIN_FONT = 8.0
FONT_SIZES = (9.0, 8.5, 8.0)
INSET = 3.0 * mm
HEADER = MIN_FONT * 1.55
#: Height left for the entries on a face below its header line.
ENTRY_ROOM = CARD_HEIGHT - 2 * INSET - HEADER

#: The eight first-hour slots, in the order they are called.
SLOTS: tuple[tuple[str, str], ...] = (
    ("incident_commander", "Incident commander"),
    ("deputy_ic", "Deputy incident commander"),
    ("spokesperson", "Spokesperson"),
    ("legal", "Legal / outside counsel"),
    ("breach_coach", "Breach coach"),
    ("cyber_insurer", "Insurer breach hotline"),
    ("pr_firm", "PR firm"),
    ("forensics", "Forensics / DFIR"),
)


@dataclass(frozen=True)
class WalletLine:
    """One first-hour number: who, the best number, a backup, a reference to quote."""

    slot: str
    label: str
    name: str = ""
    number: str = ""
    number_label: str = ""
    backup: str = ""
    backup_label: str = ""
    reference: str = ""
    record_id: str = ""

    @property
    def missing(self) -> bool:
        """True when there is no number to call for this slot."""
        return not self.number


@dataclass(frozen=True)
class WalletCardData:
    """Input for :func:`render_wallet_card`."""

    organisation: str
    classification: str
    as_of: str
    contacts: tuple[Contact, ...]
    organizations: tuple[Organization, ...] = ()


def _words(phone: Phone) -> str:
    return PHONE_WORDS.get(phone.label, phone.label)


def _backup_phone(phones: Sequence[Phone]) -> Phone | None:
    """After the best number: an out-of-band one if there is one, else the next."""
    rest = list(phones[1:])
    for phone in rest:
        if phone.out_of_band:
            return phone
    return rest[0] if rest else None


def _person_line(slot: str, label: str, person: Contact, by_id: dict[str, Contact],
                 role: str) -> WalletLine:
    phones = ranked_phones(person.phones)
    best = phones[0] if phones else None
    backup = _backup_phone(phones)
    backup_number, backup_label = (backup.number, _words(backup)) if backup else ("", "")
    if backup is None:
        for d in person.deputies:
            deputy = by_id.get(d.person_id)
            deputy_phones = ranked_phones(deputy.phones) if deputy else []
            if d.role == role and deputy is not None and deputy_phones:
                backup_number = deputy_phones[0].number
                backup_label = f"deputy {deputy.name}, {_words(deputy_phones[0])}"
                break
    return WalletLine(slot=slot, label=label, name=person.name,
                      number=best.number if best else "",
                      number_label=_words(best) if best else "",
                      backup=backup_number, backup_label=backup_label, record_id=person.id)


def _org_line(slot: str, label: str, org: Organization, contacts: Sequence[Contact],
              fallback: Contact | None = None) -> WalletLine:
    phones = ranked_phones(org.phones, ORG_PHONE_ORDER)
    if org.hotline:
        digits = "".join(ch for ch in org.hotline if ch.isdigit())
        phones = [Phone(number=org.hotline, label="hotline"),
                  *(p for p in phones if "".join(ch for ch in p.number if ch.isdigit()) != digits)]
    best = phones[0] if phones else None
    backup, backup_label = (phones[1].number, _words(phones[1])) if len(phones) > 1 else ("", "")
    if not backup:
        ids = set(org.people) | {c.id for c in contacts if org.id and c.organization_id == org.id}
        people = [c for c in contacts if c.id in ids and c.phones]
        if fallback is not None and fallback.phones:
            people.append(fallback)
        if people:
            phone = ranked_phones(people[0].phones)[0]
            backup, backup_label = phone.number, f"{people[0].name}, {_words(phone)}"
    refs = (("Policy", org.policy_number), ("Contract", org.contract_number),
            ("Retainer", org.retainer_number))
    reference = next((f"{name} {value}" for name, value in refs if value), "")
    return WalletLine(slot=slot, label=label, name=org.name,
                      number=best.number if best else "",
                      number_label=_words(best) if best else "", backup=backup,
                      backup_label=backup_label, reference=reference, record_id=org.id)


def _first_with_number(records: Sequence[Contact] | Sequence[Organization]
                       ) -> Contact | Organization | None:
    for record in records:
        if record.phones or (isinstance(record, Organization) and record.hotline):
            return record
    return records[0] if records else None


def first_hour_numbers(contacts: Iterable[Contact],
                       organizations: Iterable[Organization] = ()) -> list[WalletLine]:
    """The eight first-hour numbers, in calling order; a slot with no record is ``missing``.

    People are chosen by role (principals before deputies, then by name), the
    deputy IC falls back to the incident commander's named deputy, legal
    prefers outside counsel with in-house legal as the backup, and outside
    parties are chosen by kind (hotline first; policy or contract number as
    the reference to quote).
    """
    people = live(contacts)
    by_id = {c.id: c for c in people if c.id}
    by_role = {g.role: list(g.people) for g in people_by_role(people) if g.role}
    by_kind = {g.kind: list(g.parties) for g in parties_by_kind(organizations)}
    lines: list[WalletLine] = []
    for slot, label in SLOTS:
        person = _first_with_number(by_role.get(slot, []))
        if slot == "deputy_ic" and person is None:
            for ic in by_role.get("incident_commander", []):
                named = [by_id[d.person_id] for d in ic.deputies
                         if d.role == "incident_commander" and d.person_id in by_id]
                if named:
                    person = named[0]
                    break
        kind = "outside_counsel" if slot == "legal" else slot
        org = _first_with_number(by_kind.get(kind, []))
        if isinstance(org, Organization):
            fallback = person if isinstance(person, Contact) else None
            lines.append(_org_line(slot, label, org, people, fallback))
        elif isinstance(person, Contact):
            lines.append(_person_line(slot, label, person, by_id, slot))
        else:
            lines.append(WalletLine(slot=slot, label=label))
    return lines


CARD_LABELS = {"deputy_ic": "Deputy IC", "legal": "Legal / counsel",
               "cyber_insurer": "Insurer hotline"}


def _entry(line: WalletLine, size: float) -> list[Paragraph]:
    """[who, numbers] for one slot: two cells of a face's table."""
    style = ParagraphStyle("card", fontName=SANS, fontSize=size, leading=size * 1.16)
    who = [f"<b>{esc(CARD_LABELS.get(line.slot, line.label))}</b>"]
    if line.name:
        who.append(esc(line.name))
    if line.reference:
        who.append(esc(line.reference))
    if line.missing:
        numbers = "not set: write it here<br/>&nbsp;"  # the rule below is the line to write on
    else:
        numbers = f"<b>{esc(line.number)}</b> {esc(line.number_label)}"
        if line.backup:
            numbers += f"<br/>{esc(line.backup)} {esc(line.backup_label)}"
    return [Paragraph("<br/>".join(who), style), Paragraph(numbers, style)]


def _face_table(lines: Sequence[WalletLine], size: float) -> Table:
    width = CARD_WIDTH - 2 * INSET
    return Table([_entry(line, size) for line in lines], colWidths=[width * 0.44, width * 0.56],
                 style=table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                                   ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.black)]))


def _faces(lines: Sequence[WalletLine], size: float, faces: int) -> list[Table] | None:
    """Entries split evenly over ``faces``, or None if any face overflows at ``size``."""
    per_face = -(-len(lines) // faces)
    measure = rl_canvas.Canvas(io.BytesIO())
    out: list[Table] = []
    for start in range(0, len(lines), per_face):
        table = _face_table(lines[start:start + per_face], size)
        _, used = table.wrapOn(measure, CARD_WIDTH - 2 * INSET, CARD_HEIGHT)
        if used > ENTRY_ROOM:
            return None
        out.append(table)
    return out


def _layout(lines: Sequence[WalletLine]) -> list[Table]:
    for faces in (2, 3, 4, 8):
        for size in FONT_SIZES:
            result = _faces(lines, size, faces)
            if result is not None:
                return result
    raise ValueError("the wallet card entries do not fit even one per face")


def _fit(c: rl_canvas.Canvas, text: str, font: str, room: float) -> str:
    """Drop leading " · " parts (the organisation) rather than overlap another string."""
    while c.stringWidth(text, font, MIN_FONT) > room and " · " in text:
        text = text.split(" · ", 1)[1]
    return text


def render_wallet_card(data: WalletCardData) -> bytes:
    """The wallet card PDF: one card-sized page, faces stacked with fold lines between."""
    register_fonts()
    rl_config.invariant = 1
    faces = _layout(first_hour_numbers(data.contacts, data.organizations))
    height = CARD_HEIGHT * len(faces)
    buf = io.BytesIO()
    # Start every page in the embedded font (reportlab's default is Helvetica, not embedded).
    c = rl_canvas.Canvas(buf, pagesize=(CARD_WIDTH, height),
                         initialFontName=SANS,  # type: ignore[arg-type]  # stub says float
                         initialFontSize=MIN_FONT)
    c.setTitle("Wallet card: first-hour numbers")
    c.setAuthor("Crisis Binder")
    c.setCreator("Crisis Binder")
    c.setSubject(data.classification)
    c.setLineWidth(0.4)
    c.rect(0.4 * mm, 0.4 * mm, CARD_WIDTH - 0.8 * mm, height - 0.8 * mm)  # cut line
    width = CARD_WIDTH - 2 * INSET
    stamp = f"As of {data.as_of}"
    for index, table in enumerate(faces):
        top = height - index * CARD_HEIGHT - INSET
        c.setFont(SANS_BOLD, MIN_FONT)
        c.drawString(INSET, top - MIN_FONT, data.classification)
        room = width - c.stringWidth(data.classification, SANS_BOLD, MIN_FONT) - 8
        c.setFont(SANS, MIN_FONT)
        c.drawRightString(CARD_WIDTH - INSET, top - MIN_FONT, _fit(c, stamp, SANS, room))
        _, h = table.wrapOn(c, width, CARD_HEIGHT)
        table.drawOn(c, INSET, top - HEADER - h)
        if index:
            _fold_line(c, height - index * CARD_HEIGHT)
    c.showPage()
    c.save()
    return buf.getvalue()


def _fold_line(c: rl_canvas.Canvas, y: float) -> None:
    c.saveState()
    c.setDash(2, 2)
    c.setLineWidth(0.5)
    c.line(0, y, CARD_WIDTH, y)
    c.setDash()
    c.setFillColorRGB(1, 1, 1)
    label_width = c.stringWidth("fold", SANS, MIN_FONT) + 4
    c.rect(CARD_WIDTH / 2 - label_width / 2, y - MIN_FONT / 2 - 1, label_width, MIN_FONT + 1,
           stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(SANS, MIN_FONT)
    c.drawCentredString(CARD_WIDTH / 2, y - MIN_FONT / 2 + 1, "fold")
    c.restoreState()
