"""The quarterly refresh and the team: review, backup, restore, doctor, copy-for, merge."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from binder.cli.base import (binder_path, cli, emit_json, given_passphrase, given_recovery_key,
                             json_option, open_session, read_passphrase_file, say)
from binder.errors import BinderError, NotABinderError, StorageError, WrongKeyError
from binder.services import backup, doctor
from binder.services.merge import merge_file
from binder.services.records import RecordService
from binder.services.review import ReviewService, review_sheet_data
from binder.services.team_copy import copy_for, key_for, open_other, utc_iso
from binder.session import BinderSession

NEW_PASSPHRASE_ENV = "CRISIS_BINDER_NEW_PASSPHRASE"
COPY_PASSPHRASE_ENV = "CRISIS_BINDER_COPY_PASSPHRASE"


def _secret(file: str | None, env: str, prompt: str, *, confirm: bool = False) -> str | None:
    """A passphrase from FILE, else $ENV, else a prompt on a terminal, else None."""
    if file:
        return read_passphrase_file(file)
    if os.environ.get(env):
        return os.environ[env]
    if sys.stdin.isatty():
        return str(click.prompt(prompt, hide_input=True, confirmation_prompt=confirm))
    return None


def _review(session: BinderSession) -> ReviewService:
    return ReviewService(RecordService(session.db, session.actor))


# --- review -----------------------------------------------------------------------

@cli.group("review", invoke_without_command=True)
@json_option
@click.pass_context
def review_group(ctx: click.Context, as_json: bool) -> None:
    """Entries due for review (never confirmed, past their interval, or flagged).

    \b
    Then: 'review confirm ID...' for entries that are still right,
    'edit' or 'delete' for the others, 'review call ID --reached' for phone
    checks, 'review sheet -o FILE.pdf' to review on paper.
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_session() as session:
        service = _review(session)
        items = service.queue()
        summary = service.summary()
    done = len(summary.confirmed) + len(summary.changed) + len(summary.removed)
    if as_json:
        emit_json({"items": [i.to_dict() for i in items],
                   "progress": {"done": done, "remaining": len(items),
                                "total": done + len(items)},
                   "summary": summary.to_dict()})
        return
    for i in items:
        click.echo(f"{i.record.id[:8]}  {i.record.kind.value:<12} {i.record.title:<36.36} "
                   f"{i.reason}")
    say(f"{len(items)} due; {done} reviewed this round. {summary.cover_line()}")


@review_group.command("confirm")
@click.argument("ids", nargs=-1, required=True)
@click.option("--by", help="Who confirmed (default: your user name).")
@click.option("--note", help="A note kept in the history.")
def review_confirm(ids: tuple[str, ...], by: str | None, note: str | None) -> None:
    """Confirm entries unchanged: stamps 'verified at / by' (IDs may be 8 characters)."""
    with open_session() as session:
        service = _review(session)
        changes = service.confirm(ids, by=by, note=note)
        left = len(service.queue())
    say(f"Confirmed {len(changes.updated)}; {left} still due.")


@review_group.command("call")
@click.argument("record_id")
@click.option("--reached/--not-reached", "reached", default=None,
              help="Whether the call got through (reached confirms the entry). Required.")
@click.option("--number", help="The number called (default: the best number on file).")
@click.option("--note", help="A note kept with the call in the history.")
def review_call(record_id: str, reached: bool | None, number: str | None,
                note: str | None) -> None:
    """Log a phone check with its time. Not reached: the entry stays in the queue, flagged."""
    if reached is None:  # click does not enforce a required on/off flag
        raise click.UsageError("Say how the call went: --reached or --not-reached.")
    with open_session() as session:
        service = _review(session)
        record = service.service.get(record_id)
        service.call(record.id, reached=reached, note=note, number=number)
    say(f"Logged: {record.title} " + ("reached and confirmed." if reached else
                                      "not reached; it stays in the review queue."))


@review_group.command("sheet")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The PDF file to write.")
@click.option("--group", help="Only one role or kind, e.g. legal, no-role, outside-parties, "
                              "regulators, templates.")
@click.option("--all", "include_all", is_flag=True, help="Every entry, not only those due.")
def review_sheet(output: str, group: str | None, include_all: bool) -> None:
    """A printable review sheet: a table per role or kind, boxes to tick, room for new numbers."""
    from binder.pdf.review_sheet import render_review_sheet

    with open_session() as session:
        data = review_sheet_data(RecordService(session.db, session.actor), group=group,
                                 include_all=include_all)
    try:
        Path(output).write_bytes(render_review_sheet(data))
    except OSError as exc:
        raise BinderError(f"Cannot write {output}: {exc.strerror}.") from None
    rows = sum(len(g.rows) for g in data.groups)
    say(f"Wrote {output} ({rows} entries). It is not encrypted: keep it like the printed binder.")


