"""The shipped breach-notification dataset (resources/content/regulators.json).

Structure checks run over every row; a sample of rows is pinned to what the
statute or regulator says, with that text summarised in a comment, so that a
careless edit of a number fails here rather than in an incident.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.resources
import json
import re
from pathlib import Path
from typing import Any

import holidays
import pytest

from binder.content import regulators as reg
from binder.content.regulators import RegulatorDataset, RegulatorDuty, load_regulators
from binder.errors import BinderError, ValidationError

STATES = """AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV
NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY""".split()
TERRITORIES = ["DC", "PR", "GU", "VI"]
OTHER_CODES = {
    "EU", "GB", "GB-PECR", "EU-NIS2", "EU-DORA", "US-SEC", "US-HIPAA", "US-GLBA", "US-NYDFS",
    "US-CIRCIA", "CA", "CA-QC", "AU", "NZ", "SG", "JP", "KR", "IN", "BR", "CN", "CH", "ZA", "HK",
    "AE", "SA", "PH", "TH", "MY", "KE", "NG",
}
#: cli.md scheme: ISO 3166-1 alpha-2 (or EU), then optionally an ISO 3166-2
#: subdivision (US-CA, CA-QC) or a sector suffix (EU-NIS2, US-HIPAA).
CODE_RE = re.compile(r"^(EU|[A-Z]{2})(-([A-Z]{2}|[A-Z0-9]{3,8}))?$")
SECTOR_SUFFIXES = {"NIS2", "DORA", "PECR", "SEC", "HIPAA", "GLBA", "NYDFS", "CIRCIA", "ISG", "PCICSO",
                   "DIFC", "ADGM"}


@pytest.fixture(scope="module")
def data() -> RegulatorDataset:
    return load_regulators()


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    text = importlib.resources.files("resources.content").joinpath("regulators.json").read_text("utf-8")
    return json.loads(text)


def duty(data: RegulatorDataset, duty_id: str) -> RegulatorDuty:
    found = data.get(duty_id)
    assert found is not None, f"missing duty {duty_id}"
    return found


# ------------------------------------------------------------------ whole file

def test_header(data: RegulatorDataset) -> None:
    assert data.as_of == dt.date(2026, 11, 27)
    assert "not legal advice" in data.disclaimer
    assert len(data.duties) >= 150


def test_ids_are_unique_and_stable_form(raw: dict[str, Any]) -> None:
    ids = [d["id"] for d in raw["duties"]]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_every_row_has_sources_and_a_dated_reading(data: RegulatorDataset) -> None:
    for d in data.duties:
        assert d.sources, d.id
        for s in d.sources:
            assert re.match(r"^https?://[^\s/]+\.[^\s]+", s.url), (d.id, s.url)
            assert s.title.strip() and s.kind in ("statute", "regulator", "secondary"), d.id
        assert d.source_as_of <= data.as_of, d.id
        # A "statute" or "regulator" mark needs a source of that kind behind it.
        if d.confidence in ("statute", "regulator"):
            assert any(s.kind == d.confidence for s in d.sources), d.id


def test_every_deadline_is_machine_readable(data: RegulatorDataset) -> None:
    for d in data.duties:
        unit, amount = d.deadline.unit, d.deadline.amount
        assert unit in ("hours", "calendar_days", "business_days", "months", "none"), d.id
        if unit == "none":
            assert amount is None, d.id
        else:
            assert isinstance(amount, int) and amount > 0, d.id
        if unit == "business_days":
            country, _, subdiv = (d.business_day_calendar or "").partition("-")
            # The calendar must exist in the holidays package the engine uses.
            holidays.country_holidays(country, subdiv=subdiv or None, years=2026)
        else:
            assert d.business_day_calendar is None, d.id
        assert d.clock_start in reg.CLOCK_STARTS or (
            d.after_duty is not None and data.get(d.after_duty) is not None), d.id
        assert d.deadline_text.strip(), d.id


def test_vocabularies(data: RegulatorDataset) -> None:
    for d in data.duties:
        assert set(d.applies_to_data) <= set(reg.DATA_TYPES), d.id
        assert d.audience in reg.AUDIENCES and d.confidence in reg.CONFIDENCE, d.id
        assert d.phase is None or d.phase in reg.PHASES, d.id
        assert d.content_required and all(c.strip() for c in d.content_required), d.id
        if d.threshold is not None:
            assert d.threshold.min_affected >= 1, d.id
            assert d.threshold.max_affected is None or d.threshold.max_affected >= d.threshold.min_affected


def test_codes_follow_the_cli_scheme(data: RegulatorDataset) -> None:
    for code in data.jurisdictions():
        assert CODE_RE.match(code), code
        base, _, suffix = code.partition("-")
        if suffix and len(suffix) != 2:
            assert suffix in SECTOR_SUFFIXES, code
        if base == "US" and len(suffix) == 2:
            assert suffix in STATES + TERRITORIES, code


# ------------------------------------------------------------------ coverage

def test_all_us_states_and_territories_are_covered(data: RegulatorDataset) -> None:
    codes = set(data.jurisdictions())
    wanted = {f"US-{s}" for s in STATES + TERRITORIES}
    assert len(wanted) == 54
    assert wanted <= codes, sorted(wanted - codes)
    for code in wanted:  # each one says how and when residents are told
        assert any(d.audience == "individuals" for d in data.by_jurisdiction(code)), code


def test_every_other_coverage_item_is_present(data: RegulatorDataset) -> None:
    codes = set(data.jurisdictions())
    assert OTHER_CODES <= codes, sorted(OTHER_CODES - codes)
    for duty_id in ("eu-gdpr-33", "eu-gdpr-34", "gb-ukgdpr-33", "gb-ukgdpr-34", "gb-pecr-ico",
                    "us-sec-8k-105", "us-hipaa-individuals", "us-hipaa-hhs-500",
                    "us-hipaa-hhs-under-500", "us-hipaa-media", "us-glba-ftc", "us-nydfs-incident",
                    "us-nydfs-extortion-notice", "us-nydfs-extortion-explanation", "ca-pipeda-opc",
                    "ca-qc-cai", "au-ndb-oaic", "in-certin", "in-dpdp-board-report", "br-lgpd-anpd",
                    "cn-pipl-authorities", "cn-cac-incident-report", "eu-dora-initial",
                    "eu-dora-intermediate", "eu-dora-final"):
        duty(data, duty_id)


def test_state_with_ag_and_individual_notice_has_two_rows(data: RegulatorDataset) -> None:
    ca = {d.audience for d in data.by_jurisdiction("US-CA")}
    assert ca == {"individuals", "regulator"}
    assert [d.audience for d in data.by_jurisdiction("US-GA")] == ["individuals"]


def test_nis2_three_phases(data: RegulatorDataset) -> None:
    rows = {d.phase: d for d in data.by_jurisdiction("EU-NIS2")}
    assert set(rows) == {"early_warning", "notification", "final_report"}
    # Art. 23(4): early warning within 24 h and notification within 72 h of
    # becoming aware; final report one month after the incident notification.
    assert (rows["early_warning"].deadline.unit, rows["early_warning"].deadline.amount) == ("hours", 24)
    assert (rows["notification"].deadline.unit, rows["notification"].deadline.amount) == ("hours", 72)
    assert rows["early_warning"].clock_start == rows["notification"].clock_start == "awareness"
    final = rows["final_report"]
    assert (final.deadline.unit, final.deadline.amount) == ("months", 1)
    assert final.clock_start == f"duty:{rows['notification'].id}" == "duty:eu-nis2-notification"
    assert "trust service" in (rows["notification"].notes or "")


def test_dora_chain(data: RegulatorDataset) -> None:
    initial, inter, final = (duty(data, f"eu-dora-{p}") for p in ("initial", "intermediate", "final"))
    assert (initial.deadline.amount, inter.deadline.amount, final.deadline.unit) == (24, 72, "months")
    assert inter.after_duty == initial.id and final.after_duty == inter.id
    assert "4 hours" in initial.deadline_text


def test_circia_is_not_in_force(data: RegulatorDataset) -> None:
    rows = data.by_jurisdiction("US-CIRCIA")
    assert len(rows) == 2 and all(not d.in_force for d in rows)


def test_helpers(data: RegulatorDataset) -> None:
    assert reg.jurisdictions() == data.jurisdictions()
    assert {d.id for d in reg.by_jurisdiction("us-md")} == {"us-md-individuals", "us-md-ag"}
    assert reg.by_jurisdiction("XX") == ()


# ------------------------------------------------------------------ pinned against the law

def test_gdpr_article_33(data: RegulatorDataset) -> None:
    # Art. 33(1): notify the supervisory authority without undue delay and, where
    # feasible, not later than 72 hours after having become aware of the breach,
    # unless it is unlikely to result in a risk to people's rights and freedoms.
    d = duty(data, "eu-gdpr-33")
    assert (d.deadline.unit, d.deadline.amount, d.clock_start) == ("hours", 72, "awareness")
    assert d.audience == "regulator" and d.confidence == "statute"
    # Art. 34: individuals only on high risk, "without undue delay" (no number).
    assert duty(data, "eu-gdpr-34").deadline.unit == "none"


def test_sec_item_105(data: RegulatorDataset) -> None:
    # Form 8-K Item 1.05 / Release 33-11216: file within four business days after
    # the registrant determines that the cybersecurity incident is material.
    d = duty(data, "us-sec-8k-105")
    assert (d.deadline.unit, d.deadline.amount) == ("business_days", 4)
    assert d.clock_start == "materiality_determination" and d.business_day_calendar == "US"


def test_hipaa(data: RegulatorDataset) -> None:
    # 45 CFR 164.404(b): individuals without unreasonable delay and no later than
    # 60 calendar days after discovery. 164.408(b): HHS at the same time for 500 or
    # more; 164.408(c): under 500, within 60 days after the end of the calendar year.
    # 164.406: media where more than 500 residents of a State are affected.
    ind = duty(data, "us-hipaa-individuals")
    assert (ind.deadline.unit, ind.deadline.amount, ind.clock_start) == ("calendar_days", 60, "discovery")
    big = duty(data, "us-hipaa-hhs-500")
    assert big.threshold is not None and big.threshold.min_affected == 500 and big.deadline.amount == 60
    small = duty(data, "us-hipaa-hhs-under-500")
    assert small.clock_start == "calendar_year_end" and small.deadline.amount == 60
    assert small.threshold is not None and small.threshold.max_affected == 499
    media = duty(data, "us-hipaa-media")
    assert media.audience == "media" and media.threshold is not None
    assert (media.threshold.min_affected, media.threshold.counted) == (501, "residents")


def test_colorado_and_florida_thirty_days(data: RegulatorDataset) -> None:
    # C.R.S. 6-1-716: residents no later than 30 days after determining a breach
    # occurred; AG within 30 days if 500 or more residents. Fla. Stat. 501.171:
    # individuals and (500 or more) the Department of Legal Affairs within 30 days.
    for state in ("co", "fl"):
        ind, ag = duty(data, f"us-{state}-individuals"), duty(data, f"us-{state}-ag")
        for d in (ind, ag):
            assert (d.deadline.unit, d.deadline.amount, d.clock_start) == (
                "calendar_days", 30, "breach_determination")
        assert ag.threshold is not None and ag.threshold.min_affected == 500


def test_maryland_counts_from_discovery(data: RegulatorDataset) -> None:
    # Md. Com. Law 14-3504(b)(3) (2022): notice as soon as reasonably practicable
    # but not later than 45 days after the business discovers or is notified of
    # the breach - not 45 days after the investigation ends (the stale rule).
    d = duty(data, "us-md-individuals")
    assert (d.deadline.unit, d.deadline.amount, d.clock_start) == ("calendar_days", 45, "discovery")
    assert d.confidence == "statute"


def test_texas(data: RegulatorDataset) -> None:
    # Tex. Bus. & Com. Code 521.053(b): individuals not later than the 60th day after
    # determining the breach occurred; (i): AG not later than 30 days after that
    # determination if at least 250 Texans are affected.
    ind, ag = duty(data, "us-tx-individuals"), duty(data, "us-tx-ag")
    assert (ind.deadline.amount, ind.clock_start) == (60, "breach_determination")
    assert (ag.deadline.amount, ag.clock_start) == (30, "breach_determination")
    assert ag.threshold is not None and ag.threshold.min_affected == 250


def test_quebec(data: RegulatorDataset) -> None:
    # P-39.1 s. 3.5: if a confidentiality incident presents a risk of serious
    # injury, promptly notify the Commission d'acces a l'information and the
    # persons concerned - no number of hours or days.
    cai = duty(data, "ca-qc-cai")
    assert cai.jurisdiction == "CA-QC" and cai.deadline.unit == "none"
    assert "Commission d'accès" in cai.authority and "serious injury" in (cai.risk_condition or "")
    assert duty(data, "ca-qc-individuals").audience == "individuals"


def test_brazil(data: RegulatorDataset) -> None:
    # ANPD Resolution CD/ANPD 15/2024: communicate to the ANPD and data subjects
    # within three business days of learning the incident affected personal data.
    for duty_id in ("br-lgpd-anpd", "br-lgpd-individuals"):
        d = duty(data, duty_id)
        assert (d.deadline.unit, d.deadline.amount) == ("business_days", 3)
        assert d.business_day_calendar == "BR" and d.clock_start == "awareness"


def test_california_after_sb_446(data: RegulatorDataset) -> None:
    # Civ. Code 1798.82 as amended by SB 446 (from 2026): residents within 30
    # calendar days of discovery; AG sample notice within 15 days of notifying
    # residents when more than 500 are notified.
    ind, ag = duty(data, "us-ca-individuals"), duty(data, "us-ca-ag")
    assert (ind.deadline.amount, ind.clock_start) == (30, "discovery")
    assert (ag.deadline.amount, ag.after_duty) == (15, "us-ca-individuals")
    assert ag.threshold is not None and ag.threshold.min_affected == 501


# ------------------------------------------------------------------ the loader refuses bad copies

def write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "regulators.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def mutate(raw: dict[str, Any], duty_id: str, **changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(raw)
    row = next(d for d in doc["duties"] if d["id"] == duty_id)
    for key, value in changes.items():
        if value is KeyError:
            del row[key]
        else:
            row[key] = value
    return doc


@pytest.mark.parametrize("duty_id, changes, field, code", [
    ("us-tx-ag", {"deadline": {"unit": "hours", "amount": None}}, "deadline", "integer"),
    ("us-tx-ag", {"deadline": {"unit": "fortnights", "amount": 2}}, "deadline", "shape"),
    ("eu-gdpr-33", {"deadline": {"unit": "none", "amount": 72}}, "deadline", "amount"),
    ("br-lgpd-anpd", {"business_day_calendar": None}, "business_day_calendar", "required"),
    ("eu-gdpr-33", {"business_day_calendar": "EU"}, "business_day_calendar", "unexpected"),
    ("eu-nis2-final-report", {"clock_start": "duty:eu-nis2-nope"}, "clock_start", "reference"),
    ("eu-gdpr-33", {"clock_start": "lunchtime"}, "clock_start", "choice"),
    ("us-ca-ag", {"jurisdiction": "California"}, "jurisdiction", "format"),
    ("us-ca-ag", {"audience": "press"}, "audience", "choice"),
    ("us-ca-ag", {"sources": []}, "sources", "source"),
    ("us-ca-ag", {"sources": [{"url": "ftp://x", "title": "t", "kind": "statute"}]}, "sources", "source"),
    ("us-ca-ag", {"applies_to_data": ["secrets"]}, "applies_to_data", "choice"),
    ("us-ca-ag", {"threshold": {"min_affected": 0, "counted": "residents"}}, "threshold", "integer"),
    ("us-ca-ag", {"source_as_of": "2027-01-01"}, "source_as_of", "future"),
    ("us-ca-ag", {"source_as_of": "last week"}, "source_as_of", "date"),
    ("us-ca-ag", {"in_force": "yes"}, "in_force", "type"),
    ("us-ca-ag", {"confidence": "certain"}, "confidence", "choice"),
    ("us-ca-ag", {"notes": ""}, "notes", "required"),
    ("us-ca-ag", {"colour": "red"}, "colour", "unknown"),
    ("us-ca-ag", {"citation": KeyError}, "citation", "missing"),
])
def test_malformed_copy_is_rejected_with_id_and_field(
        tmp_path: Path, raw: dict[str, Any], duty_id: str, changes: dict[str, Any],
        field: str, code: str) -> None:
    path = write(tmp_path, mutate(raw, duty_id, **changes))
    with pytest.raises(ValidationError) as err:
        load_regulators(path)
    assert isinstance(err.value, BinderError)
    assert err.value.field == f"duties[{duty_id}].{field}"
    assert err.value.code == code
    assert duty_id in str(err.value) and field in str(err.value)


def test_duplicate_ids_and_reference_loops_are_rejected(tmp_path: Path, raw: dict[str, Any]) -> None:
    doc = copy.deepcopy(raw)
    doc["duties"].append(copy.deepcopy(doc["duties"][0]))
    with pytest.raises(ValidationError, match="more than one duty"):
        load_regulators(write(tmp_path, doc))
    loop = mutate(raw, "eu-dora-initial", clock_start="duty:eu-dora-final")
    with pytest.raises(ValidationError) as err:
        load_regulators(write(tmp_path, loop))
    assert err.value.code == "cycle"


def test_broken_files_are_user_errors(tmp_path: Path, raw: dict[str, Any]) -> None:
    bad = tmp_path / "regulators.json"
    bad.write_text('{"as_of": "2026-11-27", "duties": [', encoding="utf-8")
    with pytest.raises(ValidationError, match="not valid JSON"):
        load_regulators(bad)
    with pytest.raises(ValidationError, match="not legal advice"):
        load_regulators(write(tmp_path, {**raw, "disclaimer": "Use freely."}))
    with pytest.raises(ValidationError, match="Cannot read"):
        load_regulators(tmp_path / "missing.json")


def test_a_valid_copy_round_trips(tmp_path: Path, raw: dict[str, Any], data: RegulatorDataset) -> None:
    assert load_regulators(write(tmp_path, raw)) == data
