"""The Emergency Kit: the recovery key on paper, with break-glass steps."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from binder.pdf.base import DocMeta, build, esc, styles
from binder.pdf.sections import table_style


@dataclass(frozen=True)
class KitData:
    organisation: str
    binder_id: str
    binder_path: str
    recovery_key: str
    hex_key: str
    created_at: str
    classification: str = "TLP:RED"
    page_size: str = "A4"


def _qr(text: str, size_mm: float = 45) -> Flowable:
    # The Flowable form draws straight on the canvas; the Drawing form would
    # set reportlab's default font (Helvetica, never embedded) on the page.
    return QrCode(text, width=size_mm * mm, height=size_mm * mm, qrLevel="M")


def render(kit: KitData) -> bytes:
    st = styles()
    meta = DocMeta(title="Emergency Kit", organisation=kit.organisation or "Crisis Binder",
                   classification=kit.classification, as_of=kit.created_at,
                   page_size=kit.page_size)
    key_style = st["mono"].clone("key", fontSize=15, leading=22)
    groups = kit.recovery_key.split("-")
    hex_style = st["mono"].clone("hex", fontSize=9.5, leading=13)
    steps = [
        "Keep this page apart from the laptop: in a safe, or with the crisis team's sealed copy.",
        "Forgot the passphrase? On the app's unlock screen choose <b>Use recovery key "
        "instead</b>, "
        "or run <font name='CB-Mono'>crisis-binder-cli --recovery-key KEY info</font>.",
        "Key file lost? The recovery key alone opens the binder; then set a new passphrase.",
        "App will not run? Open the binder file in any SQLCipher 4 tool (for example "
        "DB Browser for SQLite, SQLCipher build) choosing <b>Raw key</b> and entering "
        "<font name='CB-Mono'>0x</font> followed by the raw (hex) key beside the QR code, or run "
        "<font name='CB-Mono'>PRAGMA key = \"x'HEX'\";</font> in the sqlcipher shell.",
        "If this page was seen by someone who should not have it, make a new recovery key "
        "(in the app <b>File &gt; New recovery key</b>, or "
        "<font name='CB-Mono'>recovery-key rotate</font>) and print the new kit.",
    ]
    rows = [
        [Paragraph("<b>Organisation</b>", st["body"]), Paragraph(esc(kit.organisation), st["body"])],
        [Paragraph("<b>Binder id</b>", st["body"]), Paragraph(esc(kit.binder_id), st["mono"])],
        [Paragraph("<b>Binder file</b>", st["body"]), Paragraph(esc(kit.binder_path), st["small"])],
        [Paragraph("<b>Created</b>", st["body"]), Paragraph(esc(kit.created_at), st["body"])],
        [Paragraph("<b>Passphrase</b>", st["body"]),
         Paragraph("Write it here only if this page is kept in a safe:<br/><br/>"
                   "______________________________________", st["body"])],
    ]
    table = Table(rows, colWidths=[35 * mm, 140 * mm],
                  style=table_style([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                     ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [
        Paragraph("Emergency Kit", st["h1"]),
        Paragraph("This page opens your crisis binder when nothing else does. "
                  "Anyone holding it can read the binder.", st["body"]),
        Spacer(1, 4 * mm),
        Paragraph("Recovery key", st["h2"]),
        Paragraph("<br/>".join(esc("  ".join(groups[i:i + 5])) for i in range(0, len(groups), 5)),
                  key_style),
        Spacer(1, 2 * mm),
        Paragraph("Typed in groups of five; case and dashes do not matter. The last character "
                  "of each group is a check character (it can be a letter, a digit or one "
                  "of * ~ $ = U), so a typo is caught before anything is tried.",
                  st["small"]),
        Spacer(1, 3 * mm),
        Table([[_qr(kit.recovery_key),
                [Paragraph("<b>Raw key (hex) for SQLCipher tools</b>", st["body"]),
                 Paragraph(f"{esc(kit.hex_key[:32])}<br/>{esc(kit.hex_key[32:])}", hex_style)]]],
              colWidths=[52 * mm, 123 * mm],
              style=table_style([("VALIGN", (0, 0), (-1, -1), "MIDDLE")])),
        Spacer(1, 3 * mm),
        table,
        Paragraph("Break-glass steps", st["h2"]),
    ]
    for number, step in enumerate(steps, start=1):
        story.append(Paragraph(f"{number}. {step}", st["body"]))
        story.append(Spacer(1, 1.5 * mm))
    return build(story, meta)
