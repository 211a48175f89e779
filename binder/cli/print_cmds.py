"""print DOC [ID] -o FILE.pdf"""

from __future__ import annotations

from pathlib import Path

import click

from binder.cli.base import cli, open_session, say
from binder.errors import BinderError
from binder.printing import DOCUMENTS, print_document


@cli.command("print")
@click.argument("doc", type=click.Choice(DOCUMENTS))
@click.argument("ref", required=False, metavar="[ID]")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The PDF file to write.")
@click.option("--as-of", metavar="DATE", help="The 'version as of' stamp (default: today).")
def print_cmd(doc: str, ref: str | None, output: str, as_of: str | None) -> None:
    """Print a document to PDF: binder, checklist [ID], contacts, wallet-card, emergency-kit,
    review-sheet [GROUP], incident ID, template ID, regulators.

    Black on white, fonts embedded, every page stamped with the classification,
    the as-of date and "Page x of y". The PDF is plaintext: store it like paper.
    """
    with open_session() as session:
        data = print_document(session, doc, ref, as_of=as_of)
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise BinderError(f"Cannot write {output}: {exc.strerror}.") from None
    say(f"Wrote {output} ({len(data) // 1024} KiB). It is not encrypted: keep it like paper.")
