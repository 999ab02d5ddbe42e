"""HTTP tests of the back office: every transition, its permission and its
refusals; registration (posted twice = one case); lists, filters, masking."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.cases.choices import Status
from gongkai.cases.models import Application, CaseEvent
from gongkai.cases.services import (
    ItemDecision,
    case_approve_reply,
    case_consult,
    case_draft_reply,
    case_issue_fee_notice,
    case_request_supplement,
    case_start,
)

pytestmark = pytest.mark.django_db
D = datetime.date
BASE = "/admin/gongkai/cases"


def _at(office, register, state):
    """A case brought to ``state`` through the services."""
    case = register()
    clerk = office["clerk"]
    if state == "registered":
        return case
    if state == "awaiting_supplement":
        case_request_supplement(
            acting_user=clerk,
            case=case,
            requested="请说明",
            period_days=10,
            notified_on=D(2023, 3, 2),
        )
        return Application.objects.get(pk=case.pk)
    case = case_start(acting_user=clerk, case=case, on=D(2023, 3, 2))
    if state == "consulting":
        case_consult(
            acting_user=clerk,
            case=case,
            kind="agency",
            party="某局",
            sent_on=D(2023, 3, 3),
        )
    elif state == "awaiting_payment":
        case_issue_fee_notice(
            acting_user=clerk,
            case=case,
            method="by_volume",
            pages=200,
            issued_on=D(2023, 3, 3),
        )
    elif state in ("reply_drafted", "reply_approved"):
        items = case.items.all()
        case = case_draft_reply(
            acting_user=clerk,
            case=case,
            decisions={i.pk: ItemDecision("granted") for i in items},
        )
        if state == "reply_approved":
            case_approve_reply(
                acting_user=office["head"], case=case, approved_on=D(2023, 3, 20)
            )
    return Application.objects.get(pk=case.pk)


def _draft_data(case):
    return {f"item_{i.pk}_outcome": "granted" for i in case.items.all()}


def _file(case):
    return {"title": "来信扫描件", "file": SimpleUploadedFile("letter.txt", b"scan")}


# action, starting state, data (dict or callable(case, office)), allowed role,
# refused roles, status afterwards
TRANSITIONS = [
    (
        "request_supplement",
        "registered",
        {"requested": "请说明年份", "period_days": 10, "notified_on": "2023-03-02"},
        "clerk",
        ["reviewer", "supervisor", "admin"],
        Status.AWAITING_SUPPLEMENT,
    ),
    (
        "record_supplement",
        "awaiting_supplement",
        {"supplemented_on": "2023-03-06"},
        "clerk",
        ["reviewer", "supervisor"],
        Status.IN_PROGRESS,
    ),
    (
        "abandon",
        "awaiting_supplement",
        {"on": "2023-04-20"},
        "clerk",
        ["reviewer", "supervisor"],
        Status.CLOSED,
    ),
    (
        "start",
        "registered",
        {"on": "2023-03-02"},
        "clerk",
        ["reviewer", "supervisor", "admin"],
        Status.IN_PROGRESS,
    ),
    (
        "consult",
        "in_progress",
        {"kind": "third_party", "party": "某公司", "sent_on": "2023-03-03"},
        "clerk",
        ["reviewer", "supervisor"],
        Status.IN_PROGRESS,
    ),
    (
        "answer_consultation",
        "consulting",
        lambda case, office: {
            "consultation": case.consultations.get().pk,
            "response": "consent",
            "answered_on": "2023-03-10",
        },
        "clerk",
        ["reviewer", "supervisor"],
        Status.IN_PROGRESS,
    ),
    (
        "extend",
        "in_progress",
        {"days": 20, "reason": "材料较多", "approved_on": "2023-03-20"},
        "head",
        ["clerk", "reviewer", "supervisor"],
        Status.IN_PROGRESS,
    ),
    (
        "issue_fee_notice",
        "in_progress",
        {"method": "by_volume", "pages": 200, "issued_on": "2023-03-03"},
        "clerk",
        ["reviewer", "supervisor"],
        Status.AWAITING_PAYMENT,
    ),
    (
        "record_payment",
        "awaiting_payment",
        {"paid_on": "2023-03-08"},
        "clerk",
        ["reviewer", "supervisor"],
        Status.IN_PROGRESS,
    ),
    (
        "draft_reply",
        "in_progress",
        lambda case, office: _draft_data(case),
        "clerk",
        ["reviewer", "supervisor"],
        Status.REPLY_DRAFTED,
    ),
    (
        "return_reply",
        "reply_drafted",
        {"reason": "请补充依据"},
        "reviewer",
        ["clerk", "supervisor"],
        Status.IN_PROGRESS,
    ),
    (
        "approve_reply",
        "reply_drafted",
        {"approved_on": "2023-03-20"},
        "reviewer",
        ["clerk", "supervisor", "admin"],
        Status.REPLY_APPROVED,
    ),
    (
        "approve_reply",
        "reply_drafted",
        {"approved_on": "2023-03-20"},
        "head",
        ["clerk2"],
        Status.REPLY_APPROVED,
    ),
    (
        "override_outcome",
        "reply_drafted",
        {"outcome": "other_other", "reason": "统计口径"},
        "head",
        ["clerk", "reviewer", "supervisor"],
        Status.REPLY_DRAFTED,
    ),
    (
        "send_reply",
        "reply_approved",
        {"sent_on": "2023-03-21"},
        "clerk",
        ["reviewer", "supervisor"],
        Status.CLOSED,
    ),
    (
        "assign",
        "in_progress",
        lambda case, office: {"assignee": office["clerk2"].pk},
        "clerk",
        ["reviewer", "supervisor"],
        Status.IN_PROGRESS,
    ),
    (
        "add_note",
        "in_progress",
        {"text": "已电话联系申请人"},
        "reviewer",
        ["supervisor", "admin"],
        Status.IN_PROGRESS,
    ),
    (
        "attach",
        "in_progress",
        lambda case, office: _file(case),
        "clerk",
        ["reviewer", "supervisor"],
        Status.IN_PROGRESS,
    ),
    (
        "split",
        "in_progress",
        lambda case, office: {"items": [case.items.first().pk]},
        "clerk",
        ["reviewer", "supervisor"],
        Status.IN_PROGRESS,
    ),
]


def _snapshot(case):
    return (
        Application.objects.get(pk=case.pk).status,
        CaseEvent.objects.filter(application=case).count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize(
    ("action", "state", "data", "allowed", "refused", "after"),
    TRANSITIONS,
    ids=[f"{t[0]}-{t[3]}" for t in TRANSITIONS],
)
def test_transition_over_http(
    client, office, register, action, state, data, allowed, refused, after
):
    case = _at(office, register, state)
    url = f"{BASE}/{case.pk}/do/{action}/"

    def payload():
        return data(case, office) if callable(data) else data

    for role in refused:
        client.force_login(office[role])
        before = _snapshot(case)
        response = client.post(url, payload())
        assert response.status_code == 403, (role, response.status_code)
        assert "无权" in response.content.decode()
        assert _snapshot(case) == before
    client.force_login(office["outsider"])
    assert client.post(url, payload()).status_code == 404
    client.force_login(office[allowed])
    _status, events, audits = _snapshot(case)
    response = client.post(url, payload())
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert response["Location"] == f"{BASE}/{case.pk}/"
    status, events_after, audits_after = _snapshot(case)
    assert status == after
    assert events_after == events + 1
    assert audits_after > audits
    event = CaseEvent.objects.filter(application=case).latest("id")
    assert event.actor == office[allowed]
    entry = AuditEntry.objects.filter(target_id=str(case.pk)).latest("id")
    assert entry.actor == office[allowed] and entry.action.startswith("case.")
    page = client.get(response["Location"]).content.decode()
    assert event.get_kind_display() in page  # the timeline shows the step


@pytest.mark.parametrize(
    ("action", "state", "data", "message"),
    [
        ("send_reply", "registered", {"sent_on": "2023-03-05"}, "不能执行"),
        ("abandon", "awaiting_supplement", {"on": "2023-03-06"}, "届满前不能"),
        (
            "extend",
            "in_progress",
            {"days": 20, "reason": "x", "approved_on": "2023-06-01"},
            "已过",
        ),
        ("start", "registered", {"on": "2999-01-01"}, "不能晚于今天"),
        ("start", "registered", {"on": "2023-02-01"}, "不能早于"),
        ("draft_reply", "consulting", None, "征求意见未答复"),
        (
            "issue_fee_notice",
            "in_progress",
            {"method": "by_volume", "pages": 10, "issued_on": "2023-03-03"},
            "无需",
        ),
        ("start", "registered", {}, "error-message"),
    ],
)
def test_refusals_show_a_chinese_message_and_change_nothing(
    client, office, register, action, state, data, message
):
    case = _at(office, register, state)
    client.force_login(office["head"] if action == "extend" else office["clerk"])
    before = _snapshot(case)
    payload = _draft_data(case) if data is None else data
    response = client.post(f"{BASE}/{case.pk}/do/{action}/", payload)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body, body[-3000:]
    assert "未作任何更改" in body
    assert _snapshot(case) == before


def test_unknown_action_is_404_and_get_is_405(client, office, register):
    case = register()
    client.force_login(office["clerk"])
    assert client.post(f"{BASE}/{case.pk}/do/explode/").status_code == 404
    assert client.get(f"{BASE}/{case.pk}/do/start/").status_code == 405


def test_timeline_and_audit_share_the_transaction(
    client, office, register, monkeypatch
):
    case = register()
    client.force_login(office["clerk"])
    before = _snapshot(case)

    def broken(**kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr("gongkai.cases.services._common.audit_record", broken)
    with pytest.raises(RuntimeError):
        client.post(f"{BASE}/{case.pk}/do/start/", {"on": "2023-03-02"})
    assert _snapshot(case) == before


REGISTRATION = {
    "submission_token": "form-1",
    "channel": "letter_registered",
    "received_on": "2023-05-08",
    "receipt_note": "挂号信签收",
    "applicant_type": "commercial",
    "name": "某某商贸有限公司",
    "contact_person": "李四",
    "id_type": "credit_code",
    "id_number": "91640500MA7654321X",
    "phone": "0955-1111111",
    "email": "",
    "address": "中卫市",
    "postcode": "",
    "requested_form": "electronic",
    "delivery": "email",
    "items-TOTAL_FORMS": "3",
    "items-INITIAL_FORMS": "0",
    "items-MIN_NUM_FORMS": "0",
    "items-MAX_NUM_FORMS": "50",
    "items-0-description": "2022年行政处罚决定书",
    "items-0-document_number": "",
    "items-1-description": "",
    "items-1-document_number": "中卫司发〔2022〕3号",
    "items-2-description": "",
    "items-2-document_number": "",
}


def test_registration_posted_twice_creates_one_case(client, office):
    client.force_login(office["clerk"])
    form = client.get(f"{BASE}/new/").content.decode()
    assert "挂号" in form and "签收之日" in form  # Art. 31 rule shown
    data = {**REGISTRATION, "agency": office["agency"].pk}
    first = client.post(f"{BASE}/new/", data, follow=True)
    assert first.status_code == 200
    assert "查询码" in first.content.decode()
    second = client.post(f"{BASE}/new/", data, follow=True)
    assert "未新建" in second.content.decode()
    assert Application.objects.count() == 1
    case = Application.objects.get()
    assert (
        first.redirect_chain[-1][0]
        == second.redirect_chain[-1][0]
        == f"{BASE}/{case.pk}/"
    )
    assert case.items.count() == 2
    assert case.registered_by == office["clerk"] and case.channel == "letter_registered"
    assert case.events.get().kind == "registered"


def test_registration_refusals(client, office, tree):
    client.force_login(office["reviewer"])
    assert client.get(f"{BASE}/new/").status_code == 403
    client.force_login(office["clerk"])
    data = {
        **REGISTRATION,
        "agency": tree["b"].pk,
    }  # an agency the clerk does not handle
    response = client.post(f"{BASE}/new/", data)
    assert response.status_code == 200
    assert Application.objects.count() == 0
    data = {
        **REGISTRATION,
        "agency": office["agency"].pk,
        "items-0-description": "",
        "items-1-document_number": "",
    }
    response = client.post(f"{BASE}/new/", data)
    assert "至少应包含一项" in response.content.decode()
    assert "某某商贸有限公司" in response.content.decode()  # nothing entered is lost
    assert Application.objects.count() == 0


def test_id_number_masked_in_lists_and_for_supervisors(client, office, register):
    case = register()
    full, masked = "640302199001011234", "6403**********1234"
    for role in ("clerk", "head", "reviewer", "supervisor"):
        client.force_login(office[role])
        listing = client.get(f"{BASE}/").content.decode()
        assert masked in listing and full not in listing, role
        detail = client.get(f"{BASE}/{case.pk}/").content.decode()
        sees_full = role in ("clerk", "head")
        assert (full in detail) == sees_full, role
        assert (masked in detail) != sees_full, role


def test_queue_is_scoped_and_filtered(client, office, register, tree, member):
    from tests.factories.cases import ApplicationFactory

    mine = register()
    case_start(acting_user=office["clerk"], case=mine, on=D(2023, 3, 2))
    old = ApplicationFactory(
        agency=office["agency"],
        received_on=D(2022, 6, 1),
        closed=True,
        applicant_type="research",
    )
    elsewhere = ApplicationFactory(agency=tree["b"], received_on=D(2023, 6, 1))
    client.force_login(office["clerk"])

    def numbers(query=""):
        body = client.get(f"{BASE}/{query}").content.decode()
        return {
            c.tracking_number
            for c in (mine, old, elsewhere)
            if c.tracking_number in body
        }

    assert numbers() == {mine.tracking_number, old.tracking_number}
    assert numbers("?status=closed") == {old.tracking_number}
    assert numbers("?year=2023") == {mine.tracking_number}
    assert numbers("?applicant_type=research") == {old.tracking_number}
    assert numbers("?outcome=granted") == {old.tracking_number}
    assert numbers("?assigned=me") == {mine.tracking_number}
    assert numbers("?due=overdue") == {mine.tracking_number}
    assert numbers(f"?q={old.tracking_number}") == {old.tracking_number}
    assert mine.tracking_number in client.get(f"{BASE}/mine/").content.decode()
    client.force_login(office["supervisor"])
    assert numbers() == {
        mine.tracking_number,
        old.tracking_number,
        elsewhere.tracking_number,
    }
    client.force_login(office["outsider"])
    assert client.get(f"{BASE}/{mine.pk}/").status_code == 404


def test_bulk_assignment(client, office, register):
    cases = [register(), register()]
    client.force_login(office["head"])
    response = client.post(
        f"{BASE}/assign/",
        {
            "cases": [c.pk for c in cases],
            "assignee": office["clerk2"].pk,
            "next": f"{BASE}/",
        },
    )
    assert response.status_code == 302
    assert set(Application.objects.values_list("assigned_to", flat=True)) == {
        office["clerk2"].pk
    }
    client.force_login(office["supervisor"])
    response = client.post(
        f"{BASE}/assign/", {"cases": [cases[0].pk], "assignee": office["clerk"].pk}
    )
    assert response.status_code in (302, 403)
    assert Application.objects.get(pk=cases[0].pk).assigned_to == office["clerk2"]


def test_appeals_over_http(client, office, register):
    case = register()
    client.force_login(office["clerk"])
    response = client.post(
        f"{BASE}/appeals/new/",
        {
            "agency": office["agency"].pk,
            "kind": "reconsideration",
            "tracking_number": case.tracking_number,
            "filed_on": "2023-06-01",
            "reference": "中府复〔2023〕1号",
        },
    )
    assert response.status_code == 302
    appeal = case.appeals.get()
    assert case.events.filter(kind="appeal_filed").exists()
    client.force_login(office["reviewer"])
    assert (
        client.post(
            f"{BASE}/appeals/{appeal.pk}/decide/",
            {"result": "upheld", "decided_on": "2023-08-01"},
        ).status_code
        == 403
    )
    client.force_login(office["clerk"])
    response = client.post(
        f"{BASE}/appeals/{appeal.pk}/decide/",
        {"result": "upheld", "decided_on": "2023-05-01"},
    )
    assert response.status_code == 200 and "不能早于" in response.content.decode()
    response = client.post(
        f"{BASE}/appeals/{appeal.pk}/decide/",
        {"result": "corrected", "decided_on": "2023-08-01"},
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.result == "corrected"
    listing = client.get(f"{BASE}/appeals/").content.decode()
    assert "结果纠正" in listing
    assert AuditEntry.objects.filter(action__startswith="appeal.").count() == 2


def test_anonymous_goes_to_login(client, office, register):
    case = register()
    for url in (f"{BASE}/", f"{BASE}/{case.pk}/", f"{BASE}/new/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_menu_in_chinese(client, office):
    import json

    client.force_login(office["clerk"])
    body = client.get("/admin/").content.decode()
    assert json.dumps("依申请公开") in body
