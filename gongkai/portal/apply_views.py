"""Online application (Art. 29) and its confirmation.

No JavaScript and no CAPTCHA: abuse is limited per IP address and per applicant
(``ratelimit``); a form posted twice creates one application (submission token).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Agency
from gongkai.cases.models import Application
from gongkai.cases.selectors import case_calendar

from . import ratelimit
from .apply_forms import MAX_ITEMS, ApplicantForm, ItemFormSet
from .selectors import (
    agency_public_get,
    applicant_clock,
    application_by_token,
    application_get_by_number,
)
from .services import application_submit_online, remembered_query_code
from .track_views import allow_case_for_session
from .uploads import pending_discard, pending_resolve, pending_stash

SESSION_KEY = "portal_applications"
TOKEN_MAX_LENGTH = 64
ITEMS_PREFIX = "items"
UPLOAD_AGAIN = _("Please upload the identity document again.")
RATE_LIMITED = _(
    "Too many applications have been sent from this connection or for this applicant in a short time. Your entries are kept below; please try again later, or apply by letter or in person."
)


def _token(data: QueryDict) -> str:
    token = str(data.get("submission_token", ""))[:TOKEN_MAX_LENGTH]
    return token if len(token) >= 16 else ""


def _render(
    request: HttpRequest,
    agency: Agency,
    form: ApplicantForm,
    formset: Any,
    *,
    status: int = 200,
    notice: str = "",
    pending_name: str = "",
) -> HttpResponse:
    errors = form.errors or any(f.errors for f in formset.forms)
    return render(
        request,
        "portal/apply/form.html",
        {
            "agency": agency,
            "form": form,
            "formset": formset,
            "has_errors": bool(errors),
            "error_forms": [form, *formset.forms],
            "notice": notice,
            "pending_name": pending_name,
            "max_items": MAX_ITEMS,
            "section": "apply",
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, agency_id: int) -> HttpResponse:
    """The application form (Art. 29) of one agency."""
    agency = agency_public_get(agency_id=agency_id)
    if request.method == "POST":
        return _apply_post(request, agency)
    form = ApplicantForm(initial={"submission_token": secrets.token_urlsafe(24)})
    return _render(request, agency, form, ItemFormSet(prefix=ITEMS_PREFIX))


def _keep_upload(form: ApplicantForm, data: QueryDict, token: str) -> str:
    """Keep a valid identity document sent with a form that comes back; returns the
    original file name for the page ("already uploaded: …")."""
    file = (
        form.cleaned_data.get("id_document") if hasattr(form, "cleaned_data") else None
    )
    if not file or not form.id_document_extension:
        return ""
    data["pending_document"] = pending_stash(
        file=file, extension=form.id_document_extension, token=token
    )
    return str(file.name)


def _with_more_items(
    request: HttpRequest, agency: Agency, data: QueryDict, pending_name: str
) -> HttpResponse:
    """The "add another item" button: the same form, unvalidated, one more row."""
    initial = {name: data.get(name, "") for name in ApplicantForm.base_fields}
    rows = []
    for index in range(
        min(int(data.get(f"{ITEMS_PREFIX}-TOTAL_FORMS", 1) or 1), MAX_ITEMS)
    ):
        rows.append(
            {
                "description": data.get(f"{ITEMS_PREFIX}-{index}-description", ""),
                "document_number": data.get(
                    f"{ITEMS_PREFIX}-{index}-document_number", ""
                ),
            }
        )
    if len(rows) < MAX_ITEMS:
        rows.append({})
    form = ApplicantForm(initial=initial)
    formset = ItemFormSet(prefix=ITEMS_PREFIX, initial=rows)
    return _render(request, agency, form, formset, pending_name=pending_name)


def _apply_post(request: HttpRequest, agency: Agency) -> HttpResponse:
    data = request.POST.copy()
    token = _token(data) or secrets.token_urlsafe(24)
    data["submission_token"] = token
    pending = pending_resolve(
        reference=str(data.get("pending_document", "")), token=token
    )
    if pending is None:
        data["pending_document"] = ""
    form = ApplicantForm(data, request.FILES, has_pending_document=pending is not None)
    formset = ItemFormSet(data, prefix=ITEMS_PREFIX)
    valid = form.is_valid() & formset.is_valid()  # both, to show every error
    if "add_item" in data:
        pending_name = _keep_upload(form, data, token) or _name(pending)
        return _with_more_items(request, agency, data, pending_name)
    if not valid:
        pending_name = _keep_upload(form, data, token) or _name(pending)
        return _render(
            request, agency, form, formset, status=400, pending_name=pending_name
        )
    existing = application_by_token(submission_token=token)
    if existing is None and _limited(request, form.cleaned_data["id_number"]):
        pending_name = _keep_upload(form, data, token) or _name(pending)
        return _render(
            request,
            agency,
            form,
            formset,
            status=429,
            notice=str(RATE_LIMITED),
            pending_name=pending_name,
        )
    return _register(request, agency, form, formset, token, pending)


def _name(pending: tuple[str, str, str] | None) -> str:
    return pending[2] if pending else ""


def _limited(request: HttpRequest, id_number: str) -> bool:
    ip = ratelimit.client_ip(request)
    return ratelimit.rate_exceeded(
        ratelimit.APPLY_PER_IP, ip
    ) or ratelimit.rate_exceeded(ratelimit.APPLY_PER_APPLICANT, id_number)


def _register(
    request: HttpRequest,
    agency: Agency,
    form: ApplicantForm,
    formset: Any,
    token: str,
    pending: tuple[str, str, str] | None,
) -> HttpResponse:
    file = form.cleaned_data.get("id_document")
    extension = form.id_document_extension
    if not file and pending is not None:
        file, extension = default_storage.open(pending[0]), pending[1]
    if file is None:  # the form requires one; a kept upload may have expired meanwhile
        form.add_error("id_document", UPLOAD_AGAIN)
        return _render(request, agency, form, formset, status=400)
    try:
        registration = application_submit_online(
            agency=agency,
            applicant=form.applicant_input(),
            items=formset.item_inputs(),
            id_document=file,
            id_document_extension=extension,
            submission_token=token,
        )
    except (ValidationError, PermissionDenied) as exc:
        form.add_error(None, exc if isinstance(exc, ValidationError) else str(exc))
        return _render(
            request, agency, form, formset, status=400, pending_name=_name(pending)
        )
    finally:
        if (
            file is not None
            and pending is not None
            and not form.cleaned_data.get("id_document")
        ):
            file.close()
    if pending is not None:
        transaction.on_commit(lambda: pending_discard(pending[0]))
    if registration.created:
        ratelimit.rate_hit(ratelimit.APPLY_PER_IP, ratelimit.client_ip(request))
        ratelimit.rate_hit(
            ratelimit.APPLY_PER_APPLICANT, form.cleaned_data["id_number"]
        )
    return _remember_and_redirect(
        request, registration.case, registration.query_code, token
    )


def _remember_and_redirect(
    request: HttpRequest, case: Application, code: str | None, token: str
) -> HttpResponse:
    tracking_number = case.tracking_number
    allow_case_for_session(request, case)
    code = code or remembered_query_code(
        submission_token=token, tracking_number=tracking_number
    )
    entries = [
        e
        for e in request.session.get(SESSION_KEY, [])
        if e.get("tracking") != tracking_number
    ]
    entries.append({"tracking": tracking_number, "code": code or ""})
    request.session[SESSION_KEY] = entries[-5:]
    return redirect("portal:apply_done")


def apply_done(request: HttpRequest) -> HttpResponse:
    """The confirmation: tracking number, query code, the reply deadline and what
    happens next (Art. 30, 31, 33)."""
    entries = request.session.get(SESSION_KEY, [])
    if not entries:
        return redirect("portal:track")
    entry = entries[-1]
    case = application_get_by_number(tracking_number=entry["tracking"])
    today = timezone.localdate()
    return render(
        request,
        "portal/apply/done.html",
        {
            "agency": case.agency,
            "case": case,
            "query_code": entry.get("code", ""),
            "clock": applicant_clock(case=case, calendar=case_calendar(), today=today),
            "section": "apply",
        },
    )
