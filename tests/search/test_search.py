"""The public search, on whichever database the suite runs (SQLite or PostgreSQL)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.search.models import SearchEntry
from gongkai.search.selectors import search_query
from gongkai.search.services import search_index_remove, search_index_upsert
from tests.factories import AgencyFactory
from tests.factories.search import SearchEntryFactory

pytestmark = pytest.mark.django_db


def keys(results):
    return [hit.object_key for hit in results.hits]


@pytest.fixture
def corpus(tree):
    """A few entries of two agencies, with realistic titles and 文号."""
    a, b = tree["a"], tree["b"]
    return {
        "sfj": SearchEntryFactory(
            agency=a,
            object_key="k:sfj",
            title="中卫市司法局2023年政府信息公开工作年度报告",
            category="art20_1",
            year=2023,
            body_text="本报告由中卫市司法局编制，全文包括总体情况。",
        ),
        "xk": SearchEntryFactory(
            agency=a,
            object_key="k:xk",
            title="关于公布行政许可事项清单的通知",
            doc_number="卫司发〔2023〕12号",
            index_number="000014349/2023-00012",
            category="art20_5",
            year=2023,
            body_text="现将本局实施的行政许可事项清单予以公布。",
        ),
        "mz": SearchEntryFactory(
            agency=b,
            object_key="k:mz",
            title="民政局关于养老服务补贴的公告",
            doc_number="卫民发〔2022〕3号",
            category="art20_11",
            year=2022,
            body_text="养老服务补贴按月发放。",
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("司法", {"k:sfj"}),  # inside 司法局
        ("许可", {"k:xk"}),  # inside 行政许可
        ("行政许可", {"k:xk"}),
        ("养老", {"k:mz"}),
        ("中卫市司法局", {"k:sfj"}),
        ("年度报告", {"k:sfj"}),
        ("通知", {"k:xk"}),
    ],
)
def test_words_match_inside_longer_words(corpus, query, expected):
    assert set(keys(search_query(q=query))) == expected


def test_query_needs_every_word(corpus):
    assert keys(search_query(q="司法 养老")) == []
    assert keys(search_query(q="养老 补贴")) == ["k:mz"]


def test_long_word_matches_its_parts_when_the_text_keeps_it_whole(tree):
    # jieba keeps 中华人民共和国政府 as one word; the query 中华人民共和国 must
    # still find it through the shorter words inside.
    SearchEntryFactory(
        agency=tree["a"], object_key="k:law", title="中华人民共和国政府信息公开条例"
    )
    assert keys(search_query(q="中华人民共和国")) == ["k:law"]


@pytest.mark.parametrize(
    "typed",
    [
        "卫司发〔2023〕12号",
        "卫司发[2023]12号",
        "卫司发【2023】12号",
        "卫司发（2023）12号",
        "卫司发 〔2023〕 12 号",
        "卫司发［２０２３］１２号",
    ],
)
def test_doc_number_matches_exactly_however_bracketed(corpus, typed):
    results = search_query(q=typed)
    assert keys(results)[0] == "k:xk"
    assert results.hits[0].exact
    assert results.hits[0].doc_number_html == "<mark>卫司发〔2023〕12号</mark>"
    assert results.hits[0].index_number_html == "000014349/2023-00012"


def test_index_number_matches_exactly(corpus):
    results = search_query(q=" 000014349/2023-00012 ")
    assert keys(results) == ["k:xk"]
    assert results.hits[0].exact
    assert results.hits[0].index_number_html == "<mark>000014349/2023-00012</mark>"
    assert results.hits[0].doc_number_html == "卫司发〔2023〕12号"


def test_exact_doc_number_hit_ranks_before_documents_citing_it(corpus, tree):
    SearchEntryFactory(
        agency=tree["a"],
        object_key="k:cite",
        title="卫司发〔2023〕12号的解读",
        published_at=datetime.date(2024, 1, 5),
    )
    results = search_query(q="卫司发[2023]12号")
    assert keys(results) == ["k:xk", "k:cite"]
    assert [h.exact for h in results.hits] == [True, False]
    assert results.total == 2


def test_other_doc_numbers_do_not_match(corpus):
    assert keys(search_query(q="卫司发〔2023〕13号")) == []


def test_filters(corpus, tree):
    assert set(keys(search_query(q="关于", agency_ids=[tree["a"].pk]))) == {"k:xk"}
    assert set(keys(search_query(q="关于", agency_ids=[tree["b"].pk]))) == {"k:mz"}
    assert keys(search_query(q="关于", agency_ids=[])) == []
    assert keys(search_query(q="关于", year=2022)) == ["k:mz"]
    assert keys(search_query(q="关于", category="art20_5")) == ["k:xk"]
    assert keys(search_query(q="关于", kind="consultation")) == []
    assert keys(search_query(q="卫司发〔2023〕12号", year=2022)) == []
    assert keys(search_query(q="关于", category="art20_5\x00")) == ["k:xk"]
    assert keys(search_query(q="卫司发〔2023〕12号", year=10**12)) == []
    assert keys(search_query(q="关于", year=10**12)) == []
    assert keys(search_query(q="关于", year=10**30)) == []
    assert keys(search_query(q="关于", year=-1)) == []
    assert keys(search_query(q="关于", agency_ids=[10**30, -5])) == []


def test_facets_count_the_matches(corpus, tree):
    results = search_query(q="关于")
    assert results.total == 2
    agencies = {f.value: (f.label, f.count) for f in results.facets["agency"]}
    assert agencies == {
        tree["a"].pk: ("甲市司法局", 1),
        tree["b"].pk: ("甲市民政局", 1),
    }
    assert [(f.value, f.count) for f in results.facets["year"]] == [
        (2023, 1),
        (2022, 1),
    ]
    assert {f.value for f in results.facets["category"]} == {"art20_5", "art20_11"}


def test_title_matches_rank_above_body_matches(tree):
    SearchEntryFactory(
        agency=tree["a"],
        object_key="k:body",
        title="工作动态",
        body_text="会议研究了行政复议案件办理情况。",
        published_at=datetime.date(2024, 3, 1),
    )
    SearchEntryFactory(
        agency=tree["a"],
        object_key="k:title",
        title="行政复议决定书",
        published_at=datetime.date(2020, 3, 1),
    )
    assert keys(search_query(q="复议")) == ["k:title", "k:body"]


def test_highlighting_marks_words_and_escapes_the_source(tree):
    SearchEntryFactory(
        agency=tree["a"],
        object_key="k:html",
        title="<script>alert(1)</script>司法 & 公开",
        body_text='前文 <b onclick="x">司法</b> 后文',
    )
    hit = search_query(q="司法").hits[0]
    assert hit.title_html == (
        "&lt;script&gt;alert(1)&lt;/script&gt;<mark>司法</mark> &amp; 公开"
    )
    assert "<mark>司法</mark>" in hit.snippet_html
    assert "<b" not in hit.snippet_html
    assert "&lt;b onclick=&quot;x&quot;&gt;" in hit.snippet_html


def test_highlighting_is_blind_to_case_and_width(tree):
    SearchEntryFactory(agency=tree["a"], object_key="k:w", title="ＰＤＦ格式 Report")
    hit = search_query(q="pdf report").hits[0]
    assert hit.title_html == "<mark>ＰＤＦ</mark>格式 <mark>Report</mark>"


def test_snippet_is_cut_around_the_match(tree):
    body = "无关内容。" * 100 + "这里提到行政许可。" + "其他内容。" * 100
    SearchEntryFactory(agency=tree["a"], object_key="k:long", body_text=body)
    snippet = search_query(q="行政许可").hits[0].snippet_html
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>行政许可</mark>" in snippet
    assert len(snippet) < 250


def test_snippet_comes_from_an_attachment_when_the_body_lacks_the_word(tree):
    SearchEntryFactory(
        agency=tree["a"],
        object_key="k:att",
        body_text="见附件。",
        attachment_texts=["附件一：行政处罚裁量基准"],
    )
    hit = search_query(q="裁量").hits[0]
    assert "<mark>裁量</mark>" in hit.snippet_html


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "　"])
def test_empty_query_gives_no_results(corpus, query):
    results = search_query(q=query)
    assert results.total == 0
    assert results.hits == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"司法',
        "司法*",
        "*",
        "-司法",
        "NOT 司法",
        "司法 AND",
        "OR",
        "司法 OR 许可",
        "NEAR(司法 许可)",
        "((司法",
        "司法)",
        "title:司法",
        "^司法",
        "司法 & | ! <-> :*",
        "'; DROP TABLE gongkai_search_searchentry; --",
        "\\",
        "%",
        "%s",
        "\x00司法",
        "{}[]",
        "〔〕",
        "司" * 500,
    ],
)
def test_odd_query_syntax_is_plain_text(corpus, query):
    results = search_query(q=query)
    assert results.total == len(results.hits)
    assert SearchEntry.objects.count() == 3


def test_query_operators_are_words_not_syntax(corpus):
    # "OR" must not widen the query: there is no document with the word "or".
    assert keys(search_query(q="司法 OR 养老")) == []
    assert keys(search_query(q="-司法")) == ["k:sfj"]
    assert keys(search_query(q='"司法"')) == ["k:sfj"]


def test_removal(corpus):
    assert search_index_remove(object_key="k:xk") is True
    assert keys(search_query(q="许可")) == []
    assert keys(search_query(q="卫司发〔2023〕12号")) == []
    assert search_index_remove(object_key="k:xk") is False
    assert keys(search_query(q="司法")) == ["k:sfj"]


def test_updating_an_entry_changes_what_matches(corpus, tree):
    search_index_upsert(
        agency=tree["a"],
        kind="catalogue_item",
        object_key="k:xk",
        url="/items/xk/",
        title="关于公布行政处罚裁量基准的通知",
        doc_number="卫司发〔2023〕15号",
        year=2023,
    )
    assert keys(search_query(q="许可")) == []
    assert keys(search_query(q="裁量")) == ["k:xk"]
    assert keys(search_query(q="卫司发〔2023〕12号")) == []
    assert keys(search_query(q="卫司发[2023]15号")) == ["k:xk"]
    assert SearchEntry.objects.filter(object_key="k:xk").count() == 1


def test_pagination(tree):
    for n in range(7):
        SearchEntryFactory(
            agency=tree["a"],
            object_key=f"k:{n}",
            title=f"行政许可事项第{n}批",
            published_at=datetime.date(2023, 1, n + 1),
        )
    assert search_query(q="许可", page=10**30).hits == []
    pages = [search_query(q="许可", page=p, page_size=3) for p in (1, 2, 3, 4)]
    assert [len(p.hits) for p in pages] == [3, 3, 1, 0]
    assert pages[0].total == 7 and pages[0].num_pages == 3
    seen = [k for p in pages for k in keys(p)]
    assert sorted(seen) == sorted(f"k:{n}" for n in range(7))
    assert pages[0].has_next and not pages[0].has_previous
    assert not pages[2].has_next


def test_pagination_across_exact_and_ranked_hits(corpus, tree):
    for n in range(3):
        SearchEntryFactory(
            agency=tree["a"], object_key=f"k:c{n}", title=f"卫司发〔2023〕12号解读{n}"
        )
    first = search_query(q="卫司发〔2023〕12号", page=1, page_size=2)
    second = search_query(q="卫司发〔2023〕12号", page=2, page_size=2)
    assert first.total == 4
    assert keys(first)[0] == "k:xk"
    assert set(keys(first) + keys(second)) == {"k:xk", "k:c0", "k:c1", "k:c2"}


def test_published_date_gives_the_year(tree):
    entry = SearchEntryFactory(
        agency=tree["a"], object_key="k:d", published_at=datetime.date(2021, 12, 31)
    )
    assert entry.year == 2021
    assert entry.published_at.tzinfo is not None


def test_missing_title_is_refused_and_nothing_is_indexed(tree):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        search_index_upsert(
            agency=tree["a"],
            kind="catalogue_item",
            object_key="k:x",
            url="/x/",
            title="",
        )
    assert not SearchEntry.objects.exists()


def test_agency_deletion_removes_its_entries_from_results():
    agency = AgencyFactory(name="临时机关")
    SearchEntryFactory(agency=agency, object_key="k:tmp", title="临时通知")
    agency.delete()
    assert keys(search_query(q="通知")) == []


QUERY_ALPHABET = st.sampled_from(
    list(
        "司法行政许可公开通知卫发号年度报告〔〕[]【】（）()\"'*-+:^~!&|<>%_.,;/\\ 　\t"
    )
    + ["AND", "OR", "NOT", "NEAR", "NEAR(", "title:", "\x00", "a", "Z", "9", "é", "ⅷ"]
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(parts=st.lists(QUERY_ALPHABET, max_size=12), page=st.integers(-2, 5))
def test_any_input_gives_results_not_errors(corpus, parts, page):
    query = "".join(parts)
    results = search_query(q=query, page=page, page_size=2)
    assert 0 <= len(results.hits) <= 2
    assert results.total >= len(results.hits)
    for hit in results.hits:
        # Only <mark> is markup in highlighted output.
        stripped = hit.title_html.replace("<mark>", "").replace("</mark>", "")
        assert "<" not in stripped and ">" not in stripped


def test_order_is_title_matches_then_newest(tree):
    for key, title, body, day in [
        ("k:old-title", "行政复议决定书", "", datetime.date(2020, 1, 1)),
        ("k:new-title", "行政复议工作报告", "", datetime.date(2024, 1, 1)),
        ("k:newest-body", "工作动态", "研究了复议案件", datetime.date(2025, 1, 1)),
        ("k:undated-body", "会议纪要", "复议", None),
    ]:
        SearchEntryFactory(
            agency=tree["a"],
            object_key=key,
            title=title,
            body_text=body,
            published_at=day,
        )
    assert keys(search_query(q="复议")) == [
        "k:new-title",
        "k:old-title",
        "k:newest-body",
        "k:undated-body",
    ]


def test_postgres_planner_setting_is_put_back(corpus):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no planner setting to change")
    with connection.cursor() as cursor:
        search_query(q="司法")
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


@pytest.fixture
def many(tree):
    """Nine entries matching 许可: titles and bodies, dated and undated, two agencies."""
    for n in range(9):
        SearchEntryFactory(
            agency=tree["a"] if n % 3 else tree["b"],
            object_key=f"k:m{n}",
            title="行政许可公示" if n % 2 else f"工作动态{n}",
            body_text="" if n % 2 else "涉及许可事项",
            published_at=None if n == 4 else datetime.date(2023, 1, 1 + n),
        )
    return tree


def all_pages(size, **kwargs):
    found, page = [], 1
    while True:
        results = search_query(q="许可", page=page, page_size=size, **kwargs)
        if not results.hits:
            return found, results
        found += keys(results)
        page += 1


@pytest.mark.parametrize("size", [1, 2, 4, 20])
def test_common_words_beyond_the_count_limit_keep_the_same_order(
    many, monkeypatch, size
):
    counted, full = all_pages(size)
    assert full.total_is_exact and full.total == 9
    monkeypatch.setattr("gongkai.search.selectors.MAX_COUNTED", 5)
    bounded, results = all_pages(size)
    # Only the first five can be paged through, in the same order as before.
    assert bounded == counted[:5]
    first = search_query(q="许可", page_size=size)
    assert not first.total_is_exact
    assert first.total == 5
    assert first.facets == {}


def test_count_limit_applies_after_filters(many, monkeypatch):
    monkeypatch.setattr("gongkai.search.selectors.MAX_COUNTED", 5)
    results = search_query(q="许可", agency_ids=[many["b"].pk])
    assert results.total_is_exact and results.total == 3
    assert results.facets["agency"][0].count == 3


def test_repeated_search_is_answered_from_the_cache(corpus, django_assert_num_queries):
    first = search_query(q="许可")
    with django_assert_num_queries(0):
        again = search_query(q="许可")
    assert keys(again) == keys(first) == ["k:xk"]
    # Another page, filter or query is another entry.
    with django_assert_num_queries(0):
        search_query(q="许可")
    assert keys(search_query(q="许可", year=2022)) == []


def test_cached_results_follow_every_change_to_the_index(corpus, tree):
    assert keys(search_query(q="许可")) == ["k:xk"]
    SearchEntryFactory(agency=tree["b"], object_key="k:new", title="新的行政许可公告")
    assert set(keys(search_query(q="许可"))) == {"k:xk", "k:new"}
    search_index_remove(object_key="k:xk")
    assert keys(search_query(q="许可")) == ["k:new"]
    tree["b"].delete()
    assert keys(search_query(q="许可")) == []
