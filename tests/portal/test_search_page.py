"""The public search page over the search index."""

from __future__ import annotations

import datetime

import pytest

from gongkai.search.services import search_index_upsert

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(tree):
    def add(agency, key, title, **kwargs):
        return search_index_upsert(
            agency=agency,
            kind="catalogue_item",
            object_key=f"test:{key}",
            url=f"/gk/test/{key}/",
            title=title,
            published_at=kwargs.pop("published_at", datetime.date(2023, 5, 1)),
            **kwargs,
        )

    add(
        tree["a"],
        1,
        "中卫市司法局2023年度部门预算",
        doc_number="中卫司发〔2023〕12号",
        category="07_budgets",
        body_text="预算说明",
    )
    add(
        tree["a"],
        2,
        "关于开展法律援助工作的通知",
        category="01_rules",
        body_text="本通知自发布之日起施行。",
        published_at=datetime.date(2022, 3, 1),
    )
    add(tree["b"], 3, "民政局预算公开", category="07_budgets")


def test_two_character_search_finds_and_highlights(client, indexed):
    response = client.get("/search/", {"q": "预算"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<mark>预算</mark>" in body
    assert "/gk/test/1/" in body and "/gk/test/3/" in body
    assert "/gk/test/2/" not in body


def test_document_number_search(client, indexed):
    body = client.get("/search/", {"q": "中卫司发[2023]12号"}).content.decode()
    assert "/gk/test/1/" in body


def test_filters_by_agency_category_and_year(client, tree, indexed):
    body = client.get(
        "/search/", {"q": "预算", "agency": tree["b"].pk}
    ).content.decode()
    assert "/gk/test/3/" in body and "/gk/test/1/" not in body
    body = client.get("/search/", {"q": "通知", "year": 2022}).content.decode()
    assert "/gk/test/2/" in body
    body = client.get("/search/", {"q": "通知", "year": 2023}).content.decode()
    assert "/gk/test/2/" not in body
    body = client.get(
        "/search/", {"q": "预算", "category": "01_rules"}
    ).content.decode()
    assert "/gk/test/1/" not in body


def test_facet_links_need_no_javascript(client, tree, indexed):
    body = client.get("/search/", {"q": "预算"}).content.decode()
    assert f"agency={tree['b'].pk}" in body
    assert "year=2023" in body


def test_empty_and_odd_queries(client, db):
    assert client.get("/search/").status_code == 200
    assert client.get("/search/", {"q": '"((*'}).status_code == 200
    assert (
        client.get("/search/", {"q": "x", "page": "abc", "year": "zz"}).status_code
        == 200
    )
