"""A newer shipped dataset updates untouched regulators and keeps user edits."""

from __future__ import annotations

import copy
import json
from importlib import resources

from binder.content import updates
from binder.content.regulators import parse_regulators
from binder.models import Kind
from binder.services.records import RecordService


def _newer_dataset(changes: dict[str, int]):
    raw = json.loads(resources.files("resources.content").joinpath("regulators.json")
                     .read_text(encoding="utf-8"))
    raw = copy.deepcopy(raw)
    raw["as_of"] = "2027-06-01"
    for row in raw["duties"]:
        if row["id"] in changes:
            row["deadline"]["amount"] = changes[row["id"]]
            row["deadline_text"] += " (amended)"
    raw["duties"].append(dict(raw["duties"][0], id="us-zz-new-duty", jurisdiction="US-AL"))
    return parse_regulators(raw)


def test_untouched_rows_update_edited_rows_are_kept_and_diffed(session) -> None:
    svc = RecordService(session.db, "tester")
    regs = {r.duty_id: r for r in svc.list(Kind.REGULATOR)}
    co = regs["us-co-individuals"]
    svc.update(co.id, deadline_amount=25, notes="Our counsel reads it as 25 days.")
    assert updates.user_edits(svc.get(co.id)) == ["deadline_amount"]
    assert updates.user_edits(regs["us-fl-individuals"]) == []

    newer = _newer_dataset({"us-co-individuals": 45, "us-fl-individuals": 45})
    plan = updates.plan(svc, newer)
    assert [r.duty_id for r in plan.added] == ["us-zz-new-duty"]
    assert [a.duty_id for _b, a in plan.updated] == ["us-fl-individuals"]
    kept = {r.duty_id: diffs for r, diffs in plan.kept}
    assert {d.field: (d.yours, d.shipped) for d in kept["us-co-individuals"]}["deadline_amount"] \
        == (25, 45)
    updates.apply(svc, plan)
    after = {r.duty_id: r for r in svc.list(Kind.REGULATOR)}
    assert after["us-fl-individuals"].deadline_amount == 45
    assert after["us-fl-individuals"].dataset_as_of == "2027-06-01"
    assert after["us-co-individuals"].deadline_amount == 25  # theirs, untouched
    assert after["us-co-individuals"].notes == "Our counsel reads it as 25 days."
    assert "us-zz-new-duty" in after
    # Applying the same dataset again changes nothing.
    again = updates.plan(svc, newer)
    assert not again.added and not again.updated
