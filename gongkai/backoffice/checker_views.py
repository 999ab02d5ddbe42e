"""The report checker in the back office: the same upload form and results as the public
page (``gongkai.portal.checker_views``), for staff checking departments' reports.

Any user with access to the admin may use it; it reads no agency data, so it needs no
agency permission.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from gongkai.portal.checker_views import checker_page, kept_results, with_memory_uploads


@with_memory_uploads
@require_http_methods(["GET", "POST"])
def checker(request: HttpRequest) -> HttpResponse:
    return checker_page(
        request,
        template="backoffice/checker/check.html",
        context={
            "page_title": _("Report checker"),
            "result_url_name": "backoffice_checker:result",
        },
    )


@require_http_methods(["GET", "POST"])
def checker_result(request: HttpRequest) -> HttpResponse:
    return kept_results(request)


urlpatterns = [
    path("", checker, name="check"),
    path("result.json", checker_result, name="result"),
]
