"""The deadline engine on the shipped dataset, with fixed clocks.

Each expected time is worked out by hand from the rule in the comment.
"""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from binder.content.regulators import load_regulators
from binder.deadlines import DutyState, IncidentFacts, add_business_days, compute, rule_from_row

RULES = [rule_from_row(vars_row) for vars_row in
         __import__("json").loads(__import__("importlib.resources", fromlist=["files"])
                                  .files("resources.content").joinpath("regulators.json")
                                  .read_text(encoding="utf-8"))["duties"]]
NOW = datetime(2026, 3, 1, tzinfo=timezone.utc)
UTC = timezone.utc


def by_id(items, duty_id):
    return next(d for d in items if d.duty_id == duty_id)


def facts(**kw) -> IncidentFacts:
    base = dict(aware_at=datetime(2026, 3, 3, 9, 15, tzinfo=UTC), jurisdictions=("EU",),
                data_types=frozenset({"any_personal"}))
    base.update(kw)
    return IncidentFacts(**base)


def test_dataset_loader_and_engine_agree_on_ids() -> None:
    assert {d.id for d in load_regulators().duties} == {r.id for r in RULES}


def test_gdpr_72_hours_from_awareness() -> None:
    # GDPR Art. 33(1): "not later than 72 hours after having become aware".
    items = compute(RULES, facts(), NOW)
    art33 = by_id(items, "eu-gdpr-33")
    assert art33.due_at == datetime(2026, 3, 6, 9, 15, tzinfo=UTC)
    assert art33.status == "pending"  # NOW is 1 March
    # The reminder at 80 % of the allowed time: 57.6 h after awareness.
    assert art33.warn_at == datetime(2026, 3, 5, 18, 51, tzinfo=UTC)
    late = compute(RULES, facts(), datetime(2026, 3, 6, 9, 16, tzinfo=UTC))
    assert by_id(late, "eu-gdpr-33").status == "overdue"


def test_gdpr_art34_has_no_fixed_clock() -> None:
    # Art. 34(1): "without undue delay", no number of hours.
    art34 = by_id(compute(RULES, facts(), NOW), "eu-gdpr-34")
    assert art34.due_at is None and art34.status == "no_fixed_clock"


def test_state_with_30_days_from_determination() -> None:
    # Colo. Rev. Stat. 6-1-716(2): notice within 30 days after determining a breach occurred.
    f = facts(jurisdictions=("US-CO",), data_types=frozenset({"ssn_licence"}),
              determined_at=datetime(2026, 4, 10, 14, 0, tzinfo=UTC), time_zone="America/Denver",
              affected={"US-CO": 800})
    items = compute(RULES, f, NOW)
    individuals = by_id(items, "us-co-individuals")
    assert individuals.due_at == datetime(2026, 5, 10, 14, 0, tzinfo=UTC)
    assert by_id(items, "us-co-ag").due_at == individuals.due_at  # 500+ residents: AG too


@pytest.mark.parametrize("count, status", [(499, "not_required"), (500, "pending")])
def test_threshold_just_under_and_at(count, status) -> None:
    # Colorado AG notice: required when 500 or more residents are notified.
    f = facts(jurisdictions=("US-CO",), data_types=frozenset({"ssn_licence"}),
              affected={"US-CO": count}, aware_at=datetime(2026, 3, 3, tzinfo=UTC))
    ag = by_id(compute(RULES, f, NOW), "us-co-ag")
    assert ag.status == status
    if status == "not_required":
        assert "499" in ag.reason and "500" in ag.reason


def test_data_type_outside_the_statute_does_not_apply() -> None:
    f = facts(jurisdictions=("US-CO",), data_types=frozenset({"any_personal"}))
    assert by_id(compute(RULES, f, NOW), "us-co-individuals").status == "not_required"


def test_sec_four_business_days_across_weekend_and_federal_holiday() -> None:
    # Form 8-K Item 1.05: within four business days after the materiality
    # determination. Determined Wed 25 Nov 2026 10:00 New York; Thu 26 Nov is
    # Thanksgiving (federal holiday), then Fri 27, [weekend], Mon 30, Tue 1,
    # Wed 2 Dec: due Wed 2 Dec 10:00 EST = 15:00 UTC.
    materiality = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    f = facts(jurisdictions=("US-SEC",), materiality_at=materiality.astimezone(UTC),
              time_zone="America/New_York")
    sec = by_id(compute(RULES, f, NOW), "us-sec-8k-105")
    assert sec.due_at == datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


