"""Back-office forms of the annual report workspace. Validation of substance lives in
the services; these forms only shape the input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.report.labels import SECTION_HEADINGS
from gongkai.report.model import all_cell_paths, cell_label

from .models import PREAMBLE, TEXT_KEYS

TEXT_LABELS = {PREAMBLE: _("Preamble (legal basis, period, download and contact)")}


class StartReportForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("agency"), queryset=Agency.objects.none())
    year = forms.IntegerField(label=_("year"), min_value=2008, max_value=2999)

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year - 1


class SectionsForm(forms.Form):
    """The preamble and the six sections, each a textarea."""

    def __init__(self, *args: Any, disabled: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in TEXT_KEYS:
            self.fields[key] = forms.CharField(
                label=TEXT_LABELS.get(key, SECTION_HEADINGS.get(key, key)),
                required=False,
                disabled=disabled,
                widget=forms.Textarea(attrs={"rows": 12 if key == "overview" else 5}),
            )


def cell_choices() -> list[tuple[str, str]]:
    return [(path, f"{cell_label(path)}（{path}）") for path in all_cell_paths()]


class OverrideForm(forms.Form):
    path = forms.ChoiceField(label=_("cell"), choices=cell_choices)
    value = forms.CharField(label=_("value"), max_length=30)
    reason = forms.CharField(
        label=_("reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Required, e.g. the agency adopted the system mid-year, or the figure is "
            "kept in another system."
        ),
    )


class AcknowledgeForm(forms.Form):
    rule = forms.CharField(widget=forms.HiddenInput, max_length=40)
    where = forms.CharField(widget=forms.HiddenInput, max_length=500)
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}))


class PublishForm(forms.Form):
    published_on = forms.DateField(
        label=_("publication date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["published_on"].initial = timezone.localdate()


class NewVersionForm(forms.Form):
    correction_note = forms.CharField(
        label=_("correction note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the public with the corrected report."),
    )


class ImportForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("agency"), queryset=Agency.objects.none())
    file = forms.FileField(
        label=_("published report"),
        help_text=_("The report as published: HTML, DOCX, PDF, text or report JSON."),
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class ScopeForm(forms.Form):
    included = forms.ModelMultipleChoiceField(
        label=_("agencies counted in the government's report"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, candidates: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["included"].queryset = candidates  # type: ignore[attr-defined]


class SupervisionForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("supervising agency"), queryset=Agency.objects.none()
    )
    year = forms.IntegerField(
        label=_("year"),
        min_value=2008,
        max_value=2999,
        widget=forms.NumberInput(attrs={"style": "max-width: 8em"}),
    )

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(  # type: ignore[attr-defined]
            pk__in=[a.pk for a in agencies]
        )
