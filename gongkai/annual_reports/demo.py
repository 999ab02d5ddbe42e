"""Demo annual reports (演示数据): 中卫市司法局's 2023 report built from its demo records
and published; drafts for some fictional departments and the government, so that the
supervision dashboard and the aggregation have something to show. Idempotent.

The 司法局's texts are those of its real published 2023 report (the seed), saved as the
clerk's revisions; its tables come only from the demo records of the cases and
publications steps. The report is approved and published only if every rule passes:
nothing here overrides a figure.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError

from gongkai.core.demodata import DemoContext

from .checks import report_check
from .models import AnnualReport, ReportStatus
from .services import report_approve, report_publish, report_save_draft, report_start

ORDER = 60
YEAR = 2023
SEED_TEXTS = (
    Path(__file__).parent / "demo_data" / "zhongwei-justice-bureau-2023-texts.json"
)
JUSTICE = "中卫市司法局"
PUBLISHED_ON = datetime.date(2024, 1, 31)
# agency name -> username of the clerk who starts its draft.
DRAFTS = {
    "中卫市示范民政局（演示）": "mz_clerk",
    "中卫市示范交通运输局（演示）": "admin",
    "中卫市人民政府": "gov_supervisor",
}


def _mark_demo(report: AnnualReport) -> None:
    if not report.is_demo:
        AnnualReport.objects.filter(pk=report.pk).update(is_demo=True)


def _justice_bureau(ctx: DemoContext) -> None:
    agency = ctx.agencies[JUSTICE]
    clerk, head = ctx.users["sfj_clerk"], ctx.users["sfj_head"]
    report = report_start(acting_user=clerk, agency=agency, year=YEAR)
    _mark_demo(report)
    if report.status == ReportStatus.DRAFT:
        texts = json.loads(SEED_TEXTS.read_text(encoding="utf-8"))["sections"]
        report_save_draft(acting_user=clerk, report=report, texts=texts)
        result = report_check(report=report)
        if not result.may_approve:
            problems = [
                f"{f.rule} {f.where}" for f in result.errors + result.unacknowledged
            ]
            ctx.notes.append(
                f"{JUSTICE} {YEAR} 年度报告未能审定（演示数据）：{'；'.join(problems[:5])}"
            )
            return
        report = report_approve(acting_user=head, report=report)
    if report.status == ReportStatus.APPROVED:
        report = report_publish(
            acting_user=head, report=report, published_on=PUBLISHED_ON
        )
    ctx.notes.append(
        f"年度报告 / annual report: {JUSTICE} {YEAR} 已发布（演示数据），"
        f"见 /reports/{agency.pk}/{YEAR}/"
    )


def load(ctx: DemoContext) -> None:
    _justice_bureau(ctx)
    for name, username in DRAFTS.items():
        agency, user = ctx.agencies.get(name), ctx.users.get(username)
        if agency is None or user is None:
            continue
        try:
            _mark_demo(report_start(acting_user=user, agency=agency, year=YEAR))
        except ValidationError:  # the year lies in the future of this machine's clock
            continue