# --- backups, restore, doctor -------------------------------------------------------

@cli.command("backup")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write to FILE (its key file beside it as FILE.keys) instead of the "
                   "backups folder.")
@click.option("--list", "list_only", is_flag=True,
              help="List the backups beside the binder (needs no passphrase).")
@json_option
def backup_cmd(output: str | None, list_only: bool, as_json: bool) -> None:
    """Make an encrypted backup now (SQLite backup API into a keyed file, plus the key file).

    Backups go to '<binder name>-backups/' beside the binder; the last 10, one
    a day for a week and one a week for 8 weeks are kept.
    """
    if list_only:
        found = backup.list_backups(binder_path())
        if as_json:
            emit_json([b.to_dict() for b in found])
        else:
            for b in found:
                click.echo(f"{b.path}  {utc_iso(b.created_at)}  {b.reason}")
            say(f"{len(found)} backups in {backup.backup_dir(binder_path())}")
        return
    with open_session() as session:
        info = backup.make_backup(session, "manual", target=Path(output) if output else None)
    if as_json:
        emit_json(info.to_dict())
    else:
        click.echo(str(info.path))
        say("Backup written (encrypted with the binder's key; its key file is beside it).")


def _open_for_repair() -> tuple[BinderSession | None, str]:
    """The binder's session, or None and the reason when it is damaged or missing."""
    try:
        return open_session(), ""
    except (NotABinderError, StorageError) as exc:
        return None, exc.message


def _key_of(path: Path, session: BinderSession | None) -> bytes:
    if session is not None:
        try:
            open_other(path, session.data_key).conn.close()
            return session.data_key
        except WrongKeyError:
            pass  # made under an older data key: its own key file may still open it
    return key_for(path, passphrase=given_passphrase(), recovery_key=given_recovery_key(),
                   also=[binder_path()])


@cli.command("restore")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Only show what the backup holds; change nothing.")
@json_option
def restore_cmd(file: str, dry_run: bool, as_json: bool) -> None:
    """Replace the binder with a backup, after a preview of what the backup holds.

    The current binder is kept first (as a 'before-restore' backup, or when
    it does not open, as a 'replaced' copy of its files), so nothing is lost.
    Works when the binder is damaged or missing: the backup's own key file or
    the recovery key opens it.
    """
    source = Path(file)
    session, problem = _open_for_repair()
    if session is None:
        say(f"Note: {problem} Restoring over it; its files are kept as a 'replaced' backup.")
    try:
        key = _key_of(source, session)
        shown = doctor.preview(source, key, current=session)
        result = None if dry_run else doctor.restore(binder_path(), source, key,
                                                     session=session)
    finally:
        if session is not None:
            session.close()
    if as_json:
        emit_json({"preview": shown.to_dict(), "dry_run": dry_run,
                   "restored": result is not None,
                   "previous_saved_as": result.previous_saved_as if result else None,
                   "key_file": result.key_file if result else None,
                   "warnings": result.warnings if result else []})
        return
    _print_preview(shown)
    if result is None:
        say("Dry run: nothing was changed.")
        return
    if result.previous_saved_as:
        say(f"The binder as it was is kept as {result.previous_saved_as}.")
    for warning in result.warnings:
        say(f"Note: {warning}")
    say(f"Restored {binder_path()} from {source.name}.")


def _print_preview(p: doctor.RestorePreview) -> None:
    click.echo(f"Backup:        {p.path}")
    click.echo(f"Made:          {p.created_at or 'unknown'}")
    click.echo(f"Newest edit:   {p.last_change or 'none'}")
    click.echo(f"Organisation:  {p.organisation or '(not set)'}")
    click.echo(f"Checks:        {'pages check out' if p.healthy else 'DAMAGED'}")
    if p.same_binder is not None:
        click.echo(f"Same binder:   {'yes' if p.same_binder else 'NO, another binder'}")
    for kind, count in sorted(p.record_counts.items()):
        now = (p.current_counts or {}).get(kind)
        click.echo(f"  {kind:<13}{count}" + (f" (now {now})" if now is not None else ""))


