"""The report checker's pages on the public portal (``/checker/``), and the page logic the
back office reuses (``gongkai.backoffice.checker_views``).

Anyone may upload published reports and see, per file, the recovered tables with the
offending cells highlighted and the findings. Nothing is stored unless the user ticks
"keep", which puts the JSON result (spec §5) in the session for download.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from gongkai.report.model import Report, all_cell_paths, cell_label, row_label
from gongkai.report.parsers import detect
from gongkai.report.parsers.checker import CheckResult, check_many
from gongkai.report.parsers.display import LEVEL_NAMES, SEVERITY_NAMES, number
from gongkai.report.render import REPORT_CSS, render_html

from .checker_forms import CheckerForm, LimitedMemoryUploadHandler

SESSION_KEY = "report_checker_results"
_CELL_PATHS = frozenset(all_cell_paths())
_ROW_PATHS = frozenset(path.rsplit(".", 1)[0] for path in _CELL_PATHS)


def _highlight(result: CheckResult) -> set[str]:
    cells = {f.where for f in result.findings if f.where in _CELL_PATHS}
    if result.report is not None:
        cells |= set(result.report.uncertain)
    return cells


def _tables_html(report: Report, highlight: set[str], id_prefix: str) -> str:
    """The recovered tables in the official layout, offending cells highlighted (the
    report's text is left out: the page shows the tables)."""
    tables_only = report.copy()
    tables_only.preamble = ""
    tables_only.sections = dict.fromkeys(report.sections)
    # render_html escapes every text it prints (agency name, labels, numbers).
    html = render_html(tables_only, highlight=highlight, id_prefix=id_prefix)
    return mark_safe(html)  # noqa: S308


def _where(where: str, id_prefix: str) -> dict[str, str]:
    """A finding's place: the cell's Chinese name and a link to it in the tables."""
    if where in _CELL_PATHS:
        return {"where_label": cell_label(where), "anchor": f"{id_prefix}{where}"}
    if where in _ROW_PATHS:
        return {"where_label": row_label(where), "anchor": ""}
    return {"where_label": "", "anchor": ""}


def result_context(result: CheckResult, number_on_page: int = 1) -> dict[str, Any]:
    """What the result template shows for one file (the ``number_on_page``-th)."""
    context: dict[str, Any] = {"file": result.file, "error": result.error}
    id_prefix = f"f{number_on_page}-"
    if result.report is None:
        return context
    report = result.report
    context.update(
        format=detect.FORMAT_LABELS.get(result.source_format or "", ""),
        agency=report.agency,
        year=report.year or None,
        level=LEVEL_NAMES[report.level],
        published_on=report.published_on,
        has_errors=result.has_errors,
        previous_year=result.previous_year,
        tables=_tables_html(report, _highlight(result), id_prefix),
        findings=[
            {
                "severity": finding.severity,
                "severity_name": SEVERITY_NAMES[finding.severity],
                "rule": finding.rule,
                "message": finding.message,
                "where": finding.where,
                **_where(finding.where, id_prefix),
                "options": "、".join(
                    number(v) for v in result.alternatives.get(finding.where, [])
                ),
            }
            for finding in result.findings
        ],
        inferred=len(report.inferred),
    )
    return context


def checker_page(
    request: HttpRequest,
    *,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Show the form; on a valid upload, check the files and show the results."""
    form = CheckerForm(request.POST or None, request.FILES or None)
    results = None
    kept = False
    if request.method == "POST" and form.is_valid():
        checked = check_many(form.cleaned_data["reports"])
        results = [result_context(r, i) for i, r in enumerate(checked, start=1)]
        if form.cleaned_data["keep"]:
            request.session[SESSION_KEY] = json.loads(
                json.dumps(
                    [r.to_json() for r in checked], ensure_ascii=False, default=str
                )
            )
            kept = True
    return render(
        request,
        template,
        {
            **context,
            "form": form,
            "results": results,
            "kept": kept or SESSION_KEY in request.session,
            "report_css": REPORT_CSS,
        },
    )


def kept_results(request: HttpRequest) -> HttpResponse:
    """The JSON result kept in the session (404 when nothing was kept); a POST with
    ``forget`` deletes it."""
    if request.method == "POST":
        request.session.pop(SESSION_KEY, None)
        return JsonResponse([], safe=False)
    results = request.session.get(SESSION_KEY)
    if results is None:
        return JsonResponse({"error": str(_("No result has been kept."))}, status=404)
    response = JsonResponse(
        results, safe=False, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="report-check.json"'
    return response


def with_memory_uploads(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Install the memory-only upload handler before the CSRF check reads the body."""
    protected = csrf_protect(view)

    @csrf_exempt
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.upload_handlers = [LimitedMemoryUploadHandler(request)]
        return protected(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@with_memory_uploads
@require_http_methods(["GET", "POST"])
def checker(request: HttpRequest) -> HttpResponse:
    """Public page: upload reports, see what is wrong and where (no account needed)."""
    return checker_page(
        request,
        template="portal/checker/check.html",
        context={"result_url_name": "portal:checker_result"},
    )


@require_http_methods(["GET", "POST"])
def checker_result(request: HttpRequest) -> HttpResponse:
    """Download (GET) or forget (POST) the result the user chose to keep."""
    return kept_results(request)


urlpatterns = [
    path("", checker, name="checker"),
    path("result.json", checker_result, name="checker_result"),
]