def test_sec_clock_waits_for_materiality() -> None:
    sec = by_id(compute(RULES, facts(jurisdictions=("US-SEC",)), NOW), "us-sec-8k-105")
    assert sec.status == "not_started" and sec.due_at is None
    assert "materiality" in sec.reason


def test_nis2_phases() -> None:
    # NIS2 Art. 23(4): early warning within 24 h, notification within 72 h of
    # awareness, final report within one month of the notification.
    f = facts(jurisdictions=("EU-NIS2",), data_types=frozenset())
    items = compute(RULES, f, NOW)
    assert by_id(items, "eu-nis2-early-warning").due_at == datetime(2026, 3, 4, 9, 15, tzinfo=UTC)
    assert by_id(items, "eu-nis2-notification").due_at == datetime(2026, 3, 6, 9, 15, tzinfo=UTC)
    final = by_id(items, "eu-nis2-final-report")
    assert final.status == "not_started"
    sent = DutyState("done", datetime(2026, 3, 5, 16, 0, tzinfo=UTC), "portal")
    items = compute(RULES, f, NOW, {"eu-nis2-notification": sent})
    assert by_id(items, "eu-nis2-final-report").due_at == datetime(2026, 4, 5, 16, 0, tzinfo=UTC)
    assert by_id(items, "eu-nis2-notification").status == "done"


def test_calendar_days_keep_local_time_across_dst() -> None:
    # Aware Fri 20 Mar 2026 09:00 in New York (EDT, UTC-4 since 8 Mar). Take a
    # 30-day rule from a day before the change instead: 1 Mar 09:00 EST (UTC-5)
    # + 30 days = 31 Mar 09:00 EDT (UTC-4) = 13:00 UTC, not 14:00 UTC.
    f = facts(jurisdictions=("US-WA",), data_types=frozenset({"ssn_licence"}),
              aware_at=datetime(2026, 3, 1, 14, 0, tzinfo=UTC), time_zone="America/New_York")
    wa = by_id(compute(RULES, f, NOW), "us-wa-individuals")
    assert wa.due_at == datetime(2026, 3, 31, 13, 0, tzinfo=UTC)


def test_hours_are_exact_across_dst() -> None:
    # 72 hours is 72 elapsed hours even when the clocks change (EU: 29 Mar 2026).
    f = facts(aware_at=datetime(2026, 3, 28, 12, 0, tzinfo=UTC), time_zone="Europe/Berlin")
    art33 = by_id(compute(RULES, f, NOW), "eu-gdpr-33")
    assert art33.due_at == datetime(2026, 3, 31, 12, 0, tzinfo=UTC)


def test_brazil_business_days_skip_a_national_holiday() -> None:
    # ANPD Resolution 15/2024: three business days. From Fri 17 Apr 2026:
    # Mon 20 (1), Tue 21 is Tiradentes (national holiday), Wed 22 (2), Thu 23 (3).
    start = datetime(2026, 4, 17, 10, 0, tzinfo=ZoneInfo("America/Sao_Paulo"))
    assert add_business_days(start, 3, "BR") == datetime(2026, 4, 23, 10, 0,
                                                         tzinfo=ZoneInfo("America/Sao_Paulo"))
    f = facts(jurisdictions=("BR",), aware_at=start.astimezone(UTC), time_zone="America/Sao_Paulo")
    anpd = by_id(compute(RULES, f, NOW), "br-lgpd-anpd")
    assert anpd.due_at == datetime(2026, 4, 23, 13, 0, tzinfo=UTC)


def test_done_and_not_required_states_win() -> None:
    f = facts()
    states = {"eu-gdpr-33": DutyState("done", datetime(2026, 3, 4, tzinfo=UTC), "portal",
                                      reference="DPA-123"),
              "eu-gdpr-34": DutyState("not_required", reason="data was encrypted at rest")}
    items = compute(RULES, f, NOW, states)
    assert by_id(items, "eu-gdpr-33").status == "done"
    assert by_id(items, "eu-gdpr-34").status == "not_required"
    assert "encrypted" in by_id(items, "eu-gdpr-34").reason


def test_not_in_force_is_shown_as_such() -> None:
    items = compute(RULES, facts(jurisdictions=("US-CIRCIA",)), NOW)
    assert items and all(d.status == "not_in_force" for d in items)


def test_sixty_jurisdictions_all_compute() -> None:
    codes = tuple(sorted({r.jurisdiction for r in RULES}))[:60]
    items = compute(RULES, facts(jurisdictions=codes, data_types=frozenset({
        "any_personal", "ssn_licence", "health"}), affected={"*": 10_000}), NOW)
    assert {d.jurisdiction for d in items} == set(codes)
    dated = [d.due_at for d in items if d.due_at]
    assert dated == sorted(dated)
