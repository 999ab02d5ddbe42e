"""Public reads of an agency's catalogue (Art. 12 目录, Art. 20 categories).

Read-only queries over the publications app's register (``CatalogueEntry``) and
pages: only entries whose page is live are public. 有效性 of regulations and
normative documents is computed from the register's dates on the day of reading,
never stored (see ``gongkai.publications.selectors.documents.document_validity``).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet

from wagtail.models import Site

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
MAX_COUNTED = 10_000
COUNTS_CACHE_SECONDS = 60
ENTRY_COLUMNS = (
    "id",
    "index_number",
    "page_id",
    "title",
    "kind",
    "category",
    "topic",
    "published_on",
)
ITEM_COLUMNS = (
    "id",
    "doc_number",
    "written_on",
    "validity",
    "document",
    "document__doc_type",
    "document__organ_code",
    "document__doc_year",
    "document__doc_serial",
    "document__written_on",
    "document__effective_from",
    "document__valid_until",
    "document__repealed_on",
)


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
    """Years from the first to the last publication, newest first (two index
    look-ups on (agency, published_on), kept a minute in the cache)."""
    key = f"gk:portal:catalogue-years:{agency.pk}"
    years = cache.get(key)
    if years is None:
        dates = CatalogueEntry.objects.filter(agency=agency).values_list(
            "published_on", flat=True
        )
        first = dates.order_by("published_on").first()
        last = dates.order_by("-published_on").first()
        years = (
            []
            if first is None or last is None
            else list(range(last.year, first.year - 1, -1))
        )
        cache.set(key, years, COUNTS_CACHE_SECONDS)
    return list(years)


@dataclass(frozen=True)
class CataloguePage:
    """One page of the catalogue. Counting stops at ``MAX_COUNTED`` matches: beyond
    that the total is shown as "more than" and visitors narrow with the filters."""

    number: int
    page_size: int
    total: int
    total_is_exact: bool
    entries: Sequence[CatalogueEntry]

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def catalogue_count(entries: QuerySet[CatalogueEntry], *, cache_key: str = "") -> int:
    """How many entries match, counting at most ``MAX_COUNTED`` + 1.

    With a ``cache_key`` the count is kept for a minute in the shared cache: a
    catalogue's listing is read far more often than it changes, and counting a large
    one takes longer than the rest of the page. The rows themselves are always live.
    """
    if cache_key:
        cached = cache.get(cache_key)
        if cached is not None:
            return int(cached)
    counted = entries.order_by()[: MAX_COUNTED + 1].count()
    if cache_key:
        cache.set(cache_key, counted, COUNTS_CACHE_SECONDS)
    return counted


def catalogue_count_key(
    *, agency: Agency, filters: CatalogueFilters, today: datetime.date
) -> str:
    """The cache key of a catalogue count (the order does not change the count)."""
    facets = (
        filters.category,
        filters.topic,
        filters.year,
        filters.kind,
        filters.validity,
    )
    digest = hashlib.sha256(repr(facets).encode()).hexdigest()[:20]
    return f"gk:portal:catalogue-count:{agency.pk}:{today.isoformat()}:{digest}"


def catalogue_page(
    entries: QuerySet[CatalogueEntry],
    *,
    number: int,
    page_size: int,
    count_key: str = "",
) -> CataloguePage:
    """The ``number``-th page of ``entries`` (clamped to the pages that exist)."""
    counted = catalogue_count(entries, cache_key=count_key)
    total = min(counted, MAX_COUNTED)
    last_page = max(1, -(-total // page_size))
    number = min(max(1, number), last_page)
    offset = (number - 1) * page_size
    rows = list(
        entries.annotate(page_url_path=F("page__url_path")).only(*ENTRY_COLUMNS)[
            offset : offset + page_size
        ]
    )
    return CataloguePage(
        number=number,
        page_size=page_size,
        total=total,
        total_is_exact=counted <= MAX_COUNTED,
        entries=rows,
    )


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


def site_root_paths() -> list[str]:
    """The url_paths of the sites' root pages (Wagtail caches them)."""
    return [root.root_path for root in Site.get_site_root_paths()]


def public_path(url_path: str, roots: list[str]) -> str:
    """A page's path on the site: its url_path without the site root's (what
    ``Page.get_url`` gives on a single site, without a query per page)."""
    for root in roots:
        if url_path.startswith(root):
            return url_path[len(root) - 1 :]
    return ""


def _item_pages(entries: Sequence[CatalogueEntry]) -> dict[int, CatalogueItemPage]:
    pages = (
        CatalogueItemPage.objects.filter(pk__in=[e.page_id for e in entries])
        .select_related("document")
        .only(*ITEM_COLUMNS)
    )
    return {page.pk: page for page in pages}


def catalogue_rows(
    entries: Sequence[CatalogueEntry], *, today: datetime.date
) -> list[CatalogueRow]:
    """The metadata of a page of entries: 文号, 成文日期 and 有效性 come from the
    item pages (and their register documents), in one extra query."""
    specific = _item_pages(entries)
    roots = site_root_paths()
    rows = []
    for entry in entries:
        page = specific.get(entry.page_id)  # type: ignore[arg-type]
        url_path = getattr(entry, "page_url_path", "") or ""
        rows.append(
            CatalogueRow(
                entry=entry,
                url=public_path(url_path, roots),
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
class ItemLink:
    """A published item as a link in a short list."""

    title: str
    url: str
    published_on: datetime.date
    index_number: str


def item_links(entries: QuerySet[CatalogueEntry], *, limit: int) -> list[ItemLink]:
    """The newest ``limit`` of ``entries`` as links (one query, no page objects)."""
    roots = site_root_paths()
    rows = entries.order_by("-published_on", "-id").values_list(
        "title", "page__url_path", "published_on", "index_number"
    )[:limit]
    return [
        ItemLink(title, public_path(url_path or "", roots), published_on, number)
        for title, url_path, published_on, number in rows
    ]


@dataclass(frozen=True)
class CategoryBlock:
    value: str
    label: str
    count: int
    latest: list[ItemLink]


def _count_by(entries: QuerySet[CatalogueEntry], field: str) -> dict[str, int]:
    rows = entries.order_by().values_list(field).annotate(n=Count("id"))
    return {value: n for value, n in rows.values_list(field, "n") if value}


def _category_counts(agency: Agency) -> tuple[dict[str, int], dict[str, int]]:
    """Published items per Art. 20 and Art. 21 category. Counting a large catalogue
    takes a while, so the counts are kept in the shared cache for a minute."""
    key = f"gk:portal:category-counts:{agency.pk}"
    cached = cache.get(key)
    if cached is None:
        entries = public_entries(agency=agency)
        cached = (_count_by(entries, "category"), _count_by(entries, "art21_category"))
        cache.set(key, cached, COUNTS_CACHE_SECONDS)
    return cached


def proactive_overview(
    *, agency: Agency
) -> tuple[list[CategoryBlock], list[CategoryBlock]]:
    """法定主动公开内容: every Art. 20 category with its number of published items
    and the newest few; then the Art. 21 categories the agency uses."""
    entries = public_entries(agency=agency)
    counts, art21 = _category_counts(agency)

    def latest(**lookup: str) -> list[ItemLink]:
        return item_links(entries.filter(**lookup), limit=LATEST_PER_CATEGORY)

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


def latest_entries(*, agency: Agency, count: int = 8) -> list[ItemLink]:
    """The agency's newest published items, for its home page."""
    return item_links(public_entries(agency=agency), limit=count)
