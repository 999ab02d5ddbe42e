"""Rules a catalogue item must satisfy before it can be saved (Art. 20, 21, 26;
国办发〔2016〕80号). Pure functions returning {field: message}; the page forms
show the messages next to the fields."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from gongkai.agencies.models import AgencyLevel

from .models.choices import PUBLISHABLE_ATTRIBUTES, TOWNSHIP_ONLY_ART21, ItemKind

ART21_LEVELS = frozenset(
    {AgencyLevel.MUNICIPAL, AgencyLevel.COUNTY, AgencyLevel.TOWNSHIP}
)


def art21_problem(*, agency: Any, art21_category: str) -> str:
    """Art. 21 categories exist only for cities with districts, counties and
    townships; the rural ones only for townships."""
    if not art21_category:
        return ""
    if agency.level not in ART21_LEVELS:
        return _("Art. 21 categories apply to city, county and township agencies only.")
    if art21_category in TOWNSHIP_ONLY_ART21 and agency.level != AgencyLevel.TOWNSHIP:
        return _("This Art. 21 category applies to townships only.")
    return ""


def document_problem(*, agency: Any, kind: str, document: Any) -> str:
    """A register document may be published only by its agency, as a 文件, and only
    if its attribute is 主动公开 or 删减后公开."""
    if document is None:
        return ""
    if document.agency_id != agency.pk:
        return _("The document belongs to another agency's register.")
    if kind != ItemKind.DOCUMENT:
        return _("An item publishing a register document must be of kind “document”.")
    if document.attribute not in PUBLISHABLE_ATTRIBUTES:
        return _(
            "The document's disclosure attribute is “%(attribute)s”: it may not be published proactively."
        ) % {"attribute": document.get_attribute_display()}
    return ""


def expiry_problem(*, expire_at: Any, withdrawal_reason: str) -> str:
    if expire_at and not withdrawal_reason.strip():
        return _("Give the reason for the scheduled withdrawal.")
    return ""


def consultation_problems(
    *,
    opens_on: datetime.date | None,
    closes_on: datetime.date | None,
    feedback: str,
    today: datetime.date,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if opens_on and closes_on and closes_on < opens_on:
        problems["closes_on"] = _("The consultation cannot close before it opens.")
    if feedback.strip() and closes_on and closes_on >= today:
        problems["feedback"] = _(
            "The feedback on adoption is published after the consultation closes."
        )
    return problems
