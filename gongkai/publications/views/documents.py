"""Back office: the register of official documents (公文登记) and its deadlines."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import agency_list_for_user, user_has_agency_perm
from gongkai.backoffice.views import forbidden_as_403

from ..forms import (
    AttributeDecisionForm,
    DocumentFilterForm,
    DocumentRegisterForm,
    RepealForm,
)
from ..models import CatalogueEntry, OfficialDocument
from ..selectors.documents import (
    document_amendment_chain,
    document_get_for_user,
    document_list_for_user,
    document_validity,
    publication_due_list,
)
from ..services.documents import (
    document_attribute_decide,
    document_register,
    document_repeal,
)
from .helpers import run_service


def _calendar() -> Any:
    from gongkai.holidays.selectors import calendar_get

    return calendar_get()


def _filtered(request: HttpRequest, form: DocumentFilterForm) -> Any:
    documents = document_list_for_user(user=request.user)
    if not form.is_valid():
        return documents
    data = form.cleaned_data
    if data.get("agency"):
        documents = documents.filter(agency=data["agency"])
    if data.get("doc_type"):
        documents = documents.filter(doc_type=data["doc_type"])
    if data.get("attribute"):
        documents = documents.filter(attribute=data["attribute"])
    if data.get("q"):
        documents = documents.filter(title__icontains=data["q"])
    return documents


@forbidden_as_403
def document_list(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.VIEW on each agency whose documents are listed."""
    agencies = agency_list_for_user(user=request.user, perm=Perm.VIEW)
    form = DocumentFilterForm(request.GET or None, agencies=agencies)
    documents = _filtered(request, form)
    status = form.cleaned_data.get("status") if form.is_valid() else ""
    today = timezone.localdate()
    if status:
        due = publication_due_list(
            documents=documents.filter(is_published=False),
            today=today,
            calendar=_calendar(),
        )
        rows = [d for d in due if status == "due" or d.overdue]
        return render(
            request,
            "publications/backoffice/document_due.html",
            {
                "form": form,
                "rows": rows,
                "page_title": _("Documents awaiting publication"),
            },
        )
    page = Paginator(documents, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "publications/backoffice/document_list.html",
        {
            "form": form,
            "page": page,
            "today": today,
            "can_register": agency_list_for_user(
                user=request.user, perm=Perm.HANDLE
            ).exists(),
            "page_title": _("Register of official documents"),
        },
    )


@forbidden_as_403
def document_add(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.HANDLE on the chosen agency."""
    agencies = agency_list_for_user(user=request.user, perm=Perm.HANDLE)
    documents = document_list_for_user(user=request.user, perm=Perm.HANDLE)
    form = DocumentRegisterForm(
        request.POST or None, agencies=agencies, documents=documents
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        data["co_issuers"] = form.cleaned_data["co_issuers"]
        document = run_service(
            form, lambda: document_register(acting_user=request.user, **data)
        )
        if document is not None:
            messages.success(request, _("The document was registered."))
            return redirect("publications:document_detail", pk=document.pk)
    return render(
        request,
        "publications/backoffice/form.html",
        {"form": form, "page_title": _("Register a document")},
    )


@forbidden_as_403
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.VIEW on the document's agency."""
    document = document_get_for_user(user=request.user, document_id=pk)
    today = timezone.localdate()
    due = publication_due_list(
        documents=OfficialDocument.objects.filter(pk=pk),
        today=today,
        calendar=_calendar(),
    )
    return render(
        request,
        "publications/backoffice/document_detail.html",
        {
            "document": document,
            "validity": document_validity(document=document, on=today)
            if document.is_rule
            else "",
            "due": due[0] if due else None,
            "chain": document_amendment_chain(document=document),
            "entries": CatalogueEntry.objects.filter(document=document).select_related(
                "page"
            ),
            "reminders": document.expiry_reminders.all(),
            "can_review": user_has_agency_perm(
                user=request.user, agency=document.agency_id, perm=Perm.REVIEW
            ),
            "can_handle": user_has_agency_perm(
                user=request.user, agency=document.agency_id, perm=Perm.HANDLE
            ),
            "page_title": document.title,
        },
    )


@forbidden_as_403
def document_attribute(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.REVIEW on the document's agency (属性审核人)."""
    document = document_get_for_user(
        user=request.user, document_id=pk, perm=Perm.REVIEW
    )
    initial = {
        "attribute": document.attribute,
        "attribute_reason": document.attribute_reason,
    }
    form = AttributeDecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: document_attribute_decide(
                acting_user=request.user, document=document, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The disclosure attribute was decided."))
            return redirect("publications:document_detail", pk=pk)
    return render(
        request,
        "publications/backoffice/form.html",
        {
            "form": form,
            "object": document,
            "page_title": _("Review the disclosure attribute"),
        },
    )


@forbidden_as_403
def document_repeal_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Permission: Perm.HANDLE on the document's agency."""
    document = document_get_for_user(
        user=request.user, document_id=pk, perm=Perm.HANDLE
    )
    others = document_list_for_user(user=request.user).exclude(pk=pk)
    form = RepealForm(request.POST or None, documents=others)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: document_repeal(
                acting_user=request.user, document=document, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The repeal was recorded."))
            return redirect("publications:document_detail", pk=pk)
    return render(
        request,
        "publications/backoffice/form.html",
        {"form": form, "object": document, "page_title": _("Record a repeal")},
    )
