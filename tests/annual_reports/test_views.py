"""Back-office journeys through the annual report workspace, as full HTTP requests."""

import datetime
from pathlib import Path

from gongkai.annual_reports.models import (
    AnnualReport,
    CellOverride,
    ImportedReport,
    ReportSectionRevision,
    ReportStatus,
    WarningAcknowledgement,
)
from gongkai.annual_reports.services import report_approve, report_publish, report_start
from tests.factories import AgencyFactory
from tests.factories.cases import ApplicationFactory

D = datetime.date
SEED_TXT = (
    Path(__file__).parents[1]
    / "fixtures"
    / "reports"
    / ("zhongwei-justice-bureau-2023-annual-report.txt")
)


def editor_url(report):
    return f"/admin/gongkai/reports/{report.pk}/"


def test_clerk_starts_a_report_and_sees_the_drafted_text(client, dept, clerk):
    ApplicationFactory(agency=dept, received_on=D(2023, 3, 1), closed=True)
    client.force_login(clerk)
    page = client.get("/admin/gongkai/reports/")
    assert page.status_code == 200
    response = client.post("/admin/gongkai/reports/", {"agency": dept.pk, "year": 2023})
    report = AnnualReport.objects.get(agency=dept, year=2023)
    assert response.status_code == 302 and response["Location"] == editor_url(report)
    # Posting the form twice opens the same report.
    client.post("/admin/gongkai/reports/", {"agency": dept.pk, "year": 2023})
    assert AnnualReport.objects.filter(agency=dept).count() == 1
    body = client.get(editor_url(report)).content.decode()
    assert "收到 1 名自然人申请公开政府信息 1 件" in body
    assert "检查结果" in body and "待填写" in body
    assert 'data-cell="table3.new_received.total"' in body


def test_bad_year_is_refused_in_chinese(client, dept, clerk):
    client.force_login(clerk)
    body = client.post(
        "/admin/gongkai/reports/", {"agency": dept.pk, "year": 2999}
    ).content.decode()
    assert "报告年度须在" in body
    assert not AnnualReport.objects.exists()


def test_saving_texts_keeps_revisions(client, dept, clerk):
    report = report_start(acting_user=clerk, agency=dept, year=2023)
    client.force_login(clerk)
    response = client.post(f"{editor_url(report)}save/", {"problems": "宣传有待加强。"})
    assert response.status_code == 302
    client.post(f"{editor_url(report)}save/", {"problems": "宣传仍有待加强。"})
    assert ReportSectionRevision.objects.filter(report=report).count() == 2
    history = client.get(f"{editor_url(report)}history/problems/").content.decode()
    assert "宣传有待加强。" in history and "宣传仍有待加强。" in history


