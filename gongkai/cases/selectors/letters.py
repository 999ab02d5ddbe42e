"""What a reply letter (告知书) needs to know about a case.

The letter documents themselves are produced elsewhere; this selector gathers the
facts: outcome and legal basis (Art. 36–39), the items, the dates, the agency's
contact block (Art. 12) and the remedies sentence (reconsideration within 60 days,
litigation within 6 months of receipt).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.models import Agency, AgencyKind

from ..choices import LetterKind, Outcome, Status
from ..models import Application, CaseLetter
from ..outcomes import OUTCOME_BASIS
from .deadlines import case_extension, case_fee_notice, case_supplementation

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


# --- The letters (文书) stored with the case ---------------------------------------

LETTER_KINDS: tuple[str, ...] = tuple(LetterKind.values)
# A reply letter follows the reply: drafted with it, frozen when it is approved.
REPLY_LETTER_STATUSES = (Status.REPLY_DRAFTED, Status.REPLY_APPROVED, Status.CLOSED)


def case_letter_latest(case: Application, kind: str) -> CaseLetter | None:
    """The current (highest) version of the case's letter of ``kind``."""
    return case.letters.filter(kind=kind).order_by("-version").first()


def case_reply_digest(case: Application) -> str:
    """A digest of the reply's decisions as recorded now: the application's outcome,
    legal basis and summary and each item's outcome, basis note and referral. A
    reply letter filled from the template keeps it (``CaseLetter.decisions_digest``),
    so a reply drafted again with other decisions shows the letter as stale."""
    decisions = {
        "outcome": case.outcome,
        "governing": case.governing_outcome,
        "legal_basis": case.legal_basis,
        "summary": case.reply_summary,
        "items": [
            [item.pk, item.outcome, item.basis_note, item.refer_to]
            for item in sorted(case.items.all(), key=lambda item: item.pk)
        ],
    }
    text = json.dumps(decisions, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def case_reply_letter_stale(case: Application, letter: CaseLetter | None) -> bool:
    """Whether ``letter``, the current reply letter, is a hand-edited draft whose text
    was filled from decisions the reply no longer has (the reply was drafted again
    since). An untouched template draft is not: the approval fills it again."""
    return bool(
        letter is not None
        and letter.kind == LetterKind.REPLY
        and letter.edited
        and not letter.final
        and letter.decisions_digest
        and letter.decisions_digest != case_reply_digest(case)
    )


def case_letter_unavailable(case: Application, kind: str) -> Any:
    """Why a letter of ``kind`` cannot be drafted from its template now, or ``None``.

    The reply letter needs an outcome (Art. 36); each notice needs its record: the
    supplementation (Art. 30), the extension (Art. 33) or the fee notice (109号).
    """
    if kind == LetterKind.REPLY:
        if not case.outcome or case.status not in REPLY_LETTER_STATUSES:
            return gettext_lazy("The reply letter can be drafted once the reply is.")
        return None
    record = {
        LetterKind.SUPPLEMENTATION: case_supplementation,
        LetterKind.EXTENSION: case_extension,
        LetterKind.FEE_NOTICE: case_fee_notice,
    }[LetterKind(kind)](case)
    if record is None:
        return gettext_lazy(
            "Record the step first; the notice is filled from it (%(kind)s)."
        ) % {"kind": LetterKind(kind).label}
    return None


def case_letter_groups(case: Application) -> list[dict[str, Any]]:
    """Per kind, its versions (newest first), the current one and whether a draft
    can be made from the template now. Kinds with neither are left out."""
    versions: dict[str, list[CaseLetter]] = {kind: [] for kind in LETTER_KINDS}
    for letter in case.letters.select_related("created_by").order_by(
        "kind", "-version"
    ):
        versions[letter.kind].append(letter)
    groups = []
    for kind in LETTER_KINDS:
        current = versions[kind][0] if versions[kind] else None
        unavailable = case_letter_unavailable(case, kind)
        if current is None and unavailable is not None:
            continue
        groups.append(
            {
                "kind": kind,
                "label": LetterKind(kind).label,
                "current": current,
                "versions": versions[kind],
                "final": bool(current and current.final),
                "stale": case_reply_letter_stale(case, current),
                "can_draft": unavailable is None and not (current and current.final),
            }
        )
    return groups


def case_reply_letter_final(case: Application) -> CaseLetter | None:
    """The final reply letter of a replied case (its PDF is for the applicant)."""
    if case.status != Status.CLOSED:
        return None
    letter = case_letter_latest(case, LetterKind.REPLY)
    if letter is None or not letter.final:
        return None
    return letter
