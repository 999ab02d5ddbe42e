"""Following an application by tracking number and query code."""

from __future__ import annotations

import datetime

from django.contrib.auth.hashers import make_password
from django.utils import timezone

import pytest

from gongkai.cases.choices import Outcome
from gongkai.cases.services import ApplicantInput, ItemInput, case_register
from tests.factories.cases import ApplicationFactory

from .conftest import resident_id

pytestmark = pytest.mark.django_db

CODE = "ABCD2345"


@pytest.fixture
def online_case(tree):
    registration = case_register(
        acting_user=None,
        agency=tree["a"],
        applicant=ApplicantInput(
            applicant_type="natural_person",
            name="李四",
            id_type="resident_id",
            id_number=resident_id(),
            requested_form="electronic",
            delivery="email",
            email="li@example.org",
        ),
        items=[ItemInput("2023年度部门决算")],
        channel="online",
        submission_token="k" * 32,
    )
    return registration.case, registration.query_code


def _look_up(client, number, code):
    return client.post("/track/", {"tracking_number": number, "query_code": code})


def test_tracking_form(client, db):
    response = client.get("/track/")
    assert response.status_code == 200
    assert 'for="id_tracking_number"' in response.content.decode()


def test_status_with_due_date_and_explanation(client, online_case):
    case, code = online_case
    response = _look_up(client, case.tracking_number.lower(), f" {code.lower()} ")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert case.tracking_number in body
    assert "2023年度部门决算" in body
    assert "自次日起算20个工作日" in body  # how the due date was computed (Art. 33)
    assert "已收到" in body


def test_wrong_code_and_unknown_number_get_the_same_answer(client, online_case):
    case, _code = online_case
    wrong = _look_up(client, case.tracking_number, "WRONG234")
    unknown = _look_up(client, "YSQ2099999999", "WRONG234")
    assert wrong.status_code == unknown.status_code == 400
    message = "申请编号或查询码不正确"
    assert message in wrong.content.decode() and message in unknown.content.decode()
    assert case.tracking_number not in client.get("/track/").content.decode()


def test_guessing_is_rate_limited_per_number(client, online_case, settings):
    settings.PORTAL_TRACK_FAILURES_PER_NUMBER = 3
    case, code = online_case
    for _n in range(3):
        assert _look_up(client, case.tracking_number, "WRONG234").status_code == 400
    response = _look_up(client, case.tracking_number, code)
    assert response.status_code == 429  # even the right code, until the window ends
    assert "尝试次数过多" in response.content.decode()


def test_guessing_is_rate_limited_per_ip(client, online_case, settings):
    settings.PORTAL_TRACK_FAILURES_PER_IP = 2
    for n in range(2):
        _look_up(client, f"YSQ20990000{n}", "WRONG234")
    assert _look_up(client, "YSQ209900009", "WRONG234").status_code == 429


def test_status_page_needs_a_successful_look_up(client, online_case):
    case, _code = online_case
    assert client.get(f"/track/{case.tracking_number}/").status_code == 404
    assert client.get(f"/track/{case.tracking_number}/letter/").status_code == 404


def test_letter_only_once_replied(client, online_case):
    case, code = online_case
    _look_up(client, case.tracking_number, code)
    assert client.get(f"/track/{case.tracking_number}/letter/").status_code == 404
    body = client.get(f"/track/{case.tracking_number}/").content.decode()
    assert "/letter/" not in body


def test_replied_case_shows_letter(client, tree):
    today = timezone.localdate()
    case = ApplicationFactory(
        agency=tree["a"],
        closed=True,
        received_on=today - datetime.timedelta(days=20),
        answered_on=today,
        query_code_hash=make_password(CODE),
        reply_summary="经检索，现将该信息提供给你。",
    )
    assert _look_up(client, case.tracking_number, CODE).status_code == 302
    status = client.get(f"/track/{case.tracking_number}/").content.decode()
    assert "已答复" in status
    assert f"/track/{case.tracking_number}/letter/" in status
    letter = client.get(f"/track/{case.tracking_number}/letter/")
    assert letter.status_code == 200
    body = letter.content.decode()
    assert str(Outcome.GRANTED.label) in body
    assert "经检索，现将该信息提供给你。" in body
    assert "行政复议" in body and "甲市人民政府" in body  # remedies name the government


def test_consulted_party_is_not_named_to_the_applicant(
    client, online_case, tree, member
):
    from gongkai.cases.services import case_consult, case_start

    case, code = online_case
    clerk = member(tree["a"], "clerk")
    case_start(acting_user=clerk, case=case)
    case_consult(
        acting_user=clerk,
        case=case,
        kind="third_party",
        party="某某科技有限公司",
        sent_on=timezone.localdate(),
    )
    _look_up(client, case.tracking_number, code)
    body = client.get(f"/track/{case.tracking_number}/").content.decode()
    assert "某某科技有限公司" not in body
    assert "暂停计算" in body
