"""Following an application: tracking number + query code, no account.

A wrong code gets the same answer as an unknown number (the existence of a case is
not disclosed), and failed look-ups are limited per IP address and per number.
A successful look-up lets this browser session see the case and its reply letter.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from gongkai.cases.choices import Status
from gongkai.cases.models import Application
from gongkai.cases.selectors import (
    case_calendar,
    case_get_for_applicant,
    case_letter_context,
)
from gongkai.cases.selectors.letters import case_reply_letter_final
from gongkai.cases.services import letter_files_render

from . import ratelimit
from .selectors import (
    STATUS_SHORT,
    STATUS_TEXT,
    applicant_clock,
    applicant_timeline,
    application_get_by_number,
)
from .track_forms import TrackForm

SESSION_KEY = "portal_tracked"
NOT_FOUND = _(
    "No application matches this tracking number and query code. Please check both and try again."
)
TOO_MANY = _(
    "Too many unsuccessful attempts. Please wait a while before trying again, or ask the disclosure office by telephone."
)


def _limited(request: HttpRequest, number: str) -> bool:
    return ratelimit.rate_exceeded(
        ratelimit.TRACK_FAIL_PER_IP, ratelimit.client_ip(request)
    ) or ratelimit.rate_exceeded(ratelimit.TRACK_FAIL_PER_NUMBER, number)


def _failed(request: HttpRequest, number: str) -> None:
    ratelimit.rate_hit(ratelimit.TRACK_FAIL_PER_IP, ratelimit.client_ip(request))
    ratelimit.rate_hit(ratelimit.TRACK_FAIL_PER_NUMBER, number)


def _allow(request: HttpRequest, case: Application) -> None:
    allowed = [pk for pk in request.session.get(SESSION_KEY, []) if pk != case.pk]
    request.session[SESSION_KEY] = [*allowed[-9:], case.pk]


def _allowed_case(request: HttpRequest, tracking_number: str) -> Application:
    """The case, if this session looked it up (or applied for it); 404 otherwise."""
    case = application_get_by_number(tracking_number=tracking_number)
    if case.pk not in request.session.get(SESSION_KEY, []):
        raise Http404
    return case


def _form_page(
    request: HttpRequest, form: TrackForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "portal/track/form.html",
        {"form": form, "error_forms": [form]},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """Look an application up by tracking number and query code."""
    if request.method != "POST":
        return _form_page(request, TrackForm())
    form = TrackForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    number = form.cleaned_data["tracking_number"]
    if _limited(request, number):
        form.add_error(None, TOO_MANY)
        return _form_page(request, form, status=429)
    case = case_get_for_applicant(
        tracking_number=number, query_code=form.cleaned_data["query_code"]
    )
    if case is None:
        _failed(request, number)
        form.add_error(None, NOT_FOUND)
        return _form_page(request, form, status=400)
    _allow(request, case)
    return redirect("portal:track_status", tracking_number=case.tracking_number)


def allow_case_for_session(request: HttpRequest, case: Application) -> None:
    """Let this session follow ``case`` (the browser that just applied for it)."""
    _allow(request, case)


def track_status(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """Status in plain words, the due date and how it was computed, the steps so far,
    and the reply letter once the case is replied."""
    case = _allowed_case(request, tracking_number)
    today = timezone.localdate()
    return render(
        request,
        "portal/track/status.html",
        {
            "agency": case.agency,
            "case": case,
            "status_short": STATUS_SHORT[Status(case.status)],
            "status_text": STATUS_TEXT[Status(case.status)],
            "clock": applicant_clock(case=case, calendar=case_calendar(), today=today),
            "timeline": applicant_timeline(case=case),
            "items": case.items.all(),
            "replied": case.status == Status.CLOSED,
            "reply_letter": case_reply_letter_final(case),
        },
    )


def track_letter(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """The reply letter (告知书, Art. 36) as a printable page, once sent."""
    case = _allowed_case(request, tracking_number)
    if case.status != Status.CLOSED:
        raise Http404
    return render(
        request,
        "portal/track/letter.html",
        {"agency": case.agency, "case": case, "letter": case_letter_context(case)},
    )


def track_letter_pdf(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """The final reply letter (告知书) as stored with the case, in PDF, once sent."""
    case = _allowed_case(request, tracking_number)
    letter = case_reply_letter_final(case)
    if letter is None:
        raise Http404
    if not letter.pdf:  # rendering after the commit failed or is pending
        letter = letter_files_render(letter_id=letter.pk)
    name = f"{case.tracking_number}-{letter.title}.pdf"
    response = FileResponse(letter.pdf.open("rb"), as_attachment=True, filename=name)
    return response  # type: ignore[return-value]  # a streamed response
