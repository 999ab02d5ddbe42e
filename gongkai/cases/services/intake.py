"""Registering applications (Art. 29, 31), duplicate detection, splitting (一事一申请),
assignment, notes and attachments."""

from __future__ import annotations

import datetime
import secrets
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import user_has_agency_perm

from ..choices import ApplicantType, Channel, EventKind, IdType
from ..models import Application, ApplicationItem, Attachment, TrackingSequence
from ..transitions import Action, CaseActionRefused, transition_check
from ._common import (
    check_date,
    is_staff_user,
    lock,
    record_step,
    snapshot,
)

QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
QUERY_CODE_LENGTH = 8
TRACKING_PREFIX = "YSQ"


@dataclass(frozen=True)
class ApplicantInput:
    """Who applies and how they want the answer (Art. 29)."""

    applicant_type: str
    name: str
    id_type: str
    id_number: str
    requested_form: str
    delivery: str
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    contact_person: str = ""


@dataclass(frozen=True)
class ItemInput:
    """One piece of information asked for: a description and/or a document number."""

    description: str
    document_number: str = ""


@dataclass(frozen=True)
class CaseRegistration:
    """The result of ``case_register``.

    ``query_code`` is the applicant's secret for following the case; only its hash
    is stored, so it is returned once, on creation, and is ``None`` when the same
    submission was posted again (``created`` is then ``False``).
    """

    case: Application
    created: bool
    query_code: str | None


