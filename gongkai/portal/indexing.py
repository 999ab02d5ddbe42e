"""Keeping the public search index (``gongkai.search``) in step with the catalogue.

Art. 24 asks for retrieval over what is published. Every live catalogue item,
interpretation and consultation is indexed with its title, 文号, 索引号, category,
summary, body text and the text of its attachments; an item that is withdrawn or
deleted leaves the index. The index is derived data: ``catalogue_index_all``
rebuilds it from the catalogue at any time (``gongkai portal_index_catalogue``).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable
from typing import Any

from django.utils.html import strip_tags

from gongkai.publications.models import CatalogueEntry
from gongkai.search.attachments import MAX_FILE_BYTES, attachment_text
from gongkai.search.models import SearchEntry
from gongkai.search.services import search_index_remove, search_index_upsert

logger = logging.getLogger(__name__)

KEY_PREFIX = "publications.page:"


def object_key(page_id: int) -> str:
    return f"{KEY_PREFIX}{page_id}"


def _text(rich: Any) -> str:
    return html.unescape(strip_tags(str(rich or ""))).strip()


def _attachment_texts(page: Any) -> list[str]:
    texts = []
    attachments = getattr(page, "attachments", None)
    for attachment in attachments.all() if attachments is not None else []:
        try:
            with attachment.file.open("rb") as stored:
                data = stored.read(MAX_FILE_BYTES + 1)
        except OSError:
            logger.warning("Attachment %s could not be read", attachment.pk)
            continue
        texts.append(attachment_text(data, attachment.file.name))
    return texts


def catalogue_entry_index(
    *, entry: CatalogueEntry, with_attachments: bool = True
) -> SearchEntry | None:
    """Index the entry's page if it is live, or take it out of the index if not."""
    if entry.page_id is None:
        return None
    page = entry.page.specific if entry.page is not None else None
    if page is None or not page.live:
        search_index_remove(object_key=object_key(entry.page_id))
        return None
    return search_index_upsert(
        agency=entry.agency,
        kind=entry.kind,
        object_key=object_key(page.pk),
        url=page.get_url() or page.url_path,
        title=page.title,
        doc_number=getattr(page, "display_doc_number", "") or "",
        index_number=entry.index_number,
        category=entry.category,
        year=entry.published_on.year,
        published_at=page.first_published_at or entry.published_on,
        summary=page.summary,
        body_text=_text(getattr(page, "body", "")),
        attachment_texts=_attachment_texts(page) if with_attachments else (),
    )


def catalogue_page_index(*, page_id: int) -> SearchEntry | None:
    """Bring the index in step with one page (after it was published or withdrawn)."""
    entry = (
        CatalogueEntry.objects.filter(page_id=page_id)
        .select_related("agency", "page")
        .first()
    )
    if entry is None:
        search_index_remove(object_key=object_key(page_id))
        return None
    return catalogue_entry_index(entry=entry)


def catalogue_index_all(
    *, agency_ids: Iterable[int] | None = None, with_attachments: bool = True
) -> int:
    """Re-index the whole catalogue (or some agencies'); returns the number of live
    items indexed. Entries of withdrawn or deleted pages are removed."""
    entries = CatalogueEntry.objects.select_related("agency", "page").order_by("pk")
    if agency_ids is not None:
        entries = entries.filter(agency_id__in=list(agency_ids))
    indexed = 0
    for entry in entries.iterator(chunk_size=500):
        if catalogue_entry_index(entry=entry, with_attachments=with_attachments):
            indexed += 1
    return indexed
