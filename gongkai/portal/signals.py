"""Receivers keeping the search index in step with publishing (each delegates to
``indexing``). They run after the publishing transaction commits, so the catalogue
entry the publications app records on publication is there to be read."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete

from wagtail.signals import page_published, page_unpublished

from gongkai.publications.models import DisclosureItemPage
from gongkai.search.services import search_index_remove

from .indexing import catalogue_page_index, object_key


def _reindex(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, DisclosureItemPage):
        page_id = instance.pk
        transaction.on_commit(lambda: catalogue_page_index(page_id=page_id))


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, DisclosureItemPage):
        key = object_key(instance.pk)
        transaction.on_commit(lambda: search_index_remove(object_key=key))


def connect() -> None:
    page_published.connect(_reindex, dispatch_uid="portal.search.published")
    page_unpublished.connect(_reindex, dispatch_uid="portal.search.unpublished")
    post_delete.connect(_deleted, dispatch_uid="portal.search.deleted")
