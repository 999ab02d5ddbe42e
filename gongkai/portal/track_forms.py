"""The tracking form: tracking number and query code, no account."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TrackForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("Tracking number"),
        error_messages={"required": _("Enter the tracking number.")},
        max_length=20,
        help_text=_("Shown when you applied, e.g. YSQ2025000123."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
    )
    query_code = forms.CharField(
        label=_("Query code"),
        error_messages={"required": _("Enter the query code.")},
        max_length=20,
        help_text=_("The 8-character code shown with the tracking number."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
    )

    def clean_tracking_number(self) -> str:
        return "".join(str(self.cleaned_data["tracking_number"]).split()).upper()

    def clean_query_code(self) -> str:
        return "".join(str(self.cleaned_data["query_code"]).split()).upper()
