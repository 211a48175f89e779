"""import and export."""

from __future__ import annotations

from pathlib import Path

import click

from binder.cli.base import cli, emit_json, json_option, open_session, say
from binder.cli.records_cmds import KIND_CHOICE, to_kind
from binder.errors import BinderError
from binder.services.exporter import PLAINTEXT_WARNING, export_bytes
from binder.services.importer import Importer
from binder.services.records import RecordService


def _read(path: str) -> bytes:
    from binder.io.limits import read_limited

    return read_limited(Path(path))


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["csv", "vcard", "json"]),
              help="Input format (default: detected from the content and name).")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@json_option
def import_cmd(file: str, fmt: str | None, dry_run: bool, as_json: bool) -> None:
    """Import people (Google or Outlook CSV, our CSV, vCard 2.1/3.0/4.0) or a JSON export.

    All or nothing: if any line has a problem, every problem is listed with its
    line and field and nothing is imported. People are matched by id, then
    email, then phone number, so a re-import updates instead of duplicating;
    people the file does not mention are listed as missing, never deleted.
    """
    data = _read(file)
    if fmt is None:
        from binder.io.detect import detect_format

        fmt = detect_format(data, file)
    with open_session() as session:
        importer = Importer(RecordService(session.db, session.actor))
        plan = importer.plan(data, fmt=fmt, path=file)
        summary = plan.summary()
        if not plan.problems and not dry_run:
            from binder.services.review import ReviewService

            # Applies the plan and flags the people the file left out for review.
            ReviewService(importer.service).apply_import(importer, plan, source=Path(file).name)
    if as_json:
        emit_json(summary | {"dry_run": dry_run, "applied": not plan.problems and not dry_run})
    else:
        for problem in plan.problems:
            click.echo(f"{file}: {problem}", err=True)
        for change in summary["changes"]:
            fields = f" ({', '.join(change['fields'])})" if change["fields"] else ""
            click.echo(f"{change['action']:<7} line {change['line']}: {change['title']}{fields}")
        if summary["missing"]:
            say(f"{len(summary['missing'])} people in the binder are not in this file: "
                "they are kept; review them with 'review'.")
        verb = "Would import" if dry_run else "Imported"
        say(f"{verb}: {summary['added']} added, {summary['updated']} updated, "
            f"{summary['unchanged']} unchanged." if not plan.problems else
            f"Nothing imported: {len(plan.problems)} problem(s).")
    if plan.problems:
        raise click.exceptions.Exit(1)


@cli.command("export")
@click.argument("what", type=click.Choice(sorted(KIND_CHOICE.choices) + ["all"]))
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "vcard"]), required=True,
              help="json (everything, full fidelity), csv or vcard (people only).")
@click.option("--vcard-version", type=click.Choice(["3.0", "4.0"]), default="3.0",
              show_default=True, help="vCard version for --format vcard.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="File to write ('-' for stdout).")
def export_cmd(what: str, fmt: str, vcard_version: str, output: str) -> None:
    """Write a PLAINTEXT export (a warning is printed)."""
    kind = None if what == "all" else to_kind(what)
    if fmt != "json" and kind is not None and kind.value != "contact":
        raise click.UsageError("CSV and vCard exports hold people only: export contacts.")
    with open_session() as session:
        data = export_bytes(session.db, kind, fmt, vcard_version)
    say(f"Warning: {PLAINTEXT_WARNING}")
    if output == "-":
        click.get_binary_stream("stdout").write(data)
        return
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise BinderError(f"Cannot write {output}: {exc.strerror}.") from None
    say(f"Wrote {output}.")


