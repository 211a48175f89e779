"""lint, render, and template approval/waivers."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from binder.cli.base import cli, emit_json, json_option, open_session, say
from binder.errors import BinderError
from binder.lint import KINDS, Finding, lint


def _print_findings(findings: list[Finding], source: str, text: str) -> None:
    for f in findings:
        line = text.count("\n", 0, f.start) + 1
        col = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
        click.echo(f"{source}:{line}:{col}: {f.severity.value}: {f.rule}: {f.message}")
        click.echo(f"    why: {f.why}")
        click.echo(f"    fix: {f.hint}")


@cli.command("lint")
@click.argument("template_ids", nargs=-1, metavar="[TEMPLATE_ID]...")
@click.option("--file", "file_", type=click.Path(dir_okay=False), help="Lint a text file.")
@click.option("--stdin", "from_stdin", is_flag=True, help="Lint text from standard input.")
@click.option("--kind", type=click.Choice(sorted(KINDS)),
              help="For --file/--stdin: the kind of notice, to run its structure rules.")
@click.option("--jurisdiction", metavar="CODE", help="For --file/--stdin: e.g. US-CA, US-MA.")
@click.option("--variant", help="For templates: the jurisdiction variant to lint.")
@json_option
def lint_cmd(template_ids: tuple[str, ...], file_: str | None, from_stdin: bool,
             kind: str | None, jurisdiction: str | None, variant: str | None,
             as_json: bool) -> None:
    """Check a notice or statement for the habits that make breach notices worse.

    Findings have a rule, severity, message, span (start/end), why and a fix
    hint. Exit 4 when there are errors. --file and --stdin need no binder.
    """
    results: list[tuple[str, str, list[Finding]]] = []
    if file_ or from_stdin:
        if template_ids:
            raise click.UsageError("Give template ids, --file or --stdin, not several.")
        if from_stdin:
            text = sys.stdin.read()
        else:
            try:
                text = Path(str(file_)).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise BinderError(f"Cannot read {file_} as UTF-8 text: {exc}.") from None
        results.append((file_ or "<stdin>", text, lint(text, kind=kind,
                                                        jurisdiction=jurisdiction)))
    elif template_ids:
        from binder.services.templates import TemplateService
        from binder.templating import render

        with open_session() as session:
            service = TemplateService(session.db, session.actor)
            for ref in template_ids:
                record = service.get(ref)
                findings, _waived = service.lint(record, variant=variant)
                template = service.template(record)
                examples = {f.name: f.example or f.name for f in template.fields}
                text = render(template, examples, variant=variant, strict=False).text
                results.append((record.template_id, text, findings))
    else:
        raise click.UsageError("Give TEMPLATE_ID..., --file FILE or --stdin.")
    errors = sum(1 for _, _, fs in results for f in fs if f.severity.value == "error")
    if as_json:
        data = [f.to_dict() for _, _, fs in results for f in fs] if len(results) == 1 else \
            [{"source": src, "findings": [f.to_dict() for f in fs]} for src, _, fs in results]
        emit_json(data)
    else:
        for source, text, findings in results:
            _print_findings(findings, source, text)
        total = sum(len(fs) for _, _, fs in results)
        say(f"{total} finding(s), {errors} error(s).")
    if errors:
        raise click.exceptions.Exit(4)


@cli.command("render")
@click.argument("template_id")
@click.option("--incident", "incident_id", help="Fill incident_ref and as_of from this incident.")
@click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE",
              help="A merge field value; repeatable. @FILE reads the value from a file.")
@click.option("--variant", help="Jurisdiction variant, e.g. US-MA.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to FILE (.pdf for a PDF, else text) instead of stdout.")
@json_option
def render_cmd(template_id: str, incident_id: str | None, sets: tuple[str, ...],
               variant: str | None, output: str | None, as_json: bool) -> None:
    """Fill a template's merge fields. Missing fields are an error that lists them all."""
    values: dict[str, str] = {}
    for item in sets:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--set takes FIELD=VALUE, got '{item}'.")
        if value.startswith("@"):
            try:
                value = Path(value[1:]).read_text(encoding="utf-8")
            except OSError as exc:
                raise BinderError(f"Cannot read {value[1:]}: {exc.strerror}.") from None
        values[key.strip()] = value
    from binder.services.templates import TemplateService

    with open_session() as session:
        service = TemplateService(session.db, session.actor)
        record = service.get(template_id)
        doc = service.render(record, values, variant=variant, incident_id=incident_id)
        findings, _ = service.lint(record, variant=variant, values=values)
        pdf = None
        if output and output.lower().endswith(".pdf"):
            from binder.printing import template_pdf

            pdf = template_pdf(session, record, doc)
    if output:
        Path(output).write_bytes(pdf if pdf is not None else doc.text.encode("utf-8"))
        say(f"Wrote {output}. It is plaintext: handle it like the notice it is.")
    elif as_json:
        emit_json({"template_id": doc.template_id, "variant": doc.variant, "title": doc.title,
                   "text": doc.text, "findings": [f.to_dict() for f in findings]})
    else:
        click.echo(doc.text, nl=False)
    if findings and not as_json:
        say(f"Lint: {len(findings)} finding(s) on the filled text; run 'lint' to see them.")


