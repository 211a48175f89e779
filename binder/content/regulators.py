"""Load and validate the shipped dataset of breach-notification duties.

resources/content/regulators.json holds one entry per duty (GDPR notice to the
authority and GDPR notice to individuals are two entries). The incident
deadline engine consumes it, so loading is strict: an unknown or missing key,
a bad value or a dangling "duty:<id>" clock reference raises ValidationError
naming the duty id and the field. docs/REGULATORS.md describes every field.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from binder.errors import ValidationError

log = logging.getLogger(__name__)

__all__ = ["Deadline", "RegulatorDataset", "RegulatorDuty", "Source", "Threshold",
           "by_jurisdiction", "jurisdictions", "load_regulators", "parse_regulators"]

AUDIENCES = ("regulator", "individuals", "media", "consumer_reporting_agencies", "other")
UNITS = ("hours", "calendar_days", "business_days", "months", "none")
#: Events that start a clock; "duty:<id>" (another duty's completion) is also allowed.
CLOCK_STARTS = ("awareness", "discovery", "breach_determination", "materiality_determination",
                "investigation_complete", "calendar_year_end", "ransom_payment")
PHASES = ("early_warning", "notification", "intermediate_report", "final_report")
COUNTED = ("residents", "individuals", "consumers")
DATA_TYPES = ("any_personal", "health", "payment_card", "credentials", "ssn_licence",
              "financial_account", "biometric", "special_category")
SOURCE_KINDS = ("statute", "regulator", "secondary")
CONFIDENCE = ("statute", "regulator", "secondary", "unverified")

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: cli.md codes: ISO 3166-1 alpha-2 or EU, optionally an ISO 3166-2 or sector suffix.
JURISDICTION_RE = re.compile(r"^(?:EU|[A-Z]{2})(?:-[A-Z0-9]{1,8})?$")
CALENDAR_RE = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")
URL_RE = re.compile(r"^https?://\S+$")
FIELDS = ("id", "jurisdiction", "regime", "citation", "authority", "audience", "notify_how",
          "deadline_text", "deadline", "business_day_calendar", "clock_start", "phase",
          "threshold", "applies_to_data", "risk_condition", "individual_notice",
          "content_required", "sources", "source_as_of", "confidence", "in_force", "notes")


@dataclass(frozen=True)
class Deadline:
    unit: str
    amount: int | None  # None exactly when unit == "none" (no fixed clock)


@dataclass(frozen=True)
class Threshold:
    min_affected: int
    counted: str
    max_affected: int | None = None


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    kind: str


@dataclass(frozen=True)
class RegulatorDuty:
    id: str
    jurisdiction: str
    regime: str
    citation: str
    authority: str
    audience: str
    notify_how: str
    deadline_text: str
    deadline: Deadline
    business_day_calendar: str | None
    clock_start: str
    phase: str | None
    threshold: Threshold | None
    applies_to_data: tuple[str, ...]  # empty: the duty turns on the incident, not the data
    risk_condition: str | None
    individual_notice: str
    content_required: tuple[str, ...]
    sources: tuple[Source, ...]
    source_as_of: dt.date
    confidence: str
    in_force: bool
    notes: str | None

    @property
    def after_duty(self) -> str | None:
        """The id of the duty whose completion starts this clock, if any."""
        return self.clock_start[5:] if self.clock_start.startswith("duty:") else None


@dataclass(frozen=True)
class RegulatorDataset:
    as_of: dt.date
    disclaimer: str
    duties: tuple[RegulatorDuty, ...]

    def get(self, duty_id: str) -> RegulatorDuty | None:
        return next((d for d in self.duties if d.id == duty_id), None)

    def by_jurisdiction(self, code: str) -> tuple[RegulatorDuty, ...]:
        wanted = code.strip().upper()
        return tuple(d for d in self.duties if d.jurisdiction == wanted)

    def jurisdictions(self) -> tuple[str, ...]:
        return tuple(sorted({d.jurisdiction for d in self.duties}))


def _fail(duty_id: str, field: str, code: str, why: str) -> ValidationError:
    return ValidationError(f"duties[{duty_id}].{field}", code, f"Duty {duty_id!r}, field {field!r}: {why}.")


TEXT = ("regime", "citation", "authority", "notify_how", "deadline_text", "individual_notice")
OPTIONAL_TEXT = ("risk_condition", "notes")


class _Reader:
    """Typed access to one raw duty; every failure names the duty id and the field."""

    def __init__(self, raw: dict[str, Any], duty_id: str) -> None:
        self.raw, self.id = raw, duty_id

    def fail(self, field: str, code: str, why: str) -> ValidationError:
        return _fail(self.id, field, code, why)

    def text(self, field: str, optional: bool = False) -> Any:
        value = self.raw[field]
        if not (value is None and optional) and not (isinstance(value, str) and value.strip()):
            raise self.fail(field, "required", "must be a non-empty string")
        return value

    def choice(self, field: str, allowed: tuple[str, ...], optional: bool = False) -> Any:
        value = self.raw[field]
        if not (value is None and optional) and value not in allowed:
            raise self.fail(field, "choice", f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def number(self, value: Any, field: str, minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(field, "integer", f"needs a whole number of at least {minimum}")
        return value

    def strings(self, field: str, allowed: tuple[str, ...] | None) -> tuple[str, ...]:
        value = self.raw[field]
        if not isinstance(value, list) or len({str(v) for v in value}) != len(value):
            raise self.fail(field, "list", "must be a list of distinct entries")
        for item in value:
            if not isinstance(item, str) or not item.strip() or (allowed and item not in allowed):
                raise self.fail(field, "choice", f"{item!r} is not an allowed entry")
        return tuple(value)

    def deadline(self) -> Deadline:
        raw = self.raw["deadline"]
        if not isinstance(raw, dict) or set(raw) != {"unit", "amount"} or raw["unit"] not in UNITS:
            raise self.fail("deadline", "shape", f"needs a unit ({', '.join(UNITS)}) and an amount")
        if raw["unit"] == "none":
            if raw["amount"] is not None:
                raise self.fail("deadline", "amount", 'amount must be null when unit is "none"')
            return Deadline("none", None)
        return Deadline(raw["unit"], self.number(raw["amount"], "deadline", 1))

    def threshold(self) -> Threshold | None:
        raw = self.raw["threshold"]
        if raw is None:
            return None
        keys = {"min_affected", "counted", "max_affected"}
        if not isinstance(raw, dict) or not {"min_affected", "counted"} <= set(raw) <= keys \
                or raw["counted"] not in COUNTED:
            raise self.fail("threshold", "shape", f"needs min_affected and counted ({', '.join(COUNTED)})")
        low, high = self.number(raw["min_affected"], "threshold", 1), raw.get("max_affected")
        return Threshold(low, raw["counted"], None if high is None else self.number(high, "threshold", low))

    def sources(self) -> tuple[Source, ...]:
        raw = self.raw["sources"]
        if not (isinstance(raw, list) and raw and all(
                isinstance(s, dict) and set(s) == {"url", "title", "kind"} and URL_RE.match(str(s["url"]))
                and isinstance(s["title"], str) and s["title"].strip() and s["kind"] in SOURCE_KINDS
                for s in raw)):
            raise self.fail("sources", "source", "needs sources, each with an http(s) url, a title and a kind")
        return tuple(Source(s["url"], s["title"], s["kind"]) for s in raw)


def _duty(raw: Any, index: int) -> RegulatorDuty:
    ok = isinstance(raw, dict) and isinstance(raw.get("id"), str)
    duty_id = raw["id"] if ok else f"#{index}"
    if not isinstance(raw, dict):
        raise _fail(duty_id, "*", "type", "each duty must be a JSON object")
    for field in sorted(set(raw) - set(FIELDS)):
        raise _fail(duty_id, field, "unknown", "is not a known field")
    for field in FIELDS:
        if field not in raw:
            raise _fail(duty_id, field, "missing", "is missing")
    r = _Reader(raw, duty_id)
    if not ID_RE.match(duty_id):
        raise r.fail("id", "format", "must be lowercase letters and digits joined by single hyphens")
    if not JURISDICTION_RE.match(str(raw["jurisdiction"])):
        code = raw["jurisdiction"]
        raise r.fail("jurisdiction", "format", f"{code!r} is not a code like GB, US-CA or EU-NIS2")
    deadline, calendar, clock = r.deadline(), raw["business_day_calendar"], r.text("clock_start")
    if deadline.unit == "business_days" and not (isinstance(calendar, str) and CALENDAR_RE.match(calendar)):
        raise r.fail("business_day_calendar", "required", "business_days needs a calendar such as US or US-NY")
    if deadline.unit != "business_days" and calendar is not None:
        raise r.fail("business_day_calendar", "unexpected", "must be null unless the unit is business_days")
    if clock not in CLOCK_STARTS and not (clock.startswith("duty:") and ID_RE.match(clock[5:])):
        raise r.fail("clock_start", "choice", f"{clock!r} is neither a known event nor duty:<id>")
    try:
        source_as_of = dt.date.fromisoformat(str(raw["source_as_of"]))
    except ValueError:
        raise r.fail("source_as_of", "date", "must be a date written YYYY-MM-DD") from None
    if not isinstance(raw["in_force"], bool):
        raise r.fail("in_force", "type", "must be true or false")
    if not raw["content_required"]:
        raise r.fail("content_required", "list", "must list at least one element")
    texts = {f: r.text(f) for f in TEXT} | {f: r.text(f, True) for f in OPTIONAL_TEXT}
    return RegulatorDuty(
        id=duty_id, jurisdiction=raw["jurisdiction"], audience=r.choice("audience", AUDIENCES),
        deadline=deadline, business_day_calendar=calendar, clock_start=clock,
        phase=r.choice("phase", PHASES, True), threshold=r.threshold(),
        applies_to_data=r.strings("applies_to_data", DATA_TYPES),
        content_required=r.strings("content_required", None), sources=r.sources(),
        source_as_of=source_as_of, confidence=r.choice("confidence", CONFIDENCE),
        in_force=raw["in_force"], **texts)


def parse_regulators(data: Any) -> RegulatorDataset:
    """Validate an already-decoded document and build the dataset."""
    if not isinstance(data, dict) or set(data) != {"as_of", "disclaimer", "duties"}:
        raise ValidationError("regulators", "shape",
                              'The regulators file must hold "as_of", "disclaimer" and "duties".')
    try:
        as_of = dt.date.fromisoformat(str(data["as_of"]))
    except ValueError:
        raise ValidationError("as_of", "date",
                              "The regulators file's as_of must be written YYYY-MM-DD.") from None
    if not isinstance(data["disclaimer"], str) or "legal advice" not in data["disclaimer"].lower():
        raise ValidationError("disclaimer", "required", "The regulators file must say it is not legal advice.")
    if not isinstance(data["duties"], list) or not data["duties"]:
        raise ValidationError("duties", "required", "The regulators file lists no duties.")
    by_id: dict[str, RegulatorDuty] = {}
    for index, raw in enumerate(data["duties"]):
        duty = _duty(raw, index)
        if duty.id in by_id:
            raise _fail(duty.id, "id", "duplicate", "is used by more than one duty")
        if duty.source_as_of > as_of:
            raise _fail(duty.id, "source_as_of", "future", f"is later than the file's as_of ({as_of})")
        by_id[duty.id] = duty
    for duty in by_id.values():  # "duty:<id>" must name another duty and never loop back
        seen, current = {duty.id}, duty.after_duty
        while current is not None:
            if current not in by_id:
                raise _fail(duty.id, "clock_start", "reference", f"names unknown duty {current!r}")
            if current in seen:
                raise _fail(duty.id, "clock_start", "cycle", "forms a loop of duty references")
            seen.add(current)
            current = by_id[current].after_duty
    log.debug("loaded %d regulator duties as of %s", len(by_id), as_of)
    return RegulatorDataset(as_of, data["disclaimer"], tuple(by_id.values()))


def load_regulators(path: Path | str | None = None) -> RegulatorDataset:
    """Load the shipped dataset, or the file at *path* (tests, a reviewed copy)."""
    try:
        if path is None:
            resource = importlib.resources.files("resources.content").joinpath("regulators.json")
            text = resource.read_text("utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError("regulators", "read", f"Cannot read the regulators file: {exc}.") from exc
    except json.JSONDecodeError as exc:
        raise ValidationError("regulators", "json", f"The regulators file is not valid JSON "
                              f"(line {exc.lineno}, column {exc.colno}).") from exc
    return parse_regulators(data)


@functools.lru_cache(maxsize=1)
def _builtin() -> RegulatorDataset:
    return load_regulators()


def by_jurisdiction(code: str, dataset: RegulatorDataset | None = None) -> tuple[RegulatorDuty, ...]:
    """Duties whose jurisdiction code is exactly *code* (case-insensitive)."""
    return (dataset or _builtin()).by_jurisdiction(code)


def jurisdictions(dataset: RegulatorDataset | None = None) -> tuple[str, ...]:
    """Every jurisdiction code in the dataset, sorted."""
    return (dataset or _builtin()).jurisdictions()
