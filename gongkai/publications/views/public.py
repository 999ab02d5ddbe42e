"""Public side of the catalogue pages: comments on an open consultation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import CommentStatus, ConsultationPage
from ..services.consultations import (
    MAX_COMMENT_LENGTH,
    consultation_comment_submit,
    consultation_is_open,
)
from .helpers import add_validation_errors


class CommentForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=50, required=False)
    contact = forms.CharField(
        label=gettext_lazy("Phone or e-mail"), max_length=100, required=False
    )
    body = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


def consultation_serve(
    page: ConsultationPage, request: HttpRequest, *args: Any, **kwargs: Any
) -> HttpResponse:
    """GET shows the draft (and the form while open); POST submits a comment."""
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation_comment_submit(consultation=page, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your comment was received and will be shown after review."
                ),
            )
            return HttpResponseRedirect(page.url + "#comments")
    context = page.get_context(request, *args, **kwargs)
    context.update(
        form=form,
        is_open=consultation_is_open(consultation=page, today=timezone.localdate()),
        is_closed=page.closes_on < timezone.localdate(),
        comments=page.comments.filter(status=CommentStatus.APPROVED),
    )
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, page.get_template(request, *args, **kwargs), context, status=status
    )
