"""Deadlines derived from a case's dated records (Art. 30, 32–34, 109号).

A calendar with weekends only (2023) keeps the arithmetic readable: receipt on
Wednesday 1 March 2023 gives a reply deadline of Wednesday 29 March.
"""

import datetime

import pytest

from gongkai.cases.choices import Outcome, Status
from gongkai.cases.models import Consultation, Extension, FeeNotice, Supplementation
from gongkai.cases.selectors import case_clock, case_deadline
from gongkai.workdays import Calendar
from tests.factories import UserFactory
from tests.factories.cases import ApplicationFactory

pytestmark = pytest.mark.django_db
D = datetime.date
WEEKENDS_ONLY = Calendar.from_days({}, [2023])


def _case(status=Status.IN_PROGRESS, **kwargs):
    return ApplicationFactory(received_on=D(2023, 3, 1), status=status, **kwargs)


def _consult(case, sent, answered=None):
    Consultation.objects.create(
        application=case,
        kind="agency",
        party="某局",
        sent_on=sent,
        answered_on=answered,
    )


def _supplement(case, notified, supplemented=None, days=10):
    Supplementation.objects.create(
        application=case,
        notified_on=notified,
        period_days=days,
        requested="x",
        supplemented_on=supplemented,
    )


def _fee(case, issued, paid=None):
    FeeNotice.objects.create(
        application=case,
        method="by_volume",
        pages=100,
        amount=700,
        issued_on=issued,
        received_on=issued + datetime.timedelta(days=1),
        paid_on=paid,
    )


def _extend(case, days=20):
    Extension.objects.create(
        application=case,
        days=days,
        reason="x",
        approved_by=UserFactory(),
        approved_on=D(2023, 3, 20),
    )


SCENARIOS = [
    # (description, status, setup, today, expected due, provisional)
    ("plain", Status.IN_PROGRESS, [], D(2023, 3, 10), D(2023, 3, 29), False),
    (
        "answered consultation pauses 5 working days",
        Status.IN_PROGRESS,
        [(_consult, D(2023, 3, 6), D(2023, 3, 10))],
        D(2023, 3, 20),
        D(2023, 4, 5),
        False,
    ),
    (
        "running consultation counts to today",
        Status.IN_PROGRESS,
        [(_consult, D(2023, 3, 6), None)],
        D(2023, 3, 8),
        D(2023, 4, 3),
        True,
    ),
    (
        "supplement restarts the period",
        Status.IN_PROGRESS,
        [(_supplement, D(2023, 3, 3), D(2023, 3, 10))],
        D(2023, 3, 20),
        D(2023, 4, 7),
        False,
    ),
    (
        "extension adds 20 working days",
        Status.REPLY_DRAFTED,
        [(_extend,)],
        D(2023, 3, 20),
        D(2023, 4, 26),
        False,
    ),
    (
        "fee notice to payment pauses",
        Status.IN_PROGRESS,
        [(_fee, D(2023, 3, 6), D(2023, 3, 10))],
        D(2023, 3, 20),
        D(2023, 4, 5),
        False,
    ),
    (
        "awaiting supplement: the applicant's period",
        Status.AWAITING_SUPPLEMENT,
        [(_supplement, D(2023, 3, 3))],
        D(2023, 3, 6),
        D(2023, 3, 17),
        False,
    ),
    (
        "awaiting payment: 20 working days after receiving the notice",
        Status.AWAITING_PAYMENT,
        [(_fee, D(2023, 3, 6))],
        D(2023, 3, 8),
        D(2023, 4, 4),
        False,
    ),
]


@pytest.mark.parametrize(
    ("name", "status", "setup", "today", "due", "provisional"),
    SCENARIOS,
    ids=[s[0] for s in SCENARIOS],
)
def test_case_deadline(name, status, setup, today, due, provisional):
    case = _case(status)
    for step in setup:
        step[0](case, *step[1:])
    deadline = case_deadline(case, WEEKENDS_ONLY, today)
    assert deadline.due == due
    assert deadline.provisional is provisional
    assert deadline.explanation  # sentences a clerk can read out


def test_clock_overdue_and_days_left():
    case = _case()
    assert case_clock(case, WEEKENDS_ONLY, D(2023, 3, 29)).overdue is False
    clock = case_clock(case, WEEKENDS_ONLY, D(2023, 3, 30))
    assert clock.overdue and clock.working_days_left == -1
    assert case_clock(case, WEEKENDS_ONLY, D(2023, 3, 27)).working_days_left == 2


