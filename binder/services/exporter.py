"""Plaintext exports the user asked for: JSON (full fidelity), CSV, vCard."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from binder.models import Contact, Kind, Record
from binder.services.records import RecordService
from binder.services.settings import SettingsService
from binder.storage.connection import Database

EXPORT_FORMAT = "crisis-binder-export"
EXPORT_VERSION = 1
PLAINTEXT_WARNING = ("This export is NOT encrypted: anyone who gets the file can read it. "
                     "Keep it on an encrypted disk and delete it when done.")


def export_document(db: Database, kinds: Sequence[Kind] | None = None) -> dict[str, Any]:
    """The full-fidelity JSON document: settings plus every record, tombstones
    included, in a stable order so two exports of the same binder are identical."""
    service = RecordService(db)
    records = [r for r in service.list(include_deleted=True)
               if kinds is None or r.kind in kinds]
    records.sort(key=lambda r: (r.kind.value, r.id))
    settings = asdict(SettingsService(db).get())
    return {"format": EXPORT_FORMAT, "format_version": EXPORT_VERSION, "settings": settings,
            "records": [r.to_dict() for r in records]}


def to_json(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def export_bytes(db: Database, kind: Kind | None, fmt: str, vcard_version: str = "3.0") -> bytes:
    if fmt == "json":
        return to_json(export_document(db, None if kind is None else [kind]))
    if kind not in (None, Kind.CONTACT):
        raise ValueError("CSV and vCard exports hold people only")
    contacts = [r for r in RecordService(db).list(Kind.CONTACT) if isinstance(r, Contact)]
    from binder.io import csv_contacts, vcard

    if fmt == "csv":
        return csv_contacts.write_csv(contacts)
    return vcard.write_vcard(contacts, version=vcard_version)


def live(records: Sequence[Record]) -> list[Record]:
    return [r for r in records if r.deleted_at is None]
