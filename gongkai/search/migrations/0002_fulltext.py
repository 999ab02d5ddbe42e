"""The database's own full-text index over SearchEntry.segmented.

SQLite: an FTS5 table keyed by the entry's id (its rowid), kept in step by the
search services. PostgreSQL: stored generated tsvector columns (all text, and the
title with its 文号) with the 'simple' configuration and GIN indexes, kept in step
by PostgreSQL itself. Neither is part
of the Django model, so the SQL runs only on the matching database. The SQL is
frozen here; ``gongkai.search.backends`` holds the same statements for
``gongkai search_rebuild``.
"""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE gongkai_search_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 0')",
    "INSERT INTO gongkai_search_fts(rowid, title, body) "
    "SELECT id, segmented_title, segmented FROM gongkai_search_searchentry",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS gongkai_search_fts"]

# Positions are never used (no phrase search; the order is title hit, then date),
# so the vectors are stripped of them to keep the rows a query must visit small.
POSTGRES_CREATE = [
    "ALTER TABLE gongkai_search_searchentry "
    "ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(strip(to_tsvector('simple'::regconfig, segmented))) STORED, "
    "ADD COLUMN title_vector tsvector GENERATED ALWAYS AS "
    "(strip(to_tsvector('simple'::regconfig, segmented_title))) STORED",
    "CREATE INDEX gongkai_search_vector_gin ON gongkai_search_searchentry "
    "USING gin (search_vector)",
    "CREATE INDEX gongkai_search_title_gin ON gongkai_search_searchentry "
    "USING gin (title_vector)",
    # Lets "newest matches first" walk the dates instead of sorting every match.
    "CREATE INDEX gongkai_search_newest ON gongkai_search_searchentry "
    "(published_at DESC NULLS LAST, id DESC)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS gongkai_search_newest",
    "DROP INDEX IF EXISTS gongkai_search_vector_gin",
    "DROP INDEX IF EXISTS gongkai_search_title_gin",
    "ALTER TABLE gongkai_search_searchentry DROP COLUMN IF EXISTS search_vector, "
    "DROP COLUMN IF EXISTS title_vector",
]


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def backwards(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    dependencies = [("gongkai_search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
