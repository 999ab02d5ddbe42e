"""Reading the search index: the public search (Art. 24: 信息检索)."""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connections, router
from django.db.models import Q
from django.utils.safestring import SafeString, mark_safe

from gongkai.agencies.models import Agency

from . import highlight
from .backends import FacetRow, Filters, SearchBackend, backend_for
from .cache import search_results_cached
from .models import SearchEntry
from .segment import QueryPlan, query_plan

MAX_PAGE_SIZE = 100
# Matches are counted (and faceted) up to this many; beyond it a query reports
# "more than MAX_COUNTED" and only the first MAX_COUNTED can be paged through.
MAX_COUNTED = 10_000
MAX_PAGE = 1_000_000
MAX_YEAR = 32767  # PositiveSmallIntegerField
MAX_ID = 2**63 - 1
# Exact 文号/索引号 hits shown ahead of the ranked ones; more would be a data error.
MAX_EXACT_HITS = 50


@dataclass(frozen=True)
class FacetCount:
    value: str | int
    label: str
    count: int


@dataclass(frozen=True)
class SearchHit:
    """One result: the entry's public fields and its highlighted title and snippet.

    ``title_html``, ``doc_number_html``, ``index_number_html`` and ``snippet_html``
    are safe HTML: the
    source text escaped, matched words in ``<mark>``. ``exact`` is true when the
    query was this entry's 文号 or 索引号.
    """

    entry_id: int
    kind: str
    object_key: str
    url: str
    title: str
    doc_number: str
    index_number: str
    agency_id: int
    agency_name: str
    category: str
    year: int | None
    published_at: datetime.datetime | None
    summary: str
    title_html: SafeString
    doc_number_html: SafeString
    index_number_html: SafeString
    snippet_html: SafeString
    exact: bool


@dataclass(frozen=True)
class SearchResults:
    """One page of results.

    ``total`` is exact when ``total_is_exact``; otherwise the query matched more
    than ``total`` entries (a very common word), only that many can be paged
    through, and there are no facet counts.
    """

    query: str
    total: int
    page: int
    page_size: int
    hits: list[SearchHit] = field(default_factory=list)
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    total_is_exact: bool = True

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def _exact_rows(plan: QueryPlan, filters: Filters) -> list[tuple[int, FacetRow]]:
    """Entries whose 文号 or 索引号 is the query: (id, facet row) pairs, newest first."""
    if not plan.number_key:
        return []
    qs = SearchEntry.objects.filter(
        Q(doc_number_key=plan.number_key) | Q(index_number_key=plan.number_key)
    )
    if filters.agency_ids is not None:
        qs = qs.filter(agency_id__in=filters.agency_ids)
    for name in ("category", "year", "kind"):
        value = getattr(filters, name)
        if value is not None:
            qs = qs.filter(**{name: value})
    rows = qs.order_by("-published_at", "-pk").values_list(
        "pk", "agency_id", "category", "year"
    )[:MAX_EXACT_HITS]
    return [
        (pk, (agency_id, category, year, 1)) for pk, agency_id, category, year in rows
    ]


def _facets(rows: Iterable[FacetRow]) -> dict[str, list[FacetCount]]:
    by_agency: Counter[int] = Counter()
    by_category: Counter[str] = Counter()
    by_year: Counter[int] = Counter()
    for agency_id, category, year, count in rows:
        by_agency[agency_id] += count
        if category:
            by_category[category] += count
        if year is not None:
            by_year[year] += count
    names = dict(Agency.objects.filter(pk__in=by_agency).values_list("pk", "name"))
    return {
        "agency": [
            FacetCount(pk, names.get(pk, str(pk)), n)
            for pk, n in by_agency.most_common()
        ],
        "category": [FacetCount(c, c, n) for c, n in sorted(by_category.items())],
        "year": [
            FacetCount(y, str(y), n) for y, n in sorted(by_year.items(), reverse=True)
        ],
    }


def _snippet(entry: SearchEntry, terms: tuple[str, ...]) -> str:
    for text in (entry.body_text, entry.attachment_text, entry.summary):
        found = highlight.snippet(text, terms)
        if found:
            return found
    return highlight.excerpt(entry.summary or entry.body_text)


