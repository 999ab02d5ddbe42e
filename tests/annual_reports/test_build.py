"""The built tables follow the records: added, changed and backdated applications and
appeals move the figures; carry-over chains between consecutive years."""

import datetime

import pytest

from gongkai.annual_reports.build import report_build, report_build_full
from gongkai.annual_reports.services import report_override_cell, report_start
from gongkai.cases.models import Application
from gongkai.report.model import T3_COLUMNS
from gongkai.report.rules import check_report
from tests.factories.cases import AppealFactory, ApplicationFactory

D = datetime.date


def t3(report, row, column="total"):
    return report.cell(f"table3.{row}.{column}")


def test_added_application_counts_as_new_and_by_outcome(dept):
    before = report_build(agency=dept, year=2023)
    assert t3(before, "new_received") == 0
    ApplicationFactory(
        agency=dept, received_on=D(2023, 3, 1), closed=True, outcome="granted"
    )
    ApplicationFactory(
        agency=dept,
        applicant_type="commercial",
        received_on=D(2023, 5, 8),
        closed=True,
        outcome="withheld_third_party",
    )
    after = report_build(agency=dept, year=2023)
    assert t3(after, "new_received") == 2
    assert t3(after, "new_received", "commercial") == 1
    assert t3(after, "granted", "natural_person") == 1
    assert t3(after, "withheld_third_party", "commercial") == 1
    assert t3(after, "processed_total") == 2
    assert t3(after, "carried_forward") == 0


def test_changed_outcome_moves_the_application_between_rows(dept):
    app = ApplicationFactory(
        agency=dept, received_on=D(2023, 3, 1), closed=True, outcome="granted"
    )
    assert t3(report_build(agency=dept, year=2023), "granted") == 1
    Application.objects.filter(pk=app.pk).update(outcome="unavailable_not_held")
    report = report_build(agency=dept, year=2023)
    assert t3(report, "granted") == 0
    assert t3(report, "unavailable_not_held") == 1


def test_backdated_receipt_turns_a_new_application_into_carry_over(dept):
    app = ApplicationFactory(
        agency=dept,
        received_on=D(2023, 1, 3),
        status="closed",
        outcome="granted",
        answered_on=D(2023, 1, 20),
    )
    assert t3(report_build(agency=dept, year=2023), "new_received") == 1
    Application.objects.filter(pk=app.pk).update(received_on=D(2022, 12, 28))
    report_2023 = report_build(agency=dept, year=2023)
    report_2022 = report_build(agency=dept, year=2022)
    assert t3(report_2023, "new_received") == 0
    assert t3(report_2023, "carried_over") == 1
    assert t3(report_2023, "granted") == 1
    assert t3(report_2022, "new_received") == 1
    assert t3(report_2022, "carried_forward") == 1


def test_open_application_is_carried_forward(dept):
    ApplicationFactory(agency=dept, received_on=D(2023, 12, 20), in_progress=True)
    report = report_build(agency=dept, year=2023)
    assert t3(report, "new_received") == 1
    assert t3(report, "processed_total") == 0
    assert t3(report, "carried_forward") == 1
    assert t3(report_build(agency=dept, year=2024), "carried_over") == 1


def test_other_agencies_records_do_not_count(dept, tree):
    ApplicationFactory(agency=tree["b"], received_on=D(2023, 3, 1))
    assert t3(report_build(agency=dept, year=2023), "new_received") == 0


def test_table4_follows_the_appeals(dept):
    AppealFactory(agency=dept, filed_on=D(2023, 4, 1), decided=True)
    AppealFactory(agency=dept, kind="litigation_direct", filed_on=D(2023, 11, 1))
    report = report_build(agency=dept, year=2023)
    assert report.cell("table4.reconsideration.upheld") == 1
    assert report.cell("table4.reconsideration.total") == 1
    assert report.cell("table4.litigation_direct.pending") == 1
    assert "无因政府信息公开导致" not in report.sections["overview"]


@pytest.mark.parametrize("seed", range(3))
def test_carry_chain_holds_between_consecutive_built_years(dept, seed):
    import random

    rng = random.Random(seed)
    outcomes = [
        "granted",
        "partially_granted",
        "unavailable_not_held",
        "declined_duplicate",
    ]
    columns = [c for c in T3_COLUMNS if c != "total"]
    for _ in range(40):
        received = D(2021, 1, 1) + datetime.timedelta(days=rng.randrange(0, 1460))
        answered = (
            received + datetime.timedelta(days=rng.randrange(0, 90))
            if rng.random() < 0.8
            else None
        )
        ApplicationFactory(
            agency=dept,
            applicant_type=rng.choice(columns),
            received_on=received,
            status="closed" if answered else "in_progress",
            outcome=rng.choice(outcomes) if answered else "",
            answered_on=answered,
        )
    reports = {y: report_build(agency=dept, year=y) for y in (2021, 2022, 2023, 2024)}
    for year in (2022, 2023, 2024):
        findings = check_report(reports[year], previous=reports[year - 1])
        assert [f for f in findings if f.rule == "X.CARRY_CHAIN"] == []
        assert [f for f in findings if f.rule.startswith("T3.")] == []
        for column in T3_COLUMNS:
            assert t3(reports[year], "carried_over", column) == t3(
                reports[year - 1], "carried_forward", column
            )
    assert sum(t3(r, "new_received") for r in reports.values()) > 0


def test_override_replaces_the_computed_cell_and_keeps_it_beside(dept, clerk):
    ApplicationFactory(agency=dept, received_on=D(2023, 3, 1), closed=True)
    report = report_start(acting_user=clerk, agency=dept, year=2023)
    report_override_cell(
        acting_user=clerk,
        report=report,
        path="table3.new_received.natural_person",
        value=3,
        reason="本系统于 2023 年 7 月启用，此前收到的 2 件申请在纸质台账中。",
    )
    built = report_build_full(agency=dept, year=2023)
    assert built.report.cell("table3.new_received.natural_person") == 3
    assert built.computed.cell("table3.new_received.natural_person") == 1
    assert built.overrides["table3.new_received.natural_person"].computed_value == 1


def test_government_level_and_self_reference(tree):
    report = report_build(agency=tree["gov"], year=2023)
    assert report.level == "government"
    assert "我市" in report.sections["overview"]
