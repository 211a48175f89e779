"""One search across every kind: ranked, prefix-matching, diacritic-blind."""

from __future__ import annotations

from binder.models import KIND_ALIASES, SearchHit
from binder.storage.connection import Database
from binder.storage.search_repo import SearchRepo


class SearchService:
    def __init__(self, db: Database) -> None:
        self.repo = SearchRepo(db)

    def search(self, text: str, *, kind: str | None = None, limit: int = 20) -> list[SearchHit]:
        kind_value = KIND_ALIASES[kind].value if kind in KIND_ALIASES else kind
        return self.repo.search(text, kind=kind_value, limit=max(1, min(limit, 500)))
