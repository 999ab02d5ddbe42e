"""The two full-text backends behind one interface: SQLite FTS5 and PostgreSQL.

Both match the same jieba-segmented text (see ``segment``), so they find the same
entries; they differ only in the SQL. Every value from a visitor reaches the
database as a bound parameter: FTS5 tokens are double-quoted strings (so ``AND``,
``NEAR``, ``*`` or ``"`` are plain words), and PostgreSQL tokens go through
``plainto_tsquery``, which accepts any text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import NotSupportedError, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from .segment import Clause, QueryPlan

ENTRY_TABLE = "gongkai_search_searchentry"
FTS_TABLE = "gongkai_search_fts"

# The full-text statements of migration 0002, for ``search_rebuild``.
SQLITE_DROP = [f"DROP TABLE IF EXISTS {FTS_TABLE}"]
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 0')",
    "INSERT INTO gongkai_search_fts(rowid, title, body) "
    "SELECT id, segmented_title, segmented FROM gongkai_search_searchentry",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS gongkai_search_vector_gin",
    "DROP INDEX IF EXISTS gongkai_search_title_gin",
    f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS search_vector, "
    "DROP COLUMN IF EXISTS title_vector",
]
# Positions are never used (no phrase search; the order is title hit, then date),
# so the vectors are stripped of them to keep the rows a query must visit small.
POSTGRES_CREATE = [
    f"ALTER TABLE {ENTRY_TABLE} "
    "ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(strip(to_tsvector('simple'::regconfig, segmented))) STORED, "
    "ADD COLUMN title_vector tsvector GENERATED ALWAYS AS "
    "(strip(to_tsvector('simple'::regconfig, segmented_title))) STORED",
    f"CREATE INDEX gongkai_search_vector_gin ON {ENTRY_TABLE} "
    "USING gin (search_vector)",
    f"CREATE INDEX gongkai_search_title_gin ON {ENTRY_TABLE} USING gin (title_vector)",
]


@dataclass(frozen=True)
class Filters:
    """Restrictions applied to the entries a query matches."""

    agency_ids: tuple[int, ...] | None = None
    category: str | None = None
    year: int | None = None
    kind: str | None = None
    exclude_ids: tuple[int, ...] = ()

    def sql(self) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        if self.agency_ids is not None:
            parts.append(_in_list("e.agency_id", self.agency_ids, params))
        for column, value in (
            ("e.category", self.category),
            ("e.year", self.year),
            ("e.kind", self.kind),
        ):
            if value is not None:
                parts.append(f"{column} = %s")
                params.append(value)
        if self.exclude_ids:
            parts.append("NOT " + _in_list("e.id", self.exclude_ids, params))
        return "".join(f" AND {p}" for p in parts), params


def _in_list(column: str, values: Sequence[Any], params: list[Any]) -> str:
    if not values:
        return "1 = 0"
    params.extend(values)
    return f"{column} IN ({', '.join(['%s'] * len(values))})"


FacetRow = tuple[int, str, int | None, int]  # agency_id, category, year, count
# The order within each tier of results.
ORDER = "e.published_at DESC NULLS LAST, e.id DESC"


class Found(NamedTuple):
    facet_rows: list[FacetRow]
    ids: list[int]
    complete: bool


class SearchBackend:
    """Keeps the full-text index in step and answers ranked queries."""

    vendor = ""
    drop_sql: list[str] = []
    create_sql: list[str] = []

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    # Index maintenance -----------------------------------------------------------
    def entry_saved(self, *, entry_id: int, title: str, body: str) -> None:
        """Called after an entry's row was written."""

    def entry_deleted(self, *, entry_id: int) -> None:
        """Called after an entry's row was deleted."""

    def rebuild(self) -> None:
        """Drop and re-create the full-text index from the entry rows."""
        with self.connection.cursor() as cursor:
            for statement in self.drop_sql + self.create_sql:
                cursor.execute(statement)

    # Queries ----------------------------------------------------------------------
    def match_sql(self, plan: QueryPlan) -> tuple[str, str, list[Any]]:
        """(FROM clause, WHERE condition, params) selecting the matching entries."""
        raise NotImplementedError

    def title_hit_sql(self, plan: QueryPlan) -> tuple[str, list[Any]]:
        """A condition true when the entry's title (with 文号) matches the query."""
        raise NotImplementedError

    def search(
        self, plan: QueryPlan, filters: Filters, *, limit: int, offset: int, cap: int
    ) -> Found:
        """Facet counts of the matches and the ids of one page of them, in order.

        Order: entries whose title matches the query first, then the newest first
        (undated last), then the highest id. Up to ``cap`` matches, the database
        finds them once (the CTE is used twice, so both SQLite and PostgreSQL
        materialise it) and returns counts and page in one statement. Beyond
        ``cap`` (a common word), counting every match would cost a row read per
        match, so the result says "more than cap", has no facets, and the page
        comes from ``_page_in_tiers``, which reads only as many rows as it shows.
        """
        title_hit, tparams = self.title_hit_sql(plan)
        source, condition, params = self.match_sql(plan)
        where, fparams = filters.sql()
        sql = (
            # Only code-built SQL is formatted in; every value is a parameter.
            "WITH m AS (SELECT e.id AS id, e.agency_id AS agency_id, "  # noqa: S608
            "e.category AS category, e.year AS year, e.published_at AS published_at, "
            f"CASE WHEN {title_hit} THEN 1 ELSE 0 END AS t "
            f"FROM {source} WHERE {condition}{where} LIMIT %s) "
            "SELECT 0, agency_id, category, year, COUNT(*), NULL FROM m "
            "GROUP BY agency_id, category, year "
            "UNION ALL SELECT * FROM (SELECT 1, id, NULL, t, CAST(NULL AS BIGINT), "
            "published_at FROM m "
            "ORDER BY t DESC, published_at DESC NULLS LAST, id DESC "
            "LIMIT %s OFFSET %s) AS page"
        )
        rows = self._fetch(
            sql, tparams + params + fparams + [cap + 1, max(limit, 0), offset]
        )
        facets = [(r[1], r[2], r[3], r[4]) for r in rows if r[0] == 0]
        if sum(r[3] for r in facets) <= cap:
            return Found(facets, _in_page_order([r for r in rows if r[0] == 1]), True)
        if offset >= cap:
            return Found([], [], False)
        need = min(offset + max(limit, 0), cap)
        return Found([], self._page_in_tiers(plan, filters, need)[offset:], False)

    def _page_in_tiers(self, plan: QueryPlan, filters: Filters, need: int) -> list[int]:
        """The first ``need`` matches in search order, by two index-friendly queries."""
        title_hit, tparams = self.title_hit_sql(plan)
        source, condition, params = self.match_sql(plan)
        where, fparams = filters.sql()
        first = self._fetch(
            f"SELECT e.id FROM {ENTRY_TABLE} e WHERE {title_hit}{where} "  # noqa: S608
            f"ORDER BY {ORDER} LIMIT %s",
            tparams + fparams + [need],
        )
        ids = [row[0] for row in first]
        if len(ids) < need:
            rest = self._fetch(
                f"SELECT e.id FROM {source} WHERE {condition} "  # noqa: S608
                f"AND NOT ({title_hit}){where} ORDER BY {ORDER} LIMIT %s",
                params + tparams + fparams + [need - len(ids)],
            )
            ids += [row[0] for row in rest]
        return ids

    def _fetch(self, sql: str, params: list[Any]) -> list[Any]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())


