"""One case: its page (timeline, deadline, allowed actions), the action forms,
registration and attachments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_list_for_user, user_has_agency_perm
from gongkai.backoffice.views import forbidden_as_403

from .. import forms as f
from .. import services as s
from ..choices import RECEIPT_RULES
from ..models import Application
from ..selectors import (
    case_calendar,
    case_clock,
    case_get_for_user,
    case_letter_context,
    case_may_see_identity,
    mask_id_number,
)
from ..selectors.deadlines import (
    case_extension,
    case_fee_notice,
    case_supplementation,
)
from ..selectors.letters import case_letter_groups
from ..transitions import (
    TRANSITIONS,
    Action,
    CaseActionRefused,
    allowed_actions,
    user_may,
)
from .common import page

Handler = Callable[[Any, Application, dict[str, Any]], Any]


def _draft(user: Any, case: Application, d: dict[str, Any]) -> Any:
    decisions = {
        item.pk: s.ItemDecision(
            d[f"item_{item.pk}_outcome"],
            d[f"item_{item.pk}_basis"],
            d[f"item_{item.pk}_refer"],
        )
        for item in case.items.all()
    }
    return s.case_draft_reply(
        acting_user=user,
        case=case,
        decisions=decisions,
        governing_outcome=d["governing_outcome"],
        legal_basis=d["legal_basis"],
        summary=d["summary"],
    )


# Action → (form, handler). Each handler calls exactly one service.
ACTIONS: dict[Action, tuple[type[f.CaseActionForm], Handler]] = {
    Action.REQUEST_SUPPLEMENT: (
        f.RequestSupplementForm,
        lambda u, c, d: s.case_request_supplement(acting_user=u, case=c, **d),
    ),
    Action.RECORD_SUPPLEMENT: (
        f.RecordSupplementForm,
        lambda u, c, d: s.case_record_supplement(acting_user=u, case=c, **d),
    ),
    Action.ABANDON: (
        f.AbandonForm,
        lambda u, c, d: s.case_abandon(acting_user=u, case=c, **d),
    ),
    Action.START: (
        f.StartForm,
        lambda u, c, d: s.case_start(acting_user=u, case=c, **d),
    ),
    Action.CONSULT: (
        f.ConsultForm,
        lambda u, c, d: s.case_consult(acting_user=u, case=c, **d),
    ),
    Action.ANSWER_CONSULTATION: (
        f.AnswerConsultationForm,
        lambda u, c, d: s.case_consultation_answered(acting_user=u, **d),
    ),
    Action.EXTEND: (
        f.ExtendForm,
        lambda u, c, d: s.case_extend(acting_user=u, case=c, **d),
    ),
    Action.ISSUE_FEE_NOTICE: (
        f.FeeNoticeForm,
        lambda u, c, d: s.case_issue_fee_notice(acting_user=u, case=c, **d),
    ),
    Action.RECORD_PAYMENT: (
        f.PaymentForm,
        lambda u, c, d: s.case_record_payment(acting_user=u, case=c, **d),
    ),
    Action.DRAFT_REPLY: (f.DraftReplyForm, _draft),
    Action.RETURN_REPLY: (
        f.ReturnReplyForm,
        lambda u, c, d: s.case_return_reply(acting_user=u, case=c, **d),
    ),
    Action.APPROVE_REPLY: (
        f.ApproveReplyForm,
        lambda u, c, d: s.case_approve_reply(acting_user=u, case=c, **d),
    ),
    Action.OVERRIDE_OUTCOME: (
        f.OverrideOutcomeForm,
        lambda u, c, d: s.case_override_outcome(acting_user=u, case=c, **d),
    ),
    Action.SEND_REPLY: (
        f.SendReplyForm,
        lambda u, c, d: s.case_send_reply(acting_user=u, case=c, **d),
    ),
    Action.ASSIGN: (
        f.AssignForm,
        lambda u, c, d: s.case_assign(acting_user=u, case=c, **d),
    ),
    Action.ADD_NOTE: (
        f.NoteForm,
        lambda u, c, d: s.case_add_note(acting_user=u, case=c, **d),
    ),
    Action.ATTACH: (
        f.AttachForm,
        lambda u, c, d: s.case_add_attachment(acting_user=u, case=c, **d),
    ),
    Action.SPLIT: (
        f.SplitForm,
        lambda u, c, d: s.case_split(
            acting_user=u, case=c, item_ids=[item.pk for item in d["items"]]
        ),
    ),
}


def _action_forms(
    request: HttpRequest, case: Application, bound: dict[Action, Any]
) -> list[dict[str, Any]]:
    today = timezone.localdate()
    forms = []
    for action in allowed_actions(user=request.user, case=case):
        if action == Action.ANSWER_CONSULTATION and not any(
            c.answered_on is None for c in case.consultations.all()
        ):
            continue
        form_class = ACTIONS[action][0]
        form = bound.get(action) or form_class(
            case=case, initial=_initial(form_class, today)
        )
        forms.append(
            {"action": action.value, "label": TRANSITIONS[action].label, "form": form}
        )
    return forms


def _initial(form_class: type[f.CaseActionForm], today: Any) -> dict[str, Any]:
    return {
        name: today
        for name, field in form_class.base_fields.items()
        if isinstance(field, f.forms.DateField) and field.required
    }


def _detail_context(request: HttpRequest, case: Application) -> dict[str, Any]:
    calendar = case_calendar()
    today = timezone.localdate()
    may_see = case_may_see_identity(user=request.user, case=case)
    return {
        "case": case,
        "clock": case_clock(case, calendar, today),
        "id_display": case.id_number if may_see else mask_id_number(case.id_number),
        "receipt_rule": RECEIPT_RULES.get(case.channel, ""),
        "items": list(case.items.all()),
        "events": case.events.all(),
        "consultations": case.consultations.all(),
        "supplementation": case_supplementation(case),
        "extension": case_extension(case),
        "fee_notice": case_fee_notice(case),
        "attachments": case.attachments.all(),
        "appeals": case.appeals.all(),
        "split_into": case.split_into.all(),
        "letter": case_letter_context(case),
    }


def _letter_groups(
    request: HttpRequest, case: Application, bound: dict[str, str]
) -> list[dict[str, Any]]:
    """The letters section: per kind its versions and, for those who handle the
    case, the text to edit (what was just refused, if anything)."""
    may_handle = user_has_agency_perm(
        user=request.user, agency=case.agency_id, perm=Perm.HANDLE
    )
    groups = case_letter_groups(case)
    for group in groups:
        group["may_handle"] = may_handle
        current = group["current"]
        group["text"] = bound.get(group["kind"], current.body if current else "")
    return groups


def render_case(
    request: HttpRequest,
    case: Application,
    bound: dict[Action, Any] | None = None,
    status: int = 200,
    letter_bound: dict[str, str] | None = None,
) -> HttpResponse:
    # The items are read by the page, the letter context, the reply form and the
    # reply letter's staleness check: once.
    prefetch_related_objects([case], "items")
    context = _detail_context(request, case)
    context["action_forms"] = _action_forms(request, case, bound or {})
    context["letter_groups"] = _letter_groups(request, case, letter_bound or {})
    context["reply_letter_stale"] = any(g["stale"] for g in context["letter_groups"])
    return page(request, "detail.html", case.tracking_number, status=status, **context)


@forbidden_as_403
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.VIEW on the case's agency (the full ID number only with
    Perm.HANDLE or Perm.APPROVE there)."""
    case = case_get_for_user(user=request.user, pk=pk)
    return render_case(request, case)


