"""The letters (文书) of a case on its page: draft from the template, edit the text,
finalise a notice, download DOCX or PDF."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from gongkai.backoffice.views import forbidden_as_403

from .. import services as s
from ..choices import LetterKind
from ..models import Application, CaseLetter
from ..selectors import case_get_for_user
from ..selectors.letters import case_letter_latest
from ..transitions import CaseActionRefused
from .detail import render_case

FORMATS = {"docx", "pdf"}


def case_url(case: Application) -> str:
    return reverse("cases:detail", args=[case.pk])


class LetterTextForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Text of the letter"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=gettext_lazy(
            "One paragraph per line. The first line (reference number) and the last two"
            " (agency and date) are printed right-aligned."
        ),
    )


def _kind(kind: str) -> str:
    if kind not in LetterKind.values:
        raise Http404
    return kind


def _current(case: Application, kind: str) -> CaseLetter:
    letter = case_letter_latest(case, kind)
    if letter is None:
        raise Http404
    return letter


def _refused(
    request: HttpRequest, pk: int, exc: CaseActionRefused, kind: str, body: str = ""
) -> HttpResponse:
    messages.error(request, _("Nothing was changed: %(reason)s") % {"reason": str(exc)})
    case = case_get_for_user(user=request.user, pk=pk)
    return render_case(request, case, status=400, letter_bound={kind: body})


@require_POST
@forbidden_as_403
def letter_draft(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Permission: Perm.HANDLE on the case's agency (checked by the service)."""
    case = case_get_for_user(user=request.user, pk=pk)
    try:
        letter = s.case_letter_draft(
            acting_user=request.user, case=case, kind=_kind(kind)
        )
    except CaseActionRefused as exc:
        return _refused(request, pk, exc, kind)
    messages.success(
        request,
        _("%(letter)s: version %(version)s is current.")
        % {"letter": LetterKind(kind).label, "version": letter.version},
    )
    return redirect(f"{case_url(case)}#letter-{kind}")


@require_POST
@forbidden_as_403
def letter_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Permission: Perm.HANDLE on the case's agency (checked by the service)."""
    case = case_get_for_user(user=request.user, pk=pk)
    letter = _current(case, _kind(kind))
    form = LetterTextForm(request.POST)
    form.is_valid()
    body = form.cleaned_data.get("body", "")
    try:
        edited = s.case_letter_edit(acting_user=request.user, letter=letter, body=body)
    except CaseActionRefused as exc:
        return _refused(request, pk, exc, kind, body)
    if edited.pk == letter.pk:
        messages.info(request, _("The text is unchanged; no new version was saved."))
    else:
        messages.success(
            request,
            _("%(letter)s: version %(version)s saved.")
            % {"letter": LetterKind(kind).label, "version": edited.version},
        )
    return redirect(f"{case_url(case)}#letter-{kind}")


@require_POST
@forbidden_as_403
def letter_finalise(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Permission: Perm.HANDLE on the case's agency (checked by the service)."""
    case = case_get_for_user(user=request.user, pk=pk)
    letter = _current(case, _kind(kind))
    try:
        s.case_letter_finalise(acting_user=request.user, letter=letter)
    except CaseActionRefused as exc:
        return _refused(request, pk, exc, kind)
    messages.success(
        request, _("%(letter)s is final.") % {"letter": LetterKind(kind).label}
    )
    return redirect(f"{case_url(case)}#letter-{kind}")


@require_GET
@forbidden_as_403
def letter_download(
    request: HttpRequest, pk: int, letter_pk: int, fmt: str
) -> HttpResponse:
    """Permission: Perm.VIEW on the case's agency."""
    case = case_get_for_user(user=request.user, pk=pk)
    letter = get_object_or_404(case.letters, pk=letter_pk)
    if fmt not in FORMATS:
        raise Http404
    if not getattr(letter, fmt):  # rendering after the commit failed or is pending
        letter = s.letter_files_render(letter_id=letter.pk)
    file = getattr(letter, fmt)
    name = f"{case.tracking_number}-{letter.title}-v{letter.version}.{fmt}"
    response = FileResponse(file.open("rb"), as_attachment=True, filename=name)
    return response  # type: ignore[return-value]  # a streamed response
