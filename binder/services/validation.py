"""Per-kind validation and normalisation. Every problem in a record is
reported at once, each with its field, so an editor can mark them all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import phonenumbers

from binder.errors import ValidationError, ValidationErrors
from binder.models import (EMAIL_LABELS, ORG_KINDS, PHONE_LABELS, TEMPLATE_STATUSES,
                           ChecklistRecord, Contact, Email, Kind, Organization, Phone, Record,
                           Regulator, TemplateRecord, normalise_role, role_choices)

MAX_TEXT = 20_000


def normalise_phone(number: str, region: str, field: str) -> tuple[str, ValidationError | None]:
    """Return (E.164, problem). Possible-number check only: fictional 555 numbers pass."""
    text = number.strip()
    if not text:
        return "", ValidationError(field, "required", "Enter a phone number or remove the row.")
    try:
        parsed = phonenumbers.parse(text, region or None)
    except phonenumbers.NumberParseException:
        return "", ValidationError(field, "phone", f"'{text}' is not a phone number "
                                   "(start with + and the country code if it is abroad).")
    if not phonenumbers.is_possible_number(parsed):
        return "", ValidationError(field, "phone", f"'{text}' has the wrong number of digits "
                                   "for a phone number.")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), None


def normalise_email(address: str, field: str) -> tuple[str, ValidationError | None]:
    from email_validator import EmailNotValidError, validate_email  # slow import; first use

    text = address.strip()
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        return text, ValidationError(field, "email", f"'{text}' is not an email address: {exc}")
    return result.normalized, None


def unknown_role(role: str, *, person: bool = True) -> str:
    """Why ``role`` cannot be stored: the same words wherever a role comes in."""
    what = f"'{role.strip()}' is not a crisis role" if role.strip() else "a role cannot be empty"
    hint = " A job title such as CEO belongs in job_title." if person else ""
    return (f"{what}; use one of {role_choices()} (or the role's name, e.g. "
            f"'Deputy incident commander').{hint}")


class Validator:
    """Checks one record; ``exists`` answers "is there a live record with this id and kind?"."""

    def __init__(self, region: str, exists: Callable[[str, Kind], bool]) -> None:
        self.region = region
        self.exists = exists
        self.problems: list[ValidationError] = []

    def fail(self, field: str, code: str, message: str) -> None:
        self.problems.append(ValidationError(field, code, message))

    def check(self, record: Record) -> Record:
        self.problems = []
        checker = {Kind.CONTACT: self._contact, Kind.ORGANIZATION: self._organization,
                   Kind.REGULATOR: self._regulator, Kind.TEMPLATE: self._template,
                   Kind.CHECKLIST: self._checklist}[record.kind]
        result = checker(record)  # type: ignore[operator]
        self._long_text(result)
        if self.problems:
            raise ValidationErrors(self.problems)
        return result

    def _required(self, field: str, value: str, what: str) -> str:
        if not value or not value.strip():
            self.fail(field, "required", f"{what} is required.")
        return value.strip() if value else ""

    def _long_text(self, record: Record) -> None:
        for key, value in vars(record).items():
            if isinstance(value, str) and len(value) > MAX_TEXT:
                self.fail(key, "too_long", f"{key} is longer than {MAX_TEXT} characters.")

    def _phones(self, phones: tuple[Phone, ...], field: str = "phones") -> tuple[Phone, ...]:
        out = []
        for n, phone in enumerate(phones, start=1):
            where = f"{field}[{n}]"
            if phone.label not in PHONE_LABELS:
                self.fail(where, "label", f"Phone label '{phone.label}' is not one of "
                          + ", ".join(PHONE_LABELS) + ".")
            e164, problem = normalise_phone(phone.number, self.region, where)
            if problem:
                self.problems.append(problem)
            out.append(replace(phone, number=phone.number.strip(), e164=e164))
        return tuple(out)

    def _emails(self, emails: tuple[Email, ...]) -> tuple[Email, ...]:
        out = []
        for n, email in enumerate(emails, start=1):
            where = f"emails[{n}]"
            if email.label not in EMAIL_LABELS:
                self.fail(where, "label", f"Email label '{email.label}' is not one of "
                          + ", ".join(EMAIL_LABELS) + ".")
            address, problem = normalise_email(email.address, where)
            if problem:
                self.problems.append(problem)
            out.append(replace(email, address=address))
        return tuple(out)

    def _contact(self, c: Contact) -> Contact:
        name = self._required("name", c.name, "A name")
        roles: list[str] = []
        for n, role in enumerate(c.roles, start=1):
            rid = normalise_role(str(role))
            if rid is None:
                self.fail(f"roles[{n}]", "role", unknown_role(str(role)))
            elif rid not in roles:
                roles.append(rid)
        deputies = []
        for n, deputy in enumerate(c.deputies, start=1):
            where = f"deputies[{n}]"
            if deputy.person_id == c.id and c.id:
                self.fail(where, "self_deputy", "A person cannot be their own deputy.")
            elif not self.exists(deputy.person_id, Kind.CONTACT):
                self.fail(where, "dangling", "The deputy is not a person in this binder.")
            rid = normalise_role(str(deputy.role))
            if rid is None:
                self.fail(where, "role", "The deputy's role: "
                          + unknown_role(str(deputy.role), person=False))
            elif rid not in roles:
                self.fail(where, "role", f"The deputy is for role '{deputy.role}', "
                          "which this person does not hold.")
            deputies.append(replace(deputy, role=rid or deputy.role))
        if c.organization_id and not self.exists(c.organization_id, Kind.ORGANIZATION):
            self.fail("organization_id", "dangling", "That organisation is not in this binder.")
        if c.time_zone:
            try:
                ZoneInfo(c.time_zone)
            except (ZoneInfoNotFoundError, ValueError):
                self.fail("time_zone", "time_zone",
                          f"'{c.time_zone}' is not a time zone (e.g. Europe/London).")
        return replace(c, name=name, roles=tuple(roles), phones=self._phones(c.phones),
                       emails=self._emails(c.emails), deputies=tuple(deputies))

    def _organization(self, o: Organization) -> Organization:
        name = self._required("name", o.name, "A name")
        if o.org_kind not in ORG_KINDS:
            self.fail("org_kind", "kind", f"'{o.org_kind}' is not one of " +
                      ", ".join(ORG_KINDS) + ".")
        hotline_e164 = ""
        if o.hotline.strip():
            hotline_e164, problem = normalise_phone(o.hotline, self.region, "hotline")
            if problem:
                self.problems.append(problem)
        for n, pid in enumerate(o.people, start=1):
            if not self.exists(pid, Kind.CONTACT):
                self.fail(f"people[{n}]", "dangling", "That person is not in this binder.")
        return replace(o, name=name, hotline=o.hotline.strip(), hotline_e164=hotline_e164,
                       phones=self._phones(o.phones), emails=self._emails(o.emails))

    def _regulator(self, r: Regulator) -> Regulator:
        self._required("duty_id", r.duty_id, "A duty id")
        self._required("jurisdiction", r.jurisdiction, "A jurisdiction")
        if r.deadline_unit not in ("hours", "calendar_days", "business_days", "months", "none"):
            self.fail("deadline_unit", "unit", f"'{r.deadline_unit}' is not a deadline unit.")
        elif r.deadline_unit != "none" and (r.deadline_amount is None or r.deadline_amount <= 0):
            self.fail("deadline_amount", "amount", "A deadline needs a positive amount.")
        return r

    def _template(self, t: TemplateRecord) -> TemplateRecord:
        self._required("name", t.name, "A name")
        self._required("template_id", t.template_id, "A template id")
        if t.status not in TEMPLATE_STATUSES:
            self.fail("status", "status", f"Status must be one of {', '.join(TEMPLATE_STATUSES)}.")
        if t.status == "approved" and not (t.approved_by and t.approved_at):
            self.fail("approved_by", "approval", "An approved template needs who approved it "
                      "and when.")
        return t

    def _checklist(self, c: ChecklistRecord) -> ChecklistRecord:
        self._required("name", c.name, "A name")
        if c.mode not in ("READ-DO", "DO-CONFIRM"):
            self.fail("mode", "mode", "Mode must be READ-DO or DO-CONFIRM.")
        owner = str(c.owner_role or "")
        if owner:
            rid = normalise_role(owner)
            if rid is None:
                self.fail("owner_role", "role", unknown_role(owner, person=False))
            elif rid != owner:
                c = replace(c, owner_role=rid)
        return c


def known_time_zones() -> set[str]:
    return set(available_timezones())
