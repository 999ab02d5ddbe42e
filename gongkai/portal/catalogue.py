"""Public reads of an agency's catalogue (Art. 12 目录, Art. 20 categories).

Read-only queries over the publications app's register (``CatalogueEntry``) and
pages: only entries whose page is live are public. 有效性 of regulations and
normative documents is computed from the register's dates on the day of reading,
never stored (see ``gongkai.publications.selectors.documents.document_validity``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet
from django.http import HttpRequest

from gongkai.agencies.models import Agency
from gongkai.publications.models import (
    Art20Category,
    Art21Category,
    CatalogueEntry,
    CatalogueItemPage,
    ConsultationPage,
    DocumentType,
    ItemKind,
    Topic,
    Validity,
)
from gongkai.publications.selectors.catalogue import disclosure_section_for
from gongkai.publications.selectors.documents import document_validity

RULE_TYPES = (DocumentType.REGULATION, DocumentType.NORMATIVE)
SORTS: dict[str, tuple[str, ...]] = {
    "newest": ("-published_on", "-id"),
    "oldest": ("published_on", "id"),
    "index": ("index_number",),
}
LATEST_PER_CATEGORY = 3


@dataclass(frozen=True)
class CatalogueFilters:
    """The catalogue's facets (all optional) and its order."""

    category: str = ""
    topic: str = ""
    year: int | None = None
    kind: str = ""
    validity: str = ""
    sort: str = "newest"


@dataclass(frozen=True)
class CatalogueRow:
    """One line of the catalogue with the standard metadata (Art. 12)."""

    entry: CatalogueEntry
    url: str
    doc_number: str
    written_on: datetime.date | None
    validity: str
    kind_label: str
    topic_label: str
    category_label: str


def public_entries(*, agency: Agency) -> QuerySet[CatalogueEntry]:
    """The agency's catalogue entries whose page is published now."""
    return CatalogueEntry.objects.filter(agency=agency, page__live=True)


def _not_repealed(today: datetime.date) -> Q:
    return Q(document__repealed_on__isnull=True) | Q(document__repealed_on__gt=today)


def _not_lapsed(today: datetime.date) -> Q:
    return Q(document__valid_until__isnull=True) | Q(document__valid_until__gte=today)


def _started(today: datetime.date) -> Q:
    return Q(document__effective_from__lte=today) | Q(
        document__effective_from__isnull=True, document__written_on__lte=today
    )


def validity_q(value: str, *, today: datetime.date) -> Q:
    """Entries whose 有效性 on ``today`` is ``value``: computed from the register for
    regulations and normative documents (as ``document_validity``), the page's own
    value for anything else."""
    computed: dict[str, Q] = {
        Validity.REPEALED: Q(document__repealed_on__lte=today),
        Validity.LAPSED: _not_repealed(today) & Q(document__valid_until__lt=today),
        Validity.PENDING: _not_repealed(today) & _not_lapsed(today) & ~_started(today),
        Validity.VALID: _not_repealed(today) & _not_lapsed(today) & _started(today),
    }
    rule = Q(document__doc_type__in=RULE_TYPES)
    other = ~rule | Q(document__isnull=True)
    return (rule & computed[value]) | (
        other & Q(page__catalogueitempage__validity=value)
    )


def catalogue_filter(
    *, agency: Agency, filters: CatalogueFilters, today: datetime.date
) -> QuerySet[CatalogueEntry]:
    """The public catalogue of ``agency`` with ``filters`` applied, in order."""
    qs = public_entries(agency=agency)
    exact = {"category": filters.category, "topic": filters.topic, "kind": filters.kind}
    qs = qs.filter(**{name: value for name, value in exact.items() if value})
    if filters.year:
        qs = qs.filter(
            published_on__range=(
                datetime.date(filters.year, 1, 1),
                datetime.date(filters.year, 12, 31),
            )
        )
    if filters.validity:
        qs = qs.filter(validity_q(filters.validity, today=today))
    return qs.order_by(*SORTS.get(filters.sort, SORTS["newest"]))


