"""Proactive-disclosure figures summed over many agencies in a constant number of
queries, for a people's government's aggregated report.

``gongkai.publications.selectors.stats.publication_stats`` answers for one agency (eight
queries); a government of 200 departments would need 1,600. This module asks the same
questions of the same tables, with the publications app's own definitions of "in force"
and "ceased" (``in_force_q``, ``ceased_q``), for a set of agencies at once. A test keeps
it equal to the sum of ``publication_stats`` per agency. The natural home of this
function is the publications app; it lives here until that app offers a multi-agency
selector.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from gongkai.publications.models import (
    CatalogueEntry,
    ConsultationPage,
    DocumentType,
    FigureItem,
    ItemKind,
    NewMediaYearFigures,
    OfficialDocument,
    YearlyFigure,
)
from gongkai.publications.selectors.documents import ceased_q, in_force_q
from gongkai.publications.selectors.stats import plain_decimal

from .sources import MediaFigures

COUNT_ITEMS = {
    FigureItem.LICENSING: "licensing",
    FigureItem.PENALTIES: "penalties",
    FigureItem.ENFORCEMENT: "enforcement",
}


def _bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _rules(ids: Sequence[int], year: int) -> dict[str, dict[str, Any]]:
    start, end = _bounds(year)
    aggregates = {}
    for key, doc_type in (
        ("regulations", DocumentType.REGULATION),
        ("normative_documents", DocumentType.NORMATIVE),
    ):
        of_type = Q(doc_type=doc_type)
        aggregates[f"{key}__issued"] = Count(
            "id", filter=of_type & Q(written_on__range=(start, end))
        )
        aggregates[f"{key}__repealed"] = Count(
            "id", filter=of_type & ceased_q(start=start, end=end)
        )
        aggregates[f"{key}__in_force"] = Count(
            "id", filter=of_type & in_force_q(on=end)
        )
    values = OfficialDocument.objects.filter(
        agency_id__in=ids,
        doc_type__in=[DocumentType.REGULATION, DocumentType.NORMATIVE],
    ).aggregate(**aggregates)
    result: dict[str, dict[str, Any]] = {"regulations": {}, "normative_documents": {}}
    for name, value in values.items():
        key, cell = name.split("__")
        result[key][cell] = value
    return result


def _yearly(ids: Sequence[int], year: int) -> dict[str, dict[str, Any]]:
    """Figures entered per agency: a sum only when every agency entered the item,
    else blank (a missing figure is not 0)."""
    rows = {
        row["item"]: row
        for row in YearlyFigure.objects.filter(agency_id__in=ids, year=year)
        .values("item")
        .annotate(agencies=Count("agency", distinct=True), total=Sum("value"))
        .order_by()
    }

    def total(item: str) -> Decimal | None:
        row = rows.get(item)
        if row is None or row["agencies"] < len(set(ids)):
            return None
        return Decimal(row["total"])

    out: dict[str, dict[str, Any]] = {}
    for item, key in COUNT_ITEMS.items():
        value = total(item)
        out[key] = {"decisions": None if value is None else int(value)}
    fee = total(FigureItem.FEES)
    out["fees"] = {"amount_wan_yuan": None if fee is None else plain_decimal(fee)}
    return out


def _counts(ids: Sequence[int], year: int) -> dict[str, int]:
    start, end = _bounds(year)
    counts = CatalogueEntry.objects.filter(
        agency_id__in=ids, published_on__range=(start, end)
    ).aggregate(
        **{kind.value: Count("id", filter=Q(kind=kind.value)) for kind in ItemKind}
    )
    consultations = ConsultationPage.objects.filter(
        catalogue_entry__agency_id__in=ids, opens_on__range=(start, end)
    ).count()
    return {
        "documents_published": counts[ItemKind.DOCUMENT],
        "information_published": counts[ItemKind.INFORMATION],
        "reconsideration_decisions_published": counts[
            ItemKind.RECONSIDERATION_DECISION
        ],
        "interpretations": counts[ItemKind.INTERPRETATION],
        "consultations": consultations,
    }


def _media(ids: Sequence[int], year: int) -> list[MediaFigures]:
    rows = (
        NewMediaYearFigures.objects.filter(account__agency_id__in=ids, year=year)
        .select_related("account")
        .order_by("account__platform", "account__name")
    )
    return [
        MediaFigures(
            platform=row.account.platform,
            name=row.account.name,
            issues=row.issues,
            articles=row.articles,
        )
        for row in rows
    ]


def publication_sums(*, agency_ids: Sequence[int], year: int) -> dict[str, Any]:
    """Table 2 and the section-一 counts of several agencies together, in the shape of
    ``sources.publication_figures_for`` (six queries whatever the number of agencies)."""
    ids = list(agency_ids)
    if not ids:
        return {
            "table2": {},
            "documents_published": 0,
            "information_published": 0,
            "reconsideration_decisions_published": 0,
            "interpretations": 0,
            "consultations": 0,
            "new_media": [],
        }
    return {
        "table2": {**_rules(ids, year), **_yearly(ids, year)},
        **_counts(ids, year),
        "new_media": _media(ids, year),
    }
