"""Turn the shipped regulators dataset into Regulator records."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from binder.content.regulators import RegulatorDataset, RegulatorDuty, load_regulators
from binder.models import Regulator


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def threshold_text(duty: RegulatorDuty) -> str:
    t = duty.threshold
    if t is None:
        return ""
    text = f"at least {t.min_affected:,} {t.counted}"
    if t.max_affected is not None:
        text += f" and at most {t.max_affected:,}"
    return text


def duty_to_record(duty: RegulatorDuty, dataset_as_of: str) -> Regulator:
    details = json.loads(json.dumps(_plain(duty)))
    return Regulator(
        duty_id=duty.id, jurisdiction=duty.jurisdiction, regime=duty.regime,
        citation=duty.citation, authority=duty.authority, audience=duty.audience,
        notify_how=duty.notify_how, deadline_text=duty.deadline_text,
        deadline_unit=duty.deadline.unit, deadline_amount=duty.deadline.amount,
        clock_start=duty.clock_start, threshold=threshold_text(duty),
        individual_notice=duty.individual_notice,
        source_url=duty.sources[0].url if duty.sources else "",
        source_as_of=duty.source_as_of.isoformat(), confidence=duty.confidence,
        in_force=duty.in_force, dataset_as_of=dataset_as_of, notes=duty.notes or "",
        details=details)


def regulator_records(dataset: RegulatorDataset | None = None) -> list[Regulator]:
    data = dataset or load_regulators()
    return [duty_to_record(d, data.as_of.isoformat()) for d in data.duties]
