"""A people's government's report sums its own and its departments' figures."""

import datetime

import pytest

from gongkai.annual_reports.aggregation import (
    DRAFT,
    IMPORTED,
    MISSING,
    OWN,
    PUBLISHED,
    aggregate_government,
    aggregation_scope,
)
from gongkai.annual_reports.build import report_build
from gongkai.annual_reports.services import (
    aggregation_scope_set,
    report_approve,
    report_override_cell,
    report_publish,
    report_start,
)
from gongkai.audit.models import AuditEntry
from gongkai.report.rules import check_report
from tests.factories import AgencyFactory
from tests.factories.annual_reports import ImportedReportFactory, frozen_json
from tests.factories.cases import AppealFactory, ApplicationFactory

D = datetime.date


def received(agency, n, **kwargs):
    for _ in range(n):
        ApplicationFactory(agency=agency, received_on=D(2023, 3, 1), **kwargs)


@pytest.fixture
def city(dept, member):
    """甲市: the government, 司法局 (dept), 民政局, 交通局, 市监局, and a sub-unit."""
    gov = dept.parent
    return {
        "gov": gov,
        "justice": dept,
        "civil": AgencyFactory(name="甲市民政局", parent=gov),
        "transport": AgencyFactory(name="甲市交通运输局", parent=gov),
        "market": AgencyFactory(name="甲市市场监督管理局", parent=gov),
        "notary": AgencyFactory(name="甲市公证处", parent=dept, kind="subunit"),
        "gov_head": member(gov, "head", username="gov_head"),
    }


def test_sum_of_departments_with_one_missing(city, clerk, head, ready, member):
    gov, justice, civil = city["gov"], city["justice"], city["civil"]
    received(gov, 1, closed=True)  # the government's own application
    received(justice, 2, closed=True, outcome="partially_granted")
    received(civil, 3, in_progress=True)
    received(city["market"], 5, closed=True)  # its report is not started: missing
    AppealFactory(agency=civil, filed_on=D(2023, 6, 1))
    # 司法局 publishes; 民政局 keeps a draft; 交通局 imported a report (not in system).
    report_publish(
        acting_user=head,
        report=report_approve(acting_user=head, report=ready()),
        published_on=D(2024, 1, 20),
    )
    civil_clerk = member(civil, "clerk")
    report_start(acting_user=civil_clerk, agency=civil, year=2023)
    ImportedReportFactory(
        agency=city["transport"],
        year=2023,
        data=frozen_json(city["transport"], 2023, carried_forward=4),
    )
    # A record added after publication changes nothing in the published figures.
    received(justice, 1, closed=True)

    result = aggregate_government(government=gov, year=2023)
    sources = {c.agency.name: c.source for c in result.contributions}
    assert sources == {
        "甲市人民政府": OWN,
        "甲市司法局": PUBLISHED,
        "甲市民政局": DRAFT,
        "甲市交通运输局": IMPORTED,
        "甲市市场监督管理局": MISSING,
    }
    assert [a.name for a in result.missing] == ["甲市市场监督管理局"]
    total = result.report
    assert total.level == "government"
    assert total.cell("table3.new_received.total") == 1 + 2 + 3 + 4
    assert total.cell("table3.partially_granted.total") == 2
    assert total.cell("table3.granted.total") == 1
    assert total.cell("table3.carried_forward.total") == 3 + 4
    assert total.cell("table4.reconsideration.pending") == 1
    # The published report's overrides made table 2 zero; the government's and the
    # draft's own table 2 are blank until entered: the sum is blank, never guessed.
    assert total.cell("table2.licensing.decisions") is None
    findings = check_report(total)
    assert not [f for f in findings if f.rule.startswith("T3.")]
    assert "VAL.BLANK" in {f.rule for f in findings}


def test_a_draft_with_overrides_counts_with_its_overrides(city, member):
    civil = city["civil"]
    received(civil, 2, closed=True)
    civil_clerk = member(civil, "clerk")
    draft = report_start(acting_user=civil_clerk, agency=civil, year=2023)
    for column in ("natural_person", "total"):
        for row in ("new_received", "granted", "processed_total"):
            report_override_cell(
                acting_user=civil_clerk,
                report=draft,
                path=f"table3.{row}.{column}",
                value=5,
                reason="上半年的申请登记在纸质台账中。",
            )
    total = aggregate_government(government=city["gov"], year=2023).report
    assert total.cell("table3.new_received.total") == 5
    assert total.cell("table3.granted.natural_person") == 5


def test_scope_is_configurable_and_audited(city, tree):
    gov = city["gov"]
    default = aggregation_scope(government=gov)
    assert {a.name for a in default} == {
        "甲市人民政府",
        "甲市司法局",
        "甲市民政局",
        "甲市交通运输局",
        "甲市市场监督管理局",
    }
    aggregation_scope_set(
        acting_user=city["gov_head"],
        government=gov,
        included=[gov, city["justice"], city["notary"]],
    )
    assert [a.name for a in aggregation_scope(government=gov)] == [
        "甲市人民政府",
        "甲市公证处",
        "甲市司法局",
    ]
    assert AuditEntry.objects.filter(action="annual_report.aggregation_scope").exists()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        aggregation_scope_set(
            acting_user=city["gov_head"], government=gov, included=[tree["other"]]
        )


def test_government_report_is_built_from_the_aggregation(city, member):
    received(city["gov"], 1, closed=True)
    received(city["justice"], 2, closed=True)
    report_start(
        acting_user=member(city["justice"], "clerk"), agency=city["justice"], year=2023
    )
    report = report_build(agency=city["gov"], year=2023)
    assert report.cell("table3.new_received.total") == 3
    assert "我市" in report.sections["overview"]
    assert "收到政府信息公开申请 3 件" in report.sections["overview"]
    assert not [f for f in check_report(report) if f.rule.startswith("TXT.")]
