"""Load and validate the built-in checklists (resources/content/checklists).

One TOML file per checklist, read with tomllib. A checklist covers either a
response phase (first hour ... post-incident review) or a scenario
(ransomware, lost device ...). It is split into pause points: moments when
the team stops and runs the list. Each pause point holds 5 to 9 items
(Boorman's "checklist for checklists"). READ-DO lists are read and done one
item at a time; DO-CONFIRM lists are done from memory, then read to confirm.

Every problem in every file is reported at once as ValidationErrors.
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from binder.content.templates import TableReader, loads_toml, read_toml_dir
from binder.errors import NotFoundError, ValidationError, ValidationErrors
from binder.models import ROLES as MODEL_ROLES

log = logging.getLogger(__name__)

__all__ = [
    "MAX_ITEMS",
    "MIN_ITEMS",
    "MODES",
    "MODE_HELP",
    "NEW_CHECKLIST_SOURCE",
    "PHASES",
    "ROLES",
    "SCENARIOS",
    "Checklist",
    "ChecklistItem",
    "PausePoint",
    "builtin_checklists",
    "checklist_from_dict",
    "checklist_problems",
    "checklists_dir",
    "context_label",
    "get_checklist",
    "load_checklists",
    "parse_checklist",
    "phase_label",
    "phase_order",
    "record_values",
]

#: Role ids with their printed labels (one list for the whole app, in binder.models).
ROLES = MODEL_ROLES

MODES: tuple[str, ...] = ("READ-DO", "DO-CONFIRM")

#: Response phases in the order they happen.
PHASES: dict[str, str] = {
    "first_hour": "First hour",
    "first_24_hours": "First 24 hours",
    "first_72_hours": "First 72 hours",
    "recovery": "Recovery",
    "post_incident_review": "Post-incident review",
}

#: Scenario playbooks.
SCENARIOS: dict[str, str] = {
    "ransomware": "Ransomware",
    "account_takeover": "Stolen credentials / account takeover",
    "lost_device": "Lost or stolen device",
    "vendor_breach": "Vendor or cloud-provider breach",
    "insider": "Insider",
    "misdirected_data": "Misdirected data",
    "extortion": "Extortion without encryption",
}

#: How each mode is run: the printed checklist and the app say it in the same words.
MODE_HELP: dict[str, str] = {
    "READ-DO": "Read each item aloud, then do it before moving on. "
               "Tick the box and write the time and your initials.",
    "DO-CONFIRM": "Do the work from memory. At each pause point, stop, read the list aloud "
                  "and confirm every item is done. Tick, time, initials.",
}

MIN_ITEMS = 5
MAX_ITEMS = 9
#: Items are read aloud under stress: keep each to one short line.
MAX_ITEM_CHARS = 90

ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

CHECKLIST_KEYS = frozenset({
    "id", "title", "phase", "scenario", "owner", "mode", "version", "as_of",
    "description", "sources", "pause_points",
})
PAUSE_KEYS = frozenset({"id", "name", "items"})
ITEM_KEYS = frozenset({"id", "text", "owner", "note"})


@dataclass(frozen=True)
class ChecklistItem:
    """One line of a checklist: exact wording, the role that does it, an optional note."""

    id: str
    text: str
    owner: str
    note: str = ""


@dataclass(frozen=True)
class PausePoint:
    """A moment when the team stops and runs a group of 5 to 9 items."""

    id: str
    name: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Checklist:
    """A phase checklist or a scenario playbook. Exactly one of phase/scenario is set."""

    id: str
    title: str
    owner: str
    mode: str
    description: str
    version: str
    as_of: str
    pause_points: tuple[PausePoint, ...]
    phase: str | None = None
    scenario: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """Either "phase" or "scenario"."""
        return "phase" if self.phase else "scenario"

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(i for p in self.pause_points for i in p.items)

    def item(self, item_id: str) -> ChecklistItem:
        """The item with this id (ids are unique within a checklist); KeyError if none."""
        for i in self.items:
            if i.id == item_id:
                return i
        raise KeyError(item_id)


def phase_label(value: str, *, brief: bool = False) -> str:
    """A checklist record's phase in words. The record's one field holds a phase or,
    for a playbook, a scenario id: "first_24_hours" -> "First 24 hours",
    "ransomware" -> "Scenario: Ransomware" (``brief``: "Scenario", for a narrow
    column beside the playbook's name)."""
    if value in PHASES:
        return PHASES[value]
    if value in SCENARIOS:
        return "Scenario" if brief else f"Scenario: {SCENARIOS[value]}"
    return value.replace("_", " ").strip().capitalize()


def phase_order(value: str) -> int:
    """Where a phase or scenario comes in a response: the phases in order, then scenarios."""
    if value in PHASES:
        return list(PHASES).index(value)
    if value in SCENARIOS:
        return len(PHASES) + list(SCENARIOS).index(value)
    return len(PHASES) + len(SCENARIOS)


def context_label(checklist: Checklist) -> str:
    """"Phase: First hour" or "Scenario: Ransomware", as printed at the top of a checklist."""
    if checklist.phase:
        return f"Phase: {PHASES.get(checklist.phase, checklist.phase)}"
    if checklist.scenario:
        return f"Scenario: {SCENARIOS.get(checklist.scenario, checklist.scenario)}"
    return ""


def checklists_dir() -> Traversable:
    """Where the shipped checklists live (inside the ``resources`` package)."""
    return importlib.resources.files("resources.content") / "checklists"


def checklist_problems(c: Checklist) -> list[ValidationError]:
    """Every problem in ``c``: ids, roles, mode, phase/scenario, 5-9 items per pause point."""
    problems: list[ValidationError] = []

    def bad(where: str, code: str, message: str) -> None:
        problems.append(ValidationError(f"{c.id}.{where}", code, f"Checklist '{c.id}': {message}"))

    if not ID_PATTERN.match(c.id):
        bad("id", "bad_id", f"the id must be lowercase snake_case, not '{c.id}'.")
    for attr in ("title", "description", "version"):
        if not getattr(c, attr).strip():
            bad(attr, "empty", f"{attr} is empty.")
    if not DATE_PATTERN.match(c.as_of):
        bad("as_of", "bad_date", f"as_of must be a date like 2026-11-27, not '{c.as_of}'.")
    if c.mode not in MODES:
        bad("mode", "unknown_mode", f"mode '{c.mode}' is not one of {', '.join(MODES)}.")
    if c.owner not in ROLES:
        bad("owner", "unknown_role", f"owner '{c.owner}' is not a known role.")
    if (c.phase is None) == (c.scenario is None):
        bad("phase", "phase_or_scenario", "set exactly one of phase and scenario.")
    if c.phase is not None and c.phase not in PHASES:
        bad("phase", "unknown_phase", f"phase '{c.phase}' is not one of {', '.join(PHASES)}.")
    if c.scenario is not None and c.scenario not in SCENARIOS:
        bad("scenario", "unknown_scenario",
            f"scenario '{c.scenario}' is not one of {', '.join(SCENARIOS)}.")
    if not c.pause_points:
        bad("pause_points", "empty", "it has no pause points.")

    pause_ids: set[str] = set()
    item_ids: set[str] = set()
    for p in c.pause_points:
        where = f"pause_points.{p.id}"
        if not ID_PATTERN.match(p.id):
            bad(where, "bad_id", f"pause point id '{p.id}' must be lowercase snake_case.")
        if p.id in pause_ids:
            bad(where, "duplicate", f"pause point '{p.id}' appears twice.")
        pause_ids.add(p.id)
        if not p.name.strip():
            bad(where, "empty", f"pause point '{p.id}' has no name.")
        if not MIN_ITEMS <= len(p.items) <= MAX_ITEMS:
            bad(where, "item_count",
                f"pause point '{p.id}' has {len(p.items)} items; use {MIN_ITEMS} to {MAX_ITEMS}.")
        for item in p.items:
            iwhere = f"{where}.{item.id}"
            if not ID_PATTERN.match(item.id):
                bad(iwhere, "bad_id", f"item id '{item.id}' must be lowercase snake_case.")
            if item.id in item_ids:
                bad(iwhere, "duplicate", f"item id '{item.id}' appears twice.")
            item_ids.add(item.id)
            text = item.text.strip()
            if not text:
                bad(iwhere, "empty", f"item '{item.id}' has no text.")
            elif "\n" in text or len(text) > MAX_ITEM_CHARS:
                bad(iwhere, "too_long",
                    f"item '{item.id}' must be one line of at most {MAX_ITEM_CHARS} characters.")
            if item.owner not in ROLES:
                bad(iwhere, "unknown_role", f"item '{item.id}' has unknown owner '{item.owner}'.")
    return problems


def checklist_from_dict(data: Mapping[str, Any], *, source: str = "checklist",
                        problems: list[ValidationError] | None = None) -> Checklist:
    """Build a Checklist from a parsed TOML table.

    Raises ValidationErrors listing every problem, unless a ``problems`` list
    is passed, in which case problems are appended there.
    """
    found: list[ValidationError] = []
    r = TableReader(data, source, found)
    r.check_keys(CHECKLIST_KEYS)
    pauses = []
    for pi, ptable in enumerate(r.tables("pause_points")):
        pr = TableReader(ptable, f"{source}.pause_points[{pi}]", found)
        pr.check_keys(PAUSE_KEYS)
        items = []
        for ii, itable in enumerate(pr.tables("items")):
            ir = TableReader(itable, f"{pr.where}.items[{ii}]", found)
            ir.check_keys(ITEM_KEYS)
            items.append(ChecklistItem(id=ir.text("id"), text=ir.text("text").strip(),
                                       owner=ir.text("owner"),
                                       note=ir.text("note", required=False).strip()))
        pauses.append(PausePoint(id=pr.text("id"), name=pr.text("name"), items=tuple(items)))
    checklist = Checklist(
        id=r.text("id"),
        title=r.text("title"),
        owner=r.text("owner"),
        mode=r.text("mode"),
        description=r.text("description").strip(),
        version=r.text("version"),
        as_of=r.text("as_of"),
        phase=r.optional_text("phase"),
        scenario=r.optional_text("scenario"),
        sources=r.text_list("sources"),
        pause_points=tuple(pauses),
    )
    if not found:
        found.extend(checklist_problems(checklist))
    if problems is not None:
        problems.extend(found)
    elif found:
        raise ValidationErrors(found)
    return checklist


def _order(c: Checklist) -> tuple[int, int, str]:
    if c.phase in PHASES:
        return (0, list(PHASES).index(c.phase), c.id)
    if c.scenario in SCENARIOS:
        return (1, list(SCENARIOS).index(c.scenario), c.id)
    return (2, 0, c.id)


def load_checklists(directory: Traversable | Path | None = None) -> tuple[Checklist, ...]:
    """Load and validate every checklist in ``directory`` (default: the shipped ones).

    Besides each checklist's own checks: the file name equals the id, ids
    are unique, and each source is cited. Returns phases in order, then
    scenarios. All problems are raised together as ValidationErrors.
    """
    directory = checklists_dir() if directory is None else directory
    problems: list[ValidationError] = []
    checklists: list[Checklist] = []
    seen: dict[str, str] = {}
    for stem, data in read_toml_dir(directory):
        source = f"{stem}.toml"
        c = checklist_from_dict(data, source=source, problems=problems)
        if c.id != stem:
            problems.append(ValidationError(f"{source}.id", "id_mismatch",
                                            f"{source}: the id '{c.id}' must match the file name."))
        if c.id in seen:
            problems.append(ValidationError(f"{source}.id", "duplicate",
                                            f"{source}: id '{c.id}' is also used by {seen[c.id]}."))
        seen.setdefault(c.id, source)
        if not c.sources:
            problems.append(ValidationError(f"{source}.sources", "no_sources",
                                            f"{source}: cite at least one source."))
        checklists.append(c)
    if problems:
        raise ValidationErrors(problems)
    log.debug("loaded %d checklists", len(checklists))
    return tuple(sorted(checklists, key=_order))


@functools.cache
def builtin_checklists() -> tuple[Checklist, ...]:
    """The shipped checklists, loaded once per process."""
    return load_checklists()


def get_checklist(checklist_id: str) -> Checklist:
    """The shipped checklist with this id, or NotFoundError."""
    for c in builtin_checklists():
        if c.id == checklist_id:
            return c
    known = ", ".join(c.id for c in builtin_checklists())
    raise NotFoundError(f"There is no built-in checklist '{checklist_id}'. Known checklists: {known}.")


def parse_checklist(source: str, where: str = "checklist") -> Checklist:
    """A checklist's text (TOML, as shipped or as edited) as a Checklist.

    A TOML mistake raises ImportFormatError with its line and column; content
    problems raise ValidationErrors listing all of them.
    """
    return checklist_from_dict(loads_toml(source, where), source=where)


def record_values(checklist: Checklist) -> dict[str, str]:
    """The ChecklistRecord fields a checklist's text decides (the list shows them)."""
    return {"checklist_id": checklist.id, "name": checklist.title,
            "phase": checklist.phase or checklist.scenario or "", "owner_role": checklist.owner,
            "mode": checklist.mode}


#: The text a new checklist starts from: valid as it stands, so the Checklist tab
#: shows from the first moment what each key does.
NEW_CHECKLIST_SOURCE = """\
# A new checklist: change the words, keep the keys.
# Save checks the text; the Checklist tab shows how it reads.
id = "new_checklist"
title = "New checklist"
# Either phase = first_hour, first_24_hours, first_72_hours,
#   recovery or post_incident_review;
# or scenario = ransomware, account_takeover, lost_device,
#   vendor_breach, insider, misdirected_data or extortion.
phase = "first_hour"
owner = "incident_commander"
# READ-DO: read each item aloud, then do it.
# DO-CONFIRM: work from memory, then read the list to confirm.
mode = "READ-DO"
version = "1"
as_of = "2026-01-01"
description = "When to run this list and who reads it aloud."
sources = []

# A pause point is a moment the team stops and runs 5 to 9 items.
[[pause_points]]
id = "start"
name = "Start"

[[pause_points.items]]
id = "first_step"
text = "The first thing to do, in one short line"
owner = "incident_commander"
note = "An optional note: why, or where to find what is needed."

[[pause_points.items]]
id = "second_step"
text = "The second thing to do"
owner = "scribe"

[[pause_points.items]]
id = "third_step"
text = "The third thing to do"
owner = "incident_commander"

[[pause_points.items]]
id = "fourth_step"
text = "The fourth thing to do"
owner = "incident_commander"

[[pause_points.items]]
id = "fifth_step"
text = "The fifth thing to do"
owner = "incident_commander"
"""
