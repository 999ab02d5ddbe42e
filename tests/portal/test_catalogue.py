"""Catalogue, 法定主动公开内容, item pages, consultations, feeds and sitemap."""

from __future__ import annotations

import pytest

from gongkai.publications.models import CatalogueEntry, Validity

pytestmark = pytest.mark.django_db


def _url(catalogue, name):
    return f"/agency/{catalogue['agency'].pk}/{name}/"


def test_catalogue_lists_published_items_with_metadata(client, catalogue):
    response = client.get(_url(catalogue, "catalogue"))
    assert response.status_code == 200
    body = response.content.decode()
    entry = CatalogueEntry.objects.get(page=catalogue["rule"])
    assert entry.index_number in body
    assert "甲司规〔2023〕1号" in body  # 文号
    assert "2023-03-01" in body  # 成文日期
    assert catalogue["rule"].url in body
    assert str(Validity.VALID.label) in body and str(Validity.REPEALED.label) in body
    assert "共6条" in body


def test_catalogue_filters(client, catalogue):
    url = _url(catalogue, "catalogue")
    body = client.get(url, {"category": "07_budgets"}).content.decode()
    assert "2023年度部门预算公开" in body and "甲市法律援助实施办法</a>" not in body
    body = client.get(url, {"kind": "document"}).content.decode()
    assert "甲市公证收费管理规定" in body and "2023年度部门预算公开" not in body
    body = client.get(url, {"validity": "repealed"}).content.decode()
    assert "甲市公证收费管理规定" in body and "甲市法律援助实施办法</a>" not in body
    body = client.get(url, {"validity": "valid"}).content.decode()
    assert "甲市法律援助实施办法</a>" in body and "甲市公证收费管理规定" not in body
    body = client.get(url, {"topic": "finance"}).content.decode()
    assert "2023年度部门预算公开" in body and "甲市公证收费管理规定" not in body
    year = CatalogueEntry.objects.first().published_on.year
    assert "2023年度部门预算公开" in client.get(url, {"year": year}).content.decode()
    assert (
        "2023年度部门预算公开"
        not in client.get(url, {"year": year - 1}).content.decode()
    )


def test_catalogue_sorting_and_bad_parameters(client, catalogue):
    url = _url(catalogue, "catalogue")
    newest = client.get(url).content.decode()
    oldest = client.get(url, {"sort": "oldest"}).content.decode()
    first_rule, first_info = (
        newest.index("甲市法律援助实施办法</a>"),
        newest.index("2023年度部门预算公开"),
    )
    assert first_info < first_rule
    assert oldest.index("甲市法律援助实施办法</a>") < oldest.index(
        "2023年度部门预算公开"
    )
    assert (
        client.get(url, {"sort": "x", "year": "abc", "page": "99"}).status_code == 200
    )


def test_withdrawn_items_are_not_listed(client, catalogue):
    catalogue["info"].unpublish()
    body = client.get(_url(catalogue, "catalogue")).content.decode()
    assert "2023年度部门预算公开" not in body


def test_catalogue_query_count_does_not_grow_with_rows(
    client, catalogue, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        client.get(_url(catalogue, "catalogue"))


def test_proactive_by_category(client, catalogue):
    body = client.get(_url(catalogue, "proactive")).content.decode()
    assert body.count("<h2") >= 15  # every Art. 20 category is shown
    assert "甲市法律援助实施办法" in body
    assert "?category=01_rules" in body


def test_item_page_has_metadata_body_attachments_and_interpretations(client, catalogue):
    body = client.get(catalogue["rule"].url).content.decode()
    entry = CatalogueEntry.objects.get(page=catalogue["rule"])
    for text in (
        entry.index_number,
        "甲司规〔2023〕1号",
        "2023-03-01",
        catalogue["agency"].name,
        "第一条 为了规范法律援助工作",
        "《甲市法律援助实施办法》解读",
    ):
        assert text in body, text


def test_consultations_open_and_closed(client, catalogue):
    body = client.get(_url(catalogue, "consultations")).content.decode()
    assert (
        "甲市养犬管理办法（征求意见稿）" in body
        and "甲市停车管理办法（征求意见稿）" in body
    )
    assert body.index("甲市养犬管理办法") < body.index("甲市停车管理办法")
    open_page = client.get(catalogue["open"].url).content.decode()
    assert "<form" in open_page and 'name="body"' in open_page
    closed_page = client.get(catalogue["closed"].url).content.decode()
    assert "共收到意见12条，采纳5条。" in closed_page
    assert 'name="body"' not in closed_page


def test_comment_on_open_consultation(client, catalogue):
    response = client.post(
        catalogue["open"].url,
        {"body": "建议明确犬只登记办法。", "name": "", "contact": ""},
    )
    assert response.status_code == 302
    assert catalogue["open"].comments.count() == 1


def test_agency_home_shows_latest_and_links_sections(client, catalogue):
    body = client.get(_url(catalogue, "")[:-1]).content.decode()
    assert "2023年度部门预算公开" in body
    for name in ("proactive", "catalogue", "consultations"):
        assert _url(catalogue, name) in body
    assert 'type="application/rss+xml"' in body


def test_rss_and_atom_feeds(client, catalogue):
    rss = client.get(_url(catalogue, "feed/rss"))
    assert rss.status_code == 200 and rss["Content-Type"].startswith(
        "application/rss+xml"
    )
    body = rss.content.decode()
    assert (
        "<rss" in body
        and "2023年度部门预算公开" in body
        and catalogue["info"].url in body
    )
    atom = client.get(_url(catalogue, "feed/atom"))
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "2023年度部门预算公开" in atom.content.decode()


def test_sitemap_lists_portal_agency_and_item_pages(client, catalogue):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-catalogue.xml" in index and "sitemap-agencies.xml" in index
    items = client.get("/sitemap-catalogue.xml").content.decode()
    assert catalogue["rule"].url in items
    agencies = client.get("/sitemap-agencies.xml").content.decode()
    assert f"/agency/{catalogue['agency'].pk}/guide/" in agencies


def test_unknown_agency_pages_are_404(client, db):
    for name in ("catalogue", "proactive", "consultations", "feed/rss"):
        assert client.get(f"/agency/987654/{name}/").status_code == 404
