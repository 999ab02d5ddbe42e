"""The report list and the editor: texts, tables with overrides, live findings, and the
workflow buttons. Every view names its permission; the services check it again."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_list_for_user, user_has_agency_perm
from gongkai.backoffice.views import forbidden_as_403
from gongkai.report.jsonio import report_to_json
from gongkai.report.labels import SECTION_HEADINGS
from gongkai.report.render import render_html

from .. import services
from ..checks import CheckResult, report_check
from ..forms import (
    AcknowledgeForm,
    NewVersionForm,
    OverrideForm,
    PublishForm,
    SectionsForm,
    StartReportForm,
)
from ..models import TEXT_KEYS, AnnualReport, ReportStatus
from ..selectors import (
    report_get_for_user,
    report_list_for_user,
    report_revision_history,
    report_versions,
)
from .display import editor_tables


@forbidden_as_403
def report_index(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.VIEW to list; Perm.HANDLE on the agency to start a report."""
    startable = agency_list_for_user(user=request.user, perm=Perm.HANDLE)
    form = StartReportForm(request.POST or None, agencies=startable)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_start(
                acting_user=request.user,
                agency=form.cleaned_data["agency"],
                year=form.cleaned_data["year"],
            )
        except ValidationError as exc:
            form.add_error("year", exc)
        else:
            return redirect("annual_reports:editor", pk=report.pk)
    reports = report_list_for_user(user=request.user).order_by(
        "-year", "agency__name", "-version"
    )
    return render(
        request,
        "annual_reports/index.html",
        {
            "reports": reports[:500],
            "form": form if startable.exists() else None,
            "page_title": _("Annual reports"),
        },
    )


def _flagged(result: CheckResult) -> set[str]:
    return {f.where for f in result.findings}


def _texts_initial(result: CheckResult) -> dict[str, str]:
    return {
        "preamble": result.report.preamble,
        **{k: v or "" for k, v in result.report.sections.items()},
    }


def _text_rows(form: SectionsForm, result: CheckResult) -> list[dict[str, Any]]:
    built = result.built
    return [
        {
            "key": key,
            "field": form[key],
            "drafted": built is not None and built.text_is_drafted(key),
            "revision": built.texts.get(key) if built else None,
        }
        for key in TEXT_KEYS
    ]


def _findings(result: CheckResult, editable: bool) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for finding in result.findings:
        ack = result.acknowledgement_for(finding)
        form = None
        if editable and finding.severity == "warning" and ack is None:
            form = AcknowledgeForm(
                initial={"rule": finding.rule, "where": finding.where},
                prefix=f"ack{len(rows)}",
            )
        rows.append({"finding": finding, "ack": ack, "form": form})
    return rows


def _permissions(request: HttpRequest, report: AnnualReport) -> dict[str, bool]:
    handle = user_has_agency_perm(
        user=request.user, agency=report.agency_id, perm=Perm.HANDLE
    )
    approve = user_has_agency_perm(
        user=request.user, agency=report.agency_id, perm=Perm.APPROVE
    )
    draft = report.status == ReportStatus.DRAFT
    latest = report_versions(agency=report.agency_id, year=report.year).first()
    return {
        "can_edit": handle and draft,
        "can_approve": approve and draft,
        "can_reopen": approve and report.status == ReportStatus.APPROVED,
        "can_publish": approve and report.status == ReportStatus.APPROVED,
        "can_correct": handle
        and report.status == ReportStatus.PUBLISHED
        and latest is not None
        and latest.pk == report.pk,
    }


def _editor(
    request: HttpRequest,
    report: AnnualReport,
    *,
    sections_form: SectionsForm | None = None,
    override_form: OverrideForm | None = None,
    status: int = 200,
) -> HttpResponse:
    result = report_check(report=report)
    perms = _permissions(request, report)
    if sections_form is None:
        sections_form = SectionsForm(
            initial=_texts_initial(result), disabled=not perms["can_edit"]
        )
    built = result.built
    context = {
        "report": report,
        "result": result,
        "findings": _findings(result, perms["can_edit"]),
        "text_rows": _text_rows(sections_form, result),
        "sections_form": sections_form,
        "tables": editor_tables(
            result.report,
            built.computed if built else None,
            built.overrides if built else {o.path: o for o in report.overrides.all()},
            _flagged(result),
        ),
        "override_form": override_form or OverrideForm(),
        "publish_form": PublishForm(),
        "new_version_form": NewVersionForm(),
        "versions": report_versions(agency=report.agency_id, year=report.year),
        "aggregation": built.aggregation if built else None,
        "deadline": report.agency.statutory_report_deadline(report.year),
        "gap_labels": [SECTION_HEADINGS.get(key, _("Preamble")) for key in result.gaps],
        "page_title": _("%(agency)s annual report %(year)s")
        % {"agency": report.agency.name, "year": report.year},
        **perms,
    }
    return render(request, "annual_reports/editor.html", context, status=status)


