"""The public search page (Art. 24: the disclosure platform offers 信息检索)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.search.selectors import FacetCount, SearchResults, search_query

from .labels import category_label

PAGE_SIZE = 20
MAX_PAGE = 500


class SearchForm(forms.Form):
    """What the search box and its filters accept; anything else is explained."""

    q = forms.CharField(
        label=_("Search for"),
        max_length=200,
        required=False,
        error_messages={
            "max_length": _("Please enter at most %(limit_value)d characters.")
        },
    )
    agency = forms.TypedChoiceField(
        label=_("Agency"), coerce=int, required=False, empty_value=None
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=1949,
        max_value=2100,
        required=False,
        error_messages={"invalid": _("The year must be a number such as 2023.")},
    )
    category = forms.CharField(max_length=40, required=False)
    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.TypedChoiceField)
        agency_field.choices = [("", _("All agencies"))] + [
            (agency.pk, agency.name) for agency in Agency.objects.order_by("name")
        ]


def _link(params: QueryDict, **changes: Any) -> str:
    """The current query string with ``changes`` applied (None removes a key)."""
    query = params.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = str(value)
    return "?" + query.urlencode()


def _facet_links(
    facets: dict[str, list[FacetCount]], params: QueryDict, cleaned: dict[str, Any]
) -> list[dict[str, Any]]:
    groups = [
        ("agency", _("By agency")),
        ("category", _("By category")),
        ("year", _("By year")),
    ]
    return [
        {
            "name": name,
            "title": title,
            "active": cleaned.get(name) not in (None, ""),
            "clear_url": _link(params, **{name: None}),
            "values": [
                {
                    "label": category_label(str(facet.value))
                    if name == "category"
                    else facet.label,
                    "count": facet.count,
                    "url": _link(params, **{name: facet.value}),
                    "current": str(cleaned.get(name)) == str(facet.value),
                }
                for facet in facets.get(name, [])
            ],
        }
        for name, title in groups
        if facets.get(name)
    ]


def _results(cleaned: dict[str, Any]) -> SearchResults:
    agency = cleaned.get("agency")
    return search_query(
        q=cleaned.get("q") or "",
        agency_ids=[agency] if agency is not None else None,
        category=cleaned.get("category") or None,
        year=cleaned.get("year"),
        page=cleaned.get("page") or 1,
        page_size=PAGE_SIZE,
    )


def search(request: HttpRequest) -> HttpResponse:
    """Search the published documents of every agency hosted here.

    Invalid filters are reported next to the form and left out of the search; the
    visitor's input stays in the form.
    """
    form = SearchForm(request.GET or None)
    cleaned: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()
        cleaned = form.cleaned_data
    results = _results(cleaned) if (cleaned.get("q") or "").strip() else None
    context: dict[str, Any] = {"form": form, "results": results, "facet_groups": []}
    if results is not None:
        page = results.page
        context["results_start"] = (page - 1) * results.page_size + 1
        context["facet_groups"] = _facet_links(results.facets, request.GET, cleaned)
        context["previous_url"] = (
            _link(request.GET, page=page - 1) if results.has_previous else None
        )
        context["next_url"] = (
            _link(request.GET, page=page + 1)
            if results.has_next and page < MAX_PAGE
            else None
        )
    return render(request, "portal/search.html", context)