@cli.group("template")
def template_group() -> None:
    """Approve templates and record lint waivers."""


@template_group.command("approve")
@click.argument("template_id")
@click.option("--by", "by", required=True, help="Who approves (name and role).")
def template_approve(template_id: str, by: str) -> None:
    """Record an approval (refused while the template has lint errors)."""
    from binder.services.templates import TemplateService

    with open_session() as session:
        record, _ = TemplateService(session.db, session.actor).approve(template_id, by)
    say(f"Approved {record.name} (revision {record.revision}) by {record.approved_by}.")


@template_group.command("waive")
@click.argument("template_id")
@click.argument("rule")
@click.option("--reason", required=True, help="Why the finding is acceptable here.")
@click.option("--match", help="Only findings whose flagged words contain this text.")
def template_waive(template_id: str, rule: str, reason: str, match: str | None) -> None:
    """Accept a lint finding for this template, with the reason and who (recorded)."""
    from binder.services.templates import TemplateService

    with open_session() as session:
        TemplateService(session.db, session.actor).waive(template_id, rule, reason, match=match)
    say("Waiver recorded.")


@template_group.command("set-source")
@click.argument("template_id")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
def template_set_source(template_id: str, file: str) -> None:
    """Replace a template's text from a TOML file (an approved one goes back to draft)."""
    from binder.services.templates import TemplateService

    source = Path(file).read_text(encoding="utf-8")
    with open_session() as session:
        record, _ = TemplateService(session.db, session.actor).save_source(template_id, source)
    say(f"Saved {record.name}; status {record.status}.")


@cli.group("content")
def content_group() -> None:
    """Built-in content: bring regulators and templates up to this app's version."""


@content_group.command("update")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@json_option
def content_update(dry_run: bool, as_json: bool) -> None:
    """Update regulators you have not edited to the dataset shipped with this app;
    list, field by field, the ones you edited (yours are kept); add new templates
    and checklists."""
    from binder.content import updates
    from binder.content.seed import seed_builtin
    from binder.services.records import RecordService

    with open_session() as session:
        service = RecordService(session.db, session.actor)
        plan = updates.plan(service)
        if not dry_run:
            updates.apply(service, plan)
            seed_builtin(service)
    summary = plan.summary()
    if as_json:
        emit_json(summary | {"dry_run": dry_run})
        return
    for duty_id in summary["added"]:
        click.echo(f"added    {duty_id}")
    for duty_id in summary["updated"]:
        click.echo(f"updated  {duty_id}")
    for kept in summary["kept_your_edits"]:
        click.echo(f"kept     {kept['duty_id']} (you edited it); the new dataset says:")
        for d in kept["fields"]:
            click.echo(f"           {d['field']}: yours {d['yours']!r}, shipped {d['shipped']!r}")
    say(f"Dataset as of {summary['dataset_as_of']}: {len(summary['added'])} added, "
        f"{len(summary['updated'])} updated, {summary['unchanged']} unchanged, "
        f"{len(summary['kept_your_edits'])} kept with your edits." +
        (" (dry run: nothing changed)" if dry_run else ""))
