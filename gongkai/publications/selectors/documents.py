"""Reads about the document register: validity (table 2) and publication deadlines.

Derived facts (in force, lapsed, due, overdue) are computed here from dates, never
stored.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import scope_queryset_for_user

from ..models import (
    CatalogueEntry,
    DisclosureAttribute,
    DisclosureSettings,
    OfficialDocument,
    Validity,
)

ONE_DAY = datetime.timedelta(days=1)

# Art. 26: publish within 20 working days of the information being formed or changed.
PUBLICATION_LIMIT_WORKING_DAYS = 20


def in_force_q(*, on: datetime.date) -> Q:
    """Documents in force on ``on``: effective, not repealed, not expired.

    A document without a 施行日期 takes effect on its 成文日期; ``valid_until`` is the
    last day in force.
    """
    started = Q(effective_from__lte=on) | Q(
        effective_from__isnull=True, written_on__lte=on
    )
    not_repealed = Q(repealed_on__isnull=True) | Q(repealed_on__gt=on)
    not_expired = Q(valid_until__isnull=True) | Q(valid_until__gte=on)
    return started & not_repealed & not_expired


def ceased_q(*, start: datetime.date, end: datetime.date) -> Q:
    """Documents that ceased to be in force between ``start`` and ``end`` (inclusive).

    A document ceases on its repeal date or on the day after ``valid_until``, whichever
    comes first; each document is counted once, on that day. Table 2's 本年废止件数
    counts both: a trial document whose period ends and is not renewed lapses
    ("试行期届满，予以废止"), which keeps last year's ``in_force + issued − repealed``
    equal to this year's ``in_force`` (rule X.T2_IN_FORCE).
    """
    repealed_first = Q(repealed_on__range=(start, end)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=F("repealed_on"))
    )
    lapsed_first = Q(valid_until__range=(start - ONE_DAY, end - ONE_DAY)) & (
        Q(repealed_on__isnull=True) | Q(repealed_on__gt=F("valid_until"))
    )
    return repealed_first | lapsed_first


def document_validity(*, document: OfficialDocument, on: datetime.date) -> str:
    """有效性 of a document on a day: one of ``Validity``'s values."""
    if document.repealed_on and document.repealed_on <= on:
        return Validity.REPEALED
    if document.valid_until and document.valid_until < on:
        return Validity.LAPSED
    if document.starts_on > on:
        return Validity.PENDING
    return Validity.VALID


def disclosure_settings_for(*, agency: Any) -> DisclosureSettings:
    """The agency's local settings, or the defaults when it has none saved."""
    found = DisclosureSettings.objects.filter(agency=agency).first()
    return found or DisclosureSettings(agency=agency)


def document_list_for_user(
    *, user: Any, perm: Perm = Perm.VIEW, agency_id: int | None = None
) -> QuerySet[OfficialDocument]:
    """The register, scoped to the agencies ``user`` may act on with ``perm``."""
    qs = scope_queryset_for_user(OfficialDocument.objects.all(), user=user, perm=perm)
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    return qs.select_related("agency", "attribute_reviewer").annotate(
        is_published=Exists(CatalogueEntry.objects.filter(document=OuterRef("pk")))
    )


def document_get_for_user(
    *, user: Any, document_id: int, perm: Perm = Perm.VIEW
) -> OfficialDocument:
    """One document; 404 when the user may not see it, 403 when it may not act."""
    document = (
        document_list_for_user(user=user, perm=Perm.VIEW).filter(pk=document_id).first()
    )
    if document is None:
        raise Http404
    if (
        perm != Perm.VIEW
        and not scope_queryset_for_user(
            OfficialDocument.objects.filter(pk=document_id), user=user, perm=perm
        ).exists()
    ):
        raise PermissionDenied
    return document


@dataclass(frozen=True)
class PublicationDue:
    """Where a 主动公开 document stands against the Art. 26 limit."""

    document: OfficialDocument
    due_on: datetime.date | None  # None when the working-day calendar lacks the year
    published_on: datetime.date | None
    overdue: bool
    late: bool
    calendar_error: str = ""


def _first_publications(documents: list[OfficialDocument]) -> dict[int, datetime.date]:
    rows = (
        CatalogueEntry.objects.filter(document__in=documents)
        .order_by("document_id", "published_on")
        .values_list("document_id", "published_on")
    )
    first: dict[int, datetime.date] = {}
    for document_id, published_on in rows:
        first.setdefault(document_id, published_on)
    return first


def publication_due_list(
    *, documents: QuerySet[OfficialDocument], today: datetime.date, calendar: Any
) -> list[PublicationDue]:
    """Due dates of the 主动公开 (and 删减后公开) documents among ``documents``.

    Art. 26: the catalogue must show the document within 20 working days of its
    formation (成文日期), counted from the following day. ``overdue``: unpublished
    and past the due date; ``late``: published after it.
    """
    from gongkai.workdays import UnknownYearError, add_working_days

    candidates = list(
        documents.filter(
            attribute__in=[DisclosureAttribute.PROACTIVE, DisclosureAttribute.REDACTED]
        )
    )
    published = _first_publications(candidates)
    result = []
    for document in candidates:
        published_on = published.get(document.pk)
        try:
            due = add_working_days(
                calendar, document.written_on, PUBLICATION_LIMIT_WORKING_DAYS
            )
        except UnknownYearError as exc:
            result.append(
                PublicationDue(document, None, published_on, False, False, str(exc))
            )
            continue
        result.append(
            PublicationDue(
                document=document,
                due_on=due,
                published_on=published_on,
                overdue=published_on is None and today > due,
                late=published_on is not None and published_on > due,
            )
        )
    return result


def document_amendment_chain(*, document: OfficialDocument) -> list[OfficialDocument]:
    """The document's versions, oldest first: what it amends and what amends it."""
    chain = [document]
    seen = {document.pk}
    node = document
    while node.amends_id and node.amends_id not in seen:
        node = OfficialDocument.objects.get(pk=node.amends_id)
        seen.add(node.pk)
        chain.insert(0, node)
    node = document
    while True:
        later = node.amendments.order_by("written_on", "pk").first()
        if later is None or later.pk in seen:
            break
        seen.add(later.pk)
        chain.append(later)
        node = later
    return chain