@require_POST
@forbidden_as_403
def case_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Permission: the one the transition table names for ``action``
    (``transitions.TRANSITIONS``), on the case's agency."""
    case = case_get_for_user(user=request.user, pk=pk)
    try:
        step = Action(action)
        form_class, handler = ACTIONS[step]
    except (ValueError, KeyError) as exc:
        raise Http404 from exc
    if not user_may(user=request.user, agency_id=case.agency_id, action=step):
        raise PermissionDenied(
            _("You may not “%(action)s” in this agency.")
            % {"action": TRANSITIONS[step].label}
        )
    form = form_class(request.POST, request.FILES, case=case)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed; see the form below."))
        return render_case(request, case, {step: form})
    try:
        handler(request.user, case, dict(form.cleaned_data))
    except CaseActionRefused as exc:
        messages.error(
            request, _("Nothing was changed: %(reason)s") % {"reason": str(exc)}
        )
        case = case_get_for_user(user=request.user, pk=pk)
        return render_case(request, case, {step: form})
    messages.success(
        request, _("Done: %(action)s.") % {"action": TRANSITIONS[step].label}
    )
    return redirect("cases:detail", pk=case.pk)


def _register_items(formset: Any) -> list[s.ItemInput]:
    return [
        s.ItemInput(
            description=item.get("description", ""),
            document_number=item.get("document_number", ""),
        )
        for item in formset.cleaned_data
        if item and (item.get("description") or item.get("document_number"))
    ]


