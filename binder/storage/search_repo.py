"""Full-text search over the search_index FTS5 table."""

from __future__ import annotations

import re

from sqlite_utils import Database

from binder.models import SearchHit

_TOKEN = re.compile(r"\w+", re.UNICODE)
# Title matches count ten times as much as matches in the rest of the record.
_RANK = "bm25(search_index, 10.0, 1.0, 0.5)"


BROAD_MATCHES = 400

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
        """Best matches first: the words as a phrase in a title, the phrase anywhere,
        all words in a title, then all words anywhere ("breach co" -> "Breach coach")."""
        hits: list[SearchHit] = []
        seen: set[str] = set()
        phrase, words = phrase_query(text), fts_query(text)
        stages = [f"{{title}} : ({phrase})", phrase] if phrase else []
        stages += [f"{{title}} : ({words})", words] if words else []
        for query in stages:
            if len(hits) >= limit:
                break
            for hit in self._match(query, kind, limit):
                if hit.id not in seen and len(hits) < limit:
                    seen.add(hit.id)
                    hits.append(hit)
        return hits

    def _match(self, query: str, kind: str | None, limit: int) -> list[SearchHit]:
        where = "search_index MATCH ?" + (" AND kind = ?" if kind else "")
        params: list[object] = [query] + ([kind] if kind else [])
        # Ranking reads every match; for a word in thousands of records
        # ("signal") that costs tens of ms, so such broad queries return the
        # first matches unranked (the user narrows by typing on).
        broad = self.db.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM search_index WHERE {where} LIMIT ?)",
            [*params, BROAD_MATCHES + 1]).fetchone()[0] > BROAD_MATCHES
        order = "" if broad else f" ORDER BY {_RANK} * {_KIND_WEIGHT}"
        score = "0.0" if broad else f"{_RANK} * {_KIND_WEIGHT}"
        sql = (f"SELECT kind, record_id, title, "
               f"snippet(search_index, 1, '[', ']', '…', 12), {score} "
               f"FROM search_index WHERE {where}{order} LIMIT ?")
        return [SearchHit(r[0], r[1], r[2], r[3], float(r[4]))
                for r in self.db.execute(sql, [*params, limit])]

    def put(self, record_id: str, kind: str, title: str, text: str, keys: str = "") -> None:
        """Index (or re-index) one record or other searchable item."""
        row = self.db.execute("SELECT rowid FROM search_rows WHERE record_id = ?",
                              [record_id]).fetchone()
        if row is None:
            self.db.execute("INSERT INTO search_rows (record_id) VALUES (?)", [record_id])
            rowid = self.db.execute("SELECT last_insert_rowid()").fetchone()[0]
            self.db.execute("INSERT INTO search_index (rowid, title, body, keys, kind, record_id) "
                            "VALUES (?,?,?,?,?,?)", [rowid, title, text, keys, kind, record_id])
            return
        # An FTS5 update rewrites the document's index entries: skip it when the
        # searchable text is unchanged (a re-verified contact, a cadence stamp).
        if self.db.execute("SELECT title IS ? AND body IS ? AND keys IS ? AND kind IS ? "
                           "FROM search_index WHERE rowid = ?",
                           [title, text, keys, kind, row[0]]).fetchone() != (1,):
            self.db.execute("UPDATE search_index SET title = ?, body = ?, keys = ?, kind = ? "
                            "WHERE rowid = ?", [title, text, keys, kind, row[0]])

    def remove(self, record_id: str) -> None:
        row = self.db.execute("SELECT rowid FROM search_rows WHERE record_id = ?",
                              [record_id]).fetchone()
        if row is not None:
            self.db.execute("DELETE FROM search_index WHERE rowid = ?", [row[0]])
            self.db.execute("DELETE FROM search_rows WHERE rowid = ?", [row[0]])

    def rename(self, old_id: str, new_id: str) -> None:
        self.db.execute("UPDATE search_rows SET record_id = ? WHERE record_id = ?",
                        [new_id, old_id])
        row = self.db.execute("SELECT rowid FROM search_rows WHERE record_id = ?",
                              [new_id]).fetchone()
        if row is not None:
            self.db.execute("UPDATE search_index SET record_id = ? WHERE rowid = ?",
                            [new_id, row[0]])