def test_refused_override_keeps_what_was_entered(client, dept, clerk):
    report = report_start(acting_user=clerk, agency=dept, year=2023)
    client.force_login(clerk)
    response = client.post(
        f"{editor_url(report)}override/",
        {"path": "table3.granted.total", "value": "-3", "reason": "台账记录补录"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "数值不能为负数" in body
    assert 'value="-3"' in body and "台账记录补录" in body
    assert not CellOverride.objects.exists()


def test_override_shows_computed_beside_it(client, dept, clerk):
    report = report_start(acting_user=clerk, agency=dept, year=2023)
    client.force_login(clerk)
    client.post(
        f"{editor_url(report)}override/",
        {
            "path": "table2.licensing.decisions",
            "value": "74",
            "reason": "许可数据由政务服务平台统计。",
        },
    )
    body = client.get(editor_url(report)).content.decode()
    assert "gk-overridden" in body and "许可数据由政务服务平台统计。" in body
    assert "计算值：—" in body


def test_acknowledging_a_warning(client, dept, clerk):
    report = report_start(acting_user=clerk, agency=dept, year=2023)
    client.force_login(clerk)
    response = client.post(
        f"{editor_url(report)}acknowledge/",
        {
            "prefix": "ack0",
            "ack0-rule": "VAL.BLANK",
            "ack0-where": "table2.penalties.decisions",
            "ack0-note": "本机关无行政处罚职能。",
        },
    )
    assert response.status_code == 302
    assert (
        WarningAcknowledgement.objects.get(report=report).note
        == "本机关无行政处罚职能。"
    )


def test_clerk_cannot_approve_and_head_can(client, dept, clerk, head, ready):
    report = ready()
    client.force_login(clerk)
    assert client.post(f"{editor_url(report)}approve/").status_code == 403
    client.force_login(head)
    client.post(f"{editor_url(report)}approve/")
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    client.post(f"{editor_url(report)}publish/", {"published_on": "2024-01-30"})
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert report.published_on == D(2024, 1, 30)


def test_refused_approval_is_explained(client, dept, head):
    report = report_start(acting_user=head, agency=dept, year=2023)
    client.force_login(head)
    body = client.post(f"{editor_url(report)}approve/", follow=True).content.decode()
    assert "报告不能审定" in body
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_other_agencies_reports_are_invisible(client, dept, clerk, tree, member):
    report = report_start(acting_user=clerk, agency=dept, year=2023)
    outsider = member(tree["b"], "clerk")
    client.force_login(outsider)
    assert client.get(editor_url(report)).status_code == 404
    assert (
        client.post(f"{editor_url(report)}save/", {"problems": "x"}).status_code == 404
    )
    assert dept.name not in client.get("/admin/gongkai/reports/").content.decode()


def test_supervisor_sees_the_dashboard_read_only(
    client, dept, clerk, head, ready, member
):
    government = dept.parent
    AgencyFactory(name="甲市民政局", parent=government)
    report = report_publish(
        acting_user=head,
        report=report_approve(acting_user=head, report=ready()),
        published_on=D(2024, 2, 3),
    )
    supervisor = member(government, "supervisor")
    client.force_login(supervisor)
    body = client.get(
        f"/admin/gongkai/reports/supervision/?agency={government.pk}&year=2023"
    ).content.decode()
    assert "甲市司法局" in body and "甲市民政局" in body
    assert "逾期 3 天发布" in body  # deadline 31 January
    assert "未开始" in body
    assert f"/admin/gongkai/reports/{report.pk}/check/" in body
    assert client.get(editor_url(report)).status_code == 200
    assert client.post(f"{editor_url(report)}new-version/", {}).status_code == 403
    check = client.get(f"/admin/gongkai/reports/{report.pk}/check/").content.decode()
    assert "PUB.LATE" in check


def test_trends_page_has_a_chart_and_a_table(client, dept, clerk):
    ApplicationFactory(agency=dept, received_on=D(2022, 5, 1), closed=True)
    report_start(acting_user=clerk, agency=dept, year=2022)
    client.force_login(clerk)
    body = client.get(f"/admin/gongkai/reports/trends/{dept.pk}/").content.decode()
    assert "<svg" in body and 'role="img"' in body
    assert "历年主要数据" in body and '<td class="gk-num">1</td>' in body


def test_aggregation_page_lists_missing_departments(client, dept, clerk, member):
    government = dept.parent
    AgencyFactory(name="甲市民政局", parent=government)
    report_start(acting_user=clerk, agency=dept, year=2023)
    client.force_login(member(government, "head"))
    body = client.get(
        f"/admin/gongkai/reports/aggregation/{government.pk}/2023/"
    ).content.decode()
    assert "缺报部门" in body and "甲市民政局" in body


def test_importing_a_published_report_through_the_checker(client, dept, member):
    justice = AgencyFactory(name="中卫市司法局")
    client.force_login(member(justice, "clerk"))
    with SEED_TXT.open("rb") as upload:
        response = client.post(
            "/admin/gongkai/reports/import/", {"agency": justice.pk, "file": upload}
        )
    assert response.status_code == 302
    imported = ImportedReport.objects.get(agency=justice)
    assert imported.year == 2023
    assert imported.data["table2"]["licensing"]["decisions"] == 74


def test_importing_another_agencys_report_is_refused(client, dept, clerk):
    client.force_login(clerk)
    with SEED_TXT.open("rb") as upload:
        response = client.post(
            "/admin/gongkai/reports/import/", {"agency": dept.pk, "file": upload}
        )
    assert response.status_code == 200
    assert "不是甲市司法局的报告" in response.content.decode()
    assert not ImportedReport.objects.exists()


def test_importing_an_unreadable_file_changes_nothing(client, dept, clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(clerk)
    upload = SimpleUploadedFile("x.pdf", b"not a pdf at all")
    response = client.post(
        "/admin/gongkai/reports/import/", {"agency": dept.pk, "file": upload}
    )
    assert response.status_code == 200
    assert not ImportedReport.objects.exists()
    assert 'role="alert"' in response.content.decode()


def _page_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_dashboard_and_list_queries_do_not_grow_with_agencies(client, dept, member):
    government = dept.parent
    supervisor = member(government, "supervisor")
    client.force_login(supervisor)
    urls = (
        f"/admin/gongkai/reports/supervision/?agency={government.pk}&year=2023",
        "/admin/gongkai/reports/",
    )

    def add_departments(n, start):
        for i in range(start, start + n):
            agency = AgencyFactory(name=f"甲市第{i}局", parent=government)
            clerk = member(agency, "clerk")
            report_start(acting_user=clerk, agency=agency, year=2023)

    add_departments(2, 0)
    few = [_page_queries(client, url) for url in urls]
    add_departments(10, 2)
    many = [_page_queries(client, url) for url in urls]
    assert many == few