def _register(request: HttpRequest, form: Any, formset: Any) -> HttpResponse | None:
    data = form.cleaned_data
    applicant = s.ApplicantInput(
        applicant_type=data["applicant_type"],
        name=data["name"],
        id_type=data["id_type"],
        id_number=data["id_number"],
        requested_form=data["requested_form"],
        delivery=data["delivery"],
        phone=data["phone"],
        email=data["email"],
        address=data["address"],
        postcode=data["postcode"],
        contact_person=data["contact_person"],
    )
    try:
        registration = s.case_register(
            acting_user=request.user,
            agency=data["agency"],
            applicant=applicant,
            items=_register_items(formset),
            channel=data["channel"],
            received_on=data["received_on"],
            receipt_note=data["receipt_note"],
            submission_token=data["submission_token"],
        )
    except CaseActionRefused as exc:
        form.add_error(None, str(exc))
        return None
    case = registration.case
    if registration.created:
        messages.success(
            request,
            _(
                "Registered as %(number)s. Query code for the applicant: %(code)s (shown only once)."
            )
            % {"number": case.tracking_number, "code": registration.query_code},
        )
    else:
        messages.info(
            request,
            _("This form was already submitted: %(number)s. Nothing new was created.")
            % {"number": case.tracking_number},
        )
    return redirect("cases:detail", pk=case.pk)


@forbidden_as_403
def case_register_view(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.HANDLE on the agency the application is registered for."""
    agencies = agency_list_for_user(user=request.user, perm=Perm.HANDLE)
    if not agencies.exists():
        raise PermissionDenied(_("You may not register applications."))
    data = request.POST if request.method == "POST" else None
    form = f.RegistrationForm(data, agencies=agencies)
    formset = f.ItemFormSet(data, prefix="items")
    if data is not None and form.is_valid() and formset.is_valid():
        response = _register(request, form, formset)
        if response is not None:
            return response
    return page(
        request,
        "register.html",
        _("Register an application"),
        form=form,
        formset=formset,
        receipt_rules=form.receipt_rules(),
    )


@forbidden_as_403
def attachment_download(
    request: HttpRequest, pk: int, attachment_pk: int
) -> HttpResponse:
    """Permission: Perm.VIEW on the case's agency."""
    case = case_get_for_user(user=request.user, pk=pk)
    attachment = get_object_or_404(case.attachments, pk=attachment_pk)
    response = FileResponse(attachment.file.open("rb"), as_attachment=True)
    return response  # type: ignore[return-value]  # a streamed response
