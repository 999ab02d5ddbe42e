"""`gongkai search_rebuild` re-creates the full-text index from the entry rows."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.db import connection
from django.utils import translation

import pytest

from gongkai.search.models import SearchEntry
from gongkai.search.selectors import search_query
from tests.factories.search import SearchEntryFactory

pytestmark = pytest.mark.django_db


def lose_the_index():
    """Damage the database's full-text index the way each database can lose it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM gongkai_search_fts")
        else:
            connection.check_constraints()  # ALTER TABLE waits for pending FK checks
            cursor.execute(
                "ALTER TABLE gongkai_search_searchentry DROP COLUMN search_vector"
            )


def rebuild(*args):
    out = io.StringIO()
    with translation.override("zh-hans"):
        call_command("search_rebuild", *args, stdout=out)
    return out.getvalue()


def titles(q):
    return [hit.title for hit in search_query(q=q).hits]


def test_rebuild_restores_a_lost_index(tree):
    SearchEntryFactory(agency=tree["a"], title="行政许可事项清单")
    SearchEntryFactory(agency=tree["b"], title="养老服务补贴公告")
    lose_the_index()
    output = rebuild()
    assert "2" in output
    assert titles("许可") == ["行政许可事项清单"]
    assert titles("养老") == ["养老服务补贴公告"]


def test_resegment_rebuilds_the_segmented_text(tree):
    SearchEntryFactory(
        agency=tree["a"],
        title="通知",
        body_text="关于律师执业许可的说明",
        attachment_texts=["附件：行政处罚裁量基准"],
    )
    SearchEntry.objects.update(segmented="", segmented_title="")
    rebuild()
    assert titles("律师") == []
    rebuild("--resegment")
    assert titles("律师") == ["通知"]
    assert titles("裁量") == ["通知"]


def test_rebuild_of_an_empty_index():
    assert "0" in rebuild()
    assert search_query(q="许可").total == 0
