"""Simulated case histories for the demo (演示数据), deterministic for a seed.

Each planned case is walked through the statutory steps (supplementation, start,
consultation, fee, extension, reply) with working-day dates from the calendar, up to
a cutoff date: whatever would happen after the cutoff has not happened yet, so the
case stays open in the status it reached. The records are written with bulk inserts
(the services are for people; the history here is synthetic).
"""

from __future__ import annotations

import contextlib
import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from gongkai.workdays import (
    Calendar,
    Pause,
    UnknownYearError,
    add_working_days,
    reply_deadline,
    working_days_between,
)

from .choices import (
    AppealKind,
    AppealResult,
    EventKind,
    Outcome,
    Status,
)
from .fees import fee_quote
from .models import (
    Appeal,
    Application,
    ApplicationItem,
    CaseEvent,
    Consultation,
    Extension,
    FeeNotice,
    Supplementation,
)
from .outcomes import OUTCOME_BASIS
from .services.intake import normalise


@dataclass
class Plan:
    """What is meant to happen to one demo case."""

    agency: Any
    clerk: Any
    head: Any
    received: datetime.date
    applicant_type: str
    outcome: str
    items: list[str]
    supplement: bool = False
    consult: str = ""  # "", "third_party" or "agency"
    fee: str = ""  # "", "paid" or "unpaid"
    extend: bool = False
    late: bool = False
    stuck: bool = False
    appeal: bool = False


class Stop(Exception):
    """The next step would fall after the cutoff: the case stays where it is."""


@dataclass
class Built:
    case: Application
    items: list[ApplicationItem]
    events: list[CaseEvent] = field(default_factory=list)
    records: list[Any] = field(default_factory=list)
    appeals: list[Appeal] = field(default_factory=list)