def catalogue_years(*, agency: Agency) -> list[int]:
    """Years from the first to the last publication, newest first."""
    bounds = CatalogueEntry.objects.filter(agency=agency).aggregate(
        first=Min("published_on"), last=Max("published_on")
    )
    if bounds["first"] is None:
        return []
    return list(range(bounds["last"].year, bounds["first"].year - 1, -1))


def _validity_label(page: Any, today: datetime.date) -> str:
    document = getattr(page, "document", None)
    if document is not None and document.is_rule:
        return str(Validity(document_validity(document=document, on=today)).label)
    value = getattr(page, "validity", "")
    return str(Validity(value).label) if value else ""


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def catalogue_rows(
    entries: list[CatalogueEntry], *, request: HttpRequest, today: datetime.date
) -> list[CatalogueRow]:
    """The metadata of a page of entries: 文号, 成文日期 and 有效性 come from the
    item pages (and their register documents), in one extra query."""
    items = CatalogueItemPage.objects.filter(
        pk__in=[e.page_id for e in entries]
    ).select_related("document")
    specific = {page.pk: page for page in items}
    rows = []
    for entry in entries:
        page = specific.get(entry.page_id)  # type: ignore[arg-type]
        rows.append(
            CatalogueRow(
                entry=entry,
                url=(entry.page.get_url(request=request) or "") if entry.page else "",
                doc_number=page.display_doc_number if page else "",
                written_on=page.display_written_on if page else None,
                validity=_validity_label(page, today) if page else "",
                kind_label=_label(ItemKind, entry.kind),
                topic_label=_label(Topic, entry.topic),
                category_label=_label(Art20Category, entry.category),
            )
        )
    return rows


@dataclass(frozen=True)
class CategoryBlock:
    value: str
    label: str
    count: int
    latest: list[CatalogueEntry]


def proactive_overview(
    *, agency: Agency
) -> tuple[list[CategoryBlock], list[CategoryBlock]]:
    """法定主动公开内容: every Art. 20 category with its number of published items
    and the newest few; then the Art. 21 categories the agency uses."""
    entries = public_entries(agency=agency)
    counts = dict(
        entries.values_list("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    art21 = dict(
        entries.exclude(art21_category="")
        .values_list("art21_category")
        .annotate(n=Count("id"))
        .values_list("art21_category", "n")
    )

    def latest(**lookup: str) -> list[CatalogueEntry]:
        return list(
            entries.filter(**lookup)
            .select_related("page")
            .order_by("-published_on", "-id")[:LATEST_PER_CATEGORY]
        )

    art20_blocks = [
        CategoryBlock(
            value,
            str(label),
            counts.get(value, 0),
            latest(category=value) if counts.get(value) else [],
        )
        for value, label in Art20Category.choices
    ]
    art21_blocks = [
        CategoryBlock(value, str(label), art21[value], latest(art21_category=value))
        for value, label in Art21Category.choices
        if art21.get(value)
    ]
    return art20_blocks, art21_blocks


@dataclass(frozen=True)
class ConsultationLists:
    open: list[ConsultationPage]
    upcoming: list[ConsultationPage]
    closed: list[ConsultationPage]


def consultation_lists(*, agency: Agency, today: datetime.date) -> ConsultationLists:
    """The agency's published consultations: open for comments, not yet open, and
    closed (whose feedback on adoption is shown on their pages)."""
    pages = list(
        ConsultationPage.objects.live()
        .filter(path__startswith=_section_path(agency))
        .order_by("-opens_on", "-pk")
    )
    return ConsultationLists(
        open=[p for p in pages if p.opens_on <= today <= p.closes_on],
        upcoming=[p for p in pages if p.opens_on > today],
        closed=[p for p in pages if p.closes_on < today],
    )


def _section_path(agency: Agency) -> str:
    section = disclosure_section_for(agency=agency)
    # No section: a path no page has, so the query finds nothing.
    return section.path if section is not None else "-"


def latest_entries(*, agency: Agency, count: int = 8) -> list[CatalogueEntry]:
    return list(
        public_entries(agency=agency)
        .select_related("page")
        .order_by("-published_on", "-id")[:count]
    )
