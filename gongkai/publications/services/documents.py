"""Writes to the document register: registration, attribute decision, repeal."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import user_has_agency_perm
from gongkai.audit.services import audit_record, audit_snapshot

from ..models import DisclosureAttribute, DocumentType, OfficialDocument, TrialKind
from ..selectors.documents import disclosure_settings_for

ATTRIBUTE_FIELDS = (
    "attribute",
    "attribute_reason",
    "attribute_reviewer",
    "attribute_decided_at",
    "attribute_review_note",
)


def _require(user: Any, agency: Agency, perm: Perm, message: str) -> None:
    if not user_has_agency_perm(user=user, agency=agency, perm=perm):
        raise PermissionDenied(message)


def attribute_problems(*, attribute: str, reason: str) -> dict[str, str]:
    """国办发〔2016〕80号: anything but 主动公开 needs a stated legal reason."""
    if attribute not in DisclosureAttribute.values:
        return {"attribute": _("Choose a disclosure attribute.")}
    if attribute != DisclosureAttribute.PROACTIVE and not reason.strip():
        return {
            "attribute_reason": _(
                "A document not disclosed proactively needs a stated legal reason."
            )
        }
    return {}


def default_valid_until(
    *, agency: Agency, starts_on: datetime.date, trial: str
) -> datetime.date:
    """The last day in force under local practice (5 years, trial/interim 2 years;
    configurable per agency)."""
    settings = disclosure_settings_for(agency=agency)
    years = (
        settings.trial_validity_years if trial else settings.normative_validity_years
    )
    try:
        end = starts_on.replace(year=starts_on.year + years)
    except ValueError:  # 29 February
        end = starts_on.replace(year=starts_on.year + years, day=28)
    return end - datetime.timedelta(days=1)


def _validity_problems(fields: dict[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    effective_from = fields.get("effective_from")
    valid_until = fields.get("valid_until")
    if effective_from and effective_from < fields["written_on"]:
        problems["effective_from"] = _(
            "A document cannot take effect before the date it was written."
        )
    start = effective_from or fields["written_on"]
    if valid_until and valid_until < start:
        problems["valid_until"] = _("The validity cannot end before it starts.")
    if fields.get("trial") and fields.get("doc_type") == DocumentType.OTHER:
        problems["trial"] = _(
            "Only regulations and normative documents are issued on a trial basis."
        )
    return problems


@transaction.atomic
def document_register(
    *,
    acting_user: Any,
    agency: Agency,
    title: str,
    written_on: datetime.date,
    attribute: str,
    attribute_reason: str = "",
    doc_type: str = DocumentType.OTHER,
    organ_code: str = "",
    doc_year: int | None = None,
    doc_serial: int | None = None,
    signer: str = "",
    co_issuers: Iterable[Agency] = (),
    effective_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    trial: str = TrialKind.NONE,
    amends: OfficialDocument | None = None,
    is_demo: bool = False,
) -> OfficialDocument:
    """Register a document the agency issues, with its proposed disclosure attribute.

    Permission: Perm.HANDLE on the agency. Normative documents without an end of
    validity get the agency's default period (5 years, trial/interim 2 years).
    """
    _require(
        acting_user, agency, Perm.HANDLE, _("You may not register documents here.")
    )
    fields: dict[str, Any] = {
        "agency": agency,
        "title": title.strip(),
        "written_on": written_on,
        "attribute": attribute,
        "attribute_reason": attribute_reason.strip(),
        "doc_type": doc_type,
        "organ_code": organ_code.strip(),
        "doc_year": doc_year,
        "doc_serial": doc_serial,
        "signer": signer.strip(),
        "effective_from": effective_from,
        "valid_until": valid_until,
        "trial": trial or TrialKind.NONE,
        "amends": amends,
        "is_demo": is_demo,
        "created_by": acting_user if getattr(acting_user, "pk", None) else None,
    }
    problems = {
        **attribute_problems(attribute=attribute, reason=attribute_reason),
        **_validity_problems(fields),
        **_number_problems(fields),
    }
    if amends is not None and amends.agency_id != agency.pk:
        problems["amends"] = _(
            "A document can only amend a document of its own agency."
        )
    if problems:
        raise ValidationError(problems)
    if doc_type == DocumentType.NORMATIVE and valid_until is None:
        fields["valid_until"] = default_valid_until(
            agency=agency, starts_on=effective_from or written_on, trial=fields["trial"]
        )
    document = OfficialDocument(**fields)
    document.full_clean(exclude=["co_issuers"], validate_constraints=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"doc_serial": _("This document number is already in the register.")}
        ) from exc
    document.co_issuers.set([a for a in co_issuers if a.pk != agency.pk])
    audit_record(
        actor=acting_user,
        action="document.register",
        agency=agency,
        target=document,
        after=audit_snapshot(document),
    )
    return document


def _number_problems(fields: dict[str, Any]) -> dict[str, str]:
    if not fields["organ_code"]:
        if fields["doc_year"] or fields["doc_serial"]:
            return {"organ_code": _("A document number needs its organ code.")}
        return {}
    if not fields["doc_year"] or not fields["doc_serial"]:
        return {"doc_serial": _("A document number needs organ code, year and serial.")}
    exists = OfficialDocument.objects.filter(
        agency=fields["agency"],
        organ_code=fields["organ_code"],
        doc_year=fields["doc_year"],
        doc_serial=fields["doc_serial"],
    ).exists()
    if exists:
        return {"doc_serial": _("This document number is already in the register.")}
    return {}


@transaction.atomic
def document_attribute_decide(
    *,
    acting_user: Any,
    document: OfficialDocument,
    attribute: str,
    attribute_reason: str = "",
    note: str = "",
) -> OfficialDocument:
    """Review and decide a document's disclosure attribute (属性审核).

    Permission: Perm.REVIEW on the document's agency. Records the reviewer and the
    time of the decision; the attribute may be changed from the proposal, and the
    legal reason is still required for anything but 主动公开.
    """
    _require(
        acting_user,
        document.agency,
        Perm.REVIEW,
        _("You may not review disclosure attributes here."),
    )
    problems = attribute_problems(attribute=attribute, reason=attribute_reason)
    if problems:
        raise ValidationError(problems)
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if (
        attribute not in (DisclosureAttribute.PROACTIVE, DisclosureAttribute.REDACTED)
        and document.catalogue_entries.exists()
    ):
        raise ValidationError(
            {
                "attribute": _(
                    "This document is already in the catalogue; withdraw the catalogue item first."
                )
            }
        )
    before = audit_snapshot(document, ATTRIBUTE_FIELDS)
    document.attribute = attribute
    document.attribute_reason = attribute_reason.strip()
    document.attribute_reviewer = acting_user
    document.attribute_decided_at = timezone.now()
    document.attribute_review_note = note.strip()
    document.save()
    audit_record(
        actor=acting_user,
        action="document.attribute_decide",
        agency=document.agency,
        target=document,
        before=before,
        after=audit_snapshot(document, ATTRIBUTE_FIELDS),
    )
    return document


REPEAL_FIELDS = ("repealed_on", "repeal_reason", "repealed_by_id")


@transaction.atomic
def document_repeal(
    *,
    acting_user: Any,
    document: OfficialDocument,
    repealed_on: datetime.date,
    reason: str,
    repealed_by: OfficialDocument | None = None,
) -> OfficialDocument:
    """Record the repeal (废止) of a regulation or normative document.

    Permission: Perm.HANDLE on the document's agency. ``repealed_by`` is the document
    that repeals it, when there is one (possibly another agency's, e.g. a
    government's clean-up decision).
    """
    _require(
        acting_user,
        document.agency,
        Perm.HANDLE,
        _("You may not change this agency's register."),
    )
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    problems = _repeal_problems(document, repealed_on, reason, repealed_by)
    if problems:
        raise ValidationError(problems)
    before = audit_snapshot(document, REPEAL_FIELDS)
    document.repealed_on = repealed_on
    document.repeal_reason = reason.strip()
    document.repealed_by = repealed_by
    document.save()
    audit_record(
        actor=acting_user,
        action="document.repeal",
        agency=document.agency,
        target=document,
        before=before,
        after=audit_snapshot(document, REPEAL_FIELDS),
    )
    return document


def _repeal_problems(
    document: OfficialDocument,
    repealed_on: datetime.date,
    reason: str,
    repealed_by: OfficialDocument | None,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not document.is_rule:
        problems["repealed_on"] = _(
            "Only regulations and normative documents are repealed here."
        )
    if document.repealed_on:
        problems["repealed_on"] = _("This document is already repealed.")
    elif repealed_on < document.written_on:
        problems["repealed_on"] = _(
            "A document cannot be repealed before the date it was written."
        )
    if not reason.strip():
        problems["reason"] = _("State the reason for the repeal.")
    if repealed_by is not None and repealed_by.pk == document.pk:
        problems["repealed_by"] = _("A document cannot repeal itself.")
    return problems
