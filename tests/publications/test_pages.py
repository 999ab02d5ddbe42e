"""Public catalogue pages: metadata, interpretations on both pages, listings, uploads."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils.form_data import querydict_from_html, rich_text

import pytest

from gongkai.publications.models import CatalogueItemPage
from gongkai.publications.selectors.catalogue import catalogue_entry_list
from gongkai.publications.services.catalogue import catalogue_item_withdraw
from tests.factories.publications import (
    OfficialDocumentFactory,
    draft_interpretation,
    draft_item,
    run_review,
    section_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(tree, member):
    people = {
        "clerk": member(tree["a"], "clerk"),
        "reviewer": member(tree["a"], "reviewer"),
        "head": member(tree["a"], "head"),
    }
    section = section_for(tree["a"])
    steps = {
        "初审": people["reviewer"],
        "保密审查": people["reviewer"],
        "终审": people["head"],
    }

    def publish(page):
        return run_review(page, submitter=people["clerk"], reviewers=steps)

    return {"agency": tree["a"], "section": section, "publish": publish, **people}


def test_document_item_shows_register_metadata_and_interpretations(client, setup):
    document = OfficialDocumentFactory(
        agency=setup["agency"],
        normative=True,
        title="甲市法律援助办法",
        organ_code="甲司规",
        doc_year=2022,
        doc_serial=3,
        written_on=datetime.date(2022, 5, 6),
        valid_until=datetime.date(2027, 5, 5),
    )
    item = setup["publish"](
        draft_item(
            setup["section"],
            kind="document",
            document=document,
            title="甲市法律援助办法",
        )
    )
    interpretation = draft_interpretation(
        setup["section"], title="图解甲市法律援助办法", form="graphic"
    )
    interpretation.explains.set([item])
    interpretation.save_revision()
    interpretation = setup["publish"](interpretation)

    body = client.get(item.url).content.decode()
    for text in (
        "甲司规〔2022〕3号",
        "2022-05-06",
        "有效",
        "图解甲市法律援助办法",
        "公开类别",
    ):
        assert text in body
    assert interpretation.url in body
    body = client.get(interpretation.url).content.decode()
    assert "甲市法律援助办法" in body and item.url in body
    assert "图片" in body  # the form of the interpretation


def test_catalogue_listing_filters_and_hides_withdrawn(setup):
    first = setup["publish"](draft_item(setup["section"], category="03_plans"))
    second = setup["publish"](draft_item(setup["section"], kind="document"))
    catalogue_item_withdraw(acting_user=setup["head"], page=second, reason="过期")
    agency = setup["agency"]
    assert [e.page_id for e in catalogue_entry_list(agency=agency)] == [first.pk]
    assert len(catalogue_entry_list(agency=agency, live_only=False)) == 2
    assert [
        e.page_id for e in catalogue_entry_list(agency=agency, category="03_plans")
    ] == [first.pk]
    assert not catalogue_entry_list(agency=agency, kind="document").exists()


def test_section_page_query_count_does_not_grow(client, setup, settings):
    settings.PORTAL_PAGE_CACHE = False  # count the page's own queries
    for _ in range(3):
        setup["publish"](draft_item(setup["section"]))
    # One request first: process-wide caches (Wagtail's site root paths, the
    # locale) may or may not be warm depending on which tests ran before.
    assert client.get(setup["section"].url).status_code == 200
    with CaptureQueriesContext(connection) as few:
        assert client.get(setup["section"].url).status_code == 200
    for _ in range(6):
        setup["publish"](draft_item(setup["section"]))
    with CaptureQueriesContext(connection) as more:
        body = client.get(setup["section"].url).content.decode()
    assert body.count("<tr><td>") == 9
    assert len(more.captured_queries) == len(few.captured_queries)


def test_attachment_checked_by_content_on_upload(client, setup):
    client.force_login(setup["clerk"])
    url = f"/admin/pages/add/publications/catalogueitempage/{setup['section'].pk}/"
    form = querydict_from_html(
        client.get(url).content.decode(), form_id="page-edit-form"
    )
    form.update(
        {
            "title": "附件测试",
            "slug": "attachment",
            "kind": "information",
            "category": "15_other",
            "topic": "justice",
            "body": rich_text("<p>正文</p>"),
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": "通知全文",
            "attachments-0-ORDER": "1",
        }
    )
    fake = SimpleUploadedFile("通知.pdf", b"MZ\x90\x00 an executable")
    response = client.post(url, {**form.dict(), "attachments-0-file": fake})
    assert response.status_code == 200
    assert "只接受 PDF、DOCX 和 OFD 文件" in response.content.decode()
    assert not CatalogueItemPage.objects.filter(slug="attachment").exists()

    real = SimpleUploadedFile("通知.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    response = client.post(url, {**form.dict(), "attachments-0-file": real})
    assert response.status_code == 302
    page = CatalogueItemPage.objects.get(slug="attachment")
    with page.attachments.get().file.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")

    # Editing the page later keeps the stored attachment.
    edit_url = f"/admin/pages/{page.pk}/edit/"
    form = querydict_from_html(
        client.get(edit_url).content.decode(), form_id="page-edit-form"
    )
    form["title"] = "附件测试（更正）"
    assert client.post(edit_url, form).status_code == 302
    assert CatalogueItemPage.objects.get(pk=page.pk).attachments.count() == 1
