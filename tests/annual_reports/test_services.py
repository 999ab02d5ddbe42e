"""Workflow: draft → approve → publish → correct; permissions, refusals and audit."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from gongkai.annual_reports.build import report_build
from gongkai.annual_reports.checks import report_check
from gongkai.annual_reports.models import (
    AnnualReport,
    CellOverride,
    ReportSectionRevision,
    ReportStatus,
)
from gongkai.annual_reports.selectors import report_texts
from gongkai.annual_reports.services import (
    report_acknowledge_warning,
    report_approve,
    report_clear_override,
    report_new_version,
    report_override_cell,
    report_publish,
    report_reopen,
    report_save_draft,
    report_start,
)
from gongkai.audit.models import AuditEntry
from tests.factories.annual_reports import ImportedReportFactory, frozen_json
from tests.factories.cases import ApplicationFactory

D = datetime.date


def test_start_is_idempotent_and_checks_permission_and_year(dept, clerk, member):
    first = report_start(acting_user=clerk, agency=dept, year=2023)
    again = report_start(acting_user=clerk, agency=dept, year=2023)
    assert first.pk == again.pk
    assert AnnualReport.objects.count() == 1
    with pytest.raises(ValidationError):
        report_start(acting_user=clerk, agency=dept, year=2999)
    reviewer = member(dept, "reviewer")
    with pytest.raises(PermissionDenied):
        report_start(acting_user=reviewer, agency=dept, year=2022)
    assert AuditEntry.objects.filter(action="annual_report.start").count() == 1


def test_revisions_are_kept_and_the_latest_wins(dept, clerk):
    report = report_start(acting_user=clerk, agency=dept, year=2023)
    report_save_draft(acting_user=clerk, report=report, texts={"problems": "第一稿"})
    report_save_draft(acting_user=clerk, report=report, texts={"problems": "第二稿"})
    unchanged = report_save_draft(
        acting_user=clerk, report=report, texts={"problems": "第二稿"}
    )
    assert unchanged == []
    assert list(
        ReportSectionRevision.objects.filter(report=report).values_list(
            "text", flat=True
        )
    ) == ["第二稿", "第一稿"]
    assert report_build(agency=dept, year=2023).sections["problems"] == "第二稿"
    assert report_texts(report=report)["problems"].author == clerk


def test_saving_an_untouched_draft_keeps_it_drafted(dept, clerk):
    report = report_start(acting_user=clerk, agency=dept, year=2023)
    drafted = report_build(agency=dept, year=2023).sections["overview"]
    report_save_draft(acting_user=clerk, report=report, texts={"overview": drafted})
    ApplicationFactory(agency=dept, received_on=D(2023, 2, 1), closed=True)
    # Still drafted from the figures, so it follows the new application.
    assert (
        "收到 1 名自然人" in report_build(agency=dept, year=2023).sections["overview"]
    )


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("table3.granted.total", -1),
        ("table3.granted.total", "1.5"),
        ("table3.granted.total", "abc"),
        ("table9.granted.total", 1),
        ("table2.fees.amount_wan_yuan", "1.23456"),
    ],
)
def test_bad_override_is_refused_and_changes_nothing(dept, clerk, path, value):
    report = report_start(acting_user=clerk, agency=dept, year=2023)
    with pytest.raises(ValidationError):
        report_override_cell(
            acting_user=clerk, report=report, path=path, value=value, reason="理由"
        )
    assert not CellOverride.objects.exists()


def test_override_needs_a_reason_and_is_audited(dept, clerk):
    report = report_start(acting_user=clerk, agency=dept, year=2023)
    with pytest.raises(ValidationError):
        report_override_cell(
            acting_user=clerk,
            report=report,
            path="table2.licensing.decisions",
            value=74,
            reason="  ",
        )
    report_override_cell(
        acting_user=clerk,
        report=report,
        path="table2.fees.amount_wan_yuan",
        value="12.5",
        reason="收费数据来自财政部门。",
    )
    assert (
        str(report_build(agency=dept, year=2023).cell("table2.fees.amount_wan_yuan"))
        == "12.5"
    )
    entry = AuditEntry.objects.get(action="annual_report.override_cell")
    assert entry.after["reason"] == "收费数据来自财政部门。"
    assert entry.actor == clerk
    report_clear_override(
        acting_user=clerk, report=report, path="table2.fees.amount_wan_yuan"
    )
    assert not CellOverride.objects.exists()
    assert AuditEntry.objects.filter(action="annual_report.clear_override").exists()


def test_clerk_may_not_approve(dept, clerk, ready):
    report = ready()
    with pytest.raises(PermissionDenied):
        report_approve(acting_user=clerk, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_errors_block_approval_with_a_chinese_message(dept, clerk, head, ready):
    report = ready()
    report_override_cell(
        acting_user=clerk,
        report=report,
        path="table3.granted.total",
        value=5,
        reason="测试",
    )
    with pytest.raises(ValidationError) as refused:
        report_approve(acting_user=head, report=report)
    assert "错误" in refused.value.messages[0]
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.snapshot is None


def test_gaps_block_approval(dept, clerk, head, ready):
    report = ready()
    report_save_draft(
        acting_user=clerk,
        report=report,
        texts={"problems": "〔待填写：存在的主要问题〕"},
    )
    with pytest.raises(ValidationError) as refused:
        report_approve(acting_user=head, report=report)
    assert "待填写" in refused.value.messages[0]


def test_warnings_must_be_acknowledged_with_a_note(dept, clerk, head):
    report = report_start(acting_user=clerk, agency=dept, year=2023)
    from tests.annual_reports.conftest import FILLED

    report_save_draft(acting_user=clerk, report=report, texts=FILLED)
    result = report_check(report=report)
    blanks = [f for f in result.warnings if f.rule == "VAL.BLANK"]
    assert blanks and not result.errors
    with pytest.raises(ValidationError) as refused:
        report_approve(acting_user=head, report=report)
    assert "警告" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        report_acknowledge_warning(
            acting_user=clerk,
            report=report,
            rule=blanks[0].rule,
            where=blanks[0].where,
            note="",
        )
    with pytest.raises(ValidationError):
        report_acknowledge_warning(
            acting_user=clerk,
            report=report,
            rule="VAL.BLANK",
            where="nowhere",
            note="x",
        )
    for finding in blanks:
        report_acknowledge_warning(
            acting_user=clerk,
            report=report,
            rule=finding.rule,
            where=finding.where,
            note="本机关无此项职能，故空白。",
        )
    approved = report_approve(acting_user=head, report=report)
    assert approved.status == ReportStatus.APPROVED


def test_approval_freezes_and_publication_files_with_the_government(
    dept, clerk, head, ready
):
    ApplicationFactory(agency=dept, received_on=D(2023, 3, 1), closed=True)
    report = report_approve(acting_user=head, report=ready())
    assert report.snapshot["table3"]["new_received"]["total"] == 1
    ApplicationFactory(agency=dept, received_on=D(2023, 4, 1), closed=True)
    with pytest.raises(ValidationError):
        report_save_draft(acting_user=clerk, report=report, texts={"problems": "改"})
    published = report_publish(
        acting_user=head, report=report, published_on=D(2024, 1, 25)
    )
    assert published.status == ReportStatus.PUBLISHED
    assert published.snapshot["table3"]["new_received"]["total"] == 1
    assert published.snapshot["published_on"] == "2024-01-25"
    assert published.filed_with == dept.parent and published.filed_at is not None
    filed = AuditEntry.objects.get(action="annual_report.filed")
    assert filed.agency_id == dept.parent_id
    # The live build follows the records; the published numbers do not.
    assert report_build(agency=dept, year=2023).cell("table3.new_received.total") == 2
    with pytest.raises(ValidationError):
        report_publish(acting_user=head, report=published)


def test_late_publication_is_recorded_as_a_warning(dept, head, ready):
    report = report_approve(acting_user=head, report=ready())
    published = report_publish(
        acting_user=head, report=report, published_on=D(2024, 3, 1)
    )
    assert "PUB.LATE" in {f["rule"] for f in published.findings}


def test_publication_date_cannot_be_in_the_report_year(dept, head, ready):
    report = report_approve(acting_user=head, report=ready())
    with pytest.raises(ValidationError):
        report_publish(acting_user=head, report=report, published_on=D(2023, 12, 31))


def test_reopen_returns_an_approved_report_to_draft(dept, head, ready):
    report = report_approve(acting_user=head, report=ready())
    reopened = report_reopen(acting_user=head, report=report)
    assert reopened.status == ReportStatus.DRAFT and reopened.snapshot is None


def test_correction_needs_a_new_version_with_a_note(dept, clerk, head, ready):
    report = report_publish(
        acting_user=head,
        report=report_approve(acting_user=head, report=ready()),
        published_on=D(2024, 1, 20),
    )
    with pytest.raises(ValidationError):
        report_new_version(acting_user=clerk, report=report, correction_note=" ")
    v2 = report_new_version(
        acting_user=clerk, report=report, correction_note="更正表三自然人申请数。"
    )
    assert v2.version == 2 and v2.status == ReportStatus.DRAFT
    assert set(report_texts(report=v2)) == set(report_texts(report=report))
    assert v2.overrides.count() == report.overrides.count()
    with pytest.raises(ValidationError):
        report_new_version(acting_user=clerk, report=report, correction_note="再次")
    report_publish(
        acting_user=head,
        report=report_approve(acting_user=head, report=v2),
        published_on=D(2024, 2, 5),
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.SUPERSEDED


def test_imported_previous_year_feeds_the_carry_chain(dept, clerk, head, ready):
    ImportedReportFactory(
        agency=dept, year=2022, data=frozen_json(dept, 2022, carried_forward=2)
    )
    report = ready()
    result = report_check(report=report)
    assert result.has_previous
    assert {f.rule for f in result.errors} == {"X.CARRY_CHAIN"}
    with pytest.raises(ValidationError):
        report_approve(acting_user=head, report=report)


def test_published_previous_year_is_preferred_to_an_imported_one(dept, head, ready):
    ImportedReportFactory(
        agency=dept, year=2022, data=frozen_json(dept, 2022, carried_forward=2)
    )
    previous = report_approve(acting_user=head, report=ready(year=2022))
    report_publish(acting_user=head, report=previous, published_on=D(2023, 1, 20))
    result = report_check(report=ready(year=2023))
    assert not [f for f in result.errors if f.rule == "X.CARRY_CHAIN"]