@forbidden_as_403
def report_editor(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.VIEW (read-only); editing needs Perm.HANDLE, approving
    Perm.APPROVE. Every load re-runs every rule on the report as built now."""
    report = report_get_for_user(user=request.user, pk=pk, perm=Perm.VIEW)
    return _editor(request, report)


def _action(
    request: HttpRequest,
    pk: int,
    perm: Perm,
    run: Callable[[AnnualReport], str],
) -> HttpResponse:
    report = report_get_for_user(user=request.user, pk=pk, perm=perm)
    try:
        message = run(report)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, message)
    return redirect("annual_reports:editor", pk=report.pk)


@require_POST
@forbidden_as_403
def report_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.HANDLE. On refusal the texts entered are shown again."""
    report = report_get_for_user(user=request.user, pk=pk, perm=Perm.HANDLE)
    form = SectionsForm(request.POST)
    if form.is_valid():
        texts = {k: form.cleaned_data[k] for k in TEXT_KEYS if k in request.POST}
        try:
            created = services.report_save_draft(
                acting_user=request.user, report=report, texts=texts
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Saved %(count)s changed text(s).") % {"count": len(created)}
                if created
                else _("Nothing changed."),
            )
            return redirect("annual_reports:editor", pk=report.pk)
    messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    return _editor(request, report, sections_form=form, status=400)


@require_POST
@forbidden_as_403
def report_override(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.HANDLE. The value and reason entered are kept on refusal."""
    report = report_get_for_user(user=request.user, pk=pk, perm=Perm.HANDLE)
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            services.report_override_cell(
                acting_user=request.user, report=report, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error("value", exc)
        else:
            messages.success(request, _("The cell was overridden."))
            return redirect("annual_reports:editor", pk=report.pk)
    return _editor(request, report, override_form=form, status=400)


@require_POST
@forbidden_as_403
def report_clear_override(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.HANDLE."""

    def run(report: AnnualReport) -> str:
        services.report_clear_override(
            acting_user=request.user, report=report, path=request.POST.get("path", "")
        )
        return _("The computed value is used again.")

    return _action(request, pk, Perm.HANDLE, run)


@require_POST
@forbidden_as_403
def report_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.HANDLE."""
    prefix = request.POST.get("prefix", "")

    def run(report: AnnualReport) -> str:
        form = AcknowledgeForm(request.POST, prefix=prefix or None)
        if not form.is_valid():
            raise ValidationError(_("Write a note explaining the warning."))
        services.report_acknowledge_warning(
            acting_user=request.user, report=report, **form.cleaned_data
        )
        return _("The warning was acknowledged.")

    return _action(request, pk, Perm.HANDLE, run)


@require_POST
@forbidden_as_403
def report_redraft(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    """Permission: Perm.HANDLE."""

    def run(report: AnnualReport) -> str:
        services.report_redraft_section(
            acting_user=request.user, report=report, section=section
        )
        return _("The section was drafted again from the current figures.")

    return _action(request, pk, Perm.HANDLE, run)


@require_POST
@forbidden_as_403
def report_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.APPROVE (head of the office)."""

    def run(report: AnnualReport) -> str:
        services.report_approve(acting_user=request.user, report=report)
        return _("The report was approved; its figures are frozen.")

    return _action(request, pk, Perm.APPROVE, run)


@require_POST
@forbidden_as_403
def report_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.APPROVE."""

    def run(report: AnnualReport) -> str:
        services.report_reopen(acting_user=request.user, report=report)
        return _("The report is a draft again.")

    return _action(request, pk, Perm.APPROVE, run)


@require_POST
@forbidden_as_403
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.APPROVE."""

    def run(report: AnnualReport) -> str:
        form = PublishForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Enter a valid publication date."))
        services.report_publish(
            acting_user=request.user,
            report=report,
            published_on=form.cleaned_data["published_on"],
        )
        return _("The report was published and filed.")

    return _action(request, pk, Perm.APPROVE, run)


@require_POST
@forbidden_as_403
def report_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.HANDLE."""
    report = report_get_for_user(user=request.user, pk=pk, perm=Perm.HANDLE)
    form = NewVersionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Explain what the new version corrects."))
        new = services.report_new_version(
            acting_user=request.user,
            report=report,
            correction_note=form.cleaned_data["correction_note"],
        )
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
        return redirect("annual_reports:editor", pk=report.pk)
    messages.success(request, _("Version %(n)s started.") % {"n": new.version})
    return redirect("annual_reports:editor", pk=new.pk)


@forbidden_as_403
def report_history(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    """Permission: Perm.VIEW."""
    report = report_get_for_user(user=request.user, pk=pk, perm=Perm.VIEW)
    if section not in TEXT_KEYS:
        raise Http404
    return render(
        request,
        "annual_reports/history.html",
        {
            "report": report,
            "section": section,
            "heading": SECTION_HEADINGS.get(section, _("Preamble")),
            "revisions": report_revision_history(report=report, section=section),
            "page_title": _("Revisions"),
        },
    )


@forbidden_as_403
def report_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.VIEW. The report in the official layout, as built now (or as
    frozen)."""
    report = report_get_for_user(user=request.user, pk=pk, perm=Perm.VIEW)
    result = report_check(report=report)
    if request.GET.get("format") == "json":
        data = report_to_json(result.report)
        data["findings"] = [f.to_dict() for f in result.findings]
        return HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    highlight = {f.where for f in result.findings}
    return HttpResponse(
        render_html(result.report, standalone=True, highlight=highlight)
    )
