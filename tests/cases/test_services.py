"""The case services: lifecycle, refusals, permissions, timeline and audit."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.cases.choices import EventKind, Outcome, Status
from gongkai.cases.models import Application, CaseEvent
from gongkai.cases.services import (
    ItemDecision,
    ItemInput,
    case_abandon,
    case_add_note,
    case_approve_reply,
    case_assign,
    case_assign_bulk,
    case_consult,
    case_consultation_answered,
    case_draft_reply,
    case_extend,
    case_issue_fee_notice,
    case_override_outcome,
    case_record_payment,
    case_record_supplement,
    case_register,
    case_request_supplement,
    case_return_reply,
    case_send_reply,
    case_split,
    case_start,
    normalise,
)
from gongkai.cases.transitions import CaseActionRefused

from .conftest import APPLICANT

pytestmark = pytest.mark.django_db
D = datetime.date


def _decide(case, *outcomes, **kwargs):
    items = list(case.items.all())
    return {
        item.pk: ItemDecision(o, **kwargs)
        for item, o in zip(items, outcomes, strict=True)
    }


def _draft_and_approve(office, case, *outcomes, governing=""):
    case = case_draft_reply(
        acting_user=office["clerk"],
        case=case,
        decisions=_decide(case, *outcomes),
        governing_outcome=governing,
    )
    return case_approve_reply(
        acting_user=office["head"], case=case, approved_on=D(2023, 3, 20)
    )


def test_full_lifecycle_writes_timeline_and_audit(office, register, calendar):
    case = register()
    case = case_start(acting_user=office["clerk"], case=case, on=D(2023, 3, 2))
    assert case.assigned_to == office["clerk"]
    case = _draft_and_approve(office, case, "granted", "unavailable_not_held")
    assert case.outcome == Outcome.PARTIALLY_GRANTED
    case = case_send_reply(
        acting_user=office["clerk"],
        case=case,
        sent_on=D(2023, 3, 21),
        calendar=calendar,
    )
    assert case.status == Status.CLOSED and case.answered_on == D(2023, 3, 21)
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == [
        "registered",
        "started",
        "reply_drafted",
        "reply_approved",
        "replied",
    ]
    actions = set(
        AuditEntry.objects.filter(target_id=str(case.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == {
        "case.register",
        "case.start",
        "case.draft_reply",
        "case.approve_reply",
        "case.send_reply",
    }
    replied = case.events.get(kind="replied")
    assert replied.data["late"] is False and replied.actor == office["clerk"]


def test_event_and_audit_roll_back_together(office, register, monkeypatch):
    case = register()
    events, audits = CaseEvent.objects.count(), AuditEntry.objects.count()

    def broken(**kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr("gongkai.cases.services._common.audit_record", broken)
    with pytest.raises(RuntimeError):
        case_start(acting_user=office["clerk"], case=case, on=D(2023, 3, 2))
    assert (CaseEvent.objects.count(), AuditEntry.objects.count()) == (events, audits)
    assert Application.objects.get(pk=case.pk).status == Status.REGISTERED


def test_register_validates_and_generates_codes(office, register):
    case = register()
    assert case.tracking_number == "YSQ2023000001"
    assert register().tracking_number == "YSQ2023000002"
    assert case.query_code_hash and "TEST" not in case.query_code_hash
    with pytest.raises(CaseActionRefused):
        register(items=[])
    with pytest.raises(CaseActionRefused):
        register(received_on=D(2999, 1, 1))
    with pytest.raises(PermissionDenied):
        register(acting_user=office["reviewer"])
    with pytest.raises(PermissionDenied):
        register(acting_user=office["outsider"])


def test_register_is_idempotent_with_a_submission_token(office, register):
    first = case_register(
        acting_user=office["clerk"],
        agency=office["agency"],
        applicant=APPLICANT,
        items=[ItemInput("某文件")],
        channel="letter_registered",
        received_on=D(2023, 4, 3),
        submission_token="tok-1",
    )
    again = case_register(
        acting_user=office["clerk"],
        agency=office["agency"],
        applicant=APPLICANT,
        items=[ItemInput("某文件")],
        channel="letter_registered",
        received_on=D(2023, 4, 3),
        submission_token="tok-1",
    )
    assert first.created and first.query_code
    assert not again.created and again.query_code is None
    assert again.case.pk == first.case.pk
    assert Application.objects.count() == 1


def test_public_registration_online_only(office):
    registration = case_register(
        acting_user=None,
        agency=office["agency"],
        applicant=APPLICANT,
        items=[ItemInput("某文件")],
        channel="online",
    )
    event = registration.case.events.get()
    assert event.actor is None and event.actor_name == "申请人"
    assert AuditEntry.objects.get(action="case.register").actor_name == "申请人"
    with pytest.raises(PermissionDenied):
        case_register(
            acting_user=None,
            agency=office["agency"],
            applicant=APPLICANT,
            items=[ItemInput("某文件")],
            channel="in_person",
        )


def test_duplicate_is_flagged_not_refused(office, register):
    first = register()
    second = register(items=[ItemInput("", document_number="中卫司发[2023]12 号")])
    assert second.possible_duplicate_of == first
    assert second.events.filter(kind=EventKind.DUPLICATE_FLAGGED).exists()
    other = register(
        applicant=APPLICANT.__class__(**{**APPLICANT.__dict__, "id_number": "X1"}),
        items=[ItemInput("完全不同的信息")],
    )
    assert other.possible_duplicate_of is None


def test_normalise():
    assert normalise("中卫司发〔2023〕12号") == normalise("中卫司发[2023]12 号")
    assert normalise("ＡＢＣ １２") == "abc12"


def test_supplementation_restarts_and_abandonment(office, register, calendar):
    case = register()
    case_request_supplement(
        acting_user=office["clerk"],
        case=case,
        requested="请说明所需信息的年份",
        period_days=10,
        notified_on=D(2023, 3, 3),
        calendar=calendar,
    )
    case.refresh_from_db()
    assert case.status == Status.AWAITING_SUPPLEMENT
    with pytest.raises(CaseActionRefused, match="待补正"):
        case_start(acting_user=office["clerk"], case=case, on=D(2023, 3, 4))
    # The period (10 working days from 3 March) runs until 17 March.
    with pytest.raises(CaseActionRefused, match="2023-03-17"):
        case_abandon(
            acting_user=office["clerk"], case=case, on=D(2023, 3, 17), calendar=calendar
        )
    case = case_abandon(
        acting_user=office["clerk"], case=case, on=D(2023, 3, 20), calendar=calendar
    )
    assert case.status == Status.CLOSED
    assert case.outcome == Outcome.OTHER_NO_CORRECTION
    assert case.answered_on == D(2023, 3, 20)


def test_late_supplement_notice_is_recorded_as_late(office, register, calendar):
    case = register()
    case_request_supplement(
        acting_user=office["clerk"],
        case=case,
        requested="请说明",
        period_days=5,
        notified_on=D(2023, 3, 20),
        calendar=calendar,
    )
    assert case.events.get(kind="supplement_requested").data["late"] is True
    case = case_record_supplement(
        acting_user=office["clerk"], case=case, supplemented_on=D(2023, 3, 22)
    )
    assert case.status == Status.IN_PROGRESS
    with pytest.raises(CaseActionRefused, match="只能"):
        case_request_supplement(
            acting_user=office["clerk"],
            case=case,
            requested="again",
            period_days=5,
            notified_on=D(2023, 3, 23),
            calendar=calendar,
        )


def test_consultation_blocks_draft_until_answered(office, register):
    case = case_start(acting_user=office["clerk"], case=register(), on=D(2023, 3, 2))
    consultation = case_consult(
        acting_user=office["clerk"],
        case=case,
        kind="third_party",
        party="某公司",
        sent_on=D(2023, 3, 6),
    )
    with pytest.raises(CaseActionRefused):
        case_draft_reply(
            acting_user=office["clerk"],
            case=case,
            decisions=_decide(case, "granted", "granted"),
        )
    case_consultation_answered(
        acting_user=office["clerk"],
        consultation=consultation,
        response="objection",
        answered_on=D(2023, 3, 20),
    )
    with pytest.raises(CaseActionRefused):
        case_consultation_answered(
            acting_user=office["clerk"],
            consultation=consultation,
            response="consent",
            answered_on=D(2023, 3, 21),
        )
    case = case_draft_reply(
        acting_user=office["clerk"],
        case=case,
        decisions=_decide(case, "withheld_third_party", "withheld_third_party"),
    )
    assert case.outcome == Outcome.WITHHELD_THIRD_PARTY


def test_extension_once_by_the_head_before_the_deadline(office, register, calendar):
    case = case_start(acting_user=office["clerk"], case=register(), on=D(2023, 3, 2))
    kwargs = {"case": case, "days": 20, "reason": "材料较多", "calendar": calendar}
    with pytest.raises(PermissionDenied):
        case_extend(acting_user=office["clerk"], approved_on=D(2023, 3, 20), **kwargs)
    with pytest.raises(CaseActionRefused, match="2023-03-29"):
        case_extend(acting_user=office["head"], approved_on=D(2023, 3, 30), **kwargs)
    with pytest.raises(CaseActionRefused):
        case_extend(
            acting_user=office["head"],
            approved_on=D(2023, 3, 20),
            **{**kwargs, "days": 21},
        )
    extension = case_extend(
        acting_user=office["head"], approved_on=D(2023, 3, 29), **kwargs
    )
    assert extension.approved_by == office["head"]
    with pytest.raises(CaseActionRefused):
        case_extend(acting_user=office["head"], approved_on=D(2023, 3, 29), **kwargs)


def test_fee_notice_payment_and_unpaid(office, register, calendar):
    case = case_start(acting_user=office["clerk"], case=register(), on=D(2023, 3, 2))
    with pytest.raises(CaseActionRefused):
        case_issue_fee_notice(
            acting_user=office["clerk"],
            case=case,
            method="by_volume",
            pages=20,
            issued_on=D(2023, 3, 6),
            calendar=calendar,
        )
    notice = case_issue_fee_notice(
        acting_user=office["clerk"],
        case=case,
        method="by_volume",
        pages=2219,
        issued_on=D(2023, 3, 6),
        received_on=D(2023, 3, 7),
        calendar=calendar,
    )
    assert notice.amount == Decimal("83460")
    case.refresh_from_db()
    assert case.status == Status.AWAITING_PAYMENT
    other = case_start(acting_user=office["clerk"], case=register(), on=D(2023, 3, 2))
    case_issue_fee_notice(
        acting_user=office["clerk"],
        case=other,
        method="per_application",
        nth_in_month=11,
        issued_on=D(2023, 3, 6),
        calendar=calendar,
    )
    # Payment period: 20 working days from the day after 6 March = 3 April.
    with pytest.raises(CaseActionRefused):
        case_abandon(
            acting_user=office["clerk"], case=other, on=D(2023, 4, 3), calendar=calendar
        )
    other = case_abandon(
        acting_user=office["clerk"], case=other, on=D(2023, 4, 4), calendar=calendar
    )
    assert other.outcome == Outcome.OTHER_FEE_UNPAID
    case = case_record_payment(
        acting_user=office["clerk"], case=case, paid_on=D(2023, 3, 10)
    )
    assert case.status == Status.IN_PROGRESS


def test_approval_rules(office, register):
    case = case_start(acting_user=office["head"], case=register(), on=D(2023, 3, 2))
    case = case_draft_reply(
        acting_user=office["head"],
        case=case,
        decisions=_decide(case, "granted", "granted"),
    )
    with pytest.raises(CaseActionRefused):
        case_approve_reply(
            acting_user=office["head"], case=case, approved_on=D(2023, 3, 20)
        )
    with pytest.raises(PermissionDenied):
        case_approve_reply(
            acting_user=office["clerk"], case=case, approved_on=D(2023, 3, 20)
        )
    with pytest.raises(CaseActionRefused):
        case_return_reply(acting_user=office["reviewer"], case=case, reason=" ")
    case = case_return_reply(
        acting_user=office["reviewer"], case=case, reason="请补充依据"
    )
    assert case.status == Status.IN_PROGRESS
    case = case_draft_reply(
        acting_user=office["clerk"],
        case=case,
        decisions=_decide(case, "granted", "granted"),
    )
    case = case_approve_reply(
        acting_user=office["reviewer"], case=case, approved_on=D(2023, 3, 20)
    )
    assert case.reply_approved_by == office["reviewer"]


def test_governing_outcome_and_override(office, register):
    case = case_start(acting_user=office["clerk"], case=register(), on=D(2023, 3, 2))
    with pytest.raises(CaseActionRefused):
        case_draft_reply(
            acting_user=office["clerk"],
            case=case,
            decisions=_decide(case, "unavailable_not_held", "declined_publication"),
        )
    with pytest.raises(CaseActionRefused):
        case_draft_reply(
            acting_user=office["clerk"],
            case=case,
            decisions=_decide(case, "other_no_correction", "granted"),
        )
    case = _draft_and_approve(
        office,
        case,
        "unavailable_not_held",
        "declined_publication",
        governing="declined_publication",
    )
    assert case.outcome == "declined_publication"
    with pytest.raises(PermissionDenied):
        case_override_outcome(
            acting_user=office["clerk"], case=case, outcome="other_other", reason="x"
        )
    with pytest.raises(CaseActionRefused):
        case_override_outcome(
            acting_user=office["head"], case=case, outcome="other_other", reason=""
        )
    case = case_override_outcome(
        acting_user=office["head"], case=case, outcome="other_other", reason="统计口径"
    )
    assert case.outcome == "other_other"
    entry = AuditEntry.objects.get(action="case.override_outcome")
    assert entry.before["outcome"] == "declined_publication"
    assert entry.after["outcome"] == "other_other"


def test_still_unclear_needs_a_supplementation(office, register):
    case = case_start(acting_user=office["clerk"], case=register(), on=D(2023, 3, 2))
    with pytest.raises(CaseActionRefused):
        case_draft_reply(
            acting_user=office["clerk"],
            case=case,
            decisions=_decide(
                case, "unavailable_still_unclear", "unavailable_still_unclear"
            ),
        )


def test_illegal_transition_changes_nothing(office, register):
    case = register()
    audits = AuditEntry.objects.count()
    with pytest.raises(CaseActionRefused) as exc:
        case_send_reply(acting_user=office["clerk"], case=case, sent_on=D(2023, 3, 5))
    assert "已登记" in str(exc.value)
    assert AuditEntry.objects.count() == audits
    assert Application.objects.get(pk=case.pk).status == Status.REGISTERED


def test_closing_without_outcome_is_impossible_in_the_database(office, register):
    from django.db import IntegrityError, transaction

    case = register()
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=case.pk).update(
            status=Status.CLOSED, answered_on=D(2023, 3, 5)
        )


def test_assignment_and_notes(office, register):
    cases = [register(), register()]
    with pytest.raises(CaseActionRefused):
        case_assign(
            acting_user=office["clerk"], case=cases[0], assignee=office["reviewer"]
        )
    with pytest.raises(PermissionDenied):
        case_assign(
            acting_user=office["outsider"], case=cases[0], assignee=office["clerk"]
        )
    assert (
        case_assign_bulk(
            acting_user=office["head"], cases=cases, assignee=office["clerk2"]
        )
        == 2
    )
    assert set(Application.objects.values_list("assigned_to", flat=True)) == {
        office["clerk2"].pk
    }
    case_add_note(acting_user=office["reviewer"], case=cases[0], text="已电话联系")
    with pytest.raises(PermissionDenied):
        case_add_note(acting_user=office["supervisor"], case=cases[0], text="x")


def test_split_one_matter_per_application(office, register):
    case = register()
    first_item = case.items.first()
    with pytest.raises(CaseActionRefused):
        case_split(
            acting_user=office["clerk"],
            case=case,
            item_ids=case.items.values_list("pk", flat=True),
        )
    new = case_split(acting_user=office["clerk"], case=case, item_ids=[first_item.pk])
    assert new.split_from == case and new.received_on == case.received_on
    assert list(new.items.all()) == [first_item]
    assert case.items.count() == 1
    assert new.tracking_number != case.tracking_number


def test_nth_application_of_the_month(office, register):
    from gongkai.cases.selectors.cases import case_applicant_nth_in_month

    first = register(received_on=D(2023, 3, 1))
    second = register(received_on=D(2023, 3, 31))
    same_day = register(received_on=D(2023, 3, 1))
    april = register(received_on=D(2023, 4, 3))
    assert [
        case_applicant_nth_in_month(c) for c in (first, same_day, second, april)
    ] == [
        1,
        2,
        3,
        1,
    ]
