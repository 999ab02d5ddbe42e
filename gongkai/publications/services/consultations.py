"""Public consultations (征求意见): comments within the window, moderation."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import user_has_agency_perm
from gongkai.audit.services import audit_record, audit_snapshot

from ..models import (
    CommentAdoption,
    CommentStatus,
    ConsultationComment,
    ConsultationPage,
)

MAX_COMMENT_LENGTH = 5000
PUBLIC_ACTOR = "公众"


def consultation_is_open(
    *, consultation: ConsultationPage, today: datetime.date
) -> bool:
    """Comments are accepted from ``opens_on`` to the end of ``closes_on``."""
    return bool(consultation.live) and (
        consultation.opens_on <= today <= consultation.closes_on
    )


def _comment_problems(
    consultation: ConsultationPage, name: str, contact: str, body: str
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not body.strip():
        problems["body"] = _("Write your comment.")
    elif len(body) > MAX_COMMENT_LENGTH:
        problems["body"] = _("A comment has at most %(max)s characters.") % {
            "max": MAX_COMMENT_LENGTH
        }
    if consultation.identity_required:
        if not name.strip():
            problems["name"] = _("This consultation asks for your name.")
        if not contact.strip():
            problems["contact"] = _("This consultation asks for a way to contact you.")
    return problems


@transaction.atomic
def consultation_comment_submit(
    *,
    consultation: ConsultationPage,
    body: str,
    name: str = "",
    contact: str = "",
    now: datetime.datetime | None = None,
    is_demo: bool = False,
) -> ConsultationComment:
    """Accept a comment from the public while the consultation is open.

    Outside the window nothing is stored. Name and contact are optional unless the
    consultation requires them. The comment waits for moderation before it is shown.
    """
    now = now or timezone.now()
    if not consultation_is_open(
        consultation=consultation, today=timezone.localdate(now)
    ):
        raise ValidationError(
            _(
                "This consultation accepts comments from %(opens)s to %(closes)s; it is not open now."
            )
            % {
                "opens": consultation.opens_on.isoformat(),
                "closes": consultation.closes_on.isoformat(),
            }
        )
    problems = _comment_problems(consultation, name, contact, body)
    if problems:
        raise ValidationError(problems)
    comment = ConsultationComment.objects.create(
        consultation=consultation,
        name=name.strip()[:50],
        contact=contact.strip()[:100],
        body=body.strip(),
        submitted_at=now,
        is_demo=is_demo,
    )
    audit_record(
        actor=PUBLIC_ACTOR,
        action="consultation.comment",
        agency=consultation.agency,
        target=comment,
        after={"consultation": consultation.pk, "length": len(comment.body)},
    )
    return comment


MODERATION_FIELDS = ("status", "moderation_note", "adoption")


@transaction.atomic
def consultation_comment_moderate(
    *,
    acting_user: Any,
    comment: ConsultationComment,
    status: str,
    note: str = "",
    adoption: str = CommentAdoption.UNDECIDED,
) -> ConsultationComment:
    """Approve or reject a comment for display, and record whether it was adopted.

    Permission: Perm.REVIEW on the consultation's agency. Rejecting needs a note.
    """
    agency = comment.consultation.agency
    if not user_has_agency_perm(user=acting_user, agency=agency, perm=Perm.REVIEW):
        raise PermissionDenied(_("You may not moderate this agency's comments."))
    if status not in (CommentStatus.APPROVED, CommentStatus.REJECTED):
        raise ValidationError({"status": _("Approve or reject the comment.")})
    if status == CommentStatus.REJECTED and not note.strip():
        raise ValidationError(
            {"moderation_note": _("Say why the comment is rejected.")}
        )
    if adoption not in CommentAdoption.values:
        raise ValidationError({"adoption": _("Choose how the comment was adopted.")})
    comment = ConsultationComment.objects.select_for_update().get(pk=comment.pk)
    before = audit_snapshot(comment, MODERATION_FIELDS)
    comment.status = status
    comment.moderation_note = note.strip()
    comment.adoption = adoption
    comment.moderated_by = acting_user
    comment.moderated_at = timezone.now()
    comment.save()
    audit_record(
        actor=acting_user,
        action="consultation.moderate",
        agency=agency,
        target=comment,
        before=before,
        after=audit_snapshot(comment, MODERATION_FIELDS),
    )
    return comment
