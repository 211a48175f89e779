"""Full-fidelity JSON: export, import into a new binder, export again: identical."""

from __future__ import annotations

import json

import pytest

from binder.demo_content import fill
from binder.errors import BinderError, ImportFormatError
from binder.models import Contact, Kind
from binder.services.exporter import export_document, to_json
from binder.services.importer import Importer, record_lines
from binder.services.records import RecordService
from binder.session import create_binder


def test_round_trip_is_identical(session, tmp_path) -> None:
    fill(session)
    svc = RecordService(session.db, "tester")
    gone = svc.list(Kind.CONTACT)[3]
    svc.delete(gone.id, force=True)
    first = to_json(export_document(session.db))
    other, _ = create_binder(tmp_path / "other.db", "Orchid-Lantern-Ferry-1987!", "Elsewhere")
    with other:
        importer = Importer(RecordService(other.db, "tester"))
        plan = importer.plan(first, fmt="json")
        assert plan.problems == []
        importer.apply(plan)
        second = to_json(export_document(other.db))
        # Importing the same file again changes nothing.
        again = importer.plan(first, fmt="json")
        assert again.count("add") == again.count("update") == 0
    assert first == second
    doc = json.loads(first)
    assert any(r["id"] == gone.id and r["deleted_at"] for r in doc["records"])


def test_bad_json_reports_line_and_imports_nothing(session) -> None:
    importer = Importer(RecordService(session.db, "tester"))
    with pytest.raises(ImportFormatError, match="line 3"):
        importer.plan(b'{\n "format": "crisis-binder-export",\n "records": [,]\n}', fmt="json")
    text = json.dumps({"format": "crisis-binder-export", "records": [
        {"kind": "contact", "id": "a1", "created_at": "2026-01-01T00:00:00Z",
         "updated_at": "2026-01-01T00:00:00Z", "name": "Ok Person"},
        {"kind": "contact", "id": "a2", "created_at": "2026-01-01T00:00:00Z",
         "updated_at": "2026-01-01T00:00:00Z", "name": "Bad Phone",
         "phones": [{"number": "12", "label": "mobile"}]},
        {"kind": "spaceship", "id": "a3"},
    ]}, indent=1).encode()
    plan = importer.plan(text, fmt="json")
    where = {p.field: p.line for p in plan.problems}
    lines = text.decode().splitlines()
    assert set(where) == {"records[2].kind", "phones[1]"}
    assert '"kind": "spaceship"' in "".join(lines[where["records[2].kind"] - 1:][:3])
    assert '"Bad Phone"' in "".join(lines[where["phones[1]"] - 1:][:8])
    with pytest.raises(BinderError, match="Nothing was imported"):
        importer.apply(plan)
    assert RecordService(session.db).list(Kind.CONTACT) == []


def test_record_lines_finds_each_record() -> None:
    text = '{"records": [\n {"a": 1},\n\n {"b": [1,\n 2]},\n {"c": "]"}\n]}'
    assert record_lines(text) == [2, 4, 6]


def test_deputy_pointing_forward_in_file_is_fine(session) -> None:
    doc = {"format": "crisis-binder-export", "records": [
        {"kind": "contact", "id": "p1", "created_at": "2026-01-01T00:00:00Z",
         "updated_at": "2026-01-01T00:00:00Z", "name": "Boss", "roles": ["legal"],
         "deputies": [{"role": "legal", "person_id": "p2"}]},
        {"kind": "contact", "id": "p2", "created_at": "2026-01-01T00:00:00Z",
         "updated_at": "2026-01-01T00:00:00Z", "name": "Deputy"},
    ]}
    importer = Importer(RecordService(session.db, "tester"))
    plan = importer.plan(json.dumps(doc).encode(), fmt="json")
    assert plan.problems == []
    importer.apply(plan)
    boss = RecordService(session.db).get("p1")
    assert isinstance(boss, Contact) and boss.deputies[0].person_id == "p2"
