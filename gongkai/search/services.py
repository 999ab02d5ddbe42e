"""Writes to the search index, called by the apps that own the indexed objects.

Art. 24 of the Regulations requires the disclosure platform to offer retrieval
(信息检索) of what is published; the owning app calls ``search_index_upsert`` when
an object is published or changed and ``search_index_remove`` when it is withdrawn.

The index is derived data: every entry can be rebuilt from the record it mirrors,
and the change that caused it (publishing, withdrawing) is audited by the owning
app's own service, in the same transaction when the caller runs one. These
functions therefore take no acting user and write no audit entry of their own.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import connections, router, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency

from .backends import backend_for
from .cache import search_index_changed
from .models import SearchEntry
from .segment import normalise_number, segment

# Text kept from all of an entry's attachments together.
MAX_ATTACHMENT_CHARS = 200_000
RESEGMENT_BATCH = 500


def _as_datetime(
    value: datetime.date | datetime.datetime | None,
) -> datetime.datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time.min)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _clean(text: str) -> str:
    # NUL cannot be stored in a PostgreSQL text column; extracted text may hold it.
    return (text or "").replace("\x00", "")


def _segmented(
    *, title: str, doc_number: str, summary: str, body_text: str, attachments: str
) -> dict[str, str]:
    return {
        "segmented_title": segment([title, doc_number]),
        "segmented": segment([title, doc_number, summary, body_text, attachments]),
    }


def search_index_upsert(
    *,
    agency: Agency,
    kind: str,
    object_key: str,
    url: str,
    title: str,
    doc_number: str = "",
    index_number: str = "",
    category: str = "",
    year: int | None = None,
    published_at: datetime.date | datetime.datetime | None = None,
    summary: str = "",
    body_text: str = "",
    attachment_texts: Iterable[str] = (),
) -> SearchEntry:
    """Add the object ``object_key`` to the index, or replace what is indexed for it.

    ``year`` defaults to the local year of ``published_at``. ``attachment_texts`` are
    the texts of the object's attachments (see ``attachment_text``). Raises
    ``ValidationError`` (and changes nothing) when a required value is missing or a
    value is too long.
    """
    published = _as_datetime(published_at)
    if year is None and published is not None:
        year = timezone.localtime(published).year
    attachments = "\n\n".join(_clean(t) for t in attachment_texts if t)
    attachments = attachments[:MAX_ATTACHMENT_CHARS]
    title, summary, body_text = _clean(title), _clean(summary), _clean(body_text)
    fields = {
        "agency": agency,
        "kind": kind,
        "url": url,
        "title": title,
        "doc_number": doc_number,
        "doc_number_key": normalise_number(doc_number),
        "index_number": index_number,
        "index_number_key": normalise_number(index_number),
        "category": category,
        "year": year,
        "published_at": published,
        "summary": summary,
        "body_text": body_text,
        "attachment_text": attachments,
    }
    SearchEntry(object_key=object_key, **fields).full_clean(
        exclude=["agency"], validate_unique=False, validate_constraints=False
    )
    fields |= _segmented(
        title=title,
        doc_number=doc_number,
        summary=summary,
        body_text=body_text,
        attachments=attachments,
    )
    alias = router.db_for_write(SearchEntry)
    with transaction.atomic(using=alias):
        entry, _created = SearchEntry.objects.using(alias).update_or_create(
            object_key=object_key, defaults=fields
        )
        backend_for(connections[alias]).entry_saved(
            entry_id=entry.pk, title=entry.segmented_title, body=entry.segmented
        )
        search_index_changed(using=alias)
    return entry


def search_index_remove(*, object_key: str) -> bool:
    """Take ``object_key`` out of the index. Returns whether it was there."""
    alias = router.db_for_write(SearchEntry)
    with transaction.atomic(using=alias):
        entry_id = (
            SearchEntry.objects.using(alias)
            .filter(object_key=object_key)
            .values_list("pk", flat=True)
            .first()
        )
        if entry_id is None:
            return False
        SearchEntry.objects.using(alias).filter(pk=entry_id).delete()
        backend_for(connections[alias]).entry_deleted(entry_id=entry_id)
        search_index_changed(using=alias)
    return True


def _resegment_all(alias: str) -> None:
    fields = ("title", "doc_number", "summary", "body_text", "attachment_text")
    batch: list[SearchEntry] = []
    entries = SearchEntry.objects.using(alias).only("pk", *fields).order_by("pk")
    for entry in entries.iterator(chunk_size=RESEGMENT_BATCH):
        for name, value in _segmented(
            title=entry.title,
            doc_number=entry.doc_number,
            summary=entry.summary,
            body_text=entry.body_text,
            attachments=entry.attachment_text,
        ).items():
            setattr(entry, name, value)
        batch.append(entry)
        if len(batch) >= RESEGMENT_BATCH:
            SearchEntry.objects.using(alias).bulk_update(
                batch, ["segmented_title", "segmented"]
            )
            batch = []
    if batch:
        SearchEntry.objects.using(alias).bulk_update(
            batch, ["segmented_title", "segmented"]
        )


def search_index_rebuild(*, resegment: bool = False) -> int:
    """Re-create the database's full-text index from the entry rows.

    With ``resegment`` the stored text is segmented again first (after a change to
    the segmentation or its dictionary). Returns the number of entries indexed.
    """
    alias = router.db_for_write(SearchEntry)
    with transaction.atomic(using=alias):
        if resegment:
            _resegment_all(alias)
        backend_for(connections[alias]).rebuild()
        search_index_changed(using=alias)
        return SearchEntry.objects.using(alias).count()
