"""Receivers connecting Wagtail's publishing and workflow events to the catalogue
register and the audit trail. Each receiver only delegates to a service.

Wagtail publishes from several places (the last review step, the scheduler, revision
reverts); its signals are the one point all of them pass through.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.signals import (
    page_published,
    page_unpublished,
    task_approved,
    task_rejected,
    workflow_approved,
    workflow_cancelled,
    workflow_rejected,
    workflow_submitted,
)

from gongkai.agencies.models import Membership
from gongkai.audit.services import audit_record

from .context import current_actor
from .models import DisclosureIndexPage, DisclosureItemPage


def _on_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Wagtail also sends this when a revision is only scheduled (not yet live).
    if isinstance(instance, DisclosureItemPage) and instance.live:
        from .services.catalogue import catalogue_entry_record_publication

        catalogue_entry_record_publication(page=instance)


def _on_unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, DisclosureItemPage):
        from .services.catalogue import catalogue_entry_record_withdrawal

        catalogue_entry_record_withdrawal(page=instance)


def _on_page_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, DisclosureItemPage) and instance.live:
        from .services.catalogue import catalogue_entry_record_withdrawal

        catalogue_entry_record_withdrawal(page=instance, deleted=True)


def _page_of(state: Any) -> Any:
    obj = state.content_object
    return getattr(obj, "specific", obj)


def _audit_workflow(action: str, workflow_state: Any, user: Any, **extra: Any) -> None:
    page = _page_of(workflow_state)
    if not isinstance(page, DisclosureItemPage):
        return
    with transaction.atomic():
        audit_record(
            actor=user or current_actor(),
            action=action,
            agency=page.agency,
            target=page,
            after={"workflow": workflow_state.workflow.name, **extra},
        )


def _on_task(action: str) -> Any:
    def receiver(sender: Any, instance: Any, user: Any = None, **kwargs: Any) -> None:
        _audit_workflow(
            action,
            instance.workflow_state,
            user,
            step=instance.task.name,
            comment=instance.comment,
            revision=instance.revision_id,
        )

    return receiver


def _on_workflow(action: str) -> Any:
    def receiver(sender: Any, instance: Any, user: Any = None, **kwargs: Any) -> None:
        _audit_workflow(action, instance, user)

    return receiver


def _on_membership_change(sender: Any, instance: Membership, **kwargs: Any) -> None:
    if DisclosureIndexPage.objects.filter(agency_id=instance.agency_id).exists():
        from .services.workflow import review_groups_sync

        review_groups_sync(agency=instance.agency)


_RECEIVERS: list[Any] = []


def connect() -> None:
    """Called once from ``PublicationsConfig.ready``."""
    page_published.connect(_on_published, dispatch_uid="gk_pub_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="gk_pub_unpublished")
    from .models import CatalogueItemPage, ConsultationPage, InterpretationPage

    for model in (CatalogueItemPage, InterpretationPage, ConsultationPage):
        pre_delete.connect(
            _on_page_delete,
            sender=model,
            dispatch_uid=f"gk_pub_delete_{model.__name__}",
        )
    for signal, action in (
        (task_approved, "review.approve"),
        (task_rejected, "review.reject"),
    ):
        receiver = _on_task(action)
        _RECEIVERS.append(receiver)  # keep a strong reference
        signal.connect(receiver, dispatch_uid=f"gk_pub_{action}")
    for signal, action in (
        (workflow_submitted, "review.submit"),
        (workflow_approved, "review.complete"),
        (workflow_rejected, "review.return_to_author"),
        (workflow_cancelled, "review.cancel"),
    ):
        receiver = _on_workflow(action)
        _RECEIVERS.append(receiver)
        signal.connect(receiver, dispatch_uid=f"gk_pub_{action}")
    post_save.connect(
        _on_membership_change, sender=Membership, dispatch_uid="gk_pub_member_save"
    )
    post_delete.connect(
        _on_membership_change, sender=Membership, dispatch_uid="gk_pub_member_delete"
    )
