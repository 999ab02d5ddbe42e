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
