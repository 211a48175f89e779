"""crisis-binder-cli: thin commands over the binder core.

Data goes to stdout (only JSON with --json); messages and errors go to
stderr, never with a traceback. Exit codes: 0 ok, 1 user-facing error,
2 usage, 3 could not unlock, 4 a check found problems.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

import click

from binder.cli.base import cli
from binder.cli import (content_cmds, incident_cmds, print_cmds,  # noqa: F401
                        records_cmds, refresh_cmds, transfer_cmds, vault_cmds)
from binder.errors import BinderError
from binder.storage import connection

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code instead of exiting (tests call it)."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s: %(message)s")
    try:
        # Without standalone mode click returns ctx.exit()/Exit codes instead of raising.
        result = cli.main(args=list(argv) if argv is not None else None,
                          prog_name="crisis-binder-cli", standalone_mode=False)
        if isinstance(result, int):
            return result
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return int(exc.exit_code)
    except BinderError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    except Exception as exc:
        mapped = connection.as_binder_error(exc)
        if mapped is not None:
            click.echo(f"Error: {mapped.message}", err=True)
            return mapped.exit_code
        # A bug: say so plainly, no traceback on the terminal.
        log.debug("unexpected error", exc_info=True)
        click.echo(f"Internal error ({type(exc).__name__}). This is a bug in Crisis Binder; "
                   "nothing else was changed. Re-run with CRISIS_BINDER_DEBUG=1 for details.",
                   err=True)
        if _debug():
            raise
        return 1
    return 0


def _debug() -> bool:
    import os

    return os.environ.get("CRISIS_BINDER_DEBUG") == "1"
