"""incident start | deadlines | log | duty | verify | close | show | cadence."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import click

from binder.cli.base import cli, emit_json, json_option, open_session, say
from binder.errors import BinderError
from binder.incident_models import AUDIENCES, DATA_TYPES, LOG_KINDS, Incident
from binder.services.incidents import IncidentService


def _counts(values: tuple[str, ...], option: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for value in values:
        code, sep, number = value.rpartition("=")
        code = code if sep else "*"
        try:
            out[code.upper() if code != "*" else code] = int(number.replace(",", ""))
        except ValueError:
            raise click.BadParameter(f"'{value}' is not N or CODE=N", param_hint=option) from None
    return out


@cli.group()
def incident() -> None:
    """Run an incident: the clocks, the tamper-evident log, duties, the report."""


@incident.command("start")
@click.option("--title", required=True, help="A short title, e.g. 'Ransomware on file servers'.")
@click.option("--aware-at", required=True, metavar="ISO8601",
              help="When the organisation became aware (legal clocks start here), "
                   "with an offset: 2026-03-03T09:15:00+01:00.")
@click.option("--why-aware", default="", help="Why that moment counts as awareness.")
@click.option("--discovered-at", metavar="ISO8601", help="When the breach was discovered.")
@click.option("--materiality-at", metavar="ISO8601",
              help="When it was determined to be material (starts the SEC 8-K clock).")
@click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="CODE",
              help="GB, EU, US-CA, EU-NIS2, US-SEC, US-HIPAA ...; repeatable.")
@click.option("--data-type", "data_types", multiple=True, type=click.Choice(DATA_TYPES),
              help="Data involved; repeatable.")
@click.option("--affected", multiple=True, metavar="N|CODE=N",
              help="Confirmed people affected, overall or per jurisdiction; repeatable.")
@click.option("--possible", multiple=True, metavar="N|CODE=N",
              help="Possibly affected (notices default to the higher count).")
@click.option("--codename", default="", help="A codename for talking about it.")
@click.option("--time-zone", default="UTC", show_default=True,
              help="Zone for day-based deadlines and display, e.g. Europe/London.")
@click.option("--exercise", is_flag=True, help="A tabletop exercise, kept apart from incidents.")
@json_option
def start(title: str, aware_at: str, why_aware: str, discovered_at: str | None,
          materiality_at: str | None, jurisdictions: tuple[str, ...],
          data_types: tuple[str, ...], affected: tuple[str, ...], possible: tuple[str, ...],
          codename: str, time_zone: str, exercise: bool, as_json: bool) -> None:
    """Open an incident (or an exercise) and start its clocks."""
    draft = Incident(id="", title=title, aware_at=aware_at, awareness_reason=why_aware,
                     discovered_at=discovered_at, materiality_at=materiality_at,
                     jurisdictions=jurisdictions, data_types=data_types,
                     confirmed=_counts(affected, "--affected"),
                     possible=_counts(possible, "--possible"), codename=codename,
                     time_zone=time_zone, exercise=exercise)
    with open_session() as session:
        incident_, _ = IncidentService(session.db, session.actor).start(draft)
    if as_json:
        emit_json(incident_.to_dict())
    else:
        click.echo(incident_.id)
        say(f"{'Exercise' if exercise else 'Incident'} opened. Next: "
            f"'incident deadlines {incident_.id[:8]}'.")


@incident.command("deadlines")
@click.argument("incident_id")
@click.option("--all", "show_all", is_flag=True, help="Also list duties that do not apply.")
@json_option
def deadlines_cmd(incident_id: str, show_all: bool, as_json: bool) -> None:
    """Every notification duty with its due time (UTC in JSON; the incident's zone here)."""
    with open_session() as session:
        service = IncidentService(session.db, session.actor)
        inc = service.get(incident_id)
        items = service.deadlines(inc.id)
    if as_json:
        emit_json([d.to_dict() for d in items])
        return
    tz = ZoneInfo(inc.time_zone)
    now = datetime.now(timezone.utc)
    for d in items:
        if d.status in ("not_required", "not_in_force") and not show_all:
            continue
        due = d.due_at.astimezone(tz).strftime("%a %d %b %Y %H:%M %Z (UTC%z)") if d.due_at \
            else "no fixed time"
        left = ""
        if d.due_at and d.status == "pending":
            hours = (d.due_at - now).total_seconds() / 3600
            left = f" - {hours:.0f} h left" if hours < 72 else f" - {hours / 24:.0f} days left"
        click.echo(f"{d.status.upper():<14} {due}{left}\n    {d.jurisdiction} {d.regime}: "
                   f"{d.authority} ({d.duty_id})\n    {d.reason}")
    hidden = sum(1 for d in items if d.status in ("not_required", "not_in_force"))
    if hidden and not show_all:
        say(f"{hidden} duties do not apply (threshold, data type, not in force): --all shows why.")
    say("Information, not legal advice: check each duty with counsel.")


@incident.command("log")
@click.argument("incident_id")
@click.argument("text")
@click.option("--kind", type=click.Choice(LOG_KINDS), default="note", show_default=True,
              help="What the entry records.")
@click.option("--audience", type=click.Choice(AUDIENCES),
              help="For statements: who it went to (drives the update cadence).")
@click.option("--corrects", type=int, metavar="N", help="This entry corrects entry N.")
@click.option("--waive", multiple=True, metavar="RULE=REASON",
              help="Send a statement despite a lint error, with the reason recorded.")
@json_option
def log_cmd(incident_id: str, text: str, kind: str, audience: str | None, corrects: int | None,
            waive: tuple[str, ...], as_json: bool) -> None:
    """Append an entry to the tamper-evident log. Statements are linted first."""
    data: dict[str, object] = {}
    if kind == "statement":
        if not audience:
            raise click.UsageError("A statement needs --audience.")
        data = _lint_statement(text, waive)
        data["audience"] = audience
    with open_session() as session:
        entry = IncidentService(session.db, session.actor).log(incident_id, text, kind=kind,
                                                               data=data, corrects=corrects)
    if as_json:
        emit_json(entry.to_dict())
    else:
        say(f"Logged entry {entry.number} ({entry.kind}) at {entry.at}.")


def _lint_statement(text: str, waive: tuple[str, ...]) -> dict[str, object]:
    from binder.lint import Severity, lint

    waived = dict(w.split("=", 1) if "=" in w else (w, "") for w in waive)
    findings = lint(text)
    blocking = [f for f in findings if f.severity == Severity.ERROR and f.rule not in waived]
    for f in findings:
        say(f"{f.severity.value}: {f.rule}: {f.message} Hint: {f.hint}")
    if blocking or any(not reason.strip() for reason in waived.values()):
        raise BinderError(f"Not logged as sent: {len(blocking)} lint error(s). Fix the text, or "
                          "--waive RULE=REASON (the reason is recorded).")
    return {"lint": [f.to_dict() for f in findings], "waivers": waived}


@incident.command("duty")
@click.argument("incident_id")
@click.argument("duty_id")
@click.option("--done-at", metavar="ISO8601", help="When it was done (default: now).")
@click.option("--how", default="", help="Channel: portal, email, phone, letter ...")
@click.option("--reference", default="", help="The authority's reference or receipt number.")
@click.option("--not-required", metavar="REASON", help="Mark the duty not required, with why.")
def duty_cmd(incident_id: str, duty_id: str, done_at: str | None, how: str, reference: str,
             not_required: str | None) -> None:
    """Mark a duty done (when, how, reference) or not required (why); both are logged."""
    with open_session() as session:
        IncidentService(session.db, session.actor).mark_duty(
            incident_id, duty_id, done_at=done_at, how=how, reference=reference,
            not_required=not_required)
    say("Recorded.")


@incident.command("verify")
@click.argument("incident_id")
@json_option
def verify_cmd(incident_id: str, as_json: bool) -> None:
    """Check the log's hash chain; exit 4 and name the first broken entry if it is broken."""
    with open_session() as session:
        check = IncidentService(session.db, session.actor).verify(incident_id)
    if as_json:
        emit_json(check)
    elif check.ok:
        click.echo(f"Intact: {check.entries} entries, final hash {check.head}")
    else:
        click.echo(f"BROKEN at entry {check.first_broken}: {check.problem}", err=True)
    if not check.ok:
        raise click.exceptions.Exit(4)


@incident.command("close")
@click.argument("incident_id")
@click.option("--summary", default="", help="A closing line for the log.")
def close_cmd(incident_id: str, summary: str) -> None:
    """Close the incident; its log stays readable and verifiable."""
    with open_session() as session:
        IncidentService(session.db, session.actor).close(incident_id, summary)
    say("Closed.")


@incident.command("show")
@click.argument("incident_id")
@json_option
def show_cmd(incident_id: str, as_json: bool) -> None:
    """The incident's facts, log and update cadence."""
    with open_session() as session:
        service = IncidentService(session.db, session.actor)
        inc = service.get(incident_id)
        entries = service.entries(inc.id)
        cadence = service.cadence(inc.id)
    if as_json:
        emit_json(inc.to_dict() | {"log": [e.to_dict() for e in entries], "cadence": cadence})
        return
    for key, value in inc.to_dict().items():
        if value not in ("", None, [], {}):
            click.echo(f"{key:<28} {value}")
    for c in cadence:
        click.echo(f"next {c.audience} update due {c.next_due_at}" + (" (OVERDUE)" if c.overdue else ""))
    for e in entries:
        click.echo(f"{e.number:>4} {e.at} {e.kind:<12} {e.actor}: {e.text}")


@incident.command("set")
@click.argument("incident_id")
@click.option("--materiality-at", metavar="ISO8601", help="Materiality determination time.")
@click.option("--discovered-at", metavar="ISO8601", help="Discovery time.")
@click.option("--investigation-completed-at", metavar="ISO8601",
              help="When the investigation was completed.")
@click.option("--ransom-paid-at", metavar="ISO8601", help="When a ransom was paid.")
@click.option("--affected", multiple=True, metavar="N|CODE=N", help="Confirmed counts.")
@click.option("--possible", multiple=True, metavar="N|CODE=N", help="Possible counts.")
@click.option("--cadence", multiple=True, metavar="AUDIENCE=HOURS",
              help="Update cadence per audience, e.g. customers=12.")
def set_cmd(incident_id: str, materiality_at: str | None, discovered_at: str | None,
            investigation_completed_at: str | None, ransom_paid_at: str | None,
            affected: tuple[str, ...], possible: tuple[str, ...], cadence: tuple[str, ...]) -> None:
    """Record facts learned later (each change is logged)."""
    changes: dict[str, object] = {k: v for k, v in {
        "materiality_at": materiality_at, "discovered_at": discovered_at,
        "investigation_completed_at": investigation_completed_at,
        "ransom_paid_at": ransom_paid_at}.items() if v}
    with open_session() as session:
        service = IncidentService(session.db, session.actor)
        inc = service.get(incident_id)
        if affected:
            changes["confirmed"] = inc.confirmed | _counts(affected, "--affected")
        if possible:
            changes["possible"] = inc.possible | _counts(possible, "--possible")
        if cadence:
            hours = {k.lower(): v for k, v in _counts(cadence, "--cadence").items()}
            changes["cadence_hours"] = inc.cadence_hours | hours
        if not changes:
            raise click.UsageError("Nothing to set.")
        service.update(inc.id, **changes)
    say("Updated and logged.")


@incident.command("tick")
@click.argument("incident_id")
@click.argument("checklist_id")
@click.argument("item_id")
@click.option("--initials", required=True, help="Who did it (initials).")
@click.option("--done-at", metavar="ISO8601", help="When (default: now).")
@click.option("--note", default="", help="A short note.")
def tick_cmd(incident_id: str, checklist_id: str, item_id: str, initials: str,
             done_at: str | None, note: str) -> None:
    """Tick a checklist item with time and initials (logged in the chain)."""
    with open_session() as session:
        entry = IncidentService(session.db, session.actor).tick(
            incident_id, checklist_id, item_id, initials=initials, done_at=done_at, note=note)
    say(f"Ticked (log entry {entry.number}).")
