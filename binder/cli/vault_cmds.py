"""Vault commands: init, info, recovery-key, passphrase, remember, forget, demo."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from binder import paths
from binder.cli.base import (binder_path, cli, emit_json, json_option, new_passphrase,
                             open_session, read_passphrase_file, say)
from binder.errors import BinderError
from binder.keys import keyring_store, recovery
from binder.session import BinderInfo, create_binder

NEW_PASSPHRASE_ENV = "CRISIS_BINDER_NEW_PASSPHRASE"


@cli.command()
@click.option("--org", "organisation", default="", help="Organisation name shown on printouts.")
@click.option("--kit", type=click.Path(dir_okay=False), metavar="FILE.pdf",
              help="Also write the Emergency Kit (recovery key, break-glass steps) as a PDF.")
@json_option
def init(organisation: str, kit: str | None, as_json: bool) -> None:
    """Create a new binder and print its recovery key once.

    The passphrase comes from --passphrase-file or $CRISIS_BINDER_PASSPHRASE,
    else you are asked twice. Write the recovery key down: it opens the
    binder even if the passphrase and the key file are lost.
    """
    path = binder_path()
    passphrase = new_passphrase("Passphrase for the new binder")
    session, recovery_key = create_binder(path, passphrase, organisation)
    with session:
        if kit:
            from binder.kit import write_emergency_kit

            write_emergency_kit(session, recovery_key, Path(kit))
        data = {"binder": str(path), "binder_id": session.binder_id,
                "recovery_key": recovery_key}
    if as_json:
        emit_json(data)
        return
    say(f"Created {path}")
    click.echo(f"Recovery key: {recovery_key}")
    say("Write the recovery key down and keep it apart from the laptop. "
        "It is shown only now." + (f" The Emergency Kit is in {kit}." if kit else ""))


@cli.command()
@json_option
def info(as_json: bool) -> None:
    """Binder id, schema version, record counts, key slots and keyring status."""
    with open_session() as session:
        data = session.info()
    if as_json:
        emit_json(data)
        return
    _print_info(data)


def _print_info(data: BinderInfo) -> None:
    click.echo(f"Binder:        {data.path}")
    click.echo(f"Organisation:  {data.organisation or '(not set)'}")
    click.echo(f"Binder id:     {data.binder_id}")
    click.echo(f"Created:       {data.created_at}")
    click.echo(f"Schema:        {data.schema_version} (app {data.app_version})")
    for table, count in data.record_counts.items():
        click.echo(f"  {table:<13}{count}")
    for slot in data.key_slots:
        click.echo(f"Key slot:      {slot.type}" + (f" ({slot.kdf})" if slot.kdf else ""))
    click.echo(f"Keyring:       {data.keyring}")
    click.echo(f"Remembered:    {'yes, on this device' if data.remembered_here else 'no'}")


@cli.group("recovery-key")
def recovery_key_group() -> None:
    """Work with the recovery key."""


@recovery_key_group.command("decode")
@click.argument("key")
@json_option
def recovery_key_decode(key: str, as_json: bool) -> None:
    """Print the SQLCipher raw key (64 hex digits) for a recovery key.

    Break-glass: with this hex key, any SQLCipher 4 tool opens the binder
    (PRAGMA key = "x'<hex>'"). Needs no binder; prints a secret.
    """
    raw = recovery.decode(key)
    if as_json:
        emit_json({"hex": recovery.to_hex(raw)})
    else:
        click.echo(recovery.to_hex(raw))


@recovery_key_group.command("rotate")
@click.option("--kit", type=click.Path(dir_okay=False), metavar="FILE.pdf",
              help="Write the new Emergency Kit as a PDF.")
@json_option
def recovery_key_rotate(kit: str | None, as_json: bool) -> None:
    """Re-encrypt the binder under a new data key and print the new recovery key.

    The old recovery key and every copy keyed with it stop working. The
    passphrase is kept; a remembered key on this device is dropped.
    """
    with open_session() as session:
        passphrase = _current_passphrase()
        new_key = session.rotate_recovery_key(passphrase)
        if kit:
            from binder.kit import write_emergency_kit

            write_emergency_kit(session, new_key, Path(kit))
    if as_json:
        emit_json({"recovery_key": new_key})
    else:
        click.echo(f"New recovery key: {new_key}")
        say("The old recovery key no longer works. Print a new Emergency Kit.")


def _current_passphrase() -> str:
    from binder.cli.base import given_passphrase

    passphrase = given_passphrase()
    if passphrase is None:
        if not sys.stdin.isatty():
            raise BinderError("Rotating needs the passphrase: give --passphrase-file.")
        passphrase = str(click.prompt("Passphrase", hide_input=True))
    return passphrase


@cli.group("passphrase")
def passphrase_group() -> None:
    """Change the passphrase."""


@passphrase_group.command("change")
@click.option("--new-passphrase-file", metavar="FILE",
              help=f"Read the new passphrase from FILE (or set ${NEW_PASSPHRASE_ENV}).")
def passphrase_change(new_passphrase_file: str | None) -> None:
    """Set a new passphrase. Only the key file changes; the binder is not rewritten."""
    with open_session() as session:
        if new_passphrase_file:
            new = read_passphrase_file(new_passphrase_file)
        elif os.environ.get(NEW_PASSPHRASE_ENV):
            new = os.environ[NEW_PASSPHRASE_ENV]
        elif sys.stdin.isatty():
            new = str(click.prompt("New passphrase", hide_input=True, confirmation_prompt=True))
        else:
            raise BinderError(f"No new passphrase: give --new-passphrase-file or set "
                              f"${NEW_PASSPHRASE_ENV}.")
        session.change_passphrase(new)
    say("Passphrase changed. The old passphrase no longer opens this binder.")


@cli.command()
def remember() -> None:
    """Remember this binder on this device (OS keyring) to unlock without typing."""
    with open_session() as session:
        session.remember_on_device()
    say(f"Remembered on this device ({keyring_store.status().backend}).")


@cli.command()
def forget() -> None:
    """Stop remembering this binder on this device."""
    with open_session() as session:
        session.forget_on_device()
    say("Forgotten on this device: unlocking needs the passphrase again.")


@cli.command()
@click.option("--path", "folder", type=click.Path(file_okay=False), metavar="DIR",
              help="Folder for the demo binder (default: the data folder's demo/).")
@click.option("--reset", is_flag=True, help="Replace an existing demo binder.")
@json_option
def demo(folder: str | None, reset: bool, as_json: bool) -> None:
    """Create a demo binder with realistic fictional content (passphrase: demo)."""
    from binder.demo import DEMO_PASSPHRASE, ensure_demo

    target = Path(folder) if folder else paths.resolve().demo_dir
    path, created = ensure_demo(target, reset=reset)
    if as_json:
        emit_json({"binder": str(path), "created": created, "passphrase": DEMO_PASSPHRASE})
        return
    click.echo(str(path))
    say(("Created" if created else "Kept existing") +
        f" demo binder; its passphrase is '{DEMO_PASSPHRASE}'. Sample data only.")
