"""The cases demo step: the seed report's table 3 for 中卫市司法局 2023, realistic
fictional data, idempotence."""

import datetime

from django.core.management import call_command

import pytest

from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEntry
from gongkai.cases.choices import APPLICANT_COLUMNS, OUTCOME_KEYS, Status
from gongkai.cases.demo import HISTORY_CUTOFF
from gongkai.cases.models import (
    Appeal,
    Application,
    CaseEvent,
    Consultation,
    Extension,
    FeeNotice,
    Supplementation,
)
from gongkai.cases.selectors import case_calendar, case_clock, case_table3, case_table4

pytestmark = pytest.mark.django_db
FICTIONAL = [
    "中卫市示范民政局（演示）",
    "中卫市示范交通运输局（演示）",
    "中卫市示范市场监督管理局（演示）",
]


@pytest.fixture
def demo(capsys):
    call_command("demo", "load")
    return capsys.readouterr().out


def _nonzero(table):
    return {(r, c): n for r, cells in table.items() for c, n in cells.items() if n}


def test_justice_bureau_2023_matches_the_seed_report(demo):
    sfj = Agency.objects.get(name="中卫市司法局")
    assert _nonzero(case_table3(agency_ids=[sfj.pk], year=2023)) == {
        ("new_received", "natural_person"): 1,
        ("new_received", "total"): 1,
        ("partially_granted", "natural_person"): 1,
        ("partially_granted", "total"): 1,
        ("processed_total", "natural_person"): 1,
        ("processed_total", "total"): 1,
    }
    assert not _nonzero(case_table3(agency_ids=[sfj.pk], year=2022))
    assert not _nonzero(case_table4(agency_ids=[sfj.pk], year=2023))
    case = Application.objects.get(agency=sfj, received_on__year=2023)
    outcomes = sorted(case.items.values_list("outcome", "refer_to"))
    assert outcomes[0] == ("granted", "")
    assert outcomes[1][0] == "unavailable_not_held" and outcomes[1][1]
    clock = case_clock(case, case_calendar(), datetime.date(2024, 1, 1))
    assert not clock.answered_late
    assert case.answered_on <= clock.deadline.due
    assert case.is_demo and "（演示）" in case.applicant_name
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == [
        "registered",
        "started",
        "reply_drafted",
        "reply_approved",
        "replied",
    ]
    assert (
        AuditEntry.objects.filter(
            target_type=case._meta.label, target_id=str(case.pk)
        ).count()
        == 5
    )


def test_fictional_departments_are_realistic(demo):
    ids = list(Agency.objects.filter(name__in=FICTIONAL).values_list("pk", flat=True))
    cases = Application.objects.filter(agency_id__in=ids)
    assert 250 <= cases.count() <= 500
    assert not cases.filter(is_demo=False).exists()
    assert all(
        "（演示）" in name for name in cases.values_list("applicant_name", flat=True)
    )
    used = set(
        cases.exclude(outcome="")
        .filter(status=Status.CLOSED)
        .values_list("outcome", flat=True)
    )
    assert used == set(OUTCOME_KEYS)
    assert set(cases.values_list("applicant_type", flat=True)) == set(APPLICANT_COLUMNS)
    for model in (Supplementation, Consultation, Extension, FeeNotice):
        assert model.objects.filter(application__agency_id__in=ids).exists(), model
    results = set(
        Appeal.objects.filter(agency_id__in=ids).values_list("result", flat=True)
    )
    assert results == {"upheld", "corrected", "other", "pending"}
    calendar = case_calendar()
    overdue = [
        c
        for c in cases.filter(received_on__lte=HISTORY_CUTOFF).exclude(
            status=Status.CLOSED
        )
        if case_clock(c, calendar, HISTORY_CUTOFF).overdue
    ]
    assert overdue  # open past their deadline at the history's reference date
    assert (
        CaseEvent.objects.filter(application__agency_id__in=ids).count()
        > 3 * cases.count()
    )
    for year in (2023, 2024, 2025):
        table = case_table3(agency_ids=ids, year=year)
        if year > 2023:
            assert table["carried_over"]["total"] > 0
        for col in [*APPLICANT_COLUMNS, "total"]:
            assert (
                table["new_received"][col] + table["carried_over"][col]
                == table["processed_total"][col] + table["carried_forward"][col]
            )
    t2024 = case_table3(agency_ids=ids, year=2024)
    t2025 = case_table3(agency_ids=ids, year=2025)
    assert t2024["carried_forward"] == t2025["carried_over"]


def test_demo_is_idempotent(demo, capsys):
    counts = (
        Application.objects.count(),
        CaseEvent.objects.count(),
        Appeal.objects.count(),
        AuditEntry.objects.count(),
    )
    call_command("demo", "load")
    out = capsys.readouterr().out
    assert "未重复生成" in out
    assert "jt_head" in out  # the demo logins are still listed
    assert (
        Application.objects.count(),
        CaseEvent.objects.count(),
        Appeal.objects.count(),
        AuditEntry.objects.count(),
    ) == counts


def test_demo_logins_see_their_cases(demo, client):
    assert client.login(username="sfj_clerk", password="gongkai-demo")
    body = client.get("/admin/gongkai/cases/").content.decode()
    assert "YSQ2023000001" in body
    assert client.login(username="gov_supervisor", password="gongkai-demo")
    case = Application.objects.filter(
        agency__name__in=FICTIONAL, status=Status.IN_PROGRESS
    ).first()
    body = client.get("/admin/gongkai/cases/?status=in_progress").content.decode()
    assert case.tracking_number in body


def test_every_simulated_step_is_in_the_audit_trail(demo):
    case = Application.objects.filter(is_demo=True, events__isnull=False).first()
    steps = list(case.events.values_list("kind", flat=True))
    entries = AuditEntry.objects.filter(
        target_type="cases.Application", target_id=str(case.pk)
    )
    assert sorted(e.after["event"] for e in entries) == sorted(steps)
    assert all(e.agency_id == case.agency_id and e.after["demo"] for e in entries)
    assert CaseEvent.objects.filter(application__is_demo=True).count() == (
        AuditEntry.objects.filter(
            target_type="cases.Application", action__startswith="case."
        ).count()
    )
