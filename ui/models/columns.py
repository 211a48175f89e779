"""Column definitions for every list in the app (data only, no widgets)."""

from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING

from binder.content.checklists import phase_label, phase_order
from binder.models import (ORG_KINDS, ROLES, ChecklistRecord, Contact, Kind, Organization, Record,
                           Regulator, SearchHit, TemplateRecord)
from ui.i18n import tr
from ui.models.rows_model import Column, RowsModel


if TYPE_CHECKING:  # the wallet card module pulls in reportlab: imported when first needed
    from binder.first_hour import WalletLine


@dataclass(frozen=True)
class RecordRow:
    """A record as a list shows it: plus whether it is due for review."""

    record: Record
    stale: bool = False


def kind_label(kind: Kind | str, plural: bool = False) -> str:
    if kind not in {k.value for k in Kind}:
        return str(kind).replace("_", " ").capitalize()
    kind = Kind(kind)
    singular = {Kind.CONTACT: tr("Person"), Kind.ORGANIZATION: tr("Organisation"),
                Kind.REGULATOR: tr("Regulator"), Kind.TEMPLATE: tr("Template"),
                Kind.CHECKLIST: tr("Checklist")}
    many = {Kind.CONTACT: tr("People"), Kind.ORGANIZATION: tr("Organisations"),
            Kind.REGULATOR: tr("Regulators"), Kind.TEMPLATE: tr("Templates"),
            Kind.CHECKLIST: tr("Checklists")}
    return (many if plural else singular)[kind]


def role_labels(roles: tuple[str, ...]) -> str:
    return ", ".join(ROLES.get(r, r.replace("_", " ")) for r in roles)


def review_text(row: RecordRow) -> str:
    if row.stale:
        return tr("needs review")
    return (row.record.verified_at or "")[:10]


def deadline_text(r: Regulator) -> str:
    """"72 hours", "3 business days", "No fixed clock": the printed list's words."""
    amount = r.deadline_amount
    if r.deadline_unit == "none" or amount is None:
        return tr("No fixed clock")
    one, many = {"hours": (tr("hour"), tr("hours")), "calendar_days": (tr("day"), tr("days")),
                 "business_days": (tr("business day"), tr("business days")),
                 "months": (tr("month"), tr("months"))}.get(r.deadline_unit,
                                                           (r.deadline_unit, r.deadline_unit))
    return f"{amount} {one if amount == 1 else many}"


def deadline_tooltip(r: Regulator) -> str:
    words = r.deadline_text.strip()
    return f"{deadline_text(r)}. {words}" if words else deadline_text(r)


def applies_text(r: Regulator) -> str:
    return tr("Applies to us") if r.applies_to_us else ""


def jurisdiction_text(r: Regulator) -> str:
    """The place, ticked when the duty is marked as ours (the tick is read out; bold is not)."""
    return f"✓ {r.jurisdiction}" if r.applies_to_us else r.jurisdiction


_HOURS_PER_UNIT = {"hours": 1.0, "calendar_days": 24.0, "business_days": 24 * 7 / 5,
                   "months": 24 * 30.4}


def _deadline_hours(r: Regulator) -> float:
    """For sorting by the Deadline column: shortest clock first, no fixed clock last."""
    if r.deadline_amount is None or r.deadline_unit not in _HOURS_PER_UNIT:
        return 99_999_999.0
    return r.deadline_amount * _HOURS_PER_UNIT[r.deadline_unit]


def _contact(row: RecordRow) -> Contact:
    return row.record  # type: ignore[return-value]


def _org(row: RecordRow) -> Organization:
    return row.record  # type: ignore[return-value]


def _reg(row: RecordRow) -> Regulator:
    return row.record  # type: ignore[return-value]


def _tpl(row: RecordRow) -> TemplateRecord:
    return row.record  # type: ignore[return-value]


def _chk(row: RecordRow) -> ChecklistRecord:
    return row.record  # type: ignore[return-value]