def test_clock_of_registered_case_shows_supplement_notice_limit():
    clock = case_clock(_case(Status.REGISTERED), WEEKENDS_ONLY, D(2023, 3, 2))
    assert clock.supplement_notice.due == D(2023, 3, 10)


def test_clock_of_closed_cases():
    on_time = ApplicationFactory(
        received_on=D(2023, 3, 1), closed=True, answered_on=D(2023, 3, 29)
    )
    late = ApplicationFactory(
        received_on=D(2023, 3, 1), closed=True, answered_on=D(2023, 3, 30)
    )
    assert not case_clock(on_time, WEEKENDS_ONLY, D(2023, 6, 1)).answered_late
    clock = case_clock(late, WEEKENDS_ONLY, D(2023, 6, 1))
    assert clock.answered_late and not clock.overdue


def test_clock_of_abandoned_case_uses_applicant_period():
    case = ApplicationFactory(
        received_on=D(2023, 3, 1),
        status=Status.CLOSED,
        outcome=Outcome.OTHER_NO_CORRECTION,
        answered_on=D(2023, 3, 20),
    )
    _supplement(case, D(2023, 3, 3))
    clock = case_clock(case, WEEKENDS_ONLY, D(2023, 6, 1))
    assert clock.kind == "supplement" and clock.deadline.due == D(2023, 3, 17)


def test_applicant_lapsed():
    case = _case(Status.AWAITING_SUPPLEMENT)
    _supplement(case, D(2023, 3, 3))
    assert case_clock(case, WEEKENDS_ONLY, D(2023, 3, 20)).applicant_lapsed
    assert not case_clock(case, WEEKENDS_ONLY, D(2023, 3, 20)).overdue


def test_unknown_year_is_reported_not_guessed():
    case = ApplicationFactory(received_on=D(2023, 12, 20), status=Status.IN_PROGRESS)
    clock = case_clock(case, WEEKENDS_ONLY, D(2023, 12, 21))
    assert clock.deadline is None and "2024" in clock.error


def test_real_calendar_holidays(calendar):
    # Received Wednesday 27 September 2023: the National Day holiday (29 Sep–6 Oct)
    # is skipped and the make-up Saturday/Sunday (7–8 Oct) count.
    case = ApplicationFactory(received_on=D(2023, 9, 27), status=Status.IN_PROGRESS)
    assert case_deadline(case, calendar, D(2023, 9, 28)).due == D(2023, 10, 31)


def test_due_filters_agree_with_the_clock(office):
    """The queue's overdue / due-soon filters (SQL shortcut + exact computation)
    select exactly the cases whose clock says so."""
    from gongkai.cases.selectors import CaseFilters, case_list_for_user

    today = D(2023, 9, 1)
    cases = []
    for days_ago in (3, 10, 20, 25, 27, 28, 30, 35, 60, 150, 200):
        received = today - datetime.timedelta(days=days_ago)
        cases.append(
            ApplicationFactory(
                agency=office["agency"], received_on=received, in_progress=True
            )
        )
        paused = ApplicationFactory(
            agency=office["agency"], received_on=received, status=Status.REPLY_DRAFTED
        )
        _consult(
            paused,
            received + datetime.timedelta(days=2),
            None if days_ago < 60 else received + datetime.timedelta(days=100),
        )
        cases.append(paused)
        extended = ApplicationFactory(
            agency=office["agency"], received_on=received, in_progress=True
        )
        _extend(extended, days=10)
        cases.append(extended)
    waiting = ApplicationFactory(
        agency=office["agency"],
        received_on=today - datetime.timedelta(days=200),
        status=Status.AWAITING_SUPPLEMENT,
    )
    _supplement(waiting, waiting.received_on)
    cases.append(waiting)
    closed = ApplicationFactory(
        agency=office["agency"], received_on=D(2022, 1, 3), closed=True
    )
    cases.append(closed)
    calendar = Calendar.from_days({}, [2022, 2023])
    for due, flag in (("overdue", "overdue"), ("due_soon", "soon")):
        listed = set(
            case_list_for_user(
                user=office["clerk"],
                filters=CaseFilters(due=due),
                calendar=calendar,
                today=today,
            ).values_list("pk", flat=True)
        )
        expected = set()
        for case in cases:
            clock = case_clock(case, calendar, today)
            if flag == "overdue" and clock.overdue:
                expected.add(case.pk)
            if (
                flag == "soon"
                and case.status in ("in_progress", "reply_drafted", "registered")
                and clock.kind == "reply"
                and 0 <= clock.working_days_left <= 5
            ):
                expected.add(case.pk)
        assert listed == expected, due
        assert expected  # the scenario exercises both filters
