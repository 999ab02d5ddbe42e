"""The public search page (Art. 24: 信息检索) over the index kept by
``gongkai.search``: titles, 文号, bodies and attachments' text, Chinese-aware,
filterable by agency, category and year, matches highlighted."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.search.selectors import SearchResults, search_query

from .labels import category_label

PAGE_SIZE = 20
MAX_PAGE = 500


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    agency = forms.IntegerField(required=False, min_value=1)
    category = forms.CharField(required=False, max_length=40)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2999)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)


def _params(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "") and k != "page"}


def _url(params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def _facets(results: SearchResults, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Facet groups as lists of links (no JavaScript needed to filter)."""
    groups = []
    for key, heading in (
        ("agency", _("Agency")),
        ("category", _("Category")),
        ("year", _("Year")),
    ):
        values = results.facets.get(key, [])
        groups.append(
            {
                "key": key,
                "heading": heading,
                "active": params.get(key),
                "clear_url": _url(params, **{key: None}),
                "values": [
                    {
                        "label": category_label(str(f.value))
                        if key == "category"
                        else f.label,
                        "count": f.count,
                        "url": _url(params, **{key: f.value}),
                        "active": str(params.get(key, "")) == str(f.value),
                    }
                    for f in values
                ],
            }
        )
    return groups


def search(request: HttpRequest) -> HttpResponse:
    """Search results: exact 文号/索引号 matches first, then by relevance."""
    form = SearchForm(request.GET)
    data: dict[str, Any] = form.cleaned_data if form.is_valid() else {"q": ""}
    params = _params(data)
    q = str(data.get("q") or "").strip()
    results = search_query(
        q=q,
        agency_ids=[data["agency"]] if data.get("agency") else None,
        category=data.get("category") or None,
        year=data.get("year"),
        page=data.get("page") or 1,
        page_size=PAGE_SIZE,
    )
    agency = (
        Agency.objects.filter(pk=data["agency"]).first() if data.get("agency") else None
    )
    return render(
        request,
        "portal/search/results.html",
        {
            "form": form,
            "q": q,
            "search_q": q,
            "results": results,
            "scope_agency": agency,
            "first_number": (results.page - 1) * results.page_size + 1,
            "facets": _facets(results, params) if results.total else [],
            "previous_url": _url(params, page=results.page - 1)
            if results.has_previous
            else "",
            "next_url": _url(params, page=results.page + 1) if results.has_next else "",
        },
    )
