"""Record commands: list, show, add, edit, delete, restore, search, settings."""

from __future__ import annotations

import json
from typing import Any

import click

from binder.cli.base import cli, emit_json, json_option, open_session, say
from binder.errors import BinderError, ImportFormatError
from binder.models import (KIND_ALIASES, MODEL_FOR, ROLE_ALIASES, ROLES, Kind, Record,
                           normalise_role)
from binder.services.records import RecordService, is_stale
from binder.services.search import SearchService
from binder.services.settings import SettingsService
from binder.services.validation import unknown_role

KIND_CHOICE = click.Choice(sorted(KIND_ALIASES), case_sensitive=False)
LIST_CHOICE = click.Choice(sorted([*KIND_ALIASES, "incidents", "incident"]), case_sensitive=False)


class RoleType(click.ParamType):
    """A crisis role: its key, its label or an alias (binder.models.normalise_role)."""

    name = "role"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> str:
        key = normalise_role(str(value))
        if key is None:
            self.fail(unknown_role(str(value)), param, ctx)
        return key


_SHORT = [f"{alias.upper()} ({key})" for alias, key in ROLE_ALIASES.items()]
ROLE_HELP = ("A crisis role (people); repeat for several; replaces the list. One of: "
             + ", ".join(ROLES) + ". Its name works too (\"Deputy incident commander\"; "
             "case, spaces, hyphens and underscores do not matter), and so do "
             + " and ".join([", ".join(_SHORT[:-1]), _SHORT[-1]] if len(_SHORT) > 1 else _SHORT)
             + ".")


def to_kind(name: str) -> Kind:
    return KIND_ALIASES[name.lower()]


def record_json(record: Record) -> dict[str, Any]:
    data = record.to_dict()
    data["title"] = record.title
    return data


def _summary(record: Record) -> str:
    data = record.to_dict()
    if record.kind is Kind.CONTACT:
        roles = ", ".join(ROLES.get(r, r) for r in data["roles"])
        phone = data["phones"][0]["number"] if data["phones"] else ""
        return f"{roles:<32.32} {phone}"
    if record.kind is Kind.ORGANIZATION:
        return f"{data['org_kind']:<20} {data['hotline']}"
    if record.kind is Kind.REGULATOR:
        return f"{data['jurisdiction']:<10} {data['deadline_text'][:50]}"
    return f"{data.get('status', '')}"


@cli.command("list")
@click.argument("kind", type=LIST_CHOICE)
@click.option("--stale", is_flag=True, help="Only records due for review.")
@click.option("--deleted", is_flag=True, help="Include deleted records (tombstones).")
@json_option
def list_cmd(kind: str, stale: bool, deleted: bool, as_json: bool) -> None:
    """List records of one KIND (contacts, organizations, regulators, templates, checklists,
    incidents)."""
    if kind.lower().startswith("incident"):
        _list_incidents(as_json)
        return
    with open_session() as session:
        records = RecordService(session.db, session.actor).list(
            to_kind(kind), include_deleted=deleted, stale_only=stale)
    if as_json:
        emit_json([record_json(r) for r in records])
        return
    for r in records:
        mark = " (deleted)" if r.deleted_at else ""
        click.echo(f"{r.id[:8]}  {r.title:<36.36} {_summary(r)}{mark}")
    say(f"{len(records)} {kind}")


def _list_incidents(as_json: bool) -> None:
    from binder.services.incidents import IncidentService

    with open_session() as session:
        items = IncidentService(session.db, session.actor).list()
    if as_json:
        emit_json([i.to_dict() for i in items])
        return
    for i in items:
        tag = " [exercise]" if i.exercise else ""
        click.echo(f"{i.id[:8]}  {i.title:<36.36} {i.status:<7} aware {i.aware_at}{tag}")
    say(f"{len(items)} incidents")


