"""Writes the portal makes: an agency's own guide wording, and online applications.

Online applications are registered by the cases app's ``case_register`` (channel
online, no staff user); the portal adds the applicant's identity document to the
case in the same transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import user_has_agency_perm
from gongkai.audit.services import audit_record, audit_snapshot
from gongkai.cases.choices import Channel, EventKind
from gongkai.cases.models import Attachment
from gongkai.cases.services import (
    ApplicantInput,
    CaseRegistration,
    ItemInput,
    case_register,
)
from gongkai.cases.services._common import record_step
from gongkai.cases.transitions import Action

from .models import GUIDE_SECTIONS, GuideText

# How long the query code of a new application can be shown again to the browser
# that submitted it (a double submit, a reload of the confirmation page).
QUERY_CODE_CACHE_SECONDS = 3600


@transaction.atomic
def guide_update(*, acting_user: Any, agency: Agency, **texts: str) -> GuideText:
    """Set the agency's own wording of guide sections (Art. 12); a blank section
    falls back to the generated text. Needs ``Perm.MANAGE`` in the agency."""
    if not user_has_agency_perm(user=acting_user, agency=agency, perm=Perm.MANAGE):
        raise PermissionDenied(_("You may not change this agency's guide."))
    unknown = set(texts) - set(GUIDE_SECTIONS)
    if unknown:
        raise ValueError(f"unknown guide sections: {sorted(unknown)}")
    guide, _created = GuideText.objects.select_for_update().get_or_create(agency=agency)
    before = audit_snapshot(guide, GUIDE_SECTIONS)
    for key, text in texts.items():
        setattr(guide, key, text.strip())
    guide.updated_by = acting_user
    guide.save()
    audit_record(
        actor=acting_user,
        action="portal.guide_update",
        agency=agency,
        target=guide,
        before=before,
        after=audit_snapshot(guide, GUIDE_SECTIONS),
    )
    return guide


def _code_key(token: str) -> str:
    return "gk:apply:" + hashlib.sha256(token.encode()).hexdigest()


def remembered_query_code(*, submission_token: str, tracking_number: str) -> str | None:
    """The query code handed out for this submission, if it is still remembered."""
    stored = cache.get(_code_key(submission_token))
    if stored and stored[0] == tracking_number:
        return str(stored[1])
    return None


def _attach_id_document(
    registration: CaseRegistration, id_document: File[Any], extension: str
) -> None:
    case = registration.case
    title = gettext("Applicant's identity document")
    id_document.name = f"identity.{extension}"
    attachment = Attachment.objects.create(
        application=case, title=title, file=id_document
    )
    record_step(
        acting_user=None,
        case=case,
        action=Action.ATTACH,
        kind=EventKind.ATTACHMENT,
        note=title,
        data={"attachment": attachment.pk},
    )


@transaction.atomic
def application_submit_online(
    *,
    agency: Agency,
    applicant: ApplicantInput,
    items: Sequence[ItemInput],
    id_document: File[Any],
    id_document_extension: str,
    submission_token: str,
) -> CaseRegistration:
    """Register an application made on the portal (Art. 29; received online, Art. 31).

    The identity document (already checked by content, see ``uploads``) is attached
    to the new case. ``submission_token`` (one per form shown) makes a double submit
    return the first case and store nothing (``created`` is ``False``). The query
    code is remembered for an hour under the token so that a second submit of the
    same form can still show it.
    """
    registration = case_register(
        acting_user=None,
        agency=agency,
        applicant=applicant,
        items=items,
        channel=Channel.ONLINE,
        submission_token=submission_token,
    )
    if registration.created:
        _attach_id_document(registration, id_document, id_document_extension)
        cache.set(
            _code_key(submission_token),
            (registration.case.tracking_number, registration.query_code),
            QUERY_CODE_CACHE_SECONDS,
        )
    return registration
