"""What the annual report needs from proactive disclosure, per agency and year.

Table 2 (annual-report-spec.md §2) and section 二: counts of what was published,
normative documents and regulations issued / repealed / in force on 31 December, and
the yearly figures held outside this system. Every figure is an aggregate query; a
figure that was never entered is ``None`` (blank), never 0.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q

from ..models import (
    CatalogueEntry,
    CommentStatus,
    ConsultationPage,
    DocumentType,
    FigureItem,
    ItemKind,
    NewMediaYearFigures,
    OfficialDocument,
    YearlyFigure,
)
from .documents import ceased_q, in_force_q

# The channel of everything in the catalogue: the government portal website.
PORTAL_CHANNEL = "portal"


@dataclass(frozen=True)
class ConsultationSummary:
    title: str
    url_path: str
    opens_on: datetime.date
    closes_on: datetime.date
    days: int
    comments_received: int
    comments_approved: int
    feedback_published: bool


@dataclass(frozen=True)
class NewMediaSummary:
    platform: str
    name: str
    operator: str
    issues: int
    articles: int


@dataclass(frozen=True)
class PublicationStats:
    """Everything table 2 and section 二 need for one agency and year."""

    agency_id: int
    year: int
    documents_published: int
    information_published: int
    reconsideration_decisions_published: int
    interpretations: int
    consultations: list[ConsultationSummary]
    by_category: dict[str, dict[str, int]]
    by_channel: dict[str, dict[str, int]]
    new_media: list[NewMediaSummary]
    documents_registered: dict[str, int]
    table2: dict[str, dict[str, Any]] = field(default_factory=dict)


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _entry_counts(agency: Any, year: int) -> dict[str, int]:
    start, end = _year_bounds(year)
    qs = CatalogueEntry.objects.filter(agency=agency, published_on__range=(start, end))
    return qs.aggregate(
        **{kind.value: Count("id", filter=Q(kind=kind.value)) for kind in ItemKind}
    )


def _by_category(agency: Any, year: int) -> dict[str, dict[str, int]]:
    start, end = _year_bounds(year)
    rows = (
        CatalogueEntry.objects.filter(agency=agency, published_on__range=(start, end))
        .values_list("category", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    result: dict[str, dict[str, int]] = {}
    for category, kind, n in rows:
        result.setdefault(category, {})[kind] = n
    return result


def _rules_counts(agency: Any, year: int) -> dict[str, dict[str, int]]:
    """Issued, ceased and in force on 31 December, for regulations and normative
    documents, in one query (Art. 20 (1), table 2)."""
    start, end = _year_bounds(year)
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
        agency=agency,
        doc_type__in=[DocumentType.REGULATION, DocumentType.NORMATIVE],
    ).aggregate(**aggregates)
    result: dict[str, dict[str, int]] = {"regulations": {}, "normative_documents": {}}
    for name, value in values.items():
        key, cell = name.split("__")
        result[key][cell] = value
    return result


def plain_decimal(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and without an exponent (100, 0, 12.5)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _yearly_figures(agency: Any, year: int) -> dict[str, dict[str, Any]]:
    found = dict(
        YearlyFigure.objects.filter(agency=agency, year=year).values_list(
            "item", "value"
        )
    )

    def count(item: str) -> int | None:
        value = found.get(item)
        return None if value is None else int(value)

    fee = found.get(FigureItem.FEES)
    return {
        "licensing": {"decisions": count(FigureItem.LICENSING)},
        "penalties": {"decisions": count(FigureItem.PENALTIES)},
        "enforcement": {"decisions": count(FigureItem.ENFORCEMENT)},
        "fees": {"amount_wan_yuan": None if fee is None else plain_decimal(fee)},
    }


def _new_media(agency: Any, year: int) -> list[NewMediaSummary]:
    rows = (
        NewMediaYearFigures.objects.filter(account__agency=agency, year=year)
        .select_related("account")
        .order_by("account__platform", "account__name")
    )
    return [
        NewMediaSummary(
            platform=row.account.platform,
            name=row.account.name,
            operator=row.account.operator,
            issues=row.issues,
            articles=row.articles,
        )
        for row in rows
    ]


def _consultations(agency: Any, year: int) -> list[ConsultationSummary]:
    start, end = _year_bounds(year)
    pages = (
        ConsultationPage.objects.filter(
            catalogue_entry__agency=agency, opens_on__range=(start, end)
        )
        .annotate(
            received=Count("comments"),
            approved=Count(
                "comments", filter=Q(comments__status=CommentStatus.APPROVED)
            ),
        )
        .order_by("opens_on", "pk")
    )
    return [
        ConsultationSummary(
            title=page.title,
            url_path=page.url_path,
            opens_on=page.opens_on,
            closes_on=page.closes_on,
            days=(page.closes_on - page.opens_on).days + 1,
            comments_received=page.received,
            comments_approved=page.approved,
            feedback_published=bool(page.live and page.feedback.strip()),
        )
        for page in pages
    ]


def _documents_registered(agency: Any, year: int) -> dict[str, int]:
    start, end = _year_bounds(year)
    rows = dict(
        OfficialDocument.objects.filter(agency=agency, written_on__range=(start, end))
        .values_list("attribute")
        .annotate(n=Count("id"))
        .order_by()
    )
    reviewed = OfficialDocument.objects.filter(
        agency=agency,
        written_on__range=(start, end),
        attribute_reviewer__isnull=False,
    ).count()
    return {**rows, "total": sum(rows.values()), "attribute_reviewed": reviewed}


def publication_stats(*, agency: Any, year: int) -> PublicationStats:
    """Figures of one agency's proactive disclosure in ``year``.

    Published counts are catalogue entries first published in the year (a later
    withdrawal does not undo a publication). ``table2`` has exactly the shape of
    annual-report-spec.md §2.
    """
    counts = _entry_counts(agency, year)
    rules = _rules_counts(agency, year)
    table2: dict[str, dict[str, Any]] = {**rules, **_yearly_figures(agency, year)}
    channel = {
        "documents": counts[ItemKind.DOCUMENT],
        "information": counts[ItemKind.INFORMATION],
        "reconsideration_decisions": counts[ItemKind.RECONSIDERATION_DECISION],
        "interpretations": counts[ItemKind.INTERPRETATION],
        "consultations": counts[ItemKind.CONSULTATION],
    }
    new_media = _new_media(agency, year)
    return PublicationStats(
        agency_id=agency.pk,
        year=year,
        documents_published=counts[ItemKind.DOCUMENT],
        information_published=counts[ItemKind.INFORMATION],
        reconsideration_decisions_published=counts[ItemKind.RECONSIDERATION_DECISION],
        interpretations=counts[ItemKind.INTERPRETATION],
        consultations=_consultations(agency, year),
        by_category=_by_category(agency, year),
        by_channel={
            PORTAL_CHANNEL: channel,
            **{
                f"{m.platform}:{m.name}": {"issues": m.issues, "articles": m.articles}
                for m in new_media
            },
        },
        new_media=new_media,
        documents_registered=_documents_registered(agency, year),
        table2=table2,
    )
