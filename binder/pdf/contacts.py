"""The contact sheet (phone tree) and the external parties, sorted for use under stress.

People are grouped by crisis role in the order they are needed in the first
hour; each shows the best number first (bold), every channel named in words,
out-of-band channels spelled "out-of-band", and the named deputy for that
role. External parties are grouped by kind in first-hour order, hotline in
large type, policy, contract and retainer numbers beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph

from binder.models import ROLES, Contact, Email, Organization, Phone
from binder.pdf.base import SANS, SANS_BOLD, build, esc
from binder.roster import (KIND_ORDER, NO_ROLE_LABEL, ROLE_ORDER, PartyGroup,  # noqa: F401
                           RoleGroup, parties_by_kind, people_by_role)
from binder.pdf.sections import (
    ORG_PHONE_ORDER,
    Area,
    Lines,
    PrintOptions,
    Run,
    heading,
    live,
    phone_words,
    print_styles,
    ranked_phones,
    role_label,
    titled_table,
)

LEGEND = ("Numbers are in the order to try them; the first, in <b>bold</b>, is the best. "
          "<b>Out-of-band</b> marks a channel that does not depend on company systems: use it "
          "when company email, chat or phones may be down or watched.")


@dataclass(frozen=True)
class ContactSheetData:
    """Input for :func:`render_contact_sheet`."""

    organisation: str
    classification: str
    as_of: str
    contacts: tuple[Contact, ...]
    organizations: tuple[Organization, ...] = ()
    page_size: str = "A4"

    @property
    def options(self) -> PrintOptions:
        return PrintOptions(self.organisation, self.classification, self.as_of, self.page_size)


def best_number(contact: Contact) -> str:
    """"number (label)" for the contact's best phone, or "" when there is none."""
    phones = ranked_phones(contact.phones)
    return f"{phones[0].number} ({phone_words(phones[0])})" if phones else ""


CELL = 9.5  # type size of the main lines of a person's row
SMALL = 8.5
CELL_PAD = 7.0  # grid_table's left plus right padding


def _email_words(email: Email) -> str:
    return "personal, out-of-band" if email.label == "personal" else email.label


def _email_lines(emails: Sequence[Email], width: float) -> list[tuple[Run, ...]]:
    """Each address with its label; broken after the @ rather than mid-word when too wide."""
    lines: list[tuple[Run, ...]] = []
    for e in emails:
        words = f" · {_email_words(e)}"
        local, at, domain = e.address.partition("@")
        if not at or stringWidth(e.address + words, SANS, SMALL) <= width:
            lines.append(((e.address + words, SANS, SMALL),))
        elif stringWidth(domain + words, SANS, SMALL) <= width:
            lines += [((local + "@", SANS, SMALL),), ((domain + words, SANS, SMALL),)]
        else:
            lines += [((local + "@", SANS, SMALL),), ((domain, SANS, SMALL),),
                      ((words[3:], SANS, SMALL),)]
    return lines or [(("No email on file", SANS, SMALL),)]


def _phone_runs(phones: Sequence[Phone], *, bold_first: bool = True,
                size: float = CELL) -> list[tuple[Run, ...]]:
    lines: list[tuple[Run, ...]] = []
    for index, phone in enumerate(phones):
        font = SANS_BOLD if index == 0 and bold_first else SANS
        lines.append(((phone.number, font, size), (f" · {phone_words(phone)}", SANS, size)))
    return lines or [(("No number on file", SANS, size),)]


def _phone_lines(phones: Sequence[Phone], *, bold_first: bool = True) -> str:
    """Paragraph markup for a list of phones, best first."""
    return "<br/>".join("".join(f"<b>{esc(t)}</b>" if f == SANS_BOLD else esc(t)
                                for t, f, _ in line)
                        for line in _phone_runs(phones, bold_first=bold_first))


def _person_lines(c: Contact, role: str | None) -> list[tuple[Run, ...]]:
    lines: list[tuple[Run, ...]] = [((c.name, SANS_BOLD, CELL),), ((c.job_title, SANS, CELL),)]
    other = [role_label(r) for r in c.roles if r != role and r in ROLES]
    if other:
        lines.append((("Also: " + ", ".join(other), SANS, CELL),))
    small = [c.time_zone] if c.time_zone else []
    small.append(f"checked {c.verified_at[:10]}" if c.verified_at else "not yet checked")
    lines.append(((" · ".join(small), SANS, 8.0),))
    return lines


def _deputy_lines(c: Contact, role: str, by_id: dict[str, Contact]) -> list[tuple[Run, ...]]:
    lines: list[tuple[Run, ...]] = []
    for d in c.deputies:
        if d.role != role:
            continue
        deputy = by_id.get(d.person_id)
        if deputy is None:
            lines.append((("Deputy record missing: fix before printing", SANS_BOLD, SMALL),))
            continue
        lines.append(((deputy.name, SANS_BOLD, SMALL),))
        number = best_number(deputy)
        if number:
            lines.append(((number, SANS, SMALL),))
    return lines or [(("No deputy named", SANS, SMALL),)]


