"""Settings kept inside the binder (so every copy prints the same way)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, fields, replace
from typing import Any

from binder.errors import ValidationError, ValidationErrors
from binder.models import ChangeSet, Settings
from binder.storage.connection import Database
from binder.storage.meta_repo import MetaRepo

_TLP = re.compile(r"^(TLP:(CLEAR|WHITE|GREEN|AMBER|AMBER\+STRICT|RED)|[A-Z][A-Z0-9 :+_-]{1,30})$")
DEFAULT_REGION = "US"


class SettingsService:
    def __init__(self, db: Database) -> None:
        self.meta = MetaRepo(db)
        self.db = db

    def get(self) -> Settings:
        stored = self.meta.all(table="settings")
        values: dict[str, Any] = {}
        for f in fields(Settings):
            if f.name == "organisation":
                values[f.name] = self.meta.get("organisation") or ""
            elif f.name in stored:
                values[f.name] = json.loads(stored[f.name])
        return Settings(**values)

    def phone_region(self) -> str:
        raw = self.meta.get("phone_region", table="settings")
        return json.loads(raw) if raw else DEFAULT_REGION

    def update(self, **changes: Any) -> tuple[Settings, ChangeSet]:
        current = self.get()
        unknown = set(changes) - {f.name for f in fields(Settings)} - {"phone_region"}
        if unknown:
            raise ValidationErrors([ValidationError(k, "unknown", f"There is no setting '{k}'.")
                                    for k in sorted(unknown)])
        region = changes.pop("phone_region", None)
        new = replace(current, **changes)
        self._validate(new)
        with self.db.atomic():
            for key, value in asdict(new).items():
                if key == "organisation":
                    self.meta.set("organisation", value.strip())
                else:
                    self.meta.set(key, json.dumps(value), table="settings")
            if region is not None:
                if not re.fullmatch(r"[A-Z]{2}", str(region)):
                    raise ValidationError("phone_region", "region",
                                          "Phone region is a two-letter country code, e.g. GB.")
                self.meta.set("phone_region", json.dumps(region), table="settings")
        return new, ChangeSet(updated=("settings",))

    @staticmethod
    def _validate(s: Settings) -> None:
        problems = []
        if not _TLP.match(s.classification):
            problems.append(ValidationError("classification", "label",
                                            "Use a label like TLP:AMBER or CONFIDENTIAL."))
        if not 7 <= s.review_interval_days <= 730:
            problems.append(ValidationError("review_interval_days", "range",
                                            "The review interval is 7 to 730 days."))
        if not 1 <= s.idle_lock_minutes <= 240:
            problems.append(ValidationError("idle_lock_minutes", "range",
                                            "Auto-lock is 1 to 240 minutes."))
        if s.page_size not in ("A4", "Letter"):
            problems.append(ValidationError("page_size", "page", "Page size is A4 or Letter."))
        for kind, days in s.review_overrides.items():
            if not isinstance(days, int) or not 7 <= days <= 730:
                problems.append(ValidationError(f"review_overrides.{kind}", "range",
                                                "A review interval is 7 to 730 days."))
        if problems:
            raise ValidationErrors(problems)
