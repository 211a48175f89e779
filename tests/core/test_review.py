"""Review: staleness by interval, confirm, phone checks, import as refresh, summary, sheet."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from binder.errors import BinderError
from binder.models import Contact, Kind, Organization, Phone
from binder.pdf.review_sheet import render_review_sheet
from binder.services.importer import Importer
from binder.services.records import RecordService
from binder.services.review import ReviewService, review_sheet_data
from binder.services.settings import SettingsService
from tests.helpers.clock import Clock, install_clock


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return install_clock(monkeypatch)


@pytest.fixture
def svc(session, clock: Clock) -> RecordService:
    service = RecordService(session.db, "tester")
    # The seeded regulators, templates and checklists start confirmed, so
    # each test sees only its own entries in the queue.
    service.verify([r.id for r in service.list()], by="seed")
    return service


def _person(svc: RecordService, name: str, *, roles: tuple[str, ...] = (),
            number: str = "+1 212 555 0100", verified_days_ago: int | None = None,
            clock: Clock) -> Contact:
    record, _ = svc.add(Contact(name=name, roles=roles,
                                phones=(Phone(number=number, label="mobile"),)))
    if verified_days_ago is not None:
        when = (clock.now() - timedelta(days=verified_days_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")
        svc.update(record.id, verified_at=when, verified_by="earlier", action="verify")
    else:  # entering a record verifies it; this one stands for a never-checked entry
        svc.update(record.id, verified_at=None, verified_by=None, action="verify")
    return svc.get(record.id)  # type: ignore[return-value]


def _due(review: ReviewService, clock: Clock) -> list[str]:
    return [i.record.title for i in review.queue(clock.now())]


def test_staleness_by_interval_with_a_per_kind_override(svc, clock) -> None:
    review = ReviewService(svc)
    _person(svc, "Fresh", verified_days_ago=10, clock=clock)
    _person(svc, "Old", verified_days_ago=100, clock=clock)
    _person(svc, "Never", clock=clock)
    org, _ = svc.add(Organization(name="Old Insurer", org_kind="cyber_insurer"))
    when = (clock.now() - timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%SZ")
    svc.update(org.id, verified_at=when, verified_by="earlier")
    items = review.queue(clock.now())
    assert [i.record.title for i in items] == ["Never", "Old", "Old Insurer"]  # people first
    assert items[0].reason == "never confirmed"
    assert "100 days ago; due every 90 days" in items[1].reason
    SettingsService(svc.db).update(review_overrides={"contact": 180})
    assert _due(review, clock) == ["Never", "Old Insurer"]
    # Checklists are not part of the review.
    assert all(i.record.kind is not Kind.CHECKLIST for i in review.queue(clock.now()))


def test_confirm_unchanged_stamps_verified_at_and_by(svc, clock) -> None:
    review = ReviewService(svc)
    old = _person(svc, "Old", verified_days_ago=120, clock=clock)
    before = dict(old.to_dict())
    clock.advance(hours=1)
    review.confirm([old.id[:8]], by="Dana Reyes")
    now = svc.get(old.id)
    assert now.verified_by == "Dana Reyes"
    assert now.verified_at is not None and now.verified_at > before["verified_at"]
    assert now.updated_at == before["updated_at"]  # confirming is not an edit
    assert {k: v for k, v in now.to_dict().items() if k not in ("verified_at", "verified_by",
                                                               "version")} == \
        {k: v for k, v in before.items() if k not in ("verified_at", "verified_by", "version")}
    assert svc.history(old.id)[-1].action == "verify"
    assert _due(review, clock) == []
    summary = review.summary(clock.now())
    assert [r.title for r in summary.confirmed] == ["Old"] and summary.still_due == 0


def test_phone_check_is_logged_with_time_and_not_reached_stays_due(svc, clock) -> None:
    review = ReviewService(svc)
    fresh = _person(svc, "Fresh", number="+1 212 555 0199", verified_days_ago=5, clock=clock)
    called_at = clock.advance(minutes=5)
    review.call(fresh.id, reached=False, note="voicemail full", now=called_at)
    entry = svc.history(fresh.id)[-1]
    assert entry.action == "call" and entry.at == called_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert {c.field: c.after for c in entry.changes} == {
        "reached": False, "number": "+1 212 555 0199", "note": "voicemail full"}
    items = review.queue(clock.now())
    assert [i.record.title for i in items] == ["Fresh"]  # flagged although not stale
    assert items[0].flagged and "not reached" in items[0].reason
    review.call(fresh.id, reached=True, now=clock.advance(minutes=30))
    assert _due(review, clock) == []
    assert [e.action for e in svc.history(fresh.id)][-2:] == ["call", "verify"]
    summary = review.summary(clock.now())
    assert (summary.calls_reached, summary.calls_not_reached) == (1, 1)


def test_import_diff_applied_selectively_and_missing_people_flagged(svc, clock) -> None:
    review = ReviewService(svc)
    alice = _person(svc, "Alice Archer", number="+1 212 555 0101", verified_days_ago=3,
                    clock=clock)
    bob = _person(svc, "Bob Baker", number="+1 212 555 0102", verified_days_ago=3, clock=clock)
    carol = _person(svc, "Carol Chen", number="+1 212 555 0103", verified_days_ago=3,
                    clock=clock)
    csv = ("name,job_title,phones\r\n"
           "Alice Archer,General Counsel,mobile:+1 212 555 0101\r\n"
           "Dan Diaz,,mobile:+1 212 555 0104\r\n"
           "Erin Eze,,mobile:+1 212 555 0105\r\n").encode()
    importer = Importer(svc)
    plan = importer.plan(csv, fmt="csv", path="hr.csv")
    assert plan.problems == []
    actions = {i.record.title: (n, i.action) for n, i in enumerate(plan.items)}
    assert actions["Alice Archer"][1] == "update" and actions["Dan Diaz"][1] == "add"
    assert sorted(r.title for r in plan.missing) == ["Bob Baker", "Carol Chen"]
    review.apply_import(importer, plan, only=[actions["Alice Archer"][0],
                                              actions["Dan Diaz"][0]], source="hr.csv")
    people = {r.title: r for r in svc.list(Kind.CONTACT)}
    assert "Erin Eze" not in people and "Dan Diaz" in people
    assert people["Alice Archer"].job_title == "General Counsel"
    # Missing people are kept and flagged, never deleted.
    assert people["Bob Baker"].deleted_at is None and people["Carol Chen"].deleted_at is None
    items = {i.record.title: i for i in review.queue(clock.now())}
    assert items["Bob Baker"].flagged and "not in hr.csv" in items["Bob Baker"].reason
    assert "Alice Archer" not in items
    review.confirm([bob.id])
    assert "Bob Baker" not in _due(review, clock)
    review.remove(carol.id)
    assert "Carol Chen" not in _due(review, clock)
    assert alice.id in {r.id for r in review.summary(clock.now()).changed}


def test_refresh_summary_counts_and_cover_line(svc, clock) -> None:
    review = ReviewService(svc)
    keep = _person(svc, "Keep", verified_days_ago=200, clock=clock)
    fix = _person(svc, "Fix", verified_days_ago=200, clock=clock)
    gone = _person(svc, "Gone", verified_days_ago=200, clock=clock)
    _person(svc, "Later", verified_days_ago=200, clock=clock)
    clock.advance(days=1)
    assert review.summary(clock.now()).as_of is None
    assert review.progress(clock.now()).remaining == 4
    review.confirm([keep.id])
    record, _ = review.edit(fix.id, job_title="CFO")
    assert record.verified_at is not None and record.job_title == "CFO"
    review.remove(gone.id)
    summary = review.summary(clock.now())
    assert ([r.title for r in summary.confirmed], [r.title for r in summary.changed],
            [r.title for r in summary.removed], summary.still_due) == (
        ["Keep"], ["Fix"], ["Gone"], 1)
    progress = review.progress(clock.now())
    assert (progress.done, progress.remaining, progress.total) == (3, 1, 4)
    assert summary.cover_line() == (f"Reviewed as of {summary.as_of[:10]}: 1 confirmed, "
                                    "1 changed, 0 added, 1 removed; 1 still due.")


def test_opening_notice_is_calm_and_once_a_day(svc, clock) -> None:
    review = ReviewService(svc)
    assert review.opening_notice(clock.now()) is None
    _person(svc, "Never", clock=clock)
    message = review.opening_notice(clock.now())
    assert message is not None and message.startswith("Review due: 1 entries")
    assert "No hurry" in message and "!" not in message
    assert review.opening_notice(clock.now()) is None
    assert review.opening_notice(clock.now() + timedelta(days=1)) is not None
    assert review.opening_notice(clock.now(), remember=False) is not None


def test_review_sheet_data_groups_by_role_and_renders(svc, clock) -> None:
    _person(svc, "Lee Legal", roles=("legal",), clock=clock)
    _person(svc, "Ida Boss", roles=("incident_commander", "legal"), clock=clock)
    _person(svc, "No Role", clock=clock)
    coach, _ = svc.add(Organization(name="Breach Coach LLP", org_kind="breach_coach",
                                    hotline="+1 800 555 0111"))
    svc.update(coach.id, verified_at=None, verified_by=None, action="verify")
    data = review_sheet_data(svc, now=clock.now())
    assert [(g.key, [r.name for r in g.rows]) for g in data.groups] == [
        ("incident_commander", ["Ida Boss"]), ("legal", ["Lee Legal"]),
        ("no-role", ["No Role"]), ("outside-parties", ["Breach Coach LLP"])]
    row = data.groups[-1].rows[0]
    assert row.numbers == ("+1 800 555 0111 (hotline)",) and len(row.short_id) == 8
    only = review_sheet_data(svc, group="Legal", now=clock.now())
    assert [g.key for g in only.groups] == ["legal"]
    with pytest.raises(BinderError, match="Groups: incident_commander, legal"):
        review_sheet_data(svc, group="finance", now=clock.now())
    pdf = render_review_sheet(data)
    assert pdf.startswith(b"%PDF") and render_review_sheet(data) == pdf
    empty = dataclasses.replace(data, groups=())
    assert render_review_sheet(empty).startswith(b"%PDF")