def _best(row: RecordRow) -> str:
    phone = _contact(row).best_phone()
    return phone.number if phone else ""


def record_columns(kind: Kind) -> list[Column[RecordRow]]:
    review = Column(tr("Verified"), review_text)
    if kind == Kind.CONTACT:
        return [Column(tr("Name"), lambda r: _contact(r).name),
                Column(tr("Best number"), _best),
                Column(tr("Roles"), lambda r: role_labels(_contact(r).roles)), review]
    if kind == Kind.ORGANIZATION:
        return [Column(tr("Name"), lambda r: _org(r).name),
                Column(tr("Hotline"), lambda r: _org(r).hotline),
                Column(tr("Kind"), lambda r: ORG_KINDS.get(_org(r).org_kind, _org(r).org_kind)),
                review]
    if kind == Kind.REGULATOR:
        # The deadline sits next to the place: both must stay readable in a narrow list,
        # while the long names (regime, authority) may be elided.
        return [Column(tr("Jurisdiction"), lambda r: jurisdiction_text(_reg(r)),
                       tooltip=lambda r: applies_text(_reg(r)) or _reg(r).jurisdiction,
                       sort_key=lambda r: _reg(r).jurisdiction, whole=True),
                Column(tr("Deadline"), lambda r: deadline_text(_reg(r)),
                       tooltip=lambda r: deadline_tooltip(_reg(r)),
                       sort_key=lambda r: f"{_deadline_hours(_reg(r)):012.1f}", whole=True),
                Column(tr("Regime"), lambda r: _reg(r).regime),
                Column(tr("Authority"), lambda r: _reg(r).authority)]
    if kind == Kind.TEMPLATE:
        return [Column(tr("Name"), lambda r: _tpl(r).name),
                Column(tr("Audience"), lambda r: _tpl(r).audience),
                Column(tr("Channel"), lambda r: _tpl(r).channel),
                Column(tr("Status"), lambda r: _tpl(r).status)]
    return [Column(tr("Name"), lambda r: _chk(r).name),
            Column(tr("Phase"), lambda r: tr(phase_label(_chk(r).phase, brief=True)),
                   tooltip=lambda r: tr(phase_label(_chk(r).phase)),
                   sort_key=lambda r: f"{phase_order(_chk(r).phase):03d} {_chk(r).phase}",
                   whole=True),
            Column(tr("Owner"), lambda r: ROLES.get(_chk(r).owner_role, _chk(r).owner_role)),
            Column(tr("Mode"), lambda r: _chk(r).mode, whole=True)]


def record_model(kind: Kind) -> RowsModel[RecordRow]:
    if kind == Kind.REGULATOR:
        # The duties marked as ours are the ones a responder looks for: always on top.
        return RowsModel(record_columns(kind), strong=lambda r: _reg(r).applies_to_us,
                         group=lambda r: 0 if _reg(r).applies_to_us else 1)
    return RowsModel(record_columns(kind))


def plain_snippet(snippet: str) -> str:
    """The match in one line: brackets dropped, line breaks folded."""
    return " ".join(snippet.replace("[", "").replace("]", "").split())


def search_model() -> RowsModel[SearchHit]:
    return RowsModel([Column(tr("In"), lambda h: kind_label(h.kind)),
                      Column(tr("Found"), lambda h: h.title),
                      Column(tr("Match"), lambda h: plain_snippet(h.snippet))])


def _backup(line: WalletLine) -> str:
    if not line.backup:
        return tr("no backup on file") if line.name else ""
    return f"{line.backup}  ·  {line.backup_label}"


def call_model() -> RowsModel[WalletLine]:
    return RowsModel([Column(tr("Role"), lambda c: tr(c.label)),
                      Column(tr("Who"), lambda c: c.name or tr("nobody assigned")),
                      Column(tr("Best number"), lambda c: c.number,
                             tooltip=lambda c: c.number_label),
                      Column(tr("Backup"), _backup),
                      Column(tr("Quote"), lambda c: c.reference)],
                     muted=lambda c: c.missing)
