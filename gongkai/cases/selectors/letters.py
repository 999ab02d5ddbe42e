"""What a reply letter (告知书) needs to know about a case.

The letter documents themselves are produced elsewhere; this selector gathers the
facts: outcome and legal basis (Art. 36–39), the items, the dates, the agency's
contact block (Art. 12) and the remedies sentence (reconsideration within 60 days,
litigation within 6 months of receipt).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency, AgencyKind

from ..choices import Outcome
from ..models import Application
from ..outcomes import OUTCOME_BASIS
from .deadlines import case_extension, case_supplementation

CONTACT_FIELDS = (
    "name",
    "office_name",
    "address",
    "postcode",
    "phone",
    "fax",
    "email",
    "office_hours",
    "website",
)


def remedies_sentence(agency: Agency) -> str:
    """Administrative reconsideration within 60 days or litigation within 6 months
    of receiving the letter. A department's reconsideration body is its people's
    government; otherwise the sentence names no body."""
    if agency.kind == AgencyKind.DEPARTMENT and agency.parent_id is not None:
        return _(
            "If you disagree with this reply, you may apply to %(body)s for administrative reconsideration within 60 days of receiving it, or bring an administrative lawsuit before the competent people's court within 6 months of receiving it."
        ) % {"body": agency.parent.name}  # type: ignore[union-attr]
    return _(
        "If you disagree with this reply, you may apply for administrative reconsideration within 60 days of receiving it, or bring an administrative lawsuit before the competent people's court within 6 months of receiving it."
    )


def _items(case: Application) -> list[dict[str, Any]]:
    return [
        {
            "position": item.position,
            "description": item.description,
            "document_number": item.document_number,
            "outcome": item.outcome,
            "outcome_label": Outcome(item.outcome).label if item.outcome else "",
            "basis_note": item.basis_note or OUTCOME_BASIS.get(item.outcome, ""),
            "refer_to": item.refer_to,
        }
        for item in case.items.all()
    ]


def _dates(case: Application) -> dict[str, Any]:
    supplementation = case_supplementation(case)
    extension = case_extension(case)
    return {
        "received_on": case.received_on,
        "supplement_notified_on": supplementation.notified_on
        if supplementation
        else None,
        "supplemented_on": supplementation.supplemented_on if supplementation else None,
        "extension_days": extension.days if extension else 0,
        "extension_approved_on": extension.approved_on if extension else None,
        "reply_approved_on": case.reply_approved_on,
        "answered_on": case.answered_on,
    }


def case_letter_context(case: Application) -> dict[str, Any]:
    """Everything a reply letter prints, as plain data (dates as ``date`` objects)."""
    agency = case.agency
    outcome = case.outcome
    return {
        "tracking_number": case.tracking_number,
        "applicant": {
            "name": case.applicant_name,
            "contact_person": case.contact_person,
            "address": case.address,
            "postcode": case.postcode,
            "phone": case.phone,
            "email": case.email,
        },
        "channel": case.get_channel_display(),
        "requested_form": case.get_requested_form_display(),
        "delivery": case.get_delivery_display(),
        "outcome": outcome,
        "outcome_label": Outcome(outcome).label if outcome else "",
        "legal_basis": case.legal_basis or OUTCOME_BASIS.get(outcome, ""),
        "reply_summary": case.reply_summary,
        "items": _items(case),
        "dates": _dates(case),
        "agency": {name: getattr(agency, name) for name in CONTACT_FIELDS},
        "remedies": remedies_sentence(agency),
    }
