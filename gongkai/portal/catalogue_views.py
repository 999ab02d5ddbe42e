"""An agency's catalogue (目录, Art. 12), its 法定主动公开内容 by Art. 20 category,
and its consultations. Item pages themselves are the publications app's pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.publications.models import Art20Category, ItemKind, Topic, Validity

from .catalogue import (
    CatalogueFilters,
    catalogue_count_key,
    catalogue_filter,
    catalogue_page,
    catalogue_rows,
    catalogue_years,
    consultation_lists,
    proactive_overview,
)
from .selectors import agency_public_get

PAGE_SIZE = 20
ANY = [("", _("Any"))]
SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("index", _("By index number")),
]


class CatalogueFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category (Art. 20)"),
        required=False,
        choices=ANY + Art20Category.choices,
    )
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=ANY + Topic.choices
    )
    year = forms.IntegerField(
        label=_("Year of publication"),
        required=False,
        min_value=1949,
        max_value=2999,
        widget=forms.Select,
    )
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=ANY + ItemKind.choices
    )
    validity = forms.ChoiceField(
        label=_("Validity"),
        required=False,
        choices=ANY + [c for c in Validity.choices if c[0]],
    )
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.choices = ANY + [(y, str(y)) for y in years]  # type: ignore[attr-defined]

    def filters(self) -> CatalogueFilters:
        if not self.is_bound:
            return CatalogueFilters()
        self.is_valid()  # each valid filter applies even if another one is invalid
        data = self.cleaned_data
        return CatalogueFilters(
            category=data.get("category", ""),
            topic=data.get("topic", ""),
            year=data.get("year"),
            kind=data.get("kind", ""),
            validity=data.get("validity", ""),
            sort=data.get("sort") or "newest",
        )


def _page_number(request: HttpRequest) -> int:
    value = request.GET.get("page", "")
    return int(value) if value.isdigit() and len(value) < 6 else 1


def catalogue(request: HttpRequest, agency_id: int) -> HttpResponse:
    """The catalogue with filters (category, topic, year, type, validity) and order."""
    agency = agency_public_get(agency_id=agency_id)
    form = CatalogueFilterForm(
        request.GET or None, years=catalogue_years(agency=agency)
    )
    today = timezone.localdate()
    filters = form.filters()
    entries = catalogue_filter(agency=agency, filters=filters, today=today)
    page = catalogue_page(
        entries,
        number=_page_number(request),
        page_size=PAGE_SIZE,
        count_key=catalogue_count_key(agency=agency, filters=filters, today=today),
    )
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        "portal/agency/catalogue.html",
        {
            "agency": agency,
            "form": form,
            "page": page,
            "rows": catalogue_rows(page.entries, today=today),
            "query": urlencode(params),
            "filtered": bool(params),
            "section": "catalogue",
        },
    )


def proactive(request: HttpRequest, agency_id: int) -> HttpResponse:
    """法定主动公开内容: the Art. 20 (and Art. 21) categories with their items."""
    agency = agency_public_get(agency_id=agency_id)
    art20, art21 = proactive_overview(agency=agency)
    return render(
        request,
        "portal/agency/proactive.html",
        {"agency": agency, "art20": art20, "art21": art21, "section": "proactive"},
    )


def consultations(request: HttpRequest, agency_id: int) -> HttpResponse:
    """Open consultations accept comments; closed ones show the feedback."""
    agency = agency_public_get(agency_id=agency_id)
    lists = consultation_lists(agency=agency, today=timezone.localdate())
    return render(
        request,
        "portal/agency/consultations.html",
        {"agency": agency, "lists": lists, "section": "consultations"},
    )
