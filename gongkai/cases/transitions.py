"""The explicit transition table of a case and the domain exception for refusals.

Status (process state) is separate from outcome (statutory table-3 row). Every
service looks its action up here: who may do it (permissions, through the gatekeeper
selectors) and from which statuses; anything else is refused with a Chinese message.
See ``docs/applications.md`` for the state diagram.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.permissions import Perm
from gongkai.agencies.selectors import user_has_agency_perm

from .choices import OPEN_STATUSES, Status


class CaseActionRefused(ValidationError):
    """A step the rules do not allow (wrong status, wrong date, missing outcome…).

    The message is translated (Chinese in the back office); views show it and change
    nothing.
    """

    def __str__(self) -> str:
        return " ".join(str(message) for message in self.messages)


class Action(StrEnum):
    REGISTER = "register"
    REQUEST_SUPPLEMENT = "request_supplement"
    RECORD_SUPPLEMENT = "record_supplement"
    ABANDON = "abandon"
    START = "start"
    CONSULT = "consult"
    ANSWER_CONSULTATION = "answer_consultation"
    EXTEND = "extend"
    ISSUE_FEE_NOTICE = "issue_fee_notice"
    RECORD_PAYMENT = "record_payment"
    DRAFT_REPLY = "draft_reply"
    RETURN_REPLY = "return_reply"
    APPROVE_REPLY = "approve_reply"
    OVERRIDE_OUTCOME = "override_outcome"
    SEND_REPLY = "send_reply"
    ASSIGN = "assign"
    ADD_NOTE = "add_note"
    ATTACH = "attach"
    SPLIT = "split"
    # Letters (文书): permissions and status rules in ``services/letters.py``.
    DRAFT_LETTER = "draft_letter"
    EDIT_LETTER = "edit_letter"
    FINALISE_LETTER = "finalise_letter"


LETTER_ACTIONS = frozenset(
    {Action.DRAFT_LETTER, Action.EDIT_LETTER, Action.FINALISE_LETTER}
)


@dataclass(frozen=True)
class Transition:
    action: Action
    label: Promise
    sources: tuple[str, ...]
    target: str | None  # None: the status does not change
    perms: tuple[Perm, ...]  # any one of them suffices


S = Status
ALL_STATUSES: tuple[str, ...] = tuple(Status.values)
HANDLING = (S.IN_PROGRESS, S.REPLY_DRAFTED, S.REPLY_APPROVED)

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        # Art. 30: one notice, within 7 working days of receipt.
        Transition(
            Action.REQUEST_SUPPLEMENT,
            _("Request supplementation"),
            (S.REGISTERED, S.IN_PROGRESS),
            S.AWAITING_SUPPLEMENT,
            (Perm.HANDLE,),
        ),
        Transition(
            Action.RECORD_SUPPLEMENT,
            _("Record the supplement"),
            (S.AWAITING_SUPPLEMENT,),
            S.IN_PROGRESS,
            (Perm.HANDLE,),
        ),
        # Art. 30 (no supplement) and 109号 (fee unpaid): deemed abandoned.
        Transition(
            Action.ABANDON,
            _("Close as abandoned"),
            (S.AWAITING_SUPPLEMENT, S.AWAITING_PAYMENT),
            S.CLOSED,
            (Perm.HANDLE,),
        ),
        Transition(
            Action.START,
            _("Start handling"),
            (S.REGISTERED,),
            S.IN_PROGRESS,
            (Perm.HANDLE,),
        ),
        # Art. 32 and 34: each consultation pauses the reply period.
        Transition(
            Action.CONSULT,
            _("Send a consultation"),
            (S.IN_PROGRESS,),
            None,
            (Perm.HANDLE,),
        ),
        Transition(
            Action.ANSWER_CONSULTATION,
            _("Record a consultation answer"),
            (S.IN_PROGRESS,),
            None,
            (Perm.HANDLE,),
        ),
        # Art. 33 §2: once, approved by the head of the disclosure office.
        Transition(
            Action.EXTEND,
            _("Extend the reply period"),
            (S.IN_PROGRESS, S.REPLY_DRAFTED),
            None,
            (Perm.APPROVE,),
        ),
        Transition(
            Action.ISSUE_FEE_NOTICE,
            _("Issue a fee notice"),
            (S.IN_PROGRESS,),
            S.AWAITING_PAYMENT,
            (Perm.HANDLE,),
        ),
        Transition(
            Action.RECORD_PAYMENT,
            _("Record the payment"),
            (S.AWAITING_PAYMENT,),
            S.IN_PROGRESS,
            (Perm.HANDLE,),
        ),
        Transition(
            Action.DRAFT_REPLY,
            _("Draft the reply"),
            (S.IN_PROGRESS, S.REPLY_DRAFTED),
            S.REPLY_DRAFTED,
            (Perm.HANDLE,),
        ),
        # Reviewers (审核人) and heads (负责人) review and approve replies.
        Transition(
            Action.RETURN_REPLY,
            _("Return the draft"),
            (S.REPLY_DRAFTED,),
            S.IN_PROGRESS,
            (Perm.REVIEW, Perm.APPROVE),
        ),
        Transition(
            Action.APPROVE_REPLY,
            _("Approve the reply"),
            (S.REPLY_DRAFTED,),
            S.REPLY_APPROVED,
            (Perm.REVIEW, Perm.APPROVE),
        ),
        Transition(
            Action.OVERRIDE_OUTCOME,
            _("Override the outcome"),
            (S.REPLY_DRAFTED, S.REPLY_APPROVED, S.CLOSED),
            None,
            (Perm.APPROVE,),
        ),
        Transition(
            Action.SEND_REPLY,
            _("Send the reply and close"),
            (S.REPLY_APPROVED,),
            S.CLOSED,
            (Perm.HANDLE,),
        ),
        Transition(
            Action.ASSIGN,
            _("Assign"),
            OPEN_STATUSES,
            None,
            (Perm.HANDLE, Perm.APPROVE),
        ),
        Transition(
            Action.ADD_NOTE,
            _("Add a note"),
            ALL_STATUSES,
            None,
            (Perm.HANDLE, Perm.REVIEW, Perm.APPROVE),
        ),
        Transition(
            Action.ATTACH,
            _("Add an attachment"),
            ALL_STATUSES,
            None,
            (Perm.HANDLE,),
        ),
        # 一事一申请: split items into a new application.
        Transition(
            Action.SPLIT,
            _("Split into a new application"),
            (S.REGISTERED, S.IN_PROGRESS),
            None,
            (Perm.HANDLE,),
        ),
    )
}


def user_may(*, user: Any, agency_id: int, action: Action) -> bool:
    """Whether ``user`` holds a permission the action needs in the agency."""
    return any(
        user_has_agency_perm(user=user, agency=agency_id, perm=perm)
        for perm in TRANSITIONS[action].perms
    )


def transition_check(*, user: Any, case: Any, action: Action) -> Transition:
    """The transition for ``action`` on ``case``, or an exception saying why not.

    ``PermissionDenied`` when the user lacks every permission the action needs;
    ``CaseActionRefused`` when the case's status does not allow it.
    """
    step = TRANSITIONS[action]
    if not user_may(user=user, agency_id=case.agency_id, action=action):
        raise PermissionDenied(
            _("You may not “%(action)s” in this agency.") % {"action": step.label}
        )
    if case.status not in step.sources:
        raise CaseActionRefused(
            _("“%(action)s” is not possible while the case is “%(status)s”."),
            params={"action": step.label, "status": Status(case.status).label},
        )
    return step


def allowed_actions(*, user: Any, case: Any) -> list[Action]:
    """The actions ``user`` may take on ``case`` now (for showing only those forms)."""
    return [
        action
        for action, step in TRANSITIONS.items()
        if case.status in step.sources
        and user_may(user=user, agency_id=case.agency_id, action=action)
    ]
