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


def threshold_text(threshold: dict[str, Any] | None) -> str:
    if not threshold:
        return ""
    text = f"at least {threshold['min_affected']:,} {threshold.get('counted', '')}".rstrip()
    if threshold.get("max_affected") is not None:
        text += f" and at most {threshold['max_affected']:,}"
    return text


def row_to_record(row: dict[str, Any], dataset_as_of: str) -> Regulator:
    """A Regulator record from a dataset row (the plain JSON shape, as kept in
    ``details``), so a stored row can be compared with what it would produce."""
    deadline = row.get("deadline") or {}
    sources = row.get("sources") or []
    return Regulator(
        duty_id=row["id"], jurisdiction=row["jurisdiction"], regime=row.get("regime", ""),
        citation=row.get("citation", ""), authority=row.get("authority", ""),
        audience=row.get("audience", "regulator"), notify_how=row.get("notify_how", ""),
        deadline_text=row.get("deadline_text", ""), deadline_unit=deadline.get("unit", "none"),
        deadline_amount=deadline.get("amount"), clock_start=row.get("clock_start", "awareness"),
        threshold=threshold_text(row.get("threshold")),
        individual_notice=row.get("individual_notice", ""),
        source_url=sources[0]["url"] if sources else "",
        source_as_of=str(row.get("source_as_of", "")), confidence=row.get("confidence", ""),
        in_force=bool(row.get("in_force", True)), dataset_as_of=dataset_as_of,
        notes=row.get("notes") or "", details=row)


def duty_to_record(duty: RegulatorDuty, dataset_as_of: str) -> Regulator:
    return row_to_record(json.loads(json.dumps(_plain(duty))), dataset_as_of)


def regulator_records(dataset: RegulatorDataset | None = None) -> list[Regulator]:
    data = dataset or load_regulators()
    return [duty_to_record(d, data.as_of.isoformat()) for d in data.duties]
