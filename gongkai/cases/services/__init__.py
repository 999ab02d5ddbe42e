"""Writes about cases and appeals. Every service takes ``acting_user``, checks its
permission through the gatekeeper selectors and the transition table, runs in a
transaction and writes a timeline entry (Art. 45) and an audit entry in it."""

from .appeals import appeal_decide, appeal_register
from .handling import (
    case_abandon,
    case_consult,
    case_consultation_answered,
    case_extend,
    case_issue_fee_notice,
    case_record_payment,
    case_record_supplement,
    case_request_supplement,
    case_start,
)
from .intake import (
    ApplicantInput,
    CaseRegistration,
    ItemInput,
    case_add_attachment,
    case_add_note,
    case_assign,
    case_assign_bulk,
    case_register,
    case_split,
    normalise,
    reserve_tracking_numbers,
)
from .letters import (
    case_letter_draft,
    case_letter_edit,
    case_letter_finalise,
    letter_files_render,
    letter_freeze_reply,
)
from .reply import (
    ItemDecision,
    case_approve_reply,
    case_draft_reply,
    case_override_outcome,
    case_return_reply,
    case_send_reply,
)

__all__ = [
    "ApplicantInput",
    "CaseRegistration",
    "ItemDecision",
    "ItemInput",
    "appeal_decide",
    "appeal_register",
    "case_abandon",
    "case_add_attachment",
    "case_add_note",
    "case_approve_reply",
    "case_assign",
    "case_assign_bulk",
    "case_consult",
    "case_consultation_answered",
    "case_draft_reply",
    "case_extend",
    "case_issue_fee_notice",
    "case_letter_draft",
    "case_letter_edit",
    "case_letter_finalise",
    "case_override_outcome",
    "case_record_payment",
    "case_record_supplement",
    "case_register",
    "case_request_supplement",
    "case_return_reply",
    "case_send_reply",
    "case_split",
    "case_start",
    "letter_files_render",
    "letter_freeze_reply",
    "normalise",
    "reserve_tracking_numbers",
]
