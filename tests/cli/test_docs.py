"""Every command has help text and is documented in docs/CLI.md."""

from __future__ import annotations

from pathlib import Path

import click

from binder.cli.base import cli

DOCS = Path(__file__).resolve().parents[2] / "docs" / "CLI.md"


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        out.append((full, cmd))
        if isinstance(cmd, click.Group):
            out += _commands(cmd, full + " ")
    return out


def test_every_command_has_help() -> None:
    missing = [name for name, cmd in _commands(cli) if not (cmd.help or "").strip()]
    assert missing == []


def test_every_command_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [name for name, _ in _commands(cli) if f"`{name}" not in text]
    assert missing == []


def test_every_option_has_help() -> None:
    missing = [f"{name} {p.name}" for name, cmd in _commands(cli) for p in cmd.params
               if isinstance(p, click.Option) and not p.help]
    assert missing == []