def _hit(entry: SearchEntry, plan: QueryPlan, *, exact: bool) -> SearchHit:
    terms = plan.terms

    def number_html(value: str, key: str, *, words: bool) -> str:
        if exact and key == plan.number_key:
            return highlight.mark_whole(value)
        # When the query was a number, words inside other numbers are noise.
        return highlight.highlight(value, terms if words and not exact else ())

    return SearchHit(
        entry_id=entry.pk,
        kind=entry.kind,
        object_key=entry.object_key,
        url=entry.url,
        title=entry.title,
        doc_number=entry.doc_number,
        index_number=entry.index_number,
        agency_id=entry.agency_id,
        agency_name=entry.agency.name,
        category=entry.category,
        year=entry.year,
        published_at=entry.published_at,
        summary=entry.summary,
        # Everything below was escaped by ``highlight``; only <mark> is markup.
        title_html=mark_safe(highlight.highlight(entry.title, terms)),  # noqa: S308
        doc_number_html=mark_safe(  # noqa: S308
            number_html(entry.doc_number, entry.doc_number_key, words=True)
        ),
        index_number_html=mark_safe(  # noqa: S308
            # An index number is a code: only an exact hit is marked.
            number_html(entry.index_number, entry.index_number_key, words=False)
        ),
        snippet_html=mark_safe(_snippet(entry, terms)),  # noqa: S308
        exact=exact,
    )


def _hits(ids: list[int], exact_ids: set[int], plan: QueryPlan) -> list[SearchHit]:
    entries = (
        SearchEntry.objects.filter(pk__in=ids)
        .select_related("agency")
        .defer("segmented", "segmented_title")
        .in_bulk()
    )
    return [
        _hit(entries[pk], plan, exact=pk in exact_ids) for pk in ids if pk in entries
    ]


def _backend() -> SearchBackend:
    return backend_for(connections[router.db_for_read(SearchEntry)])


def _in_range(value: int | None, top: int) -> bool:
    # Values from a query string can be any size; the databases refuse huge ones.
    return value is None or 0 <= value <= top


def _clean_filter(value: str | None) -> str | None:
    # Filter values come from the query string; PostgreSQL rejects NUL in text.
    return (value or "").replace("\x00", "") or None


def search_query(
    *,
    q: str,
    agency_ids: Iterable[int] | None = None,
    category: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    page: int = 1,
    page_size: int = 20,
) -> SearchResults:
    """Search the published entries for what a visitor typed.

    Words match inside longer words (司法 finds 中卫市司法局). A query that is an
    entry's 文号 or 索引号, however its brackets and spaces were typed, finds that
    entry first. Filters restrict by agency, Art. 20 category, year and kind. Any
    input is accepted: an empty query gives no results, odd syntax is plain text.
    Results are cached until the index changes (``cache.search_results_cached``).
    """
    page = min(max(1, int(page)), MAX_PAGE)
    page_size = min(max(1, int(page_size)), MAX_PAGE_SIZE)
    agencies = tuple(agency_ids) if agency_ids is not None else None
    return search_results_cached(
        (q, agencies, category, year, kind, page, page_size, MAX_COUNTED),
        lambda: _search(
            q=q,
            agency_ids=agencies,
            category=category,
            year=year,
            kind=kind,
            page=page,
            page_size=page_size,
        ),
    )


def _search(
    *,
    q: str,
    agency_ids: tuple[int, ...] | None,
    category: str | None,
    year: int | None,
    kind: str | None,
    page: int,
    page_size: int,
) -> SearchResults:
    empty = SearchResults(query=q or "", total=0, page=page, page_size=page_size)
    plan = query_plan(q or "")
    if plan.is_empty or not _in_range(year, MAX_YEAR):
        return empty
    filters = Filters(
        agency_ids=(
            tuple(i for i in agency_ids if _in_range(i, MAX_ID))
            if agency_ids is not None
            else None
        ),
        category=_clean_filter(category),
        year=year,
        kind=_clean_filter(kind),
    )
    exact_rows = _exact_rows(plan, filters)
    exact = [pk for pk, _row in exact_rows]
    rows = [row for _pk, row in exact_rows]
    offset = (page - 1) * page_size
    ids = exact[offset : offset + page_size]
    complete = True
    if plan.clauses:
        # Exact hits come first; the ranked matches fill the rest of the pages.
        found = _backend().search(
            plan,
            dataclasses.replace(filters, exclude_ids=tuple(exact)),
            limit=page_size - len(ids),
            offset=max(0, offset - len(exact)),
            cap=MAX_COUNTED,
        )
        rows += found.facet_rows
        ids += found.ids
        complete = found.complete
    total = sum(row[3] for row in rows) if complete else len(exact) + MAX_COUNTED
    if not total:
        return empty
    return SearchResults(
        query=q,
        total=total,
        total_is_exact=complete,
        page=page,
        page_size=page_size,
        hits=_hits(ids, set(exact), plan),
        facets=_facets(rows) if complete else {},
    )
