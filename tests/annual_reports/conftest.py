from __future__ import annotations

import pytest

from gongkai.annual_reports.build import report_build_full
from gongkai.annual_reports.services import (
    report_override_cell,
    report_save_draft,
    report_start,
)
from tests.factories import AgencyFactory


@pytest.fixture
def dept(db):
    gov = AgencyFactory(government=True, name="甲市人民政府")
    return AgencyFactory(name="甲市司法局", parent=gov, website="https://example.org/")


@pytest.fixture
def clerk(dept, member):
    return member(dept, "clerk", username="clerk")


@pytest.fixture
def head(dept, member):
    return member(dept, "head", username="head")


FILLED = {
    "overview": "2023 年，我局认真贯彻落实条例。（一）主动公开情况。…",
    "problems": "存在的主要问题：宣传有待加强。改进措施：加大宣传力度。",
    "other": "（一）工作要点已落实。\n（二）信息处理费收取情况。本机关 2023 年未收取政府信息处理费。",
}


@pytest.fixture
def ready(dept, clerk):
    """make(year=2023) -> a draft of ``dept`` with its gaps written and every blank
    table-2 cell overridden (figures kept outside the system), ready to approve."""

    def make(year=2023):
        report = report_start(acting_user=clerk, agency=dept, year=year)
        built = report_build_full(agency=dept, year=year, report=report)
        for path in (
            f"table2.{row}.{cell}"
            for row, cells in built.report.table2.items()
            for cell, value in cells.items()
            if value is None
        ):
            report_override_cell(
                acting_user=clerk,
                report=report,
                path=path,
                value=0,
                reason="该项数据由其他系统统计，本年度为 0。",
            )
        report_save_draft(acting_user=clerk, report=report, texts=FILLED)
        return report

    return make
