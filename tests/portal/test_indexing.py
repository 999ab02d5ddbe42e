"""Published catalogue items reach the search index; withdrawn ones leave it."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.management import call_command

import pytest

from gongkai.portal.indexing import (
    catalogue_index_all,
    catalogue_page_index,
    object_key,
)
from gongkai.publications.models import CatalogueAttachment
from gongkai.search.models import SearchEntry
from gongkai.search.selectors import search_query

pytestmark = pytest.mark.django_db


def test_index_all_indexes_live_items_with_metadata(catalogue):
    assert catalogue_index_all() == 6
    entry = SearchEntry.objects.get(object_key=object_key(catalogue["rule"].pk))
    assert entry.doc_number == "甲司规〔2023〕1号"
    assert entry.category == "01_rules"
    assert entry.url == catalogue["rule"].url
    assert "规范法律援助工作" in entry.body_text
    hits = search_query(q="援助").hits
    assert catalogue["rule"].url in [hit.url for hit in hits]


def test_two_character_word_and_document_number_find_the_item(catalogue):
    catalogue_index_all()
    assert search_query(q="预算").hits[0].url == catalogue["info"].url
    assert search_query(q="甲司规[2023]1号").hits[0].url == catalogue["rule"].url


def test_attachment_text_is_searchable(catalogue):
    page = catalogue["info"]
    CatalogueAttachment.objects.create(
        page=page,
        title="预算表",
        file=ContentFile("三公经费支出明细".encode(), name="budget.txt"),
    )
    catalogue_page_index(page_id=page.pk)
    assert [h.url for h in search_query(q="三公经费").hits] == [page.url]


def test_withdrawn_item_leaves_the_index(catalogue):
    catalogue_index_all()
    catalogue["info"].unpublish()
    catalogue_page_index(page_id=catalogue["info"].pk)
    assert not SearchEntry.objects.filter(
        object_key=object_key(catalogue["info"].pk)
    ).exists()
    assert catalogue_index_all() == 5


def test_publishing_indexes_after_commit(tree, django_capture_on_commit_callbacks):
    from tests.factories.publications import draft_item, section_for

    from .conftest import publish

    section = section_for(tree["a"], slug="sfj")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(draft_item(section, title="关于调整法律援助经济困难标准的通知"))
    assert search_query(q="困难标准").hits[0].url == page.url
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert search_query(q="困难标准").total == 0


def test_command_and_demo_step(catalogue, capsys):
    call_command("portal_index_catalogue", "--no-attachments")
    assert "6" in capsys.readouterr().out
    from gongkai.core.demodata import DemoContext
    from gongkai.portal import demo

    ctx = DemoContext()
    demo.load(ctx)
    assert "6" in ctx.notes[-1]
    assert SearchEntry.objects.count() == 6
