"""Back-office screens for the disclosure guide (Art. 12): an agency administrator
rewrites any section; a blank section is generated from the agency's settings."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_get_for_user, agency_list_for_user
from gongkai.backoffice.views import forbidden_as_403

from .guide import HEADINGS, generated_section
from .models import GUIDE_SECTIONS, GuideText
from .services import guide_update


class GuideForm(forms.Form):
    def __init__(self, *args: object, agency: Agency, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for key in GUIDE_SECTIONS:
            generated = "\n\n".join(generated_section(agency, key))
            self.fields[key] = forms.CharField(
                label=str(HEADINGS[key]),
                required=False,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text=(
                    _("Leave blank to use the generated text: %(text)s")
                    % {"text": generated}
                    if generated
                    else _("Leave blank to print nothing.")
                ),
            )


@forbidden_as_403
def guide_agency_list(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.MANAGE on each agency listed."""
    agencies = agency_list_for_user(user=request.user, perm=Perm.MANAGE).order_by(
        "name"
    )
    return render(
        request,
        "portal/backoffice/guide_list.html",
        {"agencies": agencies, "page_title": _("Disclosure guides")},
    )


@forbidden_as_403
def guide_edit(request: HttpRequest, agency_id: int) -> HttpResponse:
    """Permission: Perm.MANAGE on the agency."""
    agency = agency_get_for_user(
        user=request.user, agency_id=agency_id, perm=Perm.MANAGE
    )
    own = GuideText.objects.filter(agency=agency).first()
    initial = {key: getattr(own, key) for key in GUIDE_SECTIONS} if own else {}
    form = GuideForm(request.POST or None, initial=initial, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            guide_update(acting_user=request.user, agency=agency, **form.cleaned_data)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The disclosure guide was saved."))
            return redirect("portal_admin:guide_edit", agency_id=agency.pk)
    return render(
        request,
        "portal/backoffice/guide_edit.html",
        {
            "agency": agency,
            "form": form,
            "page_title": _("Disclosure guide of %(name)s") % {"name": agency.name},
        },
    )