def _group_table(group: RoleGroup, st: dict[str, ParagraphStyle], area: Area,
                 by_id: dict[str, Contact]) -> list[Flowable]:
    with_deputy = group.role is not None
    if with_deputy:
        widths = area.columns(25, 30, 27, 18)
        header = ["Name", "Phones, best first", "Email", "Deputy for this role"]
    else:
        widths = area.columns(34, 36, 30)
        header = ["Name", "Phones, best first", "Email"]
    rows: list[list[object]] = []
    for c in group.people:
        row: list[object] = [Lines(_person_lines(c, group.role)),
                             Lines(_phone_runs(ranked_phones(c.phones))),
                             Lines(_email_lines(c.emails, widths[2] - CELL_PAD))]
        if with_deputy and group.role is not None:
            row.append(Lines(_deputy_lines(c, group.role, by_id)))
        rows.append(row)
    title = f"{esc(group.label)} <font size='9'>({len(group.people)})</font>"
    return titled_table(title, header, rows, widths, st)


def contact_sheet_section(contacts: Sequence[Contact], area: Area, *, level: int = 0,
                          title: str = "Contact sheet") -> list[Flowable]:
    """People by role in first-hour order, with deputies and out-of-band channels."""
    st = print_styles()
    by_id = {c.id: c for c in live(contacts) if c.id}
    story: list[Flowable] = [heading(title, level, st, key="contact-sheet", legal=False),
                             Paragraph(LEGEND, st["small"])]
    groups = people_by_role(contacts)
    if not groups:
        story.append(Paragraph("No people are recorded in this binder yet.", st["body"]))
    for group in groups:
        story += _group_table(group, st, area, by_id)
    return story


def _party_numbers(org: Organization, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = []
    phones = ranked_phones(org.phones, ORG_PHONE_ORDER)
    if org.hotline:
        out.append(Paragraph(f"{esc(org.hotline)}", st["hotline"]))
        out.append(Paragraph("hotline", st["cell_small"]))
        hotline_digits = "".join(ch for ch in org.hotline if ch.isdigit())
        phones = [p for p in phones if "".join(ch for ch in p.number if ch.isdigit())
                  != hotline_digits]
    elif phones:
        out.append(Paragraph(esc(phones[0].number), st["hotline"]))
        out.append(Paragraph(esc(phone_words(phones[0])), st["cell_small"]))
        phones = phones[1:]
    if phones:
        out.append(Paragraph(_phone_lines(phones, bold_first=False), st["cell"]))
    return out or [Paragraph("No number on file", st["cell"])]


def _party_refs(org: Organization) -> str:
    refs = [("Policy", org.policy_number), ("Contract", org.contract_number),
            ("Retainer", org.retainer_number), ("Coverage limit", org.coverage_limit)]
    lines = [f"{label}: <b>{esc(value)}</b>" for label, value in refs if value]
    return "<br/>".join(lines) or "None recorded"


def _party_people(org: Organization, contacts: Sequence[Contact]) -> list[str]:
    by_id = {c.id: c for c in contacts if c.id}
    ids = list(org.people) + [c.id for c in contacts if org.id and c.organization_id == org.id]
    lines = []
    for person_id in dict.fromkeys(ids):
        person = by_id.get(person_id)
        if person is not None:
            number = best_number(person)
            lines.append(f"{esc(person.name)}" + (f": {esc(number)}" if number else ""))
    return lines


def external_parties_section(organizations: Sequence[Organization],
                             contacts: Sequence[Contact] = (), area: Area | None = None, *,
                             level: int = 0, title: str = "External parties"
                             ) -> list[Flowable]:
    """Outside parties by kind in first-hour order: hotline first, reference numbers beside it."""
    st = print_styles()
    area = area or Area.for_page("A4")
    people = live(contacts)
    story: list[Flowable] = [heading(title, level, st, key="external-parties", legal=False),
                             Paragraph("Have the policy or contract number ready before you "
                                       "call: insurers and firms ask for it first.", st["small"])]
    groups = parties_by_kind(organizations)
    if not groups:
        story.append(Paragraph("No outside parties are recorded in this binder yet.", st["body"]))
    header = ("Name and people", "Hotline and numbers", "Policy and contract", "Email and web")
    widths = area.columns(30, 27, 23, 20)
    for group in groups:
        rows: list[list[object]] = []
        for org in group.parties:
            name = [f"<b>{esc(org.name)}</b>", *_party_people(org, people)]
            if org.notes:
                name.append(f"<font size='8.5'>{esc(org.notes)}</font>")
            web = [f"{esc(e.address)}" for e in org.emails]
            if org.website:
                web.append(esc(org.website))
            rows.append([Paragraph("<br/>".join(name), st["cell"]), _party_numbers(org, st),
                         Paragraph(_party_refs(org), st["cell"]),
                         Paragraph("<br/>".join(web) or "No email on file", st["cell_small"])])
        story += titled_table(esc(group.label), header, rows, widths, st)
    return story


def render_contact_sheet(data: ContactSheetData) -> bytes:
    """The contact sheet and, when there are any, the external parties, as one PDF."""
    area = Area.for_page(data.page_size)
    story = contact_sheet_section(data.contacts, area)
    if live(data.organizations):
        story.append(PageBreak())
        story += external_parties_section(data.organizations, data.contacts, area)
    return build(story, data.options.meta("Contact sheet"))
