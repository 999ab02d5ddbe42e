"""Back office: consultation moderation, withdrawal with reason, statistics, settings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import (
    agency_get_for_user,
    agency_ids_for_user,
    agency_list_for_user,
    user_has_agency_perm,
)
from gongkai.backoffice.views import forbidden_as_403

from ..forms import (
    AgencyYearForm,
    DisclosureSettingsForm,
    ModerationForm,
    ReviewStepsForm,
    SectionForm,
    WithdrawForm,
)
from ..models import (
    CommentStatus,
    ConsultationComment,
    ConsultationPage,
    DisclosureIndexPage,
    DisclosureItemPage,
    DisclosureSettings,
    ReviewStep,
)
from ..selectors.stats import publication_stats
from ..services.catalogue import catalogue_item_withdraw, disclosure_section_ensure
from ..services.consultations import consultation_comment_moderate
from ..services.workflow import DEFAULT_STEPS, review_workflow_configure
from .helpers import run_service


def _consultations_for(user: object, perm: Perm) -> QuerySet[ConsultationPage]:
    ids = agency_ids_for_user(user=user, perm=perm)
    return ConsultationPage.objects.filter(catalogue_entry__agency_id__in=ids)


@forbidden_as_403
def consultation_list(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.VIEW on the consultation's agency."""
    consultations = (
        _consultations_for(request.user, Perm.VIEW)
        .annotate(
            pending=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)),
            received=Count("comments"),
        )
        .order_by("-opens_on")
    )
    return render(
        request,
        "publications/backoffice/consultation_list.html",
        {"consultations": consultations, "page_title": _("Public consultations")},
    )


@forbidden_as_403
def consultation_comments(request: HttpRequest, page_id: int) -> HttpResponse:
    """Permission: Perm.VIEW to read; moderation needs Perm.REVIEW (checked by the service)."""
    page = get_object_or_404(_consultations_for(request.user, Perm.VIEW), pk=page_id)
    form = ModerationForm(request.POST or None)
    if request.method == "POST":
        comment = get_object_or_404(
            ConsultationComment, pk=request.POST.get("comment"), consultation=page
        )
        if form.is_valid():
            done = run_service(
                form,
                lambda: consultation_comment_moderate(
                    acting_user=request.user,
                    comment=comment,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    adoption=form.cleaned_data["adoption"],
                ),
            )
            if done is not None:
                messages.success(request, _("The comment was moderated."))
                return redirect("publications:consultation_comments", page_id=page.pk)
    return render(
        request,
        "publications/backoffice/consultation_comments.html",
        {
            "consultation": page,
            "comments": page.comments.select_related("moderated_by"),
            "form": form,
            "can_moderate": user_has_agency_perm(
                user=request.user, agency=page.agency, perm=Perm.REVIEW
            ),
            "page_title": page.title,
        },
    )


def _item_for(user: object, page_id: int) -> DisclosureItemPage:
    from wagtail.models import Page

    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, DisclosureItemPage) or not user_has_agency_perm(
        user=user, agency=page.agency, perm=Perm.VIEW
    ):
        raise Http404
    return page


@forbidden_as_403
def item_withdraw(request: HttpRequest, page_id: int) -> HttpResponse:
    """Permission: Perm.APPROVE on the item's agency (checked again by the service)."""
    page = _item_for(request.user, page_id)
    if not user_has_agency_perm(
        user=request.user, agency=page.agency, perm=Perm.APPROVE
    ):
        raise PermissionDenied(_("You may not withdraw this agency's publications."))
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: (
                catalogue_item_withdraw(
                    acting_user=request.user,
                    page=page,
                    reason=form.cleaned_data["reason"],
                )
                or True
            ),
        )
        if done is not None:
            messages.success(request, _("The item was withdrawn from the portal."))
            return redirect("wagtailadmin_explore", page.get_parent().pk)
    return render(
        request,
        "publications/backoffice/form.html",
        {"form": form, "object": page, "page_title": _("Withdraw from the portal")},
    )


@forbidden_as_403
def stats_view(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.VIEW on the agency."""
    agencies = agency_list_for_user(user=request.user, perm=Perm.VIEW)
    default = {"agency": agencies.first(), "year": timezone.localdate().year - 1}
    form = AgencyYearForm(request.GET or None, agencies=agencies, initial=default)
    stats = None
    if form.is_valid():
        stats = publication_stats(
            agency=form.cleaned_data["agency"], year=form.cleaned_data["year"]
        )
    return render(
        request,
        "publications/backoffice/stats.html",
        {
            "form": form,
            "stats": stats,
            "page_title": _("Proactive disclosure statistics"),
        },
    )


@forbidden_as_403
def settings_index(request: HttpRequest) -> HttpResponse:
    """Permission: Perm.MANAGE on each agency listed."""
    agencies = agency_list_for_user(user=request.user, perm=Perm.MANAGE).select_related(
        "disclosure_section"
    )
    return render(
        request,
        "publications/backoffice/settings_index.html",
        {"agencies": agencies, "page_title": _("Disclosure settings")},
    )


def _section_create(request: HttpRequest, agency: Agency) -> HttpResponse:
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: disclosure_section_ensure(
                acting_user=request.user, agency=agency, slug=form.cleaned_data["slug"]
            ),
        )
        if done is not None:
            messages.success(request, _("The disclosure section was created."))
            return redirect("publications:agency_settings", agency_id=agency.pk)
    return render(
        request,
        "publications/backoffice/form.html",
        {
            "form": form,
            "object": agency,
            "page_title": _("Create the disclosure section"),
        },
    )


@forbidden_as_403
def agency_settings(request: HttpRequest, agency_id: int) -> HttpResponse:
    """Permission: Perm.MANAGE on the agency (validity periods, reminders, review steps)."""
    agency = agency_get_for_user(
        user=request.user, agency_id=agency_id, perm=Perm.MANAGE
    )
    if not DisclosureIndexPage.objects.filter(agency=agency).exists():
        return _section_create(request, agency)
    instance = DisclosureSettings.objects.filter(
        agency=agency
    ).first() or DisclosureSettings(agency=agency)
    current = list(
        ReviewStep.objects.filter(agency=agency)
        .order_by("position")
        .values_list("name", "role")
    ) or list(DEFAULT_STEPS)
    posted = request.POST if request.method == "POST" else None
    settings_form = DisclosureSettingsForm(
        posted if posted and "save_settings" in posted else None, instance=instance
    )
    steps_form = ReviewStepsForm(
        posted if posted and "save_steps" in posted else None, steps=current
    )
    if posted and "save_settings" in posted and settings_form.is_valid():
        from ..services.settings import disclosure_settings_update

        disclosure_settings_update(
            acting_user=request.user, agency=agency, **settings_form.cleaned_data
        )
        messages.success(request, _("The settings were saved."))
        return redirect("publications:agency_settings", agency_id=agency.pk)
    if posted and "save_steps" in posted and steps_form.is_valid():
        done = run_service(
            steps_form,
            lambda: review_workflow_configure(
                acting_user=request.user, agency=agency, steps=steps_form.steps()
            ),
        )
        if done is not None:
            messages.success(request, _("The review steps were saved."))
            return redirect("publications:agency_settings", agency_id=agency.pk)
    return render(
        request,
        "publications/backoffice/settings.html",
        {
            "agency": agency,
            "settings_form": settings_form,
            "steps_form": steps_form,
            "page_title": _("Disclosure settings of %(agency)s")
            % {"agency": agency.name},
        },
    )
