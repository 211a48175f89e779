"""Per-kind editor fields (data only): which field, which label, which widget.

One generic editor (``ui/views/editor.py``) builds its form from these, so
adding a field to a kind is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass

from binder.content.checklists import NEW_CHECKLIST_SOURCE
from binder.models import EMAIL_LABELS, ORG_KINDS, PHONE_LABELS, ROLES, TEMPLATE_STATUSES, Kind
from ui.i18n import tr

# Widget kinds: text, multiline, code, choice, bool, int, checks, people, phones, emails,
# deputies, ref, readonly, timezone.
CONTACTS = "contacts"            # dynamic choices: live people (id -> name)
ORGANIZATIONS = "organizations"  # dynamic choices: live organisations


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    widget: str = "text"
    choices: dict[str, str] | str | None = None  # a fixed dict, or a dynamic lookup name
    help: str = ""
    readonly_existing: bool = False  # editable only while the record is new


def _labels(values: tuple[str, ...]) -> dict[str, str]:
    return {v: v.replace("_", " ") for v in values}


def fields_for(kind: Kind) -> list[FieldSpec]:
    if kind == Kind.CONTACT:
        return [
            FieldSpec("name", tr("Name"), help=tr("Required.")),
            FieldSpec("job_title", tr("Job title")),
            FieldSpec("organization", tr("Organisation (text)")),
            FieldSpec("organization_id", tr("Linked organisation"), "ref", ORGANIZATIONS),
            FieldSpec("roles", tr("Roles"), "checks", dict(ROLES)),
            FieldSpec("phones", tr("Phones"), "phones", _labels(PHONE_LABELS),
                      help=tr("Start numbers abroad with + and the country code.")),
            FieldSpec("emails", tr("Emails"), "emails", _labels(EMAIL_LABELS)),
            FieldSpec("deputies", tr("Deputies"), "deputies", CONTACTS,
                      help=tr("Who stands in for this person in each role.")),
            FieldSpec("may_speak_publicly", tr("May speak publicly"), "bool"),
            FieldSpec("time_zone", tr("Time zone"), "timezone", help=tr("e.g. Europe/London")),
            FieldSpec("notes", tr("Notes"), "multiline"),
        ]
    if kind == Kind.ORGANIZATION:
        return [
            FieldSpec("name", tr("Name"), help=tr("Required.")),
            FieldSpec("org_kind", tr("Kind"), "choice", dict(ORG_KINDS)),
            FieldSpec("hotline", tr("Hotline")),
            FieldSpec("phones", tr("Other phones"), "phones", _labels(PHONE_LABELS)),
            FieldSpec("emails", tr("Emails"), "emails", _labels(EMAIL_LABELS)),
            FieldSpec("website", tr("Website")),
            FieldSpec("policy_number", tr("Policy number")),
            FieldSpec("contract_number", tr("Contract number")),
            FieldSpec("retainer_number", tr("Retainer number")),
            FieldSpec("coverage_limit", tr("Coverage limit")),
            FieldSpec("people", tr("People"), "people", CONTACTS),
            FieldSpec("notes", tr("Notes"), "multiline"),
        ]
    if kind == Kind.REGULATOR:
        units = {"none": tr("no fixed deadline"), "hours": tr("hours"),
                 "calendar_days": tr("calendar days"), "business_days": tr("business days"),
                 "months": tr("months")}
        return [
            FieldSpec("duty_id", tr("Duty id"), readonly_existing=True),
            FieldSpec("jurisdiction", tr("Jurisdiction")),
            FieldSpec("regime", tr("Regime")),
            FieldSpec("authority", tr("Authority")),
            FieldSpec("citation", tr("Citation")),
            FieldSpec("notify_how", tr("How to notify"), "multiline"),
            FieldSpec("deadline_unit", tr("Deadline unit"), "choice", units),
            FieldSpec("deadline_amount", tr("Deadline amount"), "int"),
            FieldSpec("deadline_text", tr("Deadline in words"), "multiline"),
            FieldSpec("clock_start", tr("Clock starts at")),
            FieldSpec("threshold", tr("Threshold"), "multiline"),
            FieldSpec("individual_notice", tr("Notice to individuals"), "multiline"),
            FieldSpec("in_force", tr("In force"), "bool"),
            FieldSpec("applies_to_us", tr("Applies to us"), "bool"),
            FieldSpec("source_url", tr("Source")),
            FieldSpec("confidence", tr("Confidence"), "readonly"),
            FieldSpec("notes", tr("Notes"), "multiline"),
        ]
    if kind == Kind.TEMPLATE:
        return [
            FieldSpec("name", tr("Name")),
            FieldSpec("template_id", tr("Template id"), readonly_existing=True),
            FieldSpec("audience", tr("Audience")),
            FieldSpec("channel", tr("Channel")),
            FieldSpec("description", tr("Description"), "multiline"),
            FieldSpec("status", tr("Status"), "choice", _labels(TEMPLATE_STATUSES)),
            FieldSpec("approved_by", tr("Approved by")),
            FieldSpec("approved_at", tr("Approved on"), help=tr("e.g. 2026-03-01")),
        ]  # the text is edited on the page's Text tab, where it is checked as you type
    # A checklist's name, phase, owner and mode are read from its text
    # (ui/views/checklist_page.py), so the list can never disagree with the print.
    return [FieldSpec("source", tr("Checklist text"), "code",
                      help=tr("The checklist's TOML source. Save checks it; the Checklist tab "
                              "shows how it reads."))]


def blank_values(kind: Kind) -> dict[str, object]:
    """Fields a new record of ``kind`` needs before the user types anything."""
    return {Kind.CONTACT: {"name": ""}, Kind.ORGANIZATION: {"name": ""},
            Kind.REGULATOR: {"duty_id": "", "jurisdiction": ""},
            Kind.TEMPLATE: {"template_id": "", "name": ""},
            Kind.CHECKLIST: {"checklist_id": "", "name": "", "source": NEW_CHECKLIST_SOURCE}}[kind]