class CaseBuilder:
    def __init__(
        self,
        plan: Plan,
        *,
        rng: random.Random,
        calendar: Calendar,
        cutoff: datetime.date,
        application: Application,
    ) -> None:
        self.plan, self.rng, self.calendar, self.cutoff = plan, rng, calendar, cutoff
        self.case = application
        self.built = Built(case=application, items=make_items(plan, application))
        self.pauses: list[Pause] = []
        self.supplemented_on: datetime.date | None = None
        self.extension_days = 0
        self.cursor = plan.received

    # --- helpers ----------------------------------------------------------------------

    def wd(self, start: datetime.date, n: int) -> datetime.date:
        return add_working_days(self.calendar, start, n)

    def reach(self, day: datetime.date) -> datetime.date:
        if day > self.cutoff:
            raise Stop
        self.cursor = max(self.cursor, day)
        return day

    def event(
        self, kind: str, on: datetime.date, actor: Any, note: str = "", **data: Any
    ) -> None:
        minute = len(self.built.events) * 7
        at = timezone.make_aware(
            datetime.datetime.combine(on, datetime.time(9, 0))
            + datetime.timedelta(minutes=minute)
        )
        self.built.events.append(
            CaseEvent(
                application=self.case,
                kind=kind,
                actor=actor,
                actor_name=actor.get_full_name() or actor.get_username(),
                at=at,
                on=on,
                note=note,
                data=data,
            )
        )

    def due(self) -> datetime.date:
        return reply_deadline(
            self.calendar,
            received_on=self.plan.received,
            supplement_received_on=self.supplemented_on,
            pauses=self.pauses,
            extension_days=self.extension_days,
            today=self.cursor,
        ).due

    # --- steps ----------------------------------------------------------------------------

    def build(self) -> Built:
        self.event(EventKind.REGISTERED, self.plan.received, self.plan.clerk)
        # A step past the cutoff, or into a year the calendar does not know yet,
        # has not happened: the case stays where it is.
        with contextlib.suppress(Stop, UnknownYearError):
            self.run()
        return self.built

    def run(self) -> None:
        if self.plan.supplement or self.plan.outcome in (
            Outcome.OTHER_NO_CORRECTION,
            Outcome.UNAVAILABLE_STILL_UNCLEAR,
        ):
            self.supplementation()
        self.start()
        if self.plan.consult:
            self.consultation()
        if self.plan.fee or self.plan.outcome == Outcome.OTHER_FEE_UNPAID:
            self.fee_notice()
        if self.plan.extend:
            self.extension()
        self.reply()

    def supplementation(self) -> None:
        notified = self.reach(self.wd(self.plan.received, self.rng.randint(1, 5)))
        record = Supplementation(
            application=self.case,
            notified_on=notified,
            period_days=10,
            requested="请明确所需信息的名称、文号或时间范围（演示数据）",
        )
        self.built.records.append(record)
        self.case.status = Status.AWAITING_SUPPLEMENT
        self.event(
            EventKind.SUPPLEMENT_REQUESTED, notified, self.plan.clerk, record.requested
        )
        if self.plan.outcome == Outcome.OTHER_NO_CORRECTION:
            end = self.reach(self.wd(notified, 10 + self.rng.randint(1, 3)))
            record.abandoned_on = end
            self.close(Outcome.OTHER_NO_CORRECTION, end, EventKind.ABANDONED)
            raise Stop
        supplemented = self.reach(self.wd(notified, self.rng.randint(2, 8)))
        record.supplemented_on = self.supplemented_on = supplemented
        self.case.status = Status.IN_PROGRESS
        self.event(EventKind.SUPPLEMENTED, supplemented, self.plan.clerk)

    def start(self) -> None:
        base = self.supplemented_on or self.plan.received
        started = self.reach(self.wd(base, 1))
        self.case.status = Status.IN_PROGRESS
        self.case.assigned_to = self.plan.clerk
        self.event(EventKind.STARTED, started, self.plan.clerk)

    def consultation(self) -> None:
        sent = self.reach(self.wd(self.cursor, self.rng.randint(1, 3)))
        party = (
            "某商贸有限公司（演示）"
            if self.plan.consult == "third_party"
            else "中卫市某局（演示）"
        )
        record = Consultation(
            application=self.case, kind=self.plan.consult, party=party, sent_on=sent
        )
        self.built.records.append(record)
        self.event(EventKind.CONSULTATION_SENT, sent, self.plan.clerk, party)
        answered = self.wd(sent, self.rng.randint(3, 15))
        if answered > self.cutoff:
            raise Stop
        record.answered_on = self.reach(answered)
        record.response = self.rng.choice(["consent", "objection", "no_reply"])
        self.pauses.append(Pause(sent, answered, party))
        self.event(EventKind.CONSULTATION_ANSWERED, answered, self.plan.clerk)

    def fee_notice(self) -> None:
        issued = self.reach(self.wd(self.cursor, self.rng.randint(1, 4)))
        pages = self.rng.randint(120, 600)
        quote = fee_quote(method="by_volume", pages=pages)
        record = FeeNotice(
            application=self.case,
            method=quote.method,
            pages=pages,
            amount=quote.amount,
            explanation="\n".join(quote.explanation),
            issued_on=issued,
            received_on=issued,
        )
        self.built.records.append(record)
        self.case.status = Status.AWAITING_PAYMENT
        self.event(
            EventKind.FEE_NOTICE_ISSUED, issued, self.plan.clerk, record.explanation
        )
        if self.plan.outcome == Outcome.OTHER_FEE_UNPAID:
            end = self.reach(self.wd(issued, 20 + self.rng.randint(1, 3)))
            record.unpaid_on = end
            self.close(Outcome.OTHER_FEE_UNPAID, end, EventKind.ABANDONED)
            raise Stop
        paid = self.reach(self.wd(issued, self.rng.randint(2, 10)))
        record.paid_on = paid
        self.pauses.append(Pause(issued, paid, "收费通知至缴费"))
        self.case.status = Status.IN_PROGRESS
        self.event(EventKind.FEE_PAID, paid, self.plan.clerk)

    def extension(self) -> None:
        approved = self.reach(
            min(self.wd(self.cursor, self.rng.randint(3, 8)), self.due())
        )
        record = Extension(
            application=self.case,
            days=20,
            reason="申请公开的信息涉及多个业务科室，需汇总核实（演示数据）",
            approved_by=self.plan.head,
            approved_on=approved,
            notified_on=approved,
        )
        self.built.records.append(record)
        self.extension_days = 20
        self.event(EventKind.EXTENDED, approved, self.plan.head, record.reason, days=20)

    def _answer_day(self) -> datetime.date:
        due = self.due()
        if self.plan.late:
            return self.wd(due, self.rng.randint(1, 5))
        room = max(working_days_between(self.calendar, self.cursor, due), 1)
        return self.wd(self.cursor, self.rng.randint(min(3, room), room))

    def reply(self) -> None:
        if self.plan.stuck:
            raise Stop  # left in progress, past its deadline
        answer = self._answer_day()
        gap = max(working_days_between(self.calendar, self.cursor, answer), 1)
        drafted = self.reach(self.wd(self.cursor, max(gap - 2, 1)))
        self.decide_items()
        self.case.status = Status.REPLY_DRAFTED
        self.case.reply_drafted_by = self.plan.clerk
        self.case.outcome = self.plan.outcome
        self.event(EventKind.REPLY_DRAFTED, drafted, self.plan.clerk)
        approved = self.reach(self.wd(self.cursor, 1) if answer > drafted else drafted)
        approved = min(approved, answer)
        self.case.status = Status.REPLY_APPROVED
        self.case.reply_approved_by = self.plan.head
        self.case.reply_approved_on = approved
        self.event(EventKind.REPLY_APPROVED, approved, self.plan.head)
        self.reach(answer)
        self.close(self.plan.outcome, answer, EventKind.REPLIED)
        if self.plan.appeal:
            self.appeal(answer)

    def decide_items(self) -> None:
        outcome = self.plan.outcome
        for position, item in enumerate(self.built.items):
            if outcome == Outcome.PARTIALLY_GRANTED and len(self.built.items) > 1:
                item.outcome = (
                    Outcome.GRANTED if position == 0 else Outcome.UNAVAILABLE_NOT_HELD
                )
            else:
                item.outcome = outcome
            item.basis_note = OUTCOME_BASIS[item.outcome]
            if item.outcome == Outcome.UNAVAILABLE_NOT_HELD:
                item.refer_to = "中卫市人民政府办公室（演示）"

    def close(self, outcome: str, on: datetime.date, kind: str) -> None:
        if kind == EventKind.ABANDONED:
            for item in self.built.items:
                item.outcome = outcome
        self.case.outcome = outcome
        self.case.legal_basis = OUTCOME_BASIS[outcome]
        self.case.status = Status.CLOSED
        self.case.answered_on = on
        actor = self.plan.clerk
        self.event(kind, on, actor, outcome=outcome)

    def appeal(self, answered: datetime.date) -> None:
        filed = answered + datetime.timedelta(days=self.rng.randint(20, 55))
        if filed > self.cutoff:
            return
        kind = self.rng.choice(AppealKind.values)
        decided: datetime.date | None = filed + datetime.timedelta(
            days=self.rng.randint(40, 200)
        )
        result = self.rng.choice(
            [
                AppealResult.UPHELD,
                AppealResult.UPHELD,
                AppealResult.CORRECTED,
                AppealResult.OTHER,
            ]
        )
        if decided is not None and decided > self.cutoff:
            decided, result = None, AppealResult.PENDING
        self.built.appeals.append(
            Appeal(
                agency=self.plan.agency,
                application=self.case,
                kind=kind,
                reference=f"演示〔{filed.year}〕{self.rng.randint(1, 99)}号",
                authority="中卫市人民政府（演示）"
                if kind == AppealKind.RECONSIDERATION
                else "中卫市沙坡头区人民法院（演示）",
                appellant=self.case.applicant_name,
                filed_on=filed,
                decided_on=decided,
                result=result,
                is_demo=True,
            )
        )


def make_items(plan: Plan, application: Application) -> list[ApplicationItem]:
    """One row per requested item (a single item may be disclosed in part, Art. 37)."""
    return [
        ApplicationItem(
            application=application,
            position=position,
            description=text,
            normalised=normalise(text),
        )
        for position, text in enumerate(plan.items, start=1)
    ]
