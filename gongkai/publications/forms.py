"""Back-office forms. They collect input; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency, Role

from .models import (
    CommentAdoption,
    CommentStatus,
    DisclosureAttribute,
    DisclosureSettings,
    DocumentType,
    FigureItem,
    OfficialDocument,
    Platform,
    TrialKind,
)

DATE = forms.DateInput(attrs={"type": "date"})


class AgencyYearForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("agency"), queryset=Agency.objects.none())
    year = forms.IntegerField(label=_("year"), min_value=2008, max_value=2100)

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class DocumentFilterForm(forms.Form):
    STATUS_CHOICES = [
        ("", _("All")),
        ("due", _("Awaiting publication")),
        ("overdue", _("Overdue for publication")),
    ]
    agency = forms.ModelChoiceField(
        label=_("agency"), queryset=Agency.objects.none(), required=False
    )
    doc_type = forms.ChoiceField(
        label=_("document type"),
        choices=[("", _("All")), *DocumentType.choices],
        required=False,
    )
    attribute = forms.ChoiceField(
        label=_("disclosure attribute"),
        choices=[("", _("All")), *DisclosureAttribute.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("publication"), choices=STATUS_CHOICES, required=False
    )
    q = forms.CharField(label=_("title contains"), required=False, max_length=100)

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class DocumentRegisterForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("issuing agency"), queryset=Agency.objects.none()
    )
    title = forms.CharField(label=_("title"), max_length=300)
    organ_code = forms.CharField(
        label=_("issuing organ code"), max_length=30, required=False
    )
    doc_year = forms.IntegerField(
        label=_("number year"), min_value=1949, max_value=2100, required=False
    )
    doc_serial = forms.IntegerField(
        label=_("serial number"), min_value=1, required=False
    )
    written_on = forms.DateField(label=_("date of writing"), widget=DATE)
    doc_type = forms.ChoiceField(label=_("document type"), choices=DocumentType.choices)
    co_issuers = forms.ModelMultipleChoiceField(
        label=_("co-issuing agencies"), queryset=Agency.objects.all(), required=False
    )
    signer = forms.CharField(label=_("signer"), max_length=50, required=False)
    attribute = forms.ChoiceField(
        label=_("disclosure attribute"), choices=DisclosureAttribute.choices
    )
    attribute_reason = forms.CharField(
        label=_("legal reason for the attribute"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required unless the document is to be disclosed proactively."),
    )
    effective_from = forms.DateField(
        label=_("effective from"), widget=DATE, required=False
    )
    valid_until = forms.DateField(
        label=_("valid until"),
        widget=DATE,
        required=False,
        help_text=_("Leave blank for the agency's default validity period."),
    )
    trial = forms.ChoiceField(
        label=_("trial or interim"), choices=TrialKind.choices, required=False
    )
    amends = forms.ModelChoiceField(
        label=_("amends"), queryset=OfficialDocument.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, agencies: Any = None, documents: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        if documents is not None:
            self.fields["amends"].queryset = documents  # type: ignore[attr-defined]


class AttributeDecisionForm(forms.Form):
    attribute = forms.ChoiceField(
        label=_("disclosure attribute"), choices=DisclosureAttribute.choices
    )
    attribute_reason = forms.CharField(
        label=_("legal reason for the attribute"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    note = forms.CharField(
        label=_("review note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RepealForm(forms.Form):
    repealed_on = forms.DateField(label=_("repealed on"), widget=DATE)
    reason = forms.CharField(
        label=_("reason for repeal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    repealed_by = forms.ModelChoiceField(
        label=_("repealed by"), queryset=OfficialDocument.objects.none(), required=False
    )

    def __init__(self, *args: Any, documents: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if documents is not None:
            self.fields["repealed_by"].queryset = documents  # type: ignore[attr-defined]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for withdrawal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class YearlyFiguresForm(forms.Form):
    """The four table-2 figures of one agency and year; blank = not entered."""

    licensing = forms.CharField(label=FigureItem.LICENSING.label, required=False)
    penalties = forms.CharField(label=FigureItem.PENALTIES.label, required=False)
    enforcement = forms.CharField(label=FigureItem.ENFORCEMENT.label, required=False)
    fees = forms.CharField(label=FigureItem.FEES.label, required=False)
    source = forms.CharField(label=_("source"), max_length=200, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "Header: 机关, 年度, 行政许可, 行政处罚, 行政强制, 行政事业性收费（万元）, 来源. "
            "An empty cell means not entered."
        ),
    )


class NewMediaAccountForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("agency"), queryset=Agency.objects.none())
    platform = forms.ChoiceField(label=_("platform"), choices=Platform.choices)
    name = forms.CharField(label=_("account name"), max_length=100)
    operator = forms.CharField(label=_("operator"), max_length=100)

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class NewMediaFiguresForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2008, max_value=2100)
    issues = forms.IntegerField(label=_("issues"), min_value=0)
    articles = forms.IntegerField(label=_("articles"), min_value=0)
    source = forms.CharField(label=_("source"), max_length=200, required=False)


class ModerationForm(forms.Form):
    status = forms.ChoiceField(
        label=_("moderation"),
        choices=[
            (CommentStatus.APPROVED.value, CommentStatus.APPROVED.label),
            (CommentStatus.REJECTED.value, CommentStatus.REJECTED.label),
        ],
    )
    adoption = forms.ChoiceField(
        label=_("adoption"), choices=CommentAdoption.choices, required=False
    )
    note = forms.CharField(label=_("moderation note"), max_length=200, required=False)


class DisclosureSettingsForm(forms.ModelForm):
    class Meta:
        model = DisclosureSettings
        fields = [
            "normative_validity_years",
            "trial_validity_years",
            "expiry_reminder_months",
            "consultation_days",
            "fee_payment_instructions",
        ]
        widgets = {"fee_payment_instructions": forms.Textarea(attrs={"rows": 3})}


STEP_ROLE_CHOICES = [
    (Role.REVIEWER.value, Role.REVIEWER.label),
    (Role.HEAD.value, Role.HEAD.label),
    (Role.CLERK.value, Role.CLERK.label),
]


class ReviewStepsForm(forms.Form):
    """Up to six steps; a step with an empty name is left out."""

    def __init__(
        self, *args: Any, steps: list[tuple[str, str]] | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        steps = steps or []
        for i in range(6):
            name, role = steps[i] if i < len(steps) else ("", Role.REVIEWER)
            self.fields[f"name_{i}"] = forms.CharField(
                label=_("Step %(n)s") % {"n": i + 1},
                max_length=40,
                required=False,
                initial=name,
            )
            self.fields[f"role_{i}"] = forms.ChoiceField(
                label=_("reviewers' role"), choices=STEP_ROLE_CHOICES, initial=role
            )

    def steps(self) -> list[tuple[str, str]]:
        return [
            (self.cleaned_data[f"name_{i}"].strip(), self.cleaned_data[f"role_{i}"])
            for i in range(6)
            if self.cleaned_data.get(f"name_{i}", "").strip()
        ]


class SectionForm(forms.Form):
    slug = forms.SlugField(
        label=_("address on the portal"),
        max_length=50,
        help_text=_(
            "Letters, digits and hyphens; the section is published at /gk/<address>/."
        ),
    )
