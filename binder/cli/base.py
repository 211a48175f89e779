"""The command group, shared options, output helpers and unlocking."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from binder import paths
from binder.errors import BinderError, KeyringUnavailable, WrongKeyError
from binder.session import BinderSession

F = TypeVar("F", bound=Callable[..., Any])

PASSPHRASE_ENV = "CRISIS_BINDER_PASSPHRASE"
RECOVERY_ENV = "CRISIS_BINDER_RECOVERY_KEY"


class State:
    def __init__(self, binder: str | None, passphrase_file: str | None,
                 recovery_key: str | None) -> None:
        self.binder = binder
        self.passphrase_file = passphrase_file
        self.recovery_key = recovery_key


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--binder", "binder", metavar="PATH", envvar=paths.BINDER_ENV,
              help="Binder file (default: $CRISIS_BINDER_PATH, else the default binder "
                   "in your data folder).")
@click.option("--passphrase-file", metavar="FILE",
              help="Read the passphrase from the first line of FILE.")
@click.option("--recovery-key", metavar="KEY",
              help=f"Unlock with the recovery key (or set ${RECOVERY_ENV}).")
@click.version_option(package_name="crisis-binder", prog_name="crisis-binder-cli")
@click.pass_context
def cli(ctx: click.Context, binder: str | None, passphrase_file: str | None,
        recovery_key: str | None) -> None:
    """Crisis Binder: your data-breach response binder, encrypted and offline.

    \b
    Examples:
      crisis-binder-cli init --org "Fictional Corp" --kit kit.pdf
      crisis-binder-cli info
      crisis-binder-cli --binder /media/usb/binder.db list contacts --stale
    """
    ctx.obj = State(binder, passphrase_file, recovery_key)


def state() -> State:
    return click.get_current_context().find_object(State)  # type: ignore[return-value]


def binder_path() -> Path:
    return paths.binder_path(state().binder)


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True,
                        help="Print only JSON on stdout.")(fn)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(_plain(data), indent=2, ensure_ascii=False, sort_keys=False))


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "value") and type(value).__module__ != "builtins" and hasattr(value, "name"):
        return value.value  # enums
    return value


def say(message: str) -> None:
    """A human message: always stderr, so stdout stays clean for data."""
    click.echo(message, err=True)


def read_passphrase_file(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            line = fh.readline().rstrip("\r\n")
    except OSError as exc:
        raise BinderError(f"Cannot read the passphrase file {path}: {exc.strerror}.") from None
    if not line:
        raise BinderError(f"The passphrase file {path} is empty.")
    return line


def given_passphrase() -> str | None:
    st = state()
    if st.passphrase_file:
        return read_passphrase_file(st.passphrase_file)
    return os.environ.get(PASSPHRASE_ENV) or None


def given_recovery_key() -> str | None:
    return state().recovery_key or os.environ.get(RECOVERY_ENV) or None


class _CliSession(BinderSession):
    """A session that backs up what the command changed when it closes."""

    def close(self) -> None:
        if self.unlocked:
            from binder.services import backup

            made = backup.auto_backup(self, "change")  # throttled: at most one per 10 min
            if made.problem:
                say(f"Warning: {made.problem}")
        super().close()


def open_session() -> BinderSession:
    """Open and unlock the binder, first method that applies (see docs/CLI.md)."""
    from binder.services import backup
    from binder.services.records import RecordService
    from binder.services.review import ReviewService

    session = _CliSession.open(binder_path())
    try:
        _unlock(session)
    except BaseException:
        session.close()
        raise
    for warning in session.warnings:
        say(f"Warning: {warning}")
    made = backup.auto_backup(session, "open")
    if made.problem:
        say(f"Warning: {made.problem}")
    notice = ReviewService(RecordService(session.db, session.actor)).opening_notice()
    if notice:
        say(notice)
    return session


def _unlock(session: BinderSession) -> None:
    passphrase = given_passphrase()
    if passphrase is not None:
        session.unlock_with_passphrase(passphrase)
        return
    recovery_key = given_recovery_key()
    if recovery_key is not None:
        session.unlock_with_recovery_key(recovery_key)
        return
    if session.has_keyring_slot:
        try:
            session.unlock_with_keyring()
            return
        except KeyringUnavailable as exc:
            say(f"Note: {exc.message}")
    if sys.stdin.isatty():
        session.unlock_with_passphrase(click.prompt("Passphrase", hide_input=True))
        return
    raise WrongKeyError(
        f"No way to unlock: give --passphrase-file FILE, set ${PASSPHRASE_ENV}, "
        f"or give --recovery-key KEY (or ${RECOVERY_ENV}).")


def new_passphrase(prompt: str = "New passphrase") -> str:
    passphrase = given_passphrase()
    if passphrase is not None:
        return passphrase
    if not sys.stdin.isatty():
        raise BinderError(
            f"No passphrase given: use --passphrase-file FILE or set ${PASSPHRASE_ENV}.")
    return str(click.prompt(prompt, hide_input=True, confirmation_prompt=True))