def _in_page_order(rows: list[Any]) -> list[int]:
    """Page rows (part, id, -, title_hit, -, published_at) sorted as the SQL sorts.

    UNION ALL does not promise to keep a branch's order, so it is re-applied here:
    title hits first, then newest first (undated last), then highest id first.
    """
    rows = sorted(rows, key=lambda r: r[1], reverse=True)
    rows.sort(key=lambda r: (r[5] is not None, r[5] or 0), reverse=True)
    rows.sort(key=lambda r: r[3], reverse=True)
    return [r[1] for r in rows]


def _fts5_string(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _fts5_clause(clause: Clause) -> str:
    alternatives = [" AND ".join(_fts5_string(t) for t in alt) for alt in clause]
    return "(" + " OR ".join(f"({a})" for a in alternatives) + ")"


def fts5_expression(plan: QueryPlan) -> str:
    """The FTS5 MATCH expression for ``plan``: every token a quoted string."""
    return " AND ".join(_fts5_clause(c) for c in plan.clauses)


class SqliteBackend(SearchBackend):
    vendor = "sqlite"
    drop_sql = SQLITE_DROP
    create_sql = SQLITE_CREATE

    def entry_saved(self, *, entry_id: int, title: str, body: str) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM gongkai_search_fts WHERE rowid = %s", [entry_id]
            )
            cursor.execute(
                "INSERT INTO gongkai_search_fts(rowid, title, body) VALUES (%s, %s, %s)",
                [entry_id, title, body],
            )

    def entry_deleted(self, *, entry_id: int) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM gongkai_search_fts WHERE rowid = %s", [entry_id]
            )

    def rebuild(self) -> None:
        super().rebuild()
        with self.connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO gongkai_search_fts(gongkai_search_fts) VALUES ('optimize')"
            )

    def match_sql(self, plan: QueryPlan) -> tuple[str, str, list[Any]]:
        source = f"{FTS_TABLE} JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid"
        return source, f"{FTS_TABLE} MATCH %s", [fts5_expression(plan)]

    def title_hit_sql(self, plan: QueryPlan) -> tuple[str, list[Any]]:
        return (
            f"e.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",  # noqa: S608
            ["{title} : (" + fts5_expression(plan) + ")"],
        )


