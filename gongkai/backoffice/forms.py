from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.services import AGENCY_SELF_SERVICE_FIELDS


def _formfield(field, **kwargs):  # type: ignore[no-untyped-def]
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class AgencySettingsForm(forms.ModelForm):
    class Meta:
        formfield_callback = _formfield
        model = Agency
        fields = AGENCY_SELF_SERVICE_FIELDS


class AuditFilterForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("agency"), queryset=Agency.objects.none(), required=False
    )
    action = forms.CharField(label=_("action"), required=False, max_length=80)
    actor = forms.CharField(label=_("actor"), required=False, max_length=150)
    since = forms.DateField(
        label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, agencies=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
