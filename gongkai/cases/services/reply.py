"""The reply: per-item outcomes (Art. 36–39), review and approval, the head's
override, and sending the reply, which closes the case."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongkai.workdays import Calendar, UnknownYearError

from ..choices import PROCEDURAL_OUTCOMES, EventKind, Outcome
from ..models import Application
from ..outcomes import derived_outcome
from ..selectors.deadlines import case_reply_deadline, case_supplementation
from ..transitions import Action, CaseActionRefused, transition_check
from ._common import (
    calendar_or_default,
    check_date,
    lock,
    record_step,
    snapshot,
)
from .letters import letter_freeze_reply


@dataclass(frozen=True)
class ItemDecision:
    """The outcome of one item, its legal basis and, for information not held, the
    agency that holds it when known (Art. 36(5))."""

    outcome: str
    basis_note: str = ""
    refer_to: str = ""


def _check_decision(case: Application, decision: ItemDecision) -> None:
    if decision.outcome not in Outcome.values:
        raise CaseActionRefused(_("Every requested item needs an outcome."))
    if decision.outcome in PROCEDURAL_OUTCOMES:
        raise CaseActionRefused(
            _("“%(outcome)s” is recorded by closing the case as abandoned."),
            params={"outcome": Outcome(decision.outcome).label},
        )
    if decision.outcome == Outcome.UNAVAILABLE_STILL_UNCLEAR:
        supplementation = case_supplementation(case)
        if supplementation is None or supplementation.supplemented_on is None:
            raise CaseActionRefused(
                _(
                    "“Still unclear after supplementation” needs a supplementation first."
                )
            )


def _open_consultations(case: Application) -> bool:
    return case.consultations.filter(answered_on__isnull=True).exists()


@transaction.atomic
def case_draft_reply(
    *,
    acting_user: Any,
    case: Application,
    decisions: Mapping[int, ItemDecision],
    governing_outcome: str = "",
    legal_basis: str = "",
    summary: str = "",
) -> Application:
    """Record the outcome of every item and derive the application's outcome
    (``outcomes.derived_outcome``). Refused while a consultation is unanswered.
    ``decisions`` maps item ids to their decision; every item needs one."""
    case = lock(case)
    step = transition_check(user=acting_user, case=case, action=Action.DRAFT_REPLY)
    if _open_consultations(case):
        raise CaseActionRefused(
            _("A consultation is still unanswered; record its answer first.")
        )
    items = list(case.items.all())
    if {item.pk for item in items} != set(decisions):
        raise CaseActionRefused(_("Every requested item needs an outcome."))
    for item in items:
        _check_decision(case, decisions[item.pk])
    outcome = derived_outcome(
        [decisions[item.pk].outcome for item in items], governing_outcome
    )
    before = snapshot(case)
    for item in items:
        decision = decisions[item.pk]
        item.outcome = decision.outcome
        item.basis_note = decision.basis_note.strip()
        item.refer_to = (
            decision.refer_to.strip()
            if decision.outcome == Outcome.UNAVAILABLE_NOT_HELD
            else ""
        )
        item.save(update_fields=["outcome", "basis_note", "refer_to"])
    case.status = step.target  # type: ignore[assignment]
    case.outcome = outcome
    case.governing_outcome = governing_outcome if governing_outcome else ""
    case.outcome_override = ""
    case.outcome_override_reason = ""
    case.legal_basis = legal_basis.strip()
    case.reply_summary = summary.strip()
    case.reply_drafted_by = acting_user
    case.save()
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.DRAFT_REPLY,
        kind=EventKind.REPLY_DRAFTED,
        note=summary.strip(),
        data={"outcome": outcome, "items": {str(i.pk): i.outcome for i in items}},
        before=before,
    )
    return case


@transaction.atomic
def case_return_reply(
    *, acting_user: Any, case: Application, reason: str
) -> Application:
    """A reviewer or the head sends the draft back to the clerk with a reason."""
    case = lock(case)
    step = transition_check(user=acting_user, case=case, action=Action.RETURN_REPLY)
    if not reason.strip():
        raise CaseActionRefused(_("Say why the draft is returned."))
    before = snapshot(case)
    case.status = step.target  # type: ignore[assignment]
    case.save(update_fields=["status", "updated_at"])
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.RETURN_REPLY,
        kind=EventKind.REPLY_RETURNED,
        note=reason.strip(),
        before=before,
    )
    return case


@transaction.atomic
def case_approve_reply(
    *,
    acting_user: Any,
    case: Application,
    approved_on: datetime.date | None = None,
) -> Application:
    """Approve the drafted reply (Art. 45 review). Reviewers (REVIEW) and the head
    (APPROVE) may approve; never the person who drafted it (four eyes). The reply
    letter becomes final with the approval (``letters.letter_freeze_reply``)."""
    case = lock(case)
    step = transition_check(user=acting_user, case=case, action=Action.APPROVE_REPLY)
    if case.reply_drafted_by_id == acting_user.pk:
        raise CaseActionRefused(
            _("A reply cannot be approved by the person who drafted it.")
        )
    approved_on = check_date(
        approved_on, label=_("The approval date"), not_before=case.received_on
    )
    before = snapshot(case)
    case.status = step.target  # type: ignore[assignment]
    case.reply_approved_by = acting_user
    case.reply_approved_on = approved_on
    case.save(
        update_fields=["status", "reply_approved_by", "reply_approved_on", "updated_at"]
    )
    letter = letter_freeze_reply(acting_user=acting_user, case=case, on=approved_on)
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.APPROVE_REPLY,
        kind=EventKind.REPLY_APPROVED,
        on=approved_on,
        data={"outcome": case.outcome, "letter_version": letter.version},
        before=before,
    )
    return case


@transaction.atomic
def case_override_outcome(
    *, acting_user: Any, case: Application, outcome: str, reason: str
) -> Application:
    """The head (APPROVE) sets the application's table-3 row against the derived one,
    with a reason; audited with before and after."""
    case = lock(case)
    transition_check(user=acting_user, case=case, action=Action.OVERRIDE_OUTCOME)
    if outcome not in Outcome.values:
        raise CaseActionRefused(_("Choose the outcome."))
    if not reason.strip():
        raise CaseActionRefused(_("An override needs a reason."))
    before = snapshot(case)
    case.outcome = outcome
    case.outcome_override = outcome
    case.outcome_override_reason = reason.strip()
    case.save(
        update_fields=[
            "outcome",
            "outcome_override",
            "outcome_override_reason",
            "updated_at",
        ]
    )
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.OVERRIDE_OUTCOME,
        kind=EventKind.OUTCOME_OVERRIDDEN,
        note=reason.strip(),
        data={"outcome": outcome, "previous": before["outcome"]},
        before=before,
    )
    return case


@transaction.atomic
def case_send_reply(
    *,
    acting_user: Any,
    case: Application,
    sent_on: datetime.date | None = None,
    calendar: Calendar | None = None,
) -> Application:
    """Send the approved reply and close the case (Art. 36). ``sent_on`` becomes the
    answer date counted in table 3. A late reply is still recorded, marked late."""
    case = lock(case)
    step = transition_check(user=acting_user, case=case, action=Action.SEND_REPLY)
    if not case.outcome:
        raise CaseActionRefused(_("A case cannot be closed without an outcome."))
    sent_on = check_date(
        sent_on,
        label=_("The date the reply was sent"),
        not_before=case.reply_approved_on or case.received_on,
        not_before_label=_("the approval date"),
    )
    try:
        due = case_reply_deadline(case, calendar_or_default(calendar), sent_on).due
    except UnknownYearError:
        due = None
    before = snapshot(case)
    case.status = step.target  # type: ignore[assignment]
    case.answered_on = sent_on
    case.save(update_fields=["status", "answered_on", "updated_at"])
    record_step(
        acting_user=acting_user,
        case=case,
        action=Action.SEND_REPLY,
        kind=EventKind.REPLIED,
        on=sent_on,
        data={
            "outcome": case.outcome,
            "due": due.isoformat() if due else None,
            "late": bool(due and sent_on > due),
        },
        before=before,
    )
    return case