def _tsquery_sql(plan: QueryPlan) -> tuple[str, list[str]]:
    params: list[str] = []

    def token(t: str) -> str:
        params.append(t)
        return "plainto_tsquery('simple'::regconfig, %s)"

    clauses = []
    for clause in plan.clauses:
        alternatives = [
            "(" + " && ".join(token(t) for t in alt) + ")" for alt in clause
        ]
        clauses.append("(" + " || ".join(alternatives) + ")")
    return "(" + " && ".join(clauses) + ")", params


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    drop_sql = POSTGRES_DROP
    create_sql = POSTGRES_CREATE

    def rebuild(self) -> None:
        # ALTER TABLE refuses to run while deferred foreign-key checks of this
        # transaction are pending; run them now.
        self.connection.check_constraints()
        super().rebuild()

    def match_sql(self, plan: QueryPlan) -> tuple[str, str, list[Any]]:
        tsquery, params = _tsquery_sql(plan)
        return f"{ENTRY_TABLE} e", f"e.search_vector @@ {tsquery}", params

    def title_hit_sql(self, plan: QueryPlan) -> tuple[str, list[Any]]:
        tsquery, params = _tsquery_sql(plan)
        return f"e.title_vector @@ {tsquery}", params

    def search(
        self, plan: QueryPlan, filters: Filters, *, limit: int, offset: int, cap: int
    ) -> Found:
        # PostgreSQL's planner does not count the cost of reading the (TOASTed)
        # search_vector of every row, and picks a sequential scan over the GIN
        # index once a word is common; that scan is ten times slower. Turn it
        # off for this statement only, and put the setting back.
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('enable_seqscan'), "
                    "set_config('enable_seqscan', 'off', true)"
                )
                previous = cursor.fetchone()[0]
            found = super().search(plan, filters, limit=limit, offset=offset, cap=cap)
            # On an error the savepoint's rollback restores the setting instead.
            with self.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('enable_seqscan', %s, true)", [previous]
                )
            return found


_BACKENDS: dict[str, type[SearchBackend]] = {
    "sqlite": SqliteBackend,
    "postgresql": PostgresBackend,
}


def backend_for(connection: BaseDatabaseWrapper) -> SearchBackend:
    """The search backend for ``connection``'s database."""
    try:
        return _BACKENDS[connection.vendor](connection)
    except KeyError:
        raise NotSupportedError(
            f"Search supports SQLite and PostgreSQL, not {connection.vendor}."
        ) from None
