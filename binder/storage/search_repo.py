"""Full-text search over the search_index FTS5 table."""

from __future__ import annotations

import re

from sqlite_utils import Database

from binder.models import SearchHit

_TOKEN = re.compile(r"\w+", re.UNICODE)
# Title matches count ten times as much as matches in the rest of the record.
_RANK = "bm25(search_index, 10.0, 1.0, 0.5)"


# People and outside parties are what someone searches for at 5 a.m.: their
# scores weigh double against regulators and templates with the same words.
_KIND_WEIGHT = "CASE kind WHEN 'contact' THEN 2.0 WHEN 'organization' THEN 2.0 ELSE 1.0 END"


def fts_query(text: str) -> str:
    """Each word becomes a quoted prefix term, all required: 'breach co' -> "breach"* "co"*."""
    return " ".join(f'"{t}"*' for t in _TOKEN.findall(text))


def phrase_query(text: str) -> str:
    """The words in order, the last one a prefix: 'breach co' -> "breach co"*."""
    tokens = _TOKEN.findall(text)
    return f'"{" ".join(tokens)}"*' if len(tokens) > 1 else ""


class SearchRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def search(self, text: str, *, kind: str | None = None, limit: int = 20) -> list[SearchHit]:
        """Phrase matches first ("breach co" -> "Breach coach"), then all-words matches."""
        hits: list[SearchHit] = []
        seen: set[str] = set()
        for query in (phrase_query(text), fts_query(text)):
            if not query or len(hits) >= limit:
                continue
            for hit in self._match(query, kind, limit):
                if hit.id not in seen and len(hits) < limit:
                    seen.add(hit.id)
                    hits.append(hit)
        return hits

    def _match(self, query: str, kind: str | None, limit: int) -> list[SearchHit]:
        sql = (f"SELECT kind, record_id, title, "
               f"snippet(search_index, 1, '[', ']', '…', 12), {_RANK} * {_KIND_WEIGHT} AS rank "
               "FROM search_index WHERE search_index MATCH ?")
        params: list[object] = [query]
        if kind:
            sql += " AND kind = ?"
            params.append(kind)
        sql += " ORDER BY rank LIMIT ?"
        params.append(limit)
        return [SearchHit(r[0], r[1], r[2], r[3], float(r[4]))
                for r in self.db.execute(sql, params)]

    def index_extra(self, record_id: str, kind: str, title: str, text: str,
                    keys: str = "") -> None:
        """Index something that is not a record (incidents use this)."""
        self.db.execute("DELETE FROM search_index WHERE record_id = ?", [record_id])
        self.db.execute("INSERT INTO search_index (title, body, keys, kind, record_id) "
                        "VALUES (?,?,?,?,?)", [title, text, keys, kind, record_id])
