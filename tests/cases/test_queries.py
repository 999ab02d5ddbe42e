"""The queue page costs the same number of queries with 5 or 50 cases."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from gongkai.cases.models import Consultation, Extension, FeeNotice, Supplementation
from tests.factories.cases import ApplicationFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _cases(office, n):
    for i in range(n):
        case = ApplicationFactory(
            agency=office["agency"],
            received_on=D(2023, 1 + i % 12, 1 + i % 28),
            status=["in_progress", "registered", "awaiting_supplement"][i % 3],
            assigned_to=office["clerk"] if i % 2 else None,
        )
        if i % 3 == 0:
            Consultation.objects.create(
                application=case, kind="agency", party="某局", sent_on=case.received_on
            )
            Extension.objects.create(
                application=case,
                days=10,
                reason="x",
                approved_by=office["head"],
                approved_on=case.received_on,
            )
        if i % 3 == 2:
            Supplementation.objects.create(
                application=case,
                notified_on=case.received_on,
                period_days=10,
                requested="x",
            )
        if i % 5 == 0 and i % 3 == 0:
            FeeNotice.objects.create(
                application=case,
                method="by_volume",
                pages=50,
                amount=200,
                issued_on=case.received_on,
                received_on=case.received_on,
            )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/admin/gongkai/cases/", "/admin/gongkai/cases/mine/"])
def test_queue_queries_do_not_grow_with_cases(
    client, office, url, django_assert_num_queries
):
    client.force_login(office["clerk"])
    _cases(office, 5)
    client.get(url)  # warm the calendar cache and the session
    five = _count(client, url)
    _cases(office, 45)
    with django_assert_num_queries(five):
        response = client.get(url)
    assert response.content.decode().count("/admin/gongkai/cases/") > 25


def test_case_page_queries_do_not_grow_with_history(
    client, office, django_assert_num_queries
):
    from gongkai.cases.models import CaseEvent

    client.force_login(office["clerk"])
    _cases(office, 1)
    case = office["agency"].applications.get()
    url = f"/admin/gongkai/cases/{case.pk}/"
    client.get(url)
    before = _count(client, url)
    for i in range(30):
        CaseEvent.objects.create(
            application=case, kind="note", actor_name="x", note=str(i)
        )
        Consultation.objects.create(
            application=case,
            kind="agency",
            party=f"局{i}",
            sent_on=case.received_on,
            answered_on=case.received_on,
            response="consent",
        )
    with django_assert_num_queries(before):
        client.get(url)


def test_case_page_queries_do_not_grow_with_letter_versions(
    client, office, register, django_assert_num_queries
):
    from gongkai.cases.models import CaseLetter
    from gongkai.cases.services import ItemDecision, case_draft_reply, case_start

    clerk = office["clerk"]
    case = case_start(acting_user=clerk, case=register(), on=D(2023, 3, 2))
    Extension.objects.create(
        application=case,
        days=10,
        reason="x",
        approved_by=office["head"],
        approved_on=D(2023, 3, 10),
    )
    case = case_draft_reply(
        acting_user=clerk,
        case=case,
        decisions={item.pk: ItemDecision("granted") for item in case.items.all()},
    )

    def versions(upto):
        for kind in ("reply", "extension"):
            start = CaseLetter.objects.filter(application=case, kind=kind).count()
            for version in range(start + 1, upto + 1):
                CaseLetter.objects.create(
                    application=case,
                    kind=kind,
                    version=version,
                    title="告知书",
                    body=f"第{version}版",
                    edited=True,
                    decisions_digest="0" * 64,  # stale: the edit path is taken
                    created_by=office[("clerk", "head")[version % 2]],
                    docx=f"cases/{case.pk}/letters/{kind}-v{version}.docx",
                    pdf=f"cases/{case.pk}/letters/{kind}-v{version}.pdf",
                )

    client.force_login(clerk)
    url = f"/admin/gongkai/cases/{case.pk}/"
    versions(1)
    client.get(url)
    one = _count(client, url)
    versions(6)
    with django_assert_num_queries(one):
        page = client.get(url).content.decode()
    assert page.count("第6版") == 2 and "letters/" in page
