"""Reads about cases and appeals (see the modules for the rules they implement)."""

from .cases import (
    CaseFilters,
    case_get_for_applicant,
    case_get_for_user,
    case_list_for_user,
    case_may_see_identity,
    mask_id_number,
)
from .deadlines import (
    CaseClock,
    case_calendar,
    case_clock,
    case_deadline,
    case_pauses,
    case_reply_deadline,
)
from .letters import case_letter_context
from .reports import case_fees_collected, case_table3, case_table4

__all__ = [
    "CaseClock",
    "CaseFilters",
    "case_calendar",
    "case_clock",
    "case_deadline",
    "case_fees_collected",
    "case_get_for_applicant",
    "case_get_for_user",
    "case_letter_context",
    "case_list_for_user",
    "case_may_see_identity",
    "case_pauses",
    "case_reply_deadline",
    "case_table3",
    "case_table4",
    "mask_id_number",
]
