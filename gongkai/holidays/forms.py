"""Back-office forms for the working-day calendar (validation of shape only; the
rules live in the services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_YEAR, MIN_YEAR

DAY_OFF = "off"
WORKDAY = "work"
KIND_CHOICES = [
    (DAY_OFF, _("Day off (休)")),
    (WORKDAY, _("Make-up working day on a weekend (班)")),
]
MAX_CSV_BYTES = 256 * 1024


class CalendarYearForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    source = forms.CharField(
        label=_("source"),
        max_length=200,
        required=False,
        help_text=_("The State Council notice, e.g. 国办发明电〔2024〕7号."),
    )
    notes = forms.CharField(label=_("notes"), required=False, widget=forms.Textarea)


class CalendarYearEditForm(forms.Form):
    source = CalendarYearForm.base_fields["source"]
    notes = CalendarYearForm.base_fields["notes"]


class CalendarDayEditForm(forms.Form):
    kind = forms.ChoiceField(label=_("type"), choices=KIND_CHOICES)
    name = forms.CharField(
        label=_("name"),
        max_length=100,
        required=False,
        help_text=_("For example 国庆节 or 国庆节调休上班."),
    )

    @property
    def is_workday(self) -> bool:
        return self.cleaned_data["kind"] == WORKDAY


class CalendarDayForm(CalendarDayEditForm):
    date = forms.DateField(
        label=_("date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    field_order = ["date", "kind", "name"]

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        self.year = year
        super().__init__(*args, **kwargs)

    def clean_date(self) -> Any:
        day = self.cleaned_data["date"]
        if day.year != self.year:
            raise forms.ValidationError(
                _("The date must be in %(year)s.") % {"year": self.year}
            )
        return day


class CalendarCsvForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One day per line: date,type,name — for example "
            "2025-10-01,休,国庆节 or 2025-09-28,班,国庆节调休上班."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(kb)s KB.") % {"kb": MAX_CSV_BYTES // 1024}
            )
        return upload
