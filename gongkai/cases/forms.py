"""Back-office forms for cases and appeals. Forms only parse input; the rules live in
the services."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.permissions import ROLE_PERMS, Perm

from .choices import (
    RECEIPT_RULES,
    STAFF_CHANNELS,
    AppealKind,
    AppealResult,
    ApplicantType,
    Channel,
    ConsultationKind,
    ConsultationResponse,
    Delivery,
    FeeMethod,
    IdType,
    Outcome,
    RequestedForm,
    Status,
)
from .models import Application, ApplicationItem, Consultation
from .selectors.cases import (
    ASSIGNED_ME,
    ASSIGNED_NONE,
    DUE_OVERDUE,
    DUE_SOON,
    case_applicant_nth_in_month,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
HANDLING_ROLES = [role for role, perms in ROLE_PERMS.items() if Perm.HANDLE in perms]


def date_field(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET)


def handlers_of(agency_ids: Any) -> Any:
    """Users who handle cases (clerks, heads) in the given agencies."""
    user_ids = Membership.objects.filter(
        agency_id__in=agency_ids, role__in=HANDLING_ROLES
    ).values("user_id")
    return (
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .order_by("username")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


# --- registration -----------------------------------------------------------------


class RegistrationForm(forms.Form):
    """Staff registration of an application received by letter, in person, fax or
    e-mail (Art. 29, 31)."""

    submission_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    agency = forms.ModelChoiceField(label=_("agency"), queryset=Agency.objects.none())
    channel = forms.ChoiceField(
        label=_("channel of receipt"),
        choices=[(c.value, c.label) for c in STAFF_CHANNELS],
    )
    received_on = date_field(_("date of receipt"))
    receipt_note = forms.CharField(
        label=_("how receipt was confirmed"), required=False, max_length=200
    )
    applicant_type = forms.ChoiceField(
        label=_("applicant type"), choices=ApplicantType.choices
    )
    name = forms.CharField(label=_("applicant name"), max_length=200)
    contact_person = forms.CharField(
        label=_("contact person"), required=False, max_length=100
    )
    id_type = forms.ChoiceField(
        label=_("identity document type"), choices=IdType.choices
    )
    id_number = forms.CharField(label=_("identity document number"), max_length=40)
    phone = forms.CharField(label=_("phone"), required=False, max_length=40)
    email = forms.EmailField(label=_("e-mail"), required=False)
    address = forms.CharField(label=_("address"), required=False, max_length=200)
    postcode = forms.CharField(label=_("postcode"), required=False, max_length=10)
    requested_form = forms.ChoiceField(
        label=_("requested form"), choices=RequestedForm.choices
    )
    delivery = forms.ChoiceField(label=_("delivery channel"), choices=Delivery.choices)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4().hex)
            if len(agencies) == 1:
                self.initial.setdefault("agency", agencies[0])

    @staticmethod
    def receipt_rules() -> list[tuple[Any, Any]]:
        return [(Channel(c).label, RECEIPT_RULES[c]) for c in STAFF_CHANNELS]


class ItemForm(forms.Form):
    description = forms.CharField(
        label=_("description of the information"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    document_number = forms.CharField(
        label=_("document number"), required=False, max_length=100
    )


ItemFormSet = forms.formset_factory(ItemForm, extra=3, max_num=50)


# --- filters --------------------------------------------------------------------------


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class CaseFilterForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("agency"), queryset=Agency.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("status"), choices=_blank(Status.choices), required=False
    )
    due = forms.ChoiceField(
        label=_("deadline"),
        choices=_blank(
            [(DUE_OVERDUE, _("Overdue")), (DUE_SOON, _("Due within 5 working days"))]
        ),
        required=False,
    )
    outcome = forms.ChoiceField(
        label=_("outcome"), choices=_blank(Outcome.choices), required=False
    )
    applicant_type = forms.ChoiceField(
        label=_("applicant type"), choices=_blank(ApplicantType.choices), required=False
    )
    year = forms.IntegerField(
        label=_("year of receipt"), required=False, min_value=2000, max_value=2100
    )
    assigned = forms.ChoiceField(
        label=_("assigned clerk"),
        choices=_blank([(ASSIGNED_ME, _("Me")), (ASSIGNED_NONE, _("Nobody"))]),
        required=False,
    )
    q = forms.CharField(label=_("search"), required=False, max_length=100)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class BulkAssignForm(forms.Form):
    cases = forms.ModelMultipleChoiceField(
        label=_("cases"), queryset=Application.objects.none()
    )
    assignee = UserChoiceField(
        label=_("assigned clerk"), queryset=get_user_model().objects.none()
    )

    def __init__(self, *args: Any, cases: Any, assignees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases  # type: ignore[attr-defined]
        self.fields["assignee"].queryset = assignees  # type: ignore[attr-defined]


# --- actions on one case ----------------------------------------------------------------


class CaseActionForm(forms.Form):
    """Base: every action form knows its case."""

    def __init__(self, *args: Any, case: Application, **kwargs: Any) -> None:
        self.case = case
        super().__init__(*args, **kwargs)


class RequestSupplementForm(CaseActionForm):
    requested = forms.CharField(
        label=_("what must be supplemented"), widget=forms.Textarea(attrs={"rows": 3})
    )
    period_days = forms.IntegerField(
        label=_("period (working days)"), min_value=1, max_value=60, initial=15
    )
    notified_on = date_field(_("notified on"))


class RecordSupplementForm(CaseActionForm):
    supplemented_on = date_field(_("supplement received on"))
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AbandonForm(CaseActionForm):
    on = date_field(_("deemed abandoned on"))
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class StartForm(CaseActionForm):
    on = date_field(_("date of the step"))


class ConsultForm(CaseActionForm):
    kind = forms.ChoiceField(label=_("kind"), choices=ConsultationKind.choices)
    party = forms.CharField(label=_("consulted party"), max_length=200)
    sent_on = date_field(_("sent on"))
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnswerConsultationForm(CaseActionForm):
    consultation = forms.ModelChoiceField(
        label=_("consultation"), queryset=Consultation.objects.none()
    )
    response = forms.ChoiceField(
        label=_("response"), choices=ConsultationResponse.choices
    )
    answered_on = date_field(_("answered on"))
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = self.case.consultations.filter(  # type: ignore[attr-defined]
            answered_on__isnull=True
        )


class ExtendForm(CaseActionForm):
    days = forms.IntegerField(
        label=_("working days"), min_value=1, max_value=20, initial=20
    )
    reason = forms.CharField(
        label=_("reason"), widget=forms.Textarea(attrs={"rows": 2})
    )
    approved_on = date_field(_("approved on"))
    notified_on = date_field(_("applicant notified on"), required=False)


class FeeNoticeForm(CaseActionForm):
    method = forms.ChoiceField(label=_("method"), choices=FeeMethod.choices)
    nth_in_month = forms.IntegerField(
        label=_("applicant's nth application this month"), required=False, min_value=1
    )
    pages = forms.IntegerField(label=_("pages"), required=False, min_value=0)
    issued_on = date_field(_("issued on"))
    received_on = date_field(_("received by the applicant on"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(
                "nth_in_month", case_applicant_nth_in_month(self.case)
            )


class PaymentForm(CaseActionForm):
    paid_on = date_field(_("paid on"))


class DraftReplyForm(CaseActionForm):
    """Per-item outcome (the 21 table-3 rows minus the two procedural ones), basis
    and referral; the governing row when the items differ and none is provided."""

    governing_outcome = forms.ChoiceField(
        label=_("governing outcome chosen by the handler"),
        required=False,
        help_text=_(
            "Only needed when no item is provided and the items' outcomes differ."
        ),
    )
    legal_basis = forms.CharField(
        label=_("legal basis of the reply"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    summary = forms.CharField(
        label=_("summary of the reply"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (o.value, o.label)
            for o in Outcome
            if o not in (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID)
        ]
        self.fields["governing_outcome"].choices = _blank(choices)  # type: ignore[attr-defined]
        self.item_rows = []
        for item in self.case.items.all():
            prefix = f"item_{item.pk}"
            self.fields[f"{prefix}_outcome"] = forms.ChoiceField(
                label=_("outcome"), choices=_blank(choices), initial=item.outcome
            )
            self.fields[f"{prefix}_basis"] = forms.CharField(
                label=_("legal basis note"),
                required=False,
                initial=item.basis_note,
                help_text=_("Leave empty to use the default basis of the outcome."),
            )
            self.fields[f"{prefix}_refer"] = forms.CharField(
                label=_("agency to refer to"),
                required=False,
                max_length=200,
                initial=item.refer_to,
            )
            self.item_rows.append(
                (
                    item,
                    self[f"{prefix}_outcome"],
                    self[f"{prefix}_basis"],
                    self[f"{prefix}_refer"],
                )
            )


class ReturnReplyForm(CaseActionForm):
    reason = forms.CharField(
        label=_("reason"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ApproveReplyForm(CaseActionForm):
    approved_on = date_field(_("approved on"))


class OverrideOutcomeForm(CaseActionForm):
    outcome = forms.ChoiceField(label=_("outcome"), choices=Outcome.choices)
    reason = forms.CharField(
        label=_("reason for the override"), widget=forms.Textarea(attrs={"rows": 2})
    )


class SendReplyForm(CaseActionForm):
    sent_on = date_field(_("answered on"))


class AssignForm(CaseActionForm):
    assignee = UserChoiceField(
        label=_("assigned clerk"),
        queryset=get_user_model().objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = handlers_of([self.case.agency_id])  # type: ignore[attr-defined]


class NoteForm(CaseActionForm):
    text = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 3}))


class AttachForm(CaseActionForm):
    title = forms.CharField(label=_("title"), required=False, max_length=200)
    file = forms.FileField(label=_("file"))


class SplitForm(CaseActionForm):
    items = forms.ModelMultipleChoiceField(
        label=_("requested items"),
        queryset=ApplicationItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = self.case.items.all()  # type: ignore[attr-defined]


# --- appeals ---------------------------------------------------------------------------


class AppealForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("agency"), queryset=Agency.objects.none())
    kind = forms.ChoiceField(label=_("kind"), choices=AppealKind.choices)
    tracking_number = forms.CharField(
        label=_("tracking number of the application"), required=False, max_length=20
    )
    reference = forms.CharField(label=_("case number"), required=False, max_length=100)
    authority = forms.CharField(
        label=_("reconsideration body or court"), required=False, max_length=200
    )
    appellant = forms.CharField(label=_("appellant"), required=False, max_length=200)
    filed_on = date_field(_("filed on"))
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        if not self.is_bound and len(agencies) == 1:
            self.initial.setdefault("agency", agencies[0])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        number = (data.get("tracking_number") or "").strip()
        data["application"] = None
        if number and data.get("agency"):
            found = Application.objects.filter(
                agency=data["agency"], tracking_number__iexact=number
            ).first()
            if found is None:
                self.add_error(
                    "tracking_number",
                    _("No application with this tracking number in the agency."),
                )
            data["application"] = found
        return data


class AppealDecideForm(forms.Form):
    result = forms.ChoiceField(
        label=_("result"),
        choices=[(r.value, r.label) for r in AppealResult if r != AppealResult.PENDING],
    )
    decided_on = date_field(_("decided on"))
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