def normalise(text: str, *, max_length: int = 255) -> str:
    """A comparison key: NFKC, lower case, letters and digits only.

    ``中卫司发〔2023〕12号`` and ``中卫司发[2023]12 号`` give the same key.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())[:max_length]


def new_query_code() -> str:
    return "".join(
        secrets.choice(QUERY_CODE_ALPHABET) for _i in range(QUERY_CODE_LENGTH)
    )


def reserve_tracking_numbers(*, year: int, count: int = 1) -> list[str]:
    """Reserve ``count`` consecutive tracking numbers of ``year`` (never reused).

    The counter row is incremented with an UPDATE, which serialises concurrent
    registrations on both SQLite and PostgreSQL.
    """
    if not TrackingSequence.objects.filter(year=year).exists():
        try:
            with transaction.atomic():
                TrackingSequence.objects.create(year=year, last=0)
        except IntegrityError:
            pass  # created concurrently
    TrackingSequence.objects.filter(year=year).update(last=F("last") + count)
    last = TrackingSequence.objects.get(year=year).last
    return [
        f"{TRACKING_PREFIX}{year}{serial:06d}"
        for serial in range(last - count + 1, last + 1)
    ]


def _check_register_permission(acting_user: Any, agency: Agency, channel: str) -> None:
    """Staff need HANDLE in the agency; the public may only apply online."""
    if is_staff_user(acting_user):
        if not user_has_agency_perm(user=acting_user, agency=agency, perm=Perm.HANDLE):
            raise PermissionDenied(
                _("You may not register applications for this agency.")
            )
    elif channel != Channel.ONLINE:
        raise PermissionDenied(_("Only online applications can be made without login."))


def _check_applicant(applicant: ApplicantInput) -> None:
    """Art. 29: name, proof of identity, contact; valid choices."""
    if applicant.applicant_type not in ApplicantType.values:
        raise CaseActionRefused(_("Choose the applicant type."))
    if applicant.id_type not in IdType.values:
        raise CaseActionRefused(_("Choose the type of identity document."))
    if not applicant.name.strip() or not applicant.id_number.strip():
        raise CaseActionRefused(
            _("The applicant's name and identity document number are required.")
        )
    if not (applicant.phone or applicant.email or applicant.address):
        raise CaseActionRefused(
            _("At least one contact (phone, e-mail or address) is required.")
        )


def _check_items(items: Sequence[ItemInput]) -> None:
    """Art. 29(2): each item describes the information or gives its number."""
    if not items:
        raise CaseActionRefused(_("The application must ask for at least one item."))
    for item in items:
        if not (item.description.strip() or item.document_number.strip()):
            raise CaseActionRefused(
                _("Each item needs a description or a document number.")
            )


def _applicant_fields(applicant: ApplicantInput) -> dict[str, Any]:
    return {
        "applicant_type": applicant.applicant_type,
        "applicant_name": applicant.name.strip(),
        "id_type": applicant.id_type,
        "id_number": applicant.id_number.strip().upper(),
        "requested_form": applicant.requested_form,
        "delivery": applicant.delivery,
        "phone": applicant.phone.strip(),
        "email": applicant.email.strip(),
        "address": applicant.address.strip(),
        "postcode": applicant.postcode.strip(),
        "contact_person": applicant.contact_person.strip(),
    }


def create_items(case: Application, items: Iterable[ItemInput]) -> None:
    ApplicationItem.objects.bulk_create(
        ApplicationItem(
            application=case,
            position=position,
            description=item.description.strip() or item.document_number.strip(),
            document_number=item.document_number.strip(),
            normalised=normalise(item.description or item.document_number),
            document_key=normalise(item.document_number, max_length=100),
        )
        for position, item in enumerate(items, start=1)
    )


def find_possible_duplicate(case: Application) -> Application | None:
    """An earlier application in the same agency by the same applicant (same ID
    number, or same name and same phone or e-mail) asking for a similar item (same
    normalised description or same document number)."""
    same_applicant = Q(id_number=case.id_number)
    contact = Q()
    if case.phone:
        contact |= Q(phone=case.phone)
    if case.email:
        contact |= Q(email__iexact=case.email)
    if contact:
        same_applicant |= Q(applicant_name=case.applicant_name) & contact
    keys = list(case.items.values_list("normalised", "document_key"))
    descriptions = {key for key, _doc in keys if key}
    documents = {doc for _key, doc in keys if doc}
    same_item = Q(items__normalised__in=descriptions) | Q(
        items__document_key__in=documents
    )
    return (
        Application.objects.filter(agency_id=case.agency_id)
        .filter(same_applicant)
        .filter(same_item)
        .exclude(pk=case.pk)
        .order_by("-received_on", "-id")
        .first()
    )


def _existing_submission(token: str, agency: Agency) -> Application | None:
    existing = Application.objects.filter(submission_token=token).first()
    if existing is not None and existing.agency_id != agency.pk:
        raise CaseActionRefused(_("This form was already submitted elsewhere."))
    return existing


def _flag_duplicate(acting_user: Any, case: Application) -> None:
    duplicate = find_possible_duplicate(case)
    if duplicate is None:
        return
    case.possible_duplicate_of = duplicate
    case.save(update_fields=["possible_duplicate_of", "updated_at"])
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.REGISTER,
        kind=EventKind.DUPLICATE_FLAGGED,
        data={"possible_duplicate_of": duplicate.tracking_number},
    )


def _create_case(
    *,
    acting_user: Any,
    agency: Agency,
    applicant: ApplicantInput,
    items: Sequence[ItemInput],
    channel: str,
    received_on: datetime.date,
    receipt_note: str,
    submission_token: str | None,
    is_demo: bool,
) -> CaseRegistration:
    code = new_query_code()
    case = Application.objects.create(
        agency=agency,
        tracking_number=reserve_tracking_numbers(year=received_on.year)[0],
        query_code_hash=make_password(code),
        submission_token=submission_token,
        channel=channel,
        received_on=received_on,
        receipt_note=receipt_note,
        registered_by=acting_user if is_staff_user(acting_user) else None,
        is_demo=is_demo,
        **_applicant_fields(applicant),
    )
    create_items(case, items)
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.REGISTER,
        kind=EventKind.REGISTERED,
        on=received_on,
        data={"channel": channel, "items": len(items)},
    )
    _flag_duplicate(acting_user, case)
    return CaseRegistration(case=case, created=True, query_code=code)


def case_register(
    *,
    acting_user: Any,
    agency: Agency,
    applicant: ApplicantInput,
    items: Sequence[ItemInput],
    channel: str,
    received_on: datetime.date | None = None,
    receipt_note: str = "",
    submission_token: str | None = None,
    is_demo: bool = False,
) -> CaseRegistration:
    """Register an application (Art. 29) with its date of receipt (Art. 31).

    Staff (HANDLE in ``agency``) register any channel; without a staff user (the
    public portal, ``acting_user=None``) only ``online`` is accepted and the actor is
    recorded as 申请人. A ``submission_token`` makes the intake idempotent: posting
    the same form again returns the first case (``created=False``) and creates
    nothing. A possible duplicate (same applicant, similar item) is flagged, not
    refused.
    """
    _check_register_permission(acting_user, agency, channel)
    if channel not in Channel.values:
        raise CaseActionRefused(_("Choose how the application was received."))
    _check_applicant(applicant)
    _check_items(items)
    received_on = check_date(received_on, label=_("The date of receipt"))
    token = (submission_token or "").strip() or None
    if token and (existing := _existing_submission(token, agency)):
        return CaseRegistration(case=existing, created=False, query_code=None)
    try:
        with transaction.atomic():
            return _create_case(
                acting_user=acting_user,
                agency=agency,
                applicant=applicant,
                items=items,
                channel=channel,
                received_on=received_on,
                receipt_note=receipt_note,
                submission_token=token,
                is_demo=is_demo,
            )
    except IntegrityError:
        # The same form posted concurrently: the other request created the case.
        if token and (existing := _existing_submission(token, agency)):
            return CaseRegistration(case=existing, created=False, query_code=None)
        raise


def _check_assignee(case: Application, assignee: Any) -> None:
    if assignee is not None and not user_has_agency_perm(
        user=assignee, agency=case.agency_id, perm=Perm.HANDLE
    ):
        raise CaseActionRefused(
            _("%(user)s does not handle cases in this agency."),
            params={"user": assignee.get_username()},
        )


@transaction.atomic
def case_assign(*, acting_user: Any, case: Application, assignee: Any) -> Application:
    """Assign the case to a clerk of its agency (``None`` to unassign)."""
    case = lock(case)
    transition_check(user=acting_user, case=case, action=Action.ASSIGN)
    _check_assignee(case, assignee)
    before = snapshot(case)
    case.assigned_to = assignee
    case.save(update_fields=["assigned_to", "updated_at"])
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.ASSIGN,
        kind=EventKind.ASSIGNED,
        data={"assignee": assignee.get_username() if assignee else ""},
        before=before,
    )
    return case


@transaction.atomic
def case_assign_bulk(
    *, acting_user: Any, cases: Iterable[Application], assignee: Any
) -> int:
    """Assign several cases at once; all or none (one refusal refuses the lot)."""
    count = 0
    for case in cases:
        case_assign(acting_user=acting_user, case=case, assignee=assignee)
        count += 1
    return count


@transaction.atomic
def case_add_note(*, acting_user: Any, case: Application, text: str) -> Application:
    """An internal note on the case (never shown to the applicant)."""
    case = lock(case)
    transition_check(user=acting_user, case=case, action=Action.ADD_NOTE)
    if not text.strip():
        raise CaseActionRefused(_("The note is empty."))
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.ADD_NOTE,
        kind=EventKind.NOTE,
        note=text.strip(),
    )
    return case


@transaction.atomic
def case_add_attachment(
    *, acting_user: Any, case: Application, title: str, file: File[Any]
) -> Attachment:
    """Attach a file (scanned letter, supplement, copy of the reply…)."""
    case = lock(case)
    transition_check(user=acting_user, case=case, action=Action.ATTACH)
    attachment = Attachment.objects.create(
        application=case,
        title=title.strip() or file.name or "",
        file=file,
        uploaded_by=acting_user,
    )
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.ATTACH,
        kind=EventKind.ATTACHMENT,
        note=attachment.title,
        data={"attachment": attachment.pk},
    )
    return attachment


@transaction.atomic
def case_split(
    *, acting_user: Any, case: Application, item_ids: Iterable[int]
) -> Application:
    """Move some items into a new application ("一事一申请", 109号 Art. 4).

    The new application keeps the applicant and the date of receipt and links back
    through ``split_from``; both count as separate applications in table 3.
    """
    case = lock(case)
    transition_check(user=acting_user, case=case, action=Action.SPLIT)
    items = list(case.items.filter(pk__in=list(item_ids)))
    if not items or len(items) >= case.items.count():
        raise CaseActionRefused(
            _("Choose some, but not all, of the items to split off.")
        )
    new = Application.objects.get(pk=case.pk)
    new.pk = None
    new.tracking_number = reserve_tracking_numbers(year=case.received_on.year)[0]
    new.submission_token = None
    new.split_from = case
    new.possible_duplicate_of = None
    new.save(force_insert=True)
    ApplicationItem.objects.filter(pk__in=[item.pk for item in items]).update(
        application=new
    )
    moved = [item.pk for item in items]
    for target, other in ((case, new), (new, case)):
        record_step(
            acting_user=acting_user,
            case=target,
            action=Action.SPLIT,
            kind=EventKind.SPLIT,
            data={"other": other.tracking_number, "items": moved},
        )
    return new
