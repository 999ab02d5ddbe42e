"""The public search page, over HTTP."""

from __future__ import annotations

import datetime
import re

import pytest

from tests.factories.search import SearchEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(tree):
    SearchEntryFactory(
        agency=tree["a"],
        object_key="k:xk",
        url="/catalogue/xk/",
        title="关于公布行政许可事项清单的通知",
        doc_number="卫司发〔2023〕12号",
        index_number="000014349/2023-00012",
        category="art20_5",
        year=2023,
        published_at=datetime.date(2023, 3, 1),
        body_text="现将本局实施的<行政许可>事项清单予以公布。",
    )
    SearchEntryFactory(
        agency=tree["b"],
        object_key="k:mz",
        url="/catalogue/mz/",
        title="民政局关于养老服务许可的公告",
        category="art20_11",
        year=2022,
        published_at=datetime.date(2022, 5, 1),
    )
    return tree


def page(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_empty_page_has_a_labelled_search_box(client, db):
    body = page(client)
    assert '<form class="search-form" role="search"' in body
    label = re.search(r'<label for="(id_q)">([^<]+)</label>', body)
    assert label and label.group(2) == "检索词"
    assert 'id="id_q"' in body
    assert "条结果" not in body
    assert '<meta name="robots" content="noindex">' in body


def test_results_are_listed_with_headings_links_and_marks(client, entries):
    body = page(client, q="许可")
    assert "2 条结果" in body
    assert body.count('<h3><a href="/catalogue/') == 2
    assert (
        '<a href="/catalogue/xk/">关于公布行政<mark>许可</mark>事项清单的通知</a>'
        in body
    )
    # Text from the record is escaped; only the marks are markup.
    assert "&lt;行政<mark>许可</mark>&gt;" in body
    assert "<行政" not in body


def test_doc_number_typed_with_half_width_brackets(client, entries):
    body = page(client, q="卫司发[2023]12号")
    assert "1 条结果" in body
    assert "<mark>卫司发〔2023〕12号</mark>" in body


def test_filters_and_facet_links(client, entries):
    body = page(client, q="许可", agency=entries["b"].pk)
    assert "1 条结果" in body
    assert "/catalogue/mz/" in body and "/catalogue/xk/" not in body
    body = page(client, q="许可")
    assert "按年份" in body and "按机关" in body
    assert "?q=%E8%AE%B8%E5%8F%AF&amp;year=2022" in body
    body = page(client, q="许可", year=2022)
    assert "1 条结果" in body
    assert 'aria-current="true">2022（1）' in body
    body = page(client, q="许可", category="art20_5")
    assert "1 条结果" in body and "/catalogue/xk/" in body


def test_bad_filters_are_explained_and_left_out(client, entries):
    body = page(client, q="许可", year="二〇二三", agency="999999", page="-3")
    assert 'role="alert"' in body
    assert "年份必须是数字" in body
    assert "2 条结果" in body
    # What the visitor typed stays in the form.
    assert 'value="许可"' in body
    assert 'value="二〇二三"' in body


def test_odd_input_does_not_break_the_page(client, entries):
    for q in ['"', "NEAR(", "*", "AND OR", "<script>", "\x00", "許" * 300]:
        body = page(client, q=q)
        assert "<script>" not in body.split("<main", 1)[1]


def test_pagination_links(client, tree):
    for n in range(25):
        SearchEntryFactory(
            agency=tree["a"],
            object_key=f"k:{n}",
            title=f"行政许可公示第{n}期",
            published_at=datetime.date(2023, 1, 1) + datetime.timedelta(days=n),
        )
    body = page(client, q="许可")
    assert "25 条结果" in body
    assert 'rel="next"' in body and 'rel="prev"' not in body
    assert "第 1 页，共 2 页" in body
    body = page(client, q="许可", page=2)
    assert body.count("<h3><a href=") == 5
    assert '<ol class="results" start="21">' in body
    assert 'rel="prev"' in body and 'rel="next"' not in body


def test_search_page_query_count_does_not_grow_with_results(client, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_search():
        with CaptureQueriesContext(connection) as captured:
            client.get("/search/", {"q": "许可"})
        return len(captured)

    SearchEntryFactory(agency=tree["a"], object_key="k:first", title="许可")
    few = queries_for_search()
    for n in range(30):
        agency = tree["a"] if n % 2 else tree["b"]
        SearchEntryFactory(agency=agency, object_key=f"k:{n}", title=f"许可{n}")
    assert queries_for_search() == few
    # PostgreSQL adds a savepoint and the planner setting around the search.
    assert few <= 10


def test_very_common_words_say_more_than(client, tree, monkeypatch):
    for n in range(4):
        SearchEntryFactory(agency=tree["a"], object_key=f"k:{n}", title=f"许可{n}")
    monkeypatch.setattr("gongkai.search.selectors.MAX_COUNTED", 3)
    body = page(client, q="许可")
    assert "超过 3 条结果" in body
    assert body.count("<h3><a href=") == 3
    assert "筛选结果" not in body