@cli.command("doctor")
@json_option
def doctor_cmd(as_json: bool) -> None:
    """Check the binder and repair what is safe to repair; exit 4 when something is wrong.

    Runs integrity_check and cipher_integrity_check, checks that the key file
    (and its twin) belong to this binder, that the key remembered on this
    device still opens it, and that the newest backup is fresh and opens.
    """
    session, problem = _open_for_repair()
    if session is None:
        path = binder_path()
        try:  # the key still opens the backups, which is where the way back is
            key: bytes | None = key_for(path, passphrase=given_passphrase(),
                                        recovery_key=given_recovery_key())
        except BinderError:
            key = None
        report = doctor.diagnose_unopened(path, problem, key)
    else:
        with session:
            report = doctor.diagnose(session)
    if as_json:
        emit_json(report.to_dict())
    else:
        for c in report.checks:
            mark = "repaired" if c.repaired else "ok" if c.ok else "PROBLEM"
            click.echo(f"{mark:<9} {c.name:<11} {c.message}" + (f" Fix: {c.fix}" if c.fix
                                                                 and not c.ok else ""))
        say("All checks passed." if report.ok else "Doctor found problems (exit code 4).")
    if not report.ok:
        raise click.exceptions.Exit(4)


# --- copies for the team ------------------------------------------------------------

@cli.command("copy-for")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--new-passphrase-file", metavar="FILE",
              help=f"The copy's passphrase, from FILE (or ${NEW_PASSPHRASE_ENV}).")
@click.option("--kit", type=click.Path(dir_okay=False), metavar="FILE.pdf",
              help="Also write the copy's Emergency Kit (its recovery key) as a PDF.")
@json_option
def copy_for_cmd(file: str, new_passphrase_file: str | None, kit: str | None,
                 as_json: bool) -> None:
    """An encrypted copy for a teammate with its own passphrase and recovery key.

    The copy has a new data key: the teammate never learns yours. Bring their
    edits back later with 'merge'. The copy's recovery key is printed once.
    """
    with open_session() as session:
        passphrase = _secret(new_passphrase_file, NEW_PASSPHRASE_ENV,
                             "Passphrase for the copy", confirm=True)
        if passphrase is None:
            raise BinderError(f"No passphrase for the copy: give --new-passphrase-file or set "
                              f"${NEW_PASSPHRASE_ENV}.")
        result = copy_for(session, Path(file), passphrase, kit=Path(kit) if kit else None)
    if as_json:
        emit_json(result.to_dict())
        return
    say(f"Wrote {result.path} and its key file.")
    click.echo(f"Recovery key of the copy: {result.recovery_key}")
    say("Give the teammate the copy, its passphrase and (separately) this recovery key. "
        "It is shown only now." + (f" The copy's Emergency Kit is in {kit}." if kit else ""))


@cli.command("merge")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--copy-passphrase-file", metavar="FILE",
              help=f"The copy's passphrase, from FILE (or ${COPY_PASSPHRASE_ENV}).")
@click.option("--copy-recovery-key", metavar="KEY", help="Unlock the copy with its recovery key.")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@json_option
def merge_cmd(file: str, copy_passphrase_file: str | None, copy_recovery_key: str | None,
              dry_run: bool, as_json: bool) -> None:
    """Bring a teammate's edited copy back in (records matched by id).

    Per record the newer edit wins; records changed on both sides since the
    copy was made (or last merged) are listed as conflicts, and the history
    keeps both versions. Deletions come across. Merging twice changes nothing.
    """
    copy = Path(file)
    passphrase = None
    if copy_recovery_key is None:
        passphrase = _secret(copy_passphrase_file, COPY_PASSPHRASE_ENV, "Passphrase of the copy")
        if passphrase is None:
            raise WrongKeyError(f"No way to unlock the copy: give --copy-passphrase-file, set "
                                f"${COPY_PASSPHRASE_ENV} or give --copy-recovery-key.")
    key = key_for(copy, passphrase=passphrase, recovery_key=copy_recovery_key)
    with open_session() as session:
        report = merge_file(session, copy, key, dry_run=dry_run)
    if as_json:
        emit_json(report.to_dict())
        return
    for bucket in ("added", "updated", "deleted", "restored", "verified"):
        for ref in getattr(report, bucket):
            click.echo(f"{bucket:<9} {ref.kind:<12} {ref.title}")
    for c in report.conflicts:
        click.echo(f"conflict  {c.kind:<12} {c.title}: {c.note}; kept {c.kept}'s newer edit "
                   f"({c.ours_edited_at} here, {c.theirs_edited_at} in the copy)")
    verb = "Would merge" if dry_run else "Merged"
    say(f"{verb} {report.changes} change(s) from {copy.name}; {len(report.conflicts)} "
        f"conflict(s), {report.unchanged} unchanged. The history keeps every version.")