@cli.command()
@click.argument("kind", type=KIND_CHOICE)
@click.argument("record_id")
@click.option("--history", is_flag=True, help="Also show the change history.")
@json_option
def show(kind: str, record_id: str, history: bool, as_json: bool) -> None:
    """Show one record with all its fields (ID may be the first 8 characters)."""
    with open_session() as session:
        service = RecordService(session.db, session.actor)
        record = service.get(record_id, to_kind(kind))
        entries = service.history(record.id) if history else []
        stale = is_stale(record, SettingsService(session.db).get())
    if as_json:
        data = record_json(record)
        data["stale"] = stale
        if history:
            data["history"] = entries
        emit_json(data)
        return
    for key, value in record_json(record).items():
        if value in ("", None, [], {}):
            continue
        if isinstance(value, list):
            value = "; ".join(json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v)
                              for v in value)
        click.echo(f"{key:<18} {value}")
    if stale:
        say("Due for review: confirm it with 'review confirm'.")
    for e in entries:
        fields = ", ".join(c.field for c in e.changes)
        click.echo(f"{e.at}  {e.action:<8} by {e.by}: {fields}")


def _fields(name: str | None, phones: tuple[str, ...], emails: tuple[str, ...],
            roles: tuple[str, ...], sets: tuple[str, ...], from_json: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if from_json:
        try:
            with open(from_json, encoding="utf-8") as fh:
                loaded = json.load(fh)
        except OSError as exc:
            raise BinderError(f"Cannot read {from_json}: {exc.strerror}.") from None
        except json.JSONDecodeError as exc:
            raise ImportFormatError(exc.msg, line=exc.lineno, column=exc.colno,
                                    path=from_json) from None
        if not isinstance(loaded, dict):
            raise ImportFormatError("expected one JSON object with the record's fields",
                                    path=from_json)
        data.update(loaded)
    if name is not None:
        data["name"] = name
    if phones:
        data["phones"] = [_labelled(p, "number", "mobile") for p in phones]
    if emails:
        data["emails"] = [_labelled(e, "address", "work") for e in emails]
    if roles:
        data["roles"] = list(roles)
    for item in sets:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--set takes FIELD=VALUE, got '{item}'.")
        try:
            data[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            data[key.strip()] = value
    for key in ("kind", "title"):
        data.pop(key, None)
    return data


def _labelled(text: str, field: str, default_label: str) -> dict[str, str]:
    label, sep, value = text.partition(":")
    if sep and label.strip().isalpha() and len(label.strip()) <= 12:
        return {"label": label.strip().lower(), field: value.strip()}
    return {"label": default_label, field: text.strip()}


def _edit_options(fn: Any) -> Any:
    for decorator in reversed([
        click.option("--name", help="Name (people and organisations) or template name."),
        click.option("--phone", "phones", multiple=True, metavar="[LABEL:]NUMBER",
                     help="A phone number, e.g. mobile:+44 7700 900123 or signal:+1 555 555 0100. "
                          "Repeat for several; replaces the list."),
        click.option("--email", "emails", multiple=True, metavar="[LABEL:]ADDRESS",
                     help="An email address; repeat for several; replaces the list."),
        click.option("--role", "roles", multiple=True, type=RoleType(), metavar="ROLE",
                     help=ROLE_HELP),
        click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE",
                     help="Any other field; VALUE may be JSON (true, 3, [..]). Repeatable."),
        click.option("--from-json", metavar="FILE", help="Read fields from a JSON object."),
        json_option,
    ]):
        fn = decorator(fn)
    return fn


@cli.command()
@click.argument("kind", type=KIND_CHOICE)
@_edit_options
def add(kind: str, name: str | None, phones: tuple[str, ...], emails: tuple[str, ...],
        roles: tuple[str, ...], sets: tuple[str, ...], from_json: str | None,
        as_json: bool) -> None:
    """Add a record of KIND from options and/or --from-json."""
    data = _fields(name, phones, emails, roles, sets, from_json)
    model = MODEL_FOR[to_kind(kind)]
    with open_session() as session:
        from binder.services.records import _coerce, _partial

        _coerce(model, {k: v for k, v in data.items() if k != "id"})
        record, _ = RecordService(session.db, session.actor).add(_partial(model, data))
    if as_json:
        emit_json(record_json(record))
    else:
        click.echo(record.id)
        say(f"Added {record.title}.")


@cli.command()
@click.argument("kind", type=KIND_CHOICE)
@click.argument("record_id")
@_edit_options
def edit(kind: str, record_id: str, name: str | None, phones: tuple[str, ...],
         emails: tuple[str, ...], roles: tuple[str, ...], sets: tuple[str, ...],
         from_json: str | None, as_json: bool) -> None:
    """Change fields of one record; fields not given stay as they are."""
    data = _fields(name, phones, emails, roles, sets, from_json)
    for key in ("id", "created_at", "updated_at", "version", "deleted_at"):
        data.pop(key, None) if from_json else None
    if not data:
        raise click.UsageError("Nothing to change: give options, --set or --from-json.")
    with open_session() as session:
        service = RecordService(session.db, session.actor)
        record = service.get(record_id, to_kind(kind))
        record, changes = service.update(record.id, **data)
    if as_json:
        emit_json(record_json(record))
    else:
        say(f"Saved {record.title}." if changes else "Nothing changed.")


@cli.command()
@click.argument("kind", type=KIND_CHOICE)
@click.argument("record_id")
@click.option("--force", is_flag=True,
              help="Also remove references to it (deputies, organisation members).")
def delete(kind: str, record_id: str, force: bool) -> None:
    """Delete a record (kept as a tombstone; 'undelete' brings it back)."""
    with open_session() as session:
        service = RecordService(session.db, session.actor)
        record = service.get(record_id, to_kind(kind))
        changes = service.delete(record.id, force=force)
    say(f"Deleted {record.title}." + (f" Updated {len(changes.updated)} record(s) that "
                                       "referred to it." if changes.updated else ""))


@cli.command("undelete")
@click.argument("kind", type=KIND_CHOICE)
@click.argument("record_id")
def undelete(kind: str, record_id: str) -> None:
    """Bring back a deleted record (its tombstone becomes a live record again)."""
    with open_session() as session:
        service = RecordService(session.db, session.actor)
        record = service.get(record_id, to_kind(kind))
        service.restore(record.id)
    say(f"Restored {record.title}.")


@cli.command()
@click.argument("query")
@click.option("--kind", type=KIND_CHOICE, help="Only this kind of record.")
@click.option("--limit", default=20, show_default=True, help="Most results to show.")
@json_option
def search(query: str, kind: str | None, limit: int, as_json: bool) -> None:
    """Ranked search across everything: names, roles, numbers, notes, templates."""
    with open_session() as session:
        hits = SearchService(session.db).search(query, kind=kind, limit=limit)
    if as_json:
        emit_json([{"kind": h.kind, "id": h.id, "title": h.title, "snippet": h.snippet}
                   for h in hits])
        return
    for h in hits:
        click.echo(f"{h.id[:8]}  {h.kind:<12} {h.title:<36.36} {h.snippet}")
    say(f"{len(hits)} result(s)")


@cli.group("settings")
def settings_group() -> None:
    """Show or change the binder's settings (organisation, classification ...)."""


@settings_group.command("show")
@json_option
def settings_show(as_json: bool) -> None:
    """Print the settings kept inside the binder."""
    with open_session() as session:
        settings = SettingsService(session.db).get()
    if as_json:
        emit_json(settings)
    else:
        for key, value in settings.__dict__.items():
            click.echo(f"{key:<22} {value}")


@settings_group.command("set")
@click.argument("pairs", nargs=-1, required=True, metavar="FIELD=VALUE...")
def settings_set(pairs: tuple[str, ...]) -> None:
    """Change settings, e.g. classification=TLP:RED review_interval_days=60."""
    changes: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise click.UsageError(f"Expected FIELD=VALUE, got '{pair}'.")
        try:
            changes[key] = json.loads(value)
        except json.JSONDecodeError:
            changes[key] = value
    with open_session() as session:
        SettingsService(session.db).update(**changes)
    say("Settings saved.")
